"""Argument checks and small helpers shared by the statistics modules.

Examples
--------
>>> as_list("role"), as_list(["role", "statement"]), as_list(None)
(['role'], ['role', 'statement'], [])
>>> scale_limits(None, (1, 5))
(1.0, 5.0)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from maturity.codebook import Codebook

__all__ = [
    "as_list",
    "require",
    "scale_limits",
    "midpoint_of",
    "checked_scores",
    "add_text",
    "pooled_waves",
]


def as_list(columns: str | Sequence[str] | None) -> list[str]:
    """A column argument as a list: one name, several names or ``None`` (no columns).

    Examples
    --------
    >>> as_list(("wave", "role"))
    ['wave', 'role']
    """
    if columns is None:
        return []
    return [columns] if isinstance(columns, str) else list(columns)


def require(frame: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    """Raise ValueError naming the columns of ``columns`` that ``frame`` lacks.

    Examples
    --------
    >>> require(pd.DataFrame({"role": []}), ["role", "score"], "describe")
    Traceback (most recent call last):
    ...
    ValueError: describe: responses has no column(s) ['score']
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{where}: responses has no column(s) {missing}")


def scale_limits(codebook: Codebook | None, scale: tuple[float, float]) -> tuple[float, float]:
    """The scale (low, high): the codebook's when given, else ``scale`` (checked).

    Examples
    --------
    >>> scale_limits(None, (0, 10))
    (0.0, 10.0)
    """
    if codebook is not None:
        return float(codebook.scale_min), float(codebook.scale_max)
    lo, hi = scale
    if not lo < hi:
        raise ValueError(f"scale must be (low, high) with low < high, got {scale!r}")
    return float(lo), float(hi)


def midpoint_of(
    codebook: Codebook | None, midpoint: float | None, scale: tuple[float, float]
) -> float:
    """The midpoint to test against: ``midpoint`` if given, else the codebook's, else the
    middle of ``scale``.

    Examples
    --------
    >>> midpoint_of(None, None, (1, 5)), midpoint_of(None, 2.5, (1, 5))
    (3.0, 2.5)
    """
    if midpoint is not None:
        return float(midpoint)
    lo, hi = scale_limits(codebook, scale)
    return codebook.midpoint if codebook is not None else (lo + hi) / 2


def checked_scores(frame: pd.DataFrame, lo: float, hi: float) -> np.ndarray:
    """The ``score`` column as floats (missing -> NaN); an error when one lies off the scale.

    Examples
    --------
    >>> checked_scores(pd.DataFrame({"score": [1, None, 5]}), 1, 5).tolist()
    [1.0, nan, 5.0]
    """
    score = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = (score < lo) | (score > hi)
    if bad.any():
        raise ValueError(
            f"score {score[bad][0]:g} lies outside the scale {lo:g}–{hi:g}; "
            "pass codebook= or scale= matching the data"
        )
    return score


def add_text(
    table: pd.DataFrame, codebook: Codebook | None, column: str = "statement", name: str = "text"
) -> pd.DataFrame:
    """Insert the codebook's statement text as column ``name`` right after ``column``.

    Nothing happens without a codebook or without ``column`` in ``table``.

    Examples
    --------
    >>> t = pd.DataFrame({"statement": ["S1"]})
    >>> add_text(t, None).columns.tolist()
    ['statement']
    """
    if codebook is None or column not in table.columns:
        return table
    texts = codebook.statement_texts()
    texts = dict(zip(texts.index.astype(str), texts.astype(str), strict=False))
    values = table[column].astype(object).map(lambda s: texts.get(str(s), np.nan))
    table.insert(table.columns.get_loc(column) + 1, name, values.astype(object))
    return table


def pooled_waves(
    frame: pd.DataFrame, by: Sequence[str], pool_waves: bool, where: str
) -> list | None:
    """The waves a table grouped by ``by`` would pool, or None when it pools none.

    Waves are never pooled silently: when ``frame`` holds several waves and ``wave`` is not
    in ``by``, this is an error naming the waves unless ``pool_waves=True``. With
    ``pool_waves=True`` the waves of the data are returned (also for a single wave), and the
    caller adds a ``waves`` column saying what each row pools.

    Examples
    --------
    >>> r = pd.DataFrame({"wave": [2020, 2022], "role": "chef"})
    >>> pooled_waves(r, ["wave", "role"], False, "describe") is None
    True
    >>> pooled_waves(r, ["role"], True, "describe")
    [2020, 2022]
    >>> pooled_waves(r, ["role"], False, "describe")
    Traceback (most recent call last):
    ...
    ValueError: describe: responses holds waves 2020, 2022 and 'wave' is not in by; add 'wave' to by, select one wave (e.g. responses[responses['wave'] == 2022]) or pass pool_waves=True
    """
    if "wave" not in frame.columns or "wave" in by:
        return None
    column = frame["wave"]
    values = column.to_numpy() if column.dtype.kind in "iu" else None
    if values is not None and len(values) and values.min() == values.max():
        waves = [values[0].item()]  # one survey round: no hashing of every row
    else:
        waves = sorted(column.dropna().unique().tolist())
    if pool_waves:
        return waves
    if len(waves) > 1:
        raise ValueError(
            f"{where}: responses holds waves {', '.join(map(str, waves))} and 'wave' is not in "
            "by; add 'wave' to by, select one wave (e.g. responses[responses['wave'] == "
            f"{waves[-1]!r}]) or pass pool_waves=True"
        )
    return None
