"""Suppression of small groups: one rule for every published table.

The rule
--------
**Primary suppression.** A group with fewer than ``min_n`` *respondents* (distinct people, not
answers) shows no statistics: every statistic column of its row becomes missing and the row
gets ``suppressed=True``. The group's keys and its respondent count stay visible, so a reader
can see that a group exists and why it is empty. The threshold is 5 by default; a lower value
is an explicit choice of the caller, and ``min_n < 1`` is an error.

Small groups are common, not exotic: a municipality has one IT manager (IT-chef), so a
per-municipality IT-chef figure is one person's answers and is always suppressed.

**Secondary suppression.** A suppressed group can still be worked out by differencing when a
total over it and its siblings is published (a national figure next to per-organisation
figures, or a total row in the same table): total minus the published siblings leaves the
suppressed group. So, for every *margin* column along which such a total is published (e.g.
``"organisation"``), the siblings are the rows that agree on every other key column. Within
each sibling set that has suppressed rows, the suppressed rows together must hold at least
``min_n`` respondents (or none at all: an empty group reveals nobody); if they do not, the
next-smallest published siblings (fewest respondents first, then table order) are suppressed
too, until they do. Differencing then
reveals at most the combined figure of ``min_n`` or more people. This assumes the siblings
are disjoint groups of respondents (organisations, roles), which is how the margins are
used. It is a heuristic for the tables of this package, not a general solution of the cell
suppression problem for arbitrary cross-tabulations.

**One decision per organisation.** Per-organisation figures are published at several levels
(each statement, each dimension, the smallest and largest organisation of a statement), and
a hidden group must stay hidden at all of them: otherwise an organisation hidden in one table
but published in another (or worked out from its published statement means) turns the
"combined figure of the hidden ones" back into one small group's figure. So whether an
organisation's answers (per wave and role) are shown is decided once, by
:func:`organisation_suppression`, from the responses themselves, and every per-organisation
table applies that decision (``suppress(..., units=...)``; :func:`maturity.stats.describe`
with ``organisation`` in ``by`` and :func:`maturity.stats.across_organisations` do it
themselves). An organisation is shown only when every statement and every dimension it
answered has at least ``min_n`` people (primary); then, within each wave and role, while the
hidden organisations together hold between 1 and ``min_n − 1`` people on any statement or
dimension, the next organisation (fewest people first, then name) that answered it is hidden
too (secondary). Each table then finds nothing more to hide, so every table, figure and
sentence shows the same organisations.

**People, not answers, not person-waves.** The counts are distinct people: a respondent who
answered in two waves is one person (see :func:`maturity.stats.grouping.people`); where ids
cannot be linked across waves, a group counts as many people as its largest wave
(organisation by organisation, role by role).

**One ratio.** :func:`suppression_ratio` counts the suppressed groups of the published tables,
primary and secondary apart; the workbook, the summary and the findings report that one ratio.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"organisation": ["A", "B", "C"], "n_respondents": [1, 6, 9],
...                   "mean": [2.0, 3.5, 4.1]})
>>> suppress(t, margins=["organisation"])
  organisation  n_respondents  mean  suppressed
0            A              1   NaN        True
1            B              6   NaN        True
2            C              9   4.1       False
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "suppress",
    "check_min_n",
    "organisation_suppression",
    "DEFAULT_MIN_N",
    "SuppressionRatio",
    "suppression_ratio",
]

DEFAULT_MIN_N = 5


def check_min_n(min_n: int) -> int:
    """Validate a suppression threshold and return it as an int.

    Parameters
    ----------
    min_n : int
        Smallest number of respondents a published group may have; at least 1.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        When ``min_n`` is not a whole number or is below 1.

    Examples
    --------
    >>> check_min_n(5)
    5
    >>> check_min_n(0)
    Traceback (most recent call last):
    ...
    ValueError: min_n must be a whole number of at least 1, got 0
    """
    if isinstance(min_n, bool) or not float(min_n).is_integer() or min_n < 1:
        raise ValueError(f"min_n must be a whole number of at least 1, got {min_n!r}")
    return int(min_n)


def _as_list(columns: str | Sequence[str] | None) -> list[str]:
    if columns is None:
        return []
    return [columns] if isinstance(columns, str) else list(columns)


def suppress(
    table: pd.DataFrame,
    *,
    min_n: int = DEFAULT_MIN_N,
    n_column: str | Sequence[str] = "n_respondents",
    stat_columns: Sequence[str] | None = None,
    group_columns: Sequence[str] | None = None,
    margins: Sequence[str] = (),
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Apply primary and secondary suppression to a published table.

    Parameters
    ----------
    table : DataFrame
        One row per group.
    min_n : int, default 5
        Smallest number of respondents a published group may have (at least 1).
    n_column : str or list of str, default "n_respondents"
        Column(s) holding the group's number of distinct respondents. With several columns
        (e.g. the two roles compared) a row is suppressed when any of them is below ``min_n``;
        secondary suppression ranks rows by the smallest. A missing count counts as 0.
    stat_columns : list of str, optional
        Columns blanked in suppressed rows. Default: every numeric column that is not a count
        in ``n_column``, not a group column and not ``wave`` or ``suppressed``. Integer
        statistic columns become the nullable ``Int64`` dtype so that they can hold ``<NA>``.
    group_columns : list of str, optional
        Key columns identifying a group; needed only with ``margins``. Default: the
        non-numeric columns and ``wave``.
    margins : list of str, default ()
        Group columns along which a total is published (here or in another table). For each,
        rows that agree on the other group columns are siblings and secondary suppression
        applies among them (see the module docstring).
    units : DataFrame, optional
        A decision made once for the whole report (:func:`organisation_suppression`): its key
        columns and ``suppressed``; every row whose keys match a suppressed unit is suppressed.

    Returns
    -------
    DataFrame
        A copy of ``table`` with the statistic columns blanked where suppressed and a boolean
        ``suppressed`` column (OR-ed with an existing one, so applying twice is harmless).

    Raises
    ------
    ValueError
        When ``min_n < 1`` or a named column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"role": ["IT-chef", "förvaltningschef"], "n_respondents": [1, 12],
    ...                   "n": [1, 12], "mean": [4.0, 3.25]})
    >>> suppress(t)
                   role  n_respondents     n  mean  suppressed
    0           IT-chef              1  <NA>   NaN        True
    1  förvaltningschef             12    12  3.25       False
    """
    min_n = check_min_n(min_n)
    n_columns = _as_list(n_column)
    margins = _as_list(margins)
    missing = [c for c in [*n_columns, *margins] if c not in table.columns]
    if missing:
        raise ValueError(f"suppress: table has no column(s) {missing}")
    out = table.copy()
    numeric = [
        c
        for c in out.columns
        if pd.api.types.is_numeric_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c])
    ]
    if group_columns is None:
        group_columns = [
            c for c in out.columns if (c not in numeric or c == "wave") and c != "suppressed"
        ]
    group_columns = _as_list(group_columns)
    if stat_columns is None:
        keep = {*n_columns, *group_columns, "wave", "suppressed"}
        stat_columns = [c for c in numeric if c not in keep]
    stat_columns = _as_list(stat_columns)

    counts = out[n_columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    n = np.nan_to_num(counts.min(axis=1) if counts.shape[1] else np.zeros(len(out)), nan=0.0)
    hidden = n < min_n
    if "suppressed" in out.columns:
        hidden |= out["suppressed"].fillna(False).to_numpy(dtype=bool)
    if units is not None:
        hidden |= _hidden_units(out, units)
    if margins and hidden.any():
        hidden = _secondary(out, hidden, n, min_n, group_columns, margins)

    for column in stat_columns:
        values = out[column]
        if pd.api.types.is_integer_dtype(values) and not isinstance(values.dtype, pd.Int64Dtype):
            values = values.astype("Int64")
        out[column] = values.mask(hidden)
    out["suppressed"] = hidden
    return out


def _hidden_units(table: pd.DataFrame, units: pd.DataFrame) -> np.ndarray:
    """Rows of ``table`` whose unit (the key columns of ``units``) is suppressed there."""
    keys = [c for c in units.columns if c in table.columns and c not in _UNIT_VALUES]
    hidden = units.loc[units["suppressed"].to_numpy(dtype=bool), keys]
    if not keys or hidden.empty or table.empty:
        return np.zeros(len(table), dtype=bool)
    both = np.zeros(len(table) + len(hidden), dtype=np.int64)
    for key in keys:  # keys compared as text, each distinct value converted once
        codes = [_text_codes(side[key]) for side in (table, hidden)]
        texts = {}
        ids = [np.array([texts.setdefault(t, len(texts)) for t in names]) for _, names in codes]
        column = np.concatenate([i[c] for i, (c, _) in zip(ids, codes, strict=True)])
        both = pd.factorize(both * len(texts) + column)[0]
    return np.isin(both[: len(table)], both[len(table) :])


def _text_codes(values: pd.Series) -> tuple[np.ndarray, list]:
    """Codes of ``values`` and the text of each code (``astype(str)``; missing: None), the
    last code being the missing value's."""
    codes, uniques = pd.factorize(values)
    names = [None if pd.isna(t) else t for t in pd.Series(uniques).astype(str)]
    return np.where(codes < 0, len(names), codes), [*names, None]


#: The value columns of :func:`organisation_suppression` (the rest are its keys).
_UNIT_VALUES = ("n_respondents", "suppressed", "secondary")


def organisation_suppression(
    responses: pd.DataFrame,
    *,
    by: Sequence[str] = ("role",),
    min_n: int = DEFAULT_MIN_N,
    levels: Sequence[str] = ("statement", "dimension"),
) -> pd.DataFrame:
    """The one suppression decision per organisation (per wave and role) that every
    per-organisation table applies (see the module docstring).

    Parameters
    ----------
    responses : DataFrame
        The tidy ``responses`` table (``organisation``, ``respondent``, ``score`` and the
        ``levels`` columns it has).
    by : list of str, default ["role"]
        The table's group columns; of them ``wave`` and ``role`` (with ``organisation``) make a
        unit. The same responses and the same units give the same decision in every table.
    min_n : int, default 5
    levels : list of str, default ["statement", "dimension"]
        The levels at which per-organisation figures are published.

    Returns
    -------
    DataFrame
        One row per unit: its keys (``wave``, ``role`` when in ``by``; ``organisation``),
        ``n_respondents`` (the fewest people on any statement or dimension it answered),
        ``suppressed`` and ``secondary`` (hidden only so that others cannot be worked out).

    Examples
    --------
    Organisation A has 4 people, so it is hidden, and B, the smaller of the others, with it:

    >>> import pandas as pd
    >>> sizes = {"A": 4, "B": 6, "C": 7}
    >>> r = pd.DataFrame([{"role": "chef", "organisation": o, "respondent": f"{o}{i}",
    ...                    "statement": "S1", "dimension": "D", "score": 3.0}
    ...                   for o, n in sizes.items() for i in range(n)])
    >>> organisation_suppression(r)
       role organisation  n_respondents  suppressed  secondary
    0  chef            A              4        True      False
    1  chef            B              6        True       True
    2  chef            C              7       False      False
    """
    from maturity.stats.grouping import cached_codes, group, people  # stats imports this module

    min_n = check_min_n(min_n)
    keys = [c for c in ("wave", "role") if c in by and c in responses.columns]
    keys.append("organisation")
    scored = responses["score"].notna().to_numpy()
    cache: dict = {}
    units = group(responses, keys, cache)
    columns = []
    for level in (c for c in levels if c in responses.columns):
        # people per (unit, value of the level), every code of the level a column (an unused
        # one stays empty and changes nothing)
        values, n_values, _ = cached_codes(responses, level, cache)
        cells = units.codes * n_values + values
        n = people(responses, cells, units.size * n_values, scored, cache, columns=[*keys, level])
        columns.append(n.reshape(units.size, n_values).astype(float))
    counts = np.hstack(columns) if columns else np.zeros((units.size, 0))
    table = units.keys.copy()
    fewest = np.where(counts > 0, counts, np.inf).min(axis=1, initial=np.inf)
    table["n_respondents"] = np.where(np.isfinite(fewest), fewest, 0).astype(np.int64)
    hidden = table["n_respondents"].to_numpy() < min_n
    parents = group(table, keys[:-1]).codes if len(keys) > 1 else np.zeros(len(table), int)
    primary = hidden.copy()
    for parent in np.unique(parents):
        rows = np.flatnonzero(parents == parent)
        hidden[rows] = _fill(counts[rows], hidden[rows], table.iloc[rows], min_n)
    table["suppressed"] = hidden
    table["secondary"] = hidden & ~primary
    return table


def _fill(counts: np.ndarray, hidden: np.ndarray, keys: pd.DataFrame, min_n: int) -> np.ndarray:
    """Hide units (fewest people first, then name) until no cell holds 1 to min_n − 1 hidden
    people, where a unit that answered the cell can still be hidden."""
    hidden = hidden.copy()
    names = np.array([str(name) for name in keys["organisation"]], dtype=object)
    order = np.lexsort((names, keys["n_respondents"].to_numpy()))
    while True:
        total = counts[hidden].sum(axis=0)
        short = (total > 0) & (total < min_n)
        helps = ~hidden & (counts[:, short] > 0).any(axis=1)
        candidates = [k for k in order if helps[k]]
        if not short.any() or not candidates:
            return hidden
        hidden[candidates[0]] = True


def _secondary(table, hidden, n, min_n, group_columns, margins) -> np.ndarray:
    """Grow the suppressed set until every sibling set hides zero or >= min_n respondents."""
    hidden = hidden.copy()
    order = np.arange(len(table))
    changed = True
    while changed:
        changed = False
        for margin in margins:
            parent = [c for c in group_columns if c != margin]
            if parent:
                code = table.groupby(parent, sort=False, dropna=False, observed=True).ngroup()
                code = code.to_numpy()
            else:
                code = np.zeros(len(table), dtype=np.intp)
            hidden_n = np.bincount(code, weights=n * hidden)
            for parent_code in np.flatnonzero((hidden_n > 0) & (hidden_n < min_n)):
                rows = np.flatnonzero((code == parent_code) & ~hidden)
                total = hidden_n[parent_code]
                for row in rows[np.lexsort((order[rows], n[rows]))]:
                    if total >= min_n:
                        break
                    hidden[row] = True
                    total += n[row]
                    changed = True
    return hidden


@dataclass(frozen=True)
class SuppressionRatio:
    """How many published groups are suppressed: the one ratio every output reports.

    Attributes
    ----------
    groups : int
        Rows (groups) of the published tables that have a ``suppressed`` column.
    suppressed : int
        Of these, the suppressed rows: ``primary + secondary``.
    primary : int
        Suppressed because the group has fewer than ``min_n`` people.
    secondary : int
        Suppressed although large enough, so that a hidden group cannot be worked out from
        a total.
    per_table : DataFrame
        The same counts per table: ``table``, ``groups``, ``suppressed``, ``primary``,
        ``secondary``.
    """

    groups: int
    suppressed: int
    primary: int
    secondary: int
    per_table: pd.DataFrame

    def values(self) -> dict[str, int]:
        """The four counts by name (for a finding's numbers).

        Examples
        --------
        >>> suppression_ratio({}).values()
        {'groups': 0, 'suppressed': 0, 'primary': 0, 'secondary': 0}
        """
        return {
            "groups": self.groups,
            "suppressed": self.suppressed,
            "primary": self.primary,
            "secondary": self.secondary,
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """``{"suppression": per_table}``."""
        return {"suppression": self.per_table}


def _counts(table: pd.DataFrame, min_n: int) -> tuple[int, int, int]:
    """(groups, primary, secondary) of one table with a ``suppressed`` column."""
    hidden = table["suppressed"].fillna(False).to_numpy(dtype=bool)
    n_columns = [c for c in table.columns if str(c).startswith("n_respondents")]
    if n_columns:
        counts = table[n_columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        small = np.nan_to_num(counts.min(axis=1), nan=0.0) < min_n
    else:  # no count to judge by: every suppressed row counts as primary
        small = np.ones(len(table), dtype=bool)
    primary = int((hidden & small).sum())
    return len(table), primary, int(hidden.sum()) - primary


def suppression_ratio(
    tables: Mapping[str, pd.DataFrame], *, min_n: int = DEFAULT_MIN_N
) -> SuppressionRatio:
    """Count the suppressed groups of published tables, primary and secondary apart.

    Every table with a ``suppressed`` column counts, one group a row. A suppressed row is
    *primary* when one of its ``n_respondents…`` counts is below ``min_n`` (or it has no such
    count), otherwise *secondary*. The workbook's front sheet, ``summary.md`` and the
    suppression finding all report this ratio, computed over the same published tables.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The published tables by name.
    min_n : int, default 5
        The threshold the tables were suppressed with.

    Returns
    -------
    SuppressionRatio

    Examples
    --------
    >>> t = pd.DataFrame({"organisation": ["A", "B", "C"], "n_respondents": [1, 6, 9],
    ...                   "mean": [2.0, 3.5, 4.1]})
    >>> ratio = suppression_ratio({"t": suppress(t, margins=["organisation"])})
    >>> ratio.suppressed, ratio.groups, ratio.primary, ratio.secondary
    (2, 3, 1, 1)
    """
    min_n = check_min_n(min_n)
    rows = [
        (name, *_counts(table, min_n))
        for name, table in tables.items()
        if "suppressed" in table.columns
    ]
    per_table = pd.DataFrame(rows, columns=["table", "groups", "primary", "secondary"])
    per_table.insert(2, "suppressed", per_table["primary"] + per_table["secondary"])
    per_table = per_table.astype({c: np.int64 for c in per_table.columns[1:]})
    total = {c: int(per_table[c].sum()) for c in per_table.columns[1:]}
    return SuppressionRatio(**total, per_table=per_table)
