"""Risk register: validated reading, ranking by level, and the trend from meeting to meeting.

A steering group keeps a risk register in Excel and reviews it at every meeting: per risk an
ID, the threat (*Hot*), the vulnerability (*Sårbarhet*), the consequence (*Konsekvens*, text),
S = probability 1–5, K = consequence 1–5, R = S × K and the action (*Åtgärd*). R is typed by
hand and often wrong; nobody sees the trend. :func:`read_risk_register` reads the register into
the tidy ``risks`` table, checks every cell and recomputes R; :func:`risk_summary` ranks the risks
of every meeting, puts them in levels and follows each risk from meeting to meeting.

Input layout
------------
* **One sheet per meeting**, named by the meeting's date. The name must contain a date written
  ``YYYY-MM-DD`` (also ``YYYY.MM.DD``, ``YYYY/MM/DD``, ``YYYYMMDD``) or ``5 mars 2020``; other
  words may stand around it, so ``"2020-03-05"``, ``"2020-03-05 styrgrupp"`` and
  ``"Styrgrupp 5 mars 2020"`` are all the meeting of 5 March 2020.
* **Or a ``Datum`` column** (``Date``, ``Mötesdatum``), holding dates or date text; then the
  sheet name does not matter and one sheet may hold many meetings. A blank Datum cell takes the
  date of the sheet name when that is a date.
* The header row is the first of the first 20 rows that names S, K (or a numeric Konsekvens)
  and the ID or the threat; title rows above it are skipped. Headers are matched
  case-insensitively, Swedish or English (see :data:`HEADERS`). Because *Konsekvens* is the
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

Hence the invariant ``cells_read == cells_accepted + n`` where ``n`` is the number of problems
whose kind is not a sheet-level kind (:data:`SHEET_KINDS`: a sheet that is empty, has no header
row, or lacks a column — those are reported once per sheet and count no cell).

Examples
--------
>>> import maturity as mt
>>> register = mt.read_risk_register("data/raw/riskregister.xlsx")      # doctest: +SKIP
>>> summary = mt.risk_summary(register)                                 # doctest: +SKIP
>>> summary.ranked.query("rank <= 3")                                   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from maturity.io.kit import (
    BRACKETS,
    HEADER_SEARCH_ROWS,
    SHEET_KINDS,
    CellTally,
    data_rows,
    filled_sheets,
    find_header,
    workbook_paths,
)
from maturity.io.opener import Sheet, Workbook, open_workbook
from maturity.io.values import as_text, is_blank, normalise, parse_number

__all__ = [
    "RISK_COLUMNS",
    "HEADERS",
    "DEFAULT_BANDS",
    "LEVEL_LABELS",
    "CHANGES",
    "SHEET_KINDS",
    "RiskRegister",
    "RiskSummary",
    "read_risk_register",
    "risk_summary",
    "risk_level",
    "check_bands",
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
    "source",
]

#: Header aliases (normalised) per field of the risk register.
HEADERS: dict[str, tuple[str, ...]] = {
    "risk_id": ("id", "risk-id", "riskid", "risk id", "nr", "nr.", "nummer", "risknr", "risk nr",
                "risknummer", "no", "number", "#"),
    "date": ("datum", "date", "mötesdatum", "möte", "meeting", "meeting date", "uppföljningsdatum"),
    "threat": ("hot", "threat", "hot/risk", "risk", "riskbeskrivning", "beskrivning", "hotbild",
               "risk description", "description"),
    "vulnerability": ("sårbarhet", "sårbarheter", "vulnerability", "vulnerabilities"),
    "consequence_text": ("konsekvens", "konsekvenser", "consequence", "consequences",
                         "konsekvensbeskrivning", "effekt", "effect"),
    "probability": ("s", "sannolikhet", "probability", "likelihood", "p", "sannolikhet s"),
    "impact": ("k", "konsekvensgrad", "konsekvensnivå", "konsekvensvärde", "impact", "severity",
               "allvarlighet", "konsekvens k", "c"),
    "score": ("r", "risk r", "riskvärde", "risktal", "risknivå", "riskpoäng", "score",
              "risk score", "risk value", "s×k", "s x k", "s*k", "sxk", "r = s × k", "r=s×k",
              "r = s x k", "r = s*k", "s × k = r"),
    "action": ("åtgärd", "åtgärder", "action", "actions", "mitigation", "åtgärdsförslag",
               "planerad åtgärd", "planerade åtgärder", "hantering", "response"),
}

#: Default risk levels: each level covers the scores up to and including its bound.
DEFAULT_BANDS: dict[str, int] = {"low": 4, "medium": 9, "high": 16, "critical": 25}

#: Labels of the default levels. Not used here any more (the words are in maturity.text,
#: ``value.level.<level>``); kept until plots/risk.py and sections/risk.py use the text module.
LEVEL_LABELS = {
    "sv": {"low": "låg", "medium": "medel", "high": "hög", "critical": "kritisk"},
    "en": {"low": "low", "medium": "medium", "high": "high", "critical": "critical"},
}

#: How a risk's R changed since the previous meeting (see :func:`risk_summary`).
CHANGES = ("new", "raised", "lowered", "unchanged", "closed", "unknown")

_REQUIRED_TEXT = ("threat", "action")
_OPTIONAL_TEXT = ("vulnerability", "consequence_text")
_SCALE_MARK = re.compile(r"\d\s*[-–]\s*\d")
_ALIAS = {alias: name for name, aliases in HEADERS.items() for alias in aliases}

_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2,
    "mar": 3, "mars": 3, "march": 3, "apr": 4, "april": 4, "maj": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "augusti": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
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


def _header_field(text: object) -> str | None:
    """The field a header cell names, or None (see the module docstring)."""
    if is_blank(text):
        return None
    key = normalise(as_text(text))
    inner = [normalise(part) for part in BRACKETS.findall(key)]
    outer = normalise(BRACKETS.sub(" ", key))
    # a code in brackets names the number ("Konsekvens (K)"); other words in brackets only
    # describe the column ("Konsekvens (beskrivning)"), so the words outside come first
    codes = [part for part in inner if _ALIAS.get(part) in ("probability", "impact", "score")]
    candidates = [key, *codes, outer, *inner]
    if "=" in outer:
        candidates.append(normalise(outer.split("=")[0]))
    candidates.append(normalise(_SCALE_MARK.sub(" ", outer)))
    for candidate in candidates:
        name = _ALIAS.get(candidate)
        if name is None:
            continue
        if name == "consequence_text" and _SCALE_MARK.search(key):
            return "impact"
        return name
    return None


def _is_register_header(columns: dict[str, int]) -> bool:
    numeric_k = "impact" in columns or "consequence_text" in columns
    return "probability" in columns and numeric_k and ("risk_id" in columns or "threat" in columns)


def _find_header(sheet: Sheet, limit: int = HEADER_SEARCH_ROWS):
    """(header row, {field: column}, [duplicate header columns]) or (None, {}, [])."""
    return find_header(sheet, _header_field, _is_register_header, limit)


def _numeric_column(sheet: Sheet, start: int, col: int) -> bool:
    """True when most non-blank cells of a column below ``start`` are numbers."""
    values = [sheet.value(r, col) for r in range(start, sheet.n_rows)]
    filled = [v for v in values if not is_blank(v)]
    if not filled:
        return False
    return sum(parse_number(v) is not None for v in filled) >= 0.8 * len(filled)


@dataclass
class RiskRegister:
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
    """

    risks: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int = 0
    cells_accepted: int = 0
    files: list[str] = field(default_factory=list)

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
    return RiskRegister(risks, tally.log.to_frame(), tally.read, tally.accepted, files)


