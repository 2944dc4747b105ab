"""Statistics of the maturity questionnaire: tidy ``responses`` in, tidy tables out.

Every function takes the ``responses`` table (one row per respondent × statement, see
``DESIGN.md``) and returns a new DataFrame with one row per group. The group columns come
first, then (when ``statement`` is a group column and a codebook is given) the statement
``text``, then the counts and the statistics, and last a boolean ``suppressed``: every
published table goes through :func:`maturity.privacy.suppress`, so a group with fewer than
``min_n`` respondents shows no statistics.

Conventions
-----------
- A *respondent* is one person in one survey round: the combination of ``wave``,
  ``organisation``, ``role`` and ``respondent`` (whichever of them the table has), so ids that
  restart in every file or round do not merge different people.
- ``n`` counts scored answers; ``n_respondents`` counts the distinct respondents with at least
  one scored answer in the group: the people the statistics are made of. Suppression uses
  ``n_respondents``.
- ``n_dont_know`` counts rows without a score whose raw ``answer`` is not blank ("Vet ej").
  Without an ``answer`` column every row without a score counts.
- Group columns may be ``category`` or plain dtype. Rows whose group key is missing (e.g. an
  unknown organisation) form a group of their own with a missing key, placed last; nothing is
  dropped silently.
- Scores must lie on the scale: ``codebook.scale_min``–``codebook.scale_max`` when a codebook is
  given, else ``scale=(1, 5)``. Integer scores take a fast path: each group's statistics follow
  from its counts per scale step. Other scores (e.g. dimension scores, which are means) take a
  general path with the same results.
- Quartiles and the median use linear interpolation, as ``pandas``/``numpy`` do by default.
- Tests at several groups are Holm-adjusted (``p_holm``) over the published rows of the table.
- Tables with ``organisation`` among the group columns also get secondary suppression along
  organisations (national figures are always published beside them); see
  :mod:`maturity.privacy`.
- Speed: groups are coded once (categorical codes, no string hashing), and everything per group
  follows from ``np.bincount`` over those codes. ``category`` columns are fastest; plain string
  columns work too but must be factorised first (about 0.1 s per million rows and column).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.codebook import Codebook
from maturity.privacy import DEFAULT_MIN_N, check_min_n, suppress

__all__ = [
    "describe",
    "across_organisations",
    "rank_statements",
    "midpoint_test",
    "midpoint_summary",
    "compare_roles",
    "reliability",
    "dimension_scores",
    "change",
    "holm",
]

PERSON = ["wave", "organisation", "role", "respondent"]
DESCRIBE_STATS = ["n", "n_dont_know", "mean", "sd", "se", "ci95_low", "ci95_high", "median",
                  "q1", "q3", "share_top2", "share_bottom2"]
_DENSE_LIMIT = 1 << 23  # largest code space handled with flat arrays instead of hashing


# --------------------------------------------------------------------------- helpers


def _as_list(columns: str | Sequence[str] | None) -> list[str]:
    if columns is None:
        return []
    return [columns] if isinstance(columns, str) else list(columns)


def _require(frame: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{where}: responses has no column(s) {missing}")


def _scale(codebook: Codebook | None, scale: tuple[float, float]) -> tuple[float, float]:
    if codebook is not None:
        return float(codebook.scale_min), float(codebook.scale_max)
    lo, hi = scale
    if not lo < hi:
        raise ValueError(f"scale must be (low, high) with low < high, got {scale!r}")
    return float(lo), float(hi)


def _midpoint(codebook, midpoint, scale) -> float:
    if midpoint is not None:
        return float(midpoint)
    lo, hi = _scale(codebook, scale)
    return codebook.midpoint if codebook is not None else (lo + hi) / 2


def _scores(frame: pd.DataFrame, lo: float, hi: float) -> np.ndarray:
    score = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = (score < lo) | (score > hi)
    if bad.any():
        raise ValueError(
            f"score {score[bad][0]:g} lies outside the scale {lo:g}–{hi:g}; "
            "pass codebook= or scale= matching the data")
    return score


def _person_columns(frame: pd.DataFrame) -> list[str]:
    _require(frame, ["respondent"], "respondent identity")
    return [c for c in PERSON if c in frame.columns]


def _persons(frame: pd.DataFrame, cache: dict | None = None) -> tuple[np.ndarray, int]:
    """Code every row by respondent identity (see the module docstring): (codes, n_codes).

    Codes need not all be used. Fast path: when the respondent ids are already unique across
    wave, organisation and role, the id's own code is the identity.
    """
    columns = _person_columns(frame)
    ids, n_ids, _ = _codes(frame, "respondent", cache)
    ids = ids.astype(np.intp)
    for column in (c for c in columns if c != "respondent"):
        codes, size, _ = _codes(frame, column, cache)
        if size == 2 and codes.max(initial=0) == 0:
            continue  # one value throughout, e.g. a single survey round
        seen = np.zeros(n_ids, dtype=codes.dtype)
        seen[ids] = codes
        if not np.array_equal(seen[ids], codes):
            groups = _group(frame, columns, cache)
            return groups.codes, groups.size
    return ids, n_ids


def _add_text(table: pd.DataFrame, codebook: Codebook | None, column: str = "statement",
              name: str = "text") -> pd.DataFrame:
    if codebook is None or column not in table.columns:
        return table
    texts = codebook.statement_texts()
    texts = dict(zip(texts.index.astype(str), texts.astype(str), strict=False))
    values = table[column].astype(object).map(lambda s: texts.get(str(s), np.nan))
    table.insert(table.columns.get_loc(column) + 1, name, values.astype(object))
    return table


@dataclass(frozen=True)
class _Groups:
    """Group index of every row and the keys of the observed groups (sorted, missing last)."""

    codes: np.ndarray
    keys: pd.DataFrame
    key_codes: dict

    @property
    def size(self) -> int:
        return len(self.keys)


def _codes(frame: pd.DataFrame, column: str, cache: dict | None):
    """:func:`_column_codes` of ``frame[column]``, remembered in ``cache`` when given."""
    if cache is None:
        return _column_codes(frame[column])
    if column not in cache:
        cache[column] = _column_codes(frame[column])
    return cache[column]


def _column_codes(series: pd.Series):
    """Integer codes 0..k-1 (sorted), missing -> k; plus a function decoding codes to values."""
    values = series.to_numpy() if series.dtype.kind in "iu" else None
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        k = len(series.cat.categories)
        dtype = series.dtype

        def decode(c):
            return pd.Categorical.from_codes(np.where(c == k, -1, c), dtype=dtype)
    elif values is not None and len(values) and int(values.max()) - int(values.min()) < 1 << 20:
        low = values.min()
        if low == values.max():  # e.g. a single survey round
            codes, uniques = np.zeros(len(values), dtype=np.int8), pd.Index(values[:1])
        else:
            codes, observed = _densify(values - low, int(values.max() - low) + 1)
            uniques = pd.Index(observed + low)
        k = len(uniques)

        def decode(c):
            return uniques.take(np.where(c == k, -1, c), allow_fill=True, fill_value=None)
    else:
        codes, uniques = pd.factorize(series, sort=True)
        k = len(uniques)
        uniques = pd.Index(uniques)

        def decode(c):
            return uniques.take(np.where(c == k, -1, c), allow_fill=True, fill_value=None)
    if len(codes) and codes.min() < 0:
        codes = np.where(codes < 0, k, codes)
    return codes, k + 1, decode


def _densify(combined: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Renumber codes to 0..m-1 keeping their order; also return the observed old codes."""
    if space <= 1 << 22:
        observed = np.flatnonzero(np.bincount(combined, minlength=space))
    elif space <= _DENSE_LIMIT:
        present = np.zeros(space, dtype=bool)  # zeroed lazily: only touched pages cost
        present[combined] = True
        observed = np.flatnonzero(present)
    else:
        codes, observed = pd.factorize(combined, sort=True)
        return codes.astype(np.int64), np.asarray(observed)
    lookup = np.zeros(space, dtype=np.int64)
    lookup[observed] = np.arange(len(observed))
    return lookup[combined], observed


