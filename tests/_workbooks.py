"""Test helpers: small codebooks and survey exports written by openpyxl and by xlsxwriter."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from maturity.codebook import Codebook
from maturity.io.problems import PROBLEM_KINDS

STATEMENTS = pd.DataFrame(
    {
        "statement": ["F1", "F2", "F3", "I1", "I2"],
        "text": [
            "Vi mäter effekten av våra digitala investeringar",
            "Vi har en tydlig plan för digitalisering",
            "Problem hanteras först när de uppstått",
            "Vår IT-verksamhet har låg nivå av bristfällig dokumentation",
            "Vi har en stabil driftsleverans",
        ],
        "role": ["förvaltningschef"] * 3 + ["IT-chef"] * 2,
        "dimension": ["Styrning", "Styrning", "Styrning", "Teknik", "Teknik"],
        "reverse": [False, False, True, False, False],
    }
)
SCALE = pd.DataFrame(
    {
        "label": [
            "Instämmer inte alls",
            "Instämmer i låg grad",
            "Instämmer delvis",
            "Instämmer i hög grad",
            "Instämmer helt",
            "Vet ej",
        ],
        "value": [1, 2, 3, 4, 5, None],
    }
)
ORGANISATIONS = pd.DataFrame(
    {
        "organisation": ["Åmål", "Åmål", "Tanum", "SML-IT"],
        "alias": ["Åmål", "Åmåls kommun", "Tanum", "SML-IT"],
    }
)


def codebook() -> Codebook:
    return Codebook.from_frames(STATEMENTS, SCALE, ORGANISATIONS)


def write_rows(
    path: Path, sheets: dict[str, list[list]], writer: str = "openpyxl", text_formulas: bool = False
) -> Path:
    """Write sheets of rows (None = empty cell) with openpyxl or xlsxwriter.

    Text starting with "=" is a formula without a cached value (as scripts write it), unless
    ``text_formulas`` stores it as plain text (as survey tools export a typed "=...").
    """
    if writer == "xlsxwriter":
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("="):
                        sheet.write_formula(r, c, value)  # what a user typing it gets
                    elif value is not None:
                        sheet.write(r, c, value)
        book.close()
        return path
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell in (c for row in sheet.iter_rows() for c in row):
            if isinstance(cell.value, str) and cell.value.startswith("=") and text_formulas:
                cell.data_type = "s"  # stored as text, as an export tool writes it
    book.save(path)
    return path


def write_codebook(
    path: Path,
    statements=None,
    scale=None,
    organisations=None,
    text_formulas: bool = False,
    roles: list[list] | None = None,
    parallel_header: str = "parallell",
) -> Path:
    """A codebook workbook; ``roles`` (header row first) adds a ``roles`` sheet; a ``parallel``
    column of ``statements`` is written under ``parallel_header``."""
    st = STATEMENTS if statements is None else statements
    sc = SCALE if scale is None else scale
    extra = [parallel_header] if "parallel" in st else []
    sheets = {
        "statements": [["statement", "text", "role", "dimension", "reverse", *extra]]
        + [
            [r.statement, r.text, r.role, r.dimension, "ja" if r.reverse else "nej"]
            + ([None if pd.isna(r.parallel) else r.parallel] if extra else [])
            for r in st.itertuples()
        ],
        "scale": [["label", "value"]]
        + [[r.label, None if pd.isna(r.value) else r.value] for r in sc.itertuples()],
    }
    orgs = ORGANISATIONS if organisations is None else organisations
    if len(orgs):
        sheets["organisations"] = [["organisation", "alias"]] + orgs.values.tolist()
    if roles is not None:
        sheets["roles"] = roles
    return write_rows(path, sheets, text_formulas=text_formulas)


def assert_cell_invariant(result) -> None:
    """cells read = cells accepted + problems (the one invariant), for a register's result."""
    assert result.cells_read == result.cells_accepted + len(result.problems)
    assert set(result.problems["kind"]) <= set(PROBLEM_KINDS)
