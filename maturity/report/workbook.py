"""The report workbook ``nulagesanalys.xlsx``, formatted for people.

A front sheet with the key findings, what was read and what was suppressed; one sheet per
published table (frozen header, column widths, number formats); the capability map as a matrix
with a colour scale; the problem log. Text from the input is always written as text: a value
that starts with ``=``, ``+``, ``-`` or ``@`` can never become a formula. Numbers stay numbers,
so a Swedish Excel shows them with decimal comma (the separator follows the reader's locale).
The file is byte-identical for the same input (fixed metadata and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from maturity import text
from maturity.findings import key_findings
from maturity.report.summary import privacy_lines
from maturity.sections import Section
from maturity.xlsx_writer import SheetRows, excel_text, save_workbook

__all__ = ["write_workbook", "header", "sheet_name", "VALUE_COLUMNS"]

#: Columns whose values are canonical identifiers shown through the text module
#: (``<area>.<value>``): risk levels, changes, statuses, problem kinds, ...
VALUE_COLUMNS = {
    "end": "value.end",
    "level": "value.level",
    "change": "value.change",
    "status": "value.status",
    "reason": "value.reason",
    "kind": "value.problem",
    "section": "value.section",
    "wave_from": "value.source_from",
    "organisation_from": "value.source_from",
    "role_from": "value.source_from",
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = "DDE6F0"
_FRONT_WIDTH = 90
_LINE_HEIGHT = 15
#: The one font of the workbook (its default), in every cell.
FONT = "Calibri"
#: Widest a table column gets (characters); longer text wraps.
_MAX_WIDTH = 62
#: Widest a header alone makes a column; a longer header wraps.
_HEADER_WIDTH = 22
_DATE_FORMAT = "yyyy-mm-dd"

#: Tables of mostly zeros shown wide: table -> (index columns, column spread over the headers,
#: value, text area of the spread column's values). Rows that are zero throughout are left out.
WIDE_TABLES = {
    "actionplan_status": (["year", "area"], "status", "n", "value.status"),
    "risk_levels": (["date"], "level", "n", "value.level"),
}


def _font(**style):
    from openpyxl.styles import Font

    return Font(name=FONT, **style)


def _row_height(texts: list[str], widths: list[float]) -> float:
    """Points needed to show wrapped texts in columns of the given widths (characters)."""
    lines = max(
        (max(1, -(-len(t) // max(int(w) - 2, 1))) for t, w in zip(texts, widths, strict=True)),
        default=1,
    )
    return lines * _LINE_HEIGHT


def _fit_to_page(sheet, *, titles: bool = True) -> None:
    """Print the sheet landscape, one page wide, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if titles:
        sheet.print_title_rows = "1:1"


def _needs_text_guard(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_FORMULA_START)


def _cell_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is pd.NA or value is pd.NaT:
        return None
    return value if isinstance(value, int | str) else str(value)


def _number_format(column: str, lang: str = "sv", *, integer: bool = False) -> str:
    """Excel number format for a column, for ``lang`` (see :func:`maturity.text.excel_format`);
    whole numbers (``integer``) get no decimals unless they are amounts."""
    name = column.lower()
    if name.startswith(("share", "utilisation", "spent_of")):
        code = "0%"
    elif name.startswith("p") and (name == "p" or name.startswith(("p_", "p-"))):
        code = "0.000"
    elif (
        name.startswith(
            (
                "n",
                "rank",
                "wave",
                "year",
                "from_wave",
                "to_wave",
                "level",
                "probability",
                "impact",
                "score",
                "typed_score",
            )
        )
        and "mean" not in name
    ):
        code = "0"
    elif name in {"budget", "spent", "allocated", "budgeted"}:
        code = "#,##0"
    else:
        code = "0" if integer else "0.00"
    return text.excel_format(code, lang)


def _write_cell(sheet, row: int, col: int, value: object):
    return _fill_cell(sheet.cell(row=row, column=col), value)


