"""Action-plan follow-up: validated reading, status per area and year, carried-over activities,
and budget use.

A digitalisation action plan lists, per area (*Område*, e.g. 11 areas), the activities
(*Aktivitet*) planned for a year (*År*) with their status, budget and outcome (*Utfall*, SEK);
an optional sheet *Anslag* holds the yearly allocation (e.g. 5 Mkr). It is followed up every
year. :func:`read_action_plan` reads it into the tidy ``actions`` table (and ``budget``),
checking every cell; :func:`action_plan_summary` counts statuses, the share done, the
activities carried over to a later year and the budget use per year.

Input layout
------------
* **Activity sheets**: any sheet whose header row (the first of the first 20 rows naming
  Område and Aktivitet) has the columns Område/Area, Aktivitet/Activity, År/Year,
  Status, Budget and Utfall/Spent (see :data:`HEADERS`); title rows above the header are
  skipped, other columns (Ansvarig, Kommentar …) are read past. Without an År column the year
  is taken from the sheet name (a sheet ``"2019"`` or ``"Handlingsplan 2019"``). A blank
  Område takes the area of the row above (areas are often written once per group or in
  merged cells).
* **Amounts** in kronor: numbers, or text such as ``"5 000 000"``, ``"5 Mkr"``, ``"5,0 mnkr"``,
  ``"250 tkr"``, ``"1,5 MSEK"``, ``"12 500 kr"`` (:func:`maturity.io.amounts.parse_amount`). A unit
  in the header applies to the plain numbers of its column: ``"Budget (tkr)"``.
* **Anslag sheet** (optional): a sheet whose header has År/Year and Anslag/Allocated (or a sheet
  named Anslag or Budget with År and Budget): the yearly allocation.
* **Status** is read with aliases into the canonical Swedish values of :data:`STATUSES`
  (see :data:`STATUS_ALIASES`): *planerad*, *pågående*, *genomförd*, *försenad* (also
  förskjuten, uppskjuten, delayed, postponed …), *struken* (cancelled …). A status whose first
  word is an alias is accepted too ("Försenad, flyttas till 2020").

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

Hence ``cells_read == cells_accepted + n`` where ``n`` is the number of problems whose kind is
not a sheet-level kind (:data:`maturity.io.kit.SHEET_KINDS`).

Examples
--------
>>> import maturity as mt
>>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")   # doctest: +SKIP
>>> mt.action_plan_summary(plan).years                           # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from maturity.io.amounts import parse_amount, unit_factor
from maturity.io.kit import (
    BRACKETS,
    HEADER_SEARCH_ROWS,
    CellTally,
    data_rows,
    filled_sheets,
    find_header,
    workbook_paths,
)
from maturity.io.opener import Sheet, Workbook, open_workbook
from maturity.io.values import as_text, is_blank, normalise, parse_number
from maturity.risk import natural_key

__all__ = [
    "ACTION_COLUMNS",
    "BUDGET_COLUMNS",
    "HEADERS",
    "STATUSES",
    "STATUS_ALIASES",
    "STATUS_LABELS",
    "ActionPlan",
    "ActionPlanSummary",
    "read_action_plan",
    "action_plan_summary",
    "normalise_status",
]

#: Columns of the tidy ``actions`` table.
ACTION_COLUMNS = ["area", "activity", "year", "status", "budget", "spent", "source"]
#: Columns of the ``budget`` table (the yearly allocation).
BUDGET_COLUMNS = ["year", "allocated", "source"]

#: Header aliases (normalised) per field.
HEADERS: dict[str, tuple[str, ...]] = {
    "area": ("område", "områden", "area", "areas", "fokusområde", "insatsområde", "målområde",
             "verksamhetsområde", "theme", "tema"),
    "activity": ("aktivitet", "aktiviteter", "activity", "activities", "insats", "insatser",
                 "åtgärd", "åtgärder", "action"),
    "year": ("år", "year", "planerat år", "årtal", "genomförandeår", "planned year"),
    "status": ("status", "läge", "state", "lägesrapport"),
    "budget": ("budget", "budgeterat", "budgeterad kostnad", "planerad kostnad", "budgeted",
               "planned cost", "kalkyl"),
    "spent": ("utfall", "spent", "actual", "actuals", "förbrukat", "använt", "kostnad",
              "verklig kostnad", "actual cost", "upparbetat", "outcome"),
    "allocated": ("anslag", "allocated", "allocation", "budgetram", "ram", "tilldelat",
                  "tilldelade medel", "årsbudget"),
}
_ALIAS = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
_ALLOCATION_SHEETS = {"anslag", "allocation", "allocations", "budget", "budgetram", "ram"}

#: The canonical statuses, in the order of the activity's life.
STATUSES = ("planerad", "pågående", "genomförd", "försenad", "struken")

#: English labels of the statuses.
STATUS_LABELS = {
    "sv": {s: s for s in STATUSES},
    "en": {"planerad": "planned", "pågående": "ongoing", "genomförd": "done",
           "försenad": "delayed", "struken": "cancelled"},
}

#: Accepted spellings (normalised) of each canonical status.
STATUS_ALIASES: dict[str, tuple[str, ...]] = {
    "planerad": ("planerad", "planerat", "planerade", "ej påbörjad", "ej påbörjat",
                 "inte påbörjad", "inte påbörjat", "ej startad", "ej startat", "ny", "planned",
                 "not started", "to do", "todo", "open"),
    "pågående": ("pågående", "pågår", "påbörjad", "påbörjat", "startad", "startat",
                 "under arbete", "ongoing", "in progress", "started", "underway", "active"),
    "genomförd": ("genomförd", "genomfört", "genomförda", "klar", "klart", "klara", "avslutad",
                  "avslutat", "slutförd", "slutfört", "färdig", "färdigt", "levererad", "done",
                  "completed", "complete", "finished", "closed", "delivered"),
    "försenad": ("försenad", "försenat", "försenade", "förskjuten", "förskjutet", "förskjutna",
                 "framskjuten", "framskjutet", "uppskjuten", "uppskjutet", "flyttad", "flyttat",
                 "senarelagd", "senarelagt", "delayed", "postponed", "late", "deferred",
                 "slipped", "rescheduled"),
    "struken": ("struken", "struket", "strukna", "stryks", "utgår", "utgått", "avbruten",
                "avbrutet", "inställd", "inställt", "borttagen", "cancelled", "canceled",
                "dropped", "withdrawn", "abandoned"),
}
_STATUS = {alias: status for status, aliases in STATUS_ALIASES.items() for alias in aliases}
_YEAR_IN_NAME = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)")


def normalise_status(value: object) -> str | None:
    """The canonical Swedish status of a cell, or None when it is not in the vocabulary.

    Examples
    --------
    >>> normalise_status("Klar"), normalise_status("postponed"), normalise_status("In progress")
    ('genomförd', 'försenad', 'pågående')
    >>> normalise_status("Försenad, flyttas till 2020"), normalise_status("kanske") is None
    ('försenad', True)
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


