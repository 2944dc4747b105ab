"""Reading values the way people type them in Swedish spreadsheets.

Small, pure helpers shared by every reader: text normalisation for matching headers and labels,
numbers with decimal comma and spaces, yes/no in Swedish or English.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np

__all__ = ["normalise", "parse_number", "parse_yes_no", "is_blank", "blank_texts", "as_text"]

_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.,;:!?…*]+$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")


#: Characters written alike by different tools: curly quotes, primes and dashes become the
#: plain ones; zero-width characters and the byte-order mark disappear.
_ALIKE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    }
)


def normalise(text: object) -> str:
    """Key for tolerant matching: case-folded, whitespace collapsed, trailing punctuation cut.

    Line breaks, non-breaking and zero-width spaces and doubled spaces count as one space (or
    none); Unicode is normalised (NFKC) so that a decomposed "å" matches a composed one;
    curly quotes (’ “ ”) match straight ones and every dash (– — −) matches "-".

    Examples
    --------
    >>> normalise("  Vi MÄTER\\neffekten  av   investeringar. ")
    'vi mäter effekten av investeringar'
    >>> normalise("IT\\u2019s \\u201dplan\\u201d \\u2013 nu\\u200b") == normalise("it's \\"plan\\" - nu")
    True
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_ALIKE)
    return _TRAILING.sub("", _SPACES.sub(" ", text).strip()).casefold()


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, or text of only whitespace.

    Examples
    --------
    >>> is_blank(""), is_blank("  "), is_blank(None), is_blank(0), is_blank(float("nan"))
    (True, True, True, False, True)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


#: Every character ``str.isspace`` calls whitespace (what ``str.strip`` removes).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def blank_texts(texts) -> np.ndarray:
    """:func:`is_blank` of every value of an Arrow string array, as a boolean array.

    Only values that start with whitespace (or are empty or null) can be blank: those are
    found in one pass (Arrow, in C++) and judged by :func:`is_blank`; the rest are not blank.

    Examples
    --------
    >>> import pyarrow as pa
    >>> blank_texts(pa.array(["Vet ej", " ", None, "", "\\u3000\\t", " 4"])).tolist()
    [False, True, True, True, True, False]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    first = pc.utf8_slice_codeunits(pc.fill_null(texts, ""), 0, 1)
    could = pc.or_(pc.is_in(first, value_set=pa.array(list(WHITESPACE))), pc.equal(first, ""))
    out = np.zeros(len(texts), dtype=bool)
    for k in np.flatnonzero(could.to_numpy(zero_copy_only=False)).tolist():
        out[k] = is_blank(texts[k].as_py())
    return out


def as_text(value: object) -> str:
    """A cell as it would read in the sheet: 4.0 becomes "4", None becomes "".

    Examples
    --------
    >>> as_text(4.0), as_text(4.5), as_text(None), as_text(" Vet ej ")
    ('4', '4.5', '', ' Vet ej ')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def parse_number(value: object) -> float | None:
    """A number from a cell, or None when the cell is not a number.

    Accepts numbers, and text such as ``"4"``, ``" 4 "``, ``"4,0"``, ``"4.0"``,
    ``"1 234,5"`` (space or non-breaking space as thousands separator). Booleans are not numbers.

    Examples
    --------
    >>> parse_number("4,0"), parse_number(" 4 "), parse_number(3), parse_number("1 234,5")
    (4.0, 4.0, 3.0, 1234.5)
    >>> parse_number("Vet ej") is None, parse_number(True) is None
    (True, True)
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.replace("−", "-")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


_YES = {"ja", "j", "yes", "y", "x", "sant", "true", "1"}
_NO = {"nej", "n", "no", "falskt", "false", "0"}


def parse_yes_no(value: object) -> bool | None:
    """Swedish or English yes/no (ja/nej, yes/no, x, 1/0, TRUE/FALSE); None when unreadable.

    Blank counts as no.

    Examples
    --------
    >>> parse_yes_no("Ja"), parse_yes_no("nej"), parse_yes_no(""), parse_yes_no(True)
    (True, False, False, True)
    >>> parse_yes_no("kanske") is None
    True
    """
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return False
    key = normalise(as_text(value))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None
