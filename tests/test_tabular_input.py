"""Survey exports as CSV, SPSS and strict OOXML: read through the guarded opener, every
answer right, the invariant held, problems named by file and Excel-style cell."""

from __future__ import annotations

import pytest

from maturity.errors import InputError
from maturity.io import tabular
from maturity.io.discover import discover
from maturity.io.opener import open_workbook
from maturity.io.survey import read_survey
from maturity.io.tabular import TextOptions
from tests._exports_text import write_csv, write_sav, write_strict
from tests._workbooks import STATEMENTS, codebook, write_codebook, write_rows

TEXTS = dict(zip(STATEMENTS["statement"], STATEMENTS["text"], strict=True))
HEADER = ["Respondent", "Kommun", "Roll", "F1", "F2", "F3", "I1", "I2", "Andel"]
ROWS = [
    ["r1", "Tanum", "förvaltningschef", 4, 5, "Vet ej", None, None, 3.5],
    ["r2", "Åmål", "förvaltningschef", "Instämmer helt", 2, 1, None, None, 0.25],
    ["r3", "Åmåls kommun", "IT-chef", None, None, None, 3, 4, 1.0],
]


def _answers(survey) -> dict[tuple[str, str], object]:
    frame = survey.responses
    return {
        (str(r.respondent), str(r.statement)): (r.score, r.answer)
        for r in frame.itertuples()
        if r.answer != ""
    }


def _assert_read_right(survey) -> None:
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    answers = _answers(survey)
    assert answers[("r1", "F1")][0] == 4 and answers[("r1", "F2")][0] == 5
    assert answers[("r1", "F3")][1] == "Vet ej"  # a don't-know: kept, no score
    assert answers[("r2", "F1")][0] == 5  # a label read as its value
    assert answers[("r2", "F3")][0] == 5  # F3 is reverse-keyed: 1 becomes 5
    assert answers[("r3", "I1")][0] == 3 and answers[("r3", "I2")][0] == 4
    orgs = dict(zip(survey.responses["respondent"], survey.responses["organisation"], strict=True))
    assert orgs["r2"] == orgs["r3"] == "Åmål"


@pytest.mark.parametrize(
    "how",
    [
        dict(delimiter=";", encoding="cp1252", decimal=","),  # Swedish Excel
        dict(delimiter=",", encoding="utf-8", decimal=".", bom=True),  # Excel "CSV UTF-8"
        dict(delimiter=",", encoding="utf-8", decimal=".", quote_all=True),  # Google Forms
        dict(delimiter="\t", encoding="utf-16", decimal=","),  # Excel "Unicode text"
        dict(delimiter=";", encoding="cp1252", decimal=",", sep_line=True),
    ],
)
def test_csv_export_reads_every_answer_right(tmp_path, how):
    path = write_csv(tmp_path / "svar_2024.csv", [HEADER, *ROWS], **how)
    book = open_workbook(path)
    assert book.sheet_names == ["svar_2024"]
    assert book.head("svar_2024", 2).rows[1][:3] == ["r1", "Tanum", "förvaltningschef"]
    assert book.sheet("svar_2024").n_rows == 4
    assert book.detected["delimiter"] == how["delimiter"]
    assert book.detected["decimal"] == how["decimal"] or how["delimiter"] == ","
    assert book.sheet("svar_2024").value(1, 8) == 3.5  # a decimal comma read as a number
    survey = read_survey(path, codebook())
    _assert_read_right(survey)
    # the share column is no statement: reported once per cell, at its Excel-style cell
    assert "svar_2024.csv:svar_2024:I1" in set(survey.problems["source"])
    assert set(survey.responses["wave"]) == {2024}


def test_csv_values_stay_text_as_written_except_numbers(tmp_path):
    rows = [["Kommun", "Id", "Datum", "Tal"], ["Tanum", "007", "2024-03-01", "-2"]]
    path = write_csv(tmp_path / "a.csv", rows)
    sheet = open_workbook(path).sheet("a")
    assert sheet.rows[1] == ["Tanum", "007", "2024-03-01", -2.0]


def test_csv_options_override_detection(tmp_path):
    rows = [["Kommun", "F1"], ["Åmål", "3,5"]]
    path = write_csv(tmp_path / "a.csv", rows, delimiter=";", encoding="cp1252")
    book = open_workbook(path, text=TextOptions(decimal="."))
    assert book.sheet("a").rows[1] == ["Åmål", "3,5"]
    forced = open_workbook(path, text=TextOptions(delimiter=",", encoding="latin-1"))
    assert forced.sheet("a").rows[0] == ["Kommun;F1"]
    with pytest.raises(InputError, match=r"a.csv: cannot be read as utf-8 text"):
        open_workbook(path, text=TextOptions(encoding="utf-8")).sheet("a")
    survey = read_survey(
        path, codebook(), text=TextOptions(delimiter=";", encoding="cp1252", decimal=",")
    )
    assert survey.cells_read == len(survey.responses) + len(survey.problems)


