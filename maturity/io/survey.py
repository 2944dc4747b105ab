"""Reading survey exports into the tidy ``responses`` table, every cell accounted for.

A survey export has one row per respondent (see ``DESIGN.md``). The header row is the first row
naming the organisation column ("Organisation", "Kommun"); title rows above it are skipped.
Without an organisation column the header row is the first row with statement columns, and the
organisation comes from the file name (one file per organisation). "Roll"/"Role" names the role
(otherwise the sheet name is the role); "Respondent"/"ID" the respondent; personal columns
("Namn", "E-post", "Starttid", …) are read past and never carried. Every other column is a
statement, headed by its id or by its full text (matched tolerant of case, whitespace, line
breaks and trailing punctuation).

What counts as a *cell read* (the invariant ``cells_read == len(responses) + len(problems)``):

* every non-blank cell in a statement column of a respondent row, and every blank cell of a
  statement the respondent's role is asked (a blank answer is accepted as a missing score);
* every non-blank cell under a header that matches no statement, and that header itself;
* a formula cell saved without its value, wherever it sits in the answer area;
* a stray cell far outside the data, and an empty sheet or file (one cell each).

A cell read is either one row of ``responses`` or one row of ``problems``, never both, never
neither.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from maturity.codebook import Codebook
from maturity.io.codebook import read_codebook
from maturity.io.kit import workbook_paths
from maturity.io.opener import TableSheet, open_workbook
from maturity.io.problems import ProblemLog, column_letter
from maturity.io.values import as_text, is_blank, normalise, parse_number
from maturity.organisations import OrganisationResolver

__all__ = ["Survey", "read_survey", "read_codebook", "RESPONSE_COLUMNS", "survey_files"]

RESPONSE_COLUMNS = [
    "wave", "organisation", "role", "respondent", "statement", "dimension", "score", "answer",
    "source",
]

ORGANISATION_HEADERS = {"organisation", "organization", "kommun", "organisation/kommun",
                        "förvaltning/organisation", "org"}
ROLE_HEADERS = {"roll", "role", "respondentroll", "befattning"}
RESPONDENT_HEADERS = {"respondent", "id", "respondent id", "respondent-id", "respondentid",
                      "svars-id", "svarsid", "response id", "löpnummer"}
WAVE_HEADERS = {"wave", "våg", "omgång", "mätomgång", "undersökningsår"}
#: Columns read past and never carried into any output (names, contact details, timestamps).
PERSONAL_HEADERS = {
    "namn", "name", "förnamn", "efternamn", "first name", "last name", "full name",
    "e-post", "epost", "e-postadress", "email", "e-mail", "mail", "email address",
    "starttid", "sluttid", "start time", "end time", "completion time", "tidpunkt", "datum",
    "date", "timestamp", "tidsstämpel", "inskickad", "submitted", "senast ändrad",
    "last modified", "ip", "ip-adress", "ip address", "telefon", "phone", "mobil",
    "personnummer", "användare", "user", "username", "kommentar", "kommentarer", "comment",
    "comments", "övriga synpunkter", "titel", "title",
}
# "F04. text", "4 - label", "f04 – text": a short token, a separator, the rest
_NUMBERED = re.compile(r"^([\w.,]{1,12}?)\s*(?:[.:=)–—-]\s*|\s+)(.*)$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maturity-sources")

# cell outcomes inside the answer area
_OK, _OUT_OF_SCALE, _UNKNOWN_LABEL, _INVALID = 0, 1, 2, 3


@dataclass
class Survey:
    """The result of :func:`read_survey`.

    Attributes
    ----------
    responses : DataFrame
        The tidy ``responses`` table (``wave, organisation, role, respondent, statement,
        dimension, score, answer, source``); categorical columns for the ids.
    problems : DataFrame
        ``source, kind, value, message``: one row per cell that could not be accepted.
    cells_read : int
        Cells considered (see the module docstring); equals
        ``len(responses) + len(problems)``.
    codebook : Codebook
    files : list of str
        The files read, in order.
    """

    responses: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int
    codebook: Codebook
    files: list[str] = field(default_factory=list)

    def summary(self) -> pd.DataFrame:
        """Problems counted by kind, largest first.

        Examples
        --------
        >>> survey.summary()  # doctest: +SKIP
        """
        counts = self.problems["kind"].value_counts()
        return counts.rename_axis("kind").reset_index(name="cells")


#: The workbooks named by a file, a folder or a list of either (see
#: :func:`maturity.io.kit.workbook_paths`).
survey_files = workbook_paths


class _Context:
    """What stays fixed while reading one survey: codebook lookups and the problem log."""

    def __init__(self, codebook: Codebook, strict: bool, wave: int | None) -> None:
        self.codebook = codebook
        self.log = ProblemLog(strict=strict)
        self.wave = wave
        st = codebook.statements
        self.statement_ids = st["statement"].tolist()
        self.by_key: dict[str, int] = {}
        for i, (sid, text) in enumerate(zip(st["statement"], st["text"], strict=True)):
            self.by_key.setdefault(normalise(sid), i)
            self.by_key.setdefault(normalise(text), i)
        self.roles = codebook.roles
        self.role_key = {normalise(r): r for r in self.roles}
        self.asks = np.array(
            [[row_role == role for row_role in st["role"]] for role in self.roles], dtype=bool
        )
        self.reverse = st["reverse"].to_numpy(dtype=bool)
        self.lo, self.hi = codebook.scale_min, codebook.scale_max
        self.labels: dict[str, float] = {}
        for label, value in zip(codebook.scale["label"], codebook.scale["value"], strict=True):
            self.labels[normalise(label)] = float(value)
        self.resolve = OrganisationResolver(codebook.organisations)
        self.seen: dict[tuple, str] = {}
        self.cells_read = 0
        self.parts: list[dict[str, np.ndarray]] = []
        self.names: dict[str, dict[object, int]] = {"organisation": {}, "respondent": {},
                                                    "answer": {}}

    def codes(self, column: str, values) -> np.ndarray:
        """Integer codes of ``values`` in a table of distinct values shared by all sheets."""
        table = self.names[column]
        return np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int64,
                           count=len(values))

    def problem(self, source: str, kind: str, value: object, message: str) -> None:
        self.cells_read += 1
        self.log.add(source, kind, as_text(value), message)

    def match_statement(self, key: str) -> int | None:
        """Index of the statement a normalised header names, or None.

        Exact id or text first; then an id or text with a prefix, as survey tools write them:
        "F04. I vår verksamhet …", "F04 – I vår …", "Fråga 4: I vår verksamhet …".
        """
        if key in self.by_key:
            return self.by_key[key]
        found = _NUMBERED.match(key)
        if found:
            head, rest = found.group(1), normalise(found.group(2))
            if head in self.by_key and (not rest or self.by_key.get(rest) in
                                        (None, self.by_key[head])):
                return self.by_key[head]
            if rest in self.by_key:
                return self.by_key[rest]
        if ":" in key:
            rest = normalise(key.split(":", 1)[1])
            if rest in self.by_key:
                return self.by_key[rest]
        return None

    def classify(self, value: object, booleans: bool = False) -> tuple[float, int]:
        """(score before reversal, outcome) of one distinct non-blank answer.

        ``booleans``: the sheet has TRUE/FALSE cells, which read as the text "true"/"false".
        """
        if value in ("true", "false", True, False) and booleans:
            return np.nan, _INVALID
        number = parse_number(value)
        if number is not None:
            if number.is_integer() and self.lo <= number <= self.hi:
                return number, _OK
            return np.nan, _OUT_OF_SCALE
        if isinstance(value, str):
            key = normalise(value)
            if key in self.labels:
                return self.labels[key], _OK
            # "4 - Instämmer i hög grad", "4 = …", "4. …": the number and its own label
            found = _NUMBERED.match(key)
            if found and parse_number(found.group(1)) is not None:
                number = parse_number(found.group(1))
                if self.labels.get(normalise(found.group(2))) == number:
                    return number, _OK
            return np.nan, _UNKNOWN_LABEL
        return np.nan, _INVALID


@dataclass
class _Header:
    row: int
    organisation: int | None = None
    role: int | None = None
    respondent: int | None = None
    wave: int | None = None
    statements: list[tuple[int, int]] = field(default_factory=list)  # (column, statement index)
    unknown: list[int] = field(default_factory=list)  # columns whose header matches nothing
    duplicate: list[tuple[int, int]] = field(default_factory=list)  # (column, first column)
    ignored: set = field(default_factory=set)


def _bare(key: str) -> str:
    """A normalised header without a trailing remark: "kommun (organisation)" -> "kommun"."""
    return key.split(" (")[0].split(" [")[0].strip()


def _find_header(sheet: TableSheet, ctx: _Context) -> _Header | None:
    head = sheet.head(50)
    limit = len(head)
    chosen = None
    for r in range(limit):
        keys = [normalise(as_text(v)) for v in head[r]]
        if any(_bare(k) in ORGANISATION_HEADERS for k in keys):
            chosen = r
            break
    if chosen is None:  # no organisation column: the first row with two statement headers
        for r in range(limit):
            keys = [normalise(as_text(v)) for v in head[r]]
            if sum(k in ctx.by_key for k in keys) >= 2:
                chosen = r
                break
    if chosen is None:
        return None
    header = _Header(chosen)
    first_column: dict[int, int] = {}
    for c, value in enumerate(head[chosen]):
        key = normalise(as_text(value))
        if not key:
            continue
        for attr, names in (("organisation", ORGANISATION_HEADERS), ("role", ROLE_HEADERS),
                            ("respondent", RESPONDENT_HEADERS), ("wave", WAVE_HEADERS)):
            if _bare(key) in names and getattr(header, attr) is None:
                setattr(header, attr, c)
                break
        else:
            index = ctx.match_statement(key)
            if index is not None:
                if index in first_column:
                    header.duplicate.append((c, first_column[index]))
                else:
                    first_column[index] = c
                    header.statements.append((c, index))
            elif _bare(key) in PERSONAL_HEADERS:
                header.ignored.add(c)
            else:
                header.unknown.append(c)
    return header


def _pseudonym(value: str) -> str:
    """Never carry an e-mail address or a name as respondent id: hash anything with '@'."""
    if "@" in value:
        return "r" + hashlib.sha256(value.strip().lower().encode()).hexdigest()[:12]
    return value


def _resolve_from_name(text: str, ctx: _Context) -> str | None:
    """An organisation from a file name such as 'Åmåls kommun.xlsx' or 'svar_Tanum_2022'."""
    if not ctx.resolve.checks:
        return text
    candidates = [text, *re.split(r"[_]|\s+-\s+|\s+", text)]
    cleaned = _YEAR.sub("", text).strip(" _-")
    candidates.insert(1, cleaned)
    for candidate in candidates:
        name = ctx.resolve(candidate.strip(" _-"))
        if name:
            return name
    return None


def _file_wave(path: Path) -> int | None:
    for text in (path.stem, path.parent.name):
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def _take(array: np.ndarray, rows: np.ndarray, cols: list[int]) -> np.ndarray:
    """``array[rows][:, cols]``, as a cheap view when rows and columns are contiguous."""
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        sub = array[rows[0]: rows[-1] + 1]
    else:
        sub = array[rows]
    if cols and cols[-1] - cols[0] + 1 == len(cols) and cols == sorted(cols):
        return sub[:, cols[0]: cols[-1] + 1]
    return sub[:, cols]


def _cell_codes(sheet: TableSheet, first_row: int) -> tuple[np.ndarray, list]:
    """Codes (rows x columns) of the cells from ``first_row`` on, and the distinct texts.

    One dictionary encoding over all columns (Arrow, in C++); the last code is the empty cell.
    """
    n_rows = max(sheet.n_rows - first_row, 0)
    width = max(sheet.n_cols, 1)
    columns = [c.slice(first_row) for c in sheet.columns] or [pa.nulls(n_rows, pa.string())]
    encoded = pc.dictionary_encode(pa.concat_arrays(columns))
    uniques = [*encoded.dictionary.to_pylist(), ""]
    filled = pc.fill_null(encoded.indices, len(uniques) - 1)
    codes = filled.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    return codes.reshape(width, n_rows).T, uniques


def _identity_status(i, r, codes, blank_u, uniques, header, ctx, sheet, file_org,
                     org_u, role_u, sheet_role):
    """(organisation, role, status) of one respondent row; status None when the row is fine."""
    status = None
    if header.organisation is not None:
        code = codes[i, header.organisation]
        org = org_u.get(code)
        if blank_u[code]:
            where = sheet.source(r, header.organisation)
            status = ("missing_value", f"row {r + 1} has no organisation ({where})")
        elif org is None:
            where = sheet.source(r, header.organisation)
            status = ("unknown_organisation",
                      f"unknown organisation {as_text(uniques[code])!r} in {where}; add it or "
                      "an alias to the codebook's organisations sheet")
    else:
        org = file_org
        if org is None:
            status = ("unknown_organisation",
                      f"the file name {sheet.file!r} names no organisation of the codebook and "
                      "the sheet has no Organisation column")
    if header.role is not None:
        code = codes[i, header.role]
        role = role_u.get(code)
        if status is None and role is None:
            where = sheet.source(r, header.role)
            status = (("missing_value", f"row {r + 1} has no role ({where})") if blank_u[code]
                      else ("unknown_role",
                            f"unknown role {as_text(uniques[code])!r} in {where}; the codebook "
                            f"has {', '.join(ctx.roles)}"))
    else:
        role = sheet_role
        if status is None and role is None:
            status = ("unknown_role",
                      f"the sheet name {sheet.name!r} is no role of the codebook "
                      f"({', '.join(ctx.roles)}) and the sheet has no Roll column")
    return org, role, status


def _read_sheet(sheet: TableSheet, path: Path, ctx: _Context) -> None:
    """Validate one sheet; add accepted cells to ``ctx.parts`` and problems to the log."""
    for r, c, value in sheet.stray_cells:
        ctx.problem(sheet.source(r, c), "stray_cell", value,
                    "a cell far outside the data block; delete it or move it into the table")
    if sheet.is_empty():
        if not sheet.stray_cells:
            ctx.problem(f"{sheet.file}:{sheet.name}:A1", "empty_sheet", "",
                        "the sheet is empty")
        return
    header = _find_header(sheet, ctx)
    if header is None:
        ctx.problem(
            f"{sheet.file}:{sheet.name}:A1", "missing_column", "",
            "no header row found: no column named Organisation/Kommun and no columns headed by "
            "statements of the codebook",
        )
        return
    h = header.row
    codes, uniques = _cell_codes(sheet, h + 1)
    formula = np.zeros(codes.shape, dtype=bool)
    for r, c in sheet.formula_cells:
        if r > h:
            formula[r - h - 1, c] = True
    blank_u = np.array([is_blank(v) for v in uniques], dtype=bool)
    blank = blank_u[codes]
    used = np.zeros(codes.shape[1], dtype=bool)
    for c in (header.organisation, header.role, header.respondent, header.wave):
        if c is not None:
            used[c] = True
    used[list(header.ignored)] = True
    statement_cols = [c for c, _ in header.statements]
    used[statement_cols] = True
    content = ~blank | formula

    # columns whose header matches nothing, duplicate columns, and values with no header
    for c in header.unknown:
        title = as_text(sheet.value(h, c))
        ctx.problem(sheet.source(h, c), "unknown_statement", title,
                    f"the column header {title!r} matches no statement of the codebook")
        for i in np.flatnonzero(content[:, c]):
            ctx.problem(sheet.source(h + 1 + i, c), "unknown_statement", uniques[codes[i, c]],
                        f"answer under the header {title!r} (column {column_letter(c)}), "
                        "which matches no statement")
        used[c] = True
    for c, first in header.duplicate:
        for i in np.flatnonzero(content[:, c]):
            ctx.problem(sheet.source(h + 1 + i, c), "duplicate_column", uniques[codes[i, c]],
                        f"column {column_letter(c)} repeats the statement of column "
                        f"{column_letter(first)}; its answers are not used")
        used[c] = True
    for i, c in zip(*np.nonzero(content[:, ~used]), strict=True):
        c = np.flatnonzero(~used)[c]
        ctx.problem(sheet.source(h + 1 + i, c), "unknown_statement", uniques[codes[i, c]],
                    f"a value in column {column_letter(c)}, which has no header")

    if not statement_cols:
        if not header.unknown:
            ctx.problem(sheet.source(h, 0), "missing_column", "",
                        "the header row has no statement columns")
        return

    # identity of each respondent row, resolved once per distinct value
    rows_idx = np.flatnonzero(content.any(axis=1))
    org_u = {k: ctx.resolve(uniques[k]) for k in np.unique(codes[rows_idx, header.organisation])
             if not blank_u[k]} if header.organisation is not None else None
    role_u = {k: ctx.role_key.get(normalise(as_text(uniques[k])))
              for k in np.unique(codes[rows_idx, header.role])} if header.role is not None else None
    file_org = _resolve_from_name(path.stem, ctx) if header.organisation is None else None
    sheet_role = ctx.role_key.get(normalise(sheet.name))
    default_wave = ctx.wave if ctx.wave is not None else (_file_wave(path) or 1)
    n = len(rows_idx)
    statuses: list[tuple[str, str] | None] = [None] * n
    organisations = np.empty(n, dtype=object)
    roles = np.full(n, -1, dtype=np.int64)
    respondents = np.empty(n, dtype=object)
    waves = np.full(n, default_wave, dtype=np.int64)
    role_index = {role: k for k, role in enumerate(ctx.roles)}
    for k, i in enumerate(rows_idx):
        r = h + 1 + i
        org, role, status = _identity_status(i, r, codes, blank_u, uniques, header, ctx,
                                             sheet, file_org, org_u, role_u, sheet_role)
        if header.wave is not None and not blank[i, header.wave]:
            number = parse_number(uniques[codes[i, header.wave]])
            if number is None or not number.is_integer():
                status = status or ("invalid_value",
                                    f"the wave {as_text(uniques[codes[i, header.wave]])!r} in "
                                    f"{sheet.source(r, header.wave)} is not a whole number")
            else:
                waves[k] = int(number)
        if header.respondent is not None and not blank[i, header.respondent]:
            respondent = _pseudonym(as_text(uniques[codes[i, header.respondent]]).strip())
        else:
            respondent = f"{path.stem}:{sheet.name}:{r + 1}"
        if status is None:
            key = (waves[k], org, role, respondent)
            first = ctx.seen.get(key)
            if first is not None:
                status = ("duplicate_respondent",
                          f"respondent {respondent!r} ({org}, {role}) already answered in "
                          f"{first}; this row is not used")
            else:
                ctx.seen[key] = f"{sheet.file}:{sheet.name} row {r + 1}"
        statuses[k] = status
        organisations[k] = org
        roles[k] = role_index.get(role, -1)
        respondents[k] = respondent

    # the answer area: respondent rows x statement columns
    st_index = np.array([s for _, s in header.statements])
    a_codes = _take(codes, rows_idx, statement_cols)
    a_blank = blank_u[a_codes]
    any_formula = bool(sheet.formula_cells)
    a_formula = _take(formula, rows_idx, statement_cols) if any_formula else None
    row_ok = np.array([s is None for s in statuses], dtype=bool)
    asked = np.zeros(a_codes.shape, dtype=bool)
    known_role = roles >= 0
    asked[known_role] = ctx.asks[roles[known_role]][:, st_index]

    u_score = np.full(len(uniques), np.nan)
    u_outcome = np.zeros(len(uniques), dtype=np.int8)
    u_text = np.empty(len(uniques), dtype=object)
    present = np.flatnonzero(np.bincount(a_codes.ravel(), minlength=len(uniques)))
    for k in present:
        value = uniques[k]
        u_text[k] = as_text(value)
        if not blank_u[k]:
            u_score[k], u_outcome[k] = ctx.classify(
                value, value in ("true", "false") and sheet.has_booleans)
    score = u_score[a_codes]
    outcome = u_outcome[a_codes]
    reverse = ctx.reverse[st_index]
    if reverse.any():
        score[:, reverse] = ctx.lo + ctx.hi - score[:, reverse]

    ok = row_ok[:, None]
    filled = ~a_blank
    usable = outcome == _OK  # blank cells have outcome _OK too
    accepted = ok & asked & usable
    none = np.zeros((0, 0), dtype=bool)
    bad_row = ~ok & (filled | a_formula) if any_formula else ~ok & filled
    if any_formula:
        formula_problem = ok & a_formula & a_blank
        accepted &= ~a_formula
    else:
        formula_problem = none
    mismatch = ok & filled & ~asked
    value_problem = ok & asked & ~usable

    def where(k, j):
        return sheet.source(h + 1 + rows_idx[k], statement_cols[j])

    for k, j in zip(*np.nonzero(bad_row), strict=True):
        kind, message = statuses[k]
        ctx.problem(where(k, j), kind, uniques[a_codes[k, j]], message)
    for k, j in zip(*np.nonzero(formula_problem), strict=True):
        ctx.problem(where(k, j), "formula_without_value", "",
                    "a formula saved without its computed value (written by a script?); open "
                    "the file in Excel, let it calculate and save, or type the answer")
    for k, j in zip(*np.nonzero(mismatch), strict=True):
        statement = ctx.statement_ids[st_index[j]]
        ctx.problem(where(k, j), "role_mismatch", uniques[a_codes[k, j]],
                    f"statement {statement} is not asked of the role {ctx.roles[roles[k]]}")
    kinds = {_OUT_OF_SCALE: "out_of_scale", _UNKNOWN_LABEL: "unknown_label",
             _INVALID: "invalid_value"}
    for k, j in zip(*np.nonzero(value_problem), strict=True):
        value = uniques[a_codes[k, j]]
        kind = kinds[int(outcome[k, j])]
        if kind == "out_of_scale":
            message = f"{as_text(value)!r} is not a step of the scale {ctx.lo}–{ctx.hi}"
        elif kind == "unknown_label":
            message = f"{as_text(value)!r} is no label of the codebook's scale"
        else:
            message = f"a TRUE/FALSE cell ({as_text(value)}) cannot be an answer"
        ctx.problem(where(k, j), kind, value, message)

    # accepted cells, as column arrays (row-major order)
    kk, jj = np.nonzero(accepted)
    if len(kk) == 0:
        return
    ctx.cells_read += len(kk)
    prefix = f"{sheet.file}:{sheet.name}:"
    column_prefix = pa.array([prefix + column_letter(c) for c in statement_cols], pa.string())
    row_numbers = pc.cast(pa.array(h + 2 + rows_idx), pa.string())
    # the source strings are built by Arrow (GIL released) while the rest is gathered here
    building = _POOL.submit(_join_sources, column_prefix, row_numbers, jj, kk)
    answer_code = np.zeros(len(uniques), dtype=np.int64)
    answer_code[present] = ctx.codes("answer", u_text[present])
    org_codes = np.full(len(rows_idx), -1, dtype=np.int64)
    org_codes[row_ok] = ctx.codes("organisation", organisations[row_ok])
    person_codes = np.full(len(rows_idx), -1, dtype=np.int64)
    person_codes[row_ok] = ctx.codes("respondent", respondents[row_ok])
    ctx.parts.append({
        "wave": waves[kk],
        "organisation": org_codes[kk],
        "role": roles[kk],
        "respondent": person_codes[kk],
        "statement": st_index[jj],
        "score": score[kk, jj],
        "answer": answer_code[a_codes[kk, jj]],
        "source": building.result(),
    })


def _join_sources(column_prefix, row_numbers, jj, kk):
    """``file:sheet:`` + column letters + row number, for every accepted cell."""
    return pc.binary_join_element_wise(column_prefix.take(jj), row_numbers.take(kk), "")


def _sorted_categorical(codes: np.ndarray, table: dict[object, int]) -> pd.Categorical:
    """A categorical from codes into ``table``, with the categories sorted."""
    names = np.empty(len(table), dtype=object)
    for name, code in table.items():
        names[code] = name
    order = np.argsort(names.astype(str), kind="stable")
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    return pd.Categorical.from_codes(remap[codes], categories=pd.Index(names[order], dtype=object))


def _assemble(ctx: _Context) -> pd.DataFrame:
    st = ctx.codebook.statements
    if not ctx.parts:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in RESPONSE_COLUMNS})
        frame["wave"] = frame["wave"].astype("int64")
        frame["score"] = frame["score"].astype(float)
        for c in ("organisation", "role", "respondent", "statement", "dimension", "answer"):
            frame[c] = frame[c].astype("category")
        frame["source"] = frame["source"].astype(str)
        return frame

    def cat(key):
        return np.concatenate([p[key] for p in ctx.parts])

    statement_idx = cat("statement")
    statement_codes = pd.Categorical.from_codes(
        statement_idx, categories=pd.Index(st["statement"], dtype=object)
    )
    dims = pd.Index(sorted(set(st["dimension"])), dtype=object)
    dim_of_statement = dims.get_indexer(st["dimension"])
    role_idx = cat("role")
    frame = pd.DataFrame({
        "wave": cat("wave").astype("int64"),
        "organisation": _sorted_categorical(cat("organisation"), ctx.names["organisation"]),
        "role": pd.Categorical.from_codes(role_idx, categories=pd.Index(ctx.roles, dtype=object)),
        "respondent": _sorted_categorical(cat("respondent"), ctx.names["respondent"]),
        "statement": statement_codes,
        "dimension": pd.Categorical.from_codes(dim_of_statement[statement_idx], categories=dims),
        "score": cat("score").astype(float),
        "answer": _sorted_categorical(cat("answer"), ctx.names["answer"]),
        "source": pd.array(pa.chunked_array([p["source"] for p in ctx.parts]),
                           dtype=pd.StringDtype("pyarrow", na_value=np.nan)),
    })
    return frame


def read_survey(
    source: str | Path | Iterable[str | Path],
    codebook: Codebook | str | Path,
    *,
    strict: bool = False,
    wave: int | None = None,
) -> Survey:
    """Read survey exports into the tidy ``responses`` table, validating every cell.

    Parameters
    ----------
    source : path, folder, or list of them
        One workbook, a folder of workbooks, or a list of either.
    codebook : Codebook or path
        The codebook (or the path of a codebook workbook).
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of logging it.
    wave : int, optional
        The survey round, when the export has no "Våg"/"Wave" column. Default: a year
        (19xx/20xx) in the file or folder name, else 1.

    Returns
    -------
    Survey
        ``responses``, ``problems``, ``cells_read``, ``codebook`` and ``files``. Scores are
        oriented so that higher = more mature (reverse-keyed statements are flipped);
        ``answer`` keeps the raw cell; ``source`` is ``file:sheet:cell``.

    Raises
    ------
    InputError
        For a file that is not a sound workbook (see :func:`maturity.io.opener.open_workbook`),
        and in strict mode for the first problem.

    Examples
    --------
    >>> import maturity as mt
    >>> cb = mt.read_codebook("data/raw/kodbok.xlsx")           # doctest: +SKIP
    >>> survey = mt.read_survey("data/raw/enkat_2022", cb)       # doctest: +SKIP
    >>> survey.cells_read == len(survey.responses) + len(survey.problems)  # doctest: +SKIP
    True
    """
    if not isinstance(codebook, Codebook):
        codebook = read_codebook(codebook)
    ctx = _Context(codebook, strict, wave)
    files = survey_files(source)
    for path in files:
        book = open_workbook(path)
        sheets = [book.table(name) for name in book.sheet_names]
        if not sheets or all(s.is_empty() for s in sheets):
            ctx.problem(f"{book.name}:{sheets[0].name if sheets else ''}:A1", "empty_file", "",
                        "the workbook has no data")
            continue
        for sheet in sheets:
            _read_sheet(sheet, path, ctx)
    responses = _assemble(ctx)
    return Survey(responses, ctx.log.to_frame(), ctx.cells_read, codebook,
                  [str(p) for p in files])
