"""The survey section: codebook and exports in; responses, statistics, figures, findings out.

The published statistics describe the latest wave; ``change`` compares the first and the latest
wave when there are two or more. Every published table passes through the suppression rule of
:mod:`maturity.privacy` (groups with fewer than ``min_n`` respondents show no statistics).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from maturity import stats
from maturity.findings.survey import survey_findings
from maturity.io.survey import read_codebook, read_survey
from maturity.plots.spec import FigureSpec
from maturity.sections import Section

__all__ = ["build", "survey_tables"]


def survey_tables(responses: pd.DataFrame, codebook, *, min_n: int = 5) -> dict[str, pd.DataFrame]:
    """The published survey statistics (all suppressed under ``min_n``).

    Examples
    --------
    >>> tables = survey_tables(survey.responses, survey.codebook)  # doctest: +SKIP
    >>> sorted(tables)                                             # doctest: +SKIP
    ['survey_across_organisations', 'survey_alpha', ...]
    """
    waves = sorted(int(w) for w in responses["wave"].unique())
    latest = responses[responses["wave"] == waves[-1]] if waves else responses
    tables = {
        "survey_statements": stats.describe(latest, by=["role", "statement"], min_n=min_n,
                                            codebook=codebook),
        "survey_statements_by_wave": stats.describe(responses, by=["wave", "role", "statement"],
                                                    min_n=min_n, codebook=codebook),
        "survey_dimensions": stats.describe(latest, by=["role", "dimension"], min_n=min_n,
                                            codebook=codebook),
        "survey_across_organisations": stats.across_organisations(
            latest, by=["role", "statement"], min_n=min_n, codebook=codebook),
        "survey_organisations": stats.describe(latest, by=["organisation", "role", "dimension"],
                                               min_n=min_n, codebook=codebook),
        "survey_ranking": stats.rank_statements(latest, k=3, min_n=min_n, codebook=codebook),
        "survey_midpoint_test": stats.midpoint_test(latest, codebook=codebook, min_n=min_n),
        "survey_midpoint_summary": stats.midpoint_summary(latest, codebook=codebook, min_n=min_n),
    }
    present = [r for r in codebook.roles if r in set(latest["role"].dropna().astype(str))]
    pairs = [(a, b) for i, a in enumerate(present) for b in present[i + 1:]]
    if pairs:
        tables["survey_role_gap"] = pd.concat(
            [stats.compare_roles(latest, by="dimension", roles=pair, min_n=min_n,
                                 codebook=codebook) for pair in pairs], ignore_index=True)
    alpha, items = stats.reliability(latest, by="dimension", min_n=min_n, codebook=codebook)
    tables["survey_alpha"] = alpha
    tables["survey_alpha_items"] = items
    if len(waves) >= 2:
        tables["survey_change"] = stats.change(responses, from_wave=waves[0], to_wave=waves[-1],
                                               by=["role", "statement"], min_n=min_n,
                                               codebook=codebook)
        tables["survey_change_dimensions"] = stats.change(
            responses, from_wave=waves[0], to_wave=waves[-1], by=["role", "dimension"],
            min_n=min_n, codebook=codebook)
    return tables


def _slug(text: str, sep: str = "") -> str:
    """ASCII file-name part: 'förvaltningschef' -> 'forvaltningschef', 'IT-chef' -> 'itchef';
    with ``sep="_"``: 'Teknik och säkerhet' -> 'teknik_och_sakerhet'."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.casefold()).strip("_")