def _read_book(book: Workbook, tally: CellTally, rows: list[dict], seen: dict) -> None:
    for sheet in filled_sheets(book, tally):
        header, columns, duplicates = _find_header(sheet)
        if header is None:
            tally.sheet_problem(
                f"{sheet.file}:{sheet.name}",
                "missing_column",
                "no header row naming ID, S and K (Sannolikhet, Konsekvens) in the first "
                f"{HEADER_SEARCH_ROWS} rows; the sheet was not read",
            )
            continue
        _read_sheet(sheet, header, columns, duplicates, tally, rows, seen)


def _read_sheet(sheet, header, columns, duplicates, tally, rows, seen) -> None:
    where = f"{sheet.file}:{sheet.name}"
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
            f"a second column for {name!r}; only the first (column "
            f"{sheet.source(header, columns[name]).rsplit(':', 1)[1]}) is read",
        )
    for r, c, value in sheet.stray_cells:
        tally.problem(
            sheet.source(r, c), "stray_cell", value, "a cell far outside the register; not read"
        )
    sheet_date = parse_date(sheet.name, search=True)
    missing = [n for n in ("risk_id", "probability", "impact") if n not in columns]
    if "date" not in columns and sheet_date is None:
        missing.append("date")
    if missing:
        names = {"risk_id": "ID", "probability": "S", "impact": "K", "date": "Datum"}
        tally.sheet_problem(
            sheet.source(header, 0).rsplit(":", 1)[0],
            "missing_column",
            f"no {', '.join(names[m] for m in missing)} column"
            + (" and the sheet name is not a date" if "date" in missing else "")
            + "; the sheet was not read",
        )
        return
    for name in _REQUIRED_TEXT:
        if name not in columns:
            label = {"threat": "Hot", "action": "Åtgärd"}[name]
            tally.sheet_problem(
                where, "missing_column", f"no {label} ({name}) column; the field is left empty"
            )
    for r in data_rows(sheet, header, set(columns.values())):
        record = _read_row(sheet, r, columns, sheet_date, tally, seen)
        if record is not None:
            rows.append(record)


