"""The text module: every word in both languages, formatting, role labels, and the report
workbook and summary in one language each."""

import string
import types
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity import text
from maturity.report import build_report
from maturity.report.workbook import VALUE_COLUMNS

DEMO = Path(__file__).parents[1] / "data" / "raw"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_both_languages_and_is_not_empty():
    assert text.WORDS
    for key, words in text.WORDS.items():
        assert set(words) == set(text.LANGUAGES), key
        assert all(isinstance(w, str) and w.strip() for w in words.values()), key
        assert key.count(".") >= 1 and key == key.strip(), key


def test_catalogue_and_word():
    assert text.catalogue("sv")["value.level.high"] == "hög"
    assert text.word("findings.of", "en", part=3, whole=4) == "3 of 4"
    with pytest.raises(KeyError):
        text.word("report.nonsense", "sv")
    with pytest.raises(ValueError):
        text.word("report.title", "de")


def test_every_word_formats_with_its_own_fields():
    for key, words in text.WORDS.items():
        for lang, template in words.items():
            fields = {name: "x" for name in _fields(template)}
            assert "{" not in text.word(key, lang, **fields), (key, lang)


def test_canonical_values_have_display_words():
    for area, values in {
        "status": ("planned", "ongoing", "done", "delayed", "cancelled"),
        "level": ("low", "medium", "high", "critical"),
        "change": ("new", "raised", "lowered", "unchanged", "closed", "unknown"),
    }.items():
        for value in values:
            assert text.has_word(f"value.{area}.{value}"), (area, value)
    assert text.translate_values(["high", 3, "other"], "value.level", "sv") == ["hög", 3, "other"]


def test_count_yes_no_and_excel_format():
    assert text.count(1, "report.files", "sv") == "1 fil"
    assert text.count(2, "report.problems", "en") == "2 problems"
    assert text.yes_no(True, "sv") == "ja" and text.yes_no(False, "sv") == "nej"
    assert text.yes_no(True, "en") is True
    assert text.excel_format("0%", "sv") == "[$-41D]0%" and text.excel_format("0%", "en") == "0%"


LABELS = pd.DataFrame(
    {
        "role": ["förvaltningschef", "IT-chef"],
        "name": ["Förvaltningschef", "IT-chef"],
        "plural": ["Förvaltningschefer", "IT-chefer"],
        "plural_definite": ["Förvaltningscheferna", "IT-cheferna"],
        "name_en": ["Head of department", None],
        "plural_en": ["Heads of department", None],
        "plural_definite_en": ["The heads of department", ""],
    }
)


def test_role_label_reads_the_codebook():
    codebook = types.SimpleNamespace(role_labels=LABELS)
    assert (
        text.role_label("förvaltningschef", "sv", codebook=codebook, form="plural_definite")
        == "Förvaltningscheferna"
    )
    assert (
        text.role_label("Förvaltningschef", "en", codebook=codebook, form="plural")
        == "Heads of department"
    )
    # English missing: the Swedish form; an unknown role: as written
    assert (
        text.role_label("IT-chef", "en", codebook=codebook, form="plural_definite") == "IT-cheferna"
    )
    assert text.role_label("rektor", "sv", codebook=codebook) == "rektor"


def test_role_label_defaults_without_labels():
    partial = types.SimpleNamespace(role_labels=LABELS[["role", "name"]])
    assert text.role_label("IT-chef", "sv", codebook=partial, form="plural_definite") == "IT-chef"
    assert text.role_label("IT-chef", "en", codebook=object(), form="plural") == "IT-chef"
    assert text.role_label("IT-chef", "sv") == "IT-chef"
    with pytest.raises(ValueError):
        text.role_label("IT-chef", "sv", form="genitive")


# -- the report in one language ---------------------------------------------------------------
@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for lang in text.LANGUAGES:
        root = tmp_path_factory.mktemp(f"text_{lang}")
        build_report(
            DEMO, root / "reports", root / "processed", lang=lang, progress=None, figures=False
        )
        out[lang] = (
            openpyxl.load_workbook(root / "reports" / "nulagesanalys.xlsx"),
            (root / "reports" / "summary.md").read_text(encoding="utf-8"),
        )
    return out


def _swedish_only():
    """Words that differ between the languages: Swedish word -> key."""
    return {w["sv"]: key for key, w in text.WORDS.items() if w["sv"] != w["en"]}


def test_swedish_workbook_shows_no_field_names_or_english_values(books):
    book, _ = books["sv"]
    tables = {key.split(".", 1)[1] for key in text.WORDS if key.startswith("sheet.")}
    assert not set(book.sheetnames) & tables
    assert {"Risker", "Aktiviteter", "Handlingsplan per år", "Problem"} <= set(book.sheetnames)
    for sheet in book.worksheets[1:]:
        for cell in sheet[1]:
            key = f"column.{cell.value}"
            assert not (text.has_word(key) and text.word(key, "sv") != cell.value), (
                sheet.title,
                cell.value,
            )
        headers = [c.value for c in sheet[1]]
        for column, area in VALUE_COLUMNS.items():
            title = text.word(f"column.{column}", "sv")
            if title not in headers or sheet.title == "Förmågebedömningar":
                continue
            index = headers.index(title) + 1
            for (value,) in sheet.iter_rows(
                min_row=2, min_col=index, max_col=index, values_only=True
            ):
                key = f"{area}.{value}"
                assert not (text.has_word(key) and text.word(key, "sv") != value), (
                    sheet.title,
                    value,
                )


def test_english_workbook_shows_no_swedish_sheet_names(books):
    book, _ = books["en"]
    swedish = _swedish_only()
    assert not [name for name in book.sheetnames if name in swedish]
    assert book.sheetnames[:2] == ["Overview", "Statements"]
    assert book["Capability map"]["A1"].value == "Goal"
    front = [c.value for c in book["Overview"]["A"] if c.value]
    assert "Survey: 16 files, 6864 cells read, 6778 accepted, 86 problems" in front
    assert any(line.startswith("Risk register: 1 file,") for line in front)


def test_front_sheet_names_the_swedish_column(books):
    book, _ = books["sv"]
    front = [c.value for c in book["Översikt"]["A"] if c.value]
    assert any("(kolumnen Undertryckt)" in line for line in front)
    assert any(line.startswith("Förmågekarta: 1 fil,") for line in front)


def test_summaries_in_one_language(books):
    _, sv = books["sv"]
    _, en = books["en"]
    assert "## Viktigaste resultat" in sv and "**Riskregistret**" in sv
    assert "## Key findings" in en and "**The risk register**" in en
    for english in ("Key findings", "What was read", "The survey", " files,"):
        assert english not in sv
    for swedish in ("Viktigaste", "Underlag", "Enkäten", " filer,"):
        assert swedish not in en
