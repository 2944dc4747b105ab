"""Reading an action plan: activities per area and year, statuses, budgets and allocations.

A digitalisation action plan lists, per area (*Område*, e.g. 11 areas), the activities
(*Aktivitet*) planned for a year (*År*) with their status, budget and outcome (*Utfall*, SEK);
an optional sheet *Anslag* holds the yearly allocation (e.g. 5 Mkr). It is followed up every
year. :func:`read_action_plan` reads it into the tidy ``actions`` table (and ``budget``),
checking every cell (:mod:`maturity.actionplan` summarises it).

Input layout
------------
* **Activity sheets**: any sheet whose header row (the first of the first
  :data:`~maturity.io.kit.HEADER_SEARCH_ROWS` rows naming Område and Aktivitet) has the columns
  Område/Area, Aktivitet/Activity, År/Year, Status, Budget and Utfall/Spent (aliases in
  :data:`maturity.io.kit.ALIASES`, fields :data:`FIELDS`); title rows above the header are
  skipped, other columns (Ansvarig, Kommentar …) are read past. Without an År column the year
  is taken from the sheet name (a sheet ``"2019"`` or ``"Handlingsplan 2019"``). A blank
  Område takes the area of the row above (areas are often written once per group or in
  merged cells).
* **Amounts** in kronor: numbers, or text such as ``"5 000 000"``, ``"5 Mkr"``, ``"5,0 mnkr"``,
  ``"250 tkr"``, ``"1,5 MSEK"``, ``"12 500 kr"`` (:func:`maturity.io.amounts.parse_amount`). A unit
  in the header applies to the plain numbers of its column: ``"Budget (tkr)"``.
* **Anslag sheet** (optional): a sheet whose header has År/Year and Anslag/Allocated (or a sheet
  named Anslag or Budget with År and Budget): the yearly allocation.
* **Status** is read with aliases into the canonical English identifiers of :data:`STATUSES`
  (see :data:`STATUS_ALIASES`): ``planned`` (planerad …), ``ongoing`` (pågående …), ``done``
  (genomförd, klar …), ``delayed`` (försenad, förskjuten, uppskjuten, postponed …),
  ``cancelled`` (struken …). A status whose first word is an alias is accepted too
  ("Försenad, flyttas till 2020"). Words for people come from :mod:`maturity.text`.

Checks and the cell count
-------------------------
Every checked cell gets exactly one verdict, accepted or one row in ``problems``:

* key cells first — År (when there is such a column), Område, Aktivitet: blank, unreadable or
  formula-without-value rejects the row (the key cell is its only counted cell); År must be a
  whole year 1900–2100; the same area + activity twice in one year is a ``duplicate`` (the
  second row is not read);
* Status: blank → ``missing_value``; not in the vocabulary → ``unknown_status`` (status empty);
* Budget, Utfall: blank is accepted (no amount); unreadable → ``invalid_value``; negative →
  ``negative_amount`` (amount left empty); an Utfall on a row whose Budget is blank →
  ``spent_without_budget`` (the amount is kept, so that the total spent is true);
* Anslag rows: År and Anslag as above; a year twice → ``duplicate``; blank Anslag →
  ``missing_value``;
* formula cells saved without a value → ``formula_without_value``; stray cells → ``stray_cell``.

A sheet without a header row or lacking a column is reported once, at one cell, which counts
as one cell read. Hence the one invariant of :mod:`maturity.io.kit`:
``cells_read == cells_accepted + len(problems)``.

Examples
--------
>>> import maturity as mt
>>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")   # doctest: +SKIP
>>> plan.cells_read == plan.cells_accepted + len(plan.problems)  # doctest: +SKIP
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from maturity.io.amounts import column_unit, kronor_by_magnitude, parse_amount, unit_factor
from maturity.io.kit import (
    BRACKETS,
    HEADER_SEARCH_ROWS,
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
    "ACTION_COLUMNS",
    "BUDGET_COLUMNS",
    "FIELDS",
    "STATUSES",
    "STATUS_ALIASES",
    "ActionPlan",
    "detect",
    "header_field",
    "read_action_plan",
    "normalise_status",
]

#: Columns of the tidy ``actions`` table.
ACTION_COLUMNS = ["area", "activity", "year", "status", "budget", "spent", "serves", "source"]
#: Columns of the ``budget`` table (the yearly allocation).
BUDGET_COLUMNS = ["year", "allocated", "source"]

#: The fields of an action plan's header rows (aliases in :data:`maturity.io.kit.ALIASES`).
FIELDS = ("area", "activity", "year", "status", "budget", "spent", "allocated", "serves")
_ALLOCATION_SHEETS = {"anslag", "allocation", "allocations", "budget", "budgetram", "ram"}

#: The canonical statuses, in the order of the activity's life.
STATUSES = ("planned", "ongoing", "done", "delayed", "cancelled")

#: Accepted spellings (normalised) of each canonical status, Swedish and English.
STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "planned": (
        "planerad",
        "planerat",
        "planerade",
        "ej påbörjad",
        "ej påbörjat",
        "inte påbörjad",
        "inte påbörjat",
        "ej startad",
        "ej startat",
        "ny",
        "planned",
        "not started",
        "to do",
        "todo",
        "open",
    ),
    "ongoing": (
        "pågående",
        "pågår",
        "påbörjad",
        "påbörjat",
        "startad",
        "startat",
        "under arbete",
        "ongoing",
        "in progress",
        "started",
        "underway",
        "active",
    ),
    "done": (
        "genomförd",
        "genomfört",
        "genomförda",
        "klar",
        "klart",
        "klara",
        "avslutad",
        "avslutat",
        "slutförd",
        "slutfört",
        "färdig",
        "färdigt",
        "levererad",
        "done",
        "completed",
        "complete",
        "finished",
        "closed",
        "delivered",
    ),
    "delayed": (
        "försenad",
        "försenat",
        "försenade",
        "förskjuten",
        "förskjutet",
        "förskjutna",
        "framskjuten",
        "framskjutet",
        "uppskjuten",
        "uppskjutet",
        "flyttad",
        "flyttat",
        "senarelagd",
        "senarelagt",
        "delayed",
        "postponed",
        "late",
        "deferred",
        "slipped",
        "rescheduled",
    ),
    "cancelled": (
        "struken",
        "struket",
        "strukna",
        "stryks",
        "utgår",
        "utgått",
        "avbruten",
        "avbrutet",
        "inställd",
        "inställt",
        "borttagen",
        "cancelled",
        "canceled",
        "dropped",
        "withdrawn",
        "abandoned",
    ),
}
_STATUS = {alias: status for status, aliases in STATUS_ALIASES.items() for alias in aliases}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)")


def normalise_status(value: object) -> str | None:
    """The canonical status of a cell (see :data:`STATUSES`), or None when it is unknown.

    Examples
    --------
    >>> normalise_status("Klar"), normalise_status("postponed"), normalise_status("Pågår")
    ('done', 'delayed', 'ongoing')
    >>> normalise_status("Försenad, flyttas till 2020"), normalise_status("kanske") is None
    ('delayed', True)
    """
    if is_blank(value):
        return None
    key = normalise(as_text(value))
    if key in _STATUS:
        return _STATUS[key]
    for length in (3, 2, 1):
        words = re.split(r"[\s,;:–—(-]+", key)
        head = " ".join(words[:length])
        if len(words) > length and head in _STATUS:
            return _STATUS[head]
    return None


def header_field(text: object) -> tuple[str | None, float]:
    """(field, kronor per unit) of a header cell: "Budget (tkr)" → ("budget", 1000.0).

    Examples
    --------
    >>> header_field("Budget (tkr)"), header_field("Utfall, Mkr"), header_field("Ansvarig")
    (('budget', 1000.0), ('spent', 1000000.0), (None, 1.0))
    """
    name = field_of(text, FIELDS)
    if name is None:
        return None, 1.0
    key = normalise(as_text(text))
    factor = 1.0
    for inner in BRACKETS.findall(key):
        scale = unit_factor(inner)
        if scale is not None:
            factor = scale
    words = re.split(r"[\s,]+", normalise(BRACKETS.sub(" ", key)))
    if factor == 1.0 and len(words) > 1 and unit_factor(words[-1]) is not None:
        factor = unit_factor(words[-1])
    return name, factor


def _field(text: object) -> str | None:
    return field_of(text, FIELDS)


def _find_header(sheet: Sheet, needed: tuple[str, ...]):
    """(row, {field: col}, {field: factor}, [(field, col) duplicates]) or (None, …)."""
    row, columns, duplicates = find_header(
        sheet, _field, lambda found: all(n in found for n in needed)
    )
    if row is None:
        return None, {}, {}, []
    factors = {name: header_field(sheet.rows[row][c])[1] for name, c in columns.items()}
    return row, columns, factors, duplicates


def _allocation_header(sheet: Sheet):
    row, columns, factors, duplicates = _find_header(sheet, ("year", "allocated"))
    if row is None and normalise(sheet.name) in _ALLOCATION_SHEETS:
        row, columns, factors, duplicates = _find_header(sheet, ("year", "budget"))
        if row is not None:
            columns["allocated"] = columns.pop("budget")
            factors["allocated"] = factors.pop("budget")
    if row is not None and ("area" in columns or "activity" in columns):
        return None, {}, {}, []
    return row, columns, factors, duplicates


def detect(book: Workbook) -> bool:
    """True when a workbook is an action plan: a sheet's header row names Område and Aktivitet.

    Looks at the first :data:`~maturity.io.kit.HEADER_SEARCH_ROWS` rows of each sheet only.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/handlingsplan.xlsx"))  # doctest: +SKIP
    True
    """
    for sheet in head_sheets(book):
        if _allocation_header(sheet)[0] is not None:
            continue
        if _find_header(sheet, ("area", "activity"))[0] is not None:
            return True
    return False


@dataclass
class ActionPlan(ReadProblems):
    """An action plan read and checked by :func:`read_action_plan`.

    Attributes
    ----------
    actions : DataFrame
        The tidy ``actions`` table, one row per activity per year: area, activity (str), year
        (Int64), status (canonical, see :data:`STATUSES`; empty when blank or unknown),
        budget, spent (float kronor; NaN when blank or unreadable), source (``file:sheet:cell``
        of the Aktivitet cell). Sorted by year, area and activity in workbook order.
    budget : DataFrame
        The yearly allocation: year (Int64), allocated (float kronor), source. Empty without
        an Anslag sheet.
    problems : DataFrame
    cells_read, cells_accepted : int
        See the module docstring for the invariant.
    files : list of str
    log : ProblemLog, optional
        The same problems in no language (message keys and fields); ``problems_in(lang)``
        shows them in Swedish or English. ``problems`` is the English table.
    """

    actions: pd.DataFrame
    budget: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int = 0
    cells_accepted: int = 0
    files: list[str] = field(default_factory=list)
    log: ProblemLog | None = field(default=None, repr=False, compare=False)


def read_action_plan(source, *, strict: bool = False) -> ActionPlan:
    """Read an action plan (one or more workbooks) into the tidy ``actions`` and ``budget``.

    See the module docstring for the layout, the header names, the status vocabulary and
    every check.

    Parameters
    ----------
    source : str, Path, or iterable of them
        A workbook, a folder of workbooks, or a list of workbooks.
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of listing it.

    Returns
    -------
    ActionPlan
        ``.actions``, ``.budget``, ``.problems``, ``.cells_read``, ``.cells_accepted``.

    Raises
    ------
    InputError
        For a file that cannot be opened (always), or at the first problem when ``strict``.

    Examples
    --------
    >>> plan = read_action_plan("data/raw/handlingsplan.xlsx")     # doctest: +SKIP
    >>> plan.actions[["area", "year", "status", "budget"]].head(1)  # doctest: +SKIP
                       area  year     status    budget
    0  Styrning och ledning  2018    done  300000.0
    """
    tally = CellTally(strict)
    actions: list[dict] = []
    budget: list[dict] = []
    seen: dict = {}
    files = []
    for path in workbook_paths(source):
        book = open_workbook(path)
        files.append(book.name)
        _read_book(book, tally, actions, budget, seen)
    return ActionPlan(
        _action_frame(actions),
        _budget_frame(budget),
        tally.log.to_frame(),
        tally.read,
        tally.accepted,
        files,
        tally.log,
    )


def _read_book(book: Workbook, tally: CellTally, actions, budget, seen) -> None:
    for sheet in filled_sheets(book, tally):
        row, columns, factors, duplicates = _allocation_header(sheet)
        if row is not None:
            _checked_sheet(sheet, row, columns, duplicates, tally)
            factors = _column_units(sheet, row, columns, factors)
            _read_allocation(sheet, row, columns, factors, tally, budget, seen)
            continue
        row, columns, factors, duplicates = _find_header(sheet, ("area", "activity"))
        if row is None:
            tally.sheet_problem(
                sheet.source(0, 0),
                "missing_column",
                "problem.actionplan.no_header",
                rows=HEADER_SEARCH_ROWS,
            )
            continue
        _checked_sheet(sheet, row, columns, duplicates, tally)
        factors = _column_units(sheet, row, columns, factors)
        _read_actions(sheet, row, columns, factors, tally, actions, seen)


def _checked_sheet(sheet, header, columns, duplicates, tally) -> None:
    for name, col in duplicates:
        tally.problem(
            sheet.source(header, col),
            "duplicate",
            sheet.value(header, col),
            "problem.second_column",
            name=Phrase(f"problem.field.{name}"),
        )
    for r, c, value in sheet.stray_cells:
        tally.problem(
            sheet.source(r, c), "stray_cell", mask(value), "problem.actionplan.stray_cell"
        )


def _year(raw) -> int | None:
    if hasattr(raw, "year") and not isinstance(raw, str | float | int):
        return int(raw.year)
    number = parse_number(raw)
    if number is None or not number.is_integer() or not 1900 <= number <= 2100:
        return None
    return int(number)


def _read_year(sheet, r, c, tally) -> int | None:
    if tally.formula_without_value(sheet, r, c, "År"):
        return None
    raw = sheet.value(r, c)
    if is_blank(raw):
        tally.problem(sheet.source(r, c), "missing_value", raw, "problem.actionplan.year_empty")
        return None
    year = _year(raw)
    if year is None:
        tally.problem(
            sheet.source(r, c),
            "invalid_value",
            raw,
            "problem.actionplan.year_invalid",
            value=as_text(raw),
        )
        return None
    tally.accept()
    return year


def _read_amount(sheet, r, c, factor, tally, what) -> tuple[float, bool]:
    """(amount or NaN, blank?)."""
    if tally.formula_without_value(sheet, r, c, what):
        return float("nan"), False
    raw = sheet.value(r, c)
    if is_blank(raw):
        return float("nan"), True
    amount = parse_amount(raw, factor=factor)
    if amount is None:
        tally.problem(
            sheet.source(r, c),
            "invalid_value",
            raw,
            "problem.actionplan.amount_invalid",
            what=what,
            value=as_text(raw),
        )
        return float("nan"), False
    if amount < 0:
        tally.problem(
            sheet.source(r, c),
            "negative_amount",
            raw,
            "problem.actionplan.amount_negative",
            what=what,
            value=as_text(raw),
        )
        return float("nan"), False
    if not amount <= MAX_AMOUNT or _kronor_slip(raw, factor):  # also NaN and infinity
        _implausible_amount(sheet, r, c, raw, factor, tally, what)
        return float("nan"), False
    return amount, False


#: Largest amount (kronor) one activity, outcome or yearly allocation can plausibly have: an
#: amount above it is a slip (kronor typed under a "Mkr" header) and is never drawn or summed.
MAX_AMOUNT = 1e9


#: A plain number at least this large under a tkr or Mkr header is kronor typed in the wrong
#: unit (100 000 tkr is 100 Mkr for one activity), even when it stays under MAX_AMOUNT.
KRONOR_SLIP = 1e5


def _kronor_slip(raw, factor: float) -> bool:
    plain = isinstance(raw, int | float) and not isinstance(raw, bool)
    if plain and factor >= 1e3 and abs(raw) >= KRONOR_SLIP:
        return True
    return kronor_by_magnitude(raw, factor)  # under 100 000: by the column's typical size


def _column_units(sheet, header, columns, factors) -> dict:
    """The factors of a sheet's amount columns with the typical size of their plain numbers
    (:func:`maturity.io.amounts.column_unit`)."""
    return {
        name: column_unit(
            factor, (sheet.value(r, columns[name]) for r in range(header + 1, sheet.n_rows))
        )
        if factor == 1e3 and name in columns
        else factor
        for name, factor in factors.items()
    }


def _implausible_amount(sheet, r, c, raw, factor, tally, what) -> None:
    """Log an amount above :data:`MAX_AMOUNT`; a plain number under a tkr/Mkr header is asked
    about as kronor typed in the wrong unit."""
    unit = {1e3: "tkr", 1e6: "Mkr", 1e9: "mdkr"}.get(factor)
    plain = isinstance(raw, int | float) and not isinstance(raw, bool)
    key = (
        "problem.hostile.amount_in_kronor"
        if unit and plain
        else "problem.hostile.amount_implausible"
    )
    tally.problem(
        sheet.source(r, c),
        "implausible_value",
        raw,
        key,
        what=what,
        value=_text_number(raw),
        unit=unit or "kr",
        limit=_text_number(MAX_AMOUNT / 1e6),
    )


def _text_number(value) -> str:
    """A number with spaces between thousands ("5 000 000 000"), text as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        if abs(value) < 1e18 and float(value).is_integer():
            return f"{int(value):,}".replace(",", " ")
        return f"{value:.6g}"
    return as_text(value)


