"""The report workbook as people read and print it: one language, dates as dates, wide enough
columns, one font, print titles, a contents sheet, no tables of mostly zeros."""

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity import text
from maturity.io.codebook import read_codebook
from maturity.io.discover import discover
from maturity.report import all_problems
from maturity.report.stages import run_stages
from maturity.report.workbook import WIDE_TABLES, header, sheet_name, write_workbook
from maturity.sections.priorities import priorities_section

DEMO = Path(__file__).parents[1] / "data" / "raw"
#: Areas of the text module whose words a workbook shows.
AREAS = ("header.", "column.", "sheet.", "value.", "matrix.", "contents.")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """The demo's report workbook in each language: lang -> path."""
    folder = tmp_path_factory.mktemp("report_workbook")
    files = discover(DEMO)
    codebook = read_codebook(files.codebook)
    paths = {}
    for lang in text.LANGUAGES:
        sections = run_stages(files, lang=lang)
        sections.append(priorities_section(sections, lang=lang))
        paths[lang] = write_workbook(
            sections,
            all_problems(sections, shown=True),
            folder / f"nulagesanalys_{lang}.xlsx",
            codebook=codebook,
            lang=lang,
        )
    return paths


def _field_names() -> set[str]:
    """Canonical column names and value identifiers: never shown in either language."""
    names = {k.split(".")[-1] for k in text.WORDS if k.startswith(("header.", "column."))}
    names |= {k.split(".")[-1] for k in text.WORDS if k.startswith("value.")}
    names |= {k.split(".", 1)[1] for k in text.WORDS if k.startswith("sheet.")}
    return {n for n in names if "_" in n or n.islower() and len(n) > 3}


def _words_only_in(lang: str) -> set[str]:
    """The workbook words of ``lang`` that the other language writes differently."""
    other = {"sv": "en", "en": "sv"}[lang]
    found = set()
    for key, words in text.WORDS.items():
        if key.startswith(AREAS) and words[lang].casefold() != words[other].casefold():
            found.add(words[lang].casefold())
    return found


def _shown_strings(path: Path) -> list[tuple[str, str, str]]:
    """(sheet, where, text) of every sheet name, header and short text value."""
    book = openpyxl.load_workbook(path)
    shown = []
    for sheet in book.worksheets[1:]:
        shown.append((sheet.title, "sheet", sheet.title))
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for value in row:
                if isinstance(value, str) and len(value) <= 40:
                    shown.append((sheet.title, "header" if r == 0 else "value", value))
    return shown


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_one_language_in_every_sheet_name_header_and_value(workbooks, lang):
    other = {"sv": "en", "en": "sv"}[lang]
    own = {w[lang].casefold() for k, w in text.WORDS.items() if k.startswith(AREAS)}
    foreign = {w for w in _words_only_in(other) - own if len(w) > 1}
    fields = _field_names() - own
    wrong = [
        item
        for item in _shown_strings(workbooks[lang])
        if item[2].casefold() in foreign or item[2] in fields
    ]
    assert not wrong, wrong[:20]


def test_the_scan_finds_a_field_name_and_a_foreign_word(workbooks, tmp_path):
    book = openpyxl.load_workbook(workbooks["sv"])
    book["Risker"]["B1"] = "n_respondents_1"
    book["Risker"]["C2"] = "raised"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    found = {item[2] for item in _shown_strings(path)}
    assert "n_respondents_1" in found & _field_names()
    assert "raised" in found & _words_only_in("en")


def test_every_header_has_a_word_in_both_languages():
    columns = [k.split(".", 1)[1] for k in text.WORDS if k.startswith("column.")]
    for column in columns:
        table, _, name = column.rpartition(".")
        english = header(name, "en", table=table or None)
        assert english != name or not re.search(r"_|^[a-z]{2}", name), column
        assert header(name, "sv", table=table or None) == text.word(f"column.{column}", "sv")