def _header_field(text: object) -> tuple[str | None, float]:
    """(field, kronor per unit) of a header cell: "Budget (tkr)" → ("budget", 1000.0)."""
    if is_blank(text):
        return None, 1.0
    key = normalise(as_text(text))
    factor = 1.0
    for inner in BRACKETS.findall(key):
        scale = unit_factor(inner)
        if scale is not None:
            factor = scale
    outer = normalise(BRACKETS.sub(" ", key))
    candidates = [key, *(normalise(i) for i in BRACKETS.findall(key)), outer]
    words = re.split(r"[\s,]+", outer)
    if len(words) > 1 and unit_factor(words[-1]) is not None:
        candidates.append(" ".join(words[:-1]).strip(" ,"))
        if factor == 1.0:
            factor = unit_factor(words[-1])
    for candidate in candidates:
        if candidate in _ALIAS:
            return _ALIAS[candidate], factor
    return None, 1.0


def _find_header(sheet: Sheet, needed: tuple[str, ...]):
    """(row, {field: col}, {field: factor}, [(field, col) duplicates]) or (None, …)."""
    row, columns, duplicates = find_header(sheet, lambda value: _header_field(value)[0],
                                           lambda found: all(n in found for n in needed))
    if row is None:
        return None, {}, {}, []
    factors = {name: _header_field(sheet.rows[row][c])[1] for name, c in columns.items()}
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


