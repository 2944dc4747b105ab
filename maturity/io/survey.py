"""Reading survey exports into the tidy ``responses`` table, every cell accounted for.

A survey export has one row per respondent (see ``docs/design.md``). The header is found by
:func:`survey_columns` (:mod:`maturity.io.headers`): the first row (of the first
:data:`~maturity.io.kit.HEADER_SEARCH_ROWS`) naming the organisation column ("Organisation",
"Kommun"; every alias in :data:`maturity.io.kit.ALIASES` and the codebook's ``identity``
sheet), else the first with two statement columns, else the first with two of the survey tools'
own column names, with the rows of a two- or three-row header block (SurveyMonkey, Qualtrics)
around it; title rows above it are skipped.
Without an organisation column the organisation is ``organisation=`` or comes from the file
name (one file per organisation). "Roll"/"Role" names the role (otherwise ``role=``, the sheet
name, or the one role of the codebook); "Respondent"/"ID" the respondent; the tools' own
columns ("Namn", "E-post", "Starttid", "IP Address", "Progress", …) are read past and never
carried. Statement columns are headed by id, text, ``F04. text``, ``Title [statement]`` or
``Title - statement`` (matched after :func:`~maturity.io.values.normalise`); a free-text
column is skipped.

What counts as a *cell read* (the one invariant of :mod:`maturity.io.kit`,
``cells_read == len(responses) + len(problems)``):

* every non-blank cell in a statement column of a respondent row, and every blank cell of a
  statement the respondent's role is asked (a blank answer is accepted as a missing score);
* every non-blank cell under a header that matches no statement, and that header itself;
* a free-text column or a header whose id and text disagree: its header cell only (one
  ``skipped_column`` or ``header_mismatch`` problem; its values are not read);
* a formula cell saved without its value, wherever it sits in the answer area;
* a stray cell far outside the data, and an empty sheet or file (one cell each).

A cell read is either one row of ``responses`` or one row of ``problems``, never both, never
neither.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from maturity.codebook import Codebook
from maturity.io.codebook import read_codebook
from maturity.io.headers import (
    IDENTITY_FIELDS,
    NUMBERED,
    StatementIndex,
    free_text_values,
    recognise,
    split_statement,
)
from maturity.io.kit import (
    HEADER_SEARCH_ROWS,
    CellTally,
    field_of,
    find_header,
    head_sheets,
    workbook_paths,
)
from maturity.io.opener import TableSheet, Workbook, open_workbook
from maturity.io.organisations import OrganisationResolver
from maturity.io.personal import Pseudonyms, excerpt, mask, project_secret
from maturity.io.problems import Phrase, ProblemLog, ReadProblems, column_letter
from maturity.io.tabular import TextOptions
from maturity.io.values import as_text, blank_texts, is_blank, normalise, parse_number

__all__ = [
    "Survey",
    "read_survey",
    "read_codebook",
    "detect",
    "survey_columns",
    "RESPONSE_COLUMNS",
    "SOURCE_COLUMNS",
    "survey_files",
]

RESPONSE_COLUMNS = [
    "wave",
    "organisation",
    "role",
    "respondent",
    "statement",
    "dimension",
    "score",
    "answer",
    "source",
]

#: Columns of :attr:`Survey.sources`: where each sheet's wave, organisation and role came from.
SOURCE_COLUMNS = [
    "file",
    "sheet",
    "wave",
    "wave_from",
    "organisation",
    "organisation_from",
    "role",
    "role_from",
]
_NUMBERED = NUMBERED
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: A year standing alone in a file name: no letter or digit beside it, and not the end of a
#: range such as Microsoft Forms' response count ``Title(1-2019)``.
_FILE_YEAR = re.compile(r"(?<![^\W_])(?<!\d[-–])((?:19|20)\d\d)(?![-–]?\d)(?![^\W_])")

# cell outcomes inside the answer area
_OK, _OUT_OF_SCALE, _UNKNOWN_LABEL, _INVALID = 0, 1, 2, 3


@dataclass
class Survey(ReadProblems):
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
    log : ProblemLog, optional
        The same problems in no language (message keys and fields); ``problems_in(lang)``
        shows them in Swedish or English. ``problems`` is the English table.
    sources : DataFrame
        One row per sheet read (columns :data:`SOURCE_COLUMNS`): where its wave, organisation
        and role came from. ``*_from`` is ``column`` (a column of the sheet; the value column
        is then empty), ``option`` (``read_survey(wave=…, organisation=…, role=…)``),
        ``file_name``, ``sheet_name``, ``single_role`` (the codebook has one role),
        ``default`` (wave 1: no file has a wave) or ``missing`` (a problem per answer).
    """

    responses: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int
    codebook: Codebook
    files: list[str] = field(default_factory=list)
    log: ProblemLog | None = field(default=None, repr=False, compare=False)
    sources: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=SOURCE_COLUMNS), repr=False, compare=False
    )

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

    def __init__(
        self,
        codebook: Codebook,
        strict: bool,
        wave: int | None,
        organisation: str | None = None,
        role: str | None = None,
    ) -> None:
        self.codebook = codebook
        self.tally = CellTally(strict)
        self.wave = wave
        st = codebook.statements
        self.statement_ids = st["statement"].tolist()
        self.index = StatementIndex(self.statement_ids, st["text"].tolist())
        self.identity_aliases = _identity_aliases(codebook)
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
        self.organisation, self.role = _checked_options(self, organisation, role)
        self.any_wave = wave is not None  # some sheet read so far has a wave
        self.deferred: list[tuple] = []  # sheets without a wave, read when all others are
        self.sources: list[dict] = []
        self.seen: dict[tuple, tuple] = {}  # respondent -> (file, sheet, row) first answered
        self.parts: list[dict[str, np.ndarray]] = []
        self.names: dict[str, dict[object, int]] = {
            "organisation": {},
            "respondent": {},
            "answer": {},
        }

    def codes(self, column: str, values) -> np.ndarray:
        """Integer codes of ``values`` in a table of distinct values shared by all sheets."""
        table = self.names[column]
        inverse, distinct = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
        codes = np.fromiter(
            (table.setdefault(v, len(table)) for v in distinct), dtype=np.int64, count=len(distinct)
        )  # in order of first appearance, as one value at a time would give them
        return codes[inverse]

    def problem(self, source: str, kind: str, value: object, key: str, /, **fields) -> None:
        self.tally.problem(source, kind, value, key, **fields)

    def identity_of(self, value: object) -> str | None:
        """The identity field a header cell names: the codebook's ``identity`` aliases
        first ("Vilken kommun arbetar du i?"), then :data:`maturity.io.kit.ALIASES`."""
        if isinstance(value, str):
            name = self.identity_aliases.get(normalise(value))
            if name is not None:
                return name
        return field_of(value, IDENTITY_FIELDS)

    def on_scale(self, value: object) -> bool:
        """True when a value is an answer on the codebook's scale (a step or a label)."""
        return self.classify(value)[1] == _OK

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
    row: int  # the last header row: respondents start below it
    organisation: int | None = None
    role: int | None = None
    respondent: int | None = None
    wave: int | None = None
    statements: list[tuple[int, int]] = field(default_factory=list)  # (column, statement index)
    unknown: list[int] = field(default_factory=list)  # columns whose header matches nothing
    duplicate: list[tuple[int, int]] = field(default_factory=list)  # (column, first column)
    ignored: set = field(default_factory=set)
    free_text: list[int] = field(default_factory=list)  # comment columns, reported once
    skipped: list[int] = field(default_factory=list)  # read past by the codebook, likewise
    mismatch: list[tuple[int, tuple[int, int]]] = field(default_factory=list)  # F1: text of F2
    titles: dict[int, tuple[int, str]] = field(default_factory=dict)  # column: (row, header)
    first: int = 0  # the first header row


