"""The one guarded door through which every input workbook is opened.

Workbooks arrive by e-mail and from shared drives, so nothing is trusted:

* the file must be a real .xlsx/.xlsm zip: empty files, .xls, CSV or text renamed .xlsx,
  OpenDocument files, encrypted (password-protected, OLE2) workbooks and truncated or corrupt
  zips are refused with an :class:`~maturity.errors.InputError` that names the file and says
  what to do;
* sizes are capped from the zip directory *before* any parser sees the bytes (total expanded
  size and compression ratio: a zip bomb is refused at once); the directory is not trusted
  either: every member is inflated once, streaming, and refused when it inflates to more than
  the directory states, and the shared strings' ``count``/``uniqueCount`` are checked against
  the bytes before a reader can allocate by them; a worksheet is measured in the same pass
  (extent, entity declarations, formulas, error cells: :class:`_SheetScan`), so that a sound
  one is never inflated by the opener a second time;
* every failure of the Rust readers behind the opener (calamine, fastexcel), a panic
  included, ends as an :class:`~maturity.errors.InputError` naming the file and sheet;
* Excel error values (``#N/A`` …) are listed per sheet (``error_cells``), so that readers
  report them (``excel_error``) instead of taking them for blanks;
* XML with a ``DOCTYPE`` or entity declarations is refused (billion laughs); wherever openpyxl
  parses, defusedxml is installed and active;
* a sheet's true extent is measured from its cell references (the stored ``<dimension>`` is not
  trusted) before the dense reader (python-calamine, ~15x faster than openpyxl) allocates it; a
  sheet with stray cells far away is read sparsely instead and the stray cells are reported;
* formula cells saved without a computed value (files written by scripts) are listed, so that
  readers report them instead of taking them for blanks.

Examples
--------
>>> from maturity.io.opener import open_workbook
>>> book = open_workbook("data/raw/kodbok.xlsx")  # doctest: +SKIP
>>> sheet = book.sheet("statements")              # doctest: +SKIP
>>> sheet.value(0, 0), sheet.source(0, 0)          # doctest: +SKIP
('statement', 'kodbok.xlsx:statements:A1')
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeET

from maturity.errors import InputError
from maturity.io.problems import cell_name

__all__ = [
    "Sheet",
    "TableSheet",
    "Workbook",
    "open_workbook",
    "MAX_EXPANDED_BYTES",
    "MAX_SHEET_CELLS",
    "TEXT_SUFFIXES",
    "SPSS_SUFFIXES",
]

#: Largest total expanded size of all parts of a workbook (bytes).
MAX_EXPANDED_BYTES = 400 * 1024 * 1024
#: Largest expansion ratio of a single zip member larger than 1 MiB (real sheets: 5-30).
MAX_COMPRESSION_RATIO = 200
#: Largest dense extent (rows x columns) of one sheet handed to the dense reader.
MAX_SHEET_CELLS = 20_000_000

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# an attribute r="123" belongs to a row, r="AB123" to a cell (no other sheet element has r=)
_CELL_COL = re.compile(rb' r="([A-Z]+)(\d+)"')
# a row reference r="123" (its number), or a cell reference with three letters (nothing)
_ROW_OR_WIDE = re.compile(rb' r="(?:(\d+)"|[A-Z]{3})')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# a literal first byte makes the regex engine skip ahead fast; prefixed tags (<x:f>) also match
_FORMULA_TAG = re.compile(rb"f[\s>/]")


def _reader_failed(err: BaseException, file: str, sheet: str | None, what: str) -> InputError:
    """The InputError for any failure of a Rust reader (calamine, fastexcel), panics included.

    A Rust panic arrives as ``PanicException``, a BaseException: callers catch BaseException
    and hand it here; an interrupt or exit is raised again unchanged.
    """
    if isinstance(err, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise err
    reason = str(err).splitlines()[0][:200] if str(err) else ""
    return InputError(
        f"{what} ({type(err).__name__}: {reason}); open it in Excel and save it again as .xlsx",
        file=file,
        sheet=sheet,
    )


def _has_formula(xml: bytes) -> bool:
    """Cheap test (substring searches) for any formula element in a sheet."""
    return _FORMULA_TAG.search(xml) is not None


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _column_index(letters: bytes | str) -> int:
    index = 0
    for char in letters if isinstance(letters, str) else letters.decode():
        index = index * 26 + ord(char) - 64
    return index - 1


class _Located:
    """What both sheet forms share: naming a cell as ``file:sheet:cell``."""

    file: str
    name: str

    def source(self, row: int, col: int) -> str:
        """``file:sheet:cell`` of a zero-based position, e.g. ``'svar.xlsx:Svar:D7'``."""
        return f"{self.file}:{self.name}:{cell_name(row, col)}"


@dataclass
class Sheet(_Located):
    """One worksheet as a dense block of values anchored at A1.

    ``rows[r][c]`` is the value of the cell at zero-based row ``r`` and column ``c``: ``str``,
    ``float``, ``bool``, a date/time, or ``""`` for an empty cell. Rows may be shorter than the
    widest row; use :meth:`value`.

    Attributes
    ----------
    file, name : str
        File name (without folder) and sheet name, used in every message.
    rows : list of list
        The values.
    formula_cells : frozenset of (row, col)
        Formula cells stored without a computed value: they read as ``""`` but are not blank.
    stray_cells : list of (row, col, value)
        Cells so far from the data that the sheet was read sparsely; they are not in ``rows``.
    error_cells : dict of (row, col) to str
        Cells holding an Excel error value (``#N/A``, ``#DIV/0!`` …). They read as ``""`` and
        are also in ``formula_cells``, so no reader takes them for blanks; the readers report
        them as ``excel_error``.
    """

    file: str
    name: str
    rows: list[list]
    formula_cells: frozenset = frozenset()
    stray_cells: list = field(default_factory=list)
    has_booleans: bool = True
    error_cells: dict = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        """Number of rows in the block."""
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        """Width of the widest row."""
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int):
        """The value at a zero-based position, ``""`` when outside the block."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def is_empty(self) -> bool:
        """True when the sheet holds no value at all (formula cells count as values)."""
        if self.formula_cells or self.stray_cells:
            return False
        return not any(_filled(v) for row in self.rows for v in row)


@dataclass
class TableSheet(_Located):
    """One worksheet as Arrow string columns aligned to the sheet (row 0 = sheet row 1).

    The columnar form of :class:`Sheet`, for large sheets: ``columns[c]`` holds column ``c``
    (A = 0) as text exactly as the cell shows it (numbers as "4" or "4.5"), null for an empty
    cell. Attributes as in :class:`Sheet`.
    """

    file: str
    name: str
    columns: list
    n_rows: int
    formula_cells: frozenset = frozenset()
    stray_cells: list = field(default_factory=list)
    booleans: bool | None = None
    xml: bytes = field(default=b"", repr=False)
    error_cells: dict = field(default_factory=dict)

    @property
    def has_booleans(self) -> bool:
        """True when the sheet has TRUE/FALSE cells (they read as the text "true"/"false")."""
        if self.booleans is None:
            self.booleans = b't="b"' in self.xml
        return self.booleans

    @property
    def n_cols(self) -> int:
        """Number of columns (A up to the last column with data)."""
        return len(self.columns)

    def head(self, n: int) -> list[list]:
        """The first ``n`` rows as lists of values (``""`` for empty cells)."""
        columns = [c.slice(0, n).to_pylist() for c in self.columns]
        height = min(n, self.n_rows)
        return [["" if col[r] is None else col[r] for col in columns] for r in range(height)]

    def value(self, row: int, col: int):
        """The text at a zero-based position, ``""`` when empty or outside the sheet."""
        if row < self.n_rows and col < len(self.columns):
            value = self.columns[col][row].as_py()
            return "" if value is None else value
        return ""

    def is_empty(self) -> bool:
        """True when the sheet holds no value at all (formula cells count as values)."""
        if self.formula_cells or self.stray_cells:
            return False
        import pyarrow.compute as pc

        return all(
            pc.sum(pc.utf8_length(pc.utf8_trim_whitespace(c))).as_py() in (0, None)
            for c in self.columns
        )

    @classmethod
    def from_sheet(cls, sheet: Sheet) -> TableSheet:
        """The columnar form of a row-wise :class:`Sheet` (cells written as text)."""
        import pyarrow as pa

        from maturity.io.values import as_text

        width, height = sheet.n_cols, sheet.n_rows
        columns = [
            pa.array(
                [
                    None if _blank_text(v) else as_text(v)
                    for v in (sheet.value(r, c) for r in range(height))
                ],
                pa.string(),
            )
            for c in range(width)
        ]
        return cls(
            sheet.file,
            sheet.name,
            columns,
            height,
            sheet.formula_cells,
            sheet.stray_cells,
            booleans=sheet.has_booleans,
            error_cells=sheet.error_cells,
        )


def _with_errors(sheet: Sheet, errors: dict) -> Sheet:
    """The sparsely read sheet with its Excel error cells listed and read as blanks."""
    sheet.error_cells = {p: v for p, v in errors.items() if p in sheet.formula_cells}
    for r, c in sheet.error_cells:
        sheet.rows[r][c] = ""
    return sheet


def _blank_text(value) -> bool:
    return value is None or value == ""


def _filled(value) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


@dataclass
class Workbook:
    """An opened, checked workbook. Sheets are read on demand with :meth:`sheet`.

    Attributes
    ----------
    path : Path
    name : str
        File name without folder, used in messages and sources.
    sheet_names : list of str
        Worksheets in workbook order (chart sheets and macro sheets left out).
    """

    path: Path
    name: str
    sheet_names: list[str]
    _members: dict[str, str]
    _book: object = None
    _heads: dict = field(default_factory=dict, repr=False)
    _strings: list = field(default_factory=list, repr=False)
    _strings_done: bool = False
    #: What the checks at open learned of each worksheet while inflating it (member ->
    #: :class:`_SheetScan`): a sound sheet is read without inflating its XML a second time.
    _scans: dict = field(default_factory=dict, repr=False)

    def sheet(self, name: str) -> Sheet:
        """Read one sheet, measuring its extent first (see the module docstring).

        Raises
        ------
        InputError
            If the sheet does not exist, is refused, or cannot be read.
        """
        formula_cells, errors, extent, booleans = self._facts(name)
        if extent > MAX_SHEET_CELLS:
            return _with_errors(self._read_sparse(name, formula_cells), errors)
        try:
            rows = self._calamine().get_sheet_by_name(name).to_python(skip_empty_area=False)
        except InputError:
            raise
        except BaseException as err:  # the reader's types are not public; a panic is a Base
            raise _reader_failed(err, self.name, name, "could not be read") from None
        for r, c in errors:  # the reader gives an error cell as blank: never a value
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = ""
        return Sheet(
            self.name, name, rows, formula_cells, has_booleans=booleans, error_cells=errors
        )

    def table(self, name: str) -> TableSheet:
        """Read one sheet as Arrow string columns (fast path for large survey exports).

        The same checks as :meth:`sheet`; the cells are read by fastexcel (calamine with an
        Arrow output) with every column as text, so no type is guessed from the first rows and
        a late "Vet ej" in a numeric column survives.
        """
        formula_cells, errors, extent, booleans = self._facts(name)
        if extent > MAX_SHEET_CELLS:
            sparse = _with_errors(self._read_sparse(name, formula_cells), errors)
            return TableSheet.from_sheet(sparse)
        try:
            import fastexcel

            loaded = fastexcel.read_excel(str(self.path)).load_sheet(
                name, header_row=None, skip_rows=0, dtypes="string"
            )
            arrow = loaded.to_arrow()
            positions = [info.absolute_index for info in loaded.available_columns()]
        except BaseException as err:  # the reader's types are not public; a panic is a Base
            raise _reader_failed(err, self.name, name, "could not be read") from None
        import pyarrow as pa

        n_rows = arrow.num_rows
        width = max(positions, default=-1) + 1
        empty = pa.nulls(n_rows, pa.string())
        columns = [empty] * width
        for position, column in zip(positions, arrow.columns, strict=True):
            columns[position] = (
                column.combine_chunks() if hasattr(column, "combine_chunks") else column
            )
        return TableSheet(
            self.name, name, columns, n_rows, formula_cells, booleans=booleans, error_cells=errors
        )

    def sheets(self):
        """Iterate over all worksheets as :class:`Sheet` objects, in workbook order."""
        for name in self.sheet_names:
            yield self.sheet(name)

    def head(self, name: str, n_rows: int) -> Sheet:
        """The first ``n_rows`` rows of a sheet, read without parsing the rest of it.

        For a quick look (what kind of workbook is this?): only the start of the sheet's XML
        is decompressed and parsed, so it costs the same for a sheet of ten rows and one of a
        million. The workbook's checks stay in force (the sizes were checked when it was
        opened; the XML start is refused if it declares entities). Values are text, numbers
        (float; dates as their serial number) and booleans; formula cells are not listed.
        Results are kept, so several detectors can look at the same head.

        Raises
        ------
        InputError
            If the sheet does not exist or its start cannot be read.

        Examples
        --------
        >>> book = open_workbook("data/raw/kodbok.xlsx")  # doctest: +SKIP
        >>> book.head("statements", 2).rows[0][:2]        # doctest: +SKIP
        ['statement', 'text']
        """
        key = (name, n_rows)
        if key not in self._heads:
            if name not in self._members:
                raise InputError(
                    f"has no sheet named {name!r} (sheets: {', '.join(self.sheet_names)})",
                    file=self.name,
                )
            rows = _head_rows(self, self._members[name], n_rows)
            self._heads[key] = Sheet(self.name, name, rows)
        return self._heads[key]

    def _shared_strings(self, upto: int) -> list[str]:
        """The shared strings up to index ``upto`` (more when already read), parsed lazily."""
        if len(self._strings) > upto or self._strings_done:
            return self._strings
        member = self._shared_member()
        if member is None:
            self._strings_done = True
            return self._strings
        self._strings.clear()
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(member) as stream:
                prolog = stream.peek(4096)[:4096]
                _refuse_doctype(prolog, self.name, member)
                for _event, element in SafeET.iterparse(stream, events=("end",)):
                    if element.tag in _SI_TAGS:
                        self._strings.append(
                            "".join(t.text or "" for t in element.iter() if t.tag in _T_TAGS)
                        )
                        element.clear()
                        if len(self._strings) > upto:
                            return self._strings
        except InputError:
            raise
        except Exception as err:
            raise InputError(
                f"is damaged ({type(err).__name__}: {err}) in {member}", file=self.name
            ) from None
        self._strings_done = True
        return self._strings

    def _shared_member(self) -> str | None:
        with zipfile.ZipFile(self.path) as archive:
            names = set(archive.NameToInfo)
        return "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None

    # -- internals -------------------------------------------------------------------------
    def _facts(self, name: str) -> tuple[frozenset, dict, int, bool]:
        """What a sheet's XML says before a reader sees it (refused if unsafe): the cells a
        reader takes for blanks although they are not (formulas saved without a value, Excel
        errors), the error values, the dense extent and whether it has TRUE/FALSE cells.

        From the scan made at open when it settles all of them (no formula, no error cell,
        row references within the limit); else from the XML, inflated again.
        """
        if name not in self._members:
            raise InputError(
                f"has no sheet named {name!r} (sheets: {', '.join(self.sheet_names)})",
                file=self.name,
            )
        member = self._members[name]
        scan = self._scans.get(member)
        if scan is not None and scan.settled:
            if scan.crc != scan.stated_crc:
                raise InputError(
                    f"is damaged (Bad CRC-32 for file {member!r}); ask the sender for a new copy "
                    "or save it again as .xlsx",
                    file=self.name,
                    sheet=name,
                )
            if scan.doctype:
                raise _doctype_refused(self.name, member)
            return frozenset(), {}, scan.rows * 702, scan.booleans
        xml = self._read_member(member, sheet=name)
        formula_cells = _formulas_without_value(xml) if _has_formula(xml) else frozenset()
        errors = _error_cells(xml)
        return formula_cells | frozenset(errors), errors, _dense_extent(xml), b't="b"' in xml

    def _calamine(self):
        if self._book is None:
            from python_calamine import CalamineWorkbook

            try:
                self._book = CalamineWorkbook.from_path(str(self.path))
            except BaseException as err:  # a panic is a BaseException
                raise _reader_failed(
                    err, self.name, None, "could not be read as a workbook"
                ) from None
        return self._book

    def _read_member(self, member: str, sheet: str | None = None) -> bytes:
        try:
            with zipfile.ZipFile(self.path) as archive:
                data = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, RuntimeError) as err:
            raise InputError(
                f"is damaged ({err}); ask the sender for a new copy or save it again as .xlsx",
                file=self.name,
                sheet=sheet,
            ) from None
        _refuse_doctype(data, self.name, member)
        return data

    def _read_sparse(self, name: str, formula_cells: frozenset) -> Sheet:
        """Read a sheet whose extent is huge because of stray cells, without densifying it."""
        cells = self._openpyxl_cells(name)
        if not cells:
            return Sheet(self.name, name, [], formula_cells)
        n_rows = len({r for r, _ in cells})
        n_cols = len({c for _, c in cells})
        row_limit = 10 * n_rows + 100
        col_limit = 10 * n_cols + 50
        stray = sorted((r, c, v) for (r, c), v in cells.items() if r >= row_limit or c >= col_limit)
        kept = {(r, c): v for (r, c), v in cells.items() if r < row_limit and c < col_limit}
        height = max((r for r, _ in kept), default=-1) + 1
        width = max((c for _, c in kept), default=-1) + 1
        if height * width > MAX_SHEET_CELLS:
            raise InputError(
                f"is too large to read ({height} rows x {width} columns of data); split it",
                file=self.name,
                sheet=name,
            )
        rows = [[""] * width for _ in range(height)]
        for (r, c), v in kept.items():
            rows[r][c] = v
        formula_cells = frozenset(p for p in formula_cells if p in kept)
        return Sheet(self.name, name, rows, formula_cells, stray)

    def _openpyxl_cells(self, name: str) -> dict[tuple[int, int], object]:
        import openpyxl  # uses defusedxml automatically when it is installed

        try:
            book = openpyxl.load_workbook(self.path, read_only=False, data_only=True)
            worksheet = book[name]
            # the private cell dict is openpyxl's sparse storage; iter_rows would densify
            stored = worksheet._cells
        except Exception as err:
            raise InputError(
                f"could not be read ({type(err).__name__}: {err})", file=self.name, sheet=name
            ) from None
        return {
            (r - 1, c - 1): "" if cell.value is None else cell.value
            for (r, c), cell in stored.items()
            if cell.value is not None
        }


