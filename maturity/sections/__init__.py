"""Report sections: each turns the raw workbooks of one kind into tables, figures and findings.

A section module exposes ``detect(book) -> bool`` (is this workbook of my kind?) and
``build(paths, *, lang="sv", min_n=5) -> Section``. :mod:`maturity.report` discovers the raw
workbooks, hands each section its files and writes what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from maturity.errors import InputError
from maturity.io.opener import Sheet, Workbook

__all__ = ["Finding", "Section", "join_words", "readable_sheets"]


@dataclass(frozen=True)
class Finding:
    """One key finding: a sentence for people and the numbers behind it.

    Attributes
    ----------
    topic : str
        Section it belongs to, e.g. ``"survey"``, ``"capability"``, ``"risk"``, ``"actionplan"``.
    key : str
        Stable machine name, e.g. ``"lowest_statement"``.
    sentence : str
        The sentence, every number in it taken from ``values`` (decimal comma in Swedish).
    values : dict
        The numbers and names the sentence states, as they come from a table.
    """

    topic: str
    key: str
    sentence: str
    values: dict = field(default_factory=dict)


@dataclass
class Section:
    """What one section contributes to the report.

    Attributes
    ----------
    name : str
        Short name, e.g. ``"capability"``.
    tables : dict of str to DataFrame
        Tidy tables, written to ``data/processed/<name>.csv`` and as workbook sheets.
    figures : dict of str to callable
        Figure name → function that draws it and returns a matplotlib Figure (drawn lazily, so
        the report can render in parallel and skip what has not changed).
    problems : DataFrame
        The problem log of the section's readers (``source, kind, value, message``).
    findings : list of Finding
    counts : dict
        ``files``, ``cells_read``, ``accepted``, ``problems`` for the run summary.
    context : dict
        Anything later sections may use (e.g. ``organisations``, the alias table).
    """

    name: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict[str, Callable] = field(default_factory=dict)
    problems: pd.DataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    context: dict = field(default_factory=dict)


def join_words(items: list[str], lang: str) -> str:
    """Items joined as in a sentence: commas, and *och* (Swedish) or *and* before the last.

    Examples
    --------
    >>> join_words(["Åmål", "Tanum", "Dals-Ed"], "sv"), join_words(["A", "B"], "en")
    ('Åmål, Tanum och Dals-Ed', 'A and B')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" och " if lang == "sv" else " and ") + items[-1]


def readable_sheets(book: Workbook) -> Iterator[Sheet]:
    """The sheets of a workbook that can be read, for ``detect``; the others are skipped.

    Parameters
    ----------
    book : Workbook

    Yields
    ------
    Sheet
    """
    for name in book.sheet_names:
        try:
            sheet = book.sheet(name)
        except InputError:
            continue
        yield sheet
