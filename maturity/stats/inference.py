"""Tests: statements against the scale midpoint, two roles, two survey rounds; Holm's method.

See :mod:`maturity.stats` for the conventions every function here follows.

Examples
--------
>>> holm([0.01, 0.04]).round(2).tolist()
[0.02, 0.04]
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.codebook import Codebook
from maturity.privacy import DEFAULT_MIN_N, check_min_n, suppress
from maturity.stats.common import (
    add_text,
    as_list,
    checked_scores,
    midpoint_of,
    pooled_waves,
    require,
    scale_limits,
)
from maturity.stats.descriptive import default_margins, describe
from maturity.stats.grouping import group, people, split, t_interval, wave_lists
from maturity.stats.scales import units

__all__ = [
    "holm",
    "wilcoxon",
    "midpoint_test",
    "midpoint_summary",
    "compare_roles",
    "compare_parallel",
    "change",
    "two_groups",
    "SIGNIFICANCE",
]

#: A statement differs from the midpoint (and two groups differ) when the Holm-adjusted p is
#: below this; the findings use the same level.
SIGNIFICANCE = 0.05


def holm(p: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values; missing values stay missing and are not counted.

    The ``i``-th smallest of ``m`` p-values becomes ``max_{j <= i} min(1, (m - j + 1) p_(j))``.

    Parameters
    ----------
    p : array-like of float

    Returns
    -------
    ndarray of float, in the input order.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, float("nan")]).round(2).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    order = ok[np.argsort(p[ok], kind="stable")]
    m = len(order)
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adjusted, 1.0)
    return out


# --------------------------------------------------------------------------- midpoint


def wilcoxon(d: np.ndarray) -> tuple[float, float]:
    """``scipy.stats.wilcoxon(d)`` (two-sided, method "auto"): statistic and p-value.

    For up to 13 values scipy runs an exact permutation test over all 2**n sign flips, which
    is slow (about 0.1 s). The same exact distribution of the signed-rank sum follows from a
    few array additions (ranks doubled to be whole numbers, so midranks of ties fit), so it
    is computed here; larger samples go to scipy.

    Examples
    --------
    >>> statistic, p = wilcoxon(np.array([1.0, 2, 1, 1, 2, 1, 2, -1]))
    >>> float(statistic), round(float(p), 4)
    (3.0, 0.0469)
    """
    if len(d) > 13:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            result = sps.wilcoxon(d)
        return float(result.statistic), float(result.pvalue)
    d = d[d != 0]
    ranks = np.rint(2 * sps.rankdata(np.abs(d))).astype(np.int64)
    r_plus = int(ranks[d > 0].sum())
    dist = np.zeros(int(ranks.sum()) + 1)
    dist[0] = 1.0
    for rank in ranks:  # each rank joins the positive sum or not, with probability 1/2
        dist[rank:] = dist[rank:] + dist[:-rank].copy()
    dist /= dist.sum()
    p = 2 * min(dist[: r_plus + 1].sum(), dist[r_plus:].sum())
    r_minus = ranks.sum() - r_plus
    return min(r_plus, r_minus) / 2, min(1.0, p)


def midpoint_test(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    scale: tuple[float, float] = (1, 5),
    midpoint: float | None = None,
    pool_waves: bool = False,
    described: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Is each statement's score above the scale midpoint? One-sample Wilcoxon per group.

    ``scipy.stats.wilcoxon`` on ``score − midpoint`` (two-sided; answers exactly at the
    midpoint are dropped, as in Wilcoxon's original method), Holm-adjusted over the published
    rows. See :func:`midpoint_summary` for the per-role verdict.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default ["role", "statement"]
        Group columns.
    min_n : int, default 5
        Suppression threshold.
    codebook : Codebook, optional
        Gives the midpoint, the scale limits and the statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.
    midpoint : float, optional
        Overrides the codebook's midpoint; default the middle of the scale.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), as in :func:`describe`; without it,
        several waves without ``wave`` in ``by`` are an error. Pooled answers of a person in
        two waves enter the test as two answers.
    described : DataFrame, optional
        ``describe(responses, by=by, min_n=min_n, codebook=codebook, scale=scale,
        pool_waves=pool_waves)`` when the caller has it already: it is not computed again.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], [``waves``], ``n_respondents``, ``n``, ``mean``, ``median``,
        ``midpoint``, ``difference`` (mean − midpoint), ``statistic`` (scipy's W: the smaller
        signed-rank sum), ``p``, ``p_holm``, ``above`` (mean > midpoint), ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": "S1", "respondent": list("abcdefgh"),
    ...                   "score": [4.0, 5, 4, 4, 5, 3, 4, 5]})
    >>> midpoint_test(r)[["n", "mean", "midpoint", "p", "above"]].round(4)
       n  mean  midpoint       p  above
    0  8  4.25       3.0  0.0156   True
    """
    by = as_list(by)
    mid = midpoint_of(codebook, midpoint, scale)
    table = described
    if table is None:
        table = describe(
            responses, by=by, min_n=min_n, codebook=codebook, scale=scale, pool_waves=pool_waves
        )
    lo, hi = scale_limits(codebook, scale)
    score = checked_scores(responses, lo, hi)
    scored = ~np.isnan(score)
    groups = group(responses, by)
    if len(table) != groups.size:
        raise ValueError("midpoint_test: described is not describe(responses, by=by) of these")
    statistic = np.full(groups.size, np.nan)
    p = np.full(groups.size, np.nan)
    published = ~table["suppressed"].to_numpy()
    for i, x in enumerate(split(groups.codes[scored], groups.size, score[scored])):
        if published[i] and np.any(x != mid):
            statistic[i], p[i] = wilcoxon(x - mid)
    keep = [*by, *(c for c in ("text", "waves") if c in table), "n_respondents", "n", "mean"]
    keep.append("median")
    out = table[keep].copy()
    out["midpoint"] = mid
    out["difference"] = out["mean"] - mid
    out["statistic"] = statistic
    out["p"] = p
    out["p_holm"] = holm(p)
    out["above"] = (out["mean"] > mid).astype("boolean").mask(out["mean"].isna())
    out["suppressed"] = table["suppressed"]
    return out