#: Most bytes of a sheet's XML decompressed to find its first rows.
HEAD_BYTES = 32 * 1024 * 1024
_ROOT_TAG = re.compile(rb"<((?:\w+:)?)worksheet\b[^>]*>")
_ROW_START = re.compile(rb"<(?:\w+:)?row\b[^>]*>")
_SHEETDATA_END = re.compile(rb"</(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\s*/>")


def _xml_start(book: Workbook, member: str, n_rows: int) -> bytes:
    """The start of a sheet's XML up to (not including) its row ``n_rows + 1``.

    Decompresses chunk by chunk and scans each new chunk once, so the cost grows with the
    rows wanted, not with the sheet.
    """
    data = bytearray()
    scanned, count = 0, 0
    try:
        with zipfile.ZipFile(book.path) as archive, archive.open(member) as stream:
            while len(data) < HEAD_BYTES:
                chunk = stream.read(1 << 16)
                data += chunk
                # a tag may be split at the chunk's end: leave the last bytes for next time
                limit = len(data) if not chunk else max(len(data) - 1024, scanned)
                end = _SHEETDATA_END.search(data, scanned, limit)
                for match in _ROW_START.finditer(data, scanned, end.start() if end else limit):
                    count += 1
                    ref = _REF_ROW.search(match.group(0))
                    if (int(ref.group(1)) if ref else count) > n_rows:
                        return bytes(data[: match.start()])
                    scanned = match.end()
                if end is not None:
                    return bytes(data[: end.start()])
                if not chunk:
                    return bytes(data)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, RuntimeError) as err:
        raise InputError(
            f"is damaged ({err}); ask the sender for a new copy or save it again as .xlsx",
            file=book.name,
        ) from None
    return bytes(data[: _last_row_end(data)])