def _identity_field(value: object) -> str | None:
    return field_of(value, IDENTITY_FIELDS)


def _identity_aliases(codebook: Codebook) -> dict[str, str]:
    """``{normalised header: identity field}`` from the codebook's ``identity`` sheet."""
    table = getattr(codebook, "identity", None)
    if table is None or not len(table):
        return {}
    return {normalise(h): f for h, f in zip(table["header"], table["field"], strict=True)}


def _checked_options(ctx: _Context, organisation: str | None, role: str | None):
    """The ``organisation=`` and ``role=`` options as the codebook names them."""
    if organisation is not None:
        name = ctx.resolve(organisation) if ctx.resolve.checks else organisation
        if not name:
            raise ValueError(f"organisation={organisation!r} is no organisation of the codebook")
        organisation = name
    if role is not None:
        known = ctx.role_key.get(normalise(role))
        if known is None:
            raise ValueError(f"role={role!r} is no role of the codebook ({', '.join(ctx.roles)})")
        role = known
    return organisation, role


def _find_header(sheet: TableSheet, ctx: _Context) -> _Header | None:
    """The header block of a sheet (see :mod:`maturity.io.headers`) as the reader uses it."""
    block = recognise(sheet.head(HEADER_SEARCH_ROWS), ctx.index, ctx.identity_of)
    if block is None:
        return None
    header = _Header(block.last, first=block.first)
    first_column: dict[int, int] = {}
    for col in block.columns:
        c = col.column
        if col.kind == "identity" and col.field == "skip":  # named so by the codebook
            header.titles[c] = (col.row, col.text)
            header.skipped.append(c)
        elif col.kind == "identity" and getattr(header, col.field) is None:
            setattr(header, col.field, c)
        elif col.kind == "statement":
            seen = [first_column[i] for i in col.statements if i in first_column]
            if seen:
                header.duplicate.append((c, seen[0]))
                continue
            for index in col.statements:  # several when roles share the text
                first_column[index] = c
                header.statements.append((c, index))
        elif col.kind == "metadata":
            header.ignored.add(c)
        elif col.kind:
            header.titles[c] = (col.row, col.text or col.title)
            if col.conflict is not None:
                header.mismatch.append((c, col.conflict))
            elif col.kind == "free_text":
                header.free_text.append(c)
            else:
                header.unknown.append(c)
    return header


#: Columns of :func:`survey_columns`.
COLUMN_COLUMNS = [
    "column",
    "letter",
    "kind",
    "field",
    "statement",
    "title",
    "text",
    "header",
    "shape",
    "header_row",
    "first_data_row",
]


def survey_columns(
    sheet_head_rows: list[list], *, codebook: Codebook | None = None
) -> pd.DataFrame:
    """What each column of a survey export is, from the first rows of its sheet.

    The one header recognition of the survey reader (:func:`read_survey` uses it) and of
    codebook drafting: the header block (one to three rows, as Microsoft Forms, Google Forms,
    SurveyMonkey, Qualtrics and LimeSurvey write it; see :mod:`maturity.io.headers`) and,
    per column, its kind.

    Parameters
    ----------
    sheet_head_rows : list of lists
        The first rows of the sheet (e.g. ``Workbook.head(name, 50).rows``), the header and
        some respondents.
    codebook : Codebook, optional
        With a codebook, statement columns are matched to its statements (ids, texts, grid
        titles, id/text mismatches) and its ``identity`` aliases name identity columns; a
        column that matches nothing is ``unknown``. Without one (drafting a codebook), every
        question column that is not free text is a ``statement``, its text split from a grid
        title.

    Returns
    -------
    DataFrame
        One row per column with a header (columns :data:`COLUMN_COLUMNS`): ``column``
        (0-based) and ``letter``; ``kind`` — ``statement``, ``identity`` (``field`` is
        organisation, role, respondent or wave), ``metadata`` (the tool's own columns: times,
        IP address, e-mail, names, status …, and those the codebook's identity sheet says to
        skip; never carried), ``free_text`` (comments, by
        name or because its values are mostly text off the scale; never published) or
        ``unknown``; ``statement`` (the codebook's id(s), comma-separated when roles share a
        text); ``title`` (a grid's question title), ``text`` (the statement text as written),
        ``header`` (the header cell), ``shape`` (``plain``, ``code``, ``numbered``,
        ``grid_brackets``, ``grid_dash``, ``rows``: a header of several rows),
        ``header_row`` (0-based row of that cell) and ``first_data_row`` (the first
        respondent row). Empty when no row looks like a header.

    Examples
    --------
    >>> rows = [["Tidstämpel", "Digitalt [Vi mäter effekten]", "Övrigt om digitalisering"],
    ...         ["2024-03-01 10:00", "Instämmer helt", "Inget att tillägga just nu, tack"]]
    >>> survey_columns(rows)[["letter", "kind", "title", "text"]].values.tolist()
    [['A', 'metadata', '', 'Tidstämpel'], ['B', 'statement', 'Digitalt', 'Vi mäter effekten'], ['C', 'free_text', '', 'Övrigt om digitalisering']]
    """
    index = identity = None
    if codebook is not None:
        ctx = _Context(codebook, False, None)
        index, identity, on_scale = ctx.index, ctx.identity_of, ctx.on_scale
    else:
        identity, on_scale = _identity_field, None
    block = recognise(sheet_head_rows, index, identity)
    if block is None:
        return pd.DataFrame(columns=COLUMN_COLUMNS)
    data = sheet_head_rows[block.last + 1 :]
    n_rows = block.last - block.first + 1
    taken = _Header(block.last)  # identity fields named by a header
    for col in block.columns:
        if col.kind == "identity" and col.field == "skip":
            col.kind = "metadata"  # the codebook reads it past, as a tool's own column
        elif col.kind == "identity" and getattr(taken, col.field) is None:
            setattr(taken, col.field, col.column)
    records = []
    for col in block.columns:
        if not col.kind:
            continue
        kind, title, text, shape = col.kind, col.title, col.text, col.shape
        values = [row[col.column] if col.column < len(row) else None for row in data]
        if kind == "statement" and codebook is not None:
            text = codebook.statements["text"].iloc[col.statements[0]]
        elif kind == "unknown" and col.conflict is None:
            found = _identity_by_values(values, ctx, taken) if codebook is not None else None
            if found is not None:
                kind, col.field = "identity", found
                setattr(taken, found, col.column)
            elif free_text_values(values, on_scale):
                kind = "free_text"
            elif codebook is None:
                kind = "statement"
                title, text, shape = split_statement(col.text, n_rows)
                title = title or col.title
        ids = (
            ", ".join(codebook.statements["statement"].iloc[list(col.statements)])
            if (codebook is not None and col.statements)
            else ""
        )
        records.append(
            (col.column, column_letter(col.column), kind, col.field, ids, title, text,
             col.text, shape or ("rows" if n_rows > 1 else ""), col.row, block.last + 1)
        )  # fmt: skip
    return pd.DataFrame(records, columns=COLUMN_COLUMNS)


