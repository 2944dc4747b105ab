"""Key findings of the survey, from its statistics tables.

Every number in a sentence is taken from a statistics table (and kept in ``Finding.values``),
never typed; the words come from :mod:`maturity.text` and the role names from the codebook.

Thresholds used in words (documented so that the wording is reproducible): the spread between
organisations (SD of the organisation means) is called *small* below 0.35, *large* from 0.6,
otherwise *moderate*.
"""

from __future__ import annotations

import math

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding, lower_first, row_values, upper_first

__all__ = ["survey_findings", "spread_word"]

SMALL_SPREAD, LARGE_SPREAD = 0.35, 0.6


def _spread_kind(sd_between: float) -> str:
    if sd_between < SMALL_SPREAD:
        return "small"
    if sd_between >= LARGE_SPREAD:
        return "large"
    return "moderate"


def spread_word(sd_between: float, lang: str = "sv") -> str:
    """Words for the spread between organisations.

    Examples
    --------
    >>> spread_word(0.2), spread_word(0.5), spread_word(0.8, "en")
    ('liten', 'måttlig', 'large')
    """
    return text.word(f"findings.spread.{_spread_kind(sd_between)}", lang)


def _p(value: float, lang: str) -> str:
    if value < 0.001:
        return text.word("findings.p_below", lang, limit=text.number(0.001, lang, digits=3))
    return text.word("findings.p_equals", lang, p=text.number(value, lang, digits=3))


def _roles(role: str, codebook, lang: str) -> str:
    return text.role_label(role, lang, codebook=codebook, form="plural_definite")


def _spread_sentence(spread: pd.Series, end: str, lang: str) -> str:
    if pd.isna(spread["sd_between"]):
        return text.word("findings.survey.spread_hidden", lang)
    kind = _spread_kind(spread["sd_between"])
    sentence = text.word(
        "findings.survey.spread",
        lang,
        spread=spread_word(spread["sd_between"], lang),
        sd_between=text.number(spread["sd_between"], lang, digits=2),
        low=text.number(spread["min_mean"], lang),
        low_organisation=spread["min_organisation"],
        high=text.number(spread["max_mean"], lang),
        high_organisation=spread["max_organisation"],
    )
    if kind != "small":
        return sentence + "."
    weak_or_strong = "spread_weak" if end == "lowest" else "spread_strong"
    return sentence + text.word(f"findings.survey.{weak_or_strong}", lang)


def _extreme_findings(
    ranked: pd.DataFrame, across: pd.DataFrame, *, codebook, lang: str
) -> list[Finding]:
    """The lowest and the highest statement of each role, with the spread between
    organisations."""
    found: list[Finding] = []
    spread_by = across.set_index(["role", "statement"]) if len(across) else None
    for end in ("lowest", "highest"):
        top = ranked[(ranked["end"] == end) & (ranked["rank"] == 1)]
        for _, row in top.iterrows():
            if pd.isna(row["mean"]):
                continue
            spread = None
            if spread_by is not None and (row["role"], row["statement"]) in spread_by.index:
                spread = spread_by.loc[(row["role"], row["statement"])]
            sentence = text.word(
                "findings.survey.extreme",
                lang,
                who=upper_first(_roles(row["role"], codebook, lang)),
                end=text.word(f"findings.survey.end.{end}", lang),
                mean=text.number(row["mean"], lang),
                sd=text.number(row["sd"], lang),
                n=int(row["n"]),
                text=text.quote(row["text"], lang),
            )
            values = row_values(row, ["role", "statement", "text", "mean", "sd", "n"])
            if spread is not None:
                sentence += _spread_sentence(spread, end, lang)
                values.update(
                    row_values(
                        spread,
                        [
                            "sd_between",
                            "min_organisation",
                            "min_mean",
                            "max_organisation",
                            "max_mean",
                            "n_organisations",
                        ],
                    )
                )
            found.append(Finding("survey", f"{end}_statement", sentence, values))
    return found


def _midpoint_findings(midpoints: pd.DataFrame, *, codebook, lang: str) -> list[Finding]:
    """Per role: how many statement means lie above the scale midpoint, and the lowest."""
    found: list[Finding] = []
    for _, row in midpoints.iterrows():
        if not row.get("n_statements") or pd.isna(row.get("lowest_mean", math.nan)):
            continue
        who = _roles(row["role"], codebook, lang)
        key = "midpoint_all" if row["all_above"] else "midpoint_some"
        sentence = text.word(
            f"findings.survey.{key}",
            lang,
            who=upper_first(who),
            who_lower=lower_first(who),
            midpoint=text.number(row["midpoint"], lang),
            n_above=int(row["n_above"]),
            n_all=int(row["n_statements"]) - int(row["n_suppressed"]),
            text=text.quote(row["lowest_text"], lang),
            lowest=text.number(row["lowest_mean"], lang, digits=2),
        )
        found.append(
            Finding(
                "survey",
                "midpoint",
                sentence,
                row_values(
                    row,
                    [
                        "role",
                        "midpoint",
                        "n_statements",
                        "n_above",
                        "all_above",
                        "lowest_statement",
                        "lowest_mean",
                    ],
                ),
            )
        )
    return found