_REF_ROW = re.compile(rb'\sr="(\d+)"')
_LETTERS = re.compile(r"[A-Z]+")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")


def _last_row_end(data: bytes) -> int:
    ends = list(_ROW_END.finditer(data))
    return ends[-1].end() if ends else 0


def _head_rows(book: Workbook, member: str, n_rows: int) -> list[list]:
    """The values of the first ``n_rows`` rows of a sheet (see :meth:`Workbook.head`)."""
    start = _xml_start(book, member, n_rows)
    _refuse_doctype(start, book.name, member)
    root = _ROOT_TAG.search(start)
    if root is None:
        return []
    first_row = _ROW_START.search(start, root.end())
    body = start[first_row.start() :] if first_row else b""
    body = body[: _last_row_end(body)]
    prefix = root.group(1).decode()
    document = _transitional(start[: root.end()] + body + f"</{prefix}worksheet>".encode())
    try:
        # the bytes were refused above if they declare a DOCTYPE or an entity, the only way
        # to an XML bomb or an external entity; so the fast (C) parser is safe here
        tree = ElementTree.fromstring(document)
    except Exception as err:
        raise InputError(
            f"is damaged ({type(err).__name__}: {err}) in {member}", file=book.name
        ) from None
    rows: list[list] = []
    for number, element in enumerate(tree.iter(f"{_NS_MAIN}row"), start=1):
        r = int(element.get("r", number)) - 1
        if r >= n_rows:
            break
        values: list = []
        for position, cell in enumerate(element.iter(f"{_NS_MAIN}c")):
            ref = cell.get("r")
            c = _column_index(_LETTERS.match(ref).group()) if ref else position
            values.extend([""] * (c + 1 - len(values)))
            values[c] = _cell_value(book, cell)
        rows.extend([] for _ in range(r + 1 - len(rows)))
        rows[r] = values
    return rows


