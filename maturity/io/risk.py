"""Reading a risk register: every cell checked, R recomputed, one row per risk per meeting.

A steering group keeps a risk register in Excel and reviews it at every meeting: per risk an
ID, the threat (*Hot*), the vulnerability (*Sårbarhet*), the consequence (*Konsekvens*, text),
S = probability 1–5, K = consequence 1–5, R = S × K and the action (*Åtgärd*). R is typed by
hand and often wrong. :func:`read_risk_register` reads the register into the tidy ``risks``
table, checks every cell and recomputes R (:mod:`maturity.risk` ranks and follows the risks).

Input layout
------------
* **One sheet per meeting**, named by the meeting's date. The name must contain a date written
  ``YYYY-MM-DD`` (also ``YYYY.MM.DD``, ``YYYY/MM/DD``, ``YYYYMMDD``) or ``5 mars 2020``; other
  words may stand around it, so ``"2020-03-05"``, ``"2020-03-05 styrgrupp"`` and
  ``"Styrgrupp 5 mars 2020"`` are all the meeting of 5 March 2020.
* **Or a ``Datum`` column** (``Date``, ``Mötesdatum``), holding dates or date text; then the
  sheet name does not matter and one sheet may hold many meetings. A blank Datum cell takes the
  date of the sheet name when that is a date.
* The header row is the first of the first :data:`~maturity.io.kit.HEADER_SEARCH_ROWS` rows
  that names S, K (or a numeric Konsekvens) and the ID or the threat; title rows above it are
  skipped. Headers are matched case-insensitively, Swedish or English, through the one alias
  table :data:`maturity.io.kit.ALIASES` (fields :data:`FIELDS`). Because *Konsekvens* is the
  consequence **text** and *K* the **number**, a header is tried whole, then by what stands in
  its brackets, then without them: ``"Konsekvens (K)"`` is the number, ``"Konsekvens
  (beskrivning)"`` the text, ``"S (1–5)"`` the probability. A header carrying a scale such as
  ``"Konsekvens 1–5"`` is the number; and when a sheet has no K column, a Konsekvens column
  whose cells are numbers is taken as K. Other columns (Ansvarig, Kommentar …) are read past.

Checks and the cell count
-------------------------
Every data row (a row below the header with any value in a known column) is checked cell by
cell, and every checked cell gets exactly one verdict: accepted, or one row in ``problems``:

* the **key cells** first — Datum (when there is such a column), then ID. A blank, unreadable
  or formula-without-value key cell, or an ID that already occurred at the same meeting
  (``duplicate``), rejects the row: the key cell is the row's only counted cell and the row is
  not in ``risks``;
* S and K: whole numbers 1–5 (``3``, ``"3"``, ``"3,0"``); blank → ``missing_value``, not a number
  or not whole → ``invalid_value``, outside 1–5 → ``out_of_scale``. The risk stays in the table
  with S or K (and R) empty;
* R: blank → computed as S × K, accepted; typed and equal to S × K → accepted; typed and
  different → ``wrong_score`` (typed and computed value in the message), the computed one is
  used; unreadable → ``invalid_value``, computed one used. The typed value is kept in
  ``typed_score``. R typed as a formula (``=E5*F5``) reads as its saved value;
* Hot (threat) and Åtgärd (action) must not be blank (``missing_value``); Sårbarhet and
  Konsekvens may be;
* any checked cell that is a formula saved without a value → ``formula_without_value``;
  stray cells far from the data → ``stray_cell`` (each counted as a cell read).

A sheet that is empty, has no header row or lacks a column is reported once, at one cell
(its ``A1`` or the header row's first cell), which counts as one cell read. Hence the one
invariant of :mod:`maturity.io.kit`: ``cells_read == cells_accepted + len(problems)``.

Examples
--------
>>> import maturity as mt
>>> register = mt.read_risk_register("data/raw/riskregister.xlsx")      # doctest: +SKIP
>>> register.cells_read == register.cells_accepted + len(register.problems)  # doctest: +SKIP
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from maturity.io.kit import (
    HEADER_SEARCH_ROWS,
    SCALE_MARK,
    CellTally,
    data_rows,
    field_of,
    filled_sheets,
    find_header,
    head_sheets,
    workbook_paths,
)
from maturity.io.opener import Sheet, Workbook, open_workbook
from maturity.io.personal import excerpt, mask
from maturity.io.problems import Phrase, ProblemLog, ReadProblems
from maturity.io.values import as_text, is_blank, normalise, parse_number

__all__ = [
    "RISK_COLUMNS",
    "FIELDS",
    "RiskRegister",
    "detect",
    "header_field",
    "read_risk_register",
    "parse_date",
    "natural_key",
]

#: Columns of the tidy ``risks`` table, in order.
RISK_COLUMNS = [
    "risk_id",
    "date",
    "threat",
    "vulnerability",
    "consequence_text",
    "probability",
    "impact",
    "score",
    "typed_score",
    "action",
    "serves",
    "source",
]

#: The fields of a register's header row (aliases in :data:`maturity.io.kit.ALIASES`).
FIELDS = (
    "risk_id",
    "date",
    "threat",
    "vulnerability",
    "consequence_text",
    "probability",
    "impact",
    "score",
    "action",
    "serves",
)
#: Fields whose code may stand in brackets: "Konsekvens (K)", "Risk (R)".
CODES = ("probability", "impact", "score")

_REQUIRED_TEXT = ("threat", "action")
_OPTIONAL_TEXT = ("vulnerability", "consequence_text", "serves")
#: How problem messages name a text cell read past (a formula saved without its value).
_TEXT_LABELS = {name: Phrase(f"problem.field.{name}") for name in _REQUIRED_TEXT + _OPTIONAL_TEXT}
#: How problem messages name the cells of a row that must not be empty.
_COLUMN_LABELS = {
    "threat": Phrase("problem.label.threat_column"),
    "action": Phrase("problem.label.action_column"),
    "probability": Phrase("problem.label.probability"),
    "impact": Phrase("problem.label.impact"),
}

_MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "february": 2,
    "mar": 3,
    "mars": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "maj": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "aug": 8,
    "augusti": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_ISO = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([a-zåäö]+)\.?\s+(\d{4})(?!\d)", re.IGNORECASE)


def natural_key(text: object) -> tuple:
    """Sort key that orders "R2" before "R10".

    Examples
    --------
    >>> sorted(["R10", "R2", "R1"], key=natural_key)
    ['R1', 'R2', 'R10']
    """
    parts = re.split(r"(\d+)", str(text).casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def parse_date(value: object, *, search: bool = False) -> pd.Timestamp | None:
    """A date from a cell or a sheet name, or None.

    Accepts dates and date-times (the time is dropped), ``"2020-03-05"`` (also with ``.`` or
    ``/``), ``"20200305"`` and ``"5 mars 2020"`` (Swedish or English month names). With
    ``search=True`` the date may stand among other words (sheet names such as
    ``"2020-03-05 styrgrupp"``).

    Examples
    --------
    >>> parse_date("2020-03-05"), parse_date("5 mars 2020")
    (Timestamp('2020-03-05 00:00:00'), Timestamp('2020-03-05 00:00:00'))
    >>> parse_date("2020-03-05 styrgrupp", search=True), parse_date("Blad1", search=True)
    (Timestamp('2020-03-05 00:00:00'), None)
    """
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        stamp = pd.Timestamp(value)
        return None if pd.isna(stamp) else stamp.normalize().tz_localize(None)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in (_ISO, _COMPACT, _WORDY):
        match = pattern.search(text) if search else pattern.fullmatch(text)
        if not match:
            continue
        if pattern is _WORDY:
            day, month_name, year = match.groups()
            month = _MONTHS.get(month_name.casefold())
            if month is None:
                continue
            parts = (int(year), month, int(day))
        else:
            parts = tuple(int(p) for p in match.groups())
        try:
            return pd.Timestamp(dt.date(*parts))
        except ValueError:
            continue
    return None


def header_field(text: object) -> str | None:
    """The field of the register a header cell names, or None (see the module docstring).

    Examples
    --------
    >>> header_field("Konsekvens (K)"), header_field("Konsekvens 1–5"), header_field("Risk (R)")
    ('impact', 'impact', 'score')
    >>> header_field("Konsekvens (beskrivning)"), header_field("Ansvarig") is None
    ('consequence_text', True)
    """
    name = field_of(text, FIELDS, codes=CODES)
    if name == "consequence_text" and SCALE_MARK.search(as_text(text)):
        return "impact"  # "Konsekvens 1–5" carries a scale: the number
    return name


def _is_register_header(columns: dict[str, int]) -> bool:
    numeric_k = "impact" in columns or "consequence_text" in columns
    return "probability" in columns and numeric_k and ("risk_id" in columns or "threat" in columns)


def _find_header(sheet: Sheet, limit: int = HEADER_SEARCH_ROWS):
    """(header row, {field: column}, [duplicate header columns]) or (None, {}, [])."""
    return find_header(sheet, header_field, _is_register_header, limit)


def detect(book: Workbook) -> bool:
    """True when a workbook is a risk register, judged from the first rows of its sheets.

    That is: one of its sheets has, in its first :data:`~maturity.io.kit.HEADER_SEARCH_ROWS`
    rows, a header row naming S (probability), K (or a Konsekvens column) and ID.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/riskregister.xlsx"))   # doctest: +SKIP
    True
    >>> detect(open_workbook("data/raw/handlingsplan.xlsx"))  # doctest: +SKIP
    False
    """
    for sheet in head_sheets(book):
        header, columns, _ = _find_header(sheet)
        if header is not None and "risk_id" in columns:
            return True
    return False


def _numeric_column(sheet: Sheet, start: int, col: int) -> bool:
    """True when most non-blank cells of a column below ``start`` are numbers."""
    values = [sheet.value(r, col) for r in range(start, sheet.n_rows)]
    filled = [v for v in values if not is_blank(v)]
    if not filled:
        return False
    return sum(parse_number(v) is not None for v in filled) >= 0.8 * len(filled)


@dataclass
class RiskRegister(ReadProblems):
    """A risk register read and checked by :func:`read_risk_register`.

    Attributes
    ----------
    risks : DataFrame
        The tidy ``risks`` table, one row per risk per meeting, columns :data:`RISK_COLUMNS`:
        risk_id (str), date (datetime64, the meeting), threat, vulnerability, consequence_text,
        action (str, empty when blank), probability, impact, score (Int64, score = S × K
        recomputed; empty when S or K is unreadable), typed_score (float, R as typed; NaN when
        blank), source (``file:sheet:cell`` of the ID cell). Sorted by date and natural ID.
    problems : DataFrame
        ``source, kind, value, message``.
    cells_read, cells_accepted : int
        Cells checked and cells accepted (see the module docstring for the invariant).
    files : list of str
    log : ProblemLog, optional
        The same problems in no language (message keys and fields); ``problems_in(lang)``
        shows them in Swedish or English. ``problems`` is the English table.
    """

    risks: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int = 0
    cells_accepted: int = 0
    files: list[str] = field(default_factory=list)
    log: ProblemLog | None = field(default=None, repr=False, compare=False)

    @property
    def dates(self) -> list[pd.Timestamp]:
        """The meeting dates, in order."""
        return sorted(self.risks["date"].dropna().unique())


def _score_for(value: object) -> int | None:
    number = parse_number(value)
    if number is None or not number.is_integer():
        return None
    return int(number)


def read_risk_register(source, *, strict: bool = False) -> RiskRegister:
    """Read a risk register (one or more workbooks) into the tidy ``risks`` table.

    See the module docstring for the accepted layouts, header names and every check.

    Parameters
    ----------
    source : str, Path, or iterable of them
        A workbook, a folder of workbooks, or a list of workbooks.
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of listing it.

    Returns
    -------
    RiskRegister
        ``.risks`` (the tidy table), ``.problems``, ``.cells_read``, ``.cells_accepted``.

    Raises
    ------
    InputError
        For a file that cannot be opened (always), or at the first problem when ``strict``.

    Examples
    --------
    >>> register = read_risk_register("data/raw/riskregister.xlsx")   # doctest: +SKIP
    >>> register.risks[["risk_id", "date", "probability", "impact", "score"]].head(2)  # doctest: +SKIP
      risk_id       date  probability  impact  score
    0      R1 2019-11-14            4       5     20
    1      R2 2019-11-14            4       4     16
    """
    tally = CellTally(strict)
    rows: list[dict] = []
    seen: dict[tuple, str] = {}
    files = []
    for path in workbook_paths(source):
        book = open_workbook(path)
        files.append(book.name)
        _read_book(book, tally, rows, seen)
    risks = _risk_frame(rows)
    return RiskRegister(risks, tally.log.to_frame(), tally.read, tally.accepted, files, tally.log)


def _read_book(book: Workbook, tally: CellTally, rows: list[dict], seen: dict) -> None:
    for sheet in filled_sheets(book, tally):
        header, columns, duplicates = _find_header(sheet)
        if header is None:
            tally.sheet_problem(
                sheet.source(0, 0),
                "missing_column",
                "problem.risk.no_header",
                rows=HEADER_SEARCH_ROWS,
            )
            continue
        _read_sheet(sheet, header, columns, duplicates, tally, rows, seen)


def _read_sheet(sheet, header, columns, duplicates, tally, rows, seen) -> None:
    if "impact" not in columns and "consequence_text" in columns:
        if _numeric_column(sheet, header + 1, columns["consequence_text"]):
            columns["impact"] = columns.pop("consequence_text")
    for name, col in duplicates:
        if name == "consequence_text" and "impact" not in columns:
            columns["impact"] = col
            continue
        tally.problem(
            sheet.source(header, col),
            "duplicate",
            sheet.value(header, col),
            "problem.risk.second_column",
            name=Phrase(f"problem.field.{name}"),
            column=sheet.source(header, columns[name]).rsplit(":", 1)[1],
        )
    for r, c, value in sheet.stray_cells:
        tally.problem(sheet.source(r, c), "stray_cell", mask(value), "problem.risk.stray_cell")
    sheet_date = parse_date(sheet.name, search=True)
    missing = [n for n in ("risk_id", "probability", "impact") if n not in columns]
    if "date" not in columns and sheet_date is None:
        missing.append("date")
    if missing:
        names = {"risk_id": "ID", "probability": "S", "impact": "K", "date": "Datum"}
        tally.sheet_problem(
            sheet.source(header, 0),
            "missing_column",
            "problem.risk.no_columns_nor_date" if "date" in missing else "problem.risk.no_columns",
            columns=", ".join(names[m] for m in missing),
        )
        return
    for name in _REQUIRED_TEXT:
        if name not in columns:
            label = {"threat": "Hot", "action": "Åtgärd"}[name]
            tally.sheet_problem(
                sheet.source(header, 0),
                "missing_column",
                "problem.risk.no_text_column",
                column=label,
                name=name,
            )
    for r in data_rows(sheet, header, set(columns.values())):
        record = _read_row(sheet, r, columns, sheet_date, tally, seen)
        if record is not None:
            rows.append(record)


def _read_row(sheet, r, columns, sheet_date, tally, seen) -> dict | None:
    """One data row as a record of the ``risks`` table; None when a key cell rejects it.

    The key cells come first, Datum then ID; the first that fails rejects the row. Then S and
    K, R (recomputed as S × K) and the text cells are read.
    """
    date = sheet_date
    if "date" in columns:
        date = _read_date(sheet, r, columns["date"], sheet_date, tally)
        if date is None:
            return None
    found = _read_risk_id(sheet, r, columns["risk_id"], date, tally, seen)
    if found is None:
        return None
    risk_id, id_source = found
    record = {"risk_id": risk_id, "date": date, "source": id_source}
    for name in ("probability", "impact"):
        record[name] = _read_level(sheet, r, columns[name], name, tally)
    s, k = record["probability"], record["impact"]
    computed = s * k if s is not None and k is not None else None
    record["typed_score"] = float("nan")
    record["score"] = computed
    if "score" in columns:
        record["typed_score"] = _read_typed_score(sheet, r, columns["score"], s, k, tally)
    record.update(_read_texts(sheet, r, columns, risk_id, tally))
    return record


def _read_date(sheet, r, c, sheet_date, tally) -> pd.Timestamp | None:
    """The meeting date of row ``r`` (a blank Datum takes ``sheet_date``); None rejects the row."""
    if tally.formula_without_value(sheet, r, c, "Datum"):
        return None
    raw = sheet.value(r, c)
    if is_blank(raw):
        if sheet_date is None:
            tally.problem(
                sheet.source(r, c),
                "missing_value",
                raw,
                "problem.risk.date_empty",
            )
            return None
        date = sheet_date
    else:
        date = parse_date(raw)
        if date is None:
            tally.problem(
                sheet.source(r, c),
                "invalid_value",
                raw,
                "problem.risk.date_invalid",
                value=as_text(raw),
            )
            return None
    tally.accept()
    return date


def _read_risk_id(sheet, r, c, date, tally, seen) -> tuple[str, str] | None:
    """(ID, source) of row ``r``; None when it is blank, unreadable or a duplicate at the meeting."""
    id_source = sheet.source(r, c)
    if tally.formula_without_value(sheet, r, c, "ID"):
        return None
    raw_id = sheet.value(r, c)
    if is_blank(raw_id):
        tally.problem(id_source, "missing_value", raw_id, "problem.risk.id_empty")
        return None
    risk_id = as_text(raw_id).strip()
    key = (date, normalise(risk_id))
    if key in seen:
        tally.problem(
            id_source,
            "duplicate",
            risk_id,
            "problem.risk.id_twice",
            risk_id=risk_id,
            date=f"{date:%Y-%m-%d}",
            first=seen[key],
        )
        return None
    seen[key] = id_source
    tally.accept()
    return risk_id, id_source


def _read_typed_score(sheet, r, c, s, k, tally) -> float:
    """R as typed (NaN when blank or unreadable), checked against S × K."""
    computed = s * k if s is not None and k is not None else None
    if tally.formula_without_value(sheet, r, c, "R"):
        return float("nan")
    raw = sheet.value(r, c)
    typed = parse_number(raw)
    if is_blank(raw):
        tally.accept()
        return float("nan")
    if typed is None:
        tally.problem(
            sheet.source(r, c),
            "invalid_value",
            raw,
            "problem.risk.score_invalid" if computed is None else "problem.risk.score_replaced",
            value=as_text(raw),
            computed=computed,
        )
        return float("nan")
    if computed is not None and typed != computed:
        tally.problem(
            sheet.source(r, c),
            "wrong_score",
            raw,
            "problem.risk.score_wrong",
            typed=as_text(typed),
            s=s,
            k=k,
            computed=computed,
        )
    else:
        tally.accept()
    return typed


def _read_texts(sheet, r, columns, risk_id, tally) -> dict[str, str]:
    """Hot, Åtgärd, Sårbarhet and Konsekvens (text) of row ``r``; empty when blank or absent."""
    texts = {}
    for name in _REQUIRED_TEXT + _OPTIONAL_TEXT:
        texts[name] = ""
        if name not in columns:
            continue
        c = columns[name]
        if tally.formula_without_value(sheet, r, c, _TEXT_LABELS[name]):
            continue
        raw = sheet.value(r, c)
        if is_blank(raw) and name in _REQUIRED_TEXT:
            tally.problem(
                sheet.source(r, c),
                "missing_value",
                raw,
                "problem.risk.text_empty",
                label=_COLUMN_LABELS[name],
                risk_id=risk_id,
            )
            continue
        texts[name] = " ".join(as_text(raw).split())
        tally.accept()
    return texts


def _read_level(sheet, r, c, name, tally) -> int | None:
    label = _COLUMN_LABELS[name]
    if tally.formula_without_value(sheet, r, c, label):
        return None
    raw = sheet.value(r, c)
    source = sheet.source(r, c)
    if is_blank(raw):
        tally.problem(source, "missing_value", raw, "problem.risk.level_empty", label=label)
        return None
    number = parse_number(raw)
    if number is None or not number.is_integer():
        shown = excerpt(as_text(raw))  # a name or a phone number in a level cell: masked
        tally.problem(
            source, "invalid_value", shown, "problem.risk.level_invalid", label=label, value=shown
        )
        return None
    if not 1 <= number <= 5:
        shown = excerpt(as_text(raw))
        tally.problem(
            source, "out_of_scale", shown, "problem.risk.level_off_scale", label=label, value=shown
        )
        return None
    tally.accept()
    return int(number)


def _risk_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RISK_COLUMNS)
    if frame.empty:
        frame = frame.astype({"date": "datetime64[ns]"})
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    for name in ("probability", "impact", "score"):
        frame[name] = pd.array(
            [None if v is None or v != v else int(v) for v in frame[name]], dtype="Int64"
        )
    frame["typed_score"] = frame["typed_score"].astype(float)
    for name in ("risk_id", "threat", "vulnerability", "consequence_text", "action", "source"):
        frame[name] = frame[name].astype(str)
    order = sorted(
        range(len(frame)),
        key=lambda i: (frame["date"].iat[i], natural_key(frame["risk_id"].iat[i])),
    )
    return frame.iloc[order].reset_index(drop=True)