def _role_gap_findings(role_gaps: pd.DataFrame | None, *, codebook, lang: str) -> list[Finding]:
    """The largest gap between two roles (of the groups shown)."""
    if role_gaps is None or not len(role_gaps):
        return []
    gaps = role_gaps[~role_gaps["suppressed"]].dropna(subset=["difference"])
    if not len(gaps):
        return []
    row = gaps.loc[gaps["difference"].abs().idxmax()]
    key = "dimension" if "dimension" in row.index else "statement"
    sentence = text.word(
        "findings.survey.role_gap",
        lang,
        where=row[key],
        first=lower_first(_roles(row["role_1"], codebook, lang)),
        second=lower_first(_roles(row["role_2"], codebook, lang)),
        mean_1=text.number(row["mean_1"], lang),
        mean_2=text.number(row["mean_2"], lang),
        difference=text.number(abs(row["difference"]), lang),
        p=_p(row["p_holm"], lang),
    )
    return [
        Finding(
            "survey",
            "role_gap",
            sentence,
            row_values(row, [key, "role_1", "role_2", "mean_1", "mean_2", "difference", "p_holm"]),
        )
    ]


def _change_findings(changed: pd.DataFrame | None, *, lang: str) -> list[Finding]:
    """The statement that rose most between the first and the latest wave."""
    if changed is None or not len(changed):
        return []
    usable = changed[~changed["suppressed"]].dropna(subset=["difference"])
    if not len(usable):
        return []
    row = usable.loc[usable["difference"].idxmax()]
    up = text.number(row["difference"], lang)
    up = up if up.startswith("−") else f"+{up}"
    sentence = text.word(
        "findings.survey.largest_change",
        lang,
        from_wave=int(row["from_wave"]),
        to_wave=int(row["to_wave"]),
        text=text.quote(row["text"], lang) if "text" in row.index else row["statement"],
        mean_from=text.number(row["mean_from"], lang),
        mean_to=text.number(row["mean_to"], lang),
        difference=up,
    )
    return [
        Finding(
            "survey",
            "largest_change",
            sentence,
            row_values(
                row,
                ["role", "statement", "from_wave", "to_wave", "mean_from", "mean_to", "difference"],
            ),
        )
    ]


def _suppression_findings(
    by_organisation: pd.DataFrame | None, *, min_n: int, codebook, lang: str
) -> list[Finding]:
    """How many groups of the per-organisation table are suppressed, and which roles are
    never shown per organisation (suppressed in every organisation)."""
    if by_organisation is None:
        return []
    suppressed = by_organisation["suppressed"].astype(bool)
    all_hidden = suppressed.groupby(by_organisation["role"], sort=False).all()
    never = [str(role) for role, hidden in all_hidden.items() if hidden]
    note = ""
    if never:
        roles = text.join([lower_first(_roles(role, codebook, lang)) for role in never], lang)
        note = text.word("findings.survey.never_shown", lang, roles=roles, min_n=min_n)
    n, total = int(suppressed.sum()), len(by_organisation)
    sentence = text.word(
        "findings.survey.suppression", lang, min_n=min_n, n=n, total=total, note=note
    )
    values = {"min_n": min_n, "groups": total, "suppressed": n, "roles_never_shown": never}
    return [Finding("survey", "suppression", sentence, values)]


def survey_findings(
    ranked: pd.DataFrame,
    across: pd.DataFrame,
    midpoints: pd.DataFrame,
    *,
    role_gaps: pd.DataFrame | None = None,
    changed: pd.DataFrame | None = None,
    by_organisation: pd.DataFrame | None = None,
    min_n: int = 5,
    codebook=None,
    lang: str = "sv",
) -> list[Finding]:
    """Key findings of the survey, from the statistics tables.

    Parameters
    ----------
    ranked : DataFrame
        :func:`maturity.stats.rank_statements` (role, end, rank, statement, text, mean, sd, n).
    across : DataFrame
        :func:`maturity.stats.across_organisations` by role and statement.
    midpoints : DataFrame
        :func:`maturity.stats.midpoint_summary` by role.
    role_gaps : DataFrame, optional
        :func:`maturity.stats.compare_roles` by dimension.
    changed : DataFrame, optional
        :func:`maturity.stats.change` by role and statement.
    by_organisation : DataFrame, optional
        :func:`maturity.stats.describe` by organisation, role and dimension (with
        ``suppressed``), for the privacy note.
    min_n : int
        The suppression limit the tables were made with (stated in the privacy note).
    codebook : Codebook, optional
        For the role names (:func:`maturity.text.role_label`); without it roles are shown as
        written.
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding
        Keys ``lowest_statement``, ``highest_statement`` (per role), ``midpoint`` (per role),
        ``role_gap``, ``largest_change``, ``suppression`` (each when its table is given).

    Examples
    --------
    >>> import maturity as mt
    >>> found = survey_findings(mt.rank_statements(r, codebook=cb),
    ...                         mt.across_organisations(r, codebook=cb),
    ...                         mt.midpoint_summary(r, codebook=cb))  # doctest: +SKIP
    >>> found[0].sentence                                             # doctest: +SKIP
    'Förvaltningscheferna ger lägst medelvärde, 2,6 (sd 0,9, n = 100), för påståendet …'
    """
    return [
        *_extreme_findings(ranked, across, codebook=codebook, lang=lang),
        *_midpoint_findings(midpoints, codebook=codebook, lang=lang),
        *_role_gap_findings(role_gaps, codebook=codebook, lang=lang),
        *_change_findings(changed, lang=lang),
        *_suppression_findings(by_organisation, min_n=min_n, codebook=codebook, lang=lang),
    ]