def test_problems_in_a_csv_name_file_sheet_and_cell(tmp_path):
    rows = [HEADER[:4], ["r1", "Tanum", "förvaltningschef", 9], ["r2", "Tanum", "IT-chef", 3]]
    path = write_csv(tmp_path / "svar.csv", rows)
    survey = read_survey(path, codebook())
    problems = survey.problems.set_index("source")
    assert problems.loc["svar.csv:svar:D2", "kind"] == "out_of_scale"
    assert problems.loc["svar.csv:svar:D3", "kind"] == "role_mismatch"
    assert survey.cells_read == len(survey.responses) + len(survey.problems)


def test_csv_renamed_xlsx_is_refused_as_today(tmp_path):
    for name, bom in (("plain.xlsx", False), ("bom.xlsx", True)):
        path = write_csv(tmp_path / name, [HEADER, *ROWS], delimiter=",", bom=bom)
        with pytest.raises(InputError, match=r"is a CSV file, not an Excel workbook"):
            open_workbook(path)


def test_workbook_renamed_csv_and_binary_text_are_refused(tmp_path):
    book = write_rows(tmp_path / "svar.xlsx", {"Svar": [HEADER, *ROWS]})
    renamed = tmp_path / "svar.csv"
    renamed.write_bytes(book.read_bytes())
    with pytest.raises(InputError, match=r"svar.csv: is an Excel workbook, not a text file"):
        open_workbook(renamed)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"Kommun;F1\r\nTanum;\x00\x00\r\n")
    with pytest.raises(InputError, match=r"nul.csv: holds NUL bytes"):
        open_workbook(nul).sheet("nul")


def test_text_size_caps(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "big.csv", [HEADER, *ROWS * 20])
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    book = open_workbook(path)
    assert book.head("big", 3).n_rows == 3  # the first rows are read without the rest
    with pytest.raises(InputError, match=r"big.csv: is too large to read"):
        book.sheet("big")
    monkeypatch.setattr(tabular, "MAX_TEXT_BYTES", 100)
    with pytest.raises(InputError, match=r"big.csv: is refused: .* MB"):
        open_workbook(path)


SAV_LABELS = {
    1.0: "Instämmer inte alls",
    2.0: "Instämmer i låg grad",
    3.0: "Instämmer delvis",
    4.0: "Instämmer i hög grad",
    5.0: "Instämmer helt",
    9.0: "Vet ej",
}


def write_survey_sav(path):
    """A .sav as the Swedish survey tools write it: codes with value labels, "Vet ej" = 9 as
    user-defined missing, question texts as variable labels, the organisation coded."""
    nan = float("nan")
    columns = {
        "resp": ["r1", "r2", "r3"],
        "kommun": [1.0, 2.0, 2.0],
        "roll": ["förvaltningschef", "förvaltningschef", "IT-chef"],
        "q1": [4.0, 5.0, nan],
        "q2": [5.0, 2.0, nan],
        "q3": [9.0, 1.0, nan],
        "q4": [nan, nan, 3.0],
        "q5": [nan, nan, 4.0],
    }
    labels = {"resp": "Respondent", "kommun": "Kommun", "roll": "Roll"}
    labels.update({f"q{i}": TEXTS[sid] for i, sid in enumerate(TEXTS, start=1)})
    value_labels = {f"q{i}": SAV_LABELS for i in range(1, 6)}
    value_labels["kommun"] = {1.0: "Tanum", 2.0: "Åmål"}
    missing = {f"q{i}": [9.0] for i in range(1, 6)}
    return write_sav(path, columns, labels=labels, value_labels=value_labels, missing=missing)


def test_spss_file_reads_with_its_labels(tmp_path):
    path = write_survey_sav(tmp_path / "svar_2024.sav")
    book = open_workbook(path)
    sheet = book.sheet("svar_2024")
    assert sheet.rows[0][:4] == ["Respondent", "Kommun", "Roll", TEXTS["F1"]]
    assert sheet.rows[1][:4] == ["r1", "Tanum", "förvaltningschef", "Instämmer i hög grad"]
    assert book.value_labels[3][9.0] == "Vet ej"
    assert book.detected["variables"][3] == "q1"
    survey = read_survey(path, codebook())
    assert survey.problems.empty, survey.problems
    answers = _answers(survey)
    assert answers[("r1", "F1")][0] == 4 and answers[("r1", "F3")][1] == "Vet ej"
    assert answers[("r2", "F3")][0] == 5 and answers[("r3", "I2")][0] == 4
    assert survey.cells_read == len(survey.responses) + len(survey.problems)


def test_spss_refusals(tmp_path, monkeypatch):
    fake = tmp_path / "fake.sav"
    fake.write_bytes(b"Kommun;F1\r\n")
    with pytest.raises(InputError, match=r"fake.sav: is not an SPSS .sav file"):
        open_workbook(fake)
    path = write_survey_sav(tmp_path / "svar.sav")
    monkeypatch.setattr(tabular, "MAX_ROWS", 2)
    with pytest.raises(InputError, match=r"svar.sav: is too large to read \(3 rows"):
        open_workbook(path)