def _fill_cell(cell, value: object):
    """Give a cell its value: text as text (never a formula), long text wrapped."""
    from openpyxl.styles import Alignment

    value = _cell_value(value)
    if isinstance(value, str):
        value = excel_text(value)  # control characters escaped, never an unsaveable cell
    cell.value = value
    if _needs_text_guard(value):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True
    if isinstance(value, str) and len(value) > 58:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def header(column: str, lang: str, *, table: str | None = None) -> str:
    """The workbook header of a column: ``header.<table>.<column>`` or ``header.<column>`` of
    :mod:`maturity.text` (a word in each language), else ``column.<column>``, else the column
    name.

    Examples
    --------
    >>> header("mean", "sv"), header("mean", "en"), header("n", "sv", table="risk_levels")
    ('Medelvärde', 'Mean', 'Antal risker')
    """
    keys = (f"header.{table}.{column}", f"header.{column}", f"column.{column}")
    for key in keys:
        if text.has_word(key):
            return text.word(key, lang)
    return str(column)


def sheet_name(table: str, lang: str) -> str:
    """The sheet name of a table (``sheet.<table>`` of :mod:`maturity.text`, else the table
    name).

    Examples
    --------
    >>> sheet_name("risks", "sv"), sheet_name("survey_statements", "en")
    ('Risker', 'Statements')
    """
    key = f"sheet.{table}"
    return text.word(key, lang) if text.has_word(key) else table


def _wide(table: pd.DataFrame, name: str | None, lang: str) -> pd.DataFrame:
    """A table of mostly zeros (:data:`WIDE_TABLES`) as one row per index and one column per
    value of the spread column (headed by that value in words), rows of zeros left out."""
    if name not in WIDE_TABLES:
        return table
    index, spread, value, area = WIDE_TABLES[name]
    if not {*index, spread, value} <= set(table.columns) or not len(table):
        return table
    order = list(dict.fromkeys(table[spread].tolist()))
    wide = table.pivot_table(
        index=index, columns=spread, values=value, aggfunc="sum", observed=True, sort=False
    )
    wide = wide.reindex(columns=order).fillna(0).astype(int)
    wide = wide[wide.sum(axis=1) > 0].sort_index(kind="stable")
    wide.columns = [
        str(w)[:1].upper() + str(w)[1:] for w in text.translate_values(order, area, lang)
    ]
    return wide.reset_index()


def _shown(
    table: pd.DataFrame, lang: str, *, name: str | None = None, roles: dict | None = None
) -> pd.DataFrame:
    """The table as people read it: canonical values of :data:`VALUE_COLUMNS` in words, roles
    by their names in ``lang``, one label column in ``lang`` (not one per language), columns
    that are empty throughout left out."""
    shown = table.copy()
    for column in [c for c in shown.columns if c in VALUE_COLUMNS]:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = text.translate_values(
                shown[column].tolist(), VALUE_COLUMNS[column], lang
            )
    for column in ("role", "role_1", "role_2"):
        if roles and column in shown and not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = [roles.get(v, v) if isinstance(v, str) else v for v in shown[column]]
    labels = [f"label_{code}" for code in text.LANGUAGES]
    if set(labels) <= set(shown.columns):
        at = shown.columns.get_loc(labels[0])
        label = shown[f"label_{lang}"]
        shown = shown.drop(columns=labels)
        shown.insert(at, "label", label)
    empty = [c for c in shown.columns if shown[c].isna().all()]
    return shown.drop(columns=empty) if len(shown) else shown


def _shown_length(value: object, code: str) -> int:
    """Characters a value takes in a cell with the number format ``code``."""
    if isinstance(value, dt.datetime | dt.date):
        return 10
    if not isinstance(value, int | float) or isinstance(value, bool):
        return len(str(value))
    if "%" in code:
        return len(f"{value * 100:.0f}") + 2
    if "#,##0" in code:
        return len(f"{value:,.0f}")
    decimals = code.split(".")[1].count("0") if "." in code else 0
    return len(f"{value:.{decimals}f}")