def _read_row(sheet, r, columns, sheet_date, tally, seen) -> dict | None:
    # key cells: Datum, then ID; the first that fails rejects the row
    date = sheet_date
    if "date" in columns:
        c = columns["date"]
        if tally.formula_without_value(sheet, r, c, "Datum"):
            return None
        raw = sheet.value(r, c)
        if is_blank(raw):
            if sheet_date is None:
                tally.problem(sheet.source(r, c), "missing_value", raw,
                              "Datum is empty and the sheet name is not a date; row not read")
                return None
        else:
            date = parse_date(raw)
            if date is None:
                tally.problem(sheet.source(r, c), "invalid_value", raw,
                              f"Datum {as_text(raw)!r} is not a date (YYYY-MM-DD); row not read")
                return None
        tally.accept()
    c = columns["risk_id"]
    id_source = sheet.source(r, c)
    if tally.formula_without_value(sheet, r, c, "ID"):
        return None
    raw_id = sheet.value(r, c)
    if is_blank(raw_id):
        tally.problem(id_source, "missing_value", raw_id, "the risk has no ID; row not read")
        return None
    risk_id = as_text(raw_id).strip()
    key = (date, normalise(risk_id))
    if key in seen:
        tally.problem(
            id_source,
            "duplicate",
            risk_id,
            f"ID {risk_id} occurs twice at the meeting {date:%Y-%m-%d} (first at "
            f"{seen[key]}); the second row was not read",
        )
        return None
    seen[key] = id_source
    tally.accept()

    record = {"risk_id": risk_id, "date": date, "source": id_source}
    for name in ("probability", "impact"):
        record[name] = _read_level(sheet, r, columns[name], name, tally)
    s, k = record["probability"], record["impact"]
    computed = s * k if s is not None and k is not None else None
    record["typed_score"] = float("nan")
    record["score"] = computed
    if "score" in columns:
        c = columns["score"]
        if not tally.formula_without_value(sheet, r, c, "R"):
            raw = sheet.value(r, c)
            typed = parse_number(raw)
            if is_blank(raw):
                tally.accept()
            elif typed is None:
                tally.problem(
                    sheet.source(r, c), "invalid_value", raw,
                    f"R {as_text(raw)!r} is not a number"
                    + (f"; S × K = {computed} is used" if computed is not None else ""),
                )
            else:
                record["typed_score"] = typed
                if computed is not None and typed != computed:
                    tally.problem(
                        sheet.source(r, c), "wrong_score", raw,
                        f"R is {as_text(typed)} but S × K = {s} × {k} = {computed}; "
                        f"{computed} is used",
                    )
                else:
                    tally.accept()
    for name in _REQUIRED_TEXT + _OPTIONAL_TEXT:
        record[name] = ""
        if name not in columns:
            continue
        c = columns[name]
        if tally.formula_without_value(sheet, r, c, name):
            continue
        raw = sheet.value(r, c)
        if is_blank(raw) and name in _REQUIRED_TEXT:
            label = {"threat": "Hot (threat)", "action": "Åtgärd (action)"}[name]
            tally.problem(sheet.source(r, c), "missing_value", raw,
                          f"{label} is empty for risk {risk_id}")
            continue
        record[name] = " ".join(as_text(raw).split())
        tally.accept()
    return record