def _cell_value(book: Workbook, cell) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_NS_MAIN}t"))
    raw = cell.findtext(f"{_NS_MAIN}v")
    if raw is None:
        return ""
    if kind == "s":
        index = int(raw)
        strings = book._shared_strings(index)
        return strings[index] if index < len(strings) else ""
    if kind == "b":
        return raw.strip() == "1"
    if kind in ("str", "e"):
        return raw
    try:
        return float(raw)
    except ValueError:
        return raw


def _refuse_doctype(data: bytes, file: str, member: str) -> None:
    # '!' is rare in XML, so the full search only runs when one is present
    if b"!" in data and _DOCTYPE.search(data):
        raise _doctype_refused(file, member)


def _doctype_refused(file: str, member: str) -> InputError:
    return InputError(
        f"contains XML entity declarations (DOCTYPE) in {member}, which real workbooks never "
        "have; refused as unsafe (possible 'billion laughs' attack). Save it again from Excel.",
        file=file,
    )


def _columns_after(letters: str) -> re.Pattern:
    """A pattern for cell references whose column comes after ``letters`` (e.g. after 'BK')."""
    options = [f"[A-Z]{{{len(letters) + 1},}}"]
    for i, char in enumerate(letters):
        if char != "Z":
            rest = len(letters) - i - 1
            options.append(f"{letters[:i]}[{chr(ord(char) + 1)}-Z][A-Z]{{{rest}}}")
    return re.compile(rf' r="(?:{"|".join(options)})\d'.encode())


