"""Saving openpyxl workbooks byte for byte the same on every run.

openpyxl stamps the document properties with the current time and the zip members with the
current date; both are fixed here, so the same content always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

__all__ = ["save_workbook", "excel_text", "FIXED_TIME", "MAX_CELL_CHARS"]

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


def save_workbook(workbook, path: str | Path) -> Path:
    """Save an openpyxl workbook deterministically.

    Parameters
    ----------
    workbook : openpyxl.Workbook
    path : str or Path

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
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dest.writestr(fixed, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path