def _figures(responses, tables, codebook, *, lang: str, min_n: int) -> dict[str, FigureSpec]:
    waves = sorted(int(w) for w in responses["wave"].unique())
    latest = responses[responses["wave"] == waves[-1]]
    midpoint = codebook.midpoint
    scale = (codebook.scale_min, codebook.scale_max)
    figures: dict[str, FigureSpec] = {}
    present = set(latest["role"].dropna().astype(str))
    for role in [r for r in codebook.roles if r in present]:
        slug = _slug(role)
        figures[f"enkat_fordelning_{slug}"] = (
            FigureSpec("maturity.plots.survey:diverging_bars", (latest,),
                       {"codebook": codebook, "role": role, "min_n": min_n, "lang": lang}))
        # one slide per dimension: at most a handful of statements each
        asked = codebook.statements[codebook.statements["role"] == role]
        for dimension, group in asked.groupby("dimension", sort=True):
            ids = group["statement"].tolist()
            heading = (f"{role.capitalize() if role.islower() else role}: {dimension}")
            figures[f"enkat_fordelning_{slug}_{_slug(dimension, '_')}"] = (
                FigureSpec("maturity.plots.survey:diverging_bars", (latest,),
                           {"codebook": codebook, "role": role, "statements": ids,
                            "min_n": min_n, "lang": lang, "title": heading}))
        figures[f"enkat_medel_{slug}"] = (
            FigureSpec("maturity.plots.survey:mean_ci", (tables["survey_statements"],),
                       {"midpoint": midpoint, "role": role, "lang": lang, "min_n": min_n,
                        "scale": scale}))
    if "survey_role_gap" in tables:
        figures["enkat_roller"] = FigureSpec(
            "maturity.plots.survey:role_gap", (tables["survey_dimensions"],),
            {"lang": lang, "min_n": min_n, "scale": scale, "midpoint": midpoint})
    figures["enkat_organisationer"] = FigureSpec(
        "maturity.plots.survey:organisation_heatmap", (tables["survey_organisations"],),
        {"lang": lang, "min_n": min_n, "scale": scale})
    if "survey_change" in tables:
        # per dimension fits a slide; per statement is the full page behind it
        figures["enkat_forandring"] = FigureSpec(
            "maturity.plots.survey:wave_change", (tables["survey_change_dimensions"],),
            {"lang": lang, "min_n": min_n})
        figures["enkat_forandring_pastaenden"] = FigureSpec(
            "maturity.plots.survey:wave_change", (tables["survey_change"],),
            {"lang": lang, "min_n": min_n})
    return figures


def build(
    codebook_path: Path,
    survey_paths: list[Path],
    *,
    lang: str = "sv",
    min_n: int = 5,
    progress: Callable[[str], None] | None = None,
) -> Section:
    """Read and validate the survey, then compute the published tables, figures and findings.

    Examples
    --------
    >>> section = build(Path("data/raw/kodbok.xlsx"), [Path("data/raw/enkat_2022")])  # doctest: +SKIP
    """
    codebook = read_codebook(codebook_path)
    if progress:
        progress(f"codebook {codebook_path.name}: {len(codebook.statements)} statements, "
                 f"roles {', '.join(codebook.roles)}")
    survey = read_survey(survey_paths, codebook)
    if progress:
        progress(f"survey: {len(survey.files)} files, {survey.cells_read} cells read, "
                 f"{len(survey.responses)} accepted, {len(survey.problems)} problems")
    section = Section(
        name="survey",
        tables={"responses": survey.responses, "statements": codebook.statements},
        problems=survey.problems,
        counts={"files": len(survey.files), "cells_read": survey.cells_read,
                "accepted": len(survey.responses), "problems": len(survey.problems)},
        context={"organisations": codebook.organisations, "codebook": codebook,
                 "survey": survey, "unpublished": {"responses", "statements"}},
    )
    if len(survey.responses) == 0:
        return section
    tables = survey_tables(survey.responses, codebook, min_n=min_n)
    section.tables.update(tables)
    per_org = tables["survey_organisations"]
    section.findings = survey_findings(
        tables["survey_ranking"],
        tables["survey_across_organisations"],
        tables["survey_midpoint_summary"],
        tables.get("survey_role_gap"),
        tables.get("survey_change"),
        {"min_n": min_n, "groups": len(per_org), "suppressed": int(per_org["suppressed"].sum()),
         "table": "survey_organisations"},
        lang=lang,
    )
    section.figures = _figures(survey.responses, tables, codebook, lang=lang, min_n=min_n)
    return section
