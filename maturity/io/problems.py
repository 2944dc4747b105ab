"""The problem log: every cell that could not be accepted, with where and why.

The log is a tidy table with the columns ``source`` (``file:sheet:cell``), ``kind`` (a short
machine-readable reason, see :data:`PROBLEM_KINDS`), ``value`` (the raw cell as text) and
``message`` (a sentence for people). In strict mode the first problem raises
:class:`~maturity.errors.InputError` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from maturity.errors import InputError

__all__ = ["PROBLEM_COLUMNS", "PROBLEM_KINDS", "ProblemLog", "cell_name", "column_letter"]

PROBLEM_COLUMNS = ["source", "kind", "value", "message"]

#: The kinds of problem the readers report, with a description of each.
PROBLEM_KINDS: dict[str, str] = {
    "out_of_scale": "a number outside the answer scale",
    "unknown_label": "a text answer that is no label of the scale",
    "unknown_statement": "a column header that matches no statement of the codebook",
    "unknown_organisation": "an organisation that is neither in the codebook nor an alias",
    "unknown_role": "a role that no statement of the codebook is asked of",
    "role_mismatch": "an answer to a statement that is not asked of the respondent's role",
    "duplicate_respondent": "a respondent that appears more than once",
    "missing_column": "a required column is missing",
    "missing_value": "a required value (organisation, role, respondent) is empty",
    "empty_sheet": "a sheet with no data",
    "empty_file": "a workbook with no data",
    "formula_without_value": "a formula saved without its computed value",
    "stray_cell": "a cell far outside the data block",
    "invalid_value": "a value that cannot be read as the expected type",
    "duplicate": "a value that must be unique appears twice",
    "wrong_score": "a typed value that disagrees with the one computed from its parts",
    "unknown_status": "an activity status that is not in the status vocabulary",
    "negative_amount": "a negative budget, outcome (Utfall) or allocation (Anslag)",
    "spent_without_budget": "an outcome (Utfall) on an activity without a budget",
}


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a zero-based column index.

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A1-style name of a zero-based (row, column) position.

    Examples
    --------
    >>> cell_name(0, 0), cell_name(9, 27)
    ('A1', 'AB10')
    """
    return f"{column_letter(col)}{row + 1}"


@dataclass
class ProblemLog:
    """Collects problems; raises at the first one when ``strict``.

    Examples
    --------
    >>> log = ProblemLog()
    >>> log.add("a.xlsx:Svar:D4", "out_of_scale", 7, "7 is outside the scale 1-5")
    >>> log.to_frame()[["source", "kind", "value"]].to_dict("records")
    [{'source': 'a.xlsx:Svar:D4', 'kind': 'out_of_scale', 'value': '7'}]
    """

    strict: bool = False
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, source: str, kind: str, value: object, message: str) -> None:
        """Record one problem (or raise it, in strict mode)."""
        text = "" if value is None else str(value)
        if self.strict:
            parts = source.split(":")
            file = parts[0] if parts else None
            sheet = parts[1] if len(parts) > 1 else None
            cell = ":".join(parts[2:]) if len(parts) > 2 else None
            raise InputError(message, file=file, sheet=sheet, cell=cell)
        self.rows.append((source, kind, text, message))

    def extend(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Record many problems given as ``(source, kind, value, message)`` tuples."""
        if self.strict and rows:
            self.add(*rows[0])
        self.rows.extend((s, k, "" if v is None else str(v), m) for s, k, v, m in rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self) -> pd.DataFrame:
        """The problems as a tidy table with the columns of :data:`PROBLEM_COLUMNS`."""
        frame = pd.DataFrame(self.rows, columns=PROBLEM_COLUMNS, dtype=object)
        return frame.astype({"source": str, "kind": str, "value": str, "message": str})