def _read_allocation(sheet, header, columns, factors, tally, budget, seen) -> None:
    c_year, c_amount = columns["year"], columns["allocated"]
    for r in data_rows(sheet, header, (c_year, c_amount)):
        year = _read_year(sheet, r, c_year, tally)
        if year is None:
            continue
        source = sheet.source(r, c_amount)
        key = ("allocation", year)
        if key in seen:
            tally.problem(
                source,
                "duplicate",
                sheet.value(r, c_amount),
                "problem.actionplan.allocation_twice",
                year=year,
                first=seen[key],
            )
            continue
        amount, blank = _read_amount(sheet, r, c_amount, factors["allocated"], tally, "Anslag")
        if blank:
            tally.problem(
                source, "missing_value", "", "problem.actionplan.allocation_empty", year=year
            )
            continue
        if amount != amount:
            continue
        seen[key] = source
        tally.accept()
        budget.append({"year": year, "allocated": amount, "source": source})


def _read_actions(sheet, header, columns, factors, tally, actions, seen) -> None:
    """Read the activity rows of a sheet into ``actions``, every cell checked.

    The key cells (År, Område, Aktivitet) come first and may reject the row; then Status,
    Budget and Utfall are read into the row's record.
    """
    where = sheet.source(header, 0)
    sheet_year = None
    if "year" not in columns:
        sheet_year = _sheet_year(sheet, where, tally)
        if sheet_year is None:
            return
    _report_missing_fields(columns, where, tally)
    area = None
    for r in data_rows(sheet, header, set(columns.values())):
        year = sheet_year
        if "year" in columns:
            year = _read_year(sheet, r, columns["year"], tally)
            if year is None:
                continue
        row_area = _read_area(sheet, r, columns["area"], area, tally)
        if row_area is None:
            continue
        area = row_area
        found = _read_activity(sheet, r, columns["activity"], year, area, tally, seen)
        if found is None:
            continue
        activity, source = found
        record = {
            "area": area,
            "activity": activity,
            "year": year,
            "status": None,
            "budget": float("nan"),
            "spent": float("nan"),
            "serves": None,
            "source": source,
        }
        if "status" in columns:
            record["status"] = _read_status(sheet, r, columns["status"], activity, tally)
        budget_blank = False  # without a Budget column, the sheet-level problem says it
        if "budget" in columns:
            record["budget"], budget_blank = _read_budget(sheet, r, columns, factors, tally)
        if "spent" in columns:
            record["spent"] = _read_spent(sheet, r, columns, factors, activity, budget_blank, tally)
        if "serves" in columns:
            record["serves"] = _read_serves(sheet, r, columns["serves"], tally)
        actions.append(record)


