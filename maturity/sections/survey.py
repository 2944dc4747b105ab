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
from maturity.plots.style import MAX_ROWS, with_wave
from maturity.plots.survey import answer_distribution
from maturity.privacy import organisation_suppression, suppression_ratio
from maturity.sections import Section, read_parts

__all__ = ["build", "survey_section", "survey_tables", "source_table", "source_lines"]


def survey_tables(
    responses: pd.DataFrame, *, min_n: int = 5, codebook, decision: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """The published survey statistics (all suppressed under ``min_n``).

    ``decision``, optional, is the one decision per organisation, wave and role,
    ``organisation_suppression(responses, by=["wave", "role"], min_n=min_n)``, when the caller
    has it: its latest wave is the decision the per-organisation tables apply (else made here).

    Examples
    --------
    >>> tables = survey_tables(survey.responses, codebook=survey.codebook)  # doctest: +SKIP
    >>> sorted(tables)                                             # doctest: +SKIP
    ['survey_across_organisations', 'survey_alpha', ...]
    """
    waves = sorted(int(w) for w in responses["wave"].unique())
    latest = responses[responses["wave"] == waves[-1]] if len(waves) > 1 else responses
    # the one decision per organisation and role, made once for both per-organisation tables
    if decision is not None and waves:
        units = decision[decision["wave"] == waves[-1]].drop(columns="wave")
    else:
        units = organisation_suppression(latest, by=["role"], min_n=min_n)
    statements = stats.describe(latest, by=["role", "statement"], min_n=min_n, codebook=codebook)
    tested = stats.midpoint_test(latest, codebook=codebook, min_n=min_n, described=statements)
    tables = {
        "survey_statements": statements,
        "survey_statements_by_wave": stats.describe(
            responses, by=["wave", "role", "statement"], min_n=min_n, codebook=codebook
        ),
        "survey_dimensions": stats.describe(
            latest, by=["role", "dimension"], min_n=min_n, codebook=codebook
        ),
        "survey_across_organisations": stats.across_organisations(
            latest, by=["role", "statement"], min_n=min_n, codebook=codebook, units=units
        ),
        "survey_organisations": stats.describe(
            latest,
            by=["organisation", "role", "dimension"],
            min_n=min_n,
            codebook=codebook,
            units=units,
        ),
        "survey_ranking": stats.rank_statements(
            latest, k=3, min_n=min_n, codebook=codebook, described=statements
        ),
        "survey_midpoint_test": tested,
        "survey_midpoint_summary": stats.midpoint_summary(
            latest, codebook=codebook, min_n=min_n, tested=tested
        ),
    }
    roles_found = {str(r) for r in latest["role"].dropna().unique()}  # not per row: 1.2 M rows
    present = [r for r in codebook.roles if r in roles_found]
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
        if "parallel" in codebook.statements:  # like with like: the declared parallel statements
            tables["survey_role_pairs"] = pd.concat(
                [
                    stats.compare_parallel(latest, roles=pair, min_n=min_n, codebook=codebook)
                    for pair in pairs
                ],
                ignore_index=True,
            )
    # alpha per wave, role and dimension (waves never pooled), beside every dimension score
    alpha = stats.reliability(
        responses, by=["wave", "role", "dimension"], min_n=min_n, codebook=codebook
    )
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
    return _with_alpha(tables, alpha.scales, waves)


def _with_alpha(tables: dict[str, pd.DataFrame], scales: pd.DataFrame, waves: list[int]):
    """Alpha, its CI and the ``reliable`` flag beside every dimension score of ``tables``
    (the latest wave's, and the first and latest wave's in the change table)."""
    wave_of = scales["wave"].astype(int) if len(scales) else scales["wave"]
    latest = scales[wave_of == waves[-1]] if waves else scales
    same = {"role": "role", "dimension": "dimension"}
    for name in ("survey_dimensions", "survey_organisations"):
        tables[name] = stats.add_reliability(tables[name], latest, keys=same)
    if "survey_role_gap" in tables and "dimension" in tables["survey_role_gap"]:
        for k in ("1", "2"):
            tables["survey_role_gap"] = stats.add_reliability(
                tables["survey_role_gap"],
                latest,
                keys={f"role_{k}": "role", "dimension": "dimension"},
                suffix=f"_{k}",
            )
    if "survey_change_dimensions" in tables:
        for end, wave in (("from", waves[0]), ("to", waves[-1])):
            tables["survey_change_dimensions"] = stats.add_reliability(
                tables["survey_change_dimensions"],
                scales[wave_of == wave],
                keys=same,
                suffix=f"_{end}",
            )
    return tables
    return tables


def _slug(text: str, sep: str = "") -> str:
    """ASCII file-name part: 'förvaltningschef' -> 'forvaltningschef', 'IT-chef' -> 'itchef';
    with ``sep="_"``: 'Teknik och säkerhet' -> 'teknik_och_sakerhet'."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.casefold()).strip("_")


def _alpha_label(dimension: str, alphas: list, reliable: list, lang: str) -> str:
    """A dimension's tick label with its alpha (one role) or both roles' alphas, marked when
    a scale is not reliable: "Styrning och ledning (α = 0,82)"."""
    if not alphas or any(pd.isna(a) for a in alphas):
        return dimension
    shown = [text.number(a, lang, digits=2) for a in alphas]
    low = "_low" if any(not pd.isna(r) and not bool(r) for r in reliable) else ""
    if len(shown) == 1:
        return text.word(f"figure.alpha_label{low}", lang, dimension=dimension, alpha=shown[0])
    return text.word(
        f"figure.alpha_pair{low}", lang, dimension=dimension, first=shown[0], second=shown[1]
    )


def _with_alpha_labels(
    table: pd.DataFrame, suffixes: list[str], lang: str, flags: list[str] | None = None
) -> pd.DataFrame:
    """``table`` with each ``dimension`` replaced by its label with alpha (the columns
    ``alpha{suffix}`` of each suffix, e.g. ``[""]`` or ``["_1", "_2"]``), marked unreliable when
    any ``reliable{flag}`` is False (``flags``: default the suffixes)."""
    if "dimension" not in table or f"alpha{suffixes[0]}" not in table:
        return table
    labels = [
        _alpha_label(
            str(row["dimension"]),
            [row[f"alpha{s}"] for s in suffixes],
            [row[f"reliable{s}"] for s in (suffixes if flags is None else flags)],
            lang,
        )
        for _, row in table.iterrows()
    ]
    return table.assign(dimension=labels)


def _role_alpha_labels(table: pd.DataFrame, dimensions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` (e.g. per organisation) with each ``dimension`` labelled with its role's alpha
    from ``dimensions`` (the role × dimension table), so that every row of a role and
    dimension, suppressed or not, carries the same label."""
    if "alpha" not in dimensions or "dimension" not in table:
        return table
    labelled = _with_alpha_labels(dimensions, [""], lang)
    keys = zip(dimensions["role"].astype(str), dimensions["dimension"].astype(str), strict=True)
    label_of = dict(zip(keys, labelled["dimension"], strict=True))
    rows = zip(table["role"].astype(str), table["dimension"].astype(str), strict=True)
    return table.assign(dimension=[label_of.get(key, key[1]) for key in rows])


def _different_statements(role_gaps: pd.DataFrame, codebook) -> bool:
    """Does any compared dimension hold different statements for the two roles?"""
    return any(
        not same_statements(codebook, row.role_1, row.role_2, row.dimension)
        for row in role_gaps.itertuples(index=False)
    )


def _parallel_figure(role_pairs: pd.DataFrame, pair, options, labels, plurals, lang: str):
    """The role figure over the statements the codebook declares parallel: one row per pair."""
    rows = role_pairs[
        (role_pairs["role_1"].astype(str) == pair[0])
        & (role_pairs["role_2"].astype(str) == pair[1])
    ]
    keep = ["pair", "role_1", "role_2", "mean_1", "mean_2", "n_respondents_1", "n_respondents_2"]
    data = rows[[*keep, "suppressed"]].rename(columns={"pair": "statement"})
    shown = text.join([upper_first(plurals[pair[0]]), plurals[pair[1]]], lang)
    return FigureSpec(
        "maturity.plots.survey:role_gap",
        (data,),
        {
            **options,
            "roles": pair,
            "role_labels": labels,
            "title_labels": plurals,
            "parallel_statements": True,
        },
        caption=_caption("role_pairs", lang, roles=shown, wave=options["wave"]),
    )


def _role_gap_figures(
    dimensions,
    roles,
    options,
    labels,
    plurals,
    *,
    role_gaps,
    codebook,
    role_pairs=None,
    lang: str,
) -> dict[str, FigureSpec]:
    """One dumbbell figure per pair of roles; two roles give the one figure ``enkat_roller``.
    Each says so when the pair's dimensions hold different statements for the two roles; a
    pair of roles with statements the codebook declares parallel is compared on those."""
    pairs = [(a, b) for i, a in enumerate(roles) for b in roles[i + 1 :]]
    figures = {}
    for pair in pairs:
        name = "enkat_roller"
        if len(pairs) > 1:
            name = f"enkat_roller_{_slug(pair[0])}_{_slug(pair[1])}"
        if role_pairs is not None and codebook.parallel_pairs(*pair):
            figures[name] = _parallel_figure(role_pairs, pair, options, labels, plurals, lang)
            continue
        pair_gaps = role_gaps[
            (role_gaps["role_1"].astype(str) == pair[0])
            & (role_gaps["role_2"].astype(str) == pair[1])
        ]
        labelled = _with_alpha_labels(pair_gaps, ["_1", "_2"], options["lang"])
        label_of = dict(zip(pair_gaps["dimension"].astype(str), labelled["dimension"], strict=True))
        data = dimensions.assign(
            dimension=[label_of.get(str(d), d) for d in dimensions["dimension"]]
        )
        shown = text.join([upper_first(plurals[pair[0]]), plurals[pair[1]]], lang)
        figures[name] = FigureSpec(
            "maturity.plots.survey:role_gap",
            (data,),
            {
                **options,
                "roles": pair,
                "role_labels": labels,
                "title_labels": plurals,
                "different_statements": _different_statements(pair_gaps, codebook),
            },
            caption=_caption("role_gap", lang, roles=shown, wave=options["wave"]),
        )
    return figures


def _caption(key: str, lang: str, wave=None, **fields) -> str:
    """A figure's caption (its heading in the summary), naming the wave it shows."""
    return with_wave(text.word(f"figure.caption.{key}", lang, **fields), wave)


def _distribution_figures(
    distribution, codebook, role, labels, plurals, *, wave, lang: str, min_n: int
) -> dict[str, FigureSpec]:
    """One distribution figure per dimension of a role (a slide each), drawn from the
    answer counts computed once (:func:`maturity.plots.survey.answer_distribution`)."""
    figures = {}
    asked = codebook.statements[codebook.statements["role"] == role]
    rows = distribution[distribution["role"] == role]
    for dimension, group in asked.groupby("dimension", sort=True):
        ids = group["statement"].tolist()
        figures[f"enkat_fordelning_{_slug(role)}_{_slug(dimension, '_')}"] = FigureSpec(
            "maturity.plots.survey:diverging_bars",
            (rows[rows["statement"].isin(ids)].reset_index(drop=True),),
            {
                "codebook": codebook,
                "min_n": min_n,
                "role_labels": labels,
                "lang": lang,
                "title": f"{upper_first(labels[role])}: {dimension}",
            },
            caption=_caption(
                "distribution", lang, role=plurals[role], dimension=dimension, wave=wave
            ),
        )
    return figures


def _change_figures(
    tables, roles, labels, plurals, *, lang: str, min_n: int
) -> dict[str, FigureSpec]:
    """Change per dimension (one slide), and per statement one slide per role."""
    changed = tables["survey_change"]
    waves = f"{changed['from_wave'].iloc[0]}–{changed['to_wave'].iloc[0]}" if len(changed) else ""
    options = {"lang": lang, "min_n": min_n, "role_labels": labels}
    figures = {
        "enkat_forandring": FigureSpec(
            "maturity.plots.survey:wave_change",
            (
                _with_alpha_labels(
                    tables["survey_change_dimensions"], ["_to"], lang, flags=["_from", "_to"]
                ),
            ),
            options,
            caption=_caption("change", lang, waves=waves),
        )
    }
    for role in roles:
        rows = changed[changed["role"].astype(str) == role].reset_index(drop=True)
        if len(rows):
            figures[f"enkat_forandring_pastaenden_{_slug(role)}"] = FigureSpec(
                "maturity.plots.survey:wave_change",
                (rows,),
                options,
                caption=_caption("change_statements", lang, role=plurals[role], waves=waves),
            )
    return figures


def _figures(responses, tables, codebook, *, lang: str, min_n: int) -> dict[str, FigureSpec]:
    waves = sorted(int(w) for w in responses["wave"].unique())
    midpoint = codebook.midpoint
    scale = (codebook.scale_min, codebook.scale_max)
    figures: dict[str, FigureSpec] = {}
    labels = text.role_names(codebook.roles, lang, codebook=codebook)
    plurals = text.role_names(codebook.roles, lang, codebook=codebook, form="plural")
    distribution = answer_distribution(
        responses,
        min_n=min_n,
        codebook=codebook,
        described=tables["survey_statements"],
        wave=waves[-1],
    )
    roles = [r for r in codebook.roles if r in _roles_answering(responses, waves[-1])]
    for role in roles:
        figures.update(
            _distribution_figures(
                distribution,
                codebook,
                role,
                labels,
                plurals,
                wave=waves[-1],
                lang=lang,
                min_n=min_n,
            )
        )
        figures[f"enkat_medel_{_slug(role)}"] = FigureSpec(
            "maturity.plots.survey:mean_ci",
            (tables["survey_statements"],),
            {
                "midpoint": midpoint,
                "role": role,
                "lang": lang,
                "min_n": min_n,
                "scale": scale,
                "role_labels": labels,
                "wave": waves[-1],
            },
            caption=_caption("means", lang, role=plurals[role], wave=waves[-1]),
        )
    if "survey_role_gap" in tables:
        figures.update(
            _role_gap_figures(
                tables["survey_dimensions"],
                roles,
                {
                    "lang": lang,
                    "min_n": min_n,
                    "scale": scale,
                    "midpoint": midpoint,
                    "wave": waves[-1],
                },
                labels,
                plurals,
                role_gaps=tables["survey_role_gap"],
                codebook=codebook,
                role_pairs=tables.get("survey_role_pairs"),
                lang=lang,
            )
        )
    by_organisation = tables["survey_organisations"]
    many = by_organisation["organisation"].nunique() > MAX_ROWS
    figures["enkat_organisationer"] = FigureSpec(
        "maturity.plots.survey:organisation_heatmap",
        (_role_alpha_labels(by_organisation, tables["survey_dimensions"], lang),),
        {
            "lang": lang,
            "min_n": min_n,
            "scale": scale,
            "role_labels": labels,
            "wave": waves[-1],
        },
        caption=_caption(
            "organisation_distribution" if many else "organisations", lang, wave=waves[-1]
        ),
    )
    groups = _groups(codebook.organisations)
    if groups is not None:
        figures["enkat_grupper"] = FigureSpec(
            "maturity.plots.survey:group_means",
            (by_organisation,),
            {
                "groups": groups,
                "lang": lang,
                "min_n": min_n,
                "scale": scale,
                "role_labels": labels,
                "wave": waves[-1],
            },
            caption=_caption("groups", lang, wave=waves[-1]),
        )
    if "survey_change" in tables:
        figures.update(_change_figures(tables, roles, labels, plurals, lang=lang, min_n=min_n))
    return figures


def _roles_answering(responses: pd.DataFrame, wave) -> set[str]:
    """The roles (as text) with at least one row in ``wave``, without copying the responses."""
    role = responses["role"]
    in_wave = responses["wave"].to_numpy() == wave
    if isinstance(role.dtype, pd.CategoricalDtype):
        seen = pd.unique(role.cat.codes.to_numpy()[in_wave])
        return {str(role.cat.categories[code]) for code in seen if code >= 0}
    return set(role[in_wave].dropna().astype(str))


def _groups(organisations: pd.DataFrame | None) -> pd.DataFrame | None:
    """The organisations' comparison groups (the codebook's optional ``grupp`` column), or
    None when no organisation has one."""
    if organisations is None or "group" not in organisations or organisations["group"].isna().all():
        return None
    return organisations[["organisation", "group"]].dropna().drop_duplicates("organisation")


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
    # the one decision per organisation, wave and role (what every per-organisation table
    # applies), kept for the profiles' per-wave figures; keys and counts only
    decision = organisation_suppression(survey.responses, by=["wave", "role"], min_n=min_n)
    tables = survey_tables(survey.responses, min_n=min_n, codebook=codebook, decision=decision)
    section.tables.update(tables)
    section.tables["survey_organisation_suppression"] = decision
    section.unpublished = section.unpublished | {"survey_organisation_suppression"}
    section.findings = survey_findings(
        tables["survey_statements"],
        tables["survey_across_organisations"],
        tables["survey_midpoint_test"],
        role_gaps=tables.get("survey_role_gap"),
        role_pairs=tables.get("survey_role_pairs"),
        changed=tables.get("survey_change"),
        by_organisation=tables["survey_organisations"],
        suppression=suppression_ratio(section.published(), min_n=min_n),
        reliability=tables["survey_alpha"],
        wave=int(survey.responses["wave"].max()),
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