def _dense_extent(xml: bytes) -> int:
    """Rows x columns a dense reader would allocate for this sheet XML.

    Cheap on sound sheets: the rows come from the row references (in any order); the width is
    bounded by 702 (ZZ) when no reference has three letters, else it is the widest column among
    the first cells, confirmed by one search for any reference beyond it. Only when that search
    finds something are all cell references scanned.
    """
    found = _ROW_OR_WIDE.findall(xml)  # one pass: the row numbers, b"" for a wide column
    row_refs = [ref for ref in found if ref]
    n_rows = max(map(int, row_refs), default=0) if row_refs else xml.count(b"<row")
    if n_rows * 702 <= MAX_SHEET_CELLS and len(row_refs) == len(found):
        return n_rows * 702  # no column beyond ZZ: a bound good enough
    first = _CELL_COL.findall(xml, 0, 200_000)
    widest = max((c.decode() for c, _ in first), key=lambda c: (len(c), c), default="A")
    if _columns_after(widest).search(xml) is None:
        return n_rows * (_column_index(widest) + 1)
    refs = _CELL_COL.findall(xml)
    n_cols = max(_column_index(col) for col in {c for c, _ in refs}) + 1
    n_rows = max(n_rows, max(int(r) for _, r in refs))
    return n_rows * n_cols


