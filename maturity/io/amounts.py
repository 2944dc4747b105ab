"""Amounts in Swedish kronor as people type them: "5 000 000", "5 Mkr", "250 tkr", "1,5 MSEK".

Two small, pure helpers used by the action-plan reader and its findings:
:func:`parse_amount` reads a cell into kronor (showing amounts is :func:`maturity.text.amount_mkr`'s job).

Kronor typed under a ``tkr`` header
-----------------------------------
A plain number of 100 000 or more under a tkr or Mkr header is kronor in the wrong unit (the
action-plan reader asks about it). Below that, a single number cannot tell: 45 000 under
"Budget (tkr)" is 45 Mkr or a slip for 45 000 kr. So the column decides (:func:`column_unit`,
:func:`kronor_by_magnitude`): under a tkr header a plain number of at least
:data:`MAGNITUDE_FLOOR` (10 000 tkr = 10 Mkr) that is :data:`MAGNITUDE_RATIO` (100) times the
lower median of the column's plain numbers or more (with at least three of them) is asked about the
same way. A column typed in kronor throughout is not caught this way below 100 000 (its median
is in kronor too); its larger values are.
"""

from __future__ import annotations

import re

from maturity.io.values import normalise, parse_number

__all__ = [
    "UNITS",
    "ColumnUnit",
    "column_unit",
    "kronor_by_magnitude",
    "parse_amount",
    "unit_factor",
]

#: Unit words (normalised, without spaces or dots) and the kronor they stand for.
UNITS: dict[str, float] = {
    "": 1.0,
    "kr": 1.0,
    "kronor": 1.0,
    "sek": 1.0,
    ":-": 1.0,
    "tkr": 1e3,
    "tsek": 1e3,
    "ksek": 1e3,
    "k": 1e3,
    "tusenkronor": 1e3,
    "mkr": 1e6,
    "mnkr": 1e6,
    "mn": 1e6,
    "milj": 1e6,
    "miljkr": 1e6,
    "miljon": 1e6,
    "miljoner": 1e6,
    "miljonerkronor": 1e6,
    "miljonkronor": 1e6,
    "msek": 1e6,
    "mio": 1e6,
    "m": 1e6,
    "mdkr": 1e9,
    "mdr": 1e9,
    "miljard": 1e9,
    "miljarder": 1e9,
}

_AMOUNT = re.compile(r"^(?P<number>[+\-−]?[\d\s\u00a0\u202f.,]*\d[\d.,]*)\s*(?P<unit>.*)$")


def unit_factor(text: object) -> float | None:
    """Kronor per unit for a unit word ("tkr" → 1000, "Mkr" → 1e6), None when unknown.

    Spaces, dots and case are ignored, so "mn kr", "Mn.kr" and "MNKR" are the same unit.

    Examples
    --------
    >>> unit_factor("tkr"), unit_factor("Mn kr"), unit_factor("kr"), unit_factor("euro") is None
    (1000.0, 1000000.0, 1.0, True)
    """
    key = normalise(text).replace(" ", "").replace(".", "")
    if key.endswith(":-") and key != ":-":
        key = key[:-2]
    return UNITS.get(key)


def parse_amount(value: object, *, factor: float = 1.0) -> float | None:
    """An amount in kronor from a cell, or None when it cannot be read.

    Numbers are taken as they are, times ``factor`` (the unit of the column, e.g. 1000 for a
    column headed "Budget (tkr)"). Text may carry a unit after the number: "kr", "SEK", ":-",
    "tkr"/"ksek" (thousands), "Mkr"/"mnkr"/"MSEK"/"miljoner" (millions), "mdkr" (billions);
    a text without a unit is taken in the column's unit. Thousands may be separated by spaces
    (also non-breaking); the decimal separator is a comma or a point. A blank cell is None.

    Parameters
    ----------
    value : object
        The cell.
    factor : float
        Kronor per unit for plain numbers (the column's unit).

    Returns
    -------
    float or None
        Kronor. Negative amounts are returned as they are (the caller decides).

    Examples
    --------
    >>> parse_amount("5 000 000"), parse_amount("5 Mkr"), parse_amount("5,0 mnkr")
    (5000000.0, 5000000.0, 5000000.0)
    >>> parse_amount("250 tkr"), parse_amount("1,5 MSEK"), parse_amount("12 500 kr")
    (250000.0, 1500000.0, 12500.0)
    >>> parse_amount(250, factor=1000), parse_amount("ca 5 Mkr") is None
    (250000.0, True)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = parse_number(value)
        return None if number is None else number * factor
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
    match = _AMOUNT.match(text)
    if not match:
        return None
    number = parse_number(match.group("number").strip())
    if number is None:
        # "5.000.000" (points as thousands separators)
        digits = match.group("number").strip()
        if re.fullmatch(r"[+\-−]?\d{1,3}(?:\.\d{3})+", digits):
            number = parse_number(digits.replace(".", ""))
    if number is None:
        return None
    unit = match.group("unit").strip()
    if not unit:
        return number * factor
    scale = unit_factor(unit)
    if scale is None:
        return None
    return number * scale


#: Under a tkr header, a plain number at least this large ...
MAGNITUDE_FLOOR = 1e4
#: ... and at least this many times the column's median plain number is kronor in the wrong unit.
MAGNITUDE_RATIO = 100.0


class ColumnUnit(float):
    """Kronor per unit of an amount column (a float), carrying ``typical``: the (lower) median
    of the column's plain non-zero numbers (None with fewer than three)."""

    typical: float | None = None


def _plain(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def column_unit(factor: float, values) -> ColumnUnit:
    """The unit of a column with the typical size of its plain numbers.

    Parameters
    ----------
    factor : float
        Kronor per unit of the column's header (1000 for "Budget (tkr)").
    values : iterable
        The column's cells.

    Examples
    --------
    >>> unit = column_unit(1000.0, [250, 400, "5 Mkr", None, 1200, 45000])
    >>> float(unit), unit.typical
    (1000.0, 400.0)
    """
    plain = sorted(abs(float(v)) for v in values if _plain(v) and abs(v) < float("inf") and v)
    unit = ColumnUnit(factor)
    if len(plain) >= 3:
        unit.typical = plain[(len(plain) - 1) // 2]  # the lower median
    return unit


def kronor_by_magnitude(value: object, unit: float) -> bool:
    """Whether a plain number under a tkr header is, by its size against the column, kronor
    typed in the wrong unit (see the module docstring).

    Examples
    --------
    >>> unit = column_unit(1000.0, [250, 400, 1200, 45000])
    >>> kronor_by_magnitude(45000, unit), kronor_by_magnitude(1200, unit)
    (True, False)
    >>> kronor_by_magnitude(45000, column_unit(1000.0, [30000, 45000, 52000]))
    False
    """
    typical = getattr(unit, "typical", None)
    if not _plain(value) or unit != 1e3 or typical is None:
        return False
    return abs(value) >= MAGNITUDE_FLOOR and abs(value) >= MAGNITUDE_RATIO * typical
