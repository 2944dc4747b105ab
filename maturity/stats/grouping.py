"""The grouping engine: group-by over coded columns, and per-group statistics from counts.

Every statistic of :mod:`maturity.stats` is a group-by. This module does it without hashing
strings: each group column is coded once (categorical codes, or integer offsets, or a sorted
factorisation), the codes are combined into one code per row and renumbered densely, and
everything per group then follows from ``np.bincount`` over those codes. The result is the same
as ``DataFrame.groupby(by, sort=True, dropna=False, observed=True)``: groups sorted by key,
rows with a missing key forming a group of their own, placed last. ``tests/reference_stats.py``
holds the plain-pandas reference the tests compare this engine with.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"role": ["b", "a", "b", None], "statement": ["S1", "S1", "S2", "S1"]})
>>> groups = group(frame, ["role", "statement"])
>>> groups.codes.tolist(), groups.size
([1, 0, 2, 3], 4)
>>> groups.keys
  role statement
0    a        S1
1    b        S1
2    b        S2
3  NaN        S1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.stats.common import require

__all__ = [
    "PERSON",
    "DENSE_LIMIT",
    "Groups",
    "cached_codes",
    "column_codes",
    "densify",
    "observed",
    "group",
    "distinct",
    "quantile",
    "quantiles",
    "t_interval",
    "score_stats",
    "split",
    "person_columns",
    "persons",
    "people",
    "wave_lists",
]

#: The columns that together identify a respondent (those present in the table).
PERSON = ["wave", "organisation", "role", "respondent"]
#: Largest code space handled with flat arrays instead of hashing.
DENSE_LIMIT = 1 << 23


@dataclass(frozen=True)
class Groups:
    """Group index of every row and the keys of the observed groups (sorted, missing last).

    Attributes
    ----------
    codes : ndarray of int
        The group of each row, 0 .. size − 1.
    keys : DataFrame
        One row per group: the values of the group columns.
    key_codes : dict
        Per group column, the column code of each group's key.
    """

    codes: np.ndarray
    keys: pd.DataFrame
    key_codes: dict

    @property
    def size(self) -> int:
        """The number of groups."""
        return len(self.keys)


def cached_codes(frame: pd.DataFrame, column: str, cache: dict | None):
    """:func:`column_codes` of ``frame[column]``, remembered in ``cache`` when given.

    Examples
    --------
    >>> cache = {}
    >>> codes, size, decode = cached_codes(pd.DataFrame({"x": ["b", "a"]}), "x", cache)
    >>> codes.tolist(), size, list(cache)
    ([1, 0], 3, ['x'])
    """
    if cache is None:
        return column_codes(frame[column])
    if column not in cache:
        cache[column] = column_codes(frame[column])
    return cache[column]


def column_codes(series: pd.Series):
    """Integer codes 0..k-1 (sorted), missing -> k; the code space k + 1; a decoder.

    Examples
    --------
    >>> codes, size, decode = column_codes(pd.Series(["b", None, "a"]))
    >>> codes.tolist(), size, list(decode(codes))
    ([1, 2, 0], 3, ['b', nan, 'a'])
    """
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
            codes, seen = densify(values - low, int(values.max() - low) + 1)
            uniques = pd.Index(seen + low)
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


def densify(combined: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """Renumber codes to 0..m-1 keeping their order; also return the observed old codes.

    Examples
    --------
    >>> new, old = densify(np.array([7, 2, 7, 5]), 8)
    >>> new.tolist(), old.tolist()
    ([2, 0, 2, 1], [2, 5, 7])
    """
    if space <= 1 << 22:
        seen = np.flatnonzero(np.bincount(combined, minlength=space))
    elif space <= DENSE_LIMIT:
        present = np.zeros(space, dtype=bool)  # zeroed lazily: only touched pages cost
        present[combined] = True
        seen = np.flatnonzero(present)
    else:
        codes, seen = pd.factorize(combined, sort=True)
        return codes.astype(np.int64), np.asarray(seen)
    lookup = np.zeros(space, dtype=np.int64)
    lookup[seen] = np.arange(len(seen))
    return lookup[combined], seen


def observed(combined: np.ndarray, space: int) -> np.ndarray:
    """The distinct values of ``combined`` (codes below ``space``), sorted.

    Examples
    --------
    >>> observed(np.array([3, 1, 3]), 5).tolist()
    [1, 3]
    """
    if _dense(space, len(combined)):  # a flat bool array: 1 byte a code
        present = np.zeros(space, dtype=bool)
        present[combined] = True
        return np.flatnonzero(present)
    ordered = np.sort(combined)
    keep = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def group(frame: pd.DataFrame, by: Sequence[str], cache: dict | None = None) -> Groups:
    """Dense group codes for ``by``, sorted by key (missing last), mostly without hashing.

    Column codes are combined one column at a time; whenever the product of the code spaces
    would get large, the codes seen so far are renumbered densely (order-preserving), so the
    code space stays near the number of observed groups. Without ``by`` every row is in the one
    group 0.

    Examples
    --------
    >>> group(pd.DataFrame({"x": [2, 1, 2]}), ["x"]).codes.tolist()
    [1, 0, 1]
    """
    by = list(by)
    n_rows = len(frame)
    if not by:
        return Groups(np.zeros(n_rows, dtype=np.int64), pd.DataFrame(index=range(1)), {})
    combined, space, stages = None, 1, []
    for column in by:
        codes, size, decode = cached_codes(frame, column, cache)
        if combined is None:
            combined = codes.astype(np.int64)
        else:
            if space * size > DENSE_LIMIT:
                combined, seen = densify(combined, space)
                stages.append(("map", seen))
                space = len(seen)
            combined = combined * size + codes
        space *= size
        stages.append((column, (size, decode)))
    codes, rest = densify(combined, space)
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
    return Groups(codes, keys, key_codes)


def _dense(space: int, n_rows: int) -> bool:
    """Is a code space small enough for flat arrays (1–8 bytes a code)?"""
    return space <= max(DENSE_LIMIT, 16 * n_rows)


_dense_within = _dense  # the same rule; a name of its own so that tests can force each path


def distinct(
    groups: np.ndarray,
    n_groups: int,
    items: np.ndarray,
    n_items: int,
    *,
    within: tuple[np.ndarray, int] | None = None,
) -> np.ndarray:
    """Number of distinct ``items`` (codes below ``n_items``) per group.

    ``within``, optional, is (codes, size) of an attribute of the item (a function of
    ``items``: e.g. a respondent's organisation and role). When every group lies within one
    attribute value (the groups hold organisation and role), the pairs (group, item) are counted
    in the small space (rank of the group within its attribute value, item) instead of
    (group, item): flat arrays instead of sorting, at national scale.

    Examples
    --------
    >>> distinct(np.array([0, 0, 1, 0]), 2, np.array([5, 5, 5, 2]), 6).tolist()
    [2, 1]
    >>> distinct(np.array([0, 0, 1]), 2, np.array([1, 1, 0]), 2, within=(np.array([1, 1, 0]), 2))
    array([1, 1])
    """
    groups = groups.astype(np.int64, copy=False)
    n_rows = len(groups)
    if within is not None and not _dense(n_groups * n_items, n_rows):
        counts = _distinct_within(groups, n_groups, items, n_items, *within)
        if counts is not None:
            return counts
    pairs = observed(groups * n_items + items, n_groups * n_items)
    return np.bincount(pairs // max(n_items, 1), minlength=n_groups)


def _distinct_within(groups, n_groups, items, n_items, attribute, size) -> np.ndarray | None:
    """:func:`distinct` through the ranks of the groups within an attribute of the items
    (None when a group holds several attribute values or the ranks are too many)."""
    local = _ranks_within(groups, n_groups, attribute, size)
    if local is None or not _dense_within(local[1] * n_items, len(groups)):
        return None
    key = local[0] * n_items + items
    rows = np.arange(len(groups), dtype=np.int32 if len(groups) < 1 << 31 else np.int64)
    owner = np.empty(local[1] * n_items, dtype=rows.dtype)  # only written cells are read
    owner[key] = rows
    first = owner[key] == rows  # one row of every distinct (group, item) pair
    return np.bincount(groups[first], minlength=n_groups)


def _ranks_within(
    groups: np.ndarray, n_groups: int, attribute: np.ndarray, size: int
) -> tuple[np.ndarray, int] | None:
    """Each row's group renumbered within the group's attribute value: (codes, code space);
    None when a group holds several attribute values."""
    dtype = np.promote_types(attribute.dtype, np.min_scalar_type(size))  # small: less traffic
    of_group = np.full(n_groups, size, dtype=dtype)  # unused groups: a value of their own
    of_group[groups] = attribute
    if not (of_group[groups] == attribute).all():
        return None
    order = np.argsort(of_group, kind="stable")
    starts = np.flatnonzero(np.r_[True, of_group[order][1:] != of_group[order][:-1]])
    run = np.repeat(starts, np.diff(np.r_[starts, n_groups]))
    rank = np.empty(n_groups, dtype=np.int64)
    rank[order] = np.arange(n_groups) - run
    return rank[groups], int(rank.max(initial=0)) + 1


def quantile(counts: np.ndarray, values: np.ndarray, p: float) -> np.ndarray:
    """Linear-interpolation quantile (numpy/pandas default) from counts per scale step.

    ``counts`` has one row per group and one column per value of ``values`` (sorted).

    Examples
    --------
    >>> quantile(np.array([[1, 0, 2], [0, 0, 0]]), np.array([1.0, 2.0, 3.0]), 0.25).tolist()
    [2.0, nan]
    """
    return quantiles(counts, values, [p])[0]


def quantiles(counts: np.ndarray, values: np.ndarray, ps: Sequence[float]) -> list[np.ndarray]:
    """:func:`quantile` for several ``ps`` at once (the cumulative counts made once).

    Examples
    --------
    >>> [q.tolist() for q in quantiles(np.array([[1, 0, 2]]), np.array([1.0, 2, 3]), [0, 1])]
    [[1.0], [3.0]]
    """
    n = counts.sum(axis=1)
    cum = np.cumsum(counts, axis=1)
    last = len(values) - 1
    columns = [cum[:, j] for j in range(cum.shape[1])]  # few scale steps: a loop of columns

    def value_at(position: np.ndarray) -> np.ndarray:
        step = np.zeros(len(position), dtype=np.int64)
        for column in columns:
            step += column <= position
        return values[np.minimum(step, last)]

    out = []
    for p in ps:
        h = (n - 1) * p
        below = np.floor(h)
        a = value_at(below)
        b = value_at(np.minimum(below + 1, n - 1))
        out.append(np.where(n > 0, a + (b - a) * (h - below), np.nan))
    return out


def t_interval(mean: np.ndarray, se: np.ndarray, df: np.ndarray):
    """Two-sided 95 % t interval ``mean ± t(0.975, df) · se`` (NaN where ``df <= 0``).

    Examples
    --------
    >>> low, high = t_interval(np.array([3.0]), np.array([0.5]), np.array([9]))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (1.8689, 4.1311)
    """
    df = np.asarray(df, dtype=float)
    values, where = np.unique(df, return_inverse=True)  # few distinct df: one ppf each
    with np.errstate(invalid="ignore"):
        t = sps.t.ppf(0.975, np.where(values > 0, values, np.nan))
    half = t[where.reshape(df.shape)] * se
    return mean - half, mean + half


def score_stats(g: np.ndarray, n_groups: int, score: np.ndarray, lo: float, hi: float) -> dict:
    """n, mean, sd, se, CI, quartiles and top/bottom-two shares of the scored rows per group.

    ``g`` is the group of each scored row (no NaN in ``score``). Integer scores on an integer
    scale take a fast path through counts per scale step; other scores a general path
    (pandas groupby) with the same definitions.

    Examples
    --------
    >>> s = score_stats(np.array([0, 0, 0, 1]), 2, np.array([1.0, 2, 4, 5]), 1.0, 5.0)
    >>> s["n"].tolist(), s["median"].tolist(), s["share_top2"].round(3).tolist()
    ([3, 1], [2.0, 5.0], [0.333, 1.0])
    """
    steps = score - lo
    whole = steps.astype(np.int64)
    if lo.is_integer() and hi.is_integer() and np.array_equal(whole, steps):
        n_steps = int(hi - lo) + 1
        values = lo + np.arange(n_steps, dtype=float)
        counts = np.bincount(g * n_steps + whole, minlength=n_groups * n_steps).reshape(
            n_groups, n_steps
        )
        n = counts.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = counts @ values / n
            ss = (counts * (values[None, :] - mean[:, None]) ** 2).sum(axis=1)
            sd = np.where(n > 1, np.sqrt(ss / (n - 1)), np.nan)
            top = counts[:, -2:].sum(axis=1) / n
            bottom = counts[:, :2].sum(axis=1) / n
        q1, median, q3 = quantiles(counts, values, (0.25, 0.5, 0.75))
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
    low, high = t_interval(mean, se, n - 1)
    return {
        "n": n.astype(np.int64),
        "mean": mean,
        "sd": sd,
        "se": se,
        "ci95_low": low,
        "ci95_high": high,
        "median": median,
        "q1": q1,
        "q3": q3,
        "share_top2": top,
        "share_bottom2": bottom,
    }


def split(codes: np.ndarray, n_groups: int, values: np.ndarray) -> list[np.ndarray]:
    """``values`` split by group code: a list of ``n_groups`` arrays, rows in table order.

    Examples
    --------
    >>> [a.tolist() for a in split(np.array([1, 0, 1]), 3, np.array([10, 20, 30]))]
    [[20], [10, 30], []]
    """
    small = np.int16 if n_groups < 1 << 15 else np.int64  # 16-bit keys: numpy radix-sorts
    order = np.argsort(codes.astype(small), kind="stable")
    bounds = np.cumsum(np.bincount(codes, minlength=n_groups))[:-1]
    return np.split(values[order], bounds)


def person_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of :data:`PERSON` in ``frame``; an error without ``respondent``.

    Examples
    --------
    >>> person_columns(pd.DataFrame(columns=["role", "respondent", "score"]))
    ['role', 'respondent']
    """
    require(frame, ["respondent"], "respondent identity")
    return [c for c in PERSON if c in frame.columns]


def persons(frame: pd.DataFrame, cache: dict | None = None) -> tuple[np.ndarray, int]:
    """Code every row by respondent identity (see :mod:`maturity.stats`): (codes, n_codes).

    Codes need not all be used. Fast path: when the respondent ids are already unique across
    wave, organisation and role, the id's own code is the identity.

    Examples
    --------
    >>> frame = pd.DataFrame({"role": ["a", "b", "a"], "respondent": [1, 1, 1]})
    >>> codes, n = persons(frame)
    >>> codes.tolist()
    [0, 1, 0]
    """
    if cache is not None and ("persons",) in cache:
        return cache[("persons",)]
    columns = person_columns(frame)
    ids, n_ids, _ = cached_codes(frame, "respondent", cache)
    in_order = len(ids) > 1 and bool((ids[1:] >= ids[:-1]).all())
    same = ids[1:] == ids[:-1] if in_order else None  # rows of an id next to each other
    coded = ids.astype(np.intp), n_ids
    for column in (c for c in columns if c != "respondent"):
        codes, size, _ = cached_codes(frame, column, cache)
        if size == 2 and codes.max(initial=0) == 0:
            continue  # one value throughout, e.g. a single survey round
        if in_order:  # neighbours with the same id must agree
            agree = not ((codes[1:] != codes[:-1]) & same).any()
        else:
            seen = np.zeros(n_ids, dtype=codes.dtype)
            seen[coded[0]] = codes
            agree = np.array_equal(seen[coded[0]], codes)
        if not agree:
            groups = group(frame, columns, cache)
            coded = groups.codes, groups.size
            break
    if cache is not None:
        cache[("persons",)] = coded
    return coded


def _wave_codes(frame: pd.DataFrame, cache: dict | None):
    """Codes of ``wave`` and their space, or None when the table has at most one wave."""
    if "wave" not in frame.columns:
        return None
    codes, size, _ = cached_codes(frame, "wave", cache)
    if len(codes) == 0 or codes.min() == codes.max():
        return None
    return codes, size


def people(
    frame: pd.DataFrame,
    codes: np.ndarray,
    n_groups: int,
    rows: np.ndarray | None = None,
    cache: dict | None = None,
    *,
    columns: Sequence[str] | None = None,
) -> np.ndarray:
    """Distinct *people* per group: the count the suppression rule uses.

    ``codes`` is the group of every row of ``frame`` (``rows``, a boolean mask, selects the
    rows that count, e.g. the scored ones). Within one wave a person is the combination of
    organisation, role and respondent id. A group holding several waves counts a person who
    answered in two waves once: when the ids are linked across waves (some organisation +
    role + id occurs in more than one wave of ``frame``) the distinct ids are counted;
    otherwise (ids that differ per wave) nobody can be matched and the group counts as many
    people as its largest wave, organisation by organisation and role by role (people of
    different organisations or roles are different people). Either way the count never
    exceeds the number of people.

    ``columns``, optional, names the group columns behind ``codes``. When at most one of them
    is not a person's attribute (e.g. ``statement``), a person and that column's value fix the
    group, so counting goes through the small space (person, value) — or, when no person
    answers a value twice, is the number of rows — instead of (group, person).

    Examples
    --------
    Four managers answering in two waves are four people, with ids linked or not:

    >>> linked = pd.DataFrame({"wave": [1] * 4 + [2] * 4, "respondent": list("abcdabcd")})
    >>> people(linked, np.zeros(8, dtype=np.int64), 1).tolist()
    [4]
    >>> unlinked = pd.DataFrame({"wave": [1] * 4 + [2] * 4, "respondent": list("abcdefgh")})
    >>> people(unlinked, np.zeros(8, dtype=np.int64), 1).tolist()
    [4]
    """
    keep = np.ones(len(frame), dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    person, n_persons = persons(frame, cache)
    attributes = [c for c in person_columns(frame) if c != "respondent"]
    waves = _wave_codes(frame, cache)
    if (
        waves is None
        or distinct(codes[keep], n_groups, waves[0][keep], waves[1]).max(initial=0) <= 1
    ):
        counts = _people_by_value(frame, codes, n_groups, keep, columns, cache)
        if counts is not None:
            return counts
        within = _attributes(frame, attributes, cache, keep, n_groups * n_persons)
        return distinct(codes[keep], n_groups, person[keep], n_persons, within=within)
    wave, n_waves = waves
    linked = group(frame, [c for c in person_columns(frame) if c != "wave"], cache)
    if distinct(linked.codes, linked.size, wave, n_waves).max(initial=0) > 1:
        attributes = [c for c in attributes if c != "wave"]
        within = _attributes(frame, attributes, cache, keep, n_groups * linked.size)
        return distinct(codes[keep], n_groups, linked.codes[keep], linked.size, within=within)
    # ids not linked: within each organisation and role, as many people as its largest wave
    places = group(frame, [c for c in ("organisation", "role") if c in frame.columns], cache)
    place = codes[keep].astype(np.int64) * places.size + places.codes[keep]
    place, seen = densify(place, n_groups * places.size)
    cell = place * n_waves + wave[keep]
    per_wave = distinct(cell, len(seen) * n_waves, person[keep], n_persons)
    largest = per_wave.reshape(len(seen), n_waves).max(axis=1)
    return np.bincount(seen // places.size, weights=largest, minlength=n_groups).astype(np.int64)


def _people_by_value(frame, codes, n_groups, keep, columns, cache) -> np.ndarray | None:
    """:func:`people` (one wave per group) through the pairs (person, value of the one group
    column that is not a person's attribute); None when ``columns`` does not allow it or the
    space of the pairs is too large."""
    if columns is None:
        return None
    others = [c for c in columns if c not in PERSON]
    if len(others) > 1:
        return None
    person, n_persons = persons(frame, cache)
    if others:
        values, n_values, _ = cached_codes(frame, others[0], cache)
    else:
        values, n_values = np.zeros(len(frame), dtype=np.int8), 1
    space = n_persons * n_values
    if not _dense_within(space, len(frame)):
        return None
    cache = {} if cache is None else cache
    name = ("one row per person and value", others[0] if others else None)
    if name not in cache:
        key = person.astype(np.int64, copy=False) * n_values + values
        cache[name] = (key, _each_once(key, space))
    key, once = cache[name]
    if once:  # every row is a person of its own in its group
        return np.bincount(codes[keep], minlength=n_groups)
    key = key[keep]
    rows = np.arange(len(key), dtype=np.int32 if len(key) < 1 << 31 else np.int64)
    owner = np.empty(space, dtype=rows.dtype)  # only written cells are read
    owner[key] = rows
    return np.bincount(codes[keep][owner[key] == rows], minlength=n_groups)


def _each_once(key: np.ndarray, space: int) -> bool:
    """Does every code of ``key`` (below ``space``) occur at most once? Rows in key order (an
    export read respondent by respondent) tell it in one comparison of neighbours."""
    if len(key) > space:
        return False
    if len(key) < 2 or bool((key[1:] > key[:-1]).all()):
        return True
    return bool(np.bincount(key, minlength=space).max(initial=0) <= 1)


def _attributes(frame, columns, cache, keep, space) -> tuple[np.ndarray, int] | None:
    """Codes (of the kept rows) and code space of a person's attribute (one of ``columns``,
    functions of the person: the one with most values): what :func:`distinct` counts within;
    None when not needed (a small ``space``) or without such columns."""
    if not columns or _dense(space, int(keep.sum())):
        return None
    codes, size, _ = max((cached_codes(frame, c, cache) for c in columns), key=lambda c: c[1])
    return codes[keep], size


def wave_lists(
    frame: pd.DataFrame,
    codes: np.ndarray,
    n_groups: int,
    rows: np.ndarray | None = None,
    cache: dict | None = None,
) -> list[str]:
    """The waves each group holds, as text ("2020, 2022"); the ``waves`` column of a pooled
    table.

    Examples
    --------
    >>> frame = pd.DataFrame({"wave": [2020, 2022, 2022]})
    >>> wave_lists(frame, np.array([0, 0, 1]), 2)
    ['2020, 2022', '2022']
    """
    keep = np.ones(len(frame), dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    wave, n_waves, decode = cached_codes(frame, "wave", cache)
    pairs = observed(codes[keep].astype(np.int64) * n_waves + wave[keep], n_groups * n_waves)
    names = [
        str(int(w)) if isinstance(w, float) and w.is_integer() else str(w)
        for w in decode(np.arange(n_waves))
    ]
    lists: list[list[str]] = [[] for _ in range(n_groups)]
    for pair in pairs:
        if pair % n_waves < n_waves - 1:  # the last code is "no wave"
            lists[pair // n_waves].append(names[pair % n_waves])
    return [", ".join(w) for w in lists]
