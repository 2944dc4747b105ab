"""Shared pieces of the readers of hand-made register workbooks (risk register, action plan).

Such a workbook has, on each sheet, a header row somewhere in its first rows (title rows above
it), then one row per record. The helpers here find that header row by column aliases, walk
the data rows below it, and count every checked cell's verdict for the invariant
``cells_read == cells_accepted + n`` (``n``: the problems whose kind is not in
:data:`SHEET_KINDS`).

Examples
--------
>>> workbook_paths(["a.xlsx", "b.xlsx"])
[PosixPath('a.xlsx'), PosixPath('b.xlsx')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from maturity.io.opener import Sheet, Workbook
from maturity.io.problems import ProblemLog
from maturity.io.values import as_text, is_blank

__all__ = [
    "HEADER_SEARCH_ROWS",
    "SHEET_KINDS",
    "CellTally",
    "workbook_paths",
    "find_header",
    "data_rows",
    "filled_sheets",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 20

#: Problem kinds reported once per sheet, which count no cell.
SHEET_KINDS = frozenset({"empty_sheet", "missing_column", "empty_file"})

#: What stands in round or square brackets in a header: "Budget (tkr)" → "tkr".
BRACKETS = re.compile(r"[(\[]([^)\]]*)[)\]]")


def workbook_paths(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The workbooks named by ``source``: a file, a folder (its .xlsx/.xlsm files, sorted,
    Excel's ``~$`` lock files skipped) or a list of either.

    Examples
    --------
    >>> workbook_paths("data/raw/enkat_2022")  # doctest: +SKIP
    [PosixPath('data/raw/enkat_2022/Bengtsfors.xlsx'), ...]
    """
    if isinstance(source, str | Path):
        source = [source]
    files: list[Path] = []
    for item in source:
        item = Path(item)
        if item.is_dir():
            files.extend(
                p
                for p in sorted(item.iterdir())
                if p.suffix.lower() in {".xlsx", ".xlsm"} and not p.name.startswith("~$")
            )
        else:
            files.append(item)
    return files


class CellTally:
    """Counts every verdict on a checked cell and logs the problems.

    Parameters
    ----------
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of logging it.

    Attributes
    ----------
    log : ProblemLog
    read, accepted : int
        Cells checked and cells accepted.
    """

    def __init__(self, strict: bool) -> None:
        self.log = ProblemLog(strict=strict)
        self.read = 0
        self.accepted = 0

    def accept(self) -> None:
        """Count one cell read and accepted."""
        self.read += 1
        self.accepted += 1

    def problem(self, source: str, kind: str, value: object, message: str) -> None:
        """Count one cell read and log its problem."""
        self.read += 1
        self.log.add(source, kind, as_text(value), message)

    def sheet_problem(self, source: str, kind: str, message: str, value: object = "") -> None:
        """Log a problem of a whole sheet or file (one of :data:`SHEET_KINDS`); counts no cell."""
        self.log.add(source, kind, as_text(value), message)

    def formula_without_value(self, sheet: Sheet, r: int, c: int, what: str) -> bool:
        """True (and the problem logged) when the cell is a formula saved without its value."""
        if (r, c) in sheet.formula_cells:
            self.problem(
                sheet.source(r, c),
                "formula_without_value",
                "",
                f"{what} is a formula saved without its value (written by a script?); open the "
                "file in Excel and save it so that the value is stored",
            )
            return True
        return False


def filled_sheets(book: Workbook, tally: CellTally) -> Iterator[Sheet]:
    """The sheets of a workbook that hold anything; an empty workbook or sheet is logged.

    Parameters
    ----------
    book : Workbook
    tally : CellTally
        Gets an ``empty_file`` or ``empty_sheet`` problem for what is not yielded.

    Yields
    ------
    Sheet
    """
    if not book.sheet_names:
        tally.sheet_problem(book.name, "empty_file", "the workbook has no worksheets")
    for name in book.sheet_names:
        sheet = book.sheet(name)
        if sheet.is_empty():
            tally.sheet_problem(f"{book.name}:{name}", "empty_sheet", "the sheet is empty")
            continue
        yield sheet


def find_header(
    sheet: Sheet,
    field_of: Callable[[object], str | None],
    is_complete: Callable[[dict[str, int]], bool],
    limit: int = HEADER_SEARCH_ROWS,
) -> tuple[int | None, dict[str, int], list[tuple[str, int]]]:
    """The first row, of the first ``limit``, whose header cells name a complete set of fields.

    Parameters
    ----------
    sheet : Sheet
    field_of : callable
        The field a header cell names, or None.
    is_complete : callable
        Given ``{field: column}`` of a row, True when the row is the header row.
    limit : int
        How many rows from the top are searched.

    Returns
    -------
    tuple
        ``(row, {field: column}, [(field, column) of a repeated field])``, the first column
        of a field winning; ``(None, {}, [])`` when no row is complete.

    Examples
    --------
    >>> sheet = Sheet("f.xlsx", "Blad1", [["Rapport"], ["Id", "Namn", "id"], ["1", "A", "2"]])
    >>> find_header(sheet, lambda v: str(v).lower() or None, lambda cols: "id" in cols)
    (1, {'id': 0, 'namn': 1}, [('id', 2)])
    """
    for r in range(min(limit, sheet.n_rows)):
        columns: dict[str, int] = {}
        duplicates = []
        for c, value in enumerate(sheet.rows[r]):
            name = field_of(value)
            if name is None:
                continue
            if name in columns:
                duplicates.append((name, c))
            else:
                columns[name] = c
        if is_complete(columns):
            return r, columns, duplicates
    return None, {}, []


def data_rows(sheet: Sheet, header: int, columns: Iterable[int]) -> Iterator[int]:
    """The rows below ``header`` with a value (or a formula without one) in any of ``columns``.

    Examples
    --------
    >>> sheet = Sheet("f.xlsx", "Blad1", [["ID", "Hot"], ["R1", ""], ["", ""], ["", "x"]])
    >>> list(data_rows(sheet, 0, [0, 1])), list(data_rows(sheet, 0, [0]))
    ([1, 3], [1])
    """
    columns = tuple(columns)
    for r in range(header + 1, sheet.n_rows):
        if any((r, c) in sheet.formula_cells or not is_blank(sheet.value(r, c)) for c in columns):
            yield r