_ERROR_CELL = re.compile(
    rb"<(?:\w+:)?c\b(?=[^>]*\bt=\"e\")([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL
)
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>\s*([^<]*?)\s*</(?:\w+:)?v>")


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Zero-based positions of cells holding an Excel error value, with the value (``#N/A``)."""
    if b't="e"' not in xml:
        return {}
    found = {}
    for attrs, body in _ERROR_CELL.findall(xml):
        ref = _REF.search(attrs)
        if ref:
            value = _ERROR_VALUE.search(body or b"")
            shown = value.group(1).decode("utf-8", "replace")[:20] if value else "#ERROR"
            found[(int(ref.group(2)) - 1, _column_index(ref.group(1)))] = shown
    return found


def _formulas_without_value(xml: bytes) -> frozenset:
    """Zero-based positions of formula cells that carry no cached value."""
    found = set()
    for attrs, body in _CELL.findall(xml):
        if body and _FORMULA.search(body) and not _VALUE.search(body):
            ref = _REF.search(attrs)
            if ref:
                found.add((int(ref.group(2)) - 1, _column_index(ref.group(1))))
    return frozenset(found)


def _sniff(path: Path) -> None:
    """Refuse what is not an .xlsx zip, with a message saying what it is instead."""
    name = path.name
    if not path.exists():
        raise InputError("does not exist", file=str(path))
    if path.is_dir():
        raise InputError("is a folder, not a workbook", file=name)
    size = path.stat().st_size
    if size == 0:
        raise InputError("is empty (0 bytes); ask the sender for the file again", file=name)
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as err:  # no permission, a lock held by Excel, a vanished share
        raise InputError(
            f"cannot be read ({err.strerror or type(err).__name__}); check that you may read "
            "it and that no other program holds it open",
            file=name,
        ) from None
    if head.startswith(_ZIP_MAGIC):
        return
    if head.startswith(_OLE2_MAGIC):
        with path.open("rb") as handle:
            whole = handle.read(min(size, 64 * 1024 * 1024))
        if "EncryptedPackage".encode("utf-16-le") in whole or b"EncryptionInfo" in whole.replace(
            b"\x00", b""
        ):
            raise InputError(
                "is encrypted (password-protected); open it in Excel, remove the password "
                "(File > Info > Protect Workbook) and save it again as .xlsx",
                file=name,
            )
        raise InputError(
            "is an old Excel 97-2003 (.xls) file; open it in Excel and save it as .xlsx",
            file=name,
        )
    if head.startswith(b"\xef\xbb\xbf"):  # UTF-8 byte-order mark (Excel's "CSV UTF-8")
        head = head[3:]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
    if text and all(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000]):
        kind = "CSV" if any(sep in text[:2000] for sep in (",", ";", "\t")) else "text"
        raise InputError(
            f"is a {kind} file, not an Excel workbook (perhaps renamed .xlsx); open it in Excel "
            "and save it as .xlsx",
            file=name,
        )
    raise InputError("is not an Excel .xlsx workbook; save it as .xlsx", file=name)


