"""``reports/summary.md``: the key findings, what was read, and every figure."""

from __future__ import annotations

from pathlib import Path

from maturity.findings.survey import key_findings
from maturity.sections import Section

__all__ = ["write_summary"]

_TOPICS = {
    "sv": {"survey": "Enkäten", "capability": "Förmågekartan", "risk": "Riskregistret",
           "actionplan": "Handlingsplanen"},
    "en": {"survey": "The survey", "capability": "The capability map", "risk": "The risk register",
           "actionplan": "The action plan"},
}


def write_summary(sections: list[Section], result, path: Path, *, min_n: int = 5,
                  lang: str = "sv") -> Path:
    """Write the Markdown summary next to the figures (links are relative to ``path``).

    Examples
    --------
    >>> write_summary(sections, result, Path("reports/summary.md"))  # doctest: +SKIP
    """
    sv = lang == "sv"
    topics = _TOPICS["sv" if sv else "en"]
    lines = ["# Nulägesanalys av digital mognad" if sv else "# Digital maturity status analysis",
             ""]
    lines += ["## Viktigaste resultat" if sv else "## Key findings", ""]
    current = None
    for finding in key_findings(sections):
        if finding.topic != current:
            current = finding.topic
            lines += ["", f"**{topics.get(current, current)}**", ""]
        lines.append(f"- {finding.sentence}")
    lines += ["", "## Underlag" if sv else "## What was read", ""]
    for section in sections:
        c = section.counts
        if c:
            lines.append(
                f"- {topics.get(section.name, section.name)}: {c.get('files', 0)} "
                + (f"filer, {c['cells_read']} celler lästa, {c['accepted']} godtagna, "
                   f"{c['problems']} problem (se `data/processed/problems.csv`)" if sv else
                   f"files, {c['cells_read']} cells read, {c['accepted']} accepted, "
                   f"{c['problems']} problems (see `data/processed/problems.csv`)"))
    lines.append(
        f"- Grupper med färre än {min_n} svarande redovisas inte i någon tabell eller figur."
        if sv else f"- Groups with fewer than {min_n} respondents are not shown in any table or "
        "figure.")
    lines += ["", "## Figurer" if sv else "## Figures", ""]
    for figure in sorted(p for p in result.figures if p.suffix == ".png"):
        relative = figure.relative_to(path.parent) if figure.is_relative_to(path.parent) \
            else figure
        lines += [f"### {figure.stem}", "", f"![{figure.stem}]({relative.as_posix()})", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path
