"""Delimited text (``.csv``, ``.tsv``, ``.txt``) and SPSS (``.sav``) exports as one-sheet workbooks.

Survey tools export CSV and SPSS besides Excel: Google Forms' own download is a CSV, Swedish
Excel saves semicolon-separated cp1252 text with decimal commas, and the Swedish survey tools
write ``.sav``. These files go through the same guarded door as a workbook
(:func:`maturity.io.opener.open_workbook`) and come out as a :class:`TextWorkbook`: a
:class:`~maturity.io.opener.Workbook` with one sheet named after the file (its stem), so every
reader and :func:`~maturity.io.discover.discover` read them unchanged, cells are named
``file:sheet:cell`` Excel-style (``svar.csv:svar:C7`` is row 7, column C) and the reading
invariant holds as for any workbook.

Delimited text
    The encoding (UTF-8 with or without a byte-order mark, UTF-16 with one, else cp1252), the
    delimiter (``,`` ``;`` tab, or Excel's ``sep=;`` first line) and the decimal mark (a comma
    when the numbers are written so) are detected, or set with :class:`TextOptions`. A cell is a
    number when it is written as one (``4``, ``-2``, ``3,5`` with a decimal comma); everything
    else stays text exactly as written (``007`` and ``2024-03-01`` too).
SPSS
    Read with pyreadstat. A value with a value label reads as its label ("Instämmer helt",
    "Vet ej" — user-defined missing codes included), so the answer labels are those of the
    export; the header is the variable label (the question text), or the variable name when it
    has none. The labels are kept on the workbook (:attr:`TextWorkbook.value_labels`) for
    :mod:`maturity.io.draft`.

Sizes are capped before the rows are built (bytes, rows, columns), as for a workbook.

Examples
--------
>>> from maturity.io.opener import open_workbook
>>> book = open_workbook("data/raw/svar.csv")            # doctest: +SKIP
>>> book.sheet_names, book.sheet("svar").source(1, 2)   # doctest: +SKIP
(['svar'], 'svar.csv:svar:C2')
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from maturity.errors import InputError
from maturity.io.opener import (
    MAX_SHEET_CELLS,
    SPSS_SUFFIXES,
    TEXT_SUFFIXES,
    Sheet,
    TableSheet,
    Workbook,
)

__all__ = [
    "TextOptions",
    "TextWorkbook",
    "open_text",
    "open_spss",
    "looks_delimited",
    "TEXT_SUFFIXES",
    "SPSS_SUFFIXES",
    "MAX_TEXT_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
]

#: Largest text or SPSS file read (bytes).
MAX_TEXT_BYTES = 200 * 1024 * 1024
#: Most rows of one text or SPSS file (Excel's limit).
MAX_ROWS = 1_048_576
#: Most columns of one text or SPSS file (Excel's limit).
MAX_COLUMNS = 16_384

_DELIMITERS = (";", "\t", ",")
_SEP_LINE = re.compile(r'^"?sep=(.)"?\r?\n', re.IGNORECASE)
_SNIFF_CHARS = 64 * 1024
#: Bytes of a text file parsed for its first rows (:meth:`TextWorkbook.head`).
_HEAD_BYTES = 1024 * 1024
_ZIP_OR_OLE2 = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_SPSS_MAGIC = (b"$FL2", b"$FL3")


@dataclass(frozen=True)
class TextOptions:
    """How to read a delimited text file; ``None`` = detect.

    Parameters
    ----------
    delimiter : str, optional
        ``","``, ``";"`` or ``"\\t"``.
    encoding : str, optional
        A Python codec name: ``"utf-8"``, ``"utf-8-sig"``, ``"cp1252"`` …
    decimal : str, optional
        ``","`` or ``"."``.

    Examples
    --------
    >>> TextOptions(delimiter=";", decimal=",").encoding is None
    True
    """

    delimiter: str | None = None
    encoding: str | None = None
    decimal: str | None = None

    def __post_init__(self) -> None:
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise ValueError(f"delimiter must be one character, not {self.delimiter!r}")
        if self.decimal not in (None, ",", "."):
            raise ValueError(f"decimal must be ',' or '.', not {self.decimal!r}")
        if self.encoding is not None:
            codecs.lookup(self.encoding)  # LookupError for an unknown codec


@dataclass
class TextWorkbook(Workbook):
    """A text or SPSS file opened as a workbook of one sheet (named after the file's stem).

    The file is parsed in full on the first :meth:`sheet` or :meth:`table`; :meth:`head`
    parses only the start of it, so deciding what the file is stays cheap.

    Attributes
    ----------
    kind : str
        ``"csv"`` or ``"spss"``.
    options : TextOptions or None
        What was given for a text file.
    detected : dict
        How the file was read, once read in full: ``encoding``, ``delimiter``, ``decimal``
        (text) or ``variables`` (SPSS variable names, one per column).
    value_labels : dict of int to dict
        SPSS only, once read in full: per column (zero-based) its value labels, code (float)
        to label.
    """

    kind: str = "csv"
    options: TextOptions | None = None
    detected: dict = field(default_factory=dict)
    value_labels: dict = field(default_factory=dict)
    _only: Sheet | None = field(default=None, repr=False)
    _table: TableSheet | None = field(default=None, repr=False)

    def _check_name(self, name: str) -> None:
        if name not in self.sheet_names:
            raise InputError(
                f"has no sheet named {name!r} (sheets: {', '.join(self.sheet_names)})",
                file=self.name,
            )

    def _full(self) -> Sheet:
        if self._only is None:
            self._only = _load(self, None)
        return self._only

    def sheet(self, name: str) -> Sheet:
        """The file's one sheet (see :meth:`maturity.io.opener.Workbook.sheet`)."""
        self._check_name(name)
        return self._full()

    def table(self, name: str) -> TableSheet:
        """The file's one sheet as text columns (see :meth:`~maturity.io.opener.Workbook.table`)."""
        self._check_name(name)
        if self._table is None:
            self._table = TableSheet.from_sheet(self._full())
        return self._table

    def head(self, name: str, n_rows: int) -> Sheet:
        """The first ``n_rows`` rows, parsed from the start of the file only (see
        :meth:`~maturity.io.opener.Workbook.head`)."""
        self._check_name(name)
        if self._only is not None:
            return Sheet(self.name, name, self._only.rows[:n_rows], has_booleans=False)
        if n_rows not in self._heads:
            self._heads[n_rows] = _load(self, n_rows)
        return self._heads[n_rows]


def _load(book: TextWorkbook, limit: int | None) -> Sheet:
    """The file's sheet, or its first ``limit`` rows; a full read fills ``detected`` and
    ``value_labels``."""
    if book.kind == "spss":
        rows, detected, labels = _spss_rows(book.path, limit)
    else:
        rows, detected = _text_rows(book.path, book.options or TextOptions(), limit)
        labels = {}
    if limit is None:
        book.detected, book.value_labels = detected, labels
    return Sheet(book.name, book.sheet_names[0], rows, has_booleans=False)


# -- delimited text ---------------------------------------------------------------------------
def _check_size(path: Path, what: str) -> None:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(
            f"is refused: {size / 1e6:.0f} MB is more than the limit of "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB for a {what} file; split it into smaller files",
            file=path.name,
        )
    if size == 0:
        raise InputError("is empty (0 bytes); ask the sender for the file again", file=path.name)


def _unreadable(path: Path, err: OSError) -> InputError:
    return InputError(
        f"cannot be read ({err.strerror or type(err).__name__}); check that you may read "
        "it and that no other program holds it open",
        file=path.name,
    )


def _read_bytes(path: Path, what: str) -> bytes:
    _check_size(path, what)
    try:
        return path.read_bytes()
    except OSError as err:
        raise _unreadable(path, err) from None


def _decode(data: bytes, encoding: str | None, name: str, final: bool = True) -> tuple[str, str]:
    """The text of the file and the encoding it was read with.

    ``final=False``: ``data`` is the start of the file, and a character cut at its end is left
    out.
    """
    if encoding is None:
        if data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            try:
                return codecs.getincrementaldecoder("utf-8")().decode(data, final), "utf-8"
            except UnicodeDecodeError:
                encoding = "cp1252"
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(data, final)
    except UnicodeDecodeError as err:
        raise InputError(
            f"cannot be read as {encoding} text (byte {err.start}); save it again as CSV "
            "UTF-8, or give the encoding (encoding=...)",
            file=name,
        ) from None
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and text.startswith("\ufeff"):
        text = text[1:]
    return text, encoding


def _delimiter(sample: str) -> str:
    """The delimiter whose rows are widest and most alike in the first lines."""
    best, best_score = ",", (-1.0, 0)
    for candidate in _DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=candidate) if r][:50]
        except csv.Error:
            continue
        if len(rows) > 1:
            rows = rows[:-1]  # the sample may end inside the last row
        widths = [len(r) for r in rows]
        if not widths:
            continue
        mode = max(set(widths), key=lambda w: (widths.count(w), w))
        if mode < 2:
            continue
        score = (widths.count(mode) / len(widths), mode)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _number_pattern(decimal: str) -> re.Pattern:
    mark = re.escape(decimal)
    return re.compile(rf"^[+-]?(?:0|[1-9]\d{{0,14}})(?:{mark}\d{{1,15}})?$")


