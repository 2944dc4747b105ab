"""The text module: every word in both languages, formatting, role labels, and the report
workbook and summary in one language each."""

import re
import string
import types
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity import text
from maturity.io import actionplan, risk
from maturity.report import build_report
from maturity.report.workbook import VALUE_COLUMNS, header, sheet_name

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


def _reader_problem_keys() -> set[str]:
    """Every message key the readers log: the literals in maturity/io and the field names."""
    io = Path(text.__file__).parent / "io"
    keys = set()
    for path in io.glob("*.py"):
        keys |= set(re.findall(r"\"(problem\.[a-z_]+(?:\.[a-z_]+)*)\"", path.read_text("utf-8")))
    keys |= {f"problem.field.{name}" for name in (*actionplan.FIELDS, *risk.FIELDS)}
    return keys


def test_every_problem_key_of_the_readers_is_in_both_languages():
    keys = _reader_problem_keys()
    assert len(keys) > 60 and "problem.survey.off_scale" in keys
    for key in keys:
        assert text.has_word(key), key
        sv, en = text.WORDS[key]["sv"], text.WORDS[key]["en"]
        assert sv != en or key.startswith("problem.field."), key
        assert _fields(sv) <= _fields(en), key  # Swedish may leave out an English-only field
    assert {k for k in text.WORDS if k.startswith("problem.")} == keys  # no unused message


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
def runs(tmp_path_factory):
    """The root of a report run on the demo data (no figures), by language."""
    roots = {}
    for lang in text.LANGUAGES:
        root = tmp_path_factory.mktemp(f"text_{lang}")
        build_report(
            DEMO, root / "reports", root / "processed", lang=lang, progress=None, figures=False
        )
        roots[lang] = root
    return roots


@pytest.fixture(scope="module")
def books(runs):
    return {
        lang: (
            openpyxl.load_workbook(root / "reports" / "nulagesanalys.xlsx"),
            (root / "reports" / "summary.md").read_text(encoding="utf-8"),
        )
        for lang, root in runs.items()
    }


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
    assert book.sheetnames[:3] == ["Overview", "Contents", "Statements"]
    assert book["Capability map"]["A1"].value == "Goal"
    front = [c.value for c in book["Overview"]["A"] if c.value]
    assert "Survey: 16 files, 6874 cells read, 6778 accepted, 96 problems" in front
    assert any(line.startswith("Risk register: 1 file,") for line in front)


def test_front_sheet_names_the_swedish_column(books):
    book, _ = books["sv"]
    front = [c.value for c in book["Översikt"]["A"] if c.value]
    assert any("i kolumnen Undertryckt." in line for line in front)
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


def test_problem_sheet_in_the_report_language_problems_csv_in_english(runs, books):
    csv = {lang: runs[lang] / "processed" / "problems.csv" for lang in text.LANGUAGES}
    assert csv["sv"].read_bytes() == csv["en"].read_bytes()  # a machine table, in English
    problems = pd.read_csv(csv["sv"], dtype=str, keep_default_na=False)
    unknown = "the column header 'Vi har en utpekad AI-strateg' matches no statement of the "
    assert unknown + "codebook" in set(problems["message"])
    shown = {}
    for lang, (book, _) in books.items():
        rows = list(book[sheet_name("problems", lang)].iter_rows(values_only=True))
        column = rows[0].index(header("message", lang))
        shown[lang] = [row[column] for row in rows[1:]]
    assert shown["en"] == problems["message"].tolist()
    assert len(shown["sv"]) == len(problems)
    assert not set(shown["sv"]) & set(shown["en"])  # every description in Swedish
    swedish = "kolumnrubriken 'Vi har en utpekad AI-strateg' stämmer inte med något påstående "
    assert swedish + "i kodboken" in shown["sv"]


def test_a_number_that_rounds_to_zero_has_no_minus_sign():
    assert text.number(-0.004, "sv", digits=2) == "0,00"
    assert text.number(-0.0, "en", digits=1) == "0.0"
    assert text.number(-0.04, "sv") == "0,0"
    assert text.number(-0.06, "sv") == "−0,1"
    assert text.number(-10.0, "sv", digits=0) == "−10"