def _observed(combined: np.ndarray, space: int) -> np.ndarray:
    """The distinct values of ``combined`` (codes below ``space``), sorted."""
    if space <= max(_DENSE_LIMIT, 16 * len(combined)):  # a flat bool array: 1 byte a code
        present = np.zeros(space, dtype=bool)
        present[combined] = True
        return np.flatnonzero(present)
    return np.sort(pd.unique(combined))


def _group(frame: pd.DataFrame, by: Sequence[str], cache: dict | None = None) -> _Groups:
    """Dense group codes for ``by``, sorted by key (missing last), mostly without hashing.

    Column codes are combined one column at a time; whenever the product of the code spaces
    would get large, the codes seen so far are renumbered densely (order-preserving), so the
    code space stays near the number of observed groups.
    """
    by = list(by)
    n_rows = len(frame)
    if not by:
        return _Groups(np.zeros(n_rows, dtype=np.int64), pd.DataFrame(index=range(1)), {})
    combined, space, stages = None, 1, []
    for column in by:
        codes, size, decode = _codes(frame, column, cache)
        if combined is None:
            combined = codes.astype(np.int64)
        else:
            if space * size > _DENSE_LIMIT:
                combined, observed = _densify(combined, space)
                stages.append(("map", observed))
                space = len(observed)
            combined = combined * size + codes
        space *= size
        stages.append((column, (size, decode)))
    codes, rest = _densify(combined, space)
    keys, key_codes = {}, {}
    for name, data in reversed(stages):
        if name == "map":
            rest = data[rest]
            continue
        size, decode = data
        key_codes[name] = rest % size
        keys[name] = decode(key_codes[name])
        rest = rest // size
    keys = pd.DataFrame({c: keys[c] for c in by})
    return _Groups(codes, keys, key_codes)


