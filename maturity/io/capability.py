"""Reading a capability map (förmågekarta): maturity levels per capability and organisation.

A capability map judges every organisation's maturity in each capability against a target
picture (målbild) of goals for a target year. This module reads it from a workbook into the tidy
``capabilities`` table (:mod:`maturity.capability` summarises it).

Workbook format
---------------
* A sheet ``levels`` (or ``nivåer``): columns ``level``/``nivå``, ``label``/``benämning`` and
  ``acceptable``/``godtagbar`` (ja/nej). The level scale comes from here, never from the code.
* One or more **matrix** sheets. The header row is the first row (of the first
  :data:`~maturity.io.kit.HEADER_SEARCH_ROWS`) with a cell ``Förmåga`` or ``Capability``; title rows above it are skipped. Columns ``Förmåga``, ``Mål`` (the målbild
  goal) and ``Målnivå`` (target level), then one column per organisation. A cell holds a level
  number (``3``, ``"3"``, ``"3,0"``), a level label (``"Definierad"``, any case and spacing) or
  both (``"3 Definierad"``); blank means *not assessed*, never 0. Columns left of ``Förmåga`` and
  columns headed ``Medel``/``Mean``/``Kommentar``/``Comment`` are read past. Without a ``Mål``
  column the sheet name is the goal (one sheet per goal).
* Or the **long** layout: a header row with ``Förmåga``/``Capability``, ``Organisation``
  (or ``Kommun``) and ``Nivå``/``Level``, optionally ``Mål``/``Goal``, ``Målnivå``/``Target``
  and ``Omgång``/``Wave``; one row per organisation and capability.

Headers are matched case-insensitively, in Swedish or English, through the one alias table
:data:`maturity.io.kit.ALIASES`.

What counts as a *cell read* (the invariant of :mod:`maturity.io.kit`,
``cells_read == len(assessments) + len(problems)``):

* every **level cell** of an accepted capability row under an accepted organisation column,
  blank ones included (a blank cell is accepted as a row with ``level`` missing: not assessed);
* every non-blank level cell under a header that is no known organisation, and that header
  (each such value is quoted only masked: ``"Anna"`` → ``"A***"``); but a column under such a
  header (or under any header, when no organisations are given) whose cells are mostly text
  that is no level (names, contact details, comments) is **free text**: reported once at its
  header (``skipped_column``, never with a value) and its cells not read;
* every non-blank level cell of a duplicate capability row, and that row's capability cell;
* a goal or target cell that is missing or unreadable (the capability's levels are still
  accepted, with the goal or target missing);
* a formula cell saved without its value, a stray cell, an empty sheet, a missing column
  (``Målnivå``, the levels sheet's ``acceptable``), a sheet without a capability header, and
  each rejected row of the ``levels`` sheet (one cell each).

Each cell read is either one row of ``assessments`` or one row of ``problems``, never both.

Examples
--------
>>> import maturity as mt
>>> cmap = mt.read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
>>> cmap.cells_read == len(cmap.assessments) + len(cmap.problems)  # doctest: +SKIP
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from maturity.errors import InputError
from maturity.io.kit import (
    CellTally,
    field_of,
    find_header,
    head_sheets,
    sheet_named,
)
from maturity.io.opener import Sheet, Workbook, open_workbook
from maturity.io.organisations import OrganisationResolver
from maturity.io.personal import excerpt, mask
from maturity.io.problems import Phrase, ProblemLog, ReadProblems, column_letter
from maturity.io.values import as_text, is_blank, normalise, parse_number, parse_yes_no

__all__ = [
    "ASSESSMENT_COLUMNS",
    "LEVEL_COLUMNS",
    "LEVEL_SHEETS",
    "CapabilityMap",
    "detect",
    "read_capability_map",
]

#: Columns of the tidy ``capabilities`` table (``CapabilityMap.assessments``).
ASSESSMENT_COLUMNS = ["wave", "organisation", "capability", "goal", "level", "target", "source"]
#: Columns of ``CapabilityMap.levels``.
LEVEL_COLUMNS = ["level", "label", "acceptable"]

#: The range a level of the levels sheet must lie in (maturity scales run 1-5, at most 0-10);
#: a level outside it is a problem, never a size for colours, axes or ticks.
MIN_LEVEL, MAX_LEVEL = 0, 20
#: Names (normalised) of the sheet that holds the level scale.
LEVEL_SHEETS = {"levels", "level", "nivåer", "nivå", "nivåskala", "mognadsnivåer"}
#: Fields of a matrix or long sheet's header row (see :data:`maturity.io.kit.ALIASES`).
DATA_FIELDS = ("capability", "goal", "target", "organisation", "level", "wave")
#: Fields of the levels sheet's header row.
LEVEL_FIELDS = ("level", "label", "acceptable")

_NUMBER_LABEL = re.compile(r"^(\d+)\s*[-–—:.)]?\s*(.*)$")


def _data_field(value: object) -> str | None:
    return field_of(value, DATA_FIELDS)


def _level_field(value: object) -> str | None:
    return field_of(value, LEVEL_FIELDS)


def _is_skipped(value: object) -> bool:
    """A matrix column that is no organisation: a mean, a comment, a number (see :data:`maturity.io.kit.ALIASES`)."""
    return field_of(value, ("aggregate",)) is not None


def _level_in(organisation: str, capability: str) -> Phrase:
    """How a problem message names the level of an organisation in a capability."""
    return Phrase(
        "problem.capability.what_level", {"organisation": organisation, "capability": capability}
    )


def _clean(value: object) -> str:
    """A name as written, with whitespace collapsed."""
    return " ".join(as_text(value).split())


def _data_header(sheet: Sheet) -> tuple[int | None, dict[str, int]]:
    """(header row, {field: column}) of a matrix or long sheet: the first row naming Förmåga."""
    row, columns, _ = find_header(sheet, _data_field, lambda found: "capability" in found)
    return row, columns


def detect(book: Workbook) -> bool:
    """True when a workbook is a capability map, judged from sheet names and first rows only.

    That is: it has a ``levels`` sheet, or a sheet whose header row has a
    ``Förmåga``/``Capability`` column and organisation columns (further columns in the matrix
    layout, or ``Organisation`` and ``Nivå`` in the long layout).

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/formagekarta.xlsx"))  # doctest: +SKIP
    True
    """
    if sheet_named(book, LEVEL_SHEETS) is not None:
        return True
    for sheet in head_sheets(book):
        row, columns = _data_header(sheet)
        if row is None:
            continue
        if "organisation" in columns and "level" in columns:
            return True
        fixed = {"capability", "goal", "target", "organisation", "level"}
        others = [
            v
            for c, v in enumerate(sheet.rows[row])
            if c > columns["capability"]
            and not is_blank(v)
            and _data_field(v) not in fixed
            and not _is_skipped(v)
        ]
        if others:
            return True
    return False


@dataclass
class CapabilityMap(ReadProblems):
    """A capability map read from a workbook.

    Attributes
    ----------
    levels : DataFrame
        The level scale: ``level`` (int), ``label`` (str), ``acceptable`` (bool), ordered by level.
    assessments : DataFrame
        The tidy ``capabilities`` table: ``wave``, ``organisation``, ``capability``, ``goal``,
        ``level`` and ``target`` (nullable ``Int64``; ``level`` missing = not assessed),
        ``source`` (``file:sheet:cell`` of the level cell). One row per organisation and
        capability, in the order of the sheet.
    problems : DataFrame
        ``source``, ``kind``, ``value``, ``message``: every cell that could not be accepted.
    cells_read : int
        Cells read; ``cells_read == len(assessments) + len(problems)`` (see the module docs).
    log : ProblemLog, optional
        The same problems in no language (message keys and fields); ``problems_in(lang)``
        shows them in Swedish or English. ``problems`` is the English table.

    Examples
    --------
    >>> cmap = read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
    >>> cmap.assessments.columns.tolist()                          # doctest: +SKIP
    ['wave', 'organisation', 'capability', 'goal', 'level', 'target', 'source']
    """

    levels: pd.DataFrame
    assessments: pd.DataFrame
    problems: pd.DataFrame
    cells_read: int
    log: ProblemLog | None = field(default=None, repr=False, compare=False)

    @property
    def organisations(self) -> list[str]:
        """Organisations in the order of the map."""
        return list(dict.fromkeys(self.assessments["organisation"]))

    @property
    def capabilities(self) -> list[str]:
        """Capabilities in the order of the map."""
        return list(dict.fromkeys(self.assessments["capability"]))


# -- reading ---------------------------------------------------------------------------------
class _Reader:
    """State shared while reading one workbook: the log, the scale, the count of cells read."""

    def __init__(self, book: Workbook, resolver: OrganisationResolver, strict: bool, wave):
        self.book = book
        self.resolve = resolver
        self.tally = CellTally(strict)
        self.wave = wave
        self.rows: list[tuple] = []
        self.seen: dict[tuple, str] = {}  # (wave, capability key) or (wave, org, cap) -> source
        self.levels = pd.DataFrame({"level": [], "label": [], "acceptable": []})
        self.by_label: dict[str, int] = {}
        self.valid: set[int] = set()

    def problem(self, source: str, kind: str, value: object, key: str, /, **fields) -> None:
        self.tally.problem(source, kind, value, key, **fields)

    def accept(self, wave, organisation, capability, goal, level, target, source) -> None:
        self.tally.accept()
        self.rows.append((wave, organisation, capability, goal, level, target, source))

    def scale_text(self) -> str:
        return ", ".join(
            f"{lv} {lb}" for lv, lb in zip(self.levels["level"], self.levels["label"], strict=True)
        )

    def level_of(self, value: object, source: str, what: Phrase) -> tuple[int | None, bool]:
        """(level, ok) of a non-blank cell; reports the problem (naming ``what``) when not ok."""
        number = parse_number(value)
        if number is not None:
            if number.is_integer() and int(number) in self.valid:
                return int(number), True
            shown = excerpt(as_text(value))  # a phone number typed as a level: masked
            self.problem(
                source,
                "out_of_scale",
                shown,
                "problem.capability.level_off_scale",
                what=what,
                value=shown,
                scale=self.scale_text(),
            )
            return None, False
        if isinstance(value, str):
            key = normalise(value)
            if key in self.by_label:
                return self.by_label[key], True
            match = _NUMBER_LABEL.match(key)
            if match and int(match.group(1)) in self.valid:
                level = int(match.group(1))
                if not match.group(2) or self.by_label.get(match.group(2)) == level:
                    return level, True
            shown = excerpt(value, self.by_label)  # a name or a comment: masked
            self.problem(
                source,
                "unknown_label",
                shown,
                "problem.capability.level_unknown_label",
                what=what,
                value=shown,
                scale=self.scale_text(),
            )
            return None, False
        self.problem(
            source,
            "invalid_value",
            value,
            "problem.capability.level_invalid",
            what=what,
            value=as_text(value),
            scale=self.scale_text(),
        )
        return None, False

    # -- sheets -----------------------------------------------------------------------------
    def read_levels(self, sheet: Sheet) -> None:
        header, cols, _ = find_header(sheet, _level_field, lambda found: "level" in found)
        if header is None:
            raise InputError(
                "has no header row with a 'level'/'nivå' column; the levels sheet "
                "needs the columns level, label and acceptable",
                file=sheet.file,
                sheet=sheet.name,
            )
        level_col = cols.get("level")
        label_col = cols.get("label")
        acceptable_col = cols.get("acceptable")
        if label_col is None:
            raise InputError("has no 'label'/'benämning' column", file=sheet.file, sheet=sheet.name)
        if acceptable_col is None:
            self.problem(
                sheet.source(header, level_col),
                "missing_column",
                "",
                "problem.capability.no_acceptable_column",
            )
        rows = []
        for r in range(header + 1, sheet.n_rows):
            raw = sheet.value(r, level_col)
            label = sheet.value(r, label_col)
            accept_raw = sheet.value(r, acceptable_col) if acceptable_col is not None else ""
            if is_blank(raw) and is_blank(label) and is_blank(accept_raw):
                continue
            if (r, level_col) in sheet.formula_cells:
                continue  # reported with all formula cells
            number = parse_number(raw)
            if number is None or not number.is_integer():
                self.problem(
                    sheet.source(r, level_col),
                    "invalid_value",
                    raw,
                    "problem.capability.level_not_whole",
                    value=as_text(raw),
                )
                continue
            if not MIN_LEVEL <= number <= MAX_LEVEL:  # a level sizes colours, axes and ticks
                self.problem(
                    sheet.source(r, level_col),
                    "implausible_value",
                    raw,
                    "problem.hostile.level_implausible",
                    value=as_text(raw),
                    low=MIN_LEVEL,
                    high=MAX_LEVEL,
                )
                continue
            level = int(number)
            if any(level == row[0] for row in rows):
                self.problem(
                    sheet.source(r, level_col),
                    "duplicate",
                    raw,
                    "problem.capability.level_twice",
                    level=level,
                )
                continue
            acceptable = parse_yes_no(accept_raw) if acceptable_col is not None else False
            if acceptable is None:
                self.problem(
                    sheet.source(r, acceptable_col),
                    "invalid_value",
                    accept_raw,
                    "problem.capability.acceptable_invalid",
                    value=accept_raw,
                    level=level,
                )
                acceptable = False
            rows.append((level, _clean(label) or str(level), bool(acceptable)))
        if not rows:
            raise InputError("defines no levels", file=sheet.file, sheet=sheet.name)
        rows.sort()
        self.levels = pd.DataFrame(rows, columns=LEVEL_COLUMNS).astype(
            {"level": "int64", "label": str, "acceptable": bool}
        )
        self.valid = set(self.levels["level"].tolist())
        self.by_label = {normalise(lb): lv for lv, lb, _ in rows}
        self.report_formulas(sheet)

    def report_formulas(self, sheet: Sheet) -> None:
        for r, c in sorted(sheet.formula_cells):
            error = sheet.error_cells.get((r, c))
            if error is not None:  # an Excel error value (#N/A …), never "not assessed"
                self.problem(
                    sheet.source(r, c),
                    "excel_error",
                    error,
                    "problem.hostile.excel_error",
                    what=Phrase("problem.hostile.this_cell"),
                )
                continue
            self.problem(
                sheet.source(r, c),
                "formula_without_value",
                "",
                "problem.capability.formula",
            )
        for r, c, value in sheet.stray_cells:
            self.problem(
                sheet.source(r, c),
                "stray_cell",
                mask(value),  # unknown content: quoted only masked
                "problem.capability.stray_cell",
            )

    def read_data_sheet(self, sheet: Sheet) -> bool:
        """Read a matrix or long sheet; False when the sheet has no capability header."""
        if sheet.is_empty():
            self.problem(sheet.source(0, 0), "empty_sheet", "", "problem.sheet_empty")
            return True
        header, cols = _data_header(sheet)
        if header is None:
            return False
        if "organisation" in cols and "level" in cols:
            self.read_long(sheet, header, cols)
        else:
            self.read_matrix(sheet, header, cols)
        return True

    def goal_target(self, sheet: Sheet, r: int, cols: dict, capability: str):
        """The goal and target of a capability row, reporting missing or unreadable ones."""
        goal_col, target_col = cols.get("goal"), cols.get("target")
        if goal_col is None:
            goal = sheet.name
        else:
            goal = _clean(sheet.value(r, goal_col)) or None
            if goal is None and (r, goal_col) not in sheet.formula_cells:
                self.problem(
                    sheet.source(r, goal_col),
                    "missing_value",
                    "",
                    "problem.capability.no_goal",
                    capability=capability,
                )
        target = None
        if target_col is not None:
            raw = sheet.value(r, target_col)
            if is_blank(raw):
                if (r, target_col) not in sheet.formula_cells:
                    self.problem(
                        sheet.source(r, target_col),
                        "missing_value",
                        "",
                        "problem.capability.no_target",
                        capability=capability,
                    )
            else:
                target, _ok = self.level_of(
                    raw,
                    sheet.source(r, target_col),
                    Phrase("problem.capability.what_target", {"capability": capability}),
                )
        return goal, target

    def read_matrix(self, sheet: Sheet, header: int, cols: dict) -> None:
        """Read a matrix sheet: one row per capability, one column per organisation."""
        cap_col = cols["capability"]
        fixed = [c for c in (cap_col, cols.get("goal"), cols.get("target")) if c is not None]
        if "target" not in cols:
            self.problem(
                sheet.source(header, max(fixed) + 1),
                "missing_column",
                "",
                "problem.capability.no_target_column",
            )
        org_cols = self.organisation_columns(sheet, header, max(fixed) + 1)
        for r in range(header + 1, sheet.n_rows):
            self.read_matrix_row(sheet, header, r, cols, fixed, org_cols)
        self.report_formulas(sheet)

    def organisation_columns(self, sheet: Sheet, header: int, start: int) -> dict:
        """{column: organisation} of a matrix from column ``start`` on; None for no known one.

        Means and comments are read past; a column without a header but with data maps to
        None, and so does a header that is no known organisation (reported here).
        """
        org_cols: dict[int, str | None] = {}
        for c in range(start, sheet.n_cols):
            head = sheet.value(header, c)
            if (header, c) in sheet.formula_cells:
                continue
            if _is_skipped(head):
                continue
            if is_blank(head):
                if any(not is_blank(sheet.value(r, c)) for r in range(header + 1, sheet.n_rows)):
                    org_cols[c] = None  # data without a header: reported cell by cell
                continue
            org_cols[c] = self.resolve(head)
        for c in [c for c, org in org_cols.items() if org is None or not self.resolve.checks]:
            if self.free_text_column(sheet, header, c):
                del org_cols[c]
        for c, org in org_cols.items():
            if org is None and not is_blank(sheet.value(header, c)):
                self.problem(
                    sheet.source(header, c),
                    "unknown_organisation",
                    sheet.value(header, c),
                    "problem.capability.column_unknown_organisation",
                    column=column_letter(c),
                    header=_clean(sheet.value(header, c)),
                )
        return org_cols

    def free_text_column(self, sheet: Sheet, header: int, c: int) -> bool:
        """True (and reported once, at the header, never with a value) when the cells below an
        unknown header are mostly text that is no level: comments, names, contact details."""
        head = sheet.value(header, c)
        if is_blank(head):
            return False
        values = [sheet.value(r, c) for r in range(header + 1, sheet.n_rows)]
        values = [v for v in values if not is_blank(v)]
        text = sum(
            isinstance(v, str)
            and len(v.strip()) > 3
            and parse_number(v) is None
            and normalise(v) not in self.by_label
            and not self.numbered_level(v)
            for v in values
        )
        if not values or text * 2 <= len(values):
            return False
        self.tally.notice(  # by design, so no error in strict mode; never with a value
            sheet.source(header, c),
            "skipped_column",
            "problem.mask.capability_free_text",
            header=_clean(head),
            column=column_letter(c),
            n=len(values),
        )
        return True

    def numbered_level(self, value: object) -> bool:
        """Whether a text starts with the number of a level ("4 Etablerad", "3 -")."""
        match = _NUMBER_LABEL.match(normalise(value))
        return bool(match) and int(match.group(1)) in self.valid

    def read_matrix_row(
        self, sheet: Sheet, header: int, r: int, cols: dict, fixed: list, org_cols: dict
    ) -> None:
        """Read one capability row of a matrix, rejecting it when unnamed or a duplicate."""
        cap_col = cols["capability"]
        name = _clean(sheet.value(r, cap_col))
        row_cells = [
            c for c in org_cols if (r, c) in sheet.formula_cells or not is_blank(sheet.value(r, c))
        ]
        if not name:  # also a formula saved without value: its levels are rejected
            self.reject_unnamed_row(sheet, r, cap_col, fixed, row_cells)
            return
        key = (self.wave, normalise(name))
        if key in self.seen:
            self.reject_duplicate_row(sheet, r, cap_col, name, self.seen[key], row_cells)
            return
        self.seen[key] = sheet.source(r, cap_col)
        goal, target = self.goal_target(sheet, r, cols, name)
        for c, org in org_cols.items():
            self.read_matrix_cell(sheet, header, r, c, org, name, goal, target)

    def reject_unnamed_row(
        self, sheet: Sheet, r: int, cap_col: int, fixed: list, row_cells: list
    ) -> None:
        """Report the filled cells of a row without a capability name (or its name cell)."""
        other = any(not is_blank(sheet.value(r, c)) for c in fixed)
        if not (row_cells or other):
            return
        for c in row_cells or [cap_col]:
            if (r, c) in sheet.formula_cells:
                continue
            self.problem(
                sheet.source(r, c),
                "missing_value",
                excerpt(sheet.value(r, c), self.by_label),
                "problem.capability.row_unnamed",
                row=r + 1,
            )

    def reject_duplicate_row(
        self, sheet: Sheet, r: int, cap_col: int, name: str, first: str, row_cells: list
    ) -> None:
        """Report a capability row seen before (first at ``first``) and each of its levels."""
        self.problem(
            sheet.source(r, cap_col),
            "duplicate",
            name,
            "problem.capability.capability_twice",
            capability=name,
            first=first,
        )
        for c in row_cells:
            if (r, c) in sheet.formula_cells:
                continue
            self.problem(
                sheet.source(r, c),
                "duplicate",
                excerpt(sheet.value(r, c), self.by_label),
                "problem.capability.level_of_duplicate",
                capability=name,
            )

    def read_matrix_cell(
        self, sheet: Sheet, header: int, r: int, c: int, org, name: str, goal, target
    ) -> None:
        """Accept the level of ``org`` in capability ``name`` (blank: not assessed) or report it."""
        source = sheet.source(r, c)
        value = sheet.value(r, c)
        if (r, c) in sheet.formula_cells:
            return
        if org is None:
            if not is_blank(value):
                kind = (
                    "unknown_organisation"
                    if not is_blank(sheet.value(header, c))
                    else "missing_value"
                )
                self.problem(
                    source,
                    kind,
                    mask(as_text(value)),  # a column of unknown content: quoted only masked
                    "problem.capability.level_unknown_column",
                    column=column_letter(c),
                )
            return
        if is_blank(value):
            self.accept(self.wave, org, name, goal, None, target, source)
            return
        level, ok = self.level_of(value, source, _level_in(org, name))
        if ok:
            self.accept(self.wave, org, name, goal, level, target, source)

    def read_long(self, sheet: Sheet, header: int, cols: dict) -> None:
        cap_col, org_col, level_col = cols["capability"], cols["organisation"], cols["level"]
        wave_col = cols.get("wave")
        if "target" not in cols:
            self.problem(
                sheet.source(header, max(cols.values()) + 1),
                "missing_column",
                "",
                "problem.capability.no_target_column",
            )
        goals: dict[tuple, str] = {}
        targets: dict[tuple, int] = {}
        for r in range(header + 1, sheet.n_rows):
            used = [c for c in cols.values()]
            if all(is_blank(sheet.value(r, c)) and (r, c) not in sheet.formula_cells for c in used):
                continue
            source = sheet.source(r, level_col)
            if (r, level_col) in sheet.formula_cells:
                continue
            value = sheet.value(r, level_col)
            name = _clean(sheet.value(r, cap_col))
            org_raw = sheet.value(r, org_col)
            wave = self.wave
            if wave is None and wave_col is not None and not is_blank(sheet.value(r, wave_col)):
                number = parse_number(sheet.value(r, wave_col))
                wave = (
                    int(number)
                    if number is not None and number.is_integer()
                    else _clean(sheet.value(r, wave_col))
                )
            if not name:
                self.problem(
                    sheet.source(r, cap_col),
                    "missing_value",
                    value,
                    "problem.capability.long_row_unnamed",
                    row=r + 1,
                )
                continue
            org = self.resolve(org_raw)
            if org is None:
                kind = "missing_value" if is_blank(org_raw) else "unknown_organisation"
                self.problem(
                    sheet.source(r, org_col),
                    kind,
                    org_raw,
                    "problem.capability.unknown_organisation",
                    organisation=_clean(org_raw),
                )
                continue
            key = (wave, normalise(org), normalise(name))
            if key in self.seen:
                self.problem(
                    source,
                    "duplicate",
                    value,
                    "problem.capability.level_twice_for",
                    organisation=org,
                    capability=name,
                    first=self.seen[key],
                )
                continue
            self.seen[key] = source
            cap_key = (wave, normalise(name))
            if cap_key not in goals:
                goal, target = self.goal_target(sheet, r, cols, name)
                goals[cap_key] = goal
                targets[cap_key] = target
            if is_blank(value):
                level, ok = None, True
            else:
                level, ok = self.level_of(value, source, _level_in(org, name))
            if ok:
                self.accept(wave, org, name, goals[cap_key], level, targets[cap_key], source)
        self.report_formulas(sheet)


def read_capability_map(
    path: str | Path,
    *,
    organisations: pd.DataFrame | None = None,
    strict: bool = False,
    wave: object = None,
) -> CapabilityMap:
    """Read a capability map (förmågekarta) workbook into tidy tables, every cell accounted for.

    Parameters
    ----------
    path : str or Path
        An .xlsx workbook with a ``levels`` sheet and matrix (or long) sheets; see the module
        documentation for the format. It is opened with :func:`maturity.io.opener.open_workbook`.
    organisations : DataFrame, optional
        Known organisations: columns ``organisation`` and ``alias`` (e.g. the codebook's
        ``organisations`` sheet). Column headers are resolved through it ("Åmåls kommun" →
        "Åmål"); unknown ones are problems. None accepts every header as an organisation.
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of logging it.
    wave : optional
        The survey round to record in the ``wave`` column (e.g. 2024). Without it, a long sheet's
        ``Omgång``/``Wave`` column is used, otherwise the wave is missing.

    Returns
    -------
    CapabilityMap
        ``.levels``, ``.assessments`` (the tidy ``capabilities`` table), ``.problems`` and
        ``.cells_read``, with ``cells_read == len(assessments) + len(problems)``.

    Raises
    ------
    InputError
        When the file is no sound workbook, has no ``levels`` sheet or the levels sheet defines
        no levels, and in strict mode at the first problem.

    Examples
    --------
    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"organisation": ["Åmål"], "alias": ["Åmåls kommun"]})
    >>> cmap = read_capability_map("data/raw/formagekarta.xlsx", organisations=orgs)  # doctest: +SKIP
    >>> cmap.assessments.head(1)  # doctest: +SKIP
    """
    book = open_workbook(path)
    level_sheet = sheet_named(book, LEVEL_SHEETS)
    if level_sheet is None:
        raise InputError(
            "has no 'levels' sheet (columns level, label, acceptable); the level scale of a "
            "capability map must be given in the workbook",
            file=book.name,
        )
    reader = _Reader(book, OrganisationResolver(organisations), strict, wave)
    reader.read_levels(book.sheet(level_sheet))
    data_sheets = 0
    for name in book.sheet_names:
        if name == level_sheet:
            continue
        sheet = book.sheet(name)
        if reader.read_data_sheet(sheet):
            data_sheets += 1
        else:
            reader.problem(
                sheet.source(0, 0),
                "missing_column",
                "",
                "problem.capability.no_header",
            )
    if data_sheets == 0 and not len(reader.tally.log):
        reader.problem(
            f"{book.name}:{level_sheet}:A1",
            "empty_file",
            "",
            "problem.capability.no_data_sheet",
        )
    assessments = pd.DataFrame(reader.rows, columns=ASSESSMENT_COLUMNS)
    assessments = _typed(assessments)
    log = reader.tally.log
    return CapabilityMap(reader.levels, assessments, log.to_frame(), reader.tally.read, log)


def _typed(assessments: pd.DataFrame) -> pd.DataFrame:
    out = assessments.copy()
    out["wave"] = out["wave"].astype(object)
    for column in ("organisation", "capability", "source"):
        out[column] = out[column].astype(str)
    out["goal"] = out["goal"].astype(object)
    for column in ("level", "target"):
        out[column] = pd.array(
            [None if v is None or v != v else int(v) for v in out[column]], dtype="Int64"
        )
    return out.reset_index(drop=True)
