"""Survey-tool exports as the tools write them (issue 12): every answer read and right, no
false problems, the invariant, no wave from a response count, no free text anywhere."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import maturity as mt
from maturity.io.survey import survey_columns
from tests import _exports as ex
from tests._workbooks import STATEMENTS, write_codebook, write_rows

WRITERS = ex.WRITERS


def _codebook(tmp_path, name):
    if name == "limesurvey_codes":
        return ex.codebook(tmp_path / "kodbok.xlsx", ids=ex.LIME_CODES[1:], org_header="G01Q01")
    return ex.codebook(tmp_path / "kodbok.xlsx")


def _no_planted(texts) -> None:
    for text in texts:
        for secret in (*ex.PLANTED, "Karin", "Lindqvist", "123 45 67"):
            assert secret not in str(text), (secret, text)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_answer_read_and_right(tmp_path, name):
    (tmp_path / "raw").mkdir()
    path, expected = WRITERS[name](tmp_path / "raw")
    survey = mt.read_survey(path, _codebook(tmp_path, name))
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    # the only problem: the free-text column, once, by its header, without its values
    assert survey.problems["kind"].tolist() == ["skipped_column"], survey.problems
    _no_planted(survey.problems.to_numpy().ravel())
    _no_planted(survey.problems_in("sv").to_numpy().ravel())
    got = survey.responses[list(expected.columns)].astype(object)
    got = got.sort_values("source").reset_index(drop=True)
    want = expected.sort_values("source").reset_index(drop=True)
    assert len(got) == len(want) == ex.N * len(ex.SINGLE)
    for column in ("organisation", "role", "statement", "answer", "source"):
        assert got[column].astype(str).tolist() == want[column].astype(str).tolist(), column
    np.testing.assert_array_equal(got["score"].astype(float), want["score"].astype(float))
    # the tool's own columns are never carried
    _no_planted(survey.responses.astype(str).to_numpy().ravel())


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_no_wave_from_a_response_count(tmp_path, lang):
    path, _ = ex.ms_forms(tmp_path, lang=lang)
    assert "2019" in path.name
    survey = mt.read_survey(path, ex.codebook(tmp_path / "kodbok.xlsx"))
    assert set(survey.responses["wave"]) == {1}
    row = survey.sources.iloc[0]
    assert (row["wave"], row["wave_from"], row["organisation_from"]) == (1, "default", "column")
    assert row["role_from"] == "single_role"


def test_wave_from_a_year_standing_alone(tmp_path):
    path, _ = ex.google_forms(tmp_path)
    survey = mt.read_survey(path, ex.codebook(tmp_path / "kodbok.xlsx"))
    assert set(survey.responses["wave"]) == {2022}
    assert survey.sources["wave_from"].tolist() == ["file_name"]


def test_a_file_without_a_wave_beside_files_with_waves(tmp_path):
    cb = ex.codebook(tmp_path / "kodbok.xlsx")
    (tmp_path / "raw").mkdir()
    path, expected = ex.ms_forms(tmp_path / "raw")  # no year
    ex.google_forms(tmp_path / "raw")  # 2022
    survey = mt.read_survey(tmp_path / "raw", cb)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert set(survey.responses["wave"]) == {2022}
    missing = survey.problems[survey.problems["kind"] == "missing_value"]
    answered = expected.loc[expected["answer"] != "", "source"]
    assert sorted(missing["source"]) == sorted(answered)  # every answer, named
    assert missing["message"].str.contains("has no wave").all()
    sources = survey.sources.set_index("file")
    assert sources.loc[path.name, "wave_from"] == "missing"
    # the same file alone reads as wave 1, and with wave= as that wave
    alone = mt.read_survey(path, cb)
    assert set(alone.responses["wave"]) == {1}
    given = mt.read_survey(tmp_path / "raw", cb, wave=2023)
    assert set(given.responses["wave"]) == {2023}
    assert set(given.sources["wave_from"]) == {"option"}


def test_options_set_organisation_and_role(tmp_path):
    header = ["ID", *STATEMENTS["text"][:3]]
    rows = [header, ["a", 1, 2, 3], ["b", 4, 5, 1]]
    path = write_rows(tmp_path / "export.xlsx", {"Form Responses 1": rows})
    cb = write_codebook(tmp_path / "kodbok.xlsx")  # two roles: the sheet name names none
    plain = mt.read_survey(path, cb)
    assert set(plain.problems["kind"]) == {"unknown_organisation"}
    survey = mt.read_survey(path, cb, organisation="Åmåls kommun", role="Förvaltningschef")
    assert survey.problems.empty and len(survey.responses) == 6
    assert set(survey.responses["organisation"]) == {"Åmål"}
    assert set(survey.responses["role"]) == {"förvaltningschef"}
    row = survey.sources.iloc[0]
    assert (row["organisation_from"], row["role_from"]) == ("option", "option")
    with pytest.raises(ValueError, match="no role"):
        mt.read_survey(path, cb, role="rektor")


def test_a_statement_text_shared_by_two_roles_resolves_by_role(tmp_path):
    statements = STATEMENTS.copy()
    statements.loc[3, "text"] = statements.loc[0, "text"]  # I1 asks IT-chefs what F1 asks
    cb = write_codebook(tmp_path / "kodbok.xlsx", statements=statements)
    header = ["Kommun", "Roll", statements.loc[0, "text"], statements.loc[4, "text"]]
    rows = [
        header,
        ["Tanum", "förvaltningschef", 4, None],
        ["Tanum", "IT-chef", 2, 5],
        ["Tanum", "rektor", 3, None],
    ]
    survey = mt.read_survey(write_rows(tmp_path / "s.xlsx", {"Svar": rows}), cb)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    got = survey.responses.set_index("source")
    assert got.loc["s.xlsx:Svar:C2", "statement"] == "F1"
    assert got.loc["s.xlsx:Svar:C3", "statement"] == "I1"
    assert got.loc["s.xlsx:Svar:D3", "statement"] == "I2"
    assert "role_mismatch" not in set(survey.problems["kind"])
    assert survey.problems["kind"].tolist() == ["unknown_role"]  # the rektor, once
    assert survey.problems["source"].tolist() == ["s.xlsx:Svar:C4"]


def test_a_header_whose_id_and_text_disagree(tmp_path):
    cb = write_codebook(tmp_path / "kodbok.xlsx")
    texts = STATEMENTS["text"]
    header = ["Kommun", "Roll", f"F1: {texts[1]}", f"F3. {texts[2]}"]
    rows = [header, ["Tanum", "förvaltningschef", 4, 2]]
    survey = mt.read_survey(write_rows(tmp_path / "s.xlsx", {"Svar": rows}), cb)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    problem = survey.problems.iloc[0]
    assert (problem["source"], problem["kind"]) == ("s.xlsx:Svar:C1", "header_mismatch")
    assert "F1" in problem["message"] and "F2" in problem["message"]
    assert len(survey.problems) == 1
    assert survey.responses["statement"].astype(str).tolist() == ["F3"]


def test_curly_quotes_dashes_and_odd_spaces_match(tmp_path):
    statements = STATEMENTS.copy()
    statements.loc[0, "text"] = "Vi mäter 'effekten' - av IT"
    cb = write_codebook(tmp_path / "kodbok.xlsx", statements=statements)
    header = ["Kommun", "Roll", "Vi\u00a0mäter \u2018effekten\u2019 \u2013 av\u200b IT"]
    rows = [header, ["Tanum", "förvaltningschef", "Instämmer\u00a0helt"]]
    survey = mt.read_survey(write_rows(tmp_path / "s.xlsx", {"Svar": rows}), cb)
    assert survey.problems.empty
    assert survey.responses["score"].tolist() == [5.0]


def test_identity_sheet_of_the_codebook(tmp_path):
    path = ex.codebook(tmp_path / "kodbok.xlsx")
    cb = mt.read_codebook(path)
    assert cb.identity.values.tolist() == [[ex.ORG_QUESTION, "organisation"]]


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_survey_columns_without_a_codebook(tmp_path, name):
    path, _ = WRITERS[name](tmp_path)
    from maturity.io.opener import open_workbook

    book = open_workbook(path)
    head = book.head(book.sheet_names[0], 50).rows
    columns = survey_columns(head)
    kinds = columns.set_index("column")["kind"]
    statements = columns[columns["kind"] == "statement"]
    texts = set(ex.SINGLE["text"])
    if name == "limesurvey_codes":
        assert set(ex.LIME_CODES[1:]) <= set(statements["text"])
    else:
        assert texts <= set(statements["text"]), statements
        if "grid" in name or "matrix" in name or name in ("qualtrics", "limesurvey_texts"):
            assert set(statements.loc[statements["text"].isin(texts), "title"]) == {ex.GRID_TITLE}
    assert (kinds == "free_text").sum() == 1
    assert columns["first_data_row"].iloc[0] == len(head) - ex.N
    with_codebook = survey_columns(head, codebook=mt.read_codebook(_codebook(tmp_path, name)))
    found = with_codebook[with_codebook["kind"] == "statement"]
    assert sorted(found["statement"]) == sorted(
        ex.LIME_CODES[1:] if name == "limesurvey_codes" else ex.SINGLE["statement"]
    )
    identity = with_codebook.loc[with_codebook["kind"] == "identity", "field"].tolist()
    google = name.startswith("google")
    assert sorted(identity) == ["organisation"] + ([] if google else ["respondent"])
    assert (with_codebook["kind"] == "unknown").sum() == 0


def test_no_free_text_in_any_output(tmp_path):
    from maturity.report import build_report

    raw = tmp_path / "raw"
    raw.mkdir()
    ex.codebook(raw / "kodbok.xlsx")
    for name in ("ms_forms_sv", "google_forms_grid", "surveymonkey_single", "qualtrics"):
        WRITERS[name](raw)
    ex.limesurvey(raw, texts=True)
    build_report(raw, tmp_path / "reports", tmp_path / "processed", progress=None, figures=False)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and raw not in p.parents]
    assert any(p.suffix == ".csv" for p in written)
    for path in written:
        data = path.read_bytes()
        if path.suffix in (".xlsx", ".pptx"):
            import zipfile

            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        text = data.decode("utf-8", errors="ignore")
        _no_planted([text])
    problems = pd.read_csv(tmp_path / "processed" / "problems.csv")
    assert "skipped_column" in set(problems["kind"])


def test_strict_mode_reads_an_export_with_its_tool_columns_and_comments(tmp_path):
    path, expected = ex.surveymonkey(tmp_path, matrix=True)
    survey = mt.read_survey(path, ex.codebook(tmp_path / "kodbok.xlsx"), strict=True)
    assert len(survey.responses) == len(expected)
    assert survey.problems["kind"].tolist() == ["skipped_column"]
    assert survey.problems["value"].tolist() == [""]


def test_an_unknown_column_of_answers_is_reported_cell_by_cell_without_comments(tmp_path):
    cb = write_codebook(tmp_path / "kodbok.xlsx")
    header = ["Kommun", "Roll", STATEMENTS["text"][0], "Vi har en AI-strateg"]
    rows = [header]
    rows += [["Tanum", "förvaltningschef", 3, v] for v in (4, 2, 5, ex.COMMENT)]
    survey = mt.read_survey(write_rows(tmp_path / "s.xlsx", {"Svar": rows}), cb)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    unknown = survey.problems[survey.problems["kind"] == "unknown_statement"]
    assert len(unknown) == 5  # the header and its four answers
    assert unknown["value"].tolist()[1:] == ["4", "2", "5", "…"]
    _no_planted(survey.problems.to_numpy().ravel())


def test_an_organisation_question_is_found_by_its_answers(tmp_path):
    """Without an identity sheet, a column whose answers are the codebook's organisations is
    the organisation column (not free text, and no problem blaming the file name)."""
    path, expected = ex.ms_forms(tmp_path, lang="sv")
    cb = write_codebook(tmp_path / "kodbok.xlsx", statements=ex.SINGLE)
    survey = mt.read_survey(path, cb)
    assert survey.problems["kind"].tolist() == ["skipped_column"]
    assert len(survey.responses) == len(expected)
    assert survey.sources["organisation_from"].tolist() == ["column"]
    columns = survey_columns([[*r] for r in _head(path)], codebook=mt.read_codebook(cb))
    assert columns.loc[columns["text"] == ex.ORG_QUESTION, "field"].tolist() == ["organisation"]


def _head(path):
    from maturity.io.opener import open_workbook

    book = open_workbook(path)
    return book.head(book.sheet_names[0], 50).rows


@pytest.mark.parametrize(
    ("stem", "wave"),
    [
        ("Digital mognad(1-2019)", 1),
        ("Digital mognad (1-2019)", 1),
        ("Titel(1-2025)", 1),
        ("enkat2022", 1),
        ("enkat_2022", 2022),
        ("Enkät 2021 svar", 2021),
        ("svar-2020", 2020),
        ("results-survey123456_2019", 2019),
    ],
)
def test_a_year_in_a_file_name_counts_only_standing_alone(tmp_path, stem, wave):
    rows = [["Kommun", "Roll", "F1"], ["Tanum", "förvaltningschef", 3]]
    path = write_rows(tmp_path / f"{stem}.xlsx", {"Svar": rows})
    survey = mt.read_survey(path, write_codebook(tmp_path / "kodbok.xlsx"))
    assert survey.responses["wave"].tolist() == [wave]
    assert survey.sources["wave_from"].tolist() == ["default" if wave == 1 else "file_name"]


def test_a_role_question_named_in_the_identity_sheet_and_a_text_shared_by_roles(tmp_path):
    """Google Forms with both roles in one form: the role is a question, and the grid asks
    both roles one statement (resolved per row by its role, never role_mismatch)."""
    statements = STATEMENTS.copy()
    statements.loc[3, "text"] = statements.loc[0, "text"]  # I1 shares F1's text
    cb = write_codebook(tmp_path / "kodbok.xlsx", statements=statements)
    import openpyxl

    book = openpyxl.load_workbook(cb)
    sheet = book.create_sheet("identitet")
    sheet.append(["rubrik", "fält"])
    sheet.append(["Vilken är din roll?", "roll"])
    sheet.append([ex.ORG_QUESTION, "kommun"])
    book.save(cb)
    title = ex.GRID_TITLE
    header = ["Tidstämpel", ex.ORG_QUESTION, "Vilken är din roll?"]
    header += [f"{title} [{statements.loc[0, 'text']}]", f"{title} [{statements.loc[4, 'text']}]"]
    rows = [
        header,
        ["2024-01-01 10:00", "Tanum", "Förvaltningschef", "Instämmer helt", None],
        ["2024-01-01 10:05", "Åmål", "IT-chef", "Instämmer delvis", "Instämmer i låg grad"],
    ]
    path = write_rows(tmp_path / "Formulär 2024.xlsx", {"Formulärsvar 1": rows})
    survey = mt.read_survey(path, cb)
    assert survey.problems.empty, survey.problems
    got = survey.responses.set_index("source")
    assert got.loc["Formulär 2024.xlsx:Formulärsvar 1:D2", ["statement", "score"]].tolist() == [
        "F1",
        5.0,
    ]
    assert got.loc["Formulär 2024.xlsx:Formulärsvar 1:D3", "statement"] == "I1"
    assert got.loc["Formulär 2024.xlsx:Formulärsvar 1:E3", "statement"] == "I2"
    assert len(got) == 3  # the manager is not asked I2: its blank is no answer
    assert set(survey.responses["wave"]) == {2024}