def detect(book: Workbook) -> bool:
    """True when a workbook looks like a survey export: a header row in the first rows of a
    sheet names the organisation, the role or the respondent.

    :func:`maturity.io.discover.discover` takes every workbook that no other reader claims for
    a survey export (one file per organisation may have none of these columns); this is the
    positive test, from the first rows only.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/enkat_2020_samtliga.xlsx"))  # doctest: +SKIP
    True
    """
    for sheet in head_sheets(book):
        row, _, _ = find_header(sheet, _identity_field, lambda found: len(found) >= 2)
        if row is not None:
            return True
    return False


def _resolve_from_name(text: str, ctx: _Context) -> str | tuple[str, ...] | None:
    """An organisation from a file name such as 'Åmåls kommun.xlsx' or 'svar_Tanum_2022';
    a tuple when the name's parts name several organisations of the codebook."""
    if not ctx.resolve.checks:
        return ctx.resolve(text)
    for candidate in (text, _YEAR.sub("", text)):
        name = ctx.resolve(candidate.strip(" _-"))
        if name:
            return name
    named = ctx.resolve.in_text(text)
    if len(named) > 1:  # "Tanum_Åmål.xlsx": which one? a problem, not a guess
        return tuple(named)
    return named[0] if named else None


def _file_wave(path: Path) -> int | None:
    """A year standing alone in the file's or its folder's name (never ``Title(1-2019)``)."""
    for text in (path.stem, path.parent.name):
        match = _FILE_YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def _take(array: np.ndarray, rows: np.ndarray, cols: list[int]) -> np.ndarray:
    """``array[rows][:, cols]``, as a cheap view when rows and columns are contiguous."""
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        sub = array[rows[0] : rows[-1] + 1]
    else:
        sub = array[rows]
    contiguous = cols and cols[-1] - cols[0] + 1 == len(cols) == len(set(cols))
    if contiguous and cols == sorted(cols):
        return sub[:, cols[0] : cols[-1] + 1]
    return sub[:, cols]


def _cell_codes(sheet: TableSheet, first_row: int) -> tuple[np.ndarray, list, np.ndarray]:
    """Codes (rows x columns) of the cells from ``first_row`` on, the distinct texts, and
    which of them are blank.

    One dictionary encoding over all columns (Arrow, in C++); the last code is the empty cell.
    """
    n_rows = max(sheet.n_rows - first_row, 0)
    width = max(sheet.n_cols, 1)
    columns = [c.slice(first_row) for c in sheet.columns] or [pa.nulls(n_rows, pa.string())]
    encoded = pc.dictionary_encode(pa.concat_arrays(columns))
    uniques = [*encoded.dictionary.to_pylist(), ""]
    blank_u = np.append(blank_texts(encoded.dictionary), True)
    filled = pc.fill_null(encoded.indices, len(uniques) - 1)
    codes = filled.to_numpy(zero_copy_only=False)  # 32-bit: half the memory traffic
    return np.ascontiguousarray(codes.reshape(width, n_rows).T), uniques, blank_u  # row-major


def _identity_status(
    i, r, codes, blank_u, uniques, header, ctx, sheet, file_org, org_u, role_u, sheet_role
):
    """(organisation, role, status) of one respondent row; status None when the row is fine."""
    status = None
    if header.organisation is not None:
        code = codes[i, header.organisation]
        org = org_u.get(code)
        if blank_u[code]:
            where = sheet.source(r, header.organisation)
            status = (
                "missing_value",
                "problem.survey.no_organisation",
                {"row": r + 1, "where": where},
            )
        elif org is None:
            where = sheet.source(r, header.organisation)
            status = (
                "unknown_organisation",
                "problem.survey.unknown_organisation",
                {"organisation": as_text(uniques[code]), "where": where},
            )
    else:
        org = file_org
        if isinstance(org, tuple):
            status = (
                "unknown_organisation",
                "problem.survey.file_names_two_organisations",
                {"file": sheet.file, "organisations": ", ".join(org)},
            )
        elif org is None:
            status = (
                "unknown_organisation",
                "problem.survey.file_names_no_organisation",
                {"file": sheet.file},
            )
    if header.role is not None:
        code = codes[i, header.role]
        role = role_u.get(code)
        if status is None and role is None:
            where = sheet.source(r, header.role)
            status = (
                ("missing_value", "problem.survey.no_role", {"row": r + 1, "where": where})
                if blank_u[code]
                else (
                    "unknown_role",
                    "problem.survey.unknown_role",
                    {"role": as_text(uniques[code]), "where": where, "roles": ", ".join(ctx.roles)},
                )
            )
    else:
        role = sheet_role
        if status is None and role is None:
            status = (
                "unknown_role",
                "problem.survey.sheet_names_no_role",
                {"sheet": sheet.name, "roles": ", ".join(ctx.roles)},
            )
    return org, role, status


@dataclass
class _Cells:
    """The cells below a header row, dictionary-encoded (see :func:`_cell_codes`)."""

    codes: np.ndarray  # rows x columns, codes into ``uniques``
    uniques: list
    blank_u: np.ndarray  # per distinct value: blank?
    formula: np.ndarray  # rows x columns: a formula saved without its value
    content: np.ndarray  # rows x columns: a value or such a formula


@dataclass
class _Respondents:
    """The respondent rows of a sheet (rows with content) and who answered in each."""

    index: np.ndarray  # rows (relative to the first row below the header)
    statuses: list  # per row: None, or (kind, message key, fields) rejecting the whole row
    organisations: np.ndarray
    roles: np.ndarray  # index into ctx.roles, -1 when unknown
    respondents: np.ndarray
    waves: np.ndarray
    ok: np.ndarray  # per row: no status


