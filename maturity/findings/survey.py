"""Key findings in words: structured findings plus the sentences a steering group reads.

Every number in a sentence is taken from a statistics table (and kept in ``Finding.values``),
never typed. Swedish by default, with decimal comma; English with ``lang="en"``.

Thresholds used in words (documented so that the wording is reproducible): the spread between
organisations (SD of the organisation means) is called *small* below 0.35, *large* from 0.6,
otherwise *moderate*.
"""

from __future__ import annotations

import math

import pandas as pd

from maturity.plots.style import decimal
from maturity.sections import Finding, Section

__all__ = [
    "survey_findings",
    "key_findings",
    "findings_table",
    "spread_word",
]

SMALL_SPREAD, LARGE_SPREAD = 0.35, 0.6

_ROLE_PLURAL = {
    "sv": {"förvaltningschef": "Förvaltningscheferna", "it-chef": "IT-cheferna"},
    "en": {"förvaltningschef": "The heads of department", "it-chef": "The IT managers"},
}


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("IT-cheferna")."""
    first = text.split("-")[0].split()[0] if text else ""
    return text if first.isupper() else text[:1].lower() + text[1:]


def _role_name(role: str, lang: str) -> str:
    names = _ROLE_PLURAL.get(lang, _ROLE_PLURAL["sv"])
    return names.get(str(role).casefold(), f"Rollen {role}" if lang == "sv" else f"Role {role}")


def spread_word(sd_between: float, lang: str = "sv") -> str:
    """Words for the spread between organisations.

    Examples
    --------
    >>> spread_word(0.2), spread_word(0.5), spread_word(0.8, "en")
    ('liten', 'måttlig', 'large')
    """
    if sd_between < SMALL_SPREAD:
        return "liten" if lang == "sv" else "small"
    if sd_between >= LARGE_SPREAD:
        return "stor" if lang == "sv" else "large"
    return "måttlig" if lang == "sv" else "moderate"


def _quote(text: str, lang: str) -> str:
    return f"”{text}”" if lang == "sv" else f"“{text}”"


def _p(value: float, lang: str) -> str:
    if value < 0.001:
        return "p < 0,001" if lang == "sv" else "p < 0.001"
    return f"p = {decimal(value, 3, lang)}"


def _extreme_sentence(row, spread, end: str, lang: str) -> str:
    who = _role_name(row["role"], lang)
    mean, sd, n = decimal(row["mean"], 1, lang), decimal(row["sd"], 1, lang), int(row["n"])
    text = _quote(row["text"], lang)
    if lang == "sv":
        word = "lägst" if end == "lowest" else "högst"
        sentence = f"{who} ger {word} medelvärde, {mean} (sd {sd}, n = {n}), för påståendet {text}."
    else:
        word = "lowest" if end == "lowest" else "highest"
        sentence = f"{who} give the {word} mean, {mean} (SD {sd}, n = {n}), to the statement {text}."
    if spread is None:
        return sentence
    if pd.isna(spread["sd_between"]):
        sentence += (" Spridningen mellan organisationerna redovisas inte (för få svarande per "
                     "organisation)." if lang == "sv" else
                     " The spread between organisations is not shown (too few respondents per "
                     "organisation).")
        return sentence
    sdb = spread["sd_between"]
    word = spread_word(sdb, lang)
    lo, hi = decimal(spread["min_mean"], 1, lang), decimal(spread["max_mean"], 1, lang)
    if lang == "sv":
        sentence += (f" Spridningen mellan organisationerna är {word} (sd mellan "
                     f"organisationernas medelvärden {decimal(sdb, 2, lang)}; från {lo} i "
                     f"{spread['min_organisation']} till {hi} i {spread['max_organisation']})")
        if end == "lowest" and word == "liten":
            sentence += ", så de flesta organisationer är svaga här."
        elif end == "highest" and word == "liten":
            sentence += ", så de flesta organisationer är starka här."
        else:
            sentence += "."
    else:
        sentence += (f" The spread between organisations is {word} (SD of the organisation "
                     f"means {decimal(sdb, 2, lang)}; from {lo} in {spread['min_organisation']} "
                     f"to {hi} in {spread['max_organisation']})")
        if word == "small":
            sentence += (", so most organisations are weak here." if end == "lowest"
                         else ", so most organisations are strong here.")
        else:
            sentence += "."
    return sentence


def _values(row: pd.Series, columns: list[str]) -> dict:
    out = {}
    for column in columns:
        if column in row.index:
            value = row[column]
            out[column] = value.item() if hasattr(value, "item") else value
    return out


def survey_findings(
    ranked: pd.DataFrame,
    across: pd.DataFrame,
    midpoints: pd.DataFrame,
    role_gaps: pd.DataFrame | None = None,
    changed: pd.DataFrame | None = None,
    suppression: dict | None = None,
    *,
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
    suppression : dict, optional
        ``{"min_n": 5, "groups": 174, "suppressed": 102, "table": "..."}`` for the privacy note.
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding

    Examples
    --------
    >>> import maturity as mt
    >>> found = survey_findings(mt.rank_statements(r, codebook=cb),
    ...                         mt.across_organisations(r, codebook=cb),
    ...                         mt.stats.midpoint_summary(r, codebook=cb))  # doctest: +SKIP
    >>> found[0].sentence                                                   # doctest: +SKIP
    'Förvaltningscheferna ger lägst medelvärde, 2,6 (sd 0,9, n = 100), för påståendet …'
    """
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
            values = _values(row, ["role", "statement", "text", "mean", "sd", "n"])
            if spread is not None:
                values.update(_values(spread, ["sd_between", "min_organisation", "min_mean",
                                               "max_organisation", "max_mean",
                                               "n_organisations"]))
            found.append(Finding("survey", f"{end}_statement", _extreme_sentence(row, spread, end,
                                                                                 lang), values))
    for _, row in midpoints.iterrows():
        if not row.get("n_statements") or pd.isna(row.get("lowest_mean", math.nan)):
            continue
        who = _role_name(row["role"], lang)
        mid = decimal(row["midpoint"], 1, lang)
        low = decimal(row["lowest_mean"], 2, lang)
        text = _quote(row["lowest_text"], lang)
        n_above, n_all = int(row["n_above"]), int(row["n_statements"]) - int(row["n_suppressed"])
        if lang == "sv":
            if row["all_above"]:
                sentence = (f"{who}s medelvärden ligger över skalans mittpunkt {mid} för samtliga "
                            f"{n_all} påståenden; lägst är {text} med {low}.")
            else:
                sentence = (f"{n_above} av {n_all} av {_lower_first(who)}s medelvärden ligger över "
                            f"skalans mittpunkt {mid}; lägst är {text} med {low}.")
        else:
            if row["all_above"]:
                sentence = (f"All {n_all} means of {_lower_first(who)} are above the scale midpoint "
                            f"{mid}; the lowest is {text} at {low}.")
            else:
                sentence = (f"{n_above} of {n_all} of the means of {_lower_first(who)} are above the "
                            f"scale midpoint {mid}; the lowest is {text} at {low}.")
        found.append(Finding("survey", "midpoint", sentence,
                             _values(row, ["role", "midpoint", "n_statements", "n_above",
                                           "all_above", "lowest_statement", "lowest_mean"])))
    if role_gaps is not None and len(role_gaps):
        gaps = role_gaps[~role_gaps["suppressed"]].dropna(subset=["difference"])
        if len(gaps):
            row = gaps.loc[gaps["difference"].abs().idxmax()]
            first, second = _role_name(row["role_1"], lang), _role_name(row["role_2"], lang)
            key = "dimension" if "dimension" in row.index else "statement"
            diff = decimal(abs(row["difference"]), 1, lang)
            m1, m2 = decimal(row["mean_1"], 1, lang), decimal(row["mean_2"], 1, lang)
            if lang == "sv":
                sentence = (f"Störst skillnad mellan rollerna finns inom {row[key]}: "
                            f"{_lower_first(first)} {m1} mot {_lower_first(second)} {m2} (skillnad {diff}; "
                            f"{_p(row['p_holm'], lang)} efter Holm-korrigering).")
            else:
                sentence = (f"The largest gap between the roles is in {row[key]}: "
                            f"{_lower_first(first)} {m1} against {_lower_first(second)} {m2} (gap {diff}; "
                            f"{_p(row['p_holm'], lang)} after Holm correction).")
            found.append(Finding("survey", "role_gap", sentence,
                                 _values(row, [key, "role_1", "role_2", "mean_1", "mean_2",
                                               "difference", "p_holm"])))
    if changed is not None and len(changed):
        usable = changed[~changed["suppressed"]].dropna(subset=["difference"])
        if len(usable):
            row = usable.loc[usable["difference"].idxmax()]
            up = decimal(row["difference"], 1, lang)
            up = up if up.startswith("−") else f"+{up}"
            text = _quote(row["text"], lang) if "text" in row.index else row["statement"]
            a, b = decimal(row["mean_from"], 1, lang), decimal(row["mean_to"], 1, lang)
            if lang == "sv":
                sentence = (f"Mellan {int(row['from_wave'])} och {int(row['to_wave'])} ökade "
                            f"{text} mest, från {a} till {b} ({up}).")
            else:
                sentence = (f"Between {int(row['from_wave'])} and {int(row['to_wave'])} "
                            f"{text} rose most, from {a} to {b} ({up}).")
            found.append(Finding("survey", "largest_change", sentence,
                                 _values(row, ["role", "statement", "from_wave", "to_wave",
                                               "mean_from", "mean_to", "difference"])))
    if suppression:
        n, total, min_n = suppression["suppressed"], suppression["groups"], suppression["min_n"]
        if lang == "sv":
            sentence = (f"Grupper med färre än {min_n} svarande redovisas inte: {n} av {total} "
                        f"grupper i redovisningen per organisation är undertryckta (varje "
                        f"organisation har en IT-chef, så IT-chefernas svar redovisas aldrig per "
                        f"organisation).")
        else:
            sentence = (f"Groups with fewer than {min_n} respondents are not shown: {n} of {total} "
                        f"groups in the per-organisation tables are suppressed (each organisation "
                        f"has one IT manager, so IT managers' answers are never shown per "
                        f"organisation).")
        found.append(Finding("survey", "suppression", sentence, dict(suppression)))
    return found


def key_findings(sections: list[Section]) -> list[Finding]:
    """All findings of all sections, in report order.

    Examples
    --------
    >>> key_findings([])
    []
    """
    return [finding for section in sections for finding in section.findings]


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a table: topic, key, sentence.

    Examples
    --------
    >>> findings_table([Finding("survey", "x", "En mening.")]).to_dict("records")
    [{'topic': 'survey', 'key': 'x', 'sentence': 'En mening.'}]
    """
    return pd.DataFrame(
        [(f.topic, f.key, f.sentence) for f in findings], columns=["topic", "key", "sentence"]
    )