def test_priorities_sheet_flags_the_candidates(workbooks):
    book = openpyxl.load_workbook(workbooks["sv"])
    rows = list(book[sheet_name("priorities", "sv")].iter_rows(values_only=True))
    column = rows[0].index(header("unaddressed", "sv"))
    flagged = [row[1] for row in rows[1:] if row[column] == "ja"]
    assert flagged[0] == "Avveckla" and len(flagged) == 3


def test_dates_are_dates_without_a_clock(workbooks):
    book = openpyxl.load_workbook(workbooks["sv"])
    dates = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, dt.datetime)
    ]
    assert len(dates) > 50
    assert {cell.number_format for cell in dates} == {"yyyy-mm-dd"}


def test_one_font_print_titles_and_one_page_wide(workbooks):
    with zipfile.ZipFile(workbooks["sv"]) as z:
        styles = z.read("xl/styles.xml").decode()
    fonts = re.findall(r"<font>.*?</font>|<font/>", re.search(r"<fonts.*?</fonts>", styles)[0])
    names = {re.search(r'<name val="([^"]+)"', f)[1] if "<name" in f else None for f in fonts}
    assert names == {"Calibri"}, names
    book = openpyxl.load_workbook(workbooks["sv"])
    for sheet in book.worksheets[1:]:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes in {"A2", "D2"}, sheet.title


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_contents_links_to_every_sheet_without_formulas(workbooks, lang):
    book = openpyxl.load_workbook(workbooks[lang])
    contents = book[sheet_name("contents", lang)]
    assert book.sheetnames.index(contents.title) == 1
    links = {
        cell.hyperlink.location: cell.value
        for row in contents.iter_rows(min_row=2)
        for cell in row
        if cell.hyperlink is not None
    }
    others = [name for name in book.sheetnames if name != contents.title]
    assert sorted(links.values()) == sorted(others)
    for location, name in links.items():
        assert location == "'" + name.replace("'", "''") + "'!A1"
    with zipfile.ZipFile(workbooks[lang]) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets"))
    assert "<f>" not in xml and "<f " not in xml


def test_tables_of_mostly_zeros_are_wide_without_rows_of_zeros(workbooks):
    book = openpyxl.load_workbook(workbooks["sv"])
    for table in WIDE_TABLES:
        rows = list(book[sheet_name(table, "sv")].iter_rows(values_only=True))
        counts = [[v for v in row if isinstance(v, int)] for row in rows[1:]]
        assert rows and all(sum(c) > 0 for c in counts), table
    status = list(book[sheet_name("actionplan_status", "sv")].iter_rows(values_only=True))
    assert status[0] == ("År", "Område", "Planerad", "Pågående", "Genomförd", "Försenad", "Struken")
    assert len(status) < 165 / 4


def test_wide_table_keeps_every_count():
    from maturity.report.workbook import _wide

    tidy = pd.DataFrame(
        {
            "year": [2020] * 4 + [2021] * 4,
            "area": ["A", "A", "B", "B"] * 2,
            "status": ["done", "planned"] * 4,
            "n": [1, 0, 0, 0, 2, 3, 0, 0],
        }
    )
    wide = _wide(tidy, "actionplan_status", "en")
    assert wide.columns.tolist() == ["year", "area", "Done", "Planned"]
    assert wide.to_numpy().tolist() == [[2020, "A", 1, 0], [2021, "A", 2, 3]]
    assert _wide(tidy, "actions", "en") is tidy


