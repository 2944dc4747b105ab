"""Key findings of the survey, from its statistics tables.

Every number in a sentence is taken from a statistics table (and kept in ``Finding.values``),
never typed; the words come from :mod:`maturity.text` and the role names from the codebook.

Thresholds used in words (documented so that the wording is reproducible): the spread between
organisations (SD of the organisation means) is called *small* below 0.35, *large* from 0.6,
otherwise *moderate*.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding, lower_first, row_values, upper_first
from maturity.stats.inference import SIGNIFICANCE
from maturity.stats.scales import RELIABLE_ALPHA

__all__ = ["same_statements", "survey_findings", "spread_word", "SIGNIFICANCE"]

SMALL_SPREAD, LARGE_SPREAD = 0.35, 0.6

#: A statement is reliably above or below the midpoint when its Holm-adjusted p is below
#: :data:`SIGNIFICANCE` (0.05, the level of :func:`maturity.stats.midpoint_summary`).


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
    low, high = (text.number(spread[c], lang) for c in ("min_mean", "max_mean"))
    if low == high:
        sentence = text.word(
            "findings.survey.spread_equal",
            lang,
            spread=spread_word(spread["sd_between"], lang),
            sd_between=text.number(spread["sd_between"], lang, digits=2),
            n_organisations=int(spread["n_organisations"]),
            mean=low,
        )
    else:
        sentence = _spread_range(spread, lang)
    if kind != "small":
        return sentence + "."
    weak_or_strong = "spread_weak" if end == "lowest" else "spread_strong"
    return sentence + text.word(f"findings.survey.{weak_or_strong}", lang)


def _organisations(spread: pd.Series, end: str, lang: str) -> str:
    """The organisation(s) at the lowest (``end="min"``) or highest mean, as in a sentence."""
    names = str(spread[f"{end}_organisation"])
    count = spread.get(f"n_{end}_organisations")
    parts = names.split(", ")
    if count is not None and not pd.isna(count) and len(parts) == int(count):
        return text.join(parts, lang)
    return names


def _spread_range(spread: pd.Series, lang: str) -> str:
    return text.word(
        "findings.survey.spread",
        lang,
        spread=spread_word(spread["sd_between"], lang),
        sd_between=text.number(spread["sd_between"], lang, digits=2),
        low=text.number(spread["min_mean"], lang),
        low_organisation=_organisations(spread, "min", lang),
        high=text.number(spread["max_mean"], lang),
        high_organisation=_organisations(spread, "max", lang),
    )


def _statement_means(ranked: pd.DataFrame) -> pd.DataFrame:
    """The published statement means of a ranking or a ``describe`` table, one row each."""
    table = ranked
    if "suppressed" in table.columns:
        table = table[~table["suppressed"].astype(bool)]
    table = table.dropna(subset=["mean"])
    return table.drop_duplicates(subset=["role", "statement"]).reset_index(drop=True)


def _tied(part: pd.DataFrame, end: str, lang: str, digits: int = 1) -> pd.DataFrame:
    """The rows of ``part`` whose mean, as shown (``digits`` decimals), is the lowest resp.
    the highest; ordered by statement id."""
    shown = part["mean"].map(lambda m: text.number(m, lang, digits=digits))
    extreme = part["mean"].idxmin() if end == "lowest" else part["mean"].idxmax()
    tied = part[shown == shown[extreme]]
    return tied.assign(_id=tied["statement"].astype(str)).sort_values("_id").drop(columns="_id")


def _spread_for(spread_by, row) -> pd.Series | None:
    if spread_by is not None and (row["role"], row["statement"]) in spread_by.index:
        return spread_by.loc[(row["role"], row["statement"])]
    return None


_SPREAD_COLUMNS = [
    "sd_between",
    "min_organisation",
    "min_mean",
    "max_organisation",
    "max_mean",
    "n_organisations",
]


def _one_extreme(row: pd.Series, spread, end: str, *, codebook, lang: str) -> Finding:
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
        values.update(row_values(spread, _SPREAD_COLUMNS))
    return Finding("survey", f"{end}_statement", sentence, values)


def _tied_extreme(tied: pd.DataFrame, end: str, *, codebook, lang: str) -> Finding:
    """Several statements share the extreme mean at the precision shown: all are named."""
    first = tied.iloc[0]
    items = [
        text.word(
            "findings.survey.tie_item",
            lang,
            text=text.quote(row["text"], lang),
            sd=text.number(row["sd"], lang),
            n=int(row["n"]),
        )
        for _, row in tied.iterrows()
    ]
    sentence = text.word(
        "findings.survey.extreme_tie",
        lang,
        who=upper_first(_roles(first["role"], codebook, lang)),
        end=text.word(f"findings.survey.end.{end}", lang),
        mean=text.number(first["mean"], lang),
        k=len(tied),
        items=text.join(items, lang),
    )
    values = {
        "role": first["role"],
        "statements": tied["statement"].tolist(),
        "means": [float(m) for m in tied["mean"]],
        "n_tied": len(tied),
    }
    return Finding("survey", f"{end}_statement", sentence, values)


def _extreme_findings(
    ranked: pd.DataFrame, across: pd.DataFrame, *, codebook, lang: str
) -> list[Finding]:
    """The lowest and the highest statement of each role, with the spread between
    organisations; statements that share the extreme mean as shown are all named."""
    found: list[Finding] = []
    spread_by = across.set_index(["role", "statement"]) if len(across) else None
    means = _statement_means(ranked)
    for end in ("lowest", "highest"):
        for _, part in means.groupby("role", sort=False):
            tied = _tied(part, end, lang)
            if len(tied) > 1:
                found.append(_tied_extreme(tied, end, codebook=codebook, lang=lang))
                continue
            row = tied.iloc[0]
            spread = _spread_for(spread_by, row)
            found.append(_one_extreme(row, spread, end, codebook=codebook, lang=lang))
    return found


def _midpoint_parts(counts: dict[str, int], lang: str) -> str:
    parts = [
        text.word(f"findings.survey.midpoint_part.{kind}", lang, n=n)
        for kind, n in counts.items()
        if n
    ]
    return text.join(parts, lang)


def _midpoint_counts(part: pd.DataFrame) -> dict[str, int]:
    """Statements reliably above, reliably below and not reliably different from the midpoint
    (Holm-adjusted p below :data:`SIGNIFICANCE`)."""
    significant = (part["p_holm"] < SIGNIFICANCE).to_numpy(dtype=bool, na_value=False)
    above = significant & (part["mean"] > part["midpoint"]).to_numpy(dtype=bool)
    below = significant & (part["mean"] < part["midpoint"]).to_numpy(dtype=bool)
    return {
        "above": int(above.sum()),
        "below": int(below.sum()),
        "unclear": int(len(part) - above.sum() - below.sum()),
    }


def _midpoint_findings(midpoints: pd.DataFrame, *, codebook, lang: str) -> list[Finding]:
    """Per role: how many statement means are reliably above, reliably below or not reliably
    different from the scale midpoint (the Holm-adjusted test of each statement), and the
    lowest statement(s)."""
    found: list[Finding] = []
    if not len(midpoints) or "p_holm" not in midpoints.columns:
        return found
    shown = midpoints[~midpoints["suppressed"].astype(bool)].dropna(subset=["mean"])
    for role, part in shown.groupby("role", sort=False):
        counts = _midpoint_counts(part)
        who = _roles(role, codebook, lang)
        n_all = len(part)
        key = "midpoint_test_all" if counts["above"] == n_all else "midpoint_test_some"
        lowest = _tied(part, "lowest", lang, digits=2)
        sentence = text.word(
            f"findings.survey.{key}",
            lang,
            who=upper_first(who),
            who_lower=lower_first(who),
            midpoint=text.number(part["midpoint"].iloc[0], lang),
            n_all=n_all,
            parts=_midpoint_parts(counts, lang),
            alpha=text.number(SIGNIFICANCE, lang, digits=2),
            text=text.join([text.quote(t, lang) for t in lowest["text"]], lang),
            lowest=text.number(lowest["mean"].iloc[0], lang, digits=2),
            tie=text.word("findings.survey.tie_note", lang) if len(lowest) > 1 else "",
        )
        values = {
            "role": role,
            "midpoint": float(part["midpoint"].iloc[0]),
            "n_statements": n_all,
            "n_above": counts["above"],
            "n_below": counts["below"],
            "n_not_different": counts["unclear"],
            "lowest_statements": lowest["statement"].tolist(),
            "lowest_mean": float(lowest["mean"].iloc[0]),
        }
        found.append(Finding("survey", "midpoint", sentence, values))
    return found


def _declared_pairs(role_pairs: pd.DataFrame, codebook) -> list[tuple[str, str]]:
    """The declared parallel statements: from the table, else (nothing answered) the codebook."""
    if len(role_pairs):
        return list(zip(role_pairs["statement_1"], role_pairs["statement_2"], strict=True))
    roles = getattr(codebook, "roles", [])
    return [
        pair
        for i, a in enumerate(roles)
        for b in roles[i + 1 :]
        for pair in codebook.parallel_pairs(a, b)
    ]


def _pair_names(pairs: list[tuple[str, str]], lang: str) -> str:
    """ "F1 och I1, F2 och I2": the pairs named in a sentence."""
    named = [text.word("findings.survey.pair", lang, first=a, second=b) for a, b in pairs]
    return ", ".join(named)


def _role_pair_findings(role_pairs: pd.DataFrame, *, codebook, lang: str) -> list[Finding]:
    """The roles compared like with like: the largest gap over the declared parallel
    statements (:func:`maturity.stats.compare_parallel`), or why none is compared."""
    pairs = _declared_pairs(role_pairs, codebook)
    shown = role_pairs[~role_pairs["suppressed"].astype(bool)].dropna(subset=["difference"])
    values = {"pairs": [f"{a} · {b}" for a, b in pairs], "same_statements": False}
    if not len(shown):
        reason = "suppressed" if len(role_pairs) else "unanswered"
        sentence = text.word(
            f"findings.survey.role_pairs_{reason}", lang, pairs=_pair_names(pairs, lang)
        )
        return [Finding("survey", "role_gap", sentence, {**values, "compared": len(role_pairs)})]
    row = shown.loc[shown["difference"].abs().idxmax()]
    sentence = text.word(
        "findings.survey.role_pairs",
        lang,
        pairs=_pair_names(pairs, lang),
        n_pairs=len(shown),
        where=_pair_names([(row["statement_1"], row["statement_2"])], lang),
        first=lower_first(_roles(row["role_1"], codebook, lang)),
        second=lower_first(_roles(row["role_2"], codebook, lang)),
        mean_1=text.number(row["mean_1"], lang),
        mean_2=text.number(row["mean_2"], lang),
        difference=text.number(abs(row["difference"]), lang),
        p=_p(row["p_holm"], lang),
    )
    keys = ["pair", "role_1", "role_2", "mean_1", "mean_2", "difference", "p_holm"]
    return [Finding("survey", "role_gap", sentence, {**values, **row_values(row, keys)})]


def _role_gap_findings(
    role_gaps: pd.DataFrame | None, role_pairs: pd.DataFrame | None, *, codebook, lang: str
) -> list[Finding]:
    """The largest gap between two roles (of the groups shown): over the declared parallel
    statements when the codebook declares any, else over the dimensions or statements."""
    if role_pairs is not None:
        return _role_pair_findings(role_pairs, codebook=codebook, lang=lang)
    if role_gaps is None:
        return []
    gaps = role_gaps[~role_gaps["suppressed"].astype(bool)].dropna(subset=["difference"])
    if not len(gaps):
        reason = "none_shared" if not len(role_gaps) else "all_suppressed"
        sentence = text.word(f"findings.survey.role_gap_{reason}", lang)
        return [Finding("survey", "role_gap", sentence, {"compared": len(role_gaps)})]
    row = gaps.loc[gaps["difference"].abs().idxmax()]
    key = "dimension" if "dimension" in row.index else "statement"
    different = key == "dimension" and not same_statements(
        codebook, row["role_1"], row["role_2"], row[key]
    )
    sentence = text.word(
        "findings.survey.role_gap_different" if different else "findings.survey.role_gap",
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
            {
                **row_values(
                    row, [key, "role_1", "role_2", "mean_1", "mean_2", "difference", "p_holm"]
                ),
                "same_statements": not different,
            },
        )
    ]


def same_statements(codebook, first: str, second: str, dimension: str) -> bool:
    """Do two roles answer the same statements in a dimension (by the codebook)?

    Without a codebook's ``statements`` nothing is known and the answer is False, so that a
    comparison of dimension scores is never presented as one over the same statements.

    Examples
    --------
    >>> import types
    >>> cb = types.SimpleNamespace(statements=pd.DataFrame({
    ...     "statement": ["F1", "I1", "S1", "S1"], "role": ["a", "b", "a", "b"],
    ...     "dimension": ["D", "D", "E", "E"]}))
    >>> same_statements(cb, "a", "b", "D"), same_statements(cb, "a", "b", "E")
    (False, True)
    """
    statements = getattr(codebook, "statements", None)
    if statements is None or not len(statements):
        return False
    asked = statements[statements["dimension"].astype(str) == str(dimension)]
    sets = [
        set(asked.loc[asked["role"].astype(str) == str(r), "statement"]) for r in (first, second)
    ]
    return bool(sets[0]) and sets[0] == sets[1]


def _change_findings(changed: pd.DataFrame | None, *, lang: str) -> list[Finding]:
    """The statement that rose most between the first and the latest wave."""
    if changed is None or not len(changed):
        return []
    usable = changed[~changed["suppressed"]].dropna(subset=["difference"])
    if not len(usable):
        return []
    row = usable.loc[usable["difference"].idxmax()]
    # one decimal unless the rounded means would not add up to the rounded change
    digits = 1
    shown = round(round(row["mean_to"], 1) - round(row["mean_from"], 1), 1)
    if shown != round(row["difference"], 1):
        digits = 2
    up = text.number(row["difference"], lang, digits=digits)
    up = up if up.startswith("−") else f"+{up}"
    sentence = text.word(
        "findings.survey.largest_change",
        lang,
        from_wave=int(row["from_wave"]),
        to_wave=int(row["to_wave"]),
        text=text.quote(row["text"], lang) if "text" in row.index else row["statement"],
        mean_from=text.number(row["mean_from"], lang, digits=digits),
        mean_to=text.number(row["mean_to"], lang, digits=digits),
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


def _reliability_findings(
    reliability: pd.DataFrame | None, *, codebook, lang: str
) -> list[Finding]:
    """Per role, dimension and wave whose Cronbach's alpha is below :data:`RELIABLE_ALPHA`:
    the statements do not measure the same thing. When every published scale reaches it: one
    sentence with the range of alpha."""
    if reliability is None or not len(reliability):
        return []
    shown = reliability[~reliability["suppressed"].astype(bool)].dropna(subset=["alpha"])
    if not len(shown):
        return []
    threshold = text.number(RELIABLE_ALPHA, lang)
    waves = [] if "wave" not in shown else sorted({int(w) for w in shown["wave"]})
    low = shown[shown["alpha"] < RELIABLE_ALPHA]
    if not len(low):
        sentence = text.word(
            "findings.survey.reliability_ok",
            lang,
            low=text.number(shown["alpha"].min(), lang, digits=2),
            high=text.number(shown["alpha"].max(), lang, digits=2),
            waves=text.join([str(w) for w in waves], lang),
            threshold=threshold,
        )
        values = {
            "alpha_min": float(shown["alpha"].min()),
            "alpha_max": float(shown["alpha"].max()),
            "waves": waves,
            "n_scales": len(shown),
            "n_unreliable": 0,
        }
        return [Finding("survey", "reliability", sentence, values)]
    found = []
    for _, row in low.iterrows():
        sentence = text.word(
            "findings.survey.reliability_low",
            lang,
            dimension=row["dimension"],
            who=lower_first(_roles(row["role"], codebook, lang)),
            wave=int(row["wave"]) if "wave" in row.index else "",
            alpha=text.number(row["alpha"], lang, digits=2),
            low=text.number(row["ci95_low"], lang, digits=2),
            high=text.number(row["ci95_high"], lang, digits=2),
            threshold=threshold,
        )
        values = row_values(
            row,
            [
                c
                for c in (
                    "wave",
                    "role",
                    "dimension",
                    "alpha",
                    "ci95_low",
                    "ci95_high",
                    "n_respondents",
                )
                if c in row.index
            ],
        )
        found.append(Finding("survey", "unreliable_dimension", sentence, values))
    return found


def _suppression_findings(
    by_organisation: pd.DataFrame | None, suppression, *, min_n: int, codebook, lang: str
) -> list[Finding]:
    """How many groups are suppressed (the report's one ratio when given, else the groups of
    the per-organisation table), and which roles are never shown per organisation
    (suppressed in every organisation)."""
    if by_organisation is None:
        return []
    suppressed = by_organisation["suppressed"].astype(bool)
    all_hidden = suppressed.groupby(by_organisation["role"], sort=False).all()
    never = [str(role) for role, hidden in all_hidden.items() if hidden]
    note = ""
    if never:
        roles = text.join([lower_first(_roles(role, codebook, lang)) for role in never], lang)
        few = "n_respondents" in by_organisation.columns and bool(
            (
                by_organisation.loc[by_organisation["role"].isin(never), "n_respondents"] < min_n
            ).all()
        )
        key = "never_shown" if few else "never_shown_suppressed"
        note = text.word(f"findings.survey.{key}", lang, roles=roles, min_n=min_n)
    if suppression is not None:
        counts = suppression.values()
        sentence = text.word(
            "findings.survey.suppression_ratio", lang, min_n=min_n, note=note, **counts
        )
        values = {"min_n": min_n, **counts, "roles_never_shown": never}
        return [Finding("survey", "suppression", sentence, values)]
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
    role_pairs: pd.DataFrame | None = None,
    changed: pd.DataFrame | None = None,
    by_organisation: pd.DataFrame | None = None,
    suppression=None,
    reliability: pd.DataFrame | None = None,
    wave=None,
    min_n: int = 5,
    codebook=None,
    lang: str = "sv",
) -> list[Finding]:
    """Key findings of the survey, from the statistics tables.

    Parameters
    ----------
    ranked : DataFrame
        Statement means by role: :func:`maturity.stats.describe` by role and statement (every
        statement, so that all statements sharing the lowest or highest mean as shown are
        named) or :func:`maturity.stats.rank_statements` (ties only within its ``k``).
    across : DataFrame
        :func:`maturity.stats.across_organisations` by role and statement.
    midpoints : DataFrame
        :func:`maturity.stats.midpoint_test` by role and statement: a mean is called above or
        below the midpoint only when its Holm-adjusted p is below :data:`SIGNIFICANCE`,
        otherwise "not reliably different from the midpoint".
    role_gaps : DataFrame, optional
        :func:`maturity.stats.compare_roles` by dimension (or statement); with a codebook, a
        comparison over dimensions whose statements differ between the roles says so; an
        empty table gives a sentence saying why nothing is compared.
    role_pairs : DataFrame, optional
        :func:`maturity.stats.compare_parallel` (the statements the codebook declares
        parallel). When given, the roles are compared on these pairs ("jämförbara
        påståenden", each pair named) instead of ``role_gaps``; when no pair can be shown the
        sentence says why (too few respondents, or no pair answered by both roles).
    changed : DataFrame, optional
        :func:`maturity.stats.change` by role and statement.
    by_organisation : DataFrame, optional
        :func:`maturity.stats.describe` by organisation, role and dimension (with
        ``suppressed``), for the privacy note.
    suppression : SuppressionRatio, optional
        The report's one suppression ratio (:func:`maturity.privacy.suppression_ratio` over
        the published tables); the privacy note then states it, as the workbook and the
        summary do. Without it the note counts the groups of ``by_organisation``.
    reliability : DataFrame, optional
        :attr:`maturity.stats.Reliability.scales` by wave, role and dimension: each scale with
        Cronbach's alpha below :data:`~maturity.stats.RELIABLE_ALPHA` (0.6) is flagged, "the
        statements of X do not measure the same thing"; when none is, one sentence gives the
        range of alpha.
    wave : int or str, optional
        The wave ``ranked``, ``across``, ``midpoints`` and ``role_gaps`` show (the report's
        latest); each of their sentences then begins by naming it ("Enkäten 2022: …"). The
        change and reliability sentences name their own waves.
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
        ``role_gap``, ``largest_change``, ``reliability`` or ``unreliable_dimension`` (one per
        scale below the limit), ``suppression`` (each when its table is given).

    Examples
    --------
    >>> import maturity as mt
    >>> found = survey_findings(mt.describe(r, by=["role", "statement"], codebook=cb),
    ...                         mt.across_organisations(r, codebook=cb),
    ...                         mt.midpoint_test(r, codebook=cb))     # doctest: +SKIP
    >>> found[0].sentence                                             # doctest: +SKIP
    'Förvaltningscheferna ger lägst medelvärde, 2,6 (sd 0,9, n = 100), för påståendet …'
    """
    latest = [
        *_extreme_findings(ranked, across, codebook=codebook, lang=lang),
        *_midpoint_findings(midpoints, codebook=codebook, lang=lang),
        *_role_gap_findings(role_gaps, role_pairs, codebook=codebook, lang=lang),
    ]
    if wave is not None:
        prefix = text.word("findings.survey.in_wave", lang, wave=wave)
        latest = [replace(f, sentence=f"{prefix} {f.sentence}") for f in latest]
    return [
        *latest,
        *_change_findings(changed, lang=lang),
        *_reliability_findings(reliability, codebook=codebook, lang=lang),
        *_suppression_findings(
            by_organisation, suppression, min_n=min_n, codebook=codebook, lang=lang
        ),
    ]
