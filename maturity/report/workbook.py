"""The report workbook ``nulagesanalys.xlsx``, formatted for people.

A front sheet with the key findings, what was read and what was suppressed; one sheet per
published table (frozen header, column widths, number formats); the capability map as a matrix
with a colour scale; the problem log. Text from the input is always written as text: a value
that starts with ``=``, ``+``, ``-`` or ``@`` can never become a formula. Numbers stay numbers,
so a Swedish Excel shows them with decimal comma (the separator follows the reader's locale).
The file is byte-identical for the same input (fixed metadata and zip timestamps).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from maturity import text
from maturity.findings import key_findings
from maturity.report.summary import privacy_lines
from maturity.sections import Section
from maturity.xlsx_writer import excel_text, save_workbook

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
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = "DDE6F0"
_FRONT_WIDTH = 90
_LINE_HEIGHT = 15


def _row_height(texts: list[str], widths: list[float]) -> float:
    """Points needed to show wrapped texts in columns of the given widths (characters)."""
    lines = max(
        (max(1, -(-len(t) // max(int(w) - 2, 1))) for t, w in zip(texts, widths, strict=True)),
        default=1,
    )
    return lines * _LINE_HEIGHT


def _fit_to_page(sheet) -> None:
    """Print the sheet landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


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


def _number_format(column: str, lang: str = "sv") -> str:
    """Excel number format for a column, for ``lang`` (see :func:`maturity.text.excel_format`)."""
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
        code = "0.00"
    return text.excel_format(code, lang)


def _write_cell(sheet, row: int, col: int, value: object):
    from openpyxl.styles import Alignment

    value = _cell_value(value)
    if isinstance(value, str):
        value = excel_text(value)  # control characters escaped, never an unsaveable cell
    cell = sheet.cell(row=row, column=col)
    cell.value = value
    if _needs_text_guard(value):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True
    if isinstance(value, str) and len(value) > 58:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def header(column: str, lang: str, *, table: str | None = None) -> str:
    """The workbook header of a column: ``column.<table>.<column>`` or ``column.<column>`` of
    :mod:`maturity.text`, else the column name.

    Examples
    --------
    >>> header("mean", "sv"), header("mean", "en"), header("n", "sv", table="risk_levels")
    ('Medelvärde', 'mean', 'Antal risker')
    """
    for key in (f"column.{table}.{column}", f"column.{column}"):
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


def _shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as people read it: canonical values of :data:`VALUE_COLUMNS` in words."""
    columns = [
        c
        for c in table.columns
        if c in VALUE_COLUMNS and not pd.api.types.is_numeric_dtype(table[c])
    ]
    if not columns:
        return table
    shown = table.copy()
    for column in columns:
        shown[column] = text.translate_values(shown[column].tolist(), VALUE_COLUMNS[column], lang)
    return shown


def _write_table(
    book, title: str, table: pd.DataFrame, lang: str = "sv", *, name: str | None = None
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    headers = [header(str(c), lang, table=name) for c in table.columns]
    table = _shown(table, lang)
    for c, title in enumerate(headers, start=1):
        cell = _write_cell(sheet, 1, c, title)
        cell.font = bold
        cell.fill = fill
    formats = {}
    for c, column in enumerate(table.columns, start=1):
        if pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(
            table[column]
        ):
            formats[c] = _number_format(str(column), lang)
    top = Alignment(vertical="top")
    for r, row in enumerate(table.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, bool | np.bool_):
                value = text.yes_no(bool(value), lang)
            cell = _write_cell(sheet, r, c, value)
            if c in formats and isinstance(cell.value, int | float):
                cell.number_format = formats[c]
            if not cell.alignment.wrap_text:
                cell.alignment = top
    widths = []
    for c, column in enumerate(table.columns, start=1):
        if c in formats:  # numbers are shown rounded: the header decides the width
            width = min(max(len(headers[c - 1]) + 2, 8), 24)
            widths.append(width)
            sheet.column_dimensions[get_column_letter(c)].width = width
            continue
        values = [headers[c - 1]] + [str(v) for v in table[column].head(200).tolist()]
        width = max(min(max(len(v) for v in values) + 2, 62), 6)
        widths.append(width)
        sheet.column_dimensions[get_column_letter(c)].width = width
    long_columns = [i for i, w in enumerate(widths) if w >= 62]
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
    from openpyxl.styles import Alignment, Font

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
            cell.font = Font(bold=True, size=16)
            sheet.row_dimensions[r].height = 26
        elif line in headings:
            cell.font = Font(bold=True, size=12)
    sheet.column_dimensions["A"].width = _FRONT_WIDTH
    _fit_to_page(sheet)


def _capability_matrix(book, assessments: pd.DataFrame, lang: str) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
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
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    for r, ((goal, capability), levels) in enumerate(matrix.iterrows(), start=2):
        _write_cell(sheet, r, 1, goal)
        _write_cell(sheet, r, 2, capability)
        _write_cell(sheet, r, 3, targets.get((goal, capability)))
        for c, level in enumerate(levels.tolist(), start=4):
            cell = _write_cell(sheet, r, c, level)
            cell.alignment = Alignment(horizontal="center")
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


def write_workbook(
    sections: list[Section], problems: pd.DataFrame, path: Path, *, min_n: int = 5, lang: str = "sv"
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
    lang : {"sv", "en"}

    Examples
    --------
    >>> write_workbook(result.sections, problems, Path("reports/nulagesanalys.xlsx"))  # doctest: +SKIP
    """
    import openpyxl

    book = openpyxl.Workbook()
    _front_sheet(book, sections, problems, min_n, lang)
    used = {book.active.title.lower()}
    for section in sections:
        for name, table in section.published().items():
            if name == "capability_assessments":
                _capability_matrix(book, table, lang)
                used.add(sheet_name("capability_map", lang).lower())
            _write_table(book, _sheet_title(name, used, lang), table, lang, name=name)
    shown, more = _within_row_limit(problems)
    title = _sheet_title("problems", used, lang)
    _write_table(book, title, shown, lang, name="problems")
    if more:
        note = text.word("hostile.problems_cut", lang, n=len(shown), more=more)
        _write_cell(book[title], len(shown) + 2, 1, note)
    return save_workbook(book, path)


#: Most problem rows written to the problem sheet: Excel's row limit less the header and a
#: closing line saying how many more are in ``problems.csv``.
MAX_PROBLEM_ROWS = 1_048_576 - 2


def _within_row_limit(problems: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The problems that fit on one sheet, and how many were left off."""
    if len(problems) <= MAX_PROBLEM_ROWS:
        return problems, 0
    return problems.iloc[:MAX_PROBLEM_ROWS], len(problems) - MAX_PROBLEM_ROWS