@dataclass
class ActionPlan:
    """An action plan read and checked by :func:`read_action_plan`.

    Attributes
    ----------
    actions : DataFrame
        The tidy ``actions`` table, one row per activity per year: area, activity (str), year
        (Int64), status (canonical Swedish, see :data:`STATUSES`; empty when blank or unknown),
        budget, spent (float kronor; NaN when blank or unreadable), source (``file:sheet:cell``
        of the Aktivitet cell). Sorted by year, area and activity in workbook order.
    budget : DataFrame
        The yearly allocation: year (Int64), allocated (float kronor), source. Empty without
        an Anslag sheet.
    problems : DataFrame
    cells_read, cells_accepted : int
        See the module docstring for the invariant.
    files : list of str
    """

    actions: pd.DataFrame
    budget: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int = 0
    cells_accepted: int = 0
    files: list[str] = field(default_factory=list)


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
    0  Styrning och ledning  2018  genomförd  300000.0
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
    return ActionPlan(_action_frame(actions), _budget_frame(budget), tally.log.to_frame(),
                      tally.read, tally.accepted, files)


def _read_book(book: Workbook, tally: CellTally, actions, budget, seen) -> None:
    for sheet in filled_sheets(book, tally):
        row, columns, factors, duplicates = _allocation_header(sheet)
        if row is not None:
            _checked_sheet(sheet, row, columns, duplicates, tally)
            _read_allocation(sheet, row, columns, factors, tally, budget, seen)
            continue
        row, columns, factors, duplicates = _find_header(sheet, ("area", "activity"))
        if row is None:
            tally.sheet_problem(
                f"{sheet.file}:{sheet.name}", "missing_column",
                "no header row naming Område and Aktivitet (nor År and Anslag) in the first "
                f"{HEADER_SEARCH_ROWS} rows; the sheet was not read",
            )
            continue
        _checked_sheet(sheet, row, columns, duplicates, tally)
        _read_actions(sheet, row, columns, factors, tally, actions, seen)


def _checked_sheet(sheet, header, columns, duplicates, tally) -> None:
    for name, col in duplicates:
        tally.problem(sheet.source(header, col), "duplicate", sheet.value(header, col),
                      f"a second column for {name!r}; only the first is read")
    for r, c, value in sheet.stray_cells:
        tally.problem(sheet.source(r, c), "stray_cell", value,
                      "a cell far outside the table; not read")


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
        tally.problem(sheet.source(r, c), "missing_value", raw, "År (year) is empty; row not read")
        return None
    year = _year(raw)
    if year is None:
        tally.problem(sheet.source(r, c), "invalid_value", raw,
                      f"År {as_text(raw)!r} is not a year; row not read")
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
        tally.problem(sheet.source(r, c), "invalid_value", raw,
                      f"{what} {as_text(raw)!r} is not an amount (e.g. 250000, '250 tkr', "
                      "'1,5 Mkr')")
        return float("nan"), False
    if amount < 0:
        tally.problem(sheet.source(r, c), "negative_amount", raw,
                      f"{what} {as_text(raw)} is negative")
        return float("nan"), False
    return amount, False