def _read_sheet(sheet: TableSheet, path: Path, ctx: _Context) -> None:
    """Validate one sheet; add accepted cells to ``ctx.parts`` and problems to the tally."""
    if not _has_data(sheet, ctx):
        return
    header = _find_header(sheet, ctx)
    if header is None:
        ctx.problem(
            f"{sheet.file}:{sheet.name}:A1",
            "missing_column",
            "",
            "problem.survey.no_header",
        )
        return
    if header.wave is None and ctx.wave is None and _file_wave(path) is None and header.statements:
        if not ctx.any_wave:  # wave 1, unless another file has a wave: decided at the end
            ctx.deferred.append((sheet, path, header))
            return
        _read_body(sheet, path, header, ctx, wave_missing=True)
        return
    ctx.any_wave = ctx.any_wave or bool(header.statements)
    _read_body(sheet, path, header, ctx)


def _read_body(
    sheet: TableSheet, path: Path, header: _Header, ctx: _Context, wave_missing: bool = False
) -> None:
    """Validate the cells below a sheet's header."""
    cells = _encode(sheet, header)
    _find_free_text(header, cells, ctx)
    _report_outside_statements(sheet, header, cells, ctx)
    if not header.statements:
        if not (header.unknown or header.free_text or header.mismatch or header.skipped):
            ctx.problem(
                sheet.source(header.row, 0),
                "missing_column",
                "",
                "problem.survey.no_statement_columns",
            )
        return
    people = _identify(sheet, path, header, cells, ctx, wave_missing)
    _read_answers(sheet, header, cells, people, ctx)


def _identity_by_values(values: Iterable, ctx: _Context, header: _Header) -> str | None:
    """The identity field a column without a known header holds, judged by its values: an
    organisation question ("Vilken kommun arbetar du i?") when at least 80 % of its distinct
    values are organisations of the codebook (or aliases), a role question likewise."""
    distinct = {as_text(v).strip() for v in values if not is_blank(v)}
    if not distinct:
        return None
    checks = []
    if header.organisation is None and ctx.resolve.checks:
        checks.append(("organisation", lambda v: ctx.resolve(v) is not None))
    if header.role is None:
        checks.append(("role", lambda v: normalise(v) in ctx.role_key))
    for name, known in checks:
        if sum(map(known, distinct)) >= 0.8 * len(distinct):
            return name
    return None


def _find_free_text(header: _Header, cells: _Cells, ctx: _Context) -> None:
    """Name the unknown columns that are an organisation or role question by their values;
    move those whose cells are mostly text off the scale to free text."""
    for c in list(header.unknown):
        codes, counts = np.unique(cells.codes[:, c], return_counts=True)
        name = _identity_by_values([cells.uniques[k] for k in codes], ctx, header)
        if name is not None:
            header.unknown.remove(c)
            setattr(header, name, c)
            continue
        total = off = 0
        for k, n in zip(codes.tolist(), counts.tolist(), strict=True):
            if not cells.blank_u[k]:
                total += n
                off += n if _is_comment(cells.uniques[k], ctx) else 0
        if total and off * 2 > total:
            header.unknown.remove(c)
            header.free_text.append(c)


def _has_data(sheet: TableSheet, ctx: _Context) -> bool:
    """Report stray cells and an empty sheet; False when there is nothing more to read."""
    for r, c, value in sheet.stray_cells:
        ctx.problem(
            sheet.source(r, c),
            "stray_cell",
            mask(value),
            "problem.survey.stray_cell",
        )
    if sheet.is_empty():
        if not sheet.stray_cells:
            ctx.problem(f"{sheet.file}:{sheet.name}:A1", "empty_sheet", "", "problem.sheet_empty")
        return False
    return True


def _encode(sheet: TableSheet, header: _Header) -> _Cells:
    h = header.row
    codes, uniques, blank_u = _cell_codes(sheet, h + 1)
    formula = np.zeros(codes.shape, dtype=bool)
    for r, c in sheet.formula_cells:
        if r > h:
            formula[r - h - 1, c] = True
    return _Cells(codes, uniques, blank_u, formula, ~blank_u[codes] | formula)


def _is_comment(value: object, ctx: _Context) -> bool:
    """True for a value of a comment: text off the scale, longer than a stray mark ("x")."""
    return (
        isinstance(value, str)
        and len(value.strip()) > 3
        and parse_number(value) is None
        and not ctx.on_scale(value)
    )


def _report_outside_statements(
    sheet: TableSheet, header: _Header, cells: _Cells, ctx: _Context
) -> None:
    """Columns whose header matches nothing, duplicate columns, and values with no header.

    A free-text column and a column whose header's id and text disagree are reported once, at
    the header cell, never with their values: the column counts as that one cell read.
    """
    h, codes, uniques, content = header.row, cells.codes, cells.uniques, cells.content
    used = np.zeros(codes.shape[1], dtype=bool)
    for c in (header.organisation, header.role, header.respondent, header.wave):
        if c is not None:
            used[c] = True
    used[[c for c in header.ignored if c < len(used)]] = True
    used[[c for c, _ in header.statements]] = True
    _report_skipped(sheet, header, cells, ctx, used)
    for c in header.unknown:
        row, title = header.titles[c]
        ctx.problem(
            sheet.source(row, c),
            "unknown_statement",
            title,
            "problem.survey.unknown_header",
            header=title,
        )
        for i in np.flatnonzero(content[:, c]):  # free text: quoted only masked
            value = uniques[codes[i, c]]
            ctx.problem(
                sheet.source(h + 1 + i, c),
                "unknown_statement",
                "…" if _is_comment(value, ctx) else mask(value),  # a comment is never shown
                "problem.survey.answer_under_unknown_header",
                header=title,
                column=column_letter(c),
            )
        used[c] = True
    for c, first in header.duplicate:
        for i in np.flatnonzero(content[:, c]):
            value = uniques[codes[i, c]]
            ctx.problem(
                sheet.source(h + 1 + i, c),
                "duplicate_column",
                excerpt(as_text(value), ctx.labels) if not _is_comment(value, ctx) else "…",
                "problem.survey.duplicate_column",
                column=column_letter(c),
                first=column_letter(first),
            )
        used[c] = True
    for i, c in zip(*np.nonzero(content[:, ~used]), strict=True):
        c = np.flatnonzero(~used)[c]
        value = uniques[codes[i, c]]
        ctx.problem(
            sheet.source(h + 1 + i, c),
            "unknown_statement",
            "…" if _is_comment(value, ctx) else mask(value),
            "problem.survey.no_header_above",
            column=column_letter(c),
        )


def _report_skipped(
    sheet: TableSheet, header: _Header, cells: _Cells, ctx: _Context, used: np.ndarray
) -> None:
    """One problem per free-text or id/text-mismatch column, at its header cell."""
    for c in header.free_text:
        row, title = header.titles[c]
        n = int(cells.content[:, c].sum()) if c < len(used) else 0
        ctx.tally.notice(  # by design, so no error in strict mode; never with a value
            sheet.source(row, c),
            "skipped_column",
            "problem.exports.free_text_skipped",
            header=title,
            n=n,
        )
        if c < len(used):
            used[c] = True
    for c in header.skipped:
        row, title = header.titles[c]
        n = int(cells.content[:, c].sum()) if c < len(used) else 0
        ctx.tally.notice(
            sheet.source(row, c),
            "skipped_column",
            "problem.integrate.column_skipped",
            header=title,
            n=n,
        )
        if c < len(used):
            used[c] = True
    for c, (named, texted) in header.mismatch:
        row, title = header.titles[c]
        ctx.problem(
            sheet.source(row, c),
            "header_mismatch",
            title,
            "problem.exports.header_mismatch",
            header=title,
            statement=ctx.statement_ids[named],
            other=ctx.statement_ids[texted],
        )
        if c < len(used):
            used[c] = True


