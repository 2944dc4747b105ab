"""Descriptive statistics: per group, across organisations, and the statements at each end.

See :mod:`maturity.stats` for the conventions every function here follows.

Examples
--------
>>> import pandas as pd
>>> r = pd.DataFrame({"role": "chef", "statement": "S1", "respondent": list("abcde"),
...                   "score": [1.0, 2, 4, 4, 5]})
>>> describe(r)[["role", "statement", "n_respondents", "mean"]]
   role statement  n_respondents  mean
0  chef        S1              5   3.2
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from maturity.codebook import Codebook
from maturity.privacy import DEFAULT_MIN_N, check_min_n, organisation_suppression, suppress
from maturity.stats.common import (
    add_text,
    as_list,
    checked_scores,
    pooled_waves,
    require,
    scale_limits,
)
from maturity.stats.grouping import (
    Groups,
    cached_codes,
    group,
    people,
    score_stats,
    wave_lists,
)

__all__ = [
    "DESCRIBE_STATS",
    "describe",
    "across_organisations",
    "rank_statements",
    "default_margins",
]

#: The statistic columns of :func:`describe` (blanked in suppressed rows).
DESCRIBE_STATS = [
    "n",
    "n_dont_know",
    "mean",
    "sd",
    "se",
    "ci95_low",
    "ci95_high",
    "median",
    "q1",
    "q3",
    "share_top2",
    "share_bottom2",
]


def default_margins(by: Sequence[str]) -> list[str]:
    """The margins of secondary suppression for a table grouped by ``by``: ``organisation``
    when it is a group column (national figures are always published beside it).

    Examples
    --------
    >>> default_margins(["organisation", "role"]), default_margins(["role"])
    (['organisation'], [])
    """
    return ["organisation"] if "organisation" in by else []


def organisation_units(
    responses: pd.DataFrame,
    by: Sequence[str],
    min_n: int,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """The one decision per organisation (:func:`maturity.privacy.organisation_suppression`)
    that a table grouped by ``by`` applies: ``units`` when the caller made it already, else
    made here; None when ``by`` has no ``organisation``.

    Examples
    --------
    >>> organisation_units(pd.DataFrame(), ["role", "statement"], 5) is None
    True
    """
    if "organisation" not in by:
        return None
    if units is not None:
        return units
    return organisation_suppression(responses, by=by, min_n=min_n)


# --------------------------------------------------------------------------- describe


def describe(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    scale: tuple[float, float] = (1, 5),
    margins: Sequence[str] | None = None,
    pool_waves: bool = False,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Descriptive statistics of the scores per group.

    Waves are never pooled silently: on responses with several waves, ``by`` must hold
    ``wave`` unless ``pool_waves=True`` (see :mod:`maturity.stats`).

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default ["role", "statement"]
        Group columns: any of organisation, role, statement, dimension, wave …
    min_n : int, default 5
        Groups with fewer respondents are suppressed (:func:`maturity.privacy.suppress`).
    codebook : Codebook, optional
        Gives the scale limits and puts the statement ``text`` beside the id.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.
    margins : list of str, optional
        Group columns along which totals are published, for secondary suppression. Default:
        ``["organisation"]`` when it is in ``by`` (national figures are always published next
        to per-organisation ones). Add ``"role"`` when figures pooling the roles of an
        organisation are published too: otherwise the single IT-chef of an organisation
        could be worked out as the pooled figure minus the other role's.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), adding a ``waves`` column.
    units : DataFrame, optional
        The one decision per organisation,
        ``maturity.privacy.organisation_suppression(responses, by=by, min_n=min_n)``, when the
        caller has made it already (it is the same for every table of the same responses with
        the same wave and role columns): passed on, it is not made again. Used only with
        ``organisation`` in ``by``.

    Returns
    -------
    DataFrame
        ``by`` columns, ``text`` (with a codebook and ``statement`` in ``by``),
        ``n_respondents``, ``n`` (scored answers), ``n_dont_know``, ``mean``, ``sd`` (ddof=1),
        ``se``, ``ci95_low``, ``ci95_high`` (t distribution, n − 1 df), ``median``, ``q1``,
        ``q3``, ``share_top2``, ``share_bottom2`` (share of scored answers in the two highest /
        lowest scale steps; for non-integer scores: at least ``high − 1`` / at most
        ``low + 1``), ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": "S1", "respondent": list("abcdef"),
    ...                   "score": [1.0, 2, 4, 4, 5, None],
    ...                   "answer": ["1", "2", "4", "4", "5", "Vet ej"]})
    >>> describe(r)[["statement", "n", "n_dont_know", "mean", "median", "q1", "share_top2"]]
      statement  n  n_dont_know  mean  median   q1  share_top2
    0        S1  5            1   3.2     4.0  2.0         0.6
    """
    by = as_list(by)
    min_n = check_min_n(min_n)
    require(responses, [*by, "score"], "describe")
    pooled = pooled_waves(responses, by, pool_waves, "describe")
    lo, hi = scale_limits(codebook, scale)
    score = checked_scores(responses, lo, hi)
    cache = {}  # column codes, computed once per call
    groups = group(responses, by, cache)
    g, n_groups = groups.codes, groups.size
    scored = ~np.isnan(score)

    stats = score_stats(g[scored], n_groups, score[scored], lo, hi)
    dont_know = ~scored
    if "answer" in responses.columns and dont_know.any():
        rows = np.flatnonzero(dont_know)
        answer = responses["answer"].iloc[rows].to_numpy(dtype=object)
        dont_know[rows] = ~pd.isna(answer) & (answer != "")
    n_dont_know = np.bincount(g[dont_know], minlength=n_groups)
    n_respondents = people(responses, g, n_groups, scored, cache, columns=by)

    table = groups.keys.copy()
    if pooled is not None:
        table["waves"] = wave_lists(responses, g, n_groups, None, cache)
    table["n_respondents"] = n_respondents.astype(np.int64)
    table["n"] = stats.pop("n")
    table["n_dont_know"] = n_dont_know.astype(np.int64)
    for name, values in stats.items():
        table[name] = values
    table = add_text(table, codebook)
    margins = default_margins(by) if margins is None else list(margins)
    return suppress(
        table,
        min_n=min_n,
        stat_columns=DESCRIBE_STATS,
        group_columns=by,
        margins=margins,
        units=organisation_units(responses, by, min_n, units),
    )