def test_strict_ooxml_workbook_is_read_like_any_other(tmp_path):
    rows = [HEADER, *ROWS]
    plain = read_survey(write_rows(tmp_path / "plain.xlsx", {"Svar": rows}), codebook())
    strict_path = write_strict(tmp_path / "strict.xlsx", {"Svar": rows})
    assert b"purl.oclc.org/ooxml/spreadsheetml/main" in _member(strict_path, "xl/workbook.xml")
    book = open_workbook(strict_path)
    assert book.sheet_names == ["Svar"]
    assert book.head("Svar", 2).rows[1][:3] == ["r1", "Tanum", "förvaltningschef"]
    strict = read_survey(strict_path, codebook())
    _assert_read_right(strict)
    columns = ["respondent", "statement", "score", "answer"]
    assert strict.responses[columns].equals(plain.responses[columns])
    assert len(strict.problems) == len(plain.problems)


def _member(path, name) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_discover_reads_text_and_spss_exports_and_names_notes(tmp_path):
    write_codebook(tmp_path / "kodbok.xlsx")
    write_csv(tmp_path / "svar.csv", [HEADER, *ROWS])
    write_survey_sav(tmp_path / "svar.sav")
    write_csv(tmp_path / "tab.txt", [HEADER, *ROWS], delimiter="\t", encoding="utf-8")
    (tmp_path / "LASMIG.txt").write_text("Läs mig först.\n", encoding="utf-8")
    found = discover(tmp_path)
    assert found.codebook.name == "kodbok.xlsx"
    assert sorted(p.name for p in found.surveys) == ["svar.csv", "svar.sav", "tab.txt"]
    assert [(p.name, why.rsplit(".", 1)[1]) for p, why in found.not_read] == [
        ("LASMIG.txt", "not_delimited")
    ]


def test_discover_reads_only_the_first_rows_of_text_and_spss(tmp_path, monkeypatch):
    write_csv(tmp_path / "svar.csv", [HEADER, *ROWS * 50])
    write_survey_sav(tmp_path / "svar.sav")
    limits = []
    text_rows, spss_rows = tabular._text_rows, tabular._spss_rows
    monkeypatch.setattr(
        tabular, "_text_rows", lambda p, o, limit: limits.append(limit) or text_rows(p, o, limit)
    )
    monkeypatch.setattr(
        tabular, "_spss_rows", lambda p, limit: limits.append(limit) or spss_rows(p, limit)
    )
    found = discover(tmp_path)
    assert sorted(p.name for p in found.surveys) == ["svar.csv", "svar.sav"]
    assert limits and None not in limits
    book = open_workbook(tmp_path / "svar.csv")
    assert book.head("svar", 5).rows == book.sheet("svar").rows[:5]
    spss = open_workbook(tmp_path / "svar.sav")
    assert spss.head("svar", 2).rows == spss.sheet("svar").rows[:2]


def test_strict_ooxml_codebook_is_read(tmp_path):
    from maturity.io.codebook import read_codebook

    plain = write_codebook(tmp_path / "plain.xlsx")
    book = open_workbook(plain)
    sheets = {name: book.sheet(name).rows for name in book.sheet_names}
    strict = read_codebook(write_strict(tmp_path / "kodbok.xlsx", sheets))
    assert strict.statements.equals(read_codebook(plain).statements)
    assert strict.scale.equals(read_codebook(plain).scale)


def test_hostile_text_cells_stay_text_and_huge_fields_are_refused(tmp_path):
    rows = [HEADER[:4], ['=HYPERLINK("http://x")', "Tanum", "förvaltningschef", "@SUM(1)"]]
    path = write_csv(tmp_path / "svar.csv", rows)
    sheet = open_workbook(path).sheet("svar")
    assert sheet.rows[1][0] == '=HYPERLINK("http://x")' and sheet.rows[1][3] == "@SUM(1)"
    survey = read_survey(path, codebook())
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert survey.problems.set_index("source").loc["svar.csv:svar:D2", "kind"] == "unknown_label"
    huge = tmp_path / "huge.csv"
    huge.write_text('Kommun;F1\r\nTanum;"' + "x" * 200_000 + '"\r\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"huge.csv: is not readable as delimited text at line"):
        open_workbook(huge).sheet("huge")


def test_a_header_only_csv_is_read_and_a_one_line_note_is_not(tmp_path):
    write_csv(tmp_path / "tom.csv", [HEADER])
    (tmp_path / "note.txt").write_text("Hej, detta är en anteckning.\n", encoding="utf-8")
    assert tabular.looks_delimited(tmp_path / "tom.csv")
    assert not tabular.looks_delimited(tmp_path / "note.txt")