def _read_level(sheet, r, c, name, tally) -> int | None:
    label = "S (probability)" if name == "probability" else "K (consequence)"
    if tally.formula_without_value(sheet, r, c, label):
        return None
    raw = sheet.value(r, c)
    source = sheet.source(r, c)
    if is_blank(raw):
        tally.problem(source, "missing_value", raw, f"{label} is empty")
        return None
    number = parse_number(raw)
    if number is None or not number.is_integer():
        tally.problem(source, "invalid_value", raw,
                      f"{label} {as_text(raw)!r} is not a whole number 1–5")
        return None
    if not 1 <= number <= 5:
        tally.problem(source, "out_of_scale", raw, f"{label} {as_text(raw)} is outside 1–5")
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
    order = sorted(range(len(frame)), key=lambda i: (frame["date"].iat[i],
                                                     natural_key(frame["risk_id"].iat[i])))
    return frame.iloc[order].reset_index(drop=True)


# -- summary --------------------------------------------------------------------------------


def check_bands(bands: Mapping[str, int] | None) -> dict[str, int]:
    """The risk bands, checked: levels lowest first, increasing upper bounds, the last >= 25.

    Parameters
    ----------
    bands : mapping of level to upper bound, optional
        Default :data:`DEFAULT_BANDS`.

    Returns
    -------
    dict
        Level -> the highest R it covers.

    Raises
    ------
    ValueError
        When the bounds do not increase or the last does not reach 25.

    Examples
    --------
    >>> check_bands(None)
    {'low': 4, 'medium': 9, 'high': 16, 'critical': 25}
    >>> check_bands({"a": 9, "b": 16})
    Traceback (most recent call last):
    ...
    ValueError: the last risk band must reach 25 (S × K at most 5 × 5), got {'a': 9, 'b': 16}
    """
    bands = dict(DEFAULT_BANDS if bands is None else bands)
    bounds = list(bands.values())
    if not bounds or any(b <= a for a, b in zip(bounds, bounds[1:], strict=False)):
        raise ValueError(f"risk bands must have increasing upper bounds, got {bands}")
    if bounds[-1] < 25:
        raise ValueError(f"the last risk band must reach 25 (S × K at most 5 × 5), got {bands}")
    return bands


def risk_level(score: float, bands: Mapping[str, int] | None = None) -> str | None:
    """The level of a score R: the first band whose upper bound is at least R.

    Parameters
    ----------
    score : number
        R = S × K (1–25).
    bands : mapping of level to upper bound, optional
        Default :data:`DEFAULT_BANDS`: low 1–4, medium 5–9, high 10–16, critical 20–25
        (17–19 cannot occur as a product of two numbers 1–5).

    Examples
    --------
    >>> risk_level(4), risk_level(12), risk_level(20), risk_level(float("nan")) is None
    ('low', 'high', 'critical', True)
    >>> risk_level(8, {"acceptable": 8, "unacceptable": 25})
    'acceptable'
    """
    if score is None or pd.isna(score):
        return None
    for level, bound in check_bands(bands).items():
        if score <= bound:
            return level
    return None


