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

from maturity.findings.survey import key_findings
from maturity.sections import Section
from maturity.xlsx_writer import save_workbook

__all__ = ["write_workbook", "SHEET_NAMES"]

#: Swedish sheet names of the known tables (others keep their table name).
SHEET_NAMES = {
    "survey_statements": "Påståenden",
    "survey_statements_by_wave": "Påståenden per våg",
    "survey_dimensions": "Dimensioner",
    "survey_across_organisations": "Mellan organisationer",
    "survey_organisations": "Per organisation",
    "survey_ranking": "Lägst och högst",
    "survey_midpoint_test": "Mittpunktstest",
    "survey_midpoint_summary": "Mittpunkt per roll",
    "survey_role_gap": "Skillnad mellan roller",
    "survey_alpha": "Reliabilitet",
    "survey_alpha_items": "Reliabilitet per påstående",
    "survey_change": "Förändring",
    "survey_change_dimensions": "Förändring per dimension",
    "capability_summary": "Förmågor",
    "capability_goals": "Förmågor per mål",
    "capability_organisations": "Förmågor per organisation",
    "capability_assessments": "Förmågebedömningar",
}
#: Swedish column headers for the workbook (the CSV files keep the canonical English names).
HEADERS_SV = {
    "role": "Roll", "statement": "Påstående", "text": "Text", "dimension": "Dimension",
    "organisation": "Organisation", "wave": "Våg", "n_respondents": "Antal svarande",
    "n": "Antal svar", "n_dont_know": "Vet ej", "mean": "Medelvärde", "sd": "Standardavvikelse",
    "se": "Medelfel", "ci95_low": "KI 95 % nedre", "ci95_high": "KI 95 % övre",
    "median": "Median", "q1": "Kvartil 1", "q3": "Kvartil 3", "share_top2": "Andel två högsta",
    "share_bottom2": "Andel två lägsta", "suppressed": "Undertryckt",
    "pooled_mean": "Medelvärde (alla svarande)", "n_organisations": "Antal organisationer",
    "n_organisations_hidden": "Organisationer undertryckta",
    "mean_of_means": "Medelvärde av organisationernas medelvärden",
    "sd_between": "Standardavvikelse mellan organisationer",
    "min_organisation": "Lägst organisation", "min_mean": "Lägsta medelvärde",
    "max_organisation": "Högst organisation", "max_mean": "Högsta medelvärde",
    "end": "Ände", "rank": "Rang", "midpoint": "Mittpunkt", "difference": "Skillnad",
    "statistic": "Teststatistika", "p": "p", "p_holm": "p (Holm)", "above": "Över mittpunkten",
    "n_statements": "Antal påståenden", "n_suppressed": "Antal undertryckta",
    "n_above": "Antal över mittpunkten", "all_above": "Alla över mittpunkten",
    "lowest_statement": "Lägsta påstående", "lowest_text": "Lägsta påståendets text",
    "lowest_mean": "Lägsta medelvärde", "role_1": "Roll 1", "role_2": "Roll 2",
    "mean_1": "Medelvärde roll 1", "mean_2": "Medelvärde roll 2", "u": "U",
    "rank_biserial": "Rangbiserial korrelation", "alpha": "Cronbachs alfa",
    "n_items": "Antal påståenden", "item_rest_r": "Korrelation med övriga",
    "alpha_if_deleted": "Alfa utan påståendet", "from_wave": "Från våg", "to_wave": "Till våg",
    "mean_from": "Medelvärde före", "mean_to": "Medelvärde efter",
    "p_mannwhitney": "p (Mann–Whitney)", "capability": "Förmåga", "goal": "Mål",
    "level": "Nivå", "target": "Målnivå", "gap": "Gap mot målnivå",
    "share_below_target": "Andel under målnivå", "substandard": "Undermålig",
    "risk_id": "ID", "date": "Datum", "threat": "Hot", "vulnerability": "Sårbarhet",
    "consequence_text": "Konsekvens", "probability": "S", "impact": "K", "score": "R",
    "typed_score": "R (ifyllt)", "action": "Åtgärd", "area": "Område", "activity": "Aktivitet",
    "year": "År", "status": "Status", "budget": "Budget", "spent": "Utfall",
    "allocated": "Anslag", "source": "Källa (fil:blad:cell)", "kind": "Typ av problem",
    "value": "Värde", "message": "Beskrivning", "section": "Del",
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = "DDE6F0"
_FRONT_WIDTH = 90
_LINE_HEIGHT = 15


def _row_height(texts: list[str], widths: list[float]) -> float:
    """Points needed to show wrapped texts in columns of the given widths (characters)."""
    lines = max((max(1, -(-len(t) // max(int(w) - 2, 1))) for t, w in zip(texts, widths,
                                                                         strict=True)), default=1)
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
    """Excel number format for a column; in Swedish tagged with the Swedish locale ([$-41D]),
    so that spreadsheet programs show a decimal comma (and a space between thousands) even on a
    machine set to another language."""
    name = column.lower()
    if name.startswith(("share", "utilisation", "spent_of")):
        code = "0%"
    elif name.startswith("p") and (name == "p" or name.startswith(("p_", "p-"))):
        code = "0.000"
    elif name.startswith(("n", "rank", "wave", "year", "from_wave", "to_wave", "level",
                          "probability", "impact", "score", "typed_score")) and "mean" not in name:
        code = "0"
    elif name in {"budget", "spent", "allocated", "budgeted"}:
        code = "#,##0"
    else:
        code = "0.00"
    return f"[$-41D]{code}" if lang == "sv" else code


def _write_cell(sheet, row: int, col: int, value: object):
    from openpyxl.styles import Alignment

    value = _cell_value(value)
    cell = sheet.cell(row=row, column=col)
    cell.value = value
    if _needs_text_guard(value):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True
    if isinstance(value, str) and len(value) > 58:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _write_table(book, title: str, table: pd.DataFrame, lang: str = "sv") -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    headers = [HEADERS_SV.get(str(c), str(c)) if lang == "sv" else str(c) for c in table.columns]
    for c, header in enumerate(headers, start=1):
        cell = _write_cell(sheet, 1, c, header)
        cell.font = bold
        cell.fill = fill
    formats = {}
    for c, column in enumerate(table.columns, start=1):
        if pd.api.types.is_numeric_dtype(table[column]) and not pd.api.types.is_bool_dtype(
            table[column]
        ):
            formats[c] = _number_format(str(column), lang)
    top = Alignment(vertical="top")
    yes_no = ("ja", "nej") if lang == "sv" else None
    for r, row in enumerate(table.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if yes_no and isinstance(value, bool | np.bool_):
                value = yes_no[0] if value else yes_no[1]
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


def _sheet_title(name: str, used: set[str]) -> str:
    base = SHEET_NAMES.get(name, name)[:31]
    for ch in "[]:*?/\\":
        base = base.replace(ch, "-")
    title, k = base, 2
    while title.lower() in used:
        suffix = f" ({k})"
        title, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(title.lower())
    return title


def _front_sheet(book, sections: list[Section], problems: pd.DataFrame, min_n: int,
                 lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.active
    sheet.title = "Översikt" if lang == "sv" else "Overview"
    sv = lang == "sv"
    rows: list[tuple[str, object]] = [
        ("Nulägesanalys av digital mognad" if sv else "Digital maturity status analysis", None),
        ("", None),
        ("Viktigaste resultat" if sv else "Key findings", None),
    ]
    for finding in key_findings(sections):
        rows.append((finding.sentence, None))
    rows += [("", None), ("Underlag" if sv else "What was read", None)]
    for section in sections:
        counts = section.counts
        if counts:
            label = {"survey": "Enkät", "capability": "Förmågekarta", "risk": "Riskregister",
                     "actionplan": "Handlingsplan"}.get(section.name, section.name) if sv \
                else section.name
            text = (f"{label}: {counts.get('files', 0)} filer, {counts['cells_read']} celler "
                    f"lästa, {counts['accepted']} godtagna, {counts['problems']} problem"
                    if sv else
                    f"{label}: {counts.get('files', 0)} files, {counts['cells_read']} cells read, "
                    f"{counts['accepted']} accepted, {counts['problems']} problems")
            rows.append((text, None))
    rows += [("", None), ("Sekretess" if sv else "Privacy", None)]
    suppressed = 0
    groups = 0
    for section in sections:
        for name, table in section.tables.items():
            if name in section.context.get("unpublished", set()):
                continue
            if "suppressed" in table.columns:
                suppressed += int(table["suppressed"].sum())
                groups += len(table)
    rows.append((
        f"Grupper med färre än {min_n} svarande visar inga värden. {suppressed} av {groups} "
        "redovisade grupper är undertryckta (kolumnen suppressed)." if sv else
        f"Groups with fewer than {min_n} respondents show no values. {suppressed} of {groups} "
        "published groups are suppressed (column suppressed).", None))
    rows.append((
        f"Problemloggen (bladet Problem) listar {len(problems)} celler som inte kunde godtas."
        if sv else f"The problem log (sheet Problems) lists {len(problems)} cells that could not "
        "be accepted.", None))
    for r, (text, _) in enumerate(rows, start=1):
        cell = _write_cell(sheet, r, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[r].height = _row_height([str(text)], [_FRONT_WIDTH])
        if r == 1:
            cell.font = Font(bold=True, size=16)
            sheet.row_dimensions[r].height = 26
        elif text in {"Viktigaste resultat", "Key findings", "Underlag", "What was read",
                      "Sekretess", "Privacy"}:
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
    matrix = frame.pivot_table(index=["goal", "capability"], columns="organisation",
                               values="level", aggfunc="first", observed=True, sort=True)
    targets = frame.groupby(["goal", "capability"], observed=True)["target"].first()
    title = "Förmågekarta" if lang == "sv" else "Capability map"
    sheet = book.create_sheet(title)
    header = ["Mål" if lang == "sv" else "Goal", "Förmåga" if lang == "sv" else "Capability",
              "Målnivå" if lang == "sv" else "Target", *[str(c) for c in matrix.columns]]
    for c, value in enumerate(header, start=1):
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
    last = get_column_letter(len(header))
    if len(matrix):
        sheet.conditional_formatting.add(
            f"D2:{last}{len(matrix) + 1}",
            ColorScaleRule(start_type="num", start_value=1, start_color="FFFFCC",
                           mid_type="num", mid_value=3, mid_color="41B6C4",
                           end_type="num", end_value=5, end_color="253494"))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 9
    for c in range(4, len(header) + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 12
    sheet.freeze_panes = "D2"
    _fit_to_page(sheet)


def write_workbook(sections: list[Section], problems: pd.DataFrame, path: Path, *,
                   min_n: int = 5, lang: str = "sv") -> Path:
    """Write the report workbook.

    Examples
    --------
    >>> write_workbook(result.sections, problems, Path("reports/nulagesanalys.xlsx"))  # doctest: +SKIP
    """
    import openpyxl

    book = openpyxl.Workbook()
    _front_sheet(book, sections, problems, min_n, lang)
    used = {book.active.title.lower()}
    for section in sections:
        unpublished = section.context.get("unpublished", set())
        for name, table in section.tables.items():
            if name in unpublished:
                continue
            if name == "capability_assessments":
                _capability_matrix(book, table, lang)
                used.add(("Förmågekarta" if lang == "sv" else "Capability map").lower())
            _write_table(book, _sheet_title(name, used), table, lang)
    _write_table(book, _sheet_title("Problem" if lang == "sv" else "Problems", used), problems,
                 lang)
    return save_workbook(book, path)
