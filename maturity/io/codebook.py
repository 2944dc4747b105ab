"""Reading and validating the codebook workbook (sheets ``statements``, ``scale``,
``organisations``).

A codebook error is not a data problem to log but a broken instrument: it raises
:class:`~maturity.errors.InputError` naming the sheet and row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from maturity.codebook import Codebook
from maturity.errors import InputError
from maturity.io.opener import Sheet, open_workbook
from maturity.io.problems import cell_name
from maturity.io.values import as_text, is_blank, normalise, parse_number, parse_yes_no

__all__ = ["read_codebook"]

_SHEETS = {
    "statements": {"statements", "påståenden", "pastaenden", "frågor"},
    "scale": {"scale", "skala", "svarsskala"},
    "organisations": {"organisations", "organizations", "organisationer", "kommuner"},
}
_COLUMNS = {
    "statement": {"statement", "id", "påstående", "statement id", "påstående-id", "fråga"},
    "text": {"text", "påståendetext", "statement text", "formulering"},
    "role": {"role", "roll", "respondentroll"},
    "dimension": {"dimension", "område", "dimension/område"},
    "reverse": {"reverse", "omvänd", "omvänt", "reversed", "omvänd skala"},
    "label": {"label", "etikett", "svar", "svarsalternativ", "answer"},
    "value": {"value", "värde", "poäng", "score"},
    "organisation": {"organisation", "organization", "kommun", "namn"},
    "alias": {"alias", "aliases", "alias/alternativt namn", "alternativt namn"},
}


def _find_sheet(names: list[str], kind: str) -> str | None:
    for name in names:
        if normalise(name) in _SHEETS[kind]:
            return name
    return None


def _header(sheet: Sheet, wanted: list[str], required: list[str]) -> tuple[int, dict[str, int]]:
    """Locate the header row (first row naming a required column) and map columns."""
    for r, row in enumerate(sheet.rows[:30]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = normalise(as_text(value))
            for column in wanted:
                if key in _COLUMNS[column] and column not in found:
                    found[column] = c
        if all(col in found for col in required):
            return r, found
    missing = ", ".join(required)
    raise InputError(
        f"has no header row naming the columns {missing}", file=sheet.file, sheet=sheet.name
    )


def _rows(sheet: Sheet, header_row: int):
    for r in range(header_row + 1, sheet.n_rows):
        if any(not is_blank(v) for v in sheet.rows[r]):
            yield r


def _fail(sheet: Sheet, r: int, c: int, message: str) -> InputError:
    return InputError(message, file=sheet.file, sheet=sheet.name, cell=cell_name(r, c))


def _read_statements(sheet: Sheet) -> pd.DataFrame:
    wanted = ["statement", "text", "role", "dimension", "reverse"]
    header, cols = _header(sheet, wanted, ["statement", "text", "role", "dimension"])
    records, seen_ids, seen_texts = [], {}, {}
    for r in _rows(sheet, header):
        record = {}
        for column in ("statement", "text", "role", "dimension"):
            value = sheet.value(r, cols[column])
            if is_blank(value):
                raise _fail(
                    sheet, r, cols[column], f"row {r + 1}: the {column} is missing"
                )
            record[column] = " ".join(as_text(value).split())
        reverse = parse_yes_no(sheet.value(r, cols["reverse"])) if "reverse" in cols else False
        if reverse is None:
            raise _fail(
                sheet, r, cols["reverse"],
                f"row {r + 1}: reverse must be ja/nej, not {sheet.value(r, cols['reverse'])!r}",
            )
        record["reverse"] = reverse
        key = normalise(record["statement"])
        if key in seen_ids:
            raise _fail(
                sheet, r, cols["statement"],
                f"row {r + 1}: statement id {record['statement']!r} is already used in row "
                f"{seen_ids[key] + 1}",
            )
        text_key = (normalise(record["role"]), normalise(record["text"]))
        if text_key in seen_texts:
            raise _fail(
                sheet, r, cols["text"],
                f"row {r + 1}: the same text is already statement "
                f"{seen_texts[text_key]!r} for this role",
            )
        seen_ids[key] = r
        seen_texts[text_key] = record["statement"]
        records.append(record)
    if not records:
        raise InputError("has no statements", file=sheet.file, sheet=sheet.name)
    return pd.DataFrame.from_records(records)


def _read_scale(sheet: Sheet) -> pd.DataFrame:
    header, cols = _header(sheet, ["label", "value"], ["label", "value"])
    labels, values, seen = [], [], {}
    for r in _rows(sheet, header):
        label = sheet.value(r, cols["label"])
        if is_blank(label):
            raise _fail(sheet, r, cols["label"], f"row {r + 1}: the label is missing")
        label = " ".join(as_text(label).split())
        raw = sheet.value(r, cols["value"])
        number = None if is_blank(raw) else parse_number(raw)
        if not is_blank(raw) and (number is None or not float(number).is_integer()):
            raise _fail(
                sheet, r, cols["value"],
                f"row {r + 1}: the value of {label!r} must be a whole number or empty "
                f"(empty = don't know), not {raw!r}",
            )
        key = normalise(label)
        if key in seen:
            raise _fail(
                sheet, r, cols["label"],
                f"row {r + 1}: the label {label!r} is already used in row {seen[key] + 1}",
            )
        seen[key] = r
        labels.append(label)
        values.append(number)
    steps = sorted({int(v) for v in values if v is not None})
    if len(steps) < 2:
        raise InputError("needs at least two numbered steps", file=sheet.file, sheet=sheet.name)
    gaps = sorted(set(range(steps[0], steps[-1] + 1)) - set(steps))
    if gaps:
        raise InputError(
            f"has gaps: no label for the value(s) {', '.join(map(str, gaps))} between "
            f"{steps[0]} and {steps[-1]}",
            file=sheet.file,
            sheet=sheet.name,
        )
    return pd.DataFrame({"label": labels, "value": pd.array(values, dtype="Float64")}).astype(
        {"value": float}
    )


def _read_organisations(sheet: Sheet) -> pd.DataFrame:
    header, cols = _header(sheet, ["organisation", "alias"], ["organisation"])
    names, aliases, owner = [], [], {}
    for r in _rows(sheet, header):
        name = sheet.value(r, cols["organisation"])
        if is_blank(name):
            raise _fail(sheet, r, cols["organisation"], f"row {r + 1}: the organisation is missing")
        name = " ".join(as_text(name).split())
        alias = sheet.value(r, cols["alias"]) if "alias" in cols else ""
        # one alias per row, or several in one cell separated by ";" or line breaks
        written = [] if is_blank(alias) else re.split(r"[;\n|]", as_text(alias))
        for text in (name, *(" ".join(a.split()) for a in written)):
            if not text:
                continue
            key = normalise(text)
            if key in owner and owner[key] != name:
                raise _fail(
                    sheet, r, cols.get("alias", cols["organisation"]),
                    f"row {r + 1}: {text!r} already names the organisation {owner[key]!r}",
                )
            if key not in owner:
                owner[key] = name
                names.append(name)
                aliases.append(text)
    return pd.DataFrame({"organisation": names, "alias": aliases})


def read_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook workbook.

    Sheets (names and headers in Swedish or English, matched case-insensitively):

    * ``statements`` — statement (id), text, role, dimension, reverse (ja/nej, optional);
    * ``scale`` — label, value; a label with an empty value is a don't-know answer ("Vet ej");
    * ``organisations`` (optional) — organisation, alias; one row per alias.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Codebook

    Raises
    ------
    InputError
        For an unreadable file, a missing sheet or column, a duplicate statement id or text,
        a missing role, dimension or text, a scale with gaps or duplicate labels, or an alias
        that names two organisations; the message names the sheet and the cell.

    Examples
    --------
    >>> cb = read_codebook("data/raw/kodbok.xlsx")  # doctest: +SKIP
    >>> cb.statements.columns.tolist()               # doctest: +SKIP
    ['statement', 'text', 'role', 'dimension', 'scale_min', 'scale_max', 'reverse']
    """
    book = open_workbook(path)
    found = {kind: _find_sheet(book.sheet_names, kind) for kind in _SHEETS}
    for kind in ("statements", "scale"):
        if found[kind] is None:
            raise InputError(
                f"is not a codebook: it has no sheet named {kind!r} "
                f"(sheets: {', '.join(book.sheet_names)})",
                file=book.name,
            )
    statements = _read_statements(book.sheet(found["statements"]))
    scale = _read_scale(book.sheet(found["scale"]))
    organisations = (
        _read_organisations(book.sheet(found["organisations"]))
        if found["organisations"]
        else None
    )
    return Codebook.from_frames(statements, scale, organisations)