def _asked_elsewhere(columns: list[int], asked: np.ndarray) -> np.ndarray | None:
    """Where a column stands for several statements (a text shared by roles): True for the
    cells that belong to another of them (the one the row's role is asked, or, when none is
    asked, the first); None when no column does."""
    if len(set(columns)) == len(columns):
        return None
    out = np.zeros(asked.shape, dtype=bool)
    groups: dict[int, list[int]] = {}
    for j, c in enumerate(columns):
        groups.setdefault(c, []).append(j)
    for js in groups.values():
        if len(js) < 2:
            continue
        any_asked = asked[:, js].any(axis=1)
        for n, j in enumerate(js):
            out[:, j] = ~asked[:, j] & (any_asked if n == 0 else True)
    return out


def _identify(
    sheet: TableSheet,
    path: Path,
    header: _Header,
    cells: _Cells,
    ctx: _Context,
    wave_missing: bool = False,
) -> _Respondents:
    """Who answered in each respondent row, column by column: each distinct organisation,
    role, wave and respondent id is judged once and spread to its rows; only the rows with a
    problem are looked at one by one (:func:`_identity_status`)."""
    h, uniques = header.row, cells.uniques
    rows_idx = np.flatnonzero(cells.content.any(axis=1))
    file_org, sheet_role, default_wave, wave_status = _sheet_identity(
        sheet, path, header, ctx, wave_missing
    )
    n = len(rows_idx)
    org_u, organisations = _by_distinct(
        cells, rows_idx, header.organisation, _each(ctx.resolve), file_org, skip_blank=True
    )
    role_index = {name: k for k, name in enumerate(ctx.roles)}
    role_u, role_names = _by_distinct(
        cells,
        rows_idx,
        header.role,
        _each(lambda value: ctx.role_key.get(normalise(as_text(value)))),
        sheet_role,
    )
    roles = pd.Index(list(role_index), dtype=object).get_indexer(role_names).astype(np.int64)
    _, wave_cells = _by_distinct(cells, rows_idx, header.wave, _each(_wave_number), None)
    waves = np.full(n, default_wave, dtype=np.int64)
    wave_bad = np.zeros(n, dtype=bool)
    if header.wave is not None:
        kinds = np.fromiter((type(w) is int for w in wave_cells), dtype=bool, count=n)
        waves[kinds] = wave_cells[kinds].astype(np.int64)
        wave_bad = _is(wave_cells, False)  # neither blank nor a whole number
    _, ids = _by_distinct(
        cells, rows_idx, header.respondent,
        lambda values: ctx.pseudonyms.many([_stripped(v) for v in values]), None,
        skip_blank=True,
    )  # fmt: skip
    for k in np.flatnonzero(pd.isna(ids)).tolist():  # no id: where the row stands
        ids[k] = f"{path.stem}:{sheet.name}:{h + 2 + int(rows_idx[k])}"
    bad = pd.isna(organisations) | (roles < 0) | wave_bad
    if isinstance(file_org, tuple) and header.organisation is None:
        bad[:] = True
    people = _Respondents(rows_idx, [None] * n, organisations, roles, ids, waves, ~bad)
    for k in np.flatnonzero(bad).tolist():  # the rows with a problem, by the first reason
        i = int(rows_idx[k])
        r = h + 1 + i
        _, _, status = _identity_status(
            i, r, cells.codes, cells.blank_u, uniques, header, ctx, sheet, file_org, org_u,
            role_u, sheet_role,
        )  # fmt: skip
        people.statuses[k] = status or _read_wave(sheet, header, cells, i, r, people, k)
        people.ok[k] = people.statuses[k] is None
    if wave_status is not None:
        people.statuses = [status or wave_status for status in people.statuses]
        people.ok[:] = False
    _mark_repeated(sheet, header, people, ctx)
    return people


def _stripped(value: object) -> str:
    """A cell's text without the spaces around it."""
    return value.strip() if type(value) is str else as_text(value).strip()


def _is(values: np.ndarray, what: object) -> np.ndarray:
    """Element-wise ``value is what`` of an object array (None, False …)."""
    return np.fromiter((v is what for v in values), dtype=bool, count=len(values))


def _each(judge: Callable[[object], object]) -> Callable[[list], list]:
    """A judge of one value as a judge of a list of values."""
    return lambda values: [judge(value) for value in values]


def _wave_number(value: object) -> int | bool | None:
    """A Våg cell's wave: the whole number, None when blank, False when it is no whole
    number."""
    if is_blank(value):
        return None
    number = parse_number(value)
    if number is None or not number.is_integer():
        return False
    return int(number)


def _by_distinct(
    cells: _Cells,
    rows: np.ndarray,
    column: int | None,
    judge: Callable[[list], list],
    default: object,
    skip_blank: bool = False,
) -> tuple[dict, np.ndarray]:
    """Each distinct value of ``column`` in the respondent ``rows`` judged once (``judge``
    takes the list of distinct values): ``({code: judged}, judged value per row)``. A blank
    cell is None when ``skip_blank``; every row is ``default`` when the sheet has no such
    column."""
    per_row = np.empty(len(rows), dtype=object)
    if column is None:
        per_row.fill(default)
        return {}, per_row
    distinct, inverse = np.unique(cells.codes[rows, column], return_inverse=True)
    codes = [k for k in distinct.tolist() if not (skip_blank and cells.blank_u[k])]
    judged = dict(zip(codes, judge([cells.uniques[k] for k in codes]), strict=True))
    per_code = np.empty(len(distinct), dtype=object)
    for j, k in enumerate(distinct.tolist()):
        per_code[j] = judged.get(k)
    return judged, per_code[inverse.ravel()]


def _mark_repeated(sheet: TableSheet, header: _Header, people: _Respondents, ctx: _Context):
    """A ``duplicate_respondent`` status for each row without a problem whose respondent (in
    the same wave, organisation and role) answered in an earlier row, file or sheet."""
    fine = np.flatnonzero(people.ok)
    names = np.array([*ctx.roles, None], dtype=object)
    keys = list(
        zip(
            people.waves[fine].tolist(),
            people.organisations[fine].tolist(),
            names[people.roles[fine]].tolist(),
            people.respondents[fine].tolist(),
            strict=True,
        )
    )
    rows = (header.row + 2 + people.index[fine]).tolist()
    if len(set(keys)) == len(keys) and ctx.seen.keys().isdisjoint(keys):  # no one twice
        where = zip(repeat(sheet.file), repeat(sheet.name), rows, strict=False)  # in C
        ctx.seen.update(zip(keys, where, strict=True))
    else:
        for k, key, row in zip(fine.tolist(), keys, rows, strict=True):
            people.statuses[k] = _first_answer(ctx, key, (sheet.file, sheet.name, row))
            people.ok[k] = people.statuses[k] is None