def midpoint_summary(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = "role",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    scale: tuple[float, float] = (1, 5),
    midpoint: float | None = None,
    item: str = "statement",
    level: float = SIGNIFICANCE,
    pool_waves: bool = False,
    tested: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per ``by`` group: how many statements are reliably above, reliably below or not
    reliably different from the midpoint, and which is lowest?

    The verdict of each statement is that of :func:`midpoint_test` by ``[*by, item]``: above
    (or below) only when its Holm-adjusted p is below ``level`` — the counts the findings
    state. Only published statements count; ``n_suppressed`` says how many could not be
    judged.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default "role"
        Group columns of the result (one row per group); ``item`` is an error here.
    min_n : int, default 5
        Suppression threshold.
    codebook : Codebook, optional
        Gives the midpoint, the scale limits and the statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.
    midpoint : float, optional
        Overrides the codebook's midpoint; default the middle of the scale.
    item : str, default "statement"
        The column whose means are judged within each ``by`` group.
    level : float, default 0.05
        A statement differs from the midpoint when its Holm-adjusted p is below this.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), as in :func:`describe`; without it,
        several waves without ``wave`` in ``by`` are an error.
    tested : DataFrame, optional
        ``midpoint_test(responses, by=[*by, item], …)`` with the same arguments, when the
        caller has it already: it is not computed again (nor changed).

    Returns
    -------
    DataFrame
        ``by`` columns, [``waves`` when pooled], ``midpoint``, ``n_statements`` (published),
        ``n_suppressed``, ``n_above``, ``n_below``, ``n_not_different`` (by the Holm-adjusted
        test), ``all_above``, ``lowest_statement`` (ties: the first by id), [``lowest_text``],
        ``lowest_mean``, ``n_lowest`` (statements sharing the lowest mean).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": ["S1"] * 8 + ["S2"] * 8,
    ...                   "respondent": list("abcdefgh") * 2,
    ...                   "score": [4.0] * 8 + [2.0, 3, 3, 3, 4, 3, 3, 3]})
    >>> midpoint_summary(r)[["n_above", "n_not_different", "all_above", "lowest_statement"]]
       n_above  n_not_different  all_above lowest_statement
    0        1                1      False               S2
    """
    by = as_list(by)
    if item in by:
        raise ValueError(f"midpoint_summary: {item!r} is what is judged; it cannot be in by")
    if tested is not None:
        table = tested.copy()
    else:
        table = midpoint_test(
            responses,
            by=[*by, item],
            min_n=min_n,
            codebook=codebook,
            scale=scale,
            midpoint=midpoint,
            pool_waves=pool_waves,
        )
    mid = midpoint_of(codebook, midpoint, scale)
    table["_published"] = ~table["suppressed"].astype(bool) & table["mean"].notna()
    significant = table["_published"] & (table["p_holm"] < level).fillna(False)
    table["_above"] = significant & (table["mean"] > mid)
    table["_below"] = significant & (table["mean"] < mid)
    table["_id"] = table[item].astype(str)
    grouped = table.groupby(by, observed=True, dropna=False, sort=True) if by else [((), table)]
    rows = [_midpoint_row(key, part, by, item, mid, "text" in table) for key, part in grouped]
    out = pd.DataFrame(rows)
    for column in ("n_statements", "n_suppressed", "n_above", "n_below", "n_not_different"):
        out[column] = out[column].astype(np.int64)
    out["n_lowest"] = out["n_lowest"].astype(np.int64)
    return out


def _midpoint_row(key, part: pd.DataFrame, by: list[str], item: str, mid: float, texts: bool):
    """One row of :func:`midpoint_summary`: the counts and the lowest statement of a group."""
    published = part[part["_published"]].sort_values(["mean", "_id"], kind="stable")
    row = dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True))
    if "waves" in part:
        row["waves"] = _union(part["waves"])
    above, below = int(part["_above"].sum()), int(part["_below"].sum())
    row.update(
        midpoint=mid,
        n_statements=len(published),
        n_suppressed=int((~part["_published"]).sum()),
        n_above=above,
        n_below=below,
        n_not_different=len(published) - above - below,
        all_above=bool(len(published)) and above == len(published),
    )
    first = published.iloc[0] if len(published) else None
    row["lowest_statement"] = None if first is None else first[item]
    if texts:
        row["lowest_text"] = None if first is None else first["text"]
    row["lowest_mean"] = np.nan if first is None else first["mean"]
    row["n_lowest"] = 0 if first is None else int((published["mean"] == first["mean"]).sum())
    return row


def _union(lists: pd.Series) -> str:
    """The union of ``waves`` texts ("2020, 2022"), sorted as the waves are."""
    seen = {w for text in lists.dropna() for w in str(text).split(", ") if w}
    return ", ".join(sorted(seen, key=lambda w: (len(w), w)))


# --------------------------------------------------------------------------- two groups


def two_groups(table: pd.DataFrame, by: list[str], side: str, first, second):
    """Yield (key, x, y, n_resp_x, n_resp_y) for the ``by`` groups present in both halves.

    ``table`` holds one scored unit per row (:func:`maturity.stats.scales.units`); ``x`` are
    the scores of the rows with ``side == first``, ``y`` of those with ``side == second``.

    Examples
    --------
    >>> t = pd.DataFrame({"g": "S1", "role": ["a", "b"], "respondent": [1, 2],
    ...                   "score": [4.0, 2.0]})
    >>> [(key, x.tolist(), y.tolist()) for key, x, y, _, _ in two_groups(t, ["g"], "role",
    ...                                                                  "a", "b")]
    [(('S1',), [4.0], [2.0])]
    """
    is_first, is_second = (
        (table[side] == value).to_numpy(dtype=bool, na_value=False) for value in (first, second)
    )
    half = np.where(is_first, 0, np.where(is_second, 1, -1))
    table, half = table[half >= 0], half[half >= 0]
    groups = group(table, by)
    cell = groups.codes * 2 + half
    n_resp = people(table, cell, 2 * groups.size).reshape(-1, 2)
    halves = split(cell, 2 * groups.size, table["score"].to_numpy(dtype=float))
    keys = list(groups.keys.itertuples(index=False, name=None))
    for i, key in enumerate(keys):
        x, y = halves[2 * i], halves[2 * i + 1]
        if len(x) and len(y):
            yield key, x, y, int(n_resp[i, 0]), int(n_resp[i, 1])


def compare_roles(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = "statement",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    roles: Sequence[str] | None = None,
    pool_waves: bool = False,
) -> pd.DataFrame:
    """Compare two roles on the statements (or dimensions) both of them answered.

    The unit is the respondent: with ``by="statement"`` their answer, with
    ``by="dimension"`` their dimension score (:func:`~maturity.stats.dimension_scores`).
    Mann–Whitney U, two-sided (``scipy.stats.mannwhitneyu``), Holm-adjusted over the published
    rows.

    The rank-biserial correlation is ``r = 2 U_1 / (n_1 n_2) − 1 = 1 − 2 U_2 / (n_1 n_2)``
    where ``U_1`` is the U of ``role_1`` (pairs where role 1 scores higher, ties counting
    half). ``r > 0`` means ``role_1`` tends to score higher, the same sign as ``difference``;
    ``r`` = 1 when every role-1 answer is above every role-2 answer.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default "statement"
        ``"statement"`` or ``"dimension"`` (or other group columns: respondent means);
        ``role`` (what is compared) is an error here.
    min_n : int, default 5
        A comparison is suppressed when either role has fewer respondents.
    codebook : Codebook, optional
        Statement ``text`` and the number of statements per dimension.
    roles : (str, str), optional
        The two roles; default the two roles in the data (an error if there are more).
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``), adding a ``waves`` column; without
        it, several waves without ``wave`` in ``by`` are an error. People are counted as in
        :func:`describe`; a person answering in two waves gives two units.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], [``waves``], ``role_1``, ``role_2``, ``n_respondents_1``,
        ``n_respondents_2``, ``n_1``, ``n_2``, ``mean_1``, ``mean_2``, ``difference``
        (mean_1 − mean_2), ``u`` (U of role 1), ``rank_biserial``, ``p``, ``p_holm``,
        ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": ["A"] * 5 + ["B"] * 5, "statement": "S1",
    ...                   "respondent": list("abcdefghij"),
    ...                   "score": [4.0, 5, 4, 5, 4, 2, 3, 2, 3, 4]})
    >>> compare_roles(r)[["statement", "mean_1", "mean_2", "u", "rank_biserial"]]
      statement  mean_1  mean_2     u  rank_biserial
    0        S1     4.4     2.8  23.5           0.88
    """
    by = as_list(by)
    min_n = check_min_n(min_n)
    first, second = _two_roles(responses, by, roles)
    pooled = pooled_waves(responses, by, pool_waves, "compare_roles")
    scored = units(responses, by=by, codebook=codebook, extra=["role"])
    rows = [
        {**dict(zip(by, key, strict=True)), **_mann_whitney(x, y, nx, ny, first, second)}
        for key, x, y, nx, ny in two_groups(scored, by, "role", first, second)
    ]
    out = _role_table(rows, by, codebook, min_n)
    if pooled is not None:
        out.insert(out.columns.get_loc("role_1"), "waves", _pooled_lists(scored, out, by))
    return out


def compare_parallel(
    responses: pd.DataFrame,
    *,
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook,
    roles: Sequence[str],
    pool_waves: bool = False,
) -> pd.DataFrame:
    """Compare two roles on the statements the codebook declares parallel, pair by pair.

    Each declared pair (:meth:`~maturity.codebook.Codebook.parallel_pairs`) is one row: the
    first role's answers to its statement against the second role's answers to the paired
    statement, with the statistics of :func:`compare_roles` (Mann–Whitney U, rank-biserial r,
    Holm-adjusted over the published pairs, suppressed under ``min_n`` people per role).

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table (one wave, unless ``pool_waves``).
    min_n : int, default 5
        A pair is suppressed when either role has fewer respondents.
    codebook : Codebook
        Declares the pairs (its ``parallel`` column) and gives the statements' texts.
    roles : (str, str)
        The two roles compared.
    pool_waves : bool, default False
        As in :func:`compare_roles`.

    Returns
    -------
    DataFrame
        ``pair``, ``statement_1``, ``statement_2``, ``text_1``, ``text_2``, ``dimension``,
        then the columns of :func:`compare_roles`. Empty (same columns) when no pair is
        declared or answered.

    Examples
    --------
    >>> import pandas as pd
    >>> from maturity.codebook import Codebook
    >>> cb = Codebook.from_frames(
    ...     statements=pd.DataFrame({"statement": ["F1", "I1"], "text": ["a", "b"],
    ...                              "role": ["A", "B"], "dimension": "D",
    ...                              "parallel": ["I1", "F1"]}),
    ...     scale=pd.DataFrame({"label": list("12345"), "value": [1, 2, 3, 4, 5]}))
    >>> r = pd.DataFrame({"role": ["A"] * 5 + ["B"] * 5,
    ...                   "statement": ["F1"] * 5 + ["I1"] * 5,
    ...                   "respondent": list("abcdefghij"),
    ...                   "score": [4.0, 5, 4, 5, 4, 2, 3, 2, 3, 4]})
    >>> compare_parallel(r, codebook=cb, roles=("A", "B"))[["pair", "mean_1", "mean_2", "u"]]
          pair  mean_1  mean_2     u
    0  F1 · I1     4.4     2.8  23.5
    """
    first, second = roles
    pairs = codebook.parallel_pairs(first, second)
    label = {a: f"{a} · {b}" for a, b in pairs}
    label.update({b: f"{a} · {b}" for a, b in pairs})
    require(responses, ["role", "statement"], "compare_parallel")
    role = responses["role"].astype(str)
    statement = responses["statement"].astype(str)
    keep = (role == first) & statement.isin([a for a, _ in pairs])
    keep |= (role == second) & statement.isin([b for _, b in pairs])
    chosen = responses[keep]
    chosen = chosen.assign(pair=chosen["statement"].astype(str).map(label))
    compared = compare_roles(
        chosen.drop(columns=["statement"]),
        by="pair",
        min_n=min_n,
        roles=(first, second),
        pool_waves=pool_waves,
    )
    return _pair_columns(compared, pairs, codebook)


def _pair_columns(compared: pd.DataFrame, pairs: list, codebook: Codebook) -> pd.DataFrame:
    """The rows of ``compared`` (by ``pair``) in codebook order, with the pair's statements,
    their texts and the first statement's dimension."""
    texts = codebook.statement_texts()
    dims = codebook.statements.set_index("statement")["dimension"]
    info = pd.DataFrame(
        {
            "pair": [f"{a} · {b}" for a, b in pairs],
            "statement_1": [a for a, _ in pairs],
            "statement_2": [b for _, b in pairs],
            "text_1": [texts[a] for a, _ in pairs],
            "text_2": [texts[b] for _, b in pairs],
            "dimension": [dims[a] for a, _ in pairs],
        },
        dtype=object,
    )
    merged = info.merge(compared.astype({"pair": object}), on="pair", how="inner")
    return merged.reset_index(drop=True)


