"""Report sections: each turns the raw workbooks of one kind into tables, figures and findings.

A section module exposes ``detect(book) -> bool`` (is this workbook of my kind?) and
``build(paths, *, lang="sv", min_n=5) -> Section``. :mod:`maturity.report` discovers the raw
workbooks, hands each section its files and writes what comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Finding", "Section"]


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
