"""maturity init: a codebook drafted from the exports, with which the report runs."""

from __future__ import annotations

import pandas as pd
import pytest

from maturity.cli import main
from maturity.io.codebook import read_codebook
from maturity.io.draft import draft_codebook, write_codebook
from maturity.report import build_report
from tests._exports_text import (
    EN_STEPS,
    EN_TEXTS,
    ORGS,
    SV_STEPS,
    SV_TEXTS,
    respondents,
    step,
    write_bom_csv,
    write_csv,
    write_google_csv,
    write_ms_forms,
    write_spss,
    write_swedish_csv,
)

EXPORTS = {
    "ms_forms": ("Digital mognad 2024.xlsx", write_ms_forms, EN_TEXTS, EN_STEPS, "Don't know"),
    "ms_forms_sv": (
        "Digital mognad 2024.xlsx",
        lambda p: write_ms_forms(p, "sv"),
        SV_TEXTS,
        SV_STEPS,
        "Vet ej",
    ),
    "google_csv": ("svar_2024.csv", write_google_csv, SV_TEXTS, SV_STEPS, "Vet ej"),
    "swedish_csv": ("enkat_2024.csv", write_swedish_csv, SV_TEXTS, SV_STEPS, "Vet ej"),
    "bom_csv": ("svar_2024.csv", write_bom_csv, SV_TEXTS, SV_STEPS, "Vet ej"),
    "spss": ("svar_2024.sav", write_spss, SV_TEXTS, SV_STEPS, "Vet ej"),
}

#: Columns the draft leaves out and names in its notes (the tools' own columns, such as
#: "Tidstämpel" or "Slutförandetid", are read past by both the draft and the reader).
LEFT_OUT = {
    "ms_forms": set(),
    "ms_forms_sv": set(),
    "google_csv": set(),
    "swedish_csv": {"Andel klar"},
    "bom_csv": set(),
    "spss": set(),
}


