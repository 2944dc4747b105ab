"""``reports/summary.md``: the key findings, what was read, and every figure."""

from __future__ import annotations

import re
from pathlib import Path

from maturity import text
from maturity.findings import key_findings
from maturity.privacy import SuppressionRatio, suppression_ratio
from maturity.sections import Section
from maturity.sections.survey import source_lines

__all__ = [
    "write_summary",
    "report_suppression",
    "privacy_lines",
    "markdown_text",
    "figure_captions",
]

#: Where the problem log is written (named in the summary).
PROBLEM_LOG = "data/processed/problems.csv"


#: Characters that start Markdown emphasis, code, links, images or table cells: backslashed.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")
#: ``<`` that can open an HTML tag, comment or autolink, and ``&`` that can open an entity.
_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=[A-Za-z#])")
#: What GitHub-flavoured Markdown turns into a link without brackets.
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=\bwww)(\.)")


def markdown_text(value: str) -> str:
    """Text from the input (organisation, statement, capability, risk names, and the sentences
    made with them) as Markdown that shows it and does nothing else: no raw HTML, no links, no
    images, no emphasis, no new lines.

    ``<`` before a letter, ``/``, ``!`` or ``?`` becomes ``&lt;`` and ``&`` before a letter or
    ``#`` becomes ``&amp;`` (so ``<script>`` and ``&#106;`` are shown, not parsed);
    ``\\ ` * _ [ ] | ~`` are backslashed (so ``[x](javascript:...)`` and ``![i](...)`` are
    plain text); the ``:`` of ``scheme://`` and the ``.`` after ``www`` are backslashed (no
    bare-URL link); line breaks become spaces (no heading or block from a second line). Text
    without these characters is returned unchanged (``p < 0,05`` stays as it is).

    Parameters
    ----------
    value : str

    Returns
    -------
    str

    Examples
    --------
    >>> markdown_text("<script>alert(1)</script> [x](javascript:alert(1)) p < 0,05")
    '&lt;script>alert(1)&lt;/script> \\\\[x\\\\](javascript:alert(1)) p < 0,05'
    """
    flat = re.sub(r"[\r\n]+", " ", value)
    escaped = _MARKDOWN.sub(r"\\\1", flat)
    escaped = _HTML.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", escaped)
    return _BARE_LINK.sub(lambda m: "\\" + m.group(0), escaped)


def _topic(name: str, lang: str) -> str:
    return text.translate_values([name], "report.topic_definite", lang)[0]


def _finding_lines(sections: list[Section], lang: str) -> list[str]:
    lines, current = [], None
    for finding in key_findings(sections):
        if finding.topic != current:
            current = finding.topic
            lines += ["", f"**{markdown_text(_topic(current, lang))}**", ""]
        lines.append(f"- {markdown_text(finding.sentence)}")
    return lines


def report_suppression(sections: list[Section], *, min_n: int = 5) -> SuppressionRatio:
    """The report's one suppression ratio: :func:`maturity.privacy.suppression_ratio` over
    the published tables of every section (the workbook and the summary both show it).

    Examples
    --------
    >>> report_suppression([]).groups
    0
    """
    tables = {
        f"{section.name}.{name}": table
        for section in sections
        for name, table in section.published().items()
    }
    return suppression_ratio(tables, min_n=min_n)


def privacy_lines(sections: list[Section], *, min_n: int = 5, lang: str = "sv") -> list[str]:
    """The suppression rule and the report's suppression ratio, as two sentences.

    Examples
    --------
    >>> privacy_lines([], lang="en")[1]
    '0 of 0 published groups are suppressed: 0 have fewer than 5 people and 0 are hidden \
secondarily.'
    """
    ratio = report_suppression(sections, min_n=min_n)
    return [
        text.word("privacy.rule", lang, min_n=min_n),
        text.word("privacy.ratio", lang, min_n=min_n, **ratio.values()),
    ]


def _read_lines(sections: list[Section], min_n: int, lang: str) -> list[str]:
    lines = []
    for section in sections:
        c = section.counts
        if c:
            files = c.get("files", 0)
            counts = text.word(
                "report.counts",
                lang,
                label=_topic(section.name, lang),
                files=text.count(files, "report.files", lang),
                cells_read=c["cells_read"],
                accepted=c["accepted"],
                problems=text.count(c["problems"], "report.problems", lang),
            )
            lines.append(
                "- " + text.word("report.counts_see_log", lang, counts=counts, log=PROBLEM_LOG)
            )
    lines += ["- " + line for line in privacy_lines(sections, min_n=min_n, lang=lang)]
    sources = [s.tables["survey_sources"] for s in sections if "survey_sources" in s.tables]
    if sources and len(sources[0]):
        lines += ["", text.word("integrate.sources_heading", lang), ""]
        lines += ["- " + markdown_text(line) for line in source_lines(sources[0], lang=lang)]
    return lines


def figure_captions(sections: list[Section]) -> dict[str, str]:
    """Figure name → its caption (what it shows, in words), over every section.

    Examples
    --------
    >>> figure_captions([])
    {}
    """
    return {
        name: spec.caption
        for section in sections
        for name, spec in section.figures.items()
        if getattr(spec, "caption", "")
    }


def write_summary(
    sections: list[Section], result, path: Path, *, min_n: int = 5, lang: str = "sv"
) -> Path:
    """Write the Markdown summary next to the figures (links are relative to ``path``).

    Examples
    --------
    >>> write_summary(sections, result, Path("reports/summary.md"))  # doctest: +SKIP
    """
    lines = [f"# {text.word('report.title', lang)}", ""]
    lines += [f"## {text.word('report.key_findings', lang)}", ""]
    lines += _finding_lines(sections, lang)
    lines += ["", f"## {text.word('report.what_was_read', lang)}", ""]
    lines += _read_lines(sections, min_n, lang)
    lines += ["", f"## {text.word('report.figures', lang)}", ""]
    captions = figure_captions(sections)
    for figure in sorted(p for p in result.figures if p.suffix == ".png"):
        relative = figure.relative_to(path.parent) if figure.is_relative_to(path.parent) else figure
        caption = markdown_text(captions.get(figure.stem, "")) or text.word(
            "report.figure_untitled", lang
        )
        lines += [f"### {caption}", "", f"![{caption}]({relative.as_posix()})", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path