def _sheet_identity(sheet: TableSheet, path: Path, header: _Header, ctx: _Context, wave_missing):
    """(organisation, role, wave, row status) given to every row of a sheet that has no
    column for them, and the row of :attr:`Survey.sources` saying where each came from."""
    if header.organisation is not None:
        org, org_from = None, "column"
    elif ctx.organisation is not None:
        org, org_from = ctx.organisation, "option"
    else:
        org = _resolve_from_name(path.stem, ctx)
        org_from = "file_name" if org else "missing"
    role, role_from = None, "column"
    if header.role is None:
        role, role_from = ctx.role, "option"
        if role is None:
            role, role_from = ctx.role_key.get(normalise(sheet.name)), "sheet_name"
        if role is None and len(ctx.roles) == 1:
            role, role_from = ctx.roles[0], "single_role"
        if role is None:
            role_from = "missing"
    wave, wave_from, status = None, "column", None
    fallback = ctx.wave if ctx.wave is not None else (_file_wave(path) or 1)  # a blank Våg cell
    if header.wave is None:
        wave, wave_from = ctx.wave, "option"
        if wave is None:
            wave, wave_from = _file_wave(path), "file_name"
        if wave is None:
            wave, wave_from = 1, "default"
        if wave_missing:
            wave, wave_from = 0, "missing"
            status = ("missing_value", "problem.exports.no_wave", {"file": sheet.file})
    ctx.sources.append(
        dict(
            zip(
                SOURCE_COLUMNS,
                (
                    sheet.file,
                    sheet.name,
                    None if wave_from in ("column", "missing") else wave,
                    wave_from,
                    org,
                    org_from,
                    role,
                    role_from,
                ),  # fmt: skip
                strict=True,
            )
        )
    )
    return org, role, fallback if wave_from == "column" else wave or 1, status


def _read_wave(sheet, header, cells, i, r, people, k) -> tuple[str, str, dict] | None:
    """Set row ``k``'s wave from its Våg cell; the problem when the cell is no whole number."""
    if header.wave is None or cells.blank_u[cells.codes[i, header.wave]]:
        return None
    value = cells.uniques[cells.codes[i, header.wave]]
    number = parse_number(value)
    if number is None or not number.is_integer():
        return (
            "invalid_value",
            "problem.survey.wave_invalid",
            {"wave": as_text(value), "where": sheet.source(r, header.wave)},
        )
    people.waves[k] = int(number)
    return None


def _first_answer(ctx: _Context, key: tuple, row: tuple) -> tuple[str, str, dict] | None:
    """None the first time a respondent answers; the duplicate problem after that. ``row``
    is where: (file, sheet, row number)."""
    first = ctx.seen.get(key)
    if first is None:
        ctx.seen[key] = row
        return None
    _wave, org, role, respondent = key
    file, sheet, number = first
    first = Phrase("problem.survey.row_of", {"file": file, "sheet": sheet, "row": number})
    return (
        "duplicate_respondent",
        "problem.survey.duplicate_respondent",
        {"respondent": respondent, "organisation": org, "role": role, "first": first},
    )


def _read_answers(
    sheet: TableSheet, header: _Header, cells: _Cells, people: _Respondents, ctx: _Context
) -> None:
    """Judge every cell of the answer area (respondent rows x statement columns)."""
    statement_cols = [c for c, _ in header.statements]
    st_index = np.array([s for _, s in header.statements])
    a_codes = _take(cells.codes, people.index, statement_cols)
    a_blank = cells.blank_u[a_codes]
    any_formula = bool(sheet.formula_cells)
    a_formula = _take(cells.formula, people.index, statement_cols) if any_formula else None
    asked = np.zeros(a_codes.shape, dtype=bool)
    known_role = people.roles >= 0
    asked[known_role] = ctx.asks[people.roles[known_role]][:, st_index]
    elsewhere = _asked_elsewhere(statement_cols, asked)
    u_score, outcome, u_text, present = _classify_answers(sheet, cells, a_codes, ctx)

    ok = people.ok[:, None]
    filled = ~a_blank
    usable = outcome == _OK  # blank cells have outcome _OK too
    accepted = ok & asked & usable
    if elsewhere is not None:  # a cell is another statement's when that one is asked
        filled &= ~elsewhere
        a_formula = a_formula & ~elsewhere if any_formula else None
    if any_formula:
        bad_row = ~ok & (filled | a_formula)
        formula_problem = ok & a_formula & a_blank
        accepted &= ~a_formula
    else:
        bad_row = ~ok & filled
        formula_problem = np.zeros((0, 0), dtype=bool)
    where = _AnswerPlace(sheet, header.row, people.index, statement_cols)
    _report_answers(
        where,
        a_codes,
        cells.uniques,
        outcome,
        people,
        st_index,
        ctx,
        bad_row=bad_row,
        formula=formula_problem,
        mismatch=ok & filled & ~asked,
        value=ok & asked & ~usable,
    )
    _collect(where, accepted, a_codes, u_score, st_index, u_text, present, people, ctx)


def _classify_answers(sheet, cells, a_codes, ctx):
    """The score (before reversal) of each distinct value and the outcome of each answer
    cell, each distinct value judged once. Also the text of each distinct value and the codes
    present."""
    uniques, blank_u = cells.uniques, cells.blank_u
    u_score = np.full(len(uniques), np.nan)
    u_outcome = np.zeros(len(uniques), dtype=np.int8)
    u_text = np.empty(len(uniques), dtype=object)
    present = np.flatnonzero(np.bincount(a_codes.ravel(), minlength=len(uniques)))
    for k in present:
        value = uniques[k]
        u_text[k] = as_text(value)
        if not blank_u[k]:
            u_score[k], u_outcome[k] = ctx.classify(
                value, value in ("true", "false") and sheet.has_booleans
            )
    return u_score, u_outcome[a_codes], u_text, present


@dataclass
class _AnswerPlace:
    """Where an answer cell (respondent k, statement column j) stands in the sheet."""

    sheet: TableSheet
    header_row: int
    rows: np.ndarray
    columns: list[int]

    def __call__(self, k: int, j: int) -> str:
        return self.sheet.source(self.header_row + 1 + self.rows[k], self.columns[j])

    def error(self, k: int, j: int) -> str | None:
        """The Excel error value (``#N/A`` …) of the cell, None when it holds none."""
        return self.sheet.error_cells.get(
            (int(self.header_row + 1 + self.rows[k]), int(self.columns[j]))
        )


_VALUE_KINDS = {
    _OUT_OF_SCALE: "out_of_scale",
    _UNKNOWN_LABEL: "unknown_label",
    _INVALID: "invalid_value",
}

