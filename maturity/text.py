"""Every word a person reads, in Swedish and English, and the formatting of numbers beside it.

This is the only module that knows which language is which: figure titles, axis labels, legends,
sheet names, column headers, status/level/change values, findings, CLI and problem messages are
looked up here by a stable key, and numbers, percentages, amounts and dates are formatted here.
Everything else in the package works with English identifiers (the canonical values and column
names of the tidy tables) and translates only when something is shown.

Role names come from the codebook (its optional ``roles`` sheet), never from this module, so
nothing assumes roles called förvaltningschef or IT-chef.

Examples
--------
>>> word("figure.mean", "sv"), word("figure.mean", "en")
('Medelvärde', 'Mean')
>>> number(2.6, "sv"), number(-0.25, "en", digits=2), percent(0.723, "sv")
('2,6', '−0.25', '72\\xa0%')
>>> join(["Åmål", "Tanum", "Dals-Ed"], "sv")
'Åmål, Tanum och Dals-Ed'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

__all__ = [
    "LANGUAGES",
    "check_lang",
    "word",
    "has_word",
    "number",
    "percent",
    "amount_mkr",
    "date",
    "join",
    "quote",
    "translate_values",
    "catalogue",
    "WORDS",
]

#: The languages every word exists in; the first is the default.
LANGUAGES = ("sv", "en")

#: A missing number, as shown in tables, sentences and figures.
MISSING = "–"


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ValueError.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


# --------------------------------------------------------------------------------------------
# The catalogue: key -> {"sv": ..., "en": ...}. Keys are "<area>.<name>"; a word may hold
# str.format fields ("{n}"). Each area has its own table below, merged into WORDS at the end.
# --------------------------------------------------------------------------------------------

#: Words of the report: sheet names, column headers, the front sheet, summary.md, CLI lines.
_REPORT: dict[str, dict[str, str]] = {}

#: Words of the key findings (maturity.findings).
_FINDINGS: dict[str, dict[str, str]] = {}

#: Canonical values shown to people: statuses, risk levels, changes, problem kinds.
_VALUES: dict[str, dict[str, str]] = {}


#: Words of the figures (maturity.plots): titles, axis labels, legends, notes.
_FIGURES: dict[str, dict[str, str]] = {
    "figure.mean": {"sv": "Medelvärde", "en": "Mean"},
}


WORDS: dict[str, dict[str, str]] = {**_REPORT, **_FINDINGS, **_VALUES, **_FIGURES}


def has_word(key: str) -> bool:
    """Whether the catalogue has ``key``.

    Examples
    --------
    >>> has_word("figure.mean"), has_word("figure.nonsense")
    (True, False)
    """
    return key in WORDS


def word(key: str, lang: str, /, **fields: object) -> str:
    """The word or sentence ``key`` in ``lang``, with ``fields`` filled in.

    Raises KeyError for an unknown key, so a missing translation is found by the tests rather
    than shown to a reader.

    Examples
    --------
    >>> word("figure.mean", "en")
    'Mean'
    """
    text = WORDS[key][check_lang(lang)]
    return text.format(**fields) if fields else text


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


def number(value: float | None, lang: str, *, digits: int = 1) -> str:
    """A number with a decimal comma (Swedish) or point (English) and a true minus sign.

    Examples
    --------
    >>> number(2.6, "sv"), number(2.6, "en"), number(-0.25, "sv", digits=2), number(None, "sv")
    ('2,6', '2.6', '−0,25', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{value:.{digits}f}".replace("-", "−")
    return text.replace(".", ",") if check_lang(lang) == "sv" else text


def percent(share: float | None, lang: str, *, digits: int = 0) -> str:
    """A share (0–1) as a percentage: ``72 %`` with a no-break space in Swedish, ``72%`` in
    English.

    Examples
    --------
    >>> percent(0.72, "sv"), percent(0.72, "en"), percent(0.125, "sv", digits=1)
    ('72\\xa0%', '72%', '12,5\\xa0%')
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return MISSING
    value = number(100 * share, lang, digits=digits)
    return f"{value}\u00a0%" if lang == "sv" else f"{value}%"


def amount_mkr(value: float | None, lang: str, *, digits: int = 1) -> str:
    """An amount in millions of kronor: ``2,5 Mkr`` in Swedish, ``SEK 2.5m`` in English.

    Examples
    --------
    >>> amount_mkr(2.5, "sv"), amount_mkr(2.5, "en")
    ('2,5 Mkr', 'SEK 2.5m')
    """
    text = number(value, lang, digits=digits)
    return f"{text} Mkr" if check_lang(lang) == "sv" else f"SEK {text}m"


def date(value: object, lang: str) -> str:
    """A date as people read it: ISO ``2024-03-05`` in both languages (the Swedish standard).

    Examples
    --------
    >>> import datetime
    >>> date(datetime.date(2024, 3, 5), "sv")
    '2024-03-05'
    """
    check_lang(lang)
    if value is None:
        return MISSING
    return f"{value:%Y-%m-%d}"


def join(items: Iterable[str], lang: str) -> str:
    """Items joined as in a sentence: commas, and *och* / *and* before the last.

    Examples
    --------
    >>> join(["Åmål", "Tanum", "Dals-Ed"], "sv"), join(["A", "B"], "en"), join(["A"], "sv")
    ('Åmål, Tanum och Dals-Ed', 'A and B', 'A')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " och " if check_lang(lang) == "sv" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def quote(text: str, lang: str) -> str:
    """Text in the language's quotation marks: ”…” in Swedish, “…” in English.

    Examples
    --------
    >>> quote("Vi mäter effekter", "sv")
    '”Vi mäter effekter”'
    """
    return f"”{text}”" if check_lang(lang) == "sv" else f"“{text}”"


def translate_values(values: Iterable[object], area: str, lang: str) -> list[object]:
    """Canonical values shown in ``lang``: each ``v`` becomes ``word(f"{area}.{v}")`` where the
    catalogue has it, and stays as it is otherwise.

    Examples
    --------
    >>> translate_values(["mean", "other"], "figure", "sv")
    ['Medelvärde', 'other']
    """
    return [word(f"{area}.{v}", lang) if has_word(f"{area}.{v}") else v for v in values]


def catalogue(lang: str) -> Mapping[str, str]:
    """Every key with its word in ``lang`` (for tests and for checking a translation).

    Examples
    --------
    >>> catalogue("en")["figure.mean"]
    'Mean'
    """
    check_lang(lang)
    return {key: words[lang] for key, words in WORDS.items()}
