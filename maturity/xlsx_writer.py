"""Saving openpyxl workbooks byte for byte the same on every run.

openpyxl stamps the document properties with the current time and the zip members with the
current date; both are fixed here, so the same content always gives the same bytes. Large
tables skip openpyxl's cell objects: :class:`SheetRows` writes their rows straight into the
sheet's XML when the workbook is saved, in the bytes openpyxl would write.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["save_workbook", "excel_text", "SheetRows", "FIXED_TIME", "MAX_CELL_CHARS"]

#: Most characters Excel shows in one cell.
MAX_CELL_CHARS = 32_767
# control characters an .xlsx cannot hold (openpyxl raises IllegalCharacterError on them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_text(value: str) -> str:
    """Text an .xlsx cell can hold: control characters escaped as ``\\xNN``, at most
    :data:`MAX_CELL_CHARS` characters.

    Examples
    --------
    >>> excel_text("Tanum\x07")
    'Tanum\\\\x07'
    """
    value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value if len(value) <= MAX_CELL_CHARS else value[: MAX_CELL_CHARS - 1] + "…"


#: The timestamp written into every workbook (document properties and zip members).
FIXED_TIME = dt.datetime(2020, 1, 1, 0, 0, 0)


def save_workbook(workbook, path: str | Path, *, rows: Sequence[SheetRows] = ()) -> Path:
    """Save an openpyxl workbook deterministically.

    Parameters
    ----------
    workbook : openpyxl.Workbook
    path : str or Path
    rows : sequence of SheetRows
        Rows written straight into their sheet's XML (see :class:`SheetRows`).

    Returns
    -------
    Path

    Examples
    --------
    >>> import openpyxl, tempfile, pathlib
    >>> wb = openpyxl.Workbook(); wb.active["A1"] = "Åmål"
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> a = save_workbook(wb, folder / "a.xlsx").read_bytes()
    >>> b = save_workbook(wb, folder / "b.xlsx").read_bytes()
    >>> a == b
    True
    """
    path = Path(path)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "maturity"
    workbook.properties.lastModifiedBy = "maturity"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    bodies = {body.sheet.path.lstrip("/"): body for body in rows if body.size}
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save time
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            if info.filename in bodies:
                data = bodies[info.filename].splice(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dest.writestr(fixed, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


#: Cell text Excel reads as an error value, not as text (openpyxl types it so).
_ERROR_CODES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape(text).replace('"', "&quot;")
    return text.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _number(value) -> str:
    return "" if math.isnan(value) or math.isinf(value) else f"{value:.16g}"


@dataclass
class SheetRows:
    """Rows of a sheet written straight into the sheet's XML when the workbook is saved,
    byte for byte as openpyxl writes cells, without a cell object per value.

    The sheet holds, at its place in these rows, one cell of each style (the first that
    uses it, so that openpyxl numbers the styles in the order it meets them) and the last
    cell (so that the sheet's dimensions are right); :func:`save_workbook` replaces the rows
    openpyxl wrote for them with all the rows.

    Attributes
    ----------
    sheet : Worksheet
    first : int
        The row number of the first row.
    columns : list of list
        Per column, the cell values (None, bool, int, float, str, date or datetime).
    keys : list of list
        Per column, the style key of each cell.
    styled : dict
        Per style key, a cell of the sheet in that style.
    text : frozenset
        The style keys whose cells are text whatever they hold (never an error value). Text
        is never written as a formula.

    Examples
    --------
    >>> import openpyxl
    >>> sheet = openpyxl.Workbook().active
    >>> sheet["A2"].number_format = "0.00"
    >>> rows = SheetRows(sheet, 2, [[1.5, None], ["a&b", None]], [["n", "n"], ["t", "t"]],
    ...                  {"n": sheet["A2"], "t": sheet["B2"]})
    >>> print(rows.xml().replace("</row>", "</row>\\n"))
    <row r="2"><c r="A2" s="1" t="n"><v>1.5</v></c><c r="B2" t="inlineStr"><is><t>a&amp;b</t></is></c></row>
    <row r="3"><c r="A3" s="1" t="n" /></row>
    <BLANKLINE>
    """

    sheet: object
    first: int
    columns: list
    keys: list
    styled: dict
    text: frozenset = frozenset()

    @property
    def size(self) -> int:
        """The number of rows."""
        return len(self.columns[0]) if self.columns else 0

    def xml(self) -> str:
        """The rows as openpyxl writes them (``<row>`` elements), styles numbered as saved."""
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.datetime import to_excel

        ids = {key: (f' s="{c.style_id}"' if c.has_style else "") for key, c in self.styled.items()}
        letters = [get_column_letter(c) for c in range(1, len(self.columns) + 1)]
        epoch = self.sheet.parent.epoch
        dims = self.sheet.row_dimensions
        out = []
        rows = zip(zip(*self.columns, strict=True), zip(*self.keys, strict=True), strict=True)
        for r, (values, keys) in enumerate(rows, start=self.first):
            attributes = {"r": f"{r}"}
            attributes.update(dims.get(r, {}))
            out.append(
                "<row" + "".join(f' {k}="{_escape_attribute(v)}"' for k, v in attributes.items())
            )
            out.append(">")
            for letter, value, key in zip(letters, values, keys, strict=True):
                head = f'<c r="{letter}{r}"{ids[key]}'
                if value is None:
                    if ids[key]:  # an empty cell without a style is not written
                        out.append(head + ' t="n" />')
                elif isinstance(value, str):
                    if key not in self.text and value in _ERROR_CODES:
                        out.append(f'{head} t="e"><v>{_escape(value)}</v></c>')
                    elif value == "":
                        out.append(head + ' t="inlineStr" />')
                    else:
                        stripped = value.strip()
                        space = ' xml:space="preserve"' if stripped and stripped != value else ""
                        out.append(
                            f'{head} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
                        )
                else:
                    kind = "b" if isinstance(value, bool) else "n"
                    if isinstance(value, dt.date | dt.time | dt.timedelta):
                        value = to_excel(value, epoch)
                    number = _number(value)
                    body = f"<v>{number}</v>" if number else "<v />"
                    out.append(f'{head} t="{kind}">{body}</c>')
            out.append("</row>")
        return "".join(out)

    def splice(self, data: bytes) -> bytes:
        """The sheet's XML (as openpyxl saved it) with these rows in place of what it wrote
        for them."""
        xml = data.decode("utf-8")
        start = re.search(rf'<row r="{self.first}"[ >/]', xml).start()
        after = re.compile(rf'<row r="{self.first + self.size}"[ >/]|</sheetData>')
        end = after.search(xml, start).start()
        return (xml[:start] + self.xml() + xml[end:]).encode("utf-8")