#: The message key of each kind of unacceptable answer (fields ``value``, ``lo``, ``hi``).
_VALUE_MESSAGES = {
    "out_of_scale": "problem.survey.off_scale",
    "unknown_label": "problem.survey.unknown_label",
    "invalid_value": "problem.survey.true_false",
}


def _report_answers(
    where, a_codes, uniques, outcome, people, st_index, ctx, *, bad_row, formula, mismatch, value
) -> None:
    """One problem per answer cell that is not accepted, by the first reason that applies."""
    for k, j in zip(*np.nonzero(bad_row), strict=True):
        kind, key, fields = people.statuses[k]
        shown = excerpt(as_text(uniques[a_codes[k, j]]), ctx.labels)  # a name: masked
        ctx.problem(where(k, j), kind, shown, key, **fields)
    for k, j in zip(*np.nonzero(formula), strict=True):
        error = where.error(k, j)
        if error is not None:  # an Excel error value (#N/A …), never a blank answer
            what = Phrase("problem.hostile.this_answer")
            ctx.problem(where(k, j), "excel_error", error, "problem.hostile.excel_error", what=what)
            continue
        ctx.problem(
            where(k, j),
            "formula_without_value",
            "",
            "problem.survey.formula",
        )
    for k, j in zip(*np.nonzero(mismatch), strict=True):
        statement = ctx.statement_ids[st_index[j]]
        ctx.problem(
            where(k, j),
            "role_mismatch",
            uniques[a_codes[k, j]],
            "problem.survey.role_mismatch",
            statement=statement,
            role=ctx.roles[people.roles[k]],
        )
    for k, j in zip(*np.nonzero(value), strict=True):
        answer = uniques[a_codes[k, j]]
        kind = _VALUE_KINDS[int(outcome[k, j])]
        key = _VALUE_MESSAGES[kind]
        shown = as_text(answer)
        if kind != "invalid_value":  # a name or comment in an answer cell: masked
            shown = excerpt(shown, ctx.labels)
        ctx.problem(where(k, j), kind, shown, key, value=shown, lo=ctx.lo, hi=ctx.hi)


def _collect(where, accepted, a_codes, u_score, st_index, u_text, present, people, ctx) -> None:
    """Add the accepted cells to ``ctx.parts`` (row-major order).

    Per respondent row: its wave, organisation, role and respondent and how many of its cells
    were accepted (``per_row``), spread to the cells only when the table is assembled; per
    cell: statement, score (reverse-keyed statements flipped), answer and source.
    """
    per_row = np.count_nonzero(accepted, axis=1)
    n_accepted = int(per_row.sum())
    if n_accepted == 0:
        return
    ctx.tally.accept(n_accepted)
    # row-major order, as np.nonzero gives it, without 2-D fancy indexing
    kk = np.repeat(np.arange(len(per_row), dtype=np.int32), per_row)
    jj = np.broadcast_to(np.arange(accepted.shape[1], dtype=np.int32), accepted.shape)[accepted]
    prefix = f"{where.sheet.file}:{where.sheet.name}:"
    # large strings, as pandas keeps them: the sources are never cast (copied) again
    letters = pa.array([column_letter(c) for c in where.columns], pa.large_string())
    row_numbers = pc.cast(pa.array(where.header_row + 2 + where.rows), pa.large_string())
    answer_code = np.zeros(len(u_text), dtype=np.int32)
    answer_code[present] = ctx.codes("answer", u_text[present])
    row_ok = people.ok
    org_codes = np.full(len(where.rows), -1, dtype=np.int32)
    org_codes[row_ok] = ctx.codes("organisation", people.organisations[row_ok])
    person_codes = np.full(len(where.rows), -1, dtype=np.int32)
    person_codes[row_ok] = ctx.codes("respondent", people.respondents[row_ok])
    codes = a_codes[accepted]
    score = u_score[codes]
    reverse = ctx.reverse[st_index]
    if reverse.any():
        flip = reverse[jj]
        score[flip] = ctx.lo + ctx.hi - score[flip]
    ctx.parts.append(
        {
            "per_row": per_row,
            "wave": people.waves,
            "organisation": org_codes,
            "role": people.roles,
            "respondent": person_codes,
            "statement": st_index.astype(_code_type(len(ctx.statement_ids)))[jj],
            "score": score,
            "answer": answer_code[codes],
            "source": _join_sources(prefix, letters, row_numbers, jj, kk),
        }
    )


def _join_sources(prefix, letters, row_numbers, jj, kk):
    """``file:sheet:`` + column letters + row number, for every accepted cell: the prefix
    given once, so that the only large string array made is the result."""
    return pc.binary_join_element_wise(
        pa.scalar(prefix, pa.large_string()),
        letters.take(jj),
        row_numbers.take(kk),
        pa.scalar("", pa.large_string()),
    )


def _code_type(n: int) -> np.dtype:
    """The integer type of codes into ``n`` categories: the smallest that holds them (pandas
    makes them so)."""
    return np.min_scalar_type(-max(n, 1))


def _sorted_codes(table: dict[object, int]) -> tuple[np.ndarray, pd.Index]:
    """``(new code of each code, categories)``: the values of ``table`` sorted.

    The codes of ``table`` are its insertion order (see :meth:`_Context.codes`)."""
    names = np.fromiter(table, dtype=object, count=len(table))
    order = np.argsort(names.astype(str), kind="stable")
    remap = np.empty(len(order), dtype=_code_type(len(order)))
    remap[order] = np.arange(len(order))
    return remap, pd.Index(names[order], dtype=object)


def _fingerprint(sheet: TableSheet) -> str | None:
    """A hash of a sheet's cells (None for a sheet with nothing to read): equal hashes, equal
    cells."""
    if sheet.n_rows < 2 or sheet.is_empty():
        return None
    digest = hashlib.sha256(f"{sheet.n_rows}:{sheet.n_cols}".encode())
    for column in sheet.columns:
        for buffer in pc.fill_null(column, "").buffers():
            digest.update(b"|" if buffer is None else buffer)
    digest.update(repr((sorted(sheet.formula_cells), sorted(sheet.error_cells.items()))).encode())
    return digest.hexdigest()


@dataclass
class _Seen:
    """A file or sheet read before, for :func:`_copy_of_earlier`; its content hash is made
    only when a later one looks alike (``digest`` None until then)."""

    key: str
    shown: str
    path: Path
    sheet: str | None = None
    digest: str | None = None


