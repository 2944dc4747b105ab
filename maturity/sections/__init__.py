"""Report stages: each turns the raw workbooks of one kind into tables, figures and findings.

A stage module exposes ``build(paths, *, ...) -> Section`` with keyword-only options (the
report's :data:`maturity.report.stages.STAGES` table says which), and a ``<kind>_section``
function that makes the same section from what a reader returned (for notebooks).
:mod:`maturity.report` discovers the raw workbooks, hands each stage its files and writes what
comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from maturity.findings.finding import Finding
from maturity.plots.spec import FigureSpec

__all__ = ["Section", "read_parts"]


@dataclass
class Section:
    """What one stage contributes to the report.

    Attributes
    ----------
    name : str
        Short name, e.g. ``"capability"``.
    tables : dict of str to DataFrame
        Tidy tables, written to ``data/processed/<name>.csv`` and (unless unpublished) as
        workbook sheets.
    figures : dict of str to FigureSpec
        Figure name → picklable specification that draws it (drawn lazily, so the report can
        render in parallel and skip what has not changed).
    problems : DataFrame
        The problem log of the stage's readers (``source, kind, value, message``), messages in
        English: the machine table written to ``data/processed/problems.csv``.
    findings : list of Finding
    counts : dict
        ``files``, ``cells_read``, ``accepted``, ``problems`` for the run summary.
    unpublished : frozenset of str
        Tables written as CSV only, never shown in the workbook (e.g. the raw ``responses``).
    report_problems : DataFrame, optional
        The same problems with their messages in the report language (the reader result's
        ``problems_in(lang)``), shown on the report workbook's problem sheet; None: ``problems``.

    Examples
    --------
    >>> Section("risk").tables
    {}
    """

    name: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    figures: dict[str, FigureSpec] = field(default_factory=dict)
    problems: pd.DataFrame | None = None
    findings: list[Finding] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    unpublished: frozenset[str] = frozenset()
    report_problems: pd.DataFrame | None = None

    def published(self) -> dict[str, pd.DataFrame]:
        """The tables shown in the report workbook (all but the unpublished ones).

        Examples
        --------
        >>> s = Section("x", {"a": pd.DataFrame(), "b": pd.DataFrame()}, unpublished={"a"})
        >>> list(s.published())
        ['b']
        """
        return {name: t for name, t in self.tables.items() if name not in self.unpublished}


def read_parts(read, *, accepted: int, files: int, lang: str) -> dict:
    """The fields of a :class:`Section` that come from what a reader returned: its problems
    (English, and in the report language) and the run-summary counts.

    Parameters
    ----------
    read : Survey, CapabilityMap, RiskRegister or ActionPlan
        Anything with ``problems``, ``problems_in(lang)`` and ``cells_read``.
    accepted : int
        How many cells the reader accepted.
    files : int
        How many files it was read from.
    lang : {"sv", "en"}

    Returns
    -------
    dict
        ``problems``, ``report_problems`` and ``counts``, to pass to :class:`Section`.

    Examples
    --------
    >>> import maturity as mt
    >>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")  # doctest: +SKIP
    >>> Section("actionplan", **read_parts(plan, accepted=plan.cells_accepted, files=1,
    ...                                     lang="sv")).counts      # doctest: +SKIP
    {'files': 1, 'cells_read': 246, 'accepted': 246, 'problems': 0}
    """
    return {
        "problems": read.problems,
        "report_problems": read.problems_in(lang),
        "counts": {
            "files": files,
            "cells_read": read.cells_read,
            "accepted": accepted,
            "problems": len(read.problems),
        },
    }