_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")


def _decimal(rows: list[list[str]], delimiter: str) -> str:
    """A comma when more cells are written ``3,5`` than ``3.5`` (never with a comma delimiter)."""
    if delimiter == ",":
        return "."
    commas = dots = 0
    for row in rows[:2000]:
        for cell in row:
            commas += _COMMA_DECIMAL.match(cell) is not None
            dots += _DOT_DECIMAL.match(cell) is not None
    return "," if commas > dots else "."


def _cell(value: str, number: re.Pattern, decimal: str):
    stripped = value.strip()
    if number.match(stripped):
        return float(stripped.replace(decimal, ".")) if decimal != "." else float(stripped)
    return value


def _parse_rows(text: str, delimiter: str, name: str, limit: int | None = None) -> list[list[str]]:
    rows: list[list[str]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if limit is not None and len(rows) >= limit:
                break
            rows.append(row)
            width = max(width, len(row))
            if len(rows) > MAX_ROWS or width > MAX_COLUMNS or len(rows) * width > MAX_SHEET_CELLS:
                raise InputError(
                    f"is too large to read (more than {min(len(rows), MAX_ROWS)} rows or "
                    f"{min(width, MAX_COLUMNS)} columns; at most {MAX_ROWS} rows, {MAX_COLUMNS} "
                    f"columns and {MAX_SHEET_CELLS} cells); split it",
                    file=name,
                )
    except csv.Error as err:
        raise InputError(
            f"is not readable as delimited text at line {len(rows) + 1} ({err}); save it again "
            "as CSV",
            file=name,
        ) from None
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def _refuse_binary(data: bytes, name: str, what: str) -> None:
    if data.startswith(_ZIP_OR_OLE2):
        raise InputError(
            f"is an Excel workbook, not a {what} file (perhaps renamed); give it the suffix "
            ".xlsx (or save it again as .xlsx)",
            file=name,
        )


def open_text(path: str | Path, options: TextOptions | None = None) -> TextWorkbook:
    """Open a delimited text file (CSV, semicolon- or tab-separated) as a one-sheet workbook.

    Parameters
    ----------
    path : str or Path
    options : TextOptions, optional
        Delimiter, encoding and decimal mark; each one not given is detected.

    Returns
    -------
    TextWorkbook
        Parsed when its sheet is first read; ``detected`` then tells the encoding, delimiter
        and decimal mark used.

    Raises
    ------
    InputError
        For a file too large or empty or a workbook renamed .csv; when the sheet is read, for
        a file with NUL bytes, not decodable in its encoding, or over the row or column caps.

    Examples
    --------
    >>> book = open_text("svar.csv")                   # doctest: +SKIP
    >>> book.sheet("svar").rows[0][:2], book.detected  # doctest: +SKIP
    (['Kommun', 'Roll'], {'encoding': 'cp1252', 'delimiter': ';', 'decimal': ','})
    """
    path = Path(path)
    _refuse_binary(_read_head(path, "text"), path.name, "text")
    name = path.stem or path.name
    return TextWorkbook(path, path.name, [name], {}, kind="csv", options=options)


def _text_rows(path: Path, options: TextOptions, limit: int | None) -> tuple[list, dict]:
    """The rows of a text file (all, or the first ``limit``) and how it was read."""
    if limit is None:
        data = _read_bytes(path, "text")
    else:
        with path.open("rb") as handle:
            data = handle.read(_HEAD_BYTES)
    text, encoding = _decode(data, options.encoding, path.name, final=limit is None)
    if "\x00" in text:
        raise InputError(
            "holds NUL bytes, so it is not a text file; save it again as CSV", file=path.name
        )
    delimiter = options.delimiter
    sep_line = _SEP_LINE.match(text)
    if sep_line:  # Excel's hint line "sep=;"
        delimiter = delimiter or sep_line.group(1)
        text = text[sep_line.end() :]
    delimiter = delimiter or _delimiter(text[:_SNIFF_CHARS])
    if limit is not None and len(data) == _HEAD_BYTES:
        text = text[: text.rfind("\n") + 1]  # the last row may be cut: leave it out
    raw_rows = _parse_rows(text, delimiter, path.name, limit)
    decimal = options.decimal or _decimal(raw_rows, delimiter)
    number = _number_pattern(decimal)
    rows = [[_cell(v, number, decimal) for v in row] for row in raw_rows]
    return rows, {"encoding": encoding, "delimiter": delimiter, "decimal": decimal}


def looks_delimited(path: str | Path) -> bool:
    """True when a text file's first lines split into rows of two or more columns alike.

    For ``.txt`` files in a raw folder: a note is not a survey export.

    Examples
    --------
    >>> looks_delimited("LASMIG.txt")  # doctest: +SKIP
    False
    """
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(_SNIFF_CHARS)
        text, _ = _decode(data, None, Path(path).name, final=False)
    except (OSError, InputError):
        return False
    if "\x00" in text:
        return False
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return False
    delimiter = _delimiter("\n".join(lines))
    widths = [len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
    if len(widths) == 1:  # a header without answers yet; a sentence with a comma is not
        return widths[0] >= 3
    return min(widths) >= 2 and widths.count(widths[0]) >= len(widths) - 1


# -- SPSS -------------------------------------------------------------------------------------
def _spss_meta(path: Path):
    import pyreadstat

    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as err:
        raise InputError(
            f"is not a readable SPSS file ({type(err).__name__}: {str(err)[:200]}); export it "
            "again as .sav or as .xlsx",
            file=path.name,
        ) from None
    n_rows = meta.number_rows if meta.number_rows is not None else 0
    n_cols = meta.number_columns or 0
    if n_rows > MAX_ROWS or n_cols > MAX_COLUMNS or (n_rows + 1) * n_cols > MAX_SHEET_CELLS:
        raise InputError(
            f"is too large to read ({n_rows} rows x {n_cols} variables; at most {MAX_ROWS} rows, "
            f"{MAX_COLUMNS} variables and {MAX_SHEET_CELLS} cells); split it",
            file=path.name,
        )
    return meta


def _spss_value(value, labels: dict):
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return labels.get(value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return labels.get(float(value), float(value))
    if isinstance(value, str):
        return labels.get(value, value)
    return value  # a date or time


def _header_text(name: str, label: str | None) -> str:
    """The header of a variable: its label (the question), else its name."""
    label = " ".join((label or "").split())
    return label or name


def open_spss(path: str | Path) -> TextWorkbook:
    """Open an SPSS ``.sav`` file as a one-sheet workbook (see the module docstring).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    TextWorkbook
        Header row = variable labels (names when unlabelled); labelled values read as their
        labels; once read, ``value_labels`` and ``detected["variables"]`` keep the codes and
        the names.

    Raises
    ------
    InputError
        For a file too large or not a readable SPSS file.

    Examples
    --------
    >>> book = open_spss("svar.sav")               # doctest: +SKIP
    >>> book.sheet("svar").rows[0][:2]             # doctest: +SKIP
    ['Kommun', 'Vår verksamhet har en tydlig plan för digitalisering']
    """
    path = Path(path)
    head = _read_head(path, "SPSS")
    _refuse_binary(head, path.name, "SPSS")
    if not head.startswith(_SPSS_MAGIC):
        raise InputError(
            "is not an SPSS .sav file (it does not start as one); export it again as .sav or "
            "as .xlsx",
            file=path.name,
        )
    _spss_meta(path)
    name = path.stem or path.name
    return TextWorkbook(path, path.name, [name], {}, kind="spss")


def _spss_rows(path: Path, limit: int | None) -> tuple[list, dict, dict]:
    """Rows (header first; all, or the first ``limit``), variable names and value labels."""
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(
            str(path), user_missing=True, row_limit=max(limit - 1, 1) if limit else 0
        )
    except Exception as err:
        raise InputError(
            f"is not a readable SPSS file ({type(err).__name__}: {str(err)[:200]})",
            file=path.name,
        ) from None
    names = list(frame.columns)
    labels_of = meta.column_names_to_labels or {}
    value_labels = {}
    for c, name in enumerate(names):
        given = (meta.variable_value_labels or {}).get(name, {})
        value_labels[c] = {
            (float(k) if isinstance(k, int | float) else k): str(v) for k, v in given.items()
        }
    header = [_header_text(n, labels_of.get(n)) for n in names]
    columns = [frame[n].tolist() for n in names]
    rows = [header] + [
        [_spss_value(columns[c][r], value_labels[c]) for c in range(len(names))]
        for r in range(len(frame))
    ]
    return rows[:limit] if limit else rows, {"variables": names}, value_labels


def _read_head(path: Path, what: str) -> bytes:
    """The first bytes of a file, after the size checks."""
    _check_size(path, what)
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as err:
        raise _unreadable(path, err) from None