def _column_width(title: str, values: list[object], code: str | None) -> float:
    """Wide enough for every formatted value (numbers never show as ``###``) and for the
    header up to :data:`_HEADER_WIDTH` (a longer header wraps)."""
    longest = max((_shown_length(v, code or "") for v in values if v is not None), default=0)
    return max(min(longest + 3, _MAX_WIDTH), min(len(title) + 2, _HEADER_WIDTH), 6)


def _header_row(sheet, headers: list[str], widths: list[float]) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    for c, (title, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = _write_cell(sheet, 1, c, title)
        cell.font = _font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.row_dimensions[1].height = _row_height(headers, widths)


#: Columns whose whole values (levels and targets) are shown without decimals.
_WHOLE_WHEN_WHOLE = frozenset({"target", "min", "max", "median", "q1", "q3"})


def _whole(values: pd.Series, column: str) -> bool:
    """Whether a numeric column holds whole numbers only to be shown without decimals."""
    if pd.api.types.is_integer_dtype(values):
        return True
    if column not in _WHOLE_WHEN_WHOLE or not pd.api.types.is_float_dtype(values):
        return False
    present = values.dropna()
    return bool(len(present)) and bool((present == present.round()).all())


def _cell_format(value: object, code: str | None) -> str | None:
    if isinstance(value, dt.datetime | dt.date):
        return _DATE_FORMAT
    if code is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return code
    return None


def _values(column: pd.Series, lang: str) -> list[object]:
    """A column's values as written to cells: yes/no in words, missing as ``None``, numbers
    as Python numbers, text an .xlsx can hold (see :func:`_write_cell`)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iuf":
        values = column.tolist()  # Python numbers, as cell by cell
        return [None if v != v else v for v in values] if column.dtype.kind == "f" else values
    yes, no = text.yes_no(True, lang), text.yes_no(False, lang)
    values = []
    for value in column:
        if isinstance(value, str):  # the most common, and as _cell_value leaves it
            values.append(excel_text(value))
            continue
        if isinstance(value, bool | np.bool_):
            value = yes if value else no
        value = _cell_value(value)
        values.append(excel_text(value) if isinstance(value, str) else value)
    return values


def _style_key(value: object, code: str | None) -> tuple[str | None, bool, bool]:
    """What styles a table cell: its number format, whether it wraps, whether it is guarded
    text (a quote prefix)."""
    wraps = isinstance(value, str) and len(value) > 58
    return _cell_format(value, code), wraps, _needs_text_guard(value)


def _style_keys(values: list[object], column: pd.Series, code: str | None) -> list[tuple]:
    """:func:`_style_key` of each of a column's values (of :func:`_values`)."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iuf":
        number, missing = (code, False, False), (None, False, False)
        return [missing if v is None else number for v in values]
    plain = (None, False, False)
    return [
        plain
        if value is None
        or (isinstance(value, str) and len(value) <= 58 and value[:1] not in _FORMULA_START)
        else _style_key(value, code)
        for value in values
    ]


def _first_places(keys: list[list[tuple]]) -> dict[tuple, tuple[int, int]]:
    """Per distinct key of a table body (``keys`` per column), the (row, column) where a
    row-by-row write first meets it."""
    first = {}
    for c, column in enumerate(keys):
        # the first row of each key in the column: a later row is overwritten by an earlier
        for key, r in {key: r for r, key in reversed(list(enumerate(column)))}.items():
            if key not in first or (r, c) < first[key]:
                first[key] = (r, c)
    return first


def _body_styles(sheet, columns: list[list[object]], keys: list[list[tuple]]) -> dict:
    """One style per distinct :func:`_style_key` of a table's body (``keys`` per column of
    ``columns``), styled with its first value in the order a row-by-row write meets them, so
    the workbook's style lists (and bytes) are those of styling every cell in turn."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    first = _first_places(keys)
    styles = {}
    for key in sorted(first, key=first.get):
        code, wraps, guarded = key
        r, c = first[key]
        cell = WriteOnlyCell(sheet, columns[c][r])  # a date value registers its format
        if guarded:
            cell.quotePrefix = True
        if wraps:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if code is not None:
            cell.number_format = code
        if not wraps:
            cell.alignment = Alignment(vertical="top")
        styles[key] = cell._style  # openpyxl keeps a cell's style ids in ``_style``
    return styles


def _body_rows(sheet, columns: list[list[object]], keys: list[list[tuple]], styles: dict):
    """The table's body as rows of cells styled by ``styles`` (of :func:`_body_styles`), for
    ``sheet.append``."""
    from openpyxl.cell import Cell

    for values, row_keys in zip(zip(*columns, strict=True), zip(*keys, strict=True), strict=True):
        row = []
        for value, key in zip(values, row_keys, strict=True):
            cell = Cell(sheet, value=value, style_array=styles[key])
            if key[2]:
                cell.data_type = "s"  # never a formula
            row.append(cell)
        yield row


#: Table bodies written as XML at save time (:class:`SheetRows`) instead of as openpyxl
#: cells: the same bytes, a fraction of the time (``tests/test_report_workbook.py`` compares).
BODY_AS_XML = True


def _openpyxl_writes_with_lxml() -> bool:
    """Whether openpyxl serialises with lxml (imported before ``maturity`` set
    ``OPENPYXL_LXML``, or forced): :class:`SheetRows` writes the standard library's bytes, so
    the bodies are then written as openpyxl cells, all in one serialiser."""
    from openpyxl.xml import LXML

    return bool(LXML)


def _write_body(sheet, columns: list[list], keys: list[list], styles: dict) -> SheetRows | None:
    """The table body below the header: as cells, or as :class:`SheetRows` with one cell of
    each style (where a row-by-row write first uses it) and the last cell in the sheet."""
    from copy import copy

    if not BODY_AS_XML or _openpyxl_writes_with_lxml():
        for row in _body_rows(sheet, columns, keys, styles):
            sheet.append(row)
        return None
    if not columns or not columns[0]:
        return None
    places = _first_places(keys)
    last = (len(columns[0]) - 1, len(columns) - 1)
    styled = {}
    for key, (r, c) in [*places.items(), (keys[last[1]][last[0]], last)]:
        cell = sheet.cell(row=r + 2, column=c + 1)
        cell._style = copy(styles[key])  # openpyxl keeps a cell's style ids in ``_style``
        styled.setdefault(key, cell)
    text_keys = frozenset(key for key in styles if key[2])
    return SheetRows(sheet, 2, columns, keys, styled, text_keys)


def _write_table(
    book,
    title: str,
    table: pd.DataFrame,
    lang: str = "sv",
    *,
    name: str | None = None,
    roles: dict | None = None,
) -> SheetRows | None:
    """Write a table on a sheet of its own; its body as :class:`SheetRows` when
    :data:`BODY_AS_XML` (to be given to :func:`save_workbook`)."""
    sheet = book.create_sheet(title)
    table = _shown(_wide(table, name, lang), lang, name=name, roles=roles)
    headers = [header(str(c), lang, table=name) for c in table.columns]
    formats = {
        c: _number_format(str(column), lang, integer=_whole(table[column], str(column)))
        for c, column in enumerate(table.columns)
        if pd.api.types.is_numeric_dtype(table[column])
        and not pd.api.types.is_bool_dtype(table[column])
    }
    series = [table.iloc[:, c] for c in range(table.shape[1])]
    columns = [_values(column, lang) for column in series]
    keys = [
        _style_keys(values, column, formats.get(c))
        for c, (values, column) in enumerate(zip(columns, series, strict=True))
    ]
    styles = _body_styles(sheet, columns, keys)  # before the header's, as when styled cell by cell
    widths = [
        _column_width(headers[c], columns[c][:500], formats.get(c)) for c in range(len(headers))
    ]
    _header_row(sheet, headers, widths)
    rows = _write_body(sheet, columns, keys, styles)
    long_columns = [i for i, w in enumerate(widths) if w >= _MAX_WIDTH]
    if long_columns:
        for r, row in enumerate(table.itertuples(index=False), start=2):
            texts = [str(row[i]) for i in long_columns]
            height = _row_height(texts, [widths[i] for i in long_columns])
            if height > _LINE_HEIGHT:
                sheet.row_dimensions[r].height = height
    sheet.freeze_panes = "A2"
    _fit_to_page(sheet)
    if len(table):
        sheet.auto_filter.ref = sheet.dimensions
    return rows


def _sheet_title(name: str, used: set[str], lang: str) -> str:
    base = sheet_name(name, lang)[:31]
    for ch in "[]:*?/\\":
        base = base.replace(ch, "-")
    title, k = base, 2
    while title.lower() in used:
        suffix = f" ({k})"
        title, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(title.lower())
    return title


def _read_lines(sections: list[Section], lang: str) -> list[str]:
    """What was read, one line per section."""
    lines = []
    for section in sections:
        counts = section.counts
        if counts:
            files = counts.get("files", 0)
            lines.append(
                text.word(
                    "report.counts",
                    lang,
                    label=text.translate_values([section.name], "report.topic", lang)[0],
                    files=text.count(files, "report.files", lang),
                    cells_read=counts["cells_read"],
                    accepted=counts["accepted"],
                    problems=text.count(counts["problems"], "report.problems", lang),
                )
            )
    return lines


def _privacy_lines(
    sections: list[Section], problems: pd.DataFrame, min_n: int, lang: str
) -> list[str]:
    """The suppression rule and ratio (as in the summary), and how long the problem log is."""
    return [
        *privacy_lines(sections, min_n=min_n, lang=lang),
        text.word("privacy.column", lang, column=header("suppressed", lang)),
        text.word(
            "report.problem_log_front", lang, sheet=sheet_name("problems", lang), n=len(problems)
        ),
    ]


def _front_sheet(
    book, sections: list[Section], problems: pd.DataFrame, min_n: int, lang: str
) -> None:
    from openpyxl.styles import Alignment

    sheet = book.active
    sheet.title = sheet_name("overview", lang)
    headings = {
        text.word(key, lang)
        for key in ("report.key_findings", "report.what_was_read", "report.privacy")
    }
    rows = [text.word("report.title", lang), "", text.word("report.key_findings", lang)]
    rows += [finding.sentence for finding in key_findings(sections)]
    rows += ["", text.word("report.what_was_read", lang), *_read_lines(sections, lang)]
    rows += [
        "",
        text.word("report.privacy", lang),
        *_privacy_lines(sections, problems, min_n, lang),
    ]
    for r, line in enumerate(rows, start=1):
        cell = _write_cell(sheet, r, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[r].height = _row_height([str(line)], [_FRONT_WIDTH])
        if r == 1:
            cell.font = _font(bold=True, size=16)
            sheet.row_dimensions[r].height = 26
        elif line in headings:
            cell.font = _font(bold=True, size=12)
    sheet.column_dimensions["A"].width = _FRONT_WIDTH
    _fit_to_page(sheet, titles=False)


def _capability_matrix(book, assessments: pd.DataFrame, lang: str) -> None:
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    frame = assessments.copy()
    if "wave" in frame and frame["wave"].notna().any():
        frame = frame[frame["wave"] == frame["wave"].max()]
    matrix = frame.pivot_table(
        index=["goal", "capability"],
        columns="organisation",
        values="level",
        aggfunc="first",
        observed=True,
        sort=True,
    )
    targets = frame.groupby(["goal", "capability"], observed=True)["target"].first()
    sheet = book.create_sheet(sheet_name("capability_map", lang))
    titles = [text.word(f"matrix.{name}", lang) for name in ("goal", "capability", "target")]
    titles += [str(c) for c in matrix.columns]
    for c, value in enumerate(titles, start=1):
        cell = _write_cell(sheet, 1, c, value)
        cell.font = _font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    center = None
    for (goal, capability), levels in matrix.iterrows():
        row = [
            _fill_cell(Cell(sheet), value)
            for value in (goal, capability, targets.get((goal, capability)))
        ]
        if center is None:  # styled here, as when the first level cell was
            center = WriteOnlyCell(sheet)
            center.alignment = Alignment(horizontal="center")
        row += [
            Cell(sheet, value=_cell_value(level), style_array=center._style)
            for level in levels.tolist()
        ]
        sheet.append(row)
    last = get_column_letter(len(titles))
    if len(matrix):
        sheet.conditional_formatting.add(
            f"D2:{last}{len(matrix) + 1}",
            ColorScaleRule(
                start_type="num",
                start_value=1,
                start_color="FFFFCC",
                mid_type="num",
                mid_value=3,
                mid_color="41B6C4",
                end_type="num",
                end_value=5,
                end_color="253494",
            ),
        )
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 9
    for c in range(4, len(titles) + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 12
    sheet.freeze_panes = "D2"
    _fit_to_page(sheet)


def _contents_sheet(book, sheet, lang: str) -> None:
    """Fill the contents sheet: every other sheet as an internal link, with its row count."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    headers = [text.word("contents.sheet", lang), text.word("contents.rows", lang)]
    others = [s for s in book.worksheets if s is not sheet]
    names = [s.title for s in others]
    widths = [max(len(headers[0]), *map(len, names)) + 4, max(len(headers[1]) + 4, 10)]
    _header_row(sheet, headers, widths)
    link = Font(name=FONT, color="0563C1", underline="single")
    for r, other in enumerate(others, start=2):
        cell = _write_cell(sheet, r, 1, other.title)
        location = "'" + other.title.replace("'", "''") + "'!A1"
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=other.title)
        cell.font = link
        if other is not book.worksheets[0]:
            rows = _write_cell(sheet, r, 2, max(other.max_row - 1, 0))
            rows.number_format = text.excel_format("0", lang)
    sheet.freeze_panes = "A2"
    _fit_to_page(sheet)


