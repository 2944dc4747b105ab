"""Sheet layout shared by the demo registers: a title row, a blank row, a shaded header."""

from __future__ import annotations

__all__ = ["write_sheet_head"]


def write_sheet_head(sheet, title: str, header: list[str]) -> None:
    """Write a bold title row, a blank row and a bold, shaded header row (row 3).

    Parameters
    ----------
    sheet : openpyxl.worksheet.worksheet.Worksheet
        An empty sheet.
    title : str
    header : list of str

    Examples
    --------
    >>> import openpyxl
    >>> sheet = openpyxl.Workbook().active
    >>> write_sheet_head(sheet, "Riskregister", ["ID", "Hot"])
    >>> sheet["A3"].value, sheet["A3"].font.bold
    ('ID', True)
    """
    from openpyxl.styles import Font, PatternFill

    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