def _read_serves(sheet, r, c, tally) -> str | None:
    """The capability or goal an activity serves (optional: a blank cell is accepted)."""
    if tally.formula_without_value(sheet, r, c, Phrase("problem.field.serves")):
        return None
    raw = sheet.value(r, c)
    tally.accept()
    return None if is_blank(raw) else " ".join(as_text(raw).split())


def _sheet_year(sheet, where, tally) -> int | None:
    """The year in the name of a sheet without an År column; None (reported) when there is none."""
    match = _YEAR_IN_NAME.search(sheet.name)
    if match is None:
        tally.sheet_problem(
            where,
            "missing_column",
            "problem.actionplan.no_year_column",
        )
        return None
    return int(match.group(1))


def _report_missing_fields(columns, where, tally) -> None:
    """Report, once per sheet, each of Status, Budget and Utfall that has no column."""
    for name, label in (("status", "Status"), ("budget", "Budget"), ("spent", "Utfall")):
        if name not in columns:
            tally.sheet_problem(
                where, "missing_column", "problem.actionplan.no_field_column", column=label
            )


def _read_area(sheet, r, c, above, tally) -> str | None:
    """The Område of row ``r`` (a blank one takes ``above``); None when the row is rejected."""
    if tally.formula_without_value(sheet, r, c, "Område"):
        return None
    raw = sheet.value(r, c)
    if is_blank(raw):
        if above is None:
            tally.problem(
                sheet.source(r, c),
                "missing_value",
                raw,
                "problem.actionplan.area_empty",
            )
            return None
        area = above
    else:
        area = " ".join(as_text(raw).split())
    tally.accept()
    return area