def _expected(kind: str) -> dict[tuple[str, int], float | None]:
    """(organisation, statement number) -> the sum of scores and number of scored answers."""
    got: dict = {}
    for i, org in respondents():
        for j in range(5):
            if kind == "swedish_csv" and (j < 3) != (i % 2 == 0):
                continue  # not asked of this role
            s = step(i, j)
            total, n = got.get((org, j), (0.0, 0))
            got[(org, j)] = (total + (s or 0), n + (s is not None))
    return got


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_init_then_report_reads_every_answer(tmp_path, kind, capsys):
    name, writer, texts, steps, dont_know = EXPORTS[kind]
    raw = tmp_path / "raw"
    raw.mkdir()
    export = writer(raw / name)
    assert main(["init", str(export), "--out", str(raw / "kodbok.xlsx")]) == 0
    assert "kodbok.xlsx" in capsys.readouterr().out
    codebook = read_codebook(raw / "kodbok.xlsx")
    assert codebook.scale.dropna()["label"].tolist() == steps
    assert codebook.scale.dropna()["value"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert codebook.dont_know_labels == [dont_know]
    assert sorted(set(codebook.statements["text"])) == sorted(texts)
    assert sorted(codebook.organisations["organisation"].unique()) == sorted(ORGS)

    build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    responses = pd.read_csv(tmp_path / "p" / "responses.csv")
    problems = pd.read_csv(tmp_path / "p" / "problems.csv")
    survey_problems = problems[problems["source"].astype(str).str.startswith(name)]
    # a column the draft left out (a share) is named "skip" in the codebook's identity sheet:
    # the reader reports it once, by its header, never cell by cell
    notes = draft_codebook(export).notes
    headers = {w.rsplit(":", 1)[1] for w in notes[notes["topic"] == "kolumn utelämnad"]["where"]}
    assert headers == LEFT_OUT[kind]
    assert set(codebook.identity.loc[codebook.identity["field"] == "skip", "header"]) == headers
    assert survey_problems["kind"].tolist() == ["skipped_column"] * len(headers)
    for header in headers:
        assert survey_problems["message"].str.contains(f"'{header}'").sum() == 1
    text_of = dict(zip(codebook.statements["statement"], codebook.statements["text"], strict=True))
    responses["j"] = responses["statement"].map(text_of).map(texts.index)
    scored = responses.dropna(subset=["score"])
    got = scored.groupby(["organisation", "j"])["score"].agg(["sum", "count"])
    expected = _expected(kind)
    assert len(got) == len(expected)
    for (org, j), (total, n) in expected.items():
        assert tuple(got.loc[(org, j)]) == (total, n), (org, j)
    assert (responses["answer"] == dont_know).sum() == sum(
        1
        for (i, _) in respondents()
        for j in range(5)
        if step(i, j) is None and (kind != "swedish_csv" or (j < 3) == (i % 2 == 0))
    )


def test_draft_notes_say_what_to_check(tmp_path):
    draft = draft_codebook([write_swedish_csv(tmp_path / "enkat.csv")], lang="en")
    notes = draft.notes
    assert set(draft.statements["role"]) == {"förvaltningschef", "IT-chef"}
    assert draft.statements["statement"].tolist() == ["F01", "F02", "F03", "F04", "F05"]
    left_out = notes[notes["topic"] == "column left out"]
    assert left_out["where"].tolist() == ["enkat.csv:enkat:Andel klar"]
    assert notes["note"].str.contains("from the answers' numbers").any()
    assert notes["note"].str.contains("one shared dimension").any()


def test_near_duplicate_organisations_are_proposed_as_aliases(tmp_path):
    names = ["Tanum"] * 4 + ["TANUM ", "Tanums kommun", "Åmål", "Åmål", "Amal", "Åmål"]
    names += ["Munkedal", "Orust"]
    rows = [["Kommun", "Roll", SV_TEXTS[0]]] + [
        [n, "chef", SV_STEPS[k % 5]] for k, n in enumerate(names)
    ]
    draft = draft_codebook(write_csv(tmp_path / "a.csv", rows), lang="sv")
    orgs = draft.organisations
    owner = dict(zip(orgs["alias"], orgs["organisation"], strict=True))
    assert owner["Tanums kommun"] == owner["Tanum"] == "Tanum"
    assert owner["Amal"] == "Åmål"
    assert sorted(orgs["organisation"].unique()) == ["Munkedal", "Orust", "Tanum", "Åmål"]
    proposed = draft.notes[draft.notes["topic"] == "organisationer"]["where"].tolist()
    assert sorted(proposed) == ["Amal", "Tanums kommun"]


def test_scale_left_for_the_analyst_when_unknown(tmp_path):
    rows = [["Kommun", "Roll", "Fråga 1"]] + [
        ["Tanum", "chef", w] for w in ("Ofta", "Sällan", "Aldrig")
    ]
    draft = draft_codebook(write_csv(tmp_path / "a.csv", rows), lang="en")
    assert draft.scale["label"].tolist() == ["Aldrig", "Ofta", "Sällan"]
    assert draft.scale["value"].isna().all()
    assert draft.notes["note"].str.contains("order of the 3 answer labels is not known").any()


def test_free_text_is_left_out_and_never_copied(tmp_path):
    rows = [["Kommun", "Roll", SV_TEXTS[0], "Övrigt om digitalisering"]]
    rows += [
        ["Tanum", "chef", SV_STEPS[k % 5], f"Ring mig på 070-123 45 {k:02d}"] for k in range(20)
    ]
    out = tmp_path / "kodbok.xlsx"
    write_codebook(draft_codebook(write_csv(tmp_path / "a.csv", rows)), out)
    import zipfile

    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist())
    assert b"070-123" not in xml
    assert "Övrigt om digitalisering".encode() in xml  # named by its header in the notes


def test_init_never_overwrites(tmp_path, capsys):
    export = write_bom_csv(tmp_path / "svar.csv")
    out = tmp_path / "kodbok.xlsx"
    out.write_bytes(b"mine")
    assert main(["init", str(export), "--out", str(out)]) == 2
    assert "already exists; nothing was written" in capsys.readouterr().err
    assert out.read_bytes() == b"mine"
    with pytest.raises(Exception, match="finns redan"):
        write_codebook(draft_codebook(export), out, lang="sv")