def _distinct(groups: np.ndarray, n_groups: int, items: np.ndarray, n_items: int) -> np.ndarray:
    """Number of distinct ``items`` per group."""
    pairs = _observed(groups.astype(np.int64) * n_items + items, n_groups * n_items)
    return np.bincount(pairs // max(n_items, 1), minlength=n_groups)


def _quantile(counts: np.ndarray, values: np.ndarray, p: float) -> np.ndarray:
    """Linear-interpolation quantile (numpy/pandas default) from counts per scale step."""
    n = counts.sum(axis=1)
    cum = np.cumsum(counts, axis=1)
    h = (n - 1) * p
    below = np.floor(h)
    frac = h - below
    above = np.minimum(below + 1, n - 1)
    last = len(values) - 1
    a = values[np.minimum((cum <= below[:, None]).sum(axis=1), last)]
    b = values[np.minimum((cum <= above[:, None]).sum(axis=1), last)]
    out = a + (b - a) * frac
    return np.where(n > 0, out, np.nan)


def _t_interval(mean, se, df):
    with np.errstate(invalid="ignore"):
        half = sps.t.ppf(0.975, np.where(df > 0, df, np.nan)) * se
    return mean - half, mean + half


def _score_stats(g: np.ndarray, n_groups: int, score: np.ndarray, lo: float, hi: float) -> dict:
    """n, mean, sd, se, CI, quartiles and top/bottom-two shares of the scored rows per group."""
    steps = score - lo
    whole = steps.astype(np.int64)
    if lo.is_integer() and hi.is_integer() and np.array_equal(whole, steps):
        n_steps = int(hi - lo) + 1
        values = lo + np.arange(n_steps, dtype=float)
        counts = np.bincount(g * n_steps + whole,
                             minlength=n_groups * n_steps).reshape(n_groups, n_steps)
        n = counts.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = counts @ values / n
            ss = (counts * (values[None, :] - mean[:, None]) ** 2).sum(axis=1)
            sd = np.where(n > 1, np.sqrt(ss / (n - 1)), np.nan)
            top = counts[:, -2:].sum(axis=1) / n
            bottom = counts[:, :2].sum(axis=1) / n
        q1, median, q3 = (_quantile(counts, values, p) for p in (0.25, 0.5, 0.75))
    else:
        grouped = pd.Series(score).groupby(g)
        full = pd.RangeIndex(n_groups)
        n = np.bincount(g, minlength=n_groups)
        mean = grouped.mean().reindex(full).to_numpy()
        sd = grouped.std().reindex(full).to_numpy()
        q = grouped.quantile([0.25, 0.5, 0.75]).unstack()
        q1, median, q3 = (q[p].reindex(full).to_numpy() for p in (0.25, 0.5, 0.75))
        with np.errstate(invalid="ignore", divide="ignore"):
            top = np.bincount(g, weights=score >= hi - 1, minlength=n_groups) / n
            bottom = np.bincount(g, weights=score <= lo + 1, minlength=n_groups) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        se = sd / np.sqrt(n)
    low, high = _t_interval(mean, se, n - 1)
    return {"n": n.astype(np.int64), "mean": mean, "sd": sd, "se": se, "ci95_low": low,
            "ci95_high": high, "median": median, "q1": q1, "q3": q3, "share_top2": top,
            "share_bottom2": bottom}


def _default_margins(by: Sequence[str]) -> list[str]:
    return ["organisation"] if "organisation" in by else []


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


# --------------------------------------------------------------------------- describe


def describe(
    responses: pd.DataFrame,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    *,
    scale: tuple[float, float] = (1, 5),
    margins: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Descriptive statistics of the scores per group.

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
    by = _as_list(by)
    min_n = check_min_n(min_n)
    _require(responses, [*by, "score"], "describe")
    lo, hi = _scale(codebook, scale)
    score = _scores(responses, lo, hi)
    cache = {}  # column codes, computed once per call
    groups = _group(responses, by, cache)
    g, n_groups = groups.codes, groups.size
    scored = ~np.isnan(score)

    stats = _score_stats(g[scored], n_groups, score[scored], lo, hi)
    dont_know = ~scored
    if "answer" in responses.columns and dont_know.any():
        rows = np.flatnonzero(dont_know)
        answer = responses["answer"].iloc[rows].to_numpy(dtype=object)
        dont_know[rows] = ~pd.isna(answer) & (answer != "")
    n_dont_know = np.bincount(g[dont_know], minlength=n_groups)
    person, n_persons = _persons(responses, cache)
    n_respondents = _distinct(g[scored], n_groups, person[scored], n_persons)

    table = groups.keys.copy()
    table["n_respondents"] = n_respondents.astype(np.int64)
    table["n"] = stats.pop("n")
    table["n_dont_know"] = n_dont_know.astype(np.int64)
    for name, values in stats.items():
        table[name] = values
    table = _add_text(table, codebook)
    margins = _default_margins(by) if margins is None else list(margins)
    return suppress(table, min_n, stat_columns=DESCRIBE_STATS, group_columns=by,
                    margins=margins)


# --------------------------------------------------------------------------- organisations


def across_organisations(
    responses: pd.DataFrame,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    *,
    scale: tuple[float, float] = (1, 5),
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
        The tidy ``responses`` table.
    by : str or list of str, default ["role", "statement"]
        Group columns (not ``organisation``).
    min_n : int, default 5
        Suppression threshold, for the groups and for the organisations within them.
    codebook : Codebook, optional
        Scale limits and statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], ``n_respondents``, ``n``, ``pooled_mean``,
        ``n_organisations``, ``n_organisations_hidden``, ``mean_of_means``, ``sd_between``
        (ddof=1), ``min_organisation``, ``min_mean``, ``max_organisation``, ``max_mean``,
        ``suppressed``. Ties for min/max go to the organisation first in sort order.

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
    by = _as_list(by)
    min_n = check_min_n(min_n)
    if "organisation" in by:
        raise ValueError("across_organisations: 'organisation' cannot be a group column")
    _require(responses, [*by, "organisation", "score"], "across_organisations")
    lo, hi = _scale(codebook, scale)
    score = _scores(responses, lo, hi)
    scored = ~np.isnan(score)
    cache = {}  # column codes, computed once per call
    groups = _group(responses, by, cache)
    n_groups = groups.size
    org_codes, n_orgs, decode_org = _codes(responses, "organisation", cache)
    person, n_persons = _persons(responses, cache)

    g, o, x = groups.codes[scored], org_codes[scored], score[scored]
    cell = g * n_orgs + o
    size = n_groups * n_orgs
    n_answers = np.bincount(cell, minlength=size).reshape(n_groups, n_orgs)
    sums = np.bincount(cell, weights=x, minlength=size).reshape(n_groups, n_orgs)
    # distinct respondents per (group, organisation): respondents sit in one organisation
    person_org = np.zeros(n_persons, dtype=np.int64)
    person_org[person] = org_codes  # a respondent's identity includes the organisation
    pairs = _observed(g * n_persons + person[scored], n_groups * n_persons)
    pair_cell = (pairs // max(n_persons, 1)) * n_orgs + person_org[pairs % max(n_persons, 1)]
    n_resp = np.bincount(pair_cell, minlength=size).reshape(n_groups, n_orgs)

    # which organisations are published per group: same rule as describe(by + organisation)
    real = np.arange(n_orgs) < n_orgs - 1  # the last code is "no organisation"
    gi, oi = np.nonzero((n_answers > 0) & real[None, :])
    per_org = groups.keys.iloc[gi].reset_index(drop=True)
    per_org["organisation"] = np.asarray(decode_org(oi), dtype=object)
    per_org["n_respondents"] = n_resp[gi, oi]
    per_org = suppress(per_org, min_n, stat_columns=[], group_columns=[*by, "organisation"],
                       margins=_default_margins([*by, "organisation"]))
    shown = np.zeros((n_groups, n_orgs), dtype=bool)
    shown[gi, oi] = ~per_org["suppressed"].to_numpy()

    with np.errstate(invalid="ignore", divide="ignore"):
        org_mean = np.where(shown, sums / n_answers, np.nan)
        n_shown = shown.sum(axis=1)
        mean_of_means = np.where(n_shown > 0, np.nansum(org_mean, axis=1) / n_shown, np.nan)
        dev = np.where(shown, org_mean - mean_of_means[:, None], 0.0)
        sd_between = np.where(n_shown > 1, np.sqrt((dev**2).sum(axis=1) / (n_shown - 1)), np.nan)
        total_n = n_answers.sum(axis=1)
        pooled = sums.sum(axis=1) / total_n
    lowest = np.argmin(np.where(shown, org_mean, np.inf), axis=1)
    highest = np.argmax(np.where(shown, org_mean, -np.inf), axis=1)
    has = n_shown > 0
    names = np.asarray(decode_org(np.arange(n_orgs)), dtype=object)

    table = groups.keys.copy()
    table["n_respondents"] = n_resp.sum(axis=1)  # organisations partition the respondents
    table["n"] = total_n.astype(np.int64)
    table["pooled_mean"] = pooled
    table["n_organisations"] = n_shown.astype(np.int64)
    table["n_organisations_hidden"] = ((n_answers > 0) & real[None, :] & ~shown).sum(axis=1)
    table["mean_of_means"] = mean_of_means
    table["sd_between"] = sd_between
    rows = np.arange(n_groups)
    table["min_organisation"] = np.where(has, names[lowest], None)
    table["min_mean"] = np.where(has, org_mean[rows, lowest], np.nan)
    table["max_organisation"] = np.where(has, names[highest], None)
    table["max_mean"] = np.where(has, org_mean[rows, highest], np.nan)
    table = _add_text(table, codebook)
    stat_columns = [c for c in table.columns[table.columns.get_loc("n"):]]
    return suppress(table, min_n, stat_columns=stat_columns, group_columns=by)


# --------------------------------------------------------------------------- ranking


def rank_statements(
    responses: pd.DataFrame,
    k: int = 3,
    by: str | Sequence[str] | None = "role",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
    *,
    scale: tuple[float, float] = (1, 5),
) -> pd.DataFrame:
    """The ``k`` lowest and ``k`` highest statements by mean, per role.

    Only published statements (not suppressed, with a mean) are ranked. Ties are broken by
    statement id. A role with fewer than ``2 k`` statements has statements in both lists.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    k : int, default 3
        How many statements at each end.
    by : str or list of str, default "role"
        Groups ranked separately (``None``: all statements together).
    min_n : int, default 5
        Suppression threshold.
    codebook : Codebook, optional
        Scale limits and statement ``text``.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.

    Returns
    -------
    DataFrame
        ``by`` columns, ``end`` ("lowest" / "highest"), ``rank`` (1 = the lowest resp. the
        highest), ``statement``, [``text``], ``mean``, ``sd``, ``n``, ``n_respondents``.

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
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    by = _as_list(by)
    table = describe(responses, [*by, "statement"], min_n, codebook, scale=scale)
    table = table[~table["suppressed"] & table["mean"].notna()]
    columns = [*by, "statement", *(["text"] if "text" in table else []),
               "mean", "sd", "n", "n_respondents"]
    table = table[columns]
    parts = []
    for end, ascending in (("lowest", True), ("highest", False)):
        part = table.assign(_id=table["statement"].astype(str)).sort_values(
            ["mean", "_id"], ascending=[ascending, True], kind="stable")
        if by:
            part = part.groupby(by, observed=True, dropna=False, sort=False).head(k)
            part["rank"] = part.groupby(by, observed=True, dropna=False).cumcount() + 1
        else:
            part = part.head(k)
            part["rank"] = np.arange(1, len(part) + 1)
        parts.append(part.drop(columns="_id").assign(end=end))
    out = pd.concat(parts, ignore_index=True)
    out["_end"] = (out["end"] == "highest").astype(int)
    out = out.sort_values([*by, "_end", "rank"], kind="stable").drop(columns="_end")
    out["rank"] = out["rank"].astype(np.int64)
    return out[[*by, "end", "rank", *columns[len(by):]]].reset_index(drop=True)


# --------------------------------------------------------------------------- midpoint


def _split(codes: np.ndarray, n_groups: int, values: np.ndarray) -> list[np.ndarray]:
    small = np.int16 if n_groups < 1 << 15 else np.int64  # 16-bit keys: numpy radix-sorts
    order = np.argsort(codes.astype(small), kind="stable")
    bounds = np.cumsum(np.bincount(codes, minlength=n_groups))[:-1]
    return np.split(values[order], bounds)


def _wilcoxon(d: np.ndarray) -> tuple[float, float]:
    """``scipy.stats.wilcoxon(d)`` (two-sided, method "auto"): statistic and p-value.

    For up to 13 values scipy runs an exact permutation test over all 2**n sign flips, which
    is slow (about 0.1 s). The same exact distribution of the signed-rank sum follows from a
    few array additions (ranks doubled to be whole numbers, so midranks of ties fit), so it
    is computed here; larger samples go to scipy.
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
    p = 2 * min(dist[:r_plus + 1].sum(), dist[r_plus:].sum())
    r_minus = ranks.sum() - r_plus
    return min(r_plus, r_minus) / 2, min(1.0, p)


def midpoint_test(
    responses: pd.DataFrame,
    codebook: Codebook | None = None,
    midpoint: float | None = None,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    *,
    scale: tuple[float, float] = (1, 5),
) -> pd.DataFrame:
    """Is each statement's score above the scale midpoint? One-sample Wilcoxon per group.

    ``scipy.stats.wilcoxon`` on ``score − midpoint`` (two-sided; answers exactly at the
    midpoint are dropped, as in Wilcoxon's original method), Holm-adjusted over the published
    rows. See :func:`midpoint_summary` for the per-role verdict.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    codebook : Codebook, optional
        Gives the midpoint, the scale limits and the statement ``text``.
    midpoint : float, optional
        Overrides the codebook's midpoint; default the middle of the scale.
    by : str or list of str, default ["role", "statement"]
        Group columns.
    min_n : int, default 5
        Suppression threshold.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], ``n_respondents``, ``n``, ``mean``, ``median``,
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
    by = _as_list(by)
    mid = _midpoint(codebook, midpoint, scale)
    table = describe(responses, by, min_n, codebook, scale=scale)
    lo, hi = _scale(codebook, scale)
    score = _scores(responses, lo, hi)
    scored = ~np.isnan(score)
    groups = _group(responses, by)
    statistic = np.full(groups.size, np.nan)
    p = np.full(groups.size, np.nan)
    published = ~table["suppressed"].to_numpy()
    for i, x in enumerate(_split(groups.codes[scored], groups.size, score[scored])):
        if published[i] and np.any(x != mid):
            statistic[i], p[i] = _wilcoxon(x - mid)
    keep = [*by, *(["text"] if "text" in table else []), "n_respondents", "n", "mean", "median"]
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
    codebook: Codebook | None = None,
    midpoint: float | None = None,
    by: str | Sequence[str] = "role",
    min_n: int = DEFAULT_MIN_N,
    *,
    scale: tuple[float, float] = (1, 5),
) -> pd.DataFrame:
    """Per role: is every statement mean above the midpoint, and which statement is lowest?

    Only published statements count; ``n_suppressed`` says how many could not be judged.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    codebook : Codebook, optional
        Gives the midpoint, the scale limits and the statement ``text``.
    midpoint : float, optional
        Overrides the codebook's midpoint; default the middle of the scale.
    by : str or list of str, default "role"
        Group columns.
    min_n : int, default 5
        Suppression threshold.
    scale : (low, high), default (1, 5)
        Scale limits when no codebook is given.

    Returns
    -------
    DataFrame
        ``by`` columns, ``midpoint``, ``n_statements`` (published), ``n_suppressed``,
        ``n_above``, ``all_above``, ``lowest_statement``, [``lowest_text``], ``lowest_mean``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"role": "chef", "statement": ["S1"] * 5 + ["S2"] * 5,
    ...                   "respondent": list("abcde") * 2,
    ...                   "score": [4.0, 4, 3, 3, 3] + [2.0, 3, 3, 3, 3]})
    >>> midpoint_summary(r)[["role", "n_statements", "n_above", "all_above", "lowest_statement",
    ...                      "lowest_mean"]]
       role  n_statements  n_above  all_above lowest_statement  lowest_mean
    0  chef             2        1      False               S2          2.8
    """
    by = _as_list(by)
    mid = _midpoint(codebook, midpoint, scale)
    table = describe(responses, [*by, "statement"], min_n, codebook, scale=scale)
    table["_published"] = ~table["suppressed"] & table["mean"].notna()
    table["_above"] = table["_published"] & (table["mean"] > mid)
    table["_id"] = table["statement"].astype(str)
    rows = []
    grouped = table.groupby(by, observed=True, dropna=False, sort=True) if by else [((), table)]
    for key, part in grouped:
        published = part[part["_published"]].sort_values(["mean", "_id"], kind="stable")
        row = dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True))
        row.update(midpoint=mid, n_statements=len(published),
                   n_suppressed=int((~part["_published"]).sum()),
                   n_above=int(part["_above"].sum()),
                   all_above=bool(len(published)) and bool(published["_above"].all()))
        first = published.iloc[0] if len(published) else None
        row["lowest_statement"] = None if first is None else first["statement"]
        if "text" in table:
            row["lowest_text"] = None if first is None else first["text"]
        row["lowest_mean"] = np.nan if first is None else first["mean"]
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in ("n_statements", "n_suppressed", "n_above"):
        out[column] = out[column].astype(np.int64)
    return out


# --------------------------------------------------------------------------- units


def dimension_scores(responses: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
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
    person = _person_columns(responses)
    _require(responses, ["statement", "dimension", "score"], "dimension_scores")
    keys = [*person, "dimension"]
    groups = _group(responses, keys)
    score = pd.to_numeric(responses["score"], errors="coerce").to_numpy(dtype=float,
                                                                         na_value=np.nan)
    scored = ~np.isnan(score)
    g = groups.codes
    n_answered = np.bincount(g[scored], minlength=groups.size)
    sums = np.bincount(g[scored], weights=score[scored], minlength=groups.size)
    table = groups.keys.copy()

    context = [c for c in ("wave", "role") if c in responses.columns]
    seen = _group(responses, [*context, "dimension", "statement"]).keys
    seen = seen.groupby([*context, "dimension"], observed=True, dropna=False).size()
    seen = seen.rename("n_statements").reset_index()
    n_statements = table.merge(seen, on=[*context, "dimension"], how="left")["n_statements"]
    if codebook is not None and "role" in table.columns:
        planned = codebook.statements.groupby(["role", "dimension"]).size()
        planned = planned.rename("n_planned").reset_index()
        planned["role"] = planned["role"].astype(str)
        planned["dimension"] = planned["dimension"].astype(str)
        merged = table[["role", "dimension"]].astype(object).astype(str).merge(
            planned, on=["role", "dimension"], how="left")["n_planned"]
        n_statements = merged.fillna(n_statements)
    n_statements = n_statements.to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["score"] = sums / n_answered
    table["n_answered"] = n_answered.astype(np.int64)
    table["n_statements"] = n_statements.astype(np.int64)
    keep = (n_answered > 0) & (2 * n_answered >= n_statements)
    return table[keep].reset_index(drop=True)


def _units(responses: pd.DataFrame, by: list[str], codebook: Codebook | None,
           extra: Sequence[str] = ()) -> pd.DataFrame:
    """One scored value per respondent and group: the unit for tests between groups.

    With ``statement`` in ``by``: the answers. With ``dimension``: the respondent's dimension
    score (:func:`dimension_scores`). Otherwise: the respondent's mean over the group.
    """
    person = _person_columns(responses)
    if "statement" in by:
        cols = list(dict.fromkeys([*by, *extra, *person, "score"]))
        units = responses[cols]
    elif "dimension" in by:
        units = dimension_scores(responses, codebook)
    else:
        keys = list(dict.fromkeys([*by, *extra, *person]))
        units = responses.groupby(keys, observed=True, dropna=False, sort=False)["score"].mean()
        units = units.reset_index()
    _require(units, [*by, *extra], "grouping")
    return units[units["score"].notna()]


def _two_groups(units: pd.DataFrame, by: list[str], split: str, first, second):
    """Yield (key, x, y, n_resp_x, n_resp_y) for groups present in both halves of ``split``."""
    is_first, is_second = ((units[split] == value).to_numpy(dtype=bool, na_value=False)
                           for value in (first, second))
    side = np.where(is_first, 0, np.where(is_second, 1, -1))
    units, side = units[side >= 0], side[side >= 0]
    groups = _group(units, by)
    cell = groups.codes * 2 + side
    person, n_persons = _persons(units)
    n_resp = _distinct(cell, 2 * groups.size, person, n_persons).reshape(-1, 2)
    halves = _split(cell, 2 * groups.size, units["score"].to_numpy(dtype=float))
    keys = list(groups.keys.itertuples(index=False, name=None))
    for i, key in enumerate(keys):
        x, y = halves[2 * i], halves[2 * i + 1]
        if len(x) and len(y):
            yield key, x, y, int(n_resp[i, 0]), int(n_resp[i, 1])


# --------------------------------------------------------------------------- roles


def compare_roles(
    responses: pd.DataFrame,
    by: str | Sequence[str] = "statement",
    roles: Sequence[str] | None = None,
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Compare two roles on the statements (or dimensions) both of them answered.

    The unit is the respondent: with ``by="statement"`` their answer, with
    ``by="dimension"`` their dimension score (:func:`dimension_scores`). Mann–Whitney U,
    two-sided (``scipy.stats.mannwhitneyu``), Holm-adjusted over the published rows.

    The rank-biserial correlation is ``r = 2 U_1 / (n_1 n_2) − 1 = 1 − 2 U_2 / (n_1 n_2)``
    where ``U_1`` is the U of ``role_1`` (pairs where role 1 scores higher, ties counting
    half). ``r > 0`` means ``role_1`` tends to score higher, the same sign as ``difference``;
    ``r`` = 1 when every role-1 answer is above every role-2 answer.

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table.
    by : str or list of str, default "statement"
        ``"statement"`` or ``"dimension"`` (or other group columns: respondent means).
    roles : (str, str), optional
        The two roles; default the two roles in the data (an error if there are more).
    min_n : int, default 5
        A comparison is suppressed when either role has fewer respondents.
    codebook : Codebook, optional
        Statement ``text`` and the number of statements per dimension.

    Returns
    -------
    DataFrame
        ``by`` columns, [``text``], ``role_1``, ``role_2``, ``n_respondents_1``,
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
    by = _as_list(by)
    min_n = check_min_n(min_n)
    if "role" in by:
        raise ValueError("compare_roles: 'role' cannot be a group column")
    _require(responses, [*by, "role"], "compare_roles")
    if roles is None:
        roles = sorted(str(role) for role in responses["role"].dropna().unique())
        if len(roles) != 2:
            raise ValueError(f"compare_roles: found roles {roles}; pass roles=(first, second)")
    first, second = roles
    units = _units(responses, by, codebook, extra=["role"])
    rows = []
    for key, x, y, nx, ny in _two_groups(units, by, "role", first, second):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            result = sps.mannwhitneyu(x, y, alternative="two-sided")
        u = float(result.statistic)
        rows.append({**dict(zip(by, key, strict=True)), "role_1": first, "role_2": second,
                     "n_respondents_1": nx, "n_respondents_2": ny, "n_1": len(x),
                     "n_2": len(y), "mean_1": x.mean(), "mean_2": y.mean(),
                     "difference": x.mean() - y.mean(), "u": u,
                     "rank_biserial": 2 * u / (len(x) * len(y)) - 1, "p": result.pvalue})
    columns = [*by, "role_1", "role_2", "n_respondents_1", "n_respondents_2", "n_1", "n_2",
               "mean_1", "mean_2", "difference", "u", "rank_biserial", "p"]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("n_respondents_1", "n_respondents_2", "n_1", "n_2"):
        out[column] = out[column].astype(np.int64)
    out = _add_text(out, codebook)
    stat_columns = ["n_1", "n_2", "mean_1", "mean_2", "difference", "u", "rank_biserial", "p"]
    out = suppress(out, min_n, n_column=["n_respondents_1", "n_respondents_2"],
                   stat_columns=stat_columns, group_columns=by)
    out.insert(len(out.columns) - 1, "p_holm", holm(out["p"]))
    return out


# --------------------------------------------------------------------------- reliability


def _alpha(cov: np.ndarray) -> float:
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or not np.isfinite(total) or total <= 0:
        return np.nan
    return k / (k - 1) * (1 - np.trace(cov) / total)


def reliability(
    responses: pd.DataFrame,
    by: str | Sequence[str] = "dimension",
    missing: str = "pairwise",
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cronbach's alpha per dimension, with a 95 % CI, and item statistics.

    The items are the statements of the group, the rows the respondents; groups are always
    split by ``role`` too (each role answers its own questionnaire part). Alpha is
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
    by : str or list of str, default "dimension"
        Group columns besides ``role``.
    missing : {"pairwise", "listwise"}
        How missing answers are handled.
    min_n : int, default 5
        Groups with fewer respondents are suppressed.
    codebook : Codebook, optional
        Statement ``text`` in the item table.

    Returns
    -------
    scales : DataFrame
        ``role``, ``by`` columns, ``n_respondents``, ``n_items``, ``alpha``, ``ci95_low``,
        ``ci95_high``, ``suppressed``.
    items : DataFrame
        ``role``, ``by`` columns, ``statement``, [``text``], ``n_respondents`` (of the group),
        ``n`` (scored answers to the item), ``item_rest_r``, ``alpha_if_deleted``,
        ``suppressed``.

    Examples
    --------
    >>> import pandas as pd
    >>> wide = pd.DataFrame({"S1": [1, 2, 3, 4, 5, 3], "S2": [2, 2, 3, 5, 4, 3],
    ...                      "S3": [1, 3, 3, 4, 5, 2]})
    >>> r = wide.melt(var_name="statement", value_name="score", ignore_index=False)
    >>> r = r.rename_axis("respondent").reset_index().assign(role="chef", dimension="D")
    >>> scales, items = reliability(r)
    >>> round(float(scales["alpha"].iloc[0]), 4), items["statement"].tolist()
    (0.9318, ['S1', 'S2', 'S3'])
    """
    if missing not in ("pairwise", "listwise"):
        raise ValueError(f"missing must be 'pairwise' or 'listwise', got {missing!r}")
    min_n = check_min_n(min_n)
    by = _as_list(by)
    if "role" in responses.columns and "role" not in by:
        by = ["role", *by]
    _require(responses, [*by, "statement", "score"], "reliability")
    score = pd.to_numeric(responses["score"], errors="coerce").to_numpy(dtype=float,
                                                                         na_value=np.nan)
    groups = _group(responses, by)
    person = _persons(responses)[0]
    item_codes, n_item_codes, decode_item = _column_codes(responses["statement"])
    scale_rows, item_rows = [], []
    for i, rows in enumerate(_split(groups.codes, groups.size, np.arange(len(responses)))):
        key = groups.keys.iloc[i].to_dict()
        items, item_index = np.unique(item_codes[rows], return_inverse=True)
        people, person_index = np.unique(person[rows], return_inverse=True)
        wide = np.full((len(people), len(items)), np.nan)
        wide[person_index, item_index] = score[rows]
        wide = wide[~np.isnan(wide).all(axis=1)]
        if missing == "listwise":
            wide = wide[~np.isnan(wide).any(axis=1)]
        n, k = wide.shape
        cov = np.full((k, k), np.nan)
        if n > 1:
            cov = pd.DataFrame(wide).cov().to_numpy()
        a = _alpha(cov)
        df1, df2 = n - 1, (n - 1) * (k - 1)
        low = high = np.nan
        if df1 > 0 and df2 > 0 and np.isfinite(a):
            low = 1 - (1 - a) * sps.f.isf(0.025, df1, df2)
            high = 1 - (1 - a) * sps.f.isf(0.975, df1, df2)
        scale_rows.append({**key, "n_respondents": n, "n_items": k, "alpha": a,
                           "ci95_low": low, "ci95_high": high})
        row_sum = cov.sum(axis=1)
        for j in range(k):
            rest = np.delete(np.delete(cov, j, axis=0), j, axis=1)
            var_rest = rest.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                r = (row_sum[j] - cov[j, j]) / np.sqrt(cov[j, j] * var_rest)
            item_rows.append({**key, "statement": decode_item(items[j:j + 1])[0],
                              "n_respondents": n, "n": int((~np.isnan(wide[:, j])).sum()),
                              "item_rest_r": r, "alpha_if_deleted": _alpha(rest)})
    scale_columns = [*by, "n_respondents", "n_items", "alpha", "ci95_low", "ci95_high"]
    item_columns = [*by, "statement", "n_respondents", "n", "item_rest_r", "alpha_if_deleted"]
    scales = pd.DataFrame(scale_rows, columns=scale_columns)
    items = _add_text(pd.DataFrame(item_rows, columns=item_columns), codebook)
    for table, counts in ((scales, ["n_respondents", "n_items"]), (items, ["n_respondents", "n"])):
        for column in counts:
            table[column] = table[column].astype(np.int64)
    scales = suppress(scales, min_n, stat_columns=["n_items", "alpha", "ci95_low", "ci95_high"],
                      group_columns=by)
    items = suppress(items, min_n, stat_columns=["n", "item_rest_r", "alpha_if_deleted"],
                     group_columns=[*by, "statement"])
    return scales, items


# --------------------------------------------------------------------------- change


def change(
    responses: pd.DataFrame,
    from_wave: int,
    to_wave: int,
    by: str | Sequence[str] = ("role", "statement"),
    min_n: int = DEFAULT_MIN_N,
    codebook: Codebook | None = None,
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
    from_wave, to_wave : int
        The earlier and the later round.
    by : str or list of str, default ["role", "statement"]
        Group columns (statements, dimensions, organisations …), not ``wave``.
    min_n : int, default 5
        A group is suppressed when either round has fewer respondents.
    codebook : Codebook, optional
        Statement ``text`` and the number of statements per dimension.

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
    >>> change(r, 2020, 2022)[["statement", "mean_from", "mean_to", "difference"]]
      statement  mean_from  mean_to  difference
    0        S1        2.6      4.0         1.4
    """
    by = _as_list(by)
    min_n = check_min_n(min_n)
    if "wave" in by:
        raise ValueError("change: 'wave' cannot be a group column")
    _require(responses, ["wave"], "change")
    waves = responses["wave"]
    subset = responses[(waves == from_wave) | (waves == to_wave)]
    units = _units(subset, by, codebook, extra=["wave"])
    rows = []
    for key, x, y, nx, ny in _two_groups(units, by, "wave", from_wave, to_wave):
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
        low, high = _t_interval(np.array([difference]), np.array([se]), np.array([df]))
        rows.append({**dict(zip(by, key, strict=True)), "from_wave": from_wave,
                     "to_wave": to_wave, "n_respondents_from": nx, "n_respondents_to": ny,
                     "n_from": len(x), "n_to": len(y), "mean_from": x.mean(),
                     "mean_to": y.mean(), "difference": difference, "ci95_low": low[0],
                     "ci95_high": high[0], "p_mannwhitney": p})
    columns = [*by, "from_wave", "to_wave", "n_respondents_from", "n_respondents_to", "n_from",
               "n_to", "mean_from", "mean_to", "difference", "ci95_low", "ci95_high",
               "p_mannwhitney"]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("n_respondents_from", "n_respondents_to", "n_from", "n_to"):
        out[column] = out[column].astype(np.int64)
    out = _add_text(out, codebook)
    return suppress(out, min_n, n_column=["n_respondents_from", "n_respondents_to"],
                    stat_columns=columns[columns.index("n_from"):], group_columns=by,
                    margins=_default_margins(by))