def _pooled_lists(scored: pd.DataFrame, out: pd.DataFrame, by: list[str]) -> list[str]:
    """The ``waves`` of each row of ``out`` (keys ``by``), from the units compared."""
    if not len(out):
        return []
    if not by:
        return [wave_lists(scored, np.zeros(len(scored), dtype=np.int64), 1)[0]] * len(out)
    groups = group(scored, by)
    lists = wave_lists(scored, groups.codes, groups.size)
    keys = groups.keys.assign(_waves=lists).astype({c: object for c in by})
    merged = out[by].astype(object).merge(keys, on=by, how="left")
    return merged["_waves"].tolist()


#: The statistics columns of :func:`compare_roles`, after the ``by`` columns.
_ROLE_COLUMNS = [
    "role_1",
    "role_2",
    "n_respondents_1",
    "n_respondents_2",
    "n_1",
    "n_2",
    "mean_1",
    "mean_2",
    "difference",
    "u",
    "rank_biserial",
    "p",
]


def _two_roles(responses: pd.DataFrame, by: list[str], roles) -> tuple[str, str]:
    """Check the group columns and return the two roles compared (given, or the two in the data)."""
    if "role" in by:
        raise ValueError("compare_roles: 'role' cannot be a group column")
    require(responses, [*by, "role"], "compare_roles")
    if roles is None:
        roles = sorted(str(role) for role in responses["role"].dropna().unique())
        if len(roles) != 2:
            raise ValueError(f"compare_roles: found roles {roles}; pass roles=(first, second)")
    first, second = roles
    return first, second