def _check_archive(archive: zipfile.ZipFile, name: str, max_bytes: int) -> dict:
    """Refuse an archive whose sizes or members cannot be trusted; return the inflated
    worksheets' scans (member -> :class:`_SheetScan`), made while the checks inflate them."""
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "content.xml" in names and "mimetype" in names:
        raise InputError("is an OpenDocument spreadsheet (.ods); save it as .xlsx", file=name)
    if "xl/workbook.xml" not in names:
        raise InputError(
            "is a zip file but not an Excel workbook (no xl/workbook.xml); save it as .xlsx",
            file=name,
        )
    total = 0
    for info in infos:
        if info.file_size < 0 or info.compress_size < 0:
            raise InputError("has a damaged zip directory", file=name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise InputError(
                f"is refused: {info.filename} expands {ratio:.0f}-fold to "
                f"{info.file_size / 1e6:.0f} MB (a zip bomb?); real workbooks expand 5-30-fold",
                file=name,
            )
    if total > max_bytes:
        raise InputError(
            f"is refused: it expands to {total / 1e6:.0f} MB, more than the limit of "
            f"{max_bytes / 1e6:.0f} MB; split it into smaller files",
            file=name,
        )
    scans = {}
    for info in infos:
        sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        scan = _SheetScan(info.CRC) if sheet else None
        _check_inflated(archive, info, name, scan=scan)
        if scan is not None:
            scans[info.filename] = scan
    _check_string_counts(archive, name, total)
    return scans


def _check_inflated(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, *, scan: _SheetScan | None = None
) -> None:
    """Refuse a member that inflates to more bytes than the zip directory states.

    The sizes above come from the zip directory, which the file itself writes; the readers
    behind the opener inflate until the compressed stream ends. So each member is inflated
    here once, streaming, with a cap of one byte more than the stated size: a member that
    reaches the cap lies about its size (a disguised zip bomb) and the file is refused before
    any parser sees it. Memory stays at one chunk; a worksheet's chunks are scanned on the
    way (``scan``, see :class:`_SheetScan`), so that its XML need not be kept or inflated
    again.
    """
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1  # the stream stops after this many bytes
    probe.CRC = None  # the stated checksum is of the stated bytes: checked by the readers
    inflated = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(_INFLATE_CHUNK):
                inflated += len(chunk)
                if scan is not None:
                    scan.add(chunk)
            if scan is not None:
                scan.finish()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
        raise InputError(
            f"is damaged ({err}) in {info.filename}; ask the sender for a new copy or save it "
            "again as .xlsx",
            file=name,
        ) from None
    if inflated > info.file_size:
        raise InputError(
            f"is refused: {info.filename} inflates to more than the {info.file_size} bytes its "
            "zip directory states (a disguised zip bomb?); ask the sender for a new copy",
            file=name,
        )


class _SheetScan:
    """What a worksheet's XML says, learned chunk by chunk while the checks inflate it.

    Each chunk is scanned up to its last ``>`` and the rest carried to the next, so that no
    pattern looked for (none holds a ``>`` but as its last byte) is cut in two: the largest
    row reference and whether a cell reference has three letters (the dense extent, as
    :func:`_dense_extent` measures it), whether an entity declaration, a formula, an error
    cell or a TRUE/FALSE cell is there, and the CRC of all bytes. ``settled`` when that is all
    a reader needs: row references within the limit, no column beyond ZZ, no formula and no
    error cell; otherwise the sheet's XML is inflated again and measured whole.
    """

    def __init__(self, stated_crc: int) -> None:
        self.stated_crc = stated_crc
        self.crc = 0
        self.rows = 0
        self.row_refs = self.wide = self.formula = self.errors = False
        self.booleans = self.doctype = False
        self.whole = True  # every byte was scanned
        self.carry = b""

    @property
    def settled(self) -> bool:
        """True when the scan answers everything a reader asks of the XML."""
        within = self.row_refs and not self.wide and self.rows * 702 <= MAX_SHEET_CELLS
        return self.whole and within and not (self.formula or self.errors)

    def add(self, chunk: bytes) -> None:
        """Scan the next inflated chunk."""
        self.crc = zlib.crc32(chunk, self.crc)
        if not self.whole:
            return
        data = self.carry + chunk if self.carry else chunk
        end = data.rfind(b">") + 1
        self.carry = data[end:]
        if len(self.carry) > _MAX_CARRY:  # no ">" for megabytes: measured whole instead
            self.whole, self.carry = False, b""
        elif end:
            self._scan(data, end)

    def finish(self) -> None:
        """Scan what is left after the last chunk."""
        if self.whole and self.carry:
            self._scan(self.carry, len(self.carry))
        self.carry = b""

    def _scan(self, data: bytes, end: int) -> None:
        refs = _ROW_OR_WIDE.findall(data, 0, end)
        numbers = [ref for ref in refs if ref]
        if numbers:
            self.rows = max(self.rows, *map(int, numbers))
            self.row_refs = True
        self.wide = self.wide or len(numbers) < len(refs)
        self.formula = self.formula or _FORMULA_TAG.search(data, 0, end) is not None
        kinds = set(_ERROR_OR_BOOLEAN.findall(data, 0, end))
        self.errors = self.errors or b"e" in kinds
        self.booleans = self.booleans or b"b" in kinds
        if data.find(b"!", 0, end) >= 0 and _DOCTYPE.search(data, 0, end):
            self.doctype = True


#: Most bytes carried from one inflated chunk to the next while looking for a ``>``.
_MAX_CARRY = 8 << 20
_ERROR_OR_BOOLEAN = re.compile(rb't="([eb])"')


#: Bytes inflated at a time when members are measured.
_INFLATE_CHUNK = 1 << 20
_SST_START = re.compile(rb"<(?:\w+:)?sst\b[^>]*>")
_SST_COUNT = re.compile(rb'\b(count|uniqueCount)="\s*([^"]*)"')
#: Fewest bytes one shared string (``<si/>``) or one cell (``<c/>``) takes in the XML.
_MIN_ITEM_BYTES = 4


def _check_string_counts(archive: zipfile.ZipFile, name: str, total: int) -> None:
    """Refuse shared-string counts a reader would allocate by but the file cannot hold.

    ``count`` and ``uniqueCount`` of ``xl/sharedStrings.xml`` are read before any reader
    sizes a table by them; each string and each cell takes at least a few bytes of XML, so a
    count above the bytes the workbook expands to is a lie (one of 4 294 967 295 made a reader
    allocate 103 GB).
    """
    member = "xl/sharedStrings.xml"
    if member not in archive.NameToInfo:
        return
    with archive.open(member) as stream:
        start = stream.read(4096)
    tag = _SST_START.search(start)
    if tag is None:
        return
    size = archive.getinfo(member).file_size
    limits = {"uniqueCount": size // _MIN_ITEM_BYTES + 1, "count": total // _MIN_ITEM_BYTES + 1}
    for attribute, raw in _SST_COUNT.findall(tag.group(0)):
        key = attribute.decode()
        value = raw.decode(errors="replace")
        if not value.isdigit() or len(value) > 12 or int(value) > limits[key]:
            raise InputError(
                f"is refused: {member} declares {key}={value[:30]}, more strings than the file "
                f"can hold (at most {limits[key]}); it is damaged or made to exhaust memory. "
                "Save it again from Excel",
                file=name,
            )


#: The namespaces of a workbook saved as "Strict Open XML Spreadsheet" (ISO/IEC 29500 strict)
#: and their transitional counterparts. The Rust readers match tags by local name and read
#: both; the opener's own parsing maps the strict names to the transitional ones.
_STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/spreadsheetml/main": _NS_MAIN[1:-1].encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": _NS_REL[1:-1].encode(),
}


_NS_STRICT_MAIN = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_SI_TAGS = frozenset({f"{_NS_MAIN}si", f"{_NS_STRICT_MAIN}si"})
_T_TAGS = frozenset({f"{_NS_MAIN}t", f"{_NS_STRICT_MAIN}t"})


def _transitional(xml: bytes) -> bytes:
    """The XML with strict OOXML namespaces replaced by the transitional ones."""
    if b"purl.oclc.org/ooxml" not in xml:
        return xml
    for strict, plain in _STRICT_NAMESPACES.items():
        xml = xml.replace(strict, plain)
    return xml


def _sheet_members(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Map worksheet names to their XML members through workbook.xml and its relations."""
    try:
        book_xml = archive.read("xl/workbook.xml")
        _refuse_doctype(book_xml, name, "xl/workbook.xml")
        book_xml = _transitional(book_xml)
        rels_xml = archive.read("xl/_rels/workbook.xml.rels")
        _refuse_doctype(rels_xml, name, "xl/_rels/workbook.xml.rels")
        book = SafeET.fromstring(book_xml)
        rels = SafeET.fromstring(rels_xml)
    except InputError:
        raise
    except Exception as err:
        raise InputError(
            f"is damaged ({type(err).__name__}: {err}); save it again as .xlsx", file=name
        ) from None
    targets = {}
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = str(PurePosixPath("xl") / target)
        targets[rel.get("Id")] = member
    members = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        member = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if "worksheets/" in member:
            members[sheet.get("name")] = member
    return members


def open_workbook(
    path: str | Path, *, max_bytes: int = MAX_EXPANDED_BYTES, text: object = None
) -> Workbook:
    """Open an untrusted .xlsx workbook after checking format, sizes and XML safety.

    A ``.csv``/``.tsv``/``.txt`` file or an SPSS ``.sav`` file is opened as a workbook of one
    sheet instead (see :mod:`maturity.io.tabular`), with its own checks and size caps; any
    other suffix is read as .xlsx, so a CSV renamed .xlsx is refused as before. A workbook
    saved as Strict Open XML is read like any other (its namespaces are mapped).

    Parameters
    ----------
    path : str or Path
    max_bytes : int
        Refuse workbooks that expand to more than this many bytes.
    text : TextOptions, optional
        For delimited text: delimiter, encoding, decimal mark (each detected when not given;
        see :class:`maturity.io.tabular.TextOptions`).

    Returns
    -------
    Workbook

    Raises
    ------
    InputError
        Naming the file and what to do, for every kind of file that is not a sound workbook.

    Examples
    --------
    >>> book = open_workbook("data/raw/kodbok.xlsx")  # doctest: +SKIP
    >>> book.sheet_names                               # doctest: +SKIP
    ['statements', 'scale', 'organisations']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix in SPSS_SUFFIXES:
        return _open_tabular(path, text)
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as archive:
            scans = _check_archive(archive, path.name, max_bytes)
            for member in ("[Content_Types].xml", "xl/sharedStrings.xml", "xl/styles.xml"):
                if member in archive.NameToInfo:
                    _refuse_doctype(archive.read(member), path.name, member)
            members = _sheet_members(archive, path.name)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError) as err:
        raise InputError(
            f"is damaged or truncated ({type(err).__name__}: {err}); ask the sender for a new "
            "copy or save it again as .xlsx",
            file=path.name,
        ) from None
    except Exception as err:
        raise InputError(
            f"could not be opened ({type(err).__name__}: {err}); save it again as .xlsx",
            file=path.name,
        ) from None
    return Workbook(path, path.name, list(members), members, _scans=scans)


#: File suffixes opened as delimited text by :mod:`maturity.io.tabular`.
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
#: File suffixes opened as SPSS data files by :mod:`maturity.io.tabular`.
SPSS_SUFFIXES = frozenset({".sav", ".zsav"})


def _open_tabular(path: Path, options: object) -> Workbook:
    from maturity.io import tabular

    if not path.exists():
        raise InputError("does not exist", file=str(path))
    if path.is_dir():
        raise InputError("is a folder, not a workbook", file=path.name)
    if path.suffix.lower() in SPSS_SUFFIXES:
        return tabular.open_spss(path)
    return tabular.open_text(path, options)