def _read_activity(sheet, r, c, year, area, tally, seen) -> tuple[str, str] | None:
    """(activity, source) of row ``r``; None when it is blank, unreadable or a duplicate."""
    source = sheet.source(r, c)
    if tally.formula_without_value(sheet, r, c, "Aktivitet"):
        return None
    raw = sheet.value(r, c)
    if is_blank(raw):
        tally.problem(source, "missing_value", raw, "problem.actionplan.activity_empty")
        return None
    activity = " ".join(as_text(raw).split())
    key = (year, normalise(area), normalise(activity))
    if key in seen:
        tally.problem(
            source,
            "duplicate",
            activity,
            "problem.actionplan.activity_twice",
            area=area,
            year=year,
            first=seen[key],
        )
        return None
    seen[key] = source
    tally.accept()
    return activity, source


def _read_status(sheet, r, c, activity, tally) -> str | None:
    """The canonical status of an activity, or None when it is blank, unknown or unreadable."""
    if tally.formula_without_value(sheet, r, c, "Status"):
        return None
    raw = sheet.value(r, c)
    status = normalise_status(raw)
    if is_blank(raw):
        tally.problem(
            sheet.source(r, c),
            "missing_value",
            raw,
            "problem.actionplan.status_empty",
            activity=activity,
        )
        return None
    if status is None:
        labels = [*STATUSES, *(a for aliases in STATUS_ALIASES.values() for a in aliases)]
        shown = excerpt(as_text(raw), labels)  # a name or a comment: masked
        tally.problem(
            sheet.source(r, c),
            "unknown_status",
            shown,
            "problem.actionplan.status_unknown",
            value=shown,
            statuses=", ".join(STATUSES),
        )
        return None
    tally.accept()
    return status