@dataclass
class RiskSummary:
    """Tidy tables made by :func:`risk_summary`.

    Attributes
    ----------
    ranked : DataFrame
        Per meeting its risks from highest R down: date, rank (1 = highest; ties share the
        lowest rank), risk_id, threat, probability, impact, score, level. Ties in R are ordered
        by K, then S, then ID.
    trend : DataFrame
        Per risk per meeting from its first appearance: risk_id, threat, date, score,
        previous_score (R at the previous meeting), delta, change — ``new`` (first appearance;
        at the first meeting every risk is new; also a risk that reappears after being
        closed), ``raised``, ``lowered``, ``unchanged``, ``closed`` (the first meeting at which
        a risk of the previous meeting is missing; score empty; no further rows unless it
        reappears), ``unknown`` (R unreadable at this or the previous meeting).
    levels : DataFrame
        date, level, n: the number of risks per level per meeting (every level, zeros included).
    meetings : DataFrame
        Per meeting: date, n_risks, max_score, mean_score, and n_new, n_raised, n_lowered,
        n_unchanged, n_closed (counts of ``trend.change``).
    bands : DataFrame
        level, min_score, max_score, label_sv, label_en: the bands used (the labels are the
        words of :mod:`maturity.text` for ``value.level.<level>``, else the level itself).
    """

    ranked: pd.DataFrame
    trend: pd.DataFrame
    levels: pd.DataFrame
    meetings: pd.DataFrame
    bands: pd.DataFrame

    def tables(self, prefix: str = "risk_") -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. ``{"risk_ranked": ..., "risk_trend": ...}``."""
        return {
            f"{prefix}{name}": getattr(self, name)
            for name in ("ranked", "trend", "levels", "meetings", "bands")
        }


def _risks_of(risks: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(risks, pd.DataFrame):
        raise TypeError("expected the tidy risks table (a DataFrame), e.g. RiskRegister.risks")
    missing = {"risk_id", "date", "probability", "impact"} - set(risks.columns)
    if missing:
        raise ValueError(f"the risks table lacks the columns {sorted(missing)}")
    frame = risks.copy()
    if "score" not in frame.columns:
        frame["score"] = frame["probability"] * frame["impact"]
    for name in ("threat",):
        if name not in frame.columns:
            frame[name] = ""
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["risk_id"] = frame["risk_id"].astype(str)
    return frame


def risk_summary(risks: pd.DataFrame, *, bands: Mapping[str, int] | None = None) -> RiskSummary:
    """Rank the risks of every meeting, put them in levels, and follow each risk over meetings.

    Parameters
    ----------
    risks : DataFrame
        The tidy ``risks`` table (``RiskRegister.risks``): risk_id, date, probability, impact,
        and optionally score and threat.
    bands : mapping of level to upper bound, optional
        The levels, lowest first, each with the highest R it covers; the last must reach 25.
        Default :data:`DEFAULT_BANDS` = ``{"low": 4, "medium": 9, "high": 16, "critical": 25}``,
        in Swedish *låg* 1–4, *medel* 5–9, *hög* 10–16, *kritisk* 20–25.

    Returns
    -------
    RiskSummary
        ``.ranked``, ``.trend``, ``.levels``, ``.meetings``, ``.bands`` (see :class:`RiskSummary`).

    Examples
    --------
    >>> import pandas as pd
    >>> risks = pd.DataFrame({
    ...     "risk_id": ["R1", "R2", "R1", "R3"],
    ...     "date": pd.to_datetime(["2020-03-05", "2020-03-05", "2020-09-17", "2020-09-17"]),
    ...     "probability": [4, 2, 3, 4], "impact": [5, 2, 5, 4]})
    >>> summary = risk_summary(risks)
    >>> summary.trend[["risk_id", "score", "change"]].to_dict("list")
    {'risk_id': ['R1', 'R1', 'R2', 'R2', 'R3'], 'score': [20, 15, 4, None, 16], 'change': ['new', 'lowered', 'new', 'closed', 'new']}
    >>> latest = summary.ranked[summary.ranked["date"] == "2020-09-17"]
    >>> latest[["rank", "risk_id", "level"]].to_dict("list")
    {'rank': [1, 2], 'risk_id': ['R3', 'R1'], 'level': ['high', 'high']}
    """
    bands = check_bands(bands)
    risks = _risks_of(risks)
    dates = sorted(risks["date"].dropna().unique())
    ranked = _ranked(risks, bands)
    trend = _trend(risks, dates)
    levels = _levels_per_meeting(ranked, dates, list(bands))
    meetings = _meetings(ranked, trend, dates)
    return RiskSummary(ranked, trend, levels, meetings, _band_table(bands))


def _ranked(risks: pd.DataFrame, bands: dict[str, int]) -> pd.DataFrame:
    """Per meeting the risks from highest R down, with rank and level."""
    # stable sort by natural id within ties: sort by id first, then the stable sort below
    ranked = risks.assign(_id=[natural_key(i) for i in risks["risk_id"]])
    ranked = ranked.iloc[sorted(range(len(ranked)), key=lambda i: ranked["_id"].iat[i])]
    ranked = ranked.assign(
        _k=ranked["impact"].astype("Float64").fillna(-1),
        _s=ranked["probability"].astype("Float64").fillna(-1),
        _r=ranked["score"].astype("Float64").fillna(-1),
    ).sort_values(["date", "_r", "_k", "_s"], ascending=[True, False, False, False],
                  kind="stable")
    ranked["rank"] = (
        ranked.groupby("date")["_r"].rank(method="min", ascending=False).astype("Int64")
    )
    ranked.loc[ranked["_r"] < 0, "rank"] = pd.NA  # unscored risks have no rank
    ranked["level"] = pd.Series(
        [risk_level(v, bands) for v in ranked["score"]], index=ranked.index, dtype=object
    )
    ranked = ranked[
        ["date", "rank", "risk_id", "threat", "probability", "impact", "score", "level"]
    ].reset_index(drop=True)
    ranked["level"] = ranked["level"].astype("str").where(ranked["level"].notna(), None)
    return ranked


def _trend(risks: pd.DataFrame, dates: list) -> pd.DataFrame:
    """Per risk per meeting from its first appearance: R, the previous R and the change."""
    by_key = {(row.date, row.risk_id): row for row in risks.itertuples(index=False)}
    ids = sorted(risks["risk_id"].unique(), key=natural_key)
    rows = []
    for risk_id in ids:
        previous = None  # the row at the previous meeting, or None when absent
        last_threat = ""
        for date in dates:
            row = by_key.get((date, risk_id))
            if row is None:
                if previous is not None:
                    rows.append((risk_id, last_threat, date, pd.NA, _int(previous.score),
                                 pd.NA, "closed"))
                previous = None
                continue
            last_threat = row.threat
            score = _int(row.score)
            if previous is None:
                change, prev_score, delta = "new", pd.NA, pd.NA
            else:
                prev_score = _int(previous.score)
                if pd.isna(score) or pd.isna(prev_score):
                    change, delta = "unknown", pd.NA
                else:
                    delta = score - prev_score
                    change = "raised" if delta > 0 else "lowered" if delta < 0 else "unchanged"
            rows.append((risk_id, row.threat, date, score, prev_score, delta, change))
            previous = row
    trend = pd.DataFrame(
        rows, columns=["risk_id", "threat", "date", "score", "previous_score", "delta", "change"]
    )
    for name in ("score", "previous_score", "delta"):
        trend[name] = pd.array(list(trend[name]), dtype="Int64")
    trend["date"] = pd.to_datetime(trend["date"]).astype("datetime64[ns]")
    trend["risk_id"] = trend["risk_id"].astype(str)
    trend["threat"] = trend["threat"].astype(str)
    trend["change"] = trend["change"].astype(str)
    return trend


def _levels_per_meeting(ranked: pd.DataFrame, dates: list, levels: list[str]) -> pd.DataFrame:
    """The number of risks per level per meeting, every level (zeros included)."""
    rows = []
    for date in dates:
        at = ranked[ranked["date"] == date]
        for level in levels:
            rows.append((date, level, int((at["level"] == level).sum())))
    table = pd.DataFrame(rows, columns=["date", "level", "n"])
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[ns]")
    table["n"] = table["n"].astype("int64")
    table["level"] = table["level"].astype(str)
    return table


def _meetings(ranked: pd.DataFrame, trend: pd.DataFrame, dates: list) -> pd.DataFrame:
    """Per meeting: the number of risks, the highest and mean R, and the changes."""
    rows = []
    for date in dates:
        at = ranked[ranked["date"] == date]["score"].astype("Float64")
        changes = trend[trend["date"] == date]["change"]
        rows.append(
            {
                "date": date,
                "n_risks": int(len(at)),
                "max_score": at.max(),
                "mean_score": float(at.mean()) if at.notna().any() else float("nan"),
                **{f"n_{c}": int((changes == c).sum()) for c in CHANGES[:5]},
            }
        )
    meetings = pd.DataFrame(
        rows,
        columns=["date", "n_risks", "max_score", "mean_score",
                 *(f"n_{c}" for c in CHANGES[:5])],
    )
    meetings["date"] = pd.to_datetime(meetings["date"]).astype("datetime64[ns]")
    meetings["max_score"] = pd.array(
        [pd.NA if pd.isna(v) else int(v) for v in meetings["max_score"]], dtype="Int64"
    )
    meetings["mean_score"] = meetings["mean_score"].astype(float)
    return meetings


def _band_table(bands: dict[str, int]) -> pd.DataFrame:
    """The bands used: level, the R range, and the level's display word in each language."""
    from maturity.text import translate_values  # the words live in the text module

    levels = list(bands)
    lows = [1, *(bound + 1 for bound in list(bands.values())[:-1])]
    return pd.DataFrame({
        "level": levels,
        "min_score": lows,
        "max_score": list(bands.values()),
        "label_sv": translate_values(levels, "value.level", "sv"),
        "label_en": translate_values(levels, "value.level", "en"),
    })


def _int(value):
    return pd.NA if value is None or pd.isna(value) else int(value)
