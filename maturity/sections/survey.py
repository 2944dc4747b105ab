"""The survey section: codebook and exports in; responses, statistics, figures, findings out.

The published statistics describe the latest wave; ``change`` compares the first and the latest
wave when there are two or more. Every published table passes through the suppression rule of
:mod:`maturity.privacy` (groups with fewer than ``min_n`` respondents show no statistics).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from maturity import stats, text
from maturity.findings.finding import upper_first
from maturity.findings.survey import same_statements, survey_findings
from maturity.io.survey import read_survey
from maturity.plots.spec import FigureSpec
from maturity.privacy import organisation_suppression, suppression_ratio
from maturity.sections import Section, read_parts

__all__ = ["build", "survey_section", "survey_tables", "source_table", "source_lines"]


def survey_tables(responses: pd.DataFrame, *, min_n: int = 5, codebook) -> dict[str, pd.DataFrame]:
    """The published survey statistics (all suppressed under ``min_n``).

    Examples
    --------
    >>> tables = survey_tables(survey.responses, codebook=survey.codebook)  # doctest: +SKIP
    >>> sorted(tables)                                             # doctest: +SKIP
    ['survey_across_organisations', 'survey_alpha', ...]
    """
    waves = sorted(int(w) for w in responses["wave"].unique())
    latest = responses[responses["wave"] == waves[-1]] if waves else responses
    tables = {
        "survey_statements": stats.describe(
            latest, by=["role", "statement"], min_n=min_n, codebook=codebook
        ),
        "survey_statements_by_wave": stats.describe(
            responses, by=["wave", "role", "statement"], min_n=min_n, codebook=codebook
        ),
        "survey_dimensions": stats.describe(
            latest, by=["role", "dimension"], min_n=min_n, codebook=codebook
        ),
        "survey_across_organisations": stats.across_organisations(
            latest, by=["role", "statement"], min_n=min_n, codebook=codebook
        ),
        "survey_organisations": stats.describe(
            latest, by=["organisation", "role", "dimension"], min_n=min_n, codebook=codebook
        ),
        "survey_ranking": stats.rank_statements(latest, k=3, min_n=min_n, codebook=codebook),
        "survey_midpoint_test": stats.midpoint_test(latest, codebook=codebook, min_n=min_n),
        "survey_midpoint_summary": stats.midpoint_summary(latest, codebook=codebook, min_n=min_n),
    }
    present = [r for r in codebook.roles if r in set(latest["role"].dropna().astype(str))]
    pairs = [(a, b) for i, a in enumerate(present) for b in present[i + 1 :]]
    if pairs:
        tables["survey_role_gap"] = pd.concat(
            [
                stats.compare_roles(
                    latest, by="dimension", roles=pair, min_n=min_n, codebook=codebook
                )
                for pair in pairs
            ],
            ignore_index=True,
        )
    alpha = stats.reliability(latest, by=["role", "dimension"], min_n=min_n, codebook=codebook)
    tables["survey_alpha"] = alpha.scales
    tables["survey_alpha_items"] = alpha.items
    if len(waves) >= 2:
        tables["survey_change"] = stats.change(
            responses,
            from_wave=waves[0],
            to_wave=waves[-1],
            by=["role", "statement"],
            min_n=min_n,
            codebook=codebook,
        )
        tables["survey_change_dimensions"] = stats.change(
            responses,
            from_wave=waves[0],
            to_wave=waves[-1],
            by=["role", "dimension"],
            min_n=min_n,
            codebook=codebook,
        )
    return tables


def _slug(text: str, sep: str = "") -> str:
    """ASCII file-name part: 'förvaltningschef' -> 'forvaltningschef', 'IT-chef' -> 'itchef';
    with ``sep="_"``: 'Teknik och säkerhet' -> 'teknik_och_sakerhet'."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.casefold()).strip("_")


def _different_statements(role_gaps: pd.DataFrame, codebook) -> bool:
    """Does any compared dimension hold different statements for the two roles?"""
    return any(
        not same_statements(codebook, row.role_1, row.role_2, row.dimension)
        for row in role_gaps.itertuples(index=False)
    )


def _role_gap_figures(
    dimensions, roles, options, labels, plurals, *, role_gaps, codebook
) -> dict[str, FigureSpec]:
    """One dumbbell figure per pair of roles; two roles give the one figure ``enkat_roller``.
    Each says so when the pair's dimensions hold different statements for the two roles."""
    pairs = [(a, b) for i, a in enumerate(roles) for b in roles[i + 1 :]]
    figures = {}
    for pair in pairs:
        name = "enkat_roller"
        if len(pairs) > 1:
            name = f"enkat_roller_{_slug(pair[0])}_{_slug(pair[1])}"
        figures[name] = FigureSpec(
            "maturity.plots.survey:role_gap",
            (dimensions,),
            {
                **options,
                "roles": pair,
                "role_labels": labels,
                "title_labels": plurals,
                "different_statements": _different_statements(
                    role_gaps[
                        (role_gaps["role_1"].astype(str) == pair[0])
                        & (role_gaps["role_2"].astype(str) == pair[1])
                    ],
                    codebook,
                ),
            },
        )
    return figures