def _copy_of_earlier(
    item: TableSheet | None,
    path: Path,
    copies: dict[tuple, list[_Seen]],
    ctx: _Context,
    text: TextOptions | None,
) -> bool:
    """True (and a ``duplicate_export`` problem naming both) when the file ``path``
    (``item`` None) has the same bytes as an earlier file, or the sheet ``item`` the same cells
    as an earlier sheet: the same export saved twice ("Tanum.xlsx", "Tanum (1).xlsx") would
    count its respondents twice.

    Contents are hashed only when an earlier file has the same size, or an earlier sheet the
    same shape and first and last rows (the earlier sheet is then read again, with the
    ``text`` options of :func:`read_survey`): most reads hash nothing."""
    if item is None:
        look = ("file", path.stat().st_size)
        seen = _Seen(str(path), path.name, path)
        where = f"{path.name}::A1"
    else:
        if item.n_rows < 2 or item.is_empty():
            return False
        look = ("sheet", item.n_rows, item.n_cols, _ends(item))
        seen = _Seen(f"{path}:{item.name}", f"{item.file}:{item.name}", path, item.name)
        where = f"{item.file}:{item.name}:A1"
    earlier = copies.setdefault(look, [])
    if earlier:
        seen.digest = _digest(seen, item)
        for first in earlier:
            if first.digest is None:
                again = None if first.sheet is None else open_workbook(first.path, text=text)
                first.digest = _digest(first, again and again.table(first.sheet))
            if first.digest == seen.digest:
                if first.key == seen.key:
                    return False
                ctx.problem(
                    where,
                    "duplicate_export",
                    "",
                    "problem.survey.copy_of_earlier",
                    first=first.shown,
                )
                return True
    earlier.append(seen)
    return False


def _ends(sheet: TableSheet) -> tuple:
    """The first and last two rows of a sheet: alike in every copy of it."""
    n = sheet.n_rows
    return tuple(
        tuple(column.slice(0, 2).to_pylist() + column.slice(max(n - 2, 0)).to_pylist())
        for column in sheet.columns
    )


def _digest(seen: _Seen, sheet: TableSheet | None) -> str:
    """The content hash of a file (its bytes) or a sheet (its cells)."""
    if seen.sheet is None:
        with open(seen.path, "rb") as file:
            return "file:" + hashlib.file_digest(file, "sha256").hexdigest()
    return "sheet:" + str(_fingerprint(sheet))


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

    parts = ctx.parts

    def cells(key: str) -> np.ndarray:
        """A column of every part, per accepted cell."""
        return parts[0][key] if len(parts) == 1 else np.concatenate([p[key] for p in parts])

    def spread(key: str, remap: np.ndarray | None = None) -> np.ndarray:
        """A per-row column of every part (through ``remap``), spread to the accepted cells."""
        rows = [p[key] if remap is None else remap[p[key]] for p in parts]
        pieces = [np.repeat(row, p["per_row"]) for row, p in zip(rows, parts, strict=True)]
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)

    def categorical(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=categories, validate=False)

    statement_idx = cells("statement")
    dims = pd.Index(sorted(set(st["dimension"])), dtype=object)
    dim_of_statement = dims.get_indexer(st["dimension"]).astype(_code_type(len(dims)))
    roles = pd.Index(ctx.roles, dtype=object)
    organisations, organisation_names = _sorted_codes(ctx.names["organisation"])
    respondents, respondent_names = _sorted_codes(ctx.names["respondent"])
    answers, answer_names = _sorted_codes(ctx.names["answer"])
    frame = pd.DataFrame(
        {
            "wave": spread("wave"),
            "organisation": categorical(spread("organisation", organisations), organisation_names),
            "role": categorical(
                spread("role", np.arange(len(roles), dtype=_code_type(len(roles)))), roles
            ),
            "respondent": categorical(spread("respondent", respondents), respondent_names),
            "statement": categorical(statement_idx, pd.Index(st["statement"], dtype=object)),
            "dimension": categorical(dim_of_statement[statement_idx], dims),
            "score": cells("score"),
            "answer": categorical(answers[cells("answer")], answer_names),
            "source": pd.array(
                pa.chunked_array([p["source"] for p in parts]),
                dtype=pd.StringDtype("pyarrow", na_value=np.nan),
            ),
        },
        copy=False,  # every column is new: kept as made, not copied into blocks
    )
    return frame


def read_survey(
    source: str | Path | Iterable[str | Path],
    codebook: Codebook | str | Path,
    *,
    strict: bool = False,
    wave: int | None = None,
    organisation: str | None = None,
    role: str | None = None,
    secret: str | bytes | Callable[[], bytes] | None = None,
    text: TextOptions | None = None,
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
        The survey round of every file, where the export has no "Våg"/"Wave" column.
        Default: a year (19xx/20xx) standing alone in the file or folder name (``enkat_2022``,
        ``Enkät 2022``; never Microsoft Forms' response count ``Titel(1-2019)``), else 1 —
        unless another file has a wave: then each answer of the file without one is a
        ``missing_value`` problem.
    organisation : str, optional
        The organisation of every file without an organisation column (a name or alias of
        the codebook); default: the file name.
    role : str, optional
        The role of every sheet without a role column; default: the sheet name, else the one
        role of a single-role codebook.
    secret : str, bytes or callable, optional
        The key of the respondent pseudonyms (:mod:`maturity.io.personal`), or a function
        returning it (asked only when an id needs a pseudonym). Default: ``$MATURITY_SECRET``,
        else the file ``.maturity-secret`` beside the first export (created when needed).
    text : TextOptions, optional
        For CSV exports: delimiter, encoding and decimal mark (each detected when not given).

    Returns
    -------
    Survey
        ``responses``, ``problems``, ``cells_read``, ``codebook`` and ``files``. Scores are
        oriented so that higher = more mature (reverse-keyed statements are flipped);
        ``answer`` keeps the raw cell; ``source`` is ``file:sheet:cell``. ``sources`` says
        where each sheet's wave, organisation and role came from.

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
    ctx = _Context(codebook, strict, wave, organisation, role)
    files = survey_files(source)
    if callable(secret):
        ctx.pseudonyms = Pseudonyms(secret)
    else:
        where = files[0] if files else Path(".")
        ctx.pseudonyms = Pseudonyms(lambda: project_secret(where, secret=secret))
    copies: dict[tuple, list[_Seen]] = {}  # files and sheets read, by size or shape
    for path in files:
        if _copy_of_earlier(None, Path(path), copies, ctx, text):
            continue
        book = open_workbook(path, text=text)
        sheets = [book.table(name) for name in book.sheet_names]
        if not sheets or all(s.is_empty() for s in sheets):
            ctx.problem(
                f"{book.name}:{sheets[0].name if sheets else ''}:A1",
                "empty_file",
                "",
                "problem.survey.no_data",
            )
            continue
        for sheet in sheets:
            if not _copy_of_earlier(sheet, Path(path), copies, ctx, text):
                _read_sheet(sheet, path, ctx)
    for sheet, path, header in ctx.deferred:  # no wave: wave 1 unless another file has one
        _read_body(sheet, path, header, ctx, wave_missing=ctx.any_wave)
    responses = _assemble(ctx)
    return Survey(
        responses,
        ctx.tally.log.to_frame(),
        ctx.tally.read,
        codebook,
        [str(p) for p in files],
        ctx.tally.log,
        pd.DataFrame(ctx.sources, columns=SOURCE_COLUMNS),
    )
