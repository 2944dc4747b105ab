"""Reading and validating the codebook workbook (sheets ``statements``, ``scale``,
``organisations``, ``roles``).

A codebook error is not a data problem to log but a broken instrument: it raises
:class:`~maturity.errors.InputError` naming the sheet and row. Headers are found with the
reading kit (:func:`maturity.io.kit.find_header`, aliases in :data:`maturity.io.kit.ALIASES`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from maturity.codebook import ROLE_LABEL_COLUMNS, Codebook
from maturity.errors import InputError
from maturity.io.kit import HEADER_SEARCH_ROWS, field_of, find_header, sheet_named
from maturity.io.opener import Sheet, Workbook, open_workbook
from maturity.io.problems import cell_name
from maturity.io.values import as_text, is_blank, normalise, parse_number, parse_yes_no

__all__ = ["read_codebook", "detect", "SHEETS", "HEADERS"]

#: The header row of each codebook sheet as ``maturity init`` and the demo write it (the
#: reader also takes the other names of :data:`maturity.io.kit.ALIASES`).
HEADERS = {
    "statements": ["statement", "text", "role", "dimension", "reverse"],
    "scale": ["label", "value"],
    "organisations": ["organisation", "alias"],
    "identity": ["header", "field"],
    "roles": [
        "roll",
        "benämning",
        "plural",
        "bestämd plural",
        "name (en)",
        "plural (en)",
        "plural definite (en)",
    ],
}

#: Names (normalised) of the codebook's sheets, Swedish and English.
SHEETS = {
    "statements": {"statements", "påståenden", "pastaenden", "frågor"},
    "scale": {"scale", "skala", "svarsskala"},
    "organisations": {"organisations", "organizations", "organisationer", "kommuner"},
    "roles": {"roles", "roller", "role names", "rollnamn"},
    "identity": {"identity", "identitet", "identity columns", "identitetskolumner"},
}
#: The fields of each sheet's header row (see :data:`maturity.io.kit.ALIASES`).
_FIELDS = {
    "statements": ("statement", "text", "role", "dimension", "reverse", "parallel"),
    "scale": ("label", "value"),
    "organisations": ("organisation", "alias", "name", "group"),
    "roles": tuple(ROLE_LABEL_COLUMNS),
    "identity": ("identity_header", "identity_field"),
}
#: What an ``identity`` row may say a header is (see :data:`maturity.io.kit.ALIASES`).
IDENTITY_FIELDS = ("organisation", "role", "respondent", "wave", "skip")


def detect(book: Workbook) -> bool:
    """True when a workbook is a codebook: it has a statements and a scale sheet.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/kodbok.xlsx"))  # doctest: +SKIP
    True
    """
    return all(sheet_named(book, SHEETS[kind]) is not None for kind in ("statements", "scale"))


def _header(sheet: Sheet, kind: str, required: list[str]) -> tuple[int, dict[str, int]]:
    """Locate the header row (the first naming every required column) and map columns.

    A codebook sheet holding an Excel error value (``#N/A`` …) is refused at that cell: an
    error read as blank would silently change a statement (``reverse``) or a step.
    """
    for (r, c), error in sorted(sheet.error_cells.items()):
        raise _fail(sheet, r, c, f"holds the Excel error value {error}; type the value instead")
    fields = _FIELDS[kind]
    row, found, _ = find_header(
        sheet,
        lambda value: field_of(value, fields),
        lambda columns: all(col in columns for col in required),
    )
    if row is None:
        missing = ", ".join(required)
        raise InputError(
            f"has no header row naming the columns {missing} in its first "
            f"{HEADER_SEARCH_ROWS} rows",
            file=sheet.file,
            sheet=sheet.name,
        )
    return row, found


def _rows(sheet: Sheet, header_row: int):
    for r in range(header_row + 1, sheet.n_rows):
        if any(not is_blank(v) for v in sheet.rows[r]):
            yield r


def _fail(sheet: Sheet, r: int, c: int, message: str) -> InputError:
    return InputError(message, file=sheet.file, sheet=sheet.name, cell=cell_name(r, c))


def _read_statements(sheet: Sheet) -> pd.DataFrame:
    header, cols = _header(sheet, "statements", ["statement", "text", "role", "dimension"])
    records, seen_ids, seen_texts = [], {}, {}
    for r in _rows(sheet, header):
        record = {}
        for column in ("statement", "text", "role", "dimension"):
            value = sheet.value(r, cols[column])
            if is_blank(value):
                raise _fail(sheet, r, cols[column], f"row {r + 1}: the {column} is missing")
            record[column] = " ".join(as_text(value).split())
        reverse = parse_yes_no(sheet.value(r, cols["reverse"])) if "reverse" in cols else False
        if reverse is None:
            raise _fail(
                sheet,
                r,
                cols["reverse"],
                f"row {r + 1}: reverse must be ja/nej, not {sheet.value(r, cols['reverse'])!r}",
            )
        record["reverse"] = reverse
        key = normalise(record["statement"])
        if key in seen_ids:
            raise _fail(
                sheet,
                r,
                cols["statement"],
                f"row {r + 1}: statement id {record['statement']!r} is already used in row "
                f"{seen_ids[key] + 1}",
            )
        text_key = (normalise(record["role"]), normalise(record["text"]))
        if text_key in seen_texts:
            raise _fail(
                sheet,
                r,
                cols["text"],
                f"row {r + 1}: the same text is already statement "
                f"{seen_texts[text_key]!r} for this role",
            )
        seen_ids[key] = r
        seen_texts[text_key] = record["statement"]
        records.append(record)
    if not records:
        raise InputError("has no statements", file=sheet.file, sheet=sheet.name)
    table = pd.DataFrame.from_records(records)
    if "parallel" in cols:
        table["parallel"] = _read_parallel(sheet, cols["parallel"], table, seen_ids)
    return table


def _read_parallel(sheet: Sheet, c: int, table: pd.DataFrame, rows: dict) -> list:
    """The optional ``parallel`` column: the id of the counterpart statement of another role.

    The named id must exist and belong to another role; a pair written on one side only is
    made symmetric; a statement named by two others, or naming one that names a third, is
    refused at its cell. Returns the counterpart id (or None) of each statement.
    """
    ids = {normalise(s): s for s in table["statement"]}
    role_of = dict(zip(table["statement"], table["role"], strict=True))
    row_of = {s: rows[normalise(s)] for s in table["statement"]}
    partner: dict[str, str] = {}
    for statement in table["statement"]:
        r = row_of[statement]
        raw = sheet.value(r, c)
        if is_blank(raw):
            continue
        other = ids.get(normalise(as_text(raw)))
        if other is None:
            raise _fail(sheet, r, c, f"row {r + 1}: {as_text(raw)!r} is no statement id")
        if normalise(role_of[other]) == normalise(role_of[statement]):
            raise _fail(
                sheet,
                r,
                c,
                f"row {r + 1}: {other!r} is a statement of the same role ({role_of[other]}); "
                "a parallel statement belongs to another role",
            )
        for a, b in ((statement, other), (other, statement)):
            if partner.setdefault(a, b) != b:
                raise _fail(
                    sheet,
                    r,
                    c,
                    f"row {r + 1}: {a!r} is already parallel to {partner[a]!r}; "
                    "a statement has at most one parallel statement",
                )
    return [partner.get(s) for s in table["statement"]]


#: Largest absolute value of a step of the answer scale (real scales: 1-5, 0-10, 1-7).
MAX_SCALE_VALUE = 100


def _read_scale(sheet: Sheet) -> pd.DataFrame:
    header, cols = _header(sheet, "scale", ["label", "value"])
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
                sheet,
                r,
                cols["value"],
                f"row {r + 1}: the value of {label!r} must be a whole number or empty "
                f"(empty = don't know), not {raw!r}",
            )
        if number is not None and not -MAX_SCALE_VALUE <= number <= MAX_SCALE_VALUE:
            raise _fail(  # a step sizes ranges and axes: never a billion of them
                sheet,
                r,
                cols["value"],
                f"row {r + 1}: the value {raw!r} of {label!r} is not a plausible scale step "
                f"(answer scales run e.g. 1-5; at most -{MAX_SCALE_VALUE} to {MAX_SCALE_VALUE})",
            )
        key = normalise(label)
        if key in seen:
            raise _fail(
                sheet,
                r,
                cols["label"],
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
    try:
        header, cols = _header(sheet, "organisations", ["organisation"])
    except InputError:  # a "Namn" column names the organisation on this sheet
        header, cols = _header(sheet, "organisations", ["name"])
        cols["organisation"] = cols.pop("name")
    names, aliases, owner, groups = [], [], {}, {}
    for r in _rows(sheet, header):
        name = sheet.value(r, cols["organisation"])
        if is_blank(name):
            raise _fail(sheet, r, cols["organisation"], f"row {r + 1}: the organisation is missing")
        name = " ".join(as_text(name).split())
        if "group" in cols:  # optional comparison group (e.g. SKR's kommungrupp)
            _read_group(sheet, r, cols["group"], name, groups)
        alias = sheet.value(r, cols["alias"]) if "alias" in cols else ""
        # one alias per row, or several in one cell separated by ";" or line breaks
        written = [] if is_blank(alias) else re.split(r"[;\n|]", as_text(alias))
        for text in (name, *(" ".join(a.split()) for a in written)):
            if not text:
                continue
            key = normalise(text)
            if key in owner and owner[key] != name:
                raise _fail(
                    sheet,
                    r,
                    cols.get("alias", cols["organisation"]),
                    f"row {r + 1}: {text!r} already names the organisation {owner[key]!r}",
                )
            if key not in owner:
                owner[key] = name
                names.append(name)
                aliases.append(text)
    table = pd.DataFrame({"organisation": names, "alias": aliases})
    if "group" in cols:
        table["group"] = [groups.get(name) for name in names]
    return table


def _read_group(sheet: Sheet, r: int, c: int, name: str, groups: dict) -> None:
    """The comparison group of an organisation's row; one group per organisation."""
    value = sheet.value(r, c)
    if is_blank(value):
        return
    group = " ".join(as_text(value).split())
    if groups.setdefault(name, group) != group:
        raise _fail(sheet, r, c, f"row {r + 1}: {name!r} is already in the group {groups[name]!r}")


def _read_roles(sheet: Sheet, roles: list[str]) -> pd.DataFrame:
    """The display names of the roles: one row per role named, validated against ``roles``."""
    header, cols = _header(sheet, "roles", ["role"])
    by_key = {normalise(role): role for role in roles}
    records, seen = [], {}
    for r in _rows(sheet, header):
        raw = sheet.value(r, cols["role"])
        if is_blank(raw):
            raise _fail(sheet, r, cols["role"], f"row {r + 1}: the role is missing")
        role = by_key.get(normalise(as_text(raw)))
        if role is None:
            raise _fail(
                sheet,
                r,
                cols["role"],
                f"row {r + 1}: {as_text(raw)!r} is no role of the statements ({', '.join(roles)})",
            )
        if role in seen:
            raise _fail(
                sheet,
                r,
                cols["role"],
                f"row {r + 1}: the role {role!r} is already named in row {seen[role] + 1}",
            )
        seen[role] = r
        record = {"role": role}
        for column in ROLE_LABEL_COLUMNS[1:]:
            if column in cols and not is_blank(sheet.value(r, cols[column])):
                record[column] = " ".join(as_text(sheet.value(r, cols[column])).split())
        records.append(record)
    return pd.DataFrame.from_records(records, columns=ROLE_LABEL_COLUMNS)


def _read_identity(sheet: Sheet) -> pd.DataFrame:
    """Headers of survey exports that name an identity column ("Vilken kommun …?")."""
    header, cols = _header(sheet, "identity", ["identity_header", "identity_field"])
    headers, fields, seen = [], [], {}
    for r in _rows(sheet, header):
        text, raw = sheet.value(r, cols["identity_header"]), sheet.value(r, cols["identity_field"])
        if is_blank(text):
            raise _fail(sheet, r, cols["identity_header"], f"row {r + 1}: the header is missing")
        name = field_of(as_text(raw), IDENTITY_FIELDS)
        if name is None:
            raise _fail(
                sheet,
                r,
                cols["identity_field"],
                f"row {r + 1}: {as_text(raw)!r} is none of organisation, role, respondent, wave, "
                "skip",
            )
        key = normalise(as_text(text))
        if key in seen:
            raise _fail(sheet, r, cols["identity_header"], f"row {r + 1}: repeats row {seen[key]}")
        seen[key] = r + 1
        headers.append(" ".join(as_text(text).split()))
        fields.append(name)
    return pd.DataFrame({"header": headers, "field": fields}, dtype=object)


def read_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook workbook.

    Sheets (names and headers in Swedish or English, matched case-insensitively):

    * ``statements`` — statement (id), text, role, dimension, reverse (ja/nej, optional),
      parallel (parallell, motsvarar; optional): the id of the statement of another role that
      asks the same thing, so that the roles are compared on it; a pair written on one side
      is read as written on both;
    * ``scale`` — label, value; a label with an empty value is a don't-know answer ("Vet ej");
    * ``organisations`` (optional) — organisation, alias; one row per alias;
    * ``roles`` (optional, ``roller``) — role (roll), name (benämning, namn), plural,
      plural definite (bestämd plural) and the English forms (``name (en)``, ``name_en``,
      ``engelska``, ``plural (en)``, ``plural definite (en)``): how each role is shown.
      Missing cells and roles get defaults (see :attr:`Codebook.role_labels`);
    * ``identity`` (optional, ``identitet``) — header (rubrik, fråga), field (fält, betyder):
      a header of the survey exports that names an identity column, and which (organisation,
      role, respondent or wave; Swedish words too: kommun, roll, våg), e.g. "Vilken kommun
      arbetar du i?" → organisation; or ``skip`` (hoppa över): a column the survey reader
      reads past, reported once by its header (``maturity init`` names so the columns it
      leaves out).

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
        a missing role, dimension or text, a parallel statement that does not exist, is of the
        same role or pairs a statement twice, a scale with gaps or duplicate labels, an alias
        that names two organisations, or a roles sheet naming an unknown role or a role
        twice; the message names the sheet and the cell.

    Examples
    --------
    >>> cb = read_codebook("data/raw/kodbok.xlsx")  # doctest: +SKIP
    >>> cb.statements.columns.tolist()               # doctest: +SKIP
    ['statement', 'text', 'role', 'dimension', 'scale_min', 'scale_max', 'reverse']
    >>> cb.role_labels.loc[0, ["role", "plural_en"]].tolist()  # doctest: +SKIP
    ['förvaltningschef', 'Heads of department']
    """
    book = open_workbook(path)
    found = {kind: sheet_named(book, names) for kind, names in SHEETS.items()}
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
        _read_organisations(book.sheet(found["organisations"])) if found["organisations"] else None
    )
    roles = list(dict.fromkeys(statements["role"]))
    role_labels = _read_roles(book.sheet(found["roles"]), roles) if found["roles"] else None
    identity = _read_identity(book.sheet(found["identity"])) if found["identity"] else None
    return Codebook.from_frames(statements, scale, organisations, role_labels, identity)