def _read_allocation(sheet, header, columns, factors, tally, budget, seen) -> None:
    c_year, c_amount = columns["year"], columns["allocated"]
    for r in data_rows(sheet, header, (c_year, c_amount)):
        year = _read_year(sheet, r, c_year, tally)
        if year is None:
            continue
        source = sheet.source(r, c_amount)
        key = ("allocation", year)
        if key in seen:
            tally.problem(source, "duplicate", sheet.value(r, c_amount),
                          f"a second allocation for {year} (first at {seen[key]}); not read")
            continue
        amount, blank = _read_amount(sheet, r, c_amount, factors["allocated"], tally, "Anslag")
        if blank:
            tally.problem(source, "missing_value", "", f"Anslag for {year} is empty")
            continue
        if amount != amount:
            continue
        seen[key] = source
        tally.accept()
        budget.append({"year": year, "allocated": amount, "source": source})


def _read_actions(sheet, header, columns, factors, tally, actions, seen) -> None:
    where = f"{sheet.file}:{sheet.name}"
    sheet_year = None
    if "year" not in columns:
        match = _YEAR_IN_NAME.search(sheet.name)
        if match is None:
            tally.sheet_problem(where, "missing_column",
                                "no År (year) column and the sheet name is not a year; the "
                                "sheet was not read")
            return
        sheet_year = int(match.group(1))
    for name, label in (("status", "Status"), ("budget", "Budget"), ("spent", "Utfall")):
        if name not in columns:
            tally.sheet_problem(where, "missing_column",
                                f"no {label} column; the field is left empty")
    area = None
    for r in data_rows(sheet, header, set(columns.values())):
        # key cells
        year = sheet_year
        if "year" in columns:
            year = _read_year(sheet, r, columns["year"], tally)
            if year is None:
                continue
        c = columns["area"]
        if tally.formula_without_value(sheet, r, c, "Område"):
            continue
        raw = sheet.value(r, c)
        if is_blank(raw):
            if area is None:
                tally.problem(sheet.source(r, c), "missing_value", raw,
                              "Område (area) is empty and no area stands above; row not read")
                continue
        else:
            area = " ".join(as_text(raw).split())
        tally.accept()
        c = columns["activity"]
        source = sheet.source(r, c)
        if tally.formula_without_value(sheet, r, c, "Aktivitet"):
            continue
        raw = sheet.value(r, c)
        if is_blank(raw):
            tally.problem(source, "missing_value", raw, "Aktivitet is empty; row not read")
            continue
        activity = " ".join(as_text(raw).split())
        key = (year, normalise(area), normalise(activity))
        if key in seen:
            tally.problem(source, "duplicate", activity,
                          f"the activity occurs twice in {area} {year} (first at {seen[key]}); "
                          "the second row was not read")
            continue
        seen[key] = source
        tally.accept()
        record = {"area": area, "activity": activity, "year": year, "status": None,
                  "budget": float("nan"), "spent": float("nan"), "source": source}
        if "status" in columns:
            c = columns["status"]
            if not tally.formula_without_value(sheet, r, c, "Status"):
                raw = sheet.value(r, c)
                status = normalise_status(raw)
                if is_blank(raw):
                    tally.problem(sheet.source(r, c), "missing_value", raw,
                                  f"Status is empty for {activity!r}")
                elif status is None:
                    tally.problem(sheet.source(r, c), "unknown_status", raw,
                                  f"Status {as_text(raw)!r} is not one of "
                                  f"{', '.join(STATUSES)} (or an English equivalent)")
                else:
                    record["status"] = status
                    tally.accept()
        budget_blank = False  # without a Budget column, the sheet-level problem says it
        if "budget" in columns:
            amount, budget_blank = _read_amount(sheet, r, columns["budget"],
                                                factors["budget"], tally, "Budget")
            record["budget"] = amount
            if budget_blank or amount == amount:
                tally.accept()
        if "spent" in columns:
            c = columns["spent"]
            amount, blank = _read_amount(sheet, r, c, factors["spent"], tally, "Utfall")
            record["spent"] = amount
            if blank or amount != amount:
                if blank:
                    tally.accept()
            elif budget_blank:
                tally.problem(sheet.source(r, c), "spent_without_budget", sheet.value(r, c),
                              f"Utfall {as_text(sheet.value(r, c))} on {activity!r}, which has "
                              "no budget; the amount is kept")
            else:
                tally.accept()
        actions.append(record)