def _figures(responses, tables, codebook, *, lang: str, min_n: int) -> dict[str, FigureSpec]:
    waves = sorted(int(w) for w in responses["wave"].unique())
    latest = responses[responses["wave"] == waves[-1]]
    midpoint = codebook.midpoint
    scale = (codebook.scale_min, codebook.scale_max)
    figures: dict[str, FigureSpec] = {}
    labels = text.role_names(codebook.roles, lang, codebook=codebook)
    plurals = text.role_names(codebook.roles, lang, codebook=codebook, form="plural")
    present = set(latest["role"].dropna().astype(str))
    for role in [r for r in codebook.roles if r in present]:
        slug = _slug(role)
        figures[f"enkat_fordelning_{slug}"] = FigureSpec(
            "maturity.plots.survey:diverging_bars",
            (latest,),
            {
                "codebook": codebook,
                "role": role,
                "min_n": min_n,
                "role_labels": labels,
                "lang": lang,
            },
        )
        # one slide per dimension: at most a handful of statements each
        asked = codebook.statements[codebook.statements["role"] == role]
        for dimension, group in asked.groupby("dimension", sort=True):
            ids = group["statement"].tolist()
            heading = f"{upper_first(labels[role])}: {dimension}"
            figures[f"enkat_fordelning_{slug}_{_slug(dimension, '_')}"] = FigureSpec(
                "maturity.plots.survey:diverging_bars",
                (latest,),
                {
                    "codebook": codebook,
                    "role": role,
                    "statements": ids,
                    "min_n": min_n,
                    "role_labels": labels,
                    "lang": lang,
                    "title": heading,
                },
            )
        figures[f"enkat_medel_{slug}"] = FigureSpec(
            "maturity.plots.survey:mean_ci",
            (tables["survey_statements"],),
            {
                "midpoint": midpoint,
                "role": role,
                "lang": lang,
                "min_n": min_n,
                "scale": scale,
                "role_labels": labels,
            },
        )
    if "survey_role_gap" in tables:
        figures.update(
            _role_gap_figures(
                tables["survey_dimensions"],
                [r for r in codebook.roles if r in present],
                {"lang": lang, "min_n": min_n, "scale": scale, "midpoint": midpoint},
                labels,
                plurals,
                role_gaps=tables["survey_role_gap"],
                codebook=codebook,
            )
        )
    figures["enkat_organisationer"] = FigureSpec(
        "maturity.plots.survey:organisation_heatmap",
        (tables["survey_organisations"],),
        {"lang": lang, "min_n": min_n, "scale": scale, "role_labels": labels},
    )
    if "survey_change" in tables:
        # per dimension fits a slide; per statement is the full page behind it
        figures["enkat_forandring"] = FigureSpec(
            "maturity.plots.survey:wave_change",
            (tables["survey_change_dimensions"],),
            {"lang": lang, "min_n": min_n, "role_labels": labels},
        )
        figures["enkat_forandring_pastaenden"] = FigureSpec(
            "maturity.plots.survey:wave_change",
            (tables["survey_change"],),
            {"lang": lang, "min_n": min_n, "role_labels": labels},
        )
    return figures


def survey_section(survey, *, min_n: int = 5, codebook=None, lang: str = "sv") -> Section:
    """The survey's part of the report from a read survey: tables, figures and findings.

    Parameters
    ----------
    survey : Survey
        What :func:`maturity.read_survey` returned.
    min_n : int
        Groups with fewer respondents are suppressed in every published table.
    codebook : Codebook, optional
        Default: the codebook the survey was read with (``survey.codebook``).
    lang : {"sv", "en"}

    Returns
    -------
    Section
        ``name="survey"``; the unpublished ``responses`` and ``statements`` and the tables of
        :func:`survey_tables`, the figures, the problems and the findings of
        :func:`maturity.findings.survey_findings`.

    Examples
    --------
    >>> import maturity as mt
    >>> codebook = mt.read_codebook("data/raw/kodbok.xlsx")          # doctest: +SKIP
    >>> survey = mt.read_survey(["data/raw/enkat_2022"], codebook)   # doctest: +SKIP
    >>> section = mt.survey_section(survey, lang="en")               # doctest: +SKIP
    >>> section.findings[0].sentence                                 # doctest: +SKIP
    """
    codebook = survey.codebook if codebook is None else codebook
    section = Section(
        name="survey",
        tables={"responses": survey.responses, "statements": codebook.statements},
        **read_parts(survey, accepted=len(survey.responses), files=len(survey.files), lang=lang),
        unpublished=frozenset({"responses", "statements"}),
    )
    if len(survey.responses) == 0:
        section.tables["survey_sources"] = source_table(survey.sources)
        return section
    tables = survey_tables(survey.responses, min_n=min_n, codebook=codebook)
    section.tables.update(tables)
    # the one decision per organisation, wave and role (what every per-organisation table
    # applies), kept for the profiles' per-wave figures; keys and counts only
    section.tables["survey_organisation_suppression"] = organisation_suppression(
        survey.responses, by=["wave", "role"], min_n=min_n
    )
    section.unpublished = section.unpublished | {"survey_organisation_suppression"}
    section.findings = survey_findings(
        tables["survey_statements"],
        tables["survey_across_organisations"],
        tables["survey_midpoint_test"],
        role_gaps=tables.get("survey_role_gap"),
        changed=tables.get("survey_change"),
        by_organisation=tables["survey_organisations"],
        suppression=suppression_ratio(section.published(), min_n=min_n),
        min_n=min_n,
        codebook=codebook,
        lang=lang,
    )
    section.figures = _figures(survey.responses, tables, codebook, lang=lang, min_n=min_n)
    section.tables["survey_sources"] = source_table(survey.sources)  # after the statistics
    return section


