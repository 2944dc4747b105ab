"""Scales made of statements: each respondent's dimension score, and Cronbach's alpha.

See :mod:`maturity.stats` for the conventions every function here follows.

Examples
--------
>>> import pandas as pd
>>> r = pd.DataFrame({"role": "chef", "respondent": ["a", "a"], "statement": ["S1", "S2"],
...                   "dimension": "D", "score": [4.0, 2.0]})
>>> dimension_scores(r)[["respondent", "dimension", "score"]]
  respondent dimension  score
0          a         D    3.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.codebook import Codebook
from maturity.privacy import DEFAULT_MIN_N, check_min_n, suppress
from maturity.stats.common import add_text, as_list, pooled_waves, require
from maturity.stats.grouping import (
    column_codes,
    densify,
    group,
    people,
    person_columns,
    persons,
    split,
    wave_lists,
)

__all__ = [
    "dimension_scores",
    "units",
    "Reliability",
    "reliability",
    "cronbach_alpha",
    "add_reliability",
    "RELIABLE_ALPHA",
]

#: A dimension is a usable scale when its Cronbach's alpha is at least this; below it the
#: statements do not measure the same thing and the dimension score is marked unreliable.
RELIABLE_ALPHA = 0.6


# --------------------------------------------------------------------------- units


def dimension_scores(responses: pd.DataFrame, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """Each respondent's mean score per dimension, where enough of it is answered.

    A respondent gets a dimension score only when at least half of the dimension's statements
    for their role are answered with a score; other respondent × dimension pairs are left out.
    The number of statements comes from the codebook (statements of that role and dimension)
    when given, else from the statements seen in the data for that wave, role and dimension.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    codebook : Codebook, optional
        Source of the number of statements per role and dimension.

    Returns
    -------
    DataFrame
        ``wave``, ``organisation``, ``role``, ``respondent`` (those present in
        ``responses``), ``dimension``, ``score``, ``n_answered``, ``n_statements``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "respondent": ["a"] * 3 + ["b"] * 3,
    ...                   "statement": ["S1", "S2", "S3"] * 2, "dimension": "Styrning",
    ...                   "score": [4.0, 2, None, 5, None, None]})
    >>> dimension_scores(r)
       role respondent dimension  score  n_answered  n_statements
    0  chef          a  Styrning    3.0           2             3
    """
    person = person_columns(responses)
    require(responses, ["statement", "dimension", "score"], "dimension_scores")
    keys = [*person, "dimension"]
    groups = group(responses, keys)
    score = pd.to_numeric(responses["score"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    scored = ~np.isnan(score)
    g = groups.codes
    n_answered = np.bincount(g[scored], minlength=groups.size)
    sums = np.bincount(g[scored], weights=score[scored], minlength=groups.size)
    table = groups.keys.copy()

    context = [c for c in ("wave", "role") if c in responses.columns]
    seen = group(responses, [*context, "dimension", "statement"]).keys
    seen = seen.groupby([*context, "dimension"], observed=True, dropna=False).size()
    seen = seen.rename("n_statements").reset_index()
    n_statements = table.merge(seen, on=[*context, "dimension"], how="left")["n_statements"]
    if codebook is not None and "role" in table.columns:
        planned = codebook.statements.groupby(["role", "dimension"]).size()
        planned = planned.rename("n_planned").reset_index()
        planned["role"] = planned["role"].astype(str)
        planned["dimension"] = planned["dimension"].astype(str)
        merged = (
            table[["role", "dimension"]]
            .astype(object)
            .astype(str)
            .merge(planned, on=["role", "dimension"], how="left")["n_planned"]
        )
        n_statements = merged.fillna(n_statements)
    n_statements = n_statements.to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["score"] = sums / n_answered
    table["n_answered"] = n_answered.astype(np.int64)
    table["n_statements"] = n_statements.astype(np.int64)
    keep = (n_answered > 0) & (2 * n_answered >= n_statements)
    return table[keep].reset_index(drop=True)


def units(
    responses: pd.DataFrame,
    *,
    by: list[str],
    codebook: Codebook | None = None,
    extra: Sequence[str] = (),
) -> pd.DataFrame:
    """One scored value per respondent and group: the unit for tests between groups.

    With ``statement`` in ``by``: the answers. With ``dimension``: the respondent's dimension
    score (:func:`dimension_scores`). Otherwise: the respondent's mean over the group.
    ``extra`` are columns kept beside ``by`` (e.g. the ``role`` compared).

    Examples
    --------
    >>> r = pd.DataFrame({"organisation": "A", "respondent": ["a", "a"], "score": [4.0, 2.0]})
    >>> units(r, by=["organisation"])
      organisation respondent  score
    0            A          a    3.0
    """
    person = person_columns(responses)
    if "statement" in by:
        cols = list(dict.fromkeys([*by, *extra, *person, "score"]))
        table = responses[cols]
    elif "dimension" in by:
        table = dimension_scores(responses, codebook=codebook)
    else:
        keys = list(dict.fromkeys([*by, *extra, *person]))
        table = responses.groupby(keys, observed=True, dropna=False, sort=False)["score"].mean()
        table = table.reset_index()
    require(table, [*by, *extra], "grouping")
    return table[table["score"].notna()]


# --------------------------------------------------------------------------- reliability


@dataclass(frozen=True)
class Reliability:
    """The result of :func:`reliability`.

    Attributes
    ----------
    scales : DataFrame
        One row per scale (``by`` group): ``by`` columns, ``n_respondents``, ``n_items``,
        ``alpha``, ``ci95_low``, ``ci95_high``, ``suppressed``.
    items : DataFrame
        One row per item of each scale: ``by`` columns, the item column (``statement``),
        [``text``], ``n_respondents`` (of the scale), ``n`` (scored answers to the item),
        ``item_rest_r``, ``alpha_if_deleted``, ``suppressed``.
    """

    scales: pd.DataFrame
    items: pd.DataFrame

    def tables(self, prefix: str = "reliability_") -> dict[str, pd.DataFrame]:
        """The tables by name: ``{"reliability_scales": ..., "reliability_items": ...}``."""
        return {f"{prefix}{name}": getattr(self, name) for name in ("scales", "items")}


def cronbach_alpha(cov: np.ndarray) -> float:
    """Cronbach's alpha ``k/(k−1) · (1 − trace(C) / sum(C))`` of an item covariance matrix.

    NaN for fewer than two items or a total variance that is not positive.

    Examples
    --------
    >>> round(float(cronbach_alpha(np.array([[1.0, 0.5], [0.5, 1.0]]))), 4)
    0.6667
    """
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or not np.isfinite(total) or total <= 0:
        return np.nan
    return k / (k - 1) * (1 - np.trace(cov) / total)


def reliability(
    responses: pd.DataFrame,
    *,
    by: str | Sequence[str] = ("role", "dimension"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    item: str = "statement",
    missing: str = "pairwise",
    pool_waves: bool = False,
) -> Reliability:
    """Cronbach's alpha per dimension, with a 95 % CI, and item statistics.

    Each ``by`` group is a scale; its items are the values of ``item`` (the statements), the
    rows the respondents. Keep ``role`` in ``by`` when the roles answer different
    questionnaire parts: without it the roles are pooled into one scale. Alpha is
    ``k/(k−1) · (1 − trace(C) / sum(C))`` from the item covariance matrix ``C``:

    - ``missing="pairwise"``: ``C`` from all pairwise-complete answers (``DataFrame.cov``),
      as R ``psych::alpha(use="pairwise")`` and ``pingouin.cronbach_alpha``; the rows are the
      respondents with at least one scored item. A pairwise ``C`` need not be positive
      semi-definite, so with much missing data alpha can leave its usual range.
    - ``missing="listwise"``: only respondents who scored every item.

    The CI is Feldt's, with ``n − 1`` and ``(n − 1)(k − 1)`` degrees of freedom where ``n`` is
    the number of rows used (pingouin uses all rows even for listwise deletion, so its
    listwise CI is narrower than this one). Item–rest correlation and alpha-if-deleted are
    computed from the same ``C`` (the rest score is the sum of the other items).

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table (or any table with those columns).
    by : str or list of str, default ["role", "dimension"]
        Group columns: one scale per group; ``item`` is an error here.
    min_n : int, default 5
        Groups with fewer respondents are suppressed.
    codebook : Codebook, optional
        Statement ``text`` in the item table.
    item : str, default "statement"
        The column naming the items of a scale.
    missing : {"pairwise", "listwise"}
        How missing answers are handled.
    pool_waves : bool, default False
        Pool the waves (when ``wave`` is not in ``by``): a person's answers in each wave are
        a row of the scale, ``n_respondents`` counts people (as in
        :func:`~maturity.stats.describe`) and both tables get a ``waves`` column. Without
        it, several waves without ``wave`` in ``by`` are an error.

    Returns
    -------
    Reliability
        ``.scales`` and ``.items`` (see :class:`Reliability`).

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame({"S1": [1, 2, 3, 4, 5, 3], "S2": [2, 2, 3, 5, 4, 3],
    ...                      "S3": [1, 3, 3, 4, 5, 2]})
    >>> r = wide.melt(var_name="statement", value_name="score", ignore_index=False)
    >>> r = r.rename_axis("respondent").reset_index().assign(role="chef", dimension="D")
    >>> result = reliability(r)
    >>> round(float(result.scales["alpha"].iloc[0]), 4), result.items["statement"].tolist()
    (0.9318, ['S1', 'S2', 'S3'])
    """
    if missing not in ("pairwise", "listwise"):
        raise ValueError(f"missing must be 'pairwise' or 'listwise', got {missing!r}")
    min_n = check_min_n(min_n)
    by = as_list(by)
    if item in by:
        raise ValueError(f"reliability: {item!r} names the items; it cannot be in by")
    require(responses, [*by, item, "score"], "reliability")
    pooled = pooled_waves(responses, by, pool_waves, "reliability")
    scale_rows, item_rows = [], []
    for key, wide, labels in _scale_matrices(responses, by, item, missing):
        scale_row, rows = _scale_statistics(wide)
        scale_rows.append({**key, **scale_row})
        item_rows.extend(
            {**key, item: label, **row} for label, row in zip(labels, rows, strict=True)
        )
    result = _reliability_tables(scale_rows, item_rows, by, item, min_n, codebook)
    return result if pooled is None else _pooled_reliability(responses, result, by, min_n)


def _pooled_reliability(
    responses: pd.DataFrame, result: Reliability, by: list[str], min_n: int
) -> Reliability:
    """Count people (not person-waves) per scale, re-suppress, and add the ``waves`` column."""
    score = pd.to_numeric(responses["score"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    groups = group(responses, by)
    scored = ~np.isnan(score)
    n_people = people(responses, groups.codes, groups.size, scored)
    keys = groups.keys.assign(
        _people=n_people, _waves=wave_lists(responses, groups.codes, groups.size)
    )
    if by:
        keys = keys.astype({c: object for c in by})
    tables = []
    for table, stats in (
        (result.scales, ["n_items", "alpha", "ci95_low", "ci95_high"]),
        (result.items, ["n", "item_rest_r", "alpha_if_deleted"]),
    ):
        if by:
            merged = table[by].astype(object).merge(keys, on=by, how="left")
        else:
            merged = pd.concat([keys] * len(table), ignore_index=True)
        table = table.copy()
        table["n_respondents"] = np.minimum(
            table["n_respondents"].to_numpy(), merged["_people"].to_numpy()
        ).astype(np.int64)
        table.insert(table.columns.get_loc("n_respondents"), "waves", merged["_waves"].tolist())
        tables.append(suppress(table, min_n=min_n, stat_columns=stats, group_columns=by))
    return Reliability(*tables)


def _scale_matrices(responses: pd.DataFrame, by: list[str], item: str, missing: str):
    """Yield (key, respondents × items matrix, item labels) for every ``by`` group."""
    if not len(responses):
        return
    score = pd.to_numeric(responses["score"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    groups = group(responses, by)
    person, n_persons = persons(responses)
    item_codes, n_items, decode_item = column_codes(responses[item])
    for i, rows in enumerate(split(groups.codes, groups.size, np.arange(len(responses)))):
        key = groups.keys.iloc[i].to_dict()
        # the scale's items and people, numbered in order by counting (no sorting)
        item_index, items = densify(item_codes[rows], n_items)
        person_index, people = densify(person[rows], n_persons)
        wide = np.full((len(people), len(items)), np.nan)
        wide[person_index, item_index] = score[rows]
        wide = wide[~np.isnan(wide).all(axis=1)]
        if missing == "listwise":
            wide = wide[~np.isnan(wide).any(axis=1)]
        yield key, wide, list(decode_item(items))


def _scale_statistics(wide: np.ndarray) -> tuple[dict, list[dict]]:
    """Alpha with Feldt's CI of one scale, and item-rest r and alpha-if-deleted per item."""
    n, k = wide.shape
    cov = np.full((k, k), np.nan)
    if n > 1:
        cov = pd.DataFrame(wide).cov().to_numpy()
    a = cronbach_alpha(cov)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = high = np.nan
    if df1 > 0 and df2 > 0 and np.isfinite(a):
        low = 1 - (1 - a) * sps.f.isf(0.025, df1, df2)
        high = 1 - (1 - a) * sps.f.isf(0.975, df1, df2)
    scale_row = {"n_respondents": n, "n_items": k, "alpha": a, "ci95_low": low, "ci95_high": high}
    row_sum = cov.sum(axis=1)
    item_rows = []
    for j in range(k):
        rest = np.delete(np.delete(cov, j, axis=0), j, axis=1)
        var_rest = rest.sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            r = (row_sum[j] - cov[j, j]) / np.sqrt(cov[j, j] * var_rest)
        item_rows.append(
            {
                "n_respondents": n,
                "n": int((~np.isnan(wide[:, j])).sum()),
                "item_rest_r": r,
                "alpha_if_deleted": cronbach_alpha(rest),
            }
        )
    return scale_row, item_rows


