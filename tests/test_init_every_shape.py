"""maturity init, then maturity report, on every export shape of issue 12: every answer read
and right, no false problems, the invariant, nothing of the tools' own or free-text columns
carried, and a single-role export without a role column read with the draft's one role."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from maturity.cli import main
from maturity.io.codebook import read_codebook
from maturity.report import build_report
from tests import _exports as ex
from tests import _exports_text as et

#: The exports of the survey tools (tests/_exports.py): (writer, planted free-text column?)
TOOLS = ex.WRITERS
#: Text and SPSS exports (tests/_exports_text.py): (file name, writer, texts).
TEXT = {
    "google_csv": ("svar_2024.csv", et.write_google_csv, et.SV_TEXTS),
    "swedish_csv": ("enkat_2024.csv", et.write_swedish_csv, et.SV_TEXTS),
    "bom_csv": ("svar_2024.csv", et.write_bom_csv, et.SV_TEXTS),
    "spss": ("svar_2024.sav", et.write_spss, et.SV_TEXTS),
}
#: Headers the draft leaves out (a share with decimal commas): the reader reports each once.
LEFT_OUT = {"swedish_csv": "Andel klar"}


def _tool_expected(name: str, expected: pd.DataFrame) -> pd.DataFrame:
    """The answers a tool export holds, by statement text, scores as answered (a drafted
    codebook reverses no statement)."""
    codes = name == "limesurvey_codes"
    ids = ex.LIME_CODES[1:] if codes else list(ex.SINGLE["statement"])
    text = dict(zip(ids, ids if codes else ex.SINGLE["text"], strict=True))
    reverse = dict(zip(ids, ex.SINGLE["reverse"], strict=True))
    out = expected.copy()
    out["score"] = [
        6 - s if reverse[sid] and not np.isnan(s) else s
        for sid, s in zip(out["statement"], out["score"].astype(float), strict=True)
    ]
    out["text"] = out["statement"].map(text)
    return out[["source", "organisation", "text", "score"]]


def _text_expected(name: str, file: str, texts: list[str]) -> pd.DataFrame:
    """The scored answers of a text or SPSS export, by organisation and statement text."""
    records = []
    for i, org in et.respondents():
        for j in range(5):
            if name == "swedish_csv" and (j < 3) != (i % 2 == 0):
                continue  # not asked of this role
            s = et.step(i, j)
            records.append((org, texts[j], np.nan if s is None else float(s)))
    return pd.DataFrame(records, columns=["organisation", "text", "score"])


def _init_and_report(tmp_path, export):
    raw = export.parent
    out = raw / "kodbok.xlsx"
    assert main(["init", str(export), "--out", str(out)]) == 0
    build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    responses = pd.read_csv(tmp_path / "p" / "responses.csv", keep_default_na=False)
    responses["score"] = pd.to_numeric(responses["score"].replace("", np.nan))
    problems = pd.read_csv(tmp_path / "p" / "problems.csv", keep_default_na=False)
    codebook = read_codebook(out)
    text = dict(zip(codebook.statements["statement"], codebook.statements["text"], strict=True))
    responses["text"] = responses["statement"].map(text)
    return codebook, responses, problems


def _no_planted(folder) -> None:
    """None of the personal data planted in the tools' columns in any file written (the
    drafted codebook and the report; not the export itself)."""
    import zipfile

    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix not in (".csv", ".xlsx", ".md", ".parquet"):
            continue
        if path.parent.name == "raw" and path.name != "kodbok.xlsx":
            continue
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        for secret in (*ex.PLANTED, "Lindqvist"):
            assert secret.encode() not in data, (secret, path)


@pytest.mark.parametrize("name", sorted(TOOLS))
def test_init_then_report_on_every_tool_export(tmp_path, name):
    raw = tmp_path / "raw"
    raw.mkdir()
    path, expected = TOOLS[name](raw)
    codebook, responses, problems = _init_and_report(tmp_path, path)
    assert codebook.roles == [codebook.roles[0]] and len(codebook.roles) == 1
    assert sorted(codebook.organisations["organisation"].unique()) == sorted(ex.ORGANISATIONS)
    mine = problems[problems["source"].str.startswith(path.name)]
    # the free-text column, once, by its header; the tools' own columns are read past
    assert mine["kind"].tolist() == ["skipped_column"], mine.to_string()
    want = _tool_expected(name, expected).sort_values("source").reset_index(drop=True)
    got = responses[responses["source"].str.startswith(path.name)]
    got = got.sort_values("source").reset_index(drop=True)
    assert got["source"].tolist() == want["source"].tolist()
    assert got["organisation"].tolist() == want["organisation"].tolist()
    assert got["text"].tolist() == want["text"].tolist()
    np.testing.assert_array_equal(got["score"].to_numpy(float), want["score"].to_numpy(float))
    assert set(got["role"]) == set(codebook.roles)  # the one role, never a sheet's name
    _no_planted(tmp_path)


@pytest.mark.parametrize("name", sorted(TEXT))
def test_init_then_report_on_every_text_export(tmp_path, name):
    file, writer, texts = TEXT[name]
    raw = tmp_path / "raw"
    raw.mkdir()
    export = writer(raw / file)
    codebook, responses, problems = _init_and_report(tmp_path, export)
    mine = problems[problems["source"].str.startswith(file)]
    if name in LEFT_OUT:  # named "skip" in the drafted codebook: once, by its header
        assert mine["kind"].tolist() == ["skipped_column"], mine.to_string()
        assert mine["source"].tolist() == [f"{file}:{export.stem}:H1"]
        assert f"'{LEFT_OUT[name]}'" in mine["message"].iloc[0]
    else:
        assert mine.empty, mine.to_string()
    got = responses.groupby(["organisation", "text"])["score"].agg(["sum", "count", "size"])
    want = _text_expected(name, file, texts)
    want = want.groupby(["organisation", "text"])["score"].agg(["sum", "count", "size"])
    pd.testing.assert_frame_equal(got.sort_index(), want.sort_index(), check_dtype=False)


@pytest.mark.parametrize("suffix", [".csv", ".sav"])
def test_a_single_role_export_named_after_its_organisation(tmp_path, suffix):
    """One file per organisation, no role column: the draft proposes one role (not the file
    name), and every answer of every file gets it; the organisation comes from the file name."""
    raw = tmp_path / "raw"
    raw.mkdir()
    files = []
    for k, org in enumerate(("Tanum", "Åmål")):
        answers = [et.SV_STEPS[(k + i) % 5] for i in range(6)]
        if suffix == ".csv":
            rows = [["Respondent", *et.SV_TEXTS[:2]]]
            rows += [[f"r{i}", a, et.SV_STEPS[i % 5]] for i, a in enumerate(answers)]
            files.append(et.write_csv(raw / f"{org}{suffix}", rows))
        else:
            steps = {float(n): label for n, label in enumerate(et.SV_STEPS, start=1)}
            files.append(
                et.write_sav(
                    raw / f"{org}{suffix}",
                    {
                        "resp": [f"r{i}" for i in range(6)],
                        "q1": [float(et.SV_STEPS.index(a) + 1) for a in answers],
                        "q2": [float(i % 5 + 1) for i in range(6)],
                    },
                    labels={"resp": "Respondent", "q1": et.SV_TEXTS[0], "q2": et.SV_TEXTS[1]},
                    value_labels={"q1": steps, "q2": steps},
                )
            )
    out = raw / "kodbok.xlsx"
    assert main(["init", *map(str, files), "--out", str(out)]) == 0
    codebook = read_codebook(out)
    assert codebook.roles == ["svarande"]
    assert set(codebook.statements["role"]) == {"svarande"}
    import maturity as mt

    survey = mt.read_survey(files, codebook, organisation=None)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert survey.problems.empty, survey.problems
    assert len(survey.responses) == 2 * 6 * 2
    assert set(survey.responses["role"]) == {"svarande"}
    assert sorted(set(survey.responses["organisation"])) == ["Tanum", "Åmål"]
    assert set(survey.sources["role_from"]) == {"single_role"}
    assert set(survey.sources["organisation_from"]) == {"file_name"}


def test_the_report_says_where_each_file_got_its_wave_organisation_and_role(tmp_path):
    """The survey_sources table (processed CSV and Parquet, a workbook sheet) and one line
    per file in summary.md."""
    import openpyxl

    raw = tmp_path / "raw"
    raw.mkdir()
    forms, _ = ex.ms_forms(raw, lang="sv")  # no year standing alone: wave 1 by default
    texts = list(ex.SINGLE["text"][:2])
    rows = [["Respondent", *texts], ["r1", "Instämmer helt", "Vet ej"], ["r2", "Vet ej", None]]
    csv = et.write_csv(raw / "Tanum.csv", rows)
    ex.codebook(raw / "kodbok.xlsx")
    build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    table = pd.read_csv(tmp_path / "p" / "survey_sources.csv", keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "p" / "survey_sources.parquet")
    assert parquet["source"].tolist() == table["source"].tolist()
    got = table.set_index("source")
    assert got.loc[
        f"{forms.name}:Sheet1", ["wave_from", "organisation_from", "role_from"]
    ].tolist() == [
        "default",
        "column",
        "single_role",
    ]
    row = got.loc[f"{csv.name}:Tanum"]
    assert (row["organisation"], row["organisation_from"]) == ("Tanum", "file_name")
    assert (row["role"], row["role_from"]) == (ex.ROLE, "single_role")
    summary = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert (
        f"- {csv.name}: våg 1 (förval: ingen fil har våg), organisation Tanum (filens eller mappens namn), "
        f"roll {ex.ROLE} (kodbokens enda roll)"
    ) in summary
    assert (
        f"- {forms.name}: våg 1 (förval: ingen fil har våg), organisation från en kolumn i filen"
        in summary
    )
    book = openpyxl.load_workbook(tmp_path / "r" / "nulagesanalys.xlsx")
    rows = list(book["Enkätfilernas källor"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Källa (fil:blad)", "Våg", "Vågen från")
    assert any("filens eller mappens namn" in r for r in rows[1:])
    assert {r[2] for r in rows[1:]} == {"förval: ingen fil har våg"}


def test_a_column_the_codebook_says_to_skip_is_reported_once(tmp_path):
    """The identity sheet's ``hoppa över`` (skip): the column is read past, one problem at
    its header without its values, which are never shown; the invariant holds."""
    import maturity as mt
    from tests._workbooks import write_rows

    cb = ex.codebook(tmp_path / "kodbok.xlsx", org_header="Kommun")
    import openpyxl

    book = openpyxl.load_workbook(cb)
    book["identity"].append(["Andel klar", "hoppa över"])
    book.save(cb)
    texts = list(ex.SINGLE["text"][:2])
    rows = [["Kommun", *texts, "Andel klar"]]
    rows += [["Tanum", "Instämmer helt", "Vet ej", 0.75], ["Åmål", 3, 4, 0.5]]
    survey = mt.read_survey(write_rows(tmp_path / "s.xlsx", {"Svar": rows}), cb)
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert survey.problems[["source", "kind", "value"]].values.tolist() == [
        ["s.xlsx:Svar:D1", "skipped_column", ""]
    ]
    assert "2 values are never shown" in survey.problems["message"].iloc[0]
    assert len(survey.responses) == 4
    assert read_codebook(cb).identity["field"].tolist() == ["organisation", "skip"]


def test_a_yes_no_question_is_never_taken_for_the_organisation(tmp_path):
    from maturity.io.draft import draft_codebook

    rows = [["Har ni en e-tjänst?", *et.SV_TEXTS[:2]]]
    rows += [[("Ja", "Nej")[k % 2], et.SV_STEPS[k % 5], et.SV_STEPS[(k + 1) % 5]] for k in range(8)]
    draft = draft_codebook(et.write_csv(tmp_path / "Tanum.csv", rows), lang="en")
    assert draft.identity[draft.identity["field"] == "organisation"].empty
    assert draft.organisations.empty
    assert draft.statements["text"].tolist() == et.SV_TEXTS[:2]  # the yes/no question: skip
    assert draft.identity["header"].tolist() == ["Har ni en e-tjänst?"]