def _action_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ACTION_COLUMNS)
    frame["year"] = pd.array([int(y) for y in frame["year"]], dtype="Int64")
    for name in ("budget", "spent"):
        frame[name] = frame[name].astype(float)
    for name in ("area", "activity", "source"):
        frame[name] = frame[name].astype(str)
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


# -- summary --------------------------------------------------------------------------------

#: The statuses the summary counts, in the order of an activity's life (canonical English ids).
_COUNTED_STATUSES = ("planned", "ongoing", "done", "delayed", "cancelled")
# Transitional: on this branch the reader still gives Swedish statuses (STATUSES); they are
# mapped here. Once the reader gives the English ids this map is the identity: delete it and
# _canonical_status, and use STATUSES instead of _COUNTED_STATUSES.
_READER_STATUS = dict(zip(STATUSES, _COUNTED_STATUSES, strict=True))


@dataclass
class ActionPlanSummary:
    """Tidy tables made by :func:`action_plan_summary`.

    Attributes
    ----------
    status : DataFrame
        year, area, status, n: activities per status per area and year (every canonical status,
        zeros included). Activities without a readable status are left out (see ``areas``).
    areas : DataFrame
        Per year and area: year, area, n_activities, n_planned, n_ongoing, n_done,
        n_delayed, n_cancelled, n_unknown (no readable status), share_done, n_carried_over,
        budget, spent.
    years : DataFrame
        Per year: year, n_activities, n_done, n_delayed, n_cancelled, share_done,
        n_carried_over, allocated (the Anslag; NaN without one), budgeted (sum of the
        activities' budgets), spent (sum of Utfall), utilisation (spent / allocated),
        spent_of_budgeted (spent / budgeted).
    carried_over : DataFrame
        The activities carried over: year, area, activity, status, to_year (the next later
        year in which the same area + activity appears; empty when none), reason
        (``"status"``: status delayed; ``"later_year"``: not done and planned again later;
        ``"both"``).
    """

    status: pd.DataFrame
    areas: pd.DataFrame
    years: pd.DataFrame
    carried_over: pd.DataFrame

    def tables(self, prefix: str = "actionplan_") -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. ``{"actionplan_years": ..., ...}``."""
        return {
            f"{prefix}{name}": getattr(self, name)
            for name in ("status", "areas", "years", "carried_over")
        }


def _share(done: int, of: int) -> float:
    return done / of if of else float("nan")


def _canonical_status(status):
    return _READER_STATUS.get(status, status) if isinstance(status, str) else status


def action_plan_summary(actions: pd.DataFrame, *, budget: pd.DataFrame | None = None
                        ) -> ActionPlanSummary:
    """Status per area and year, share done, carried-over activities and budget use per year.

    Definitions:

    * **share done** = activities *done* / activities planned that year that were not
      *cancelled* (a cancelled activity is no longer planned); NaN when none;
    * **carried over**: an activity whose status is *delayed*, or that was not done (any
      status but *done* and *cancelled*) and whose area + activity text (compared
      case-insensitively, spaces collapsed) appears again in a later year. A recurring
      activity that was done is not a slip;
    * **utilisation** = spent / allocated (the Anslag of the year); **spent_of_budgeted** =
      spent / the sum of the activities' budgets. Sums skip blank amounts; a year without any
      amount has NaN.

    Parameters
    ----------
    actions : DataFrame
        The tidy ``actions`` table (``ActionPlan.actions``): area, activity, year, status
        (``planned``, ``ongoing``, ``done``, ``delayed``, ``cancelled`` or missing), and
        optionally budget and spent.
    budget : DataFrame, optional
        The yearly allocation (``ActionPlan.budget``): year, allocated. Without it
        ``allocated`` and ``utilisation`` are NaN.

    Returns
    -------
    ActionPlanSummary
        ``.status``, ``.areas``, ``.years``, ``.carried_over`` (see :class:`ActionPlanSummary`).

    Examples
    --------
    >>> import pandas as pd
    >>> actions = pd.DataFrame({
    ...     "area": ["E-tjänster", "E-tjänster", "E-tjänster"],
    ...     "activity": ["Ny webbplats", "E-arkiv", "E-arkiv"],
    ...     "year": [2019, 2019, 2020], "status": ["done", "delayed", "ongoing"],
    ...     "budget": [400_000, 600_000, 500_000], "spent": [380_000, 100_000, 200_000]})
    >>> summary = action_plan_summary(actions)
    >>> summary.years[["year", "share_done", "n_carried_over", "spent"]].to_dict("list")
    {'year': [2019, 2020], 'share_done': [0.5, 0.0], 'n_carried_over': [1, 0], 'spent': [480000.0, 200000.0]}
    >>> summary.carried_over[["activity", "year", "to_year", "reason"]].to_dict("records")
    [{'activity': 'E-arkiv', 'year': 2019, 'to_year': 2020, 'reason': 'both'}]
    """
    actions = _prepared(actions)
    allocation = pd.DataFrame(columns=BUDGET_COLUMNS) if budget is None else budget
    actions, carried = _carried_over(actions)
    status_table, area_table = _per_area(actions)
    year_table = _per_year(actions, allocation)
    for table in (status_table, area_table, year_table):
        _type_columns(table)
    return ActionPlanSummary(status_table, area_table, year_table, carried)


def _prepared(actions: pd.DataFrame) -> pd.DataFrame:
    """A checked copy with canonical statuses, float amounts and nullable-int years."""
    if not isinstance(actions, pd.DataFrame):
        raise TypeError("expected the tidy actions table (a DataFrame), e.g. ActionPlan.actions")
    missing = {"area", "activity", "year", "status"} - set(actions.columns)
    if missing:
        raise ValueError(f"the actions table lacks the columns {sorted(missing)}")
    actions = actions.copy()
    actions["status"] = actions["status"].map(_canonical_status)
    for name in ("budget", "spent"):
        if name not in actions.columns:
            actions[name] = float("nan")
        actions[name] = actions[name].astype(float)
    actions["year"] = actions["year"].astype("Int64")
    return actions


def _carried_over(actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Flag the carried-over activities (``is_carried``) and list them with the reason."""
    actions["match_key"] = [(normalise(a), normalise(t)) for a, t in
                            zip(actions["area"], actions["activity"], strict=True)]
    years_of: dict[tuple, list[int]] = {}
    for key, year in zip(actions["match_key"], actions["year"], strict=True):
        years_of.setdefault(key, []).append(int(year))
    rows = []
    flags = []
    for row in actions.itertuples(index=False):
        later = sorted(y for y in years_of[row.match_key] if y > int(row.year))
        status = row.status if isinstance(row.status, str) else None
        by_status = status == "delayed"
        by_later = bool(later) and status not in ("done", "cancelled")
        flags.append(by_status or by_later)
        if by_status or by_later:
            reason = "both" if by_status and by_later else "status" if by_status else "later_year"
            rows.append((int(row.year), row.area, row.activity, status,
                         later[0] if later else pd.NA, reason))
    actions["is_carried"] = flags
    carried = pd.DataFrame(rows, columns=["year", "area", "activity", "status", "to_year",
                                          "reason"])
    carried["year"] = carried["year"].astype("Int64")
    carried["to_year"] = pd.array(list(carried["to_year"]), dtype="Int64")
    for name in ("area", "activity", "reason"):
        carried[name] = carried[name].astype(str)
    carried["status"] = carried["status"].astype("str")
    carried.loc[carried["status"].isin(["None", "nan"]), "status"] = pd.NA
    return actions, carried