# --------------------------------------------------------------------------- organisations


def across_organisations(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    scale: tuple[float, float] = (1, 5),
    pool_waves: bool = False,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How organisations differ: per-organisation means first, then statistics across them.

    Two means answer two questions. ``mean_of_means`` weighs every organisation the same: right
    for "how is the typical organisation doing?" and for comparing organisations of very
    different size. ``pooled_mean`` (over all scored answers, so every respondent weighs the
    same) is right for "how do the respondents see it?"; it equals ``describe``'s ``mean``.

    Privacy choice: the between-organisation statistics (``n_organisations``,
    ``mean_of_means``, ``sd_between``, min and max) use only the organisations whose own mean
    is published by ``describe(responses, by=[*by, "organisation"], min_n=min_n)``, i.e. that
    survive primary *and* secondary suppression there. Including the others would let a
    reader recover a hidden organisation's mean from ``mean_of_means`` and ``sd_between``
    and the published siblings. Their number is ``n_organisations_hidden``; their respondents
    still count in ``pooled_mean``, ``n`` and ``n_respondents``. Rows without an organisation
    count only in the pooled figures. So for a role with one respondent per organisation (the
    IT-chef) the between-organisation columns are empty and ``pooled_mean`` is the figure to
    use.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table, with an ``organisation`` column.
    by : str or list of str, default ["role", "statement"]
        Group columns; ``organisation`` (what is compared within each group) is an error here.
    min_n : int, default 5
        Suppression threshold, for the groups and for the organisations within them.
    codebook : Codebook, optional
        Scale limits and statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), adding a ``waves`` column; without
        it, several waves without ``wave`` in ``by`` are an error. People are counted as in
        :func:`describe`.
    units : DataFrame, optional
        The one decision per organisation,
        ``maturity.privacy.organisation_suppression(responses, by=[*by, "organisation"],
        min_n=min_n)``, when the caller has made it already; made here otherwise.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], [``waves``], ``n_respondents``, ``n``, ``pooled_mean``,
        ``n_organisations``, ``n_organisations_hidden``, ``mean_of_means``, ``sd_between``
        (ddof=1), ``min_organisation``, ``min_mean``, ``max_organisation``, ``max_mean``,
        ``n_min_organisations``, ``n_max_organisations``, ``suppressed``. Organisations that
        share the lowest (highest) mean are all named, joined with ", " alphabetically, and
        counted in ``n_min_organisations`` (``n_max_organisations``); only published
        organisations are named.

    Examples
    --------
    Organisation C has one respondent, so it is hidden, and so is A, the smallest of the
    others (secondary suppression): B and D are compared.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": "S1",
    ...                   "organisation": ["A"] * 5 + ["B"] * 5 + ["D"] * 6 + ["C"],
    ...                   "respondent": [str(i) for i in range(17)],
    ...                   "score": [2.0] * 5 + [4.0] * 5 + [3.0] * 6 + [5.0]})
    >>> t = across_organisations(r)
    >>> t[["n_organisations", "n_organisations_hidden", "mean_of_means", "sd_between"]]
       n_organisations  n_organisations_hidden  mean_of_means  sd_between
    0                2                       2            3.5    0.707107
    >>> t[["min_organisation", "min_mean", "max_organisation", "max_mean", "pooled_mean"]]
      min_organisation  min_mean max_organisation  max_mean  pooled_mean
    0                D       3.0                B       4.0     3.117647
    """
    by = as_list(by)
    min_n = check_min_n(min_n)
    if "organisation" in by:
        raise ValueError("across_organisations: 'organisation' cannot be a group column")
    require(responses, [*by, "organisation", "score"], "across_organisations")
    pooled = pooled_waves(responses, by, pool_waves, "across_organisations")
    lo, hi = scale_limits(codebook, scale)
    score = checked_scores(responses, lo, hi)
    cache = {}  # column codes, computed once per call
    groups = group(responses, by, cache)
    cells = _organisation_cells(responses, groups, score, cache)
    units = organisation_units(responses, [*by, "organisation"], min_n, units)
    shown = _published_organisations(groups, cells, by, min_n, units)
    table = _between_organisations(groups, cells, shown)
    table = add_text(table, codebook)
    if pooled is not None:
        waves = wave_lists(responses, groups.codes, groups.size, None, cache)
        table.insert(table.columns.get_loc("n_respondents"), "waves", waves)
    stat_columns = [c for c in table.columns[table.columns.get_loc("n") :]]
    return suppress(table, min_n=min_n, stat_columns=stat_columns, group_columns=by)


def _organisation_cells(
    responses: pd.DataFrame, groups: Groups, score: np.ndarray, cache: dict
) -> dict:
    """Scored answers, score sums and respondents per (group, organisation) cell."""
    n_groups = groups.size
    org_codes, n_orgs, decode_org = cached_codes(responses, "organisation", cache)
    scored = ~np.isnan(score)
    all_cells = groups.codes.astype(np.int64) * n_orgs + org_codes
    cell, x = all_cells[scored], score[scored]
    size = n_groups * n_orgs
    n_answers = np.bincount(cell, minlength=size).reshape(n_groups, n_orgs)
    sums = np.bincount(cell, weights=x, minlength=size).reshape(n_groups, n_orgs)
    # people per (group, organisation): a respondent's identity includes the organisation
    n_resp = people(
        responses, all_cells, size, scored, cache, columns=[*groups.keys.columns, "organisation"]
    ).reshape(n_groups, n_orgs)
    real = np.arange(n_orgs) < n_orgs - 1  # the last code is "no organisation"
    return {
        "n_answers": n_answers,
        "sums": sums,
        "n_resp": n_resp,
        "real": real,
        "decode": decode_org,
        "n_orgs": n_orgs,
    }


def _published_organisations(
    groups: Groups, cells: dict, by: list[str], min_n: int, units: pd.DataFrame | None
) -> np.ndarray:
    """Which (group, organisation) means are published: the rule of
    ``describe(by=[*by, "organisation"])``, primary and secondary suppression, and the one
    decision per organisation (``units``)."""
    n_answers, real = cells["n_answers"], cells["real"]
    gi, oi = np.nonzero((n_answers > 0) & real[None, :])
    per_org = groups.keys.iloc[gi].reset_index(drop=True)
    per_org["organisation"] = np.asarray(cells["decode"](oi), dtype=object)
    per_org["n_respondents"] = cells["n_resp"][gi, oi]
    per_org = suppress(
        per_org,
        min_n=min_n,
        stat_columns=[],
        group_columns=[*by, "organisation"],
        margins=default_margins([*by, "organisation"]),
        units=units,
    )
    shown = np.zeros(n_answers.shape, dtype=bool)
    shown[gi, oi] = ~per_org["suppressed"].to_numpy()
    return shown


def _between_organisations(groups: Groups, cells: dict, shown: np.ndarray) -> pd.DataFrame:
    """The pooled and between-organisation statistics per group (before suppression)."""
    n_answers, sums, n_orgs = cells["n_answers"], cells["sums"], cells["n_orgs"]
    with np.errstate(invalid="ignore", divide="ignore"):
        org_mean = np.where(shown, sums / n_answers, np.nan)
        n_shown = shown.sum(axis=1)
        mean_of_means = np.where(n_shown > 0, np.nansum(org_mean, axis=1) / n_shown, np.nan)
        dev = np.where(shown, org_mean - mean_of_means[:, None], 0.0)
        sd_between = np.where(n_shown > 1, np.sqrt((dev**2).sum(axis=1) / (n_shown - 1)), np.nan)
        total_n = n_answers.sum(axis=1)
        pooled = sums.sum(axis=1) / total_n
    names = np.asarray(cells["decode"](np.arange(n_orgs)), dtype=object)
    table = groups.keys.copy()
    table["n_respondents"] = cells["n_resp"].sum(axis=1)  # organisations partition them
    table["n"] = total_n.astype(np.int64)
    table["pooled_mean"] = pooled
    table["n_organisations"] = n_shown.astype(np.int64)
    table["n_organisations_hidden"] = ((n_answers > 0) & cells["real"][None, :] & ~shown).sum(
        axis=1
    )
    table["mean_of_means"] = mean_of_means
    table["sd_between"] = sd_between
    for end, pick in (("min", np.nanmin), ("max", np.nanmax)):
        table[f"{end}_organisation"], table[f"{end}_mean"], table[f"n_{end}_organisations"] = (
            _extreme_organisations(org_mean, shown, names, pick)
        )
    return table


def _extreme_organisations(org_mean: np.ndarray, shown: np.ndarray, names: np.ndarray, pick):
    """Per group: every shown organisation sharing the lowest (``pick=np.nanmin``) resp. the
    highest mean, joined with ", " in alphabetical order; the mean; how many share it."""
    labels, values, counts = [], [], []
    for means, published in zip(org_mean, shown, strict=True):
        if not published.any():
            labels.append(None)
            values.append(np.nan)
            counts.append(0)
            continue
        rounded = np.round(means, 10)  # equal fractions of different n are equal means
        extreme = pick(np.where(published, rounded, np.nan))
        tied = published & (rounded == extreme)
        labels.append(", ".join(sorted(str(name) for name in names[tied])))
        values.append(float(means[tied][0]))
        counts.append(int(tied.sum()))
    return labels, np.asarray(values, dtype=float), np.asarray(counts, dtype=np.int64)


# --------------------------------------------------------------------------- ranking


def rank_statements(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "role",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    scale: tuple[float, float] = (1, 5),
    item: str = "statement",
    k: int = 3,
    pool_waves: bool = False,
    described: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``k`` lowest and ``k`` highest statements by mean, per ``by`` group.

    The means are those of ``describe(responses, by=[*by, item])``; only published statements
    (not suppressed, with a mean) are ranked. Tied statements share the lowest rank of the tie
    (``rank="min"``) and are listed by statement id; a tie at the ``k``-th place is kept whole,
    so a list can hold more than ``k`` statements. A group with fewer than ``2 k`` statements
    has statements in both lists.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default "role"
        Groups ranked separately (``None``: all statements together); ``item`` is an error here.
    min_n : int, default 5
        Suppression threshold.
    codebook : Codebook, optional
        Scale limits and statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.
    item : str, default "statement"
        The column whose values are ranked within each ``by`` group.
    k : int, default 3
        How many statements at each end.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), as in :func:`describe`; without it,
        several waves without ``wave`` in ``by`` are an error.
    described : DataFrame, optional
        ``describe(responses, by=[*by, item], min_n=min_n, codebook=codebook, scale=scale,
        pool_waves=pool_waves)`` when the caller has it already: it is not computed again.

    Returns
    -------
    DataFrame
        ``by`` columns, ``end`` ("lowest" / "highest"), ``rank`` (1 = the lowest resp. the
        highest; tied statements share a rank), ``item`` column, [``text``], ``mean``, ``sd``, ``n``, ``n_respondents``,
        [``waves`` when pooled].

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": ["S1"] * 5 + ["S2"] * 5 + ["S3"] * 5,
    ...                   "respondent": list("abcde") * 3,
    ...                   "score": [1.0, 2, 2, 3, 3] + [4.0] * 5 + [3.0] * 5})
    >>> rank_statements(r, k=1)[["role", "end", "rank", "statement", "mean"]]
       role      end  rank statement  mean
    0  chef   lowest     1        S1   2.2
    1  chef  highest     1        S2   4.0

    Statements that tie at the cut are all listed, with a shared rank:

    >>> r.loc[r["statement"] == "S3", "score"] = 4.0
    >>> rank_statements(r, k=1)[["end", "rank", "statement", "mean"]]
           end  rank statement  mean
    0   lowest     1        S1   2.2
    1  highest     1        S2   4.0
    2  highest     1        S3   4.0
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    by = as_list(by)
    if item in by:
        raise ValueError(f"rank_statements: {item!r} is what is ranked; it cannot be in by")
    table = described
    if table is None:
        table = describe(
            responses,
            by=[*by, item],
            min_n=min_n,
            codebook=codebook,
            scale=scale,
            pool_waves=pool_waves,
        )
    table = table[~table["suppressed"] & table["mean"].notna()]
    columns = [
        *by,
        item,
        *(["text"] if "text" in table else []),
        "mean",
        "sd",
        "n",
        "n_respondents",
        *(["waves"] if "waves" in table else []),
    ]
    table = table[columns]
    table = table.assign(_id=table[item].astype(str), _mean=table["mean"].round(10))
    parts = []
    for end, ascending in (("lowest", True), ("highest", False)):
        part = table.sort_values(["_mean", "_id"], ascending=[ascending, True], kind="stable")
        ranks = part.groupby(by, observed=True, dropna=False)["_mean"] if by else part["_mean"]
        part = part.assign(rank=ranks.rank(method="min", ascending=ascending))
        part = part[part["rank"] <= k]  # a tie at the cut is kept whole
        parts.append(part.drop(columns=["_id", "_mean"]).assign(end=end))
    out = pd.concat(parts, ignore_index=True)
    out["_end"] = (out["end"] == "highest").astype(int)
    out = out.sort_values([*by, "_end", "rank"], kind="stable").drop(columns="_end")
    out["rank"] = out["rank"].astype(np.int64)
    return out[[*by, "end", "rank", *columns[len(by) :]]].reset_index(drop=True)