def _reliability_tables(
    scale_rows: list[dict],
    item_rows: list[dict],
    by: list[str],
    item: str,
    min_n: int,
    codebook: Codebook | None,
) -> Reliability:
    """The two tables, typed, with the statement text and suppressed under ``min_n``."""
    scale_columns = [*by, "n_respondents", "n_items", "alpha", "ci95_low", "ci95_high"]
    item_columns = [*by, item, "n_respondents", "n", "item_rest_r", "alpha_if_deleted"]
    scales = pd.DataFrame(scale_rows, columns=scale_columns)
    items = add_text(pd.DataFrame(item_rows, columns=item_columns), codebook, column=item)
    for table, counts in ((scales, ["n_respondents", "n_items"]), (items, ["n_respondents", "n"])):
        for column in counts:
            table[column] = table[column].astype(np.int64)
    scales = suppress(
        scales,
        min_n=min_n,
        stat_columns=["n_items", "alpha", "ci95_low", "ci95_high"],
        group_columns=by,
    )
    items = suppress(
        items,
        min_n=min_n,
        stat_columns=["n", "item_rest_r", "alpha_if_deleted"],
        group_columns=[*by, item],
    )
    return Reliability(scales, items)


def add_reliability(
    table: pd.DataFrame,
    scales: pd.DataFrame,
    *,
    keys: dict[str, str] | None = None,
    suffix: str = "",
    threshold: float = RELIABLE_ALPHA,
) -> pd.DataFrame:
    """Each dimension score's reliability beside it: the scale's alpha, its CI and a flag.

    Parameters
    ----------
    table : DataFrame
        A table of dimension scores, e.g. ``describe(r, by=["role", "dimension"])``.
    scales : DataFrame
        :attr:`Reliability.scales` of the same wave(s), e.g. ``reliability(r, by=["wave",
        "role", "dimension"]).scales`` (a suppressed scale gives no alpha).
    keys : dict, optional
        Columns of ``table`` → columns of ``scales`` to match on (e.g. ``{"role_1": "role",
        "dimension": "dimension"}``); default the columns ``wave``, ``role`` and ``dimension``
        both have.
    suffix : str, default ""
        Added to the new columns' names (``"_1"``, ``"_from"``) when a row holds several.
    threshold : float, default 0.6
        A scale with a lower alpha is not ``reliable``.

    Returns
    -------
    DataFrame
        ``table`` with ``alpha``, ``alpha_low``, ``alpha_high`` (95 % CI), ``n_alpha`` (the
        respondents alpha is computed from) and ``reliable`` (alpha ≥ ``threshold``; missing
        where alpha is), each with ``suffix``, inserted before ``suppressed`` when present;
        empty in a suppressed row of ``table`` (which shows no statistic at all).

    Examples
    --------
    >>> import pandas as pd
    >>> dims = pd.DataFrame({"role": ["chef"] * 2, "dimension": ["A", "B"], "mean": [3.1, 3.4]})
    >>> scales = pd.DataFrame({"role": ["chef"] * 2, "dimension": ["A", "B"],
    ...                        "n_respondents": [40, 40], "alpha": [0.82, 0.41],
    ...                        "ci95_low": [0.71, 0.05], "ci95_high": [0.89, 0.64]})
    >>> add_reliability(dims, scales)[["dimension", "alpha", "n_alpha", "reliable"]]
      dimension  alpha  n_alpha  reliable
    0         A   0.82       40      True
    1         B   0.41       40     False
    """
    if keys is None:
        keys = {c: c for c in ("wave", "role", "dimension") if c in table and c in scales}
    require(scales, [*keys.values(), "alpha", "ci95_low", "ci95_high", "n_respondents"], "scales")
    require(table, list(keys), "add_reliability")
    names = ["alpha", "alpha_low", "alpha_high", "n_alpha", "reliable"]
    found = scales[[*keys.values(), "alpha", "ci95_low", "ci95_high", "n_respondents"]].copy()
    found.columns = [*keys, *names[:4]]
    if "suppressed" in scales:
        found.loc[scales["suppressed"].astype(bool).to_numpy(), "n_alpha"] = np.nan
    found["reliable"] = (found["alpha"] >= threshold).astype("boolean").mask(found["alpha"].isna())
    left = table[list(keys)].astype(object).astype(str)
    right = found.astype({k: object for k in keys}).astype({k: str for k in keys})
    merged = left.merge(right.drop_duplicates(subset=list(keys)), on=list(keys), how="left")
    if "suppressed" in table:  # a suppressed row shows no statistic, not even its scale's
        hidden = table["suppressed"].astype(bool).to_numpy()
        merged.loc[hidden, names] = None
    out = table.copy()
    at = out.columns.get_loc("suppressed") if "suppressed" in out else len(out.columns)
    for offset, name in enumerate(names):
        values = merged[name].to_numpy()
        if name == "n_alpha":
            values = pd.array(merged[name], dtype="Int64")
        elif name == "reliable":
            values = pd.array(merged[name], dtype="boolean")
        out.insert(at + offset, f"{name}{suffix}", values)
    return out