def test_drafted_codebook_is_the_same_bytes_every_time(tmp_path):
    export = write_spss(tmp_path / "svar.sav")
    first = write_codebook(draft_codebook(export), tmp_path / "a.xlsx")
    second = write_codebook(draft_codebook(export), tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()


def test_init_on_several_exports_merges_them(tmp_path):
    a = write_bom_csv(tmp_path / "svar_2023.csv")
    b = write_spss(tmp_path / "svar_2024.sav")
    draft = draft_codebook([a, b], lang="sv")
    assert sorted(draft.statements["text"].unique()) == sorted(SV_TEXTS)
    # no role column, one sheet each: one role, never the file names
    assert draft.roles["role"].tolist() == ["svarande"]


def test_a_question_on_another_scale_is_left_out(tmp_path):
    rows = [["Kommun", "Roll", *SV_TEXTS[:3], "Har ni en e-tjänst?"]]
    rows += [
        ["Tanum", "chef", SV_STEPS[k % 5], SV_STEPS[(k + 2) % 5], "Vet ej", ("Ja", "Nej")[k % 2]]
        for k in range(10)
    ]
    draft = draft_codebook(write_csv(tmp_path / "a.csv", rows), lang="en")
    assert draft.statements["text"].tolist() == SV_TEXTS[:3]
    assert draft.scale.dropna()["label"].tolist() == SV_STEPS
    left = draft.notes[draft.notes["topic"] == "column left out"]
    assert left["where"].tolist() == ["a.csv:a:Har ni en e-tjänst?"]


def test_spss_dont_know_code_next_to_the_steps(tmp_path):
    from tests._exports_text import write_sav

    labels = {float(n): s for n, s in enumerate(EN_STEPS, start=1)} | {6.0: "Don't know"}
    path = write_sav(
        tmp_path / "s.sav",
        {"org": ["Tanum"] * 4, "q1": [1.0, 5.0, 6.0, 3.0]},
        labels={"org": "Organisation", "q1": EN_TEXTS[0]},
        value_labels={"q1": labels},
    )
    draft = draft_codebook(path, lang="en")
    assert draft.scale["label"].tolist() == [*EN_STEPS, "Don't know"]
    assert draft.scale["value"].tolist()[:5] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert pd.isna(draft.scale["value"].iloc[5])
    assert draft.statements["text"].tolist() == [EN_TEXTS[0]]


def test_codes_as_headers_become_ids_without_clashes(tmp_path):
    rows = [["Kommun", "Roll", "F01", "G01Q03[SQ001]", SV_TEXTS[0], "Fritt"]]
    rows += [
        ["Tanum", None if k == 0 else "chef", SV_STEPS[k % 5], "Vet ej", SV_STEPS[2], "x"]
        for k in range(6)
    ]
    draft = draft_codebook(write_csv(tmp_path / "a.csv", rows), lang="en")
    ids = dict(zip(draft.statements["text"], draft.statements["statement"], strict=True))
    assert ids["F01"] == "F01" and ids["G01Q03[SQ001]"] == "G01Q03[SQ001]"
    assert ids[SV_TEXTS[0]] == "F02"  # F01 is taken by the code
    assert set(draft.statements["role"]) == {"chef"}  # the row without a role is no role
    out = write_codebook(draft, tmp_path / "kodbok.xlsx", lang="en")
    assert len(read_codebook(out).statements) == 3  # "Fritt" (answers "x") is left out


def test_draft_of_the_demo_export_finds_the_demo_codebook():
    """The demo's combined export (planted slips: stray role answers, a wrong label, an
    unknown statement) gives back the statements and roles of the hand-written codebook."""
    from pathlib import Path

    from maturity.io.values import normalise

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    draft = draft_codebook(raw / "enkat_2020_samtliga.xlsx", lang="en")
    written = read_codebook(raw / "kodbok.xlsx").statements
    want = {(normalise(t), r) for t, r in zip(written["text"], written["role"], strict=True)}
    got = {
        (normalise(t), r)
        for t, r in zip(draft.statements["text"], draft.statements["role"], strict=True)
    }
    assert want <= got
    assert {t for t, _ in got - want} == {"vi har en utpekad ai-strateg"}  # planted unknown
    assert draft.scale.dropna()["label"].tolist() == SV_STEPS
    assert "Instämmer nästan" in set(draft.notes["where"])  # the slip, named
