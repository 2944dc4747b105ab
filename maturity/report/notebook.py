"""Tables as a notebook shows them: translated headers and values, rounded numbers, decimal
comma in Swedish (a pandas Styler; a table of text when jinja2 is missing)."""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.report.workbook import VALUE_COLUMNS, header

__all__ = ["styled"]

#: Column-name starts of shares (0–1), shown as percent.
_SHARES = ("share", "utilisation", "spent_of")
#: Column-name starts of p values, shown with three decimals.
_P_VALUES = ("p_", "p")


def _formatter(column: str, lang: str, digits: int):
    name = column.lower()
    if name.startswith(_SHARES):
        return lambda v: text.MISSING if pd.isna(v) else text.percent(float(v), lang)
    if name == "p" or name.startswith("p_"):
        return lambda v: text.MISSING if pd.isna(v) else text.number(float(v), lang, digits=3)
    return lambda v: text.MISSING if pd.isna(v) else text.number(float(v), lang, digits=digits)


def styled(
    frame: pd.DataFrame,
    *,
    table: str | None = None,
    digits: int = 2,
    codebook: object = None,
    lang: str = "sv",
):
    """A tidy table as people read it in a notebook: headers and canonical values in words of
    ``lang`` (as in the report workbook), roles by their names in the codebook, decimals
    rounded to ``digits`` (shares as percent, p values with three), a decimal comma in
    Swedish, no index, columns that are empty throughout left out.

    Parameters
    ----------
    frame : DataFrame
    table : str, optional
        The table's name, for headers that differ per table (e.g. ``"risk_levels"``).
    digits : int
        Decimals of the other non-integer numbers.
    codebook : Codebook, optional
        Names the roles (its ``role_labels``) in ``lang``.
    lang : {"sv", "en"}

    Returns
    -------
    pandas.io.formats.style.Styler, or DataFrame of text when jinja2 is not installed

    Examples
    --------
    >>> frame = pd.DataFrame({"role": ["IT-chef"], "mean": [2.654], "share_top2": [0.5]})
    >>> shown = styled(frame, lang="sv")
    >>> html = shown.to_html() if hasattr(shown, "to_html") else shown.to_string()
    >>> all(word in html for word in ("Medelvärde", "2,65", "50"))
    True
    """
    text.check_lang(lang)
    shown = frame.reset_index(drop=True).copy()
    if len(shown):
        shown = shown.drop(columns=[c for c in shown.columns if shown[c].isna().all()])
    if codebook is not None:
        roles = text.role_names(getattr(codebook, "roles", []), lang, codebook=codebook)
        for column in ("role", "role_1", "role_2"):
            if column in shown and not pd.api.types.is_numeric_dtype(shown[column]):
                shown[column] = [roles.get(v, v) for v in shown[column]]
    for column in shown.columns:
        if column in VALUE_COLUMNS and not pd.api.types.is_numeric_dtype(shown[column]):
            words = text.translate_values(shown[column].tolist(), VALUE_COLUMNS[column], lang)
            shown[column] = words
    formats = {}
    for column in shown.columns:
        series = shown[column]
        if pd.api.types.is_bool_dtype(series):
            shown[column] = [
                text.MISSING if pd.isna(v) else text.yes_no(bool(v), lang) for v in series
            ]
        elif pd.api.types.is_datetime64_any_dtype(series):
            shown[column] = [text.MISSING if pd.isna(v) else text.date(v, lang) for v in series]
        elif pd.api.types.is_float_dtype(series):
            formats[column] = _formatter(str(column), lang, digits)
    names = {c: header(str(c), lang, table=table) for c in shown.columns}
    try:
        style = shown.style
    except ImportError:  # no jinja2: the same table as text
        for column, format_value in formats.items():
            shown[column] = [format_value(v) for v in shown[column]]
        return shown.rename(columns=names)
    return (
        style.format(formats).hide(axis="index").relabel_index(list(names.values()), axis="columns")
    )
