"""Test writers for survey exports as the tools write them: delimited text, SPSS, strict OOXML.

Every writer takes rows (header first; ``None`` = empty cell) and writes them the way the tool
or the program does, so the readers see what an analyst gets.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from tests._workbooks import write_rows

#: Transitional OOXML namespaces and their strict counterparts (ISO/IEC 29500 strict).
STRICT_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        "http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _text(value, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        written = str(int(value)) if value.is_integer() else repr(value)
        return written.replace(".", decimal)
    return str(value)


def write_csv(
    path: Path,
    rows: list[list],
    *,
    delimiter: str = ";",
    encoding: str = "cp1252",
    decimal: str = ",",
    bom: bool = False,
    quote_all: bool = False,
    sep_line: bool = False,
) -> Path:
    """Delimited text as Excel or a survey tool saves it (CRLF line ends).

    Swedish Excel: ``delimiter=";", encoding="cp1252", decimal=","``; Excel's "CSV UTF-8":
    ``bom=True``; Google Forms' download: ``delimiter=",", encoding="utf-8", quote_all=True``.
    """
    buffer = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    if sep_line:
        buffer.write(f"sep={delimiter}\r\n")
    for row in rows:
        writer.writerow([_text(v, decimal) for v in row])
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_sav(
    path: Path,
    columns: dict[str, list],
    *,
    labels: dict[str, str] | None = None,
    value_labels: dict[str, dict] | None = None,
    missing: dict[str, list] | None = None,
) -> Path:
    """An SPSS file written by pyreadstat: variables, variable labels, value labels and
    user-defined missing codes (e.g. ``{"F1": [9]}`` for "Vet ej" = 9)."""
    import pyreadstat

    frame = pd.DataFrame(columns)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=labels or {},
        variable_value_labels=value_labels or {},
        missing_ranges=missing or {},
    )
    return path


def write_strict(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook saved as "Strict Open XML Spreadsheet": the transitional namespaces of every
    XML part replaced by the strict ones (the way Excel's strict format names them)."""
    plain = path.with_name(path.stem + "_transitional.xlsx")
    write_rows(plain, sheets)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for old, new in STRICT_NAMESPACES.items():
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            out.writestr(info, data)
    plain.unlink()
    return path