def _mann_whitney(x: np.ndarray, y: np.ndarray, nx: int, ny: int, first, second) -> dict:
    """One row of :func:`compare_roles`: sizes, means, Mann–Whitney U, rank-biserial r and p."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = sps.mannwhitneyu(x, y, alternative="two-sided")
    u = float(result.statistic)
    return {
        "role_1": first,
        "role_2": second,
        "n_respondents_1": nx,
        "n_respondents_2": ny,
        "n_1": len(x),
        "n_2": len(y),
        "mean_1": x.mean(),
        "mean_2": y.mean(),
        "difference": x.mean() - y.mean(),
        "u": u,
        "rank_biserial": 2 * u / (len(x) * len(y)) - 1,
        "p": result.pvalue,
    }


def _role_table(rows: list[dict], by: list[str], codebook, min_n: int) -> pd.DataFrame:
    """The table of :func:`compare_roles`: typed, with ``text``, suppressed, Holm-adjusted."""
    out = pd.DataFrame(rows, columns=[*by, *_ROLE_COLUMNS])
    for column in ("n_respondents_1", "n_respondents_2", "n_1", "n_2"):
        out[column] = out[column].astype(np.int64)
    out = add_text(out, codebook)
    stat_columns = ["n_1", "n_2", "mean_1", "mean_2", "difference", "u", "rank_biserial", "p"]
    out = suppress(
        out,
        min_n=min_n,
        n_column=["n_respondents_1", "n_respondents_2"],
        stat_columns=stat_columns,
        group_columns=by,
    )
    out.insert(len(out.columns) - 1, "p_holm", holm(out["p"]))
    return out


# --------------------------------------------------------------------------- change


def change(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    from_wave: int | None = None,
    to_wave: int | None = None,
) -> pd.DataFrame:
    """Change between two survey rounds: difference of means with a Welch 95 % CI.

    The unit is the respondent (their answer per statement, their dimension score per
    dimension, otherwise their mean over the group, e.g. per organisation). The two rounds
    are treated as independent samples (respondents are not linked across rounds): Welch's
    t interval for ``mean_to − mean_from`` and a two-sided Mann–Whitney U test.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table with a ``wave`` column.
    by : str or list of str, default ["role", "statement"]
        Group columns (statements, dimensions, organisations …); ``wave`` (what is compared)
        is an error here.
    min_n : int, default 5
        A group is suppressed when either round has fewer respondents.
    codebook : Codebook, optional
        Statement ``text`` and the number of statements per dimension.
    from_wave, to_wave : int, optional
        The earlier and the later round; default the first and the last round in the data.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], ``from_wave``, ``to_wave``, ``n_respondents_from``,
        ``n_respondents_to``, ``n_from``, ``n_to``, ``mean_from``, ``mean_to``,
        ``difference``, ``ci95_low``, ``ci95_high``, ``p_mannwhitney``, ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"wave": [2020] * 5 + [2022] * 5, "role": "chef", "statement": "S1",
    ...                   "respondent": list("abcdeabcde"),
    ...                   "score": [2.0, 3, 3, 2, 3, 4, 4, 3, 5, 4]})
    >>> change(r, from_wave=2020, to_wave=2022)[["statement", "mean_from", "mean_to",
    ...                                         "difference"]]
      statement  mean_from  mean_to  difference
    0        S1        2.6      4.0         1.4
    """
    by = as_list(by)
    min_n = check_min_n(min_n)
    if "wave" in by:
        raise ValueError("change: 'wave' cannot be a group column")
    require(responses, ["wave"], "change")
    waves = responses["wave"]
    if from_wave is None:
        from_wave = waves.min()
    if to_wave is None:
        to_wave = waves.max()
    subset = responses[(waves == from_wave) | (waves == to_wave)]
    scored = units(subset, by=by, codebook=codebook, extra=["wave"])
    rows = []
    for key, x, y, nx, ny in two_groups(scored, by, "wave", from_wave, to_wave):
        rows.append(
            {
                **dict(zip(by, key, strict=True)),
                "from_wave": from_wave,
                "to_wave": to_wave,
                "n_respondents_from": nx,
                "n_respondents_to": ny,
                **_welch(x, y),
            }
        )
    columns = [
        *by,
        "from_wave",
        "to_wave",
        "n_respondents_from",
        "n_respondents_to",
        "n_from",
        "n_to",
        "mean_from",
        "mean_to",
        "difference",
        "ci95_low",
        "ci95_high",
        "p_mannwhitney",
    ]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("n_respondents_from", "n_respondents_to", "n_from", "n_to"):
        out[column] = out[column].astype(np.int64)
    out = add_text(out, codebook)
    return suppress(
        out,
        min_n=min_n,
        n_column=["n_respondents_from", "n_respondents_to"],
        stat_columns=columns[columns.index("n_from") :],
        group_columns=by,
        margins=default_margins(by),
    )


def _welch(x: np.ndarray, y: np.ndarray) -> dict:
    """Sizes, means, the difference y − x with its Welch 95 % CI, and the Mann–Whitney p."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        p = sps.mannwhitneyu(y, x, alternative="two-sided").pvalue
    vx = x.var(ddof=1) / len(x) if len(x) > 1 else np.nan
    vy = y.var(ddof=1) / len(y) if len(y) > 1 else np.nan
    se = np.sqrt(vx + vy)
    with np.errstate(invalid="ignore", divide="ignore"):
        # float64 arithmetic: a single-answer group gives NaN, not ZeroDivisionError
        dfx, dfy = np.float64(len(x) - 1), np.float64(len(y) - 1)
        df = (vx + vy) ** 2 / (vx**2 / dfx + vy**2 / dfy)
    difference = y.mean() - x.mean()
    low, high = t_interval(np.array([difference]), np.array([se]), np.array([df]))
    return {
        "n_from": len(x),
        "n_to": len(y),
        "mean_from": x.mean(),
        "mean_to": y.mean(),
        "difference": difference,
        "ci95_low": low[0],
        "ci95_high": high[0],
        "p_mannwhitney": p,
    }
