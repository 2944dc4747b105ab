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

__all__ = ["suppress", "check_min_n", "DEFAULT_MIN_N", "SuppressionRatio", "suppression_ratio"]

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
    if margins and hidden.any():
        hidden = _secondary(out, hidden, n, min_n, group_columns, margins)

    for column in stat_columns:
        values = out[column]
        if pd.api.types.is_integer_dtype(values) and not isinstance(values.dtype, pd.Int64Dtype):
            values = values.astype("Int64")
        out[column] = values.mask(hidden)
    out["suppressed"] = hidden
    return out


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