def _per_area(actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activities per status per area and year, and the per-area counts and amounts."""
    years = sorted(int(y) for y in actions["year"].dropna().unique())
    area_rows, status_rows = [], []
    for year in years:
        in_year = actions[actions["year"] == year]
        for area in dict.fromkeys(in_year["area"]):
            group = in_year[in_year["area"] == area]
            counts = {s: int((group["status"] == s).sum()) for s in _COUNTED_STATUSES}
            for s in _COUNTED_STATUSES:
                status_rows.append((year, area, s, counts[s]))
            area_rows.append({
                "year": year, "area": area, "n_activities": len(group),
                **{f"n_{s}": counts[s] for s in _COUNTED_STATUSES},
                "n_unknown": int(group["status"].isna().sum()),
                "share_done": _share(counts["done"], len(group) - counts["cancelled"]),
                "n_carried_over": int(group["is_carried"].sum()),
                "budget": group["budget"].sum(min_count=1),
                "spent": group["spent"].sum(min_count=1),
            })
    status_table = pd.DataFrame(status_rows, columns=["year", "area", "status", "n"])
    area_table = pd.DataFrame(area_rows, columns=[
        "year", "area", "n_activities", *(f"n_{s}" for s in _COUNTED_STATUSES), "n_unknown",
        "share_done", "n_carried_over", "budget", "spent"])
    return status_table, area_table


def _per_year(actions: pd.DataFrame, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per year: counts, share done, carried over, and the budget use."""
    years = sorted(int(y) for y in actions["year"].dropna().unique())
    allocated = {int(y): float(a) for y, a in zip(allocation["year"], allocation["allocated"],
                                                  strict=True)}
    rows = []
    for year in sorted(set(years) | set(allocated)):
        group = actions[actions["year"] == year]
        n_done = int((group["status"] == "done").sum())
        n_cancelled = int((group["status"] == "cancelled").sum())
        budgeted = group["budget"].sum(min_count=1)
        spent = group["spent"].sum(min_count=1)
        alloc = allocated.get(year, float("nan"))
        rows.append({
            "year": year, "n_activities": len(group), "n_done": n_done,
            "n_delayed": int((group["status"] == "delayed").sum()),
            "n_cancelled": n_cancelled,
            "share_done": _share(n_done, len(group) - n_cancelled),
            "n_carried_over": int(group["is_carried"].sum()),
            "allocated": alloc, "budgeted": budgeted, "spent": spent,
            "utilisation": spent / alloc if alloc and alloc == alloc else float("nan"),
            "spent_of_budgeted": spent / budgeted if budgeted and budgeted == budgeted
            else float("nan"),
        })
    return pd.DataFrame(rows, columns=[
        "year", "n_activities", "n_done", "n_delayed", "n_cancelled", "share_done",
        "n_carried_over", "allocated", "budgeted", "spent", "utilisation",
        "spent_of_budgeted"])


def _type_columns(table: pd.DataFrame) -> None:
    """Nullable-int years, int64 counts, float amounts and shares, str names (in place)."""
    table["year"] = table["year"].astype("Int64")
    for name in table.columns:
        if name.startswith("n") and name != "year":
            table[name] = table[name].astype("int64")
    for name in ("share_done", "budget", "spent", "allocated", "budgeted", "utilisation",
                 "spent_of_budgeted"):
        if name in table.columns:
            table[name] = table[name].astype(float)
    for name in ("area", "status"):
        if name in table.columns:
            table[name] = table[name].astype(str)


def _sorted_areas(areas) -> list[str]:
    """Areas in natural order (used by the figures when no order is given)."""
    return sorted(areas, key=natural_key)