def write_workbook(
    sections: list[Section],
    problems: pd.DataFrame,
    path: Path,
    *,
    min_n: int = 5,
    codebook: object = None,
    lang: str = "sv",
) -> Path:
    """Write the report workbook.

    Parameters
    ----------
    sections : list of Section
    problems : DataFrame
        The problem sheet: every section's problems with their messages in ``lang``
        (``maturity.report.all_problems(sections, shown=True)``).
    path : Path
    min_n : int
        The small-group limit, named on the front sheet.
    codebook : Codebook, optional
        Gives the roles their names in ``lang`` (its ``role_labels``); without it a role is
        shown as written.
    lang : {"sv", "en"}

    Examples
    --------
    >>> write_workbook(result.sections, problems, Path("reports/nulagesanalys.xlsx"))  # doctest: +SKIP
    """
    import openpyxl

    book = openpyxl.Workbook()
    _front_sheet(book, sections, problems, min_n, lang)
    contents = book.create_sheet(sheet_name("contents", lang))
    used = {book.active.title.lower(), contents.title.lower()}
    roles = None
    if codebook is not None:
        roles = text.role_names(getattr(codebook, "roles", []), lang, codebook=codebook)
    bodies = []
    for section in sections:
        for name, table in section.published().items():
            if name == "capability_assessments":
                _capability_matrix(book, table, lang)
                used.add(sheet_name("capability_map", lang).lower())
            title = _sheet_title(name, used, lang)
            bodies.append(_write_table(book, title, table, lang, name=name, roles=roles))
    shown, more = _within_row_limit(problems)
    title = _sheet_title("problems", used, lang)
    bodies.append(_write_table(book, title, shown, lang, name="problems"))
    if more:
        note = text.word("hostile.problems_cut", lang, n=len(shown), more=more)
        _write_cell(book[title], len(shown) + 2, 1, note)
    _contents_sheet(book, contents, lang)
    return save_workbook(book, path, rows=[body for body in bodies if body is not None])


#: Most problem rows written to the problem sheet: Excel's row limit less the header and a
#: closing line saying how many more are in ``problems.csv``.
MAX_PROBLEM_ROWS = 1_048_576 - 2


def _within_row_limit(problems: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The problems that fit on one sheet, and how many were left off."""
    if len(problems) <= MAX_PROBLEM_ROWS:
        return problems, 0
    return problems.iloc[:MAX_PROBLEM_ROWS], len(problems) - MAX_PROBLEM_ROWS