def _calc_pdf(path: Path, folder: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + [str(path), "--outdir", str(folder)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    pdf = folder / (path.stem + ".pdf")
    return pdf if pdf.exists() else None


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_printed_through_libreoffice_no_hashes_and_no_clock(workbooks, lang, tmp_path):
    pdf = _calc_pdf(workbooks[lang], tmp_path)
    if pdf is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice Calc or pdftotext is not installed")
    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "###" not in printed
    assert "0:00:00" not in printed
    assert header("mean", lang) in printed


def _tricky_sections() -> list:
    """Sections whose tables hold every kind of cell a table sheet writes."""
    import numpy as np

    from maturity.sections import Section

    n = 40
    long = "ett långt värde som bryts över flera rader i cellen " * 3
    texts = ["", " kant ", "a & b < c > d", "=1+1", "-2", "@x", "#N/A", "tab\there", long, None]
    numbers = [0.0, -0.0, 1e-20, 2.5, np.inf, np.nan, 1 / 3, 10.0**20, 3.0, -7.25]
    table = pd.DataFrame(
        {
            "organisation": [texts[i % len(texts)] for i in range(n)],
            "mean": [numbers[i % len(numbers)] for i in range(n)],
            "n": range(n),
            "share_top2": [i / n for i in range(n)],
            "suppressed": [i % 3 == 0 for i in range(n)],
            "date": pd.date_range("2024-01-30", periods=n, freq="13h"),
            "text": [long if i % 7 == 0 else f"rad {i}" for i in range(n)],
            "empty": [None] * n,
        }
    )
    table["level"] = pd.array([None if i % 5 == 0 else i % 4 for i in range(n)], dtype="Int64")
    mixed = table.astype({"organisation": object})
    mixed.loc[3, "organisation"] = dt.date(2024, 5, 1)
    return [
        Section(name="survey", tables={"survey_statements": table, "risks": mixed}),
        Section(name="risk", tables={"risk_levels": table.iloc[:0]}),
    ]


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_table_bodies_as_xml_are_the_bytes_of_cell_by_cell(tmp_path, monkeypatch, lang):
    import maturity.report.workbook as workbook

    sections = _tricky_sections()
    problems = pd.DataFrame({"source": [f"fil{i}.xlsx" for i in range(6)], "message": "fel"})
    monkeypatch.setattr(workbook, "MAX_PROBLEM_ROWS", 4)  # a closing line after the rows
    fast = write_workbook(sections, problems, tmp_path / "fast.xlsx", lang=lang)
    monkeypatch.setattr(workbook, "BODY_AS_XML", False)
    cells = write_workbook(sections, problems, tmp_path / "cells.xlsx", lang=lang)
    assert fast.read_bytes() == cells.read_bytes()
    sheet = openpyxl.load_workbook(fast)[sheet_name("survey_statements", lang)]
    assert sheet.max_row == 41 and sheet["A5"].value == "=1+1" and sheet["A5"].data_type == "s"
    sheet = openpyxl.load_workbook(fast)[sheet_name("problems", lang)]
    assert sheet.max_row == 6 and sheet["A5"].value == "fil3.xlsx" and "2" in sheet["A6"].value


def test_table_bodies_as_cells_when_openpyxl_serialises_with_lxml(tmp_path, monkeypatch):
    """openpyxl imported (with lxml) before maturity: the bodies go through openpyxl's own
    cells, so one serialiser writes the whole file."""
    import openpyxl.xml

    import maturity.report.workbook as workbook

    written, real = [], workbook.SheetRows
    monkeypatch.setattr(workbook, "SheetRows", lambda *a, **k: written.append(a) or real(*a, **k))
    sections, problems = _tricky_sections(), pd.DataFrame({"source": ["f.xlsx"], "message": "x"})
    monkeypatch.setattr(openpyxl.xml, "LXML", True)
    book = write_workbook(sections, problems, tmp_path / "lxml.xlsx")
    assert written == []
    sheet = openpyxl.load_workbook(book)[sheet_name("survey_statements", "sv")]
    assert sheet.max_row == 41 and sheet["A5"].value == "=1+1"
    monkeypatch.setattr(openpyxl.xml, "LXML", False)
    plain = write_workbook(sections, problems, tmp_path / "plain.xlsx")
    assert written and plain.read_bytes() == book.read_bytes()