def source_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The published ``survey_sources`` table: one row per sheet read (``source`` is
    ``file:sheet``, as in the problem log), where its wave, organisation and role came from
    (:attr:`maturity.io.survey.Survey.sources`); the wave a whole number, empty when each
    row's own column gives it.

    Examples
    --------
    >>> from maturity.io.survey import SOURCE_COLUMNS
    >>> row = ["a.csv", "a", 2024.0, "file_name", None, "column", "chef", "single_role"]
    >>> table = source_table(pd.DataFrame([row], columns=SOURCE_COLUMNS))
    >>> table[["source", "wave"]].values.tolist()
    [['a.csv:a', 2024]]
    """
    table = sources.reset_index(drop=True).drop(columns=["file", "sheet"])
    table.insert(0, "source", (sources["file"] + ":" + sources["sheet"]).tolist())
    table["wave"] = pd.array(table["wave"], dtype="Int64")
    return table


def source_lines(table: pd.DataFrame, *, lang: str = "sv") -> list[str]:
    """One line per file read: where its wave, organisation and role came from (the values of
    its sheets together: one role per sheet), from the table of :func:`source_table`.

    Examples
    --------
    >>> from maturity.io.survey import SOURCE_COLUMNS
    >>> rows = [["a.xlsx", s, 2024, "file_name", "Tanum", "file_name", s, "sheet_name"]
    ...         for s in ("chef", "IT-chef")]
    >>> source_lines(source_table(pd.DataFrame(rows, columns=SOURCE_COLUMNS)), lang="en")
    ['a.xlsx: wave 2024 (the file or folder name), organisation Tanum (the file or folder name), role chef, IT-chef (the sheet name)']
    """
    lines = []
    files = table["source"].str.rsplit(":", n=1).str[0]  # no sheet name holds a colon
    for file, rows in table.groupby(files, sort=False):
        said = [_source_part(rows, name, lang) for name in ("wave", "organisation", "role")]
        lines.append(f"{file}: " + ", ".join(said))
    return lines


def _source_part(rows: pd.DataFrame, name: str, lang: str) -> str:
    """``role chef, IT-chef (the sheet name)``, ``role from a column of the file``."""
    what = text.word(f"integrate.{name}", lang)
    parts = []
    for origin, same in rows.groupby(f"{name}_from", sort=False):
        how = text.word(f"value.source_from.{origin}", lang)
        values = [str(v) for v in dict.fromkeys(same[name]) if not pd.isna(v)]
        if origin in ("column", "missing") or not values:
            parts.append(text.word("integrate.source_without_value", lang, what=what, how=how))
        else:
            value = ", ".join(values)
            parts.append(
                text.word("integrate.source_with_value", lang, what=what, value=value, how=how)
            )
    return "; ".join(parts)


def build(
    paths: list[Path],
    *,
    codebook,
    min_n: int = 5,
    lang: str = "sv",
    progress: Callable[[str], None] | None = None,
    secret: Callable[[], bytes] | None = None,
) -> Section:
    """The survey stage: read and validate the exports, then :func:`survey_section`.

    Parameters
    ----------
    paths : list of Path
        Survey exports (files or folders, one wave each).
    codebook : Codebook
        The codebook the exports are read against.
    min_n : int
    lang : {"sv", "en"}
    progress : callable, optional
        Receives one line with what was read.
    secret : callable, optional
        Returns the key of the respondent pseudonyms (see :func:`maturity.read_survey`).

    Examples
    --------
    >>> codebook = read_codebook("data/raw/kodbok.xlsx")                # doctest: +SKIP
    >>> section = build([Path("data/raw/enkat_2022")], codebook=codebook)  # doctest: +SKIP
    """
    survey = read_survey(paths, codebook, secret=secret)
    if progress:
        progress(
            text.word(
                "cli.counts",
                lang,
                stage=text.word("report.topic.survey", lang),
                files=text.count(len(survey.files), "report.files", lang),
                cells_read=survey.cells_read,
                accepted=len(survey.responses),
                problems=text.count(len(survey.problems), "report.problems", lang),
            )
        )
    return survey_section(survey, min_n=min_n, codebook=codebook, lang=lang)