def _read_budget(sheet, r, columns, factors, tally) -> tuple[float, bool]:
    """(Budget or NaN, blank?) of row ``r``; a blank or readable Budget is accepted."""
    amount, blank = _read_amount(sheet, r, columns["budget"], factors["budget"], tally, "Budget")
    if blank or amount == amount:
        tally.accept()
    return amount, blank


def _read_spent(sheet, r, columns, factors, activity, budget_blank, tally) -> float:
    """Utfall of row ``r`` or NaN; an amount without a budget is reported but kept."""
    c = columns["spent"]
    amount, blank = _read_amount(sheet, r, c, factors["spent"], tally, "Utfall")
    if blank or amount != amount:
        if blank:
            tally.accept()
    elif budget_blank:
        tally.problem(
            sheet.source(r, c),
            "spent_without_budget",
            sheet.value(r, c),
            "problem.actionplan.spent_without_budget",
            value=as_text(sheet.value(r, c)),
            activity=activity,
        )
    else:
        tally.accept()
    return amount


def _action_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ACTION_COLUMNS)
    frame["year"] = pd.array([int(y) for y in frame["year"]], dtype="Int64")
    for name in ("budget", "spent"):
        frame[name] = frame[name].astype(float)
    for name in ("area", "activity", "source"):
        frame[name] = frame[name].astype(str)
    frame["serves"] = frame["serves"].astype(object).where(frame["serves"].notna(), None)
    frame["status"] = frame["status"].astype("str").where(frame["status"].notna(), None)
    frame["status"] = frame["status"].astype("str")
    frame.loc[frame["status"].isin(["None", "nan"]), "status"] = pd.NA
    # stable: by year, keeping workbook order within a year
    return frame.sort_values("year", kind="stable").reset_index(drop=True)


def _budget_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=BUDGET_COLUMNS)
    frame["year"] = pd.array([int(y) for y in frame["year"]], dtype="Int64")
    frame["allocated"] = frame["allocated"].astype(float)
    frame["source"] = frame["source"].astype(str)
    return frame.sort_values("year", kind="stable").reset_index(drop=True)
