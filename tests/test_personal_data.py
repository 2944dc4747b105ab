"""No personal data in any output: planted personnummer, e-mail addresses, phone numbers and
names (as respondent ids, in a free-text column, in unknown columns, in stray cells) must not
appear in any file under the processed and reports folders, inside the xlsx and pptx too."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity.io.personal import (
    SECRET_ENV,
    SECRET_FILE,
    Pseudonyms,
    excerpt,
    is_personal,
    mask,
    scrub,
)
from maturity.io.survey import read_survey
from maturity.report import build_report
from tests._workbooks import codebook, write_codebook, write_rows

#: Planted ids: personnummer (with and without separator and century), a samordningsnummer,
#: e-mail addresses, phone numbers and a name.
IDS = [
    "850709-9805",
    "198001012385",
    "7907672381",  # samordningsnummer (day 07 + 60)
    "anna.svensson@tanum.se",
    "070-123 45 67",
    "+46 73 765 43 21",
    "Karin Lindqvist",
]
#: Text that must appear nowhere in the outputs (searched case-insensitively).
PLANTED = [
    "850709",
    "198001012385",
    "8001012385",
    "7907672381",
    "790767",
    "anna.svensson",
    "tanum.se",
    "123 45 67",
    "1234567",
    "765 43 21",
    "7654321",
    "Karin Lindqvist",
    "Lindqvist",
    "Bertil Olsson",
    "Olsson",
    "bertil@amal.se",
    "0708-99 88 77",
    "998877",
    "Ulla Berg",
    "196512240123",
    "651224",
    *[
        "Sven Nilsson",
        "Nilsson",
        "sven.nilsson",
        "0731-11 22 33",
        "11 22 33",
        "112233",
        "19720315-4321",
        "720315",
    ],
]
#: Planted in the registers' unknown columns, their level and status cells and as off-scale
#: answers in a statement column of the survey.
REGISTER_VALUES = ["Sven Nilsson", "0731-11 22 33", "sven.nilsson@tanum.se", "19720315-4321"]
HEADER = ["Respondent", "Kommun", "Roll", "Kommentar", "Anteckning X", "F1", "F2", "F3"]


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_codebook(raw / "kodbok.xlsx")
    rows = []
    for i in range(12):
        rid = IDS[i] if i < len(IDS) else f"R{i:03d}"
        comment = ["Ring Bertil Olsson på 0708-99 88 77", "mejla bertil@amal.se", None][i % 3]
        other = ["Ulla Berg", "196512240123", None][i % 3]
        # off-scale answers in statement F2 (column G): planted values and a typo of a label
        f2 = ([*REGISTER_VALUES, "Instämer helt", "Karin Lindqvist"] + [2] * 12)[i]
        rows.append([rid, "Tanum", "förvaltningschef", comment, other, 1 + i % 5, f2, 4])
    sheet = [HEADER, *rows, [None] * 9 + ["Ulla Berg 0708-998877"]]
    path = write_rows(raw / "enkat_2024.xlsx", {"Svar": sheet})
    book = openpyxl.load_workbook(path)
    book["Svar"]["XFD1048576"] = "Bertil Olsson, 196512240123"  # a stray cell far away
    book.save(path)
    _registers(raw)
    return raw


def _registers(raw: Path) -> None:
    """A capability map, a risk register and an action plan, each with a contact column (an
    unknown header) holding a name, a phone number, an e-mail address and a personnummer, and
    the same values typed into a level or status cell; a status typo ("Pågåend")."""
    planted = REGISTER_VALUES
    levels = [
        ["level", "label", "acceptable"],
        [1, "Undermålig", "nej"],
        [2, "Grundläggande", "ja"],
    ]
    levels += [[3, "Definierad", "ja"], [4, "Etablerad", "ja"], [5, "Ledande", "ja"]]
    karta = [["Förmåga", "Mål", "Målnivå", "Tanum", "Kontaktperson", "Dals-Ed"]]
    karta += [[f"Förmåga {i}", "Styrning", 3, 2 + i % 2, v, 3] for i, v in enumerate(planted)]
    karta.append(["Förmåga 9", "Styrning", 3, "Sven Nilsson", None, "0731-11 22 33"])
    write_rows(raw / "formagekarta.xlsx", {"Karta": karta, "levels": levels})
    risk = [["ID", "Hot", "Sårbarhet", "Konsekvens", "S", "K", "R", "Åtgärd", "Kontaktperson"]]
    risk += [
        [f"R{i}", "Hot", "Sårbar", "Följd", 2, 3, 6, "Åtgärd", v] for i, v in enumerate(planted)
    ]
    risk.append(["R9", "Hot", "Sårbar", "Följd", "0731-11 22 33", 3, None, "Åtgärd", None])
    write_rows(raw / "riskregister.xlsx", {"2024-03-01": risk})
    plan = [["Område", "Aktivitet", "År", "Status", "Budget", "Utfall", "Ansvarig"]]
    plan += [
        ["IT", f"Aktivitet {i}", 2024, "Pågår", 100_000, 50_000, v] for i, v in enumerate(planted)
    ]
    plan.append(["IT", "Aktivitet 8", 2024, "Sven Nilsson", 100_000, 50_000, None])
    plan.append(["IT", "Aktivitet 9", 2024, "Pågåend", 100_000, 50_000, None])
    write_rows(raw / "handlingsplan.xlsx", {"Handlingsplan": plan})


def _texts(path: Path) -> str:
    """All text of an output file: the members of a zip (xlsx, pptx), the values of a
    Parquet file, the bytes of anything else."""
    data = path.read_bytes()
    if path.suffix == ".parquet":
        return pd.read_parquet(io.BytesIO(data)).to_csv()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return data.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("personal")
    raw = _raw(tmp)
    result = build_report(
        raw, tmp / "r", tmp / "p", progress=None, figures=True, svg=True, lang="sv"
    )
    return tmp, raw, result


def test_no_planted_value_in_any_output(report):
    tmp, _raw_folder, result = report
    files = sorted(p for folder in ("r", "p") for p in (tmp / folder).rglob("*") if p.is_file())
    kinds = {p.suffix for p in files}
    assert {".csv", ".parquet", ".xlsx", ".pptx", ".md", ".svg"} <= kinds
    found = [
        (p.relative_to(tmp), planted)
        for p in files
        for text in [_texts(p).casefold()]
        for planted in PLANTED
        if planted.casefold() in text
    ]
    assert found == []
    # the rows were read (the test would pass vacuously if they were not)
    responses = pd.read_csv(tmp / "p" / "responses.csv")
    assert responses["respondent"].nunique() == 12
    assert {"R007", "R011"} <= set(responses["respondent"])  # ordinary ids stay as written
    problems = pd.read_csv(tmp / "p" / "problems.csv", keep_default_na=False)
    unknown = problems[problems["source"].str.contains(r"^enkat_2024\.xlsx:Svar:E(?:[2-9]|1\d)$")]
    # long text under an unknown header is a comment and never shown; other values masked
    assert len(unknown) == 8 and set(unknown["value"]) == {"…", "1***"}
    no_header = problems[problems["source"].str.endswith(":J14")]
    assert no_header["value"].tolist() == ["…"]
    stray = problems[problems["source"].str.endswith(":XFD1048576")]
    assert stray["kind"].tolist() == ["stray_cell"] and stray["value"].tolist() == ["B***"]


def test_register_values_and_off_scale_answers_are_masked_at_their_cells(report):
    tmp, _raw_folder, _result = report
    problems = pd.read_csv(tmp / "p" / "problems.csv", keep_default_na=False)
    at = dict(zip(problems["source"], problems["value"], strict=False))
    kinds = dict(zip(problems["source"], problems["kind"], strict=False))
    # survey statement F2 (column G): planted values masked, a typo of a label quoted
    survey = "enkat_2024.xlsx:Svar:"
    assert [at[f"{survey}G{r}"] for r in range(2, 8)] == [
        "S***",
        "0***",
        "s***",
        "1***",
        "Instämer helt",
        "K***",
    ]
    assert kinds[f"{survey}G2"] == kinds[f"{survey}G6"] == "unknown_label"
    # capability map: a column of free text reported once at its header, never with a value;
    # an unknown organisation's column reported at its header and each value masked
    karta = "formagekarta.xlsx:Karta:"
    assert kinds[f"{karta}E1"] == "skipped_column" and at[f"{karta}E1"] == ""
    assert not problems["source"].str.contains(r"formagekarta\.xlsx:Karta:E[2-9]$").any()
    assert kinds[f"{karta}F1"] == "unknown_organisation"
    assert [at[f"{karta}F{r}"] for r in range(2, 7)] == ["3"] * 4 + ["0***"]
    assert kinds[f"{karta}D6"] == "unknown_label" and at[f"{karta}D6"] == "S***"
    # risk register and action plan: unknown columns are read past, never quoted
    assert not problems["source"].str.contains(r"riskregister\.xlsx:.*:I\d+$").any()
    assert not problems["source"].str.contains(r"handlingsplan\.xlsx:.*:G\d+$").any()
    assert at["riskregister.xlsx:2024-03-01:E6"] == "0***"
    assert at["handlingsplan.xlsx:Handlingsplan:D6"] == "S***"
    assert at["handlingsplan.xlsx:Handlingsplan:D7"] == "Pågåend"  # a typo stays fixable
    # the registers were read (the test would pass vacuously if they were not)
    assert (tmp / "p" / "risks.csv").exists() and (tmp / "p" / "actionplan_status.csv").exists()


def test_the_secret_is_kept_beside_the_raw_data_and_nowhere_else(report):
    tmp, raw, _result = report
    secret = (raw / SECRET_FILE).read_text().strip()
    assert len(secret) == 64
    assert sorted(p.name for p in raw.iterdir()) == sorted(
        [SECRET_FILE, "kodbok.xlsx", "enkat_2024.xlsx"]
        + ["formagekarta.xlsx", "riskregister.xlsx", "handlingsplan.xlsx"]
    )
    for path in (p for folder in ("r", "p") for p in (tmp / folder).rglob("*") if p.is_file()):
        assert secret not in _texts(path)


def test_pseudonyms_are_keyed_not_a_plain_hash(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.delenv(SECRET_ENV, raising=False)
    raw = _raw(tmp_path)
    one = read_survey(raw / "enkat_2024.xlsx", codebook(), secret="key one")
    two = read_survey(raw / "enkat_2024.xlsx", codebook(), secret="key two")
    ids_one = set(one.responses["respondent"].astype(str))
    ids_two = set(two.responses["respondent"].astype(str))
    pseudonymous = {i for i in ids_one if not i.startswith("R")}
    assert len(pseudonymous) == len(IDS) and all(i.startswith("p") for i in pseudonymous)
    assert pseudonymous.isdisjoint(ids_two)  # another key, other pseudonyms
    plain = {hashlib.sha256(i.strip().lower().encode()).hexdigest() for i in IDS}
    assert not any(h[:12] in p or h[:16] in p for h in plain for p in pseudonymous)
    again = read_survey(raw / "enkat_2024.xlsx", codebook(), secret="key one")
    assert set(again.responses["respondent"].astype(str)) == ids_one  # deterministic
    assert not (raw / SECRET_FILE).exists()  # an explicit key writes nothing


def test_plain_codes_create_no_secret_and_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [[f"R{i}", "Tanum", "förvaltningschef", 1, 2, 3] for i in range(6)]
    path = write_rows(raw / "e.xlsx", {"Svar": [["ID", "Kommun", "Roll", "F1", "F2", "F3"], *rows]})
    read_survey(path, codebook())
    assert not (raw / SECRET_FILE).exists()
    header = ["ID", "Kommun", "Roll", "F1"]
    write_rows(path, {"Svar": [header, ["a@b.se", "Tanum", "förvaltningschef", 1]]})
    monkeypatch.setenv(SECRET_ENV, "from the environment")
    first = read_survey(path, codebook())
    assert not (raw / SECRET_FILE).exists()
    expected = Pseudonyms(b"from the environment")("a@b.se")
    assert first.responses["respondent"].astype(str).tolist() == [expected]
    monkeypatch.delenv(SECRET_ENV)
    read_survey(path, codebook())
    assert len((raw / SECRET_FILE).read_text().strip()) == 64


def test_same_person_same_pseudonym_across_spellings():
    ids = Pseudonyms(b"k" * 32)
    assert ids("850709-9805") == ids("198507099805") == ids("8507099805")
    assert ids("070-123 45 67") == ids("070 1234567") == ids("+46 70 123 45 67")
    assert ids(" Anna@Tanum.SE ") == ids("anna@tanum.se")
    assert ids("R001") == "R001" and ids("17") == "17" and ids("resp-0042") == "resp-0042"


def test_many_ids_at_once_are_carried_as_one_by_one():
    """The batch path (plain codes recognised in one pass) gives what calling with each
    id gives, on random ids built from the characters that decide: small and capital
    letters, digits, separators, non-ASCII letters, spaces and "@"."""
    import random

    rng = random.Random(13)
    alphabet = "abcdefxyzABCXYZÅäö0123456789-_.:/ @+"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(3000)]
    values += ["R001", "resp-0042", "abc1", "abcd", "abcde1", "1234567", "12345678", "a-it"]
    values += ["850709-9805", "0701234567", "anna@kommun.se", "FÄR-IT", " R002 ", "x" * 21]
    batch = Pseudonyms(b"k" * 32).many(values)
    one_by_one = Pseudonyms(b"k" * 32)
    assert batch == [one_by_one(v) for v in values]
    kept = dict(zip(values, batch, strict=True))
    assert [kept[v] for v in ("R001", "resp-0042", "abc1", "1234567")] == values[-14:-12] + [
        "abc1",
        "1234567",
    ]
    assert all(kept[v].startswith("p") for v in ("abcd", "abcde1", "0701234567", "anna@kommun.se"))


@pytest.mark.parametrize(
    "value",
    ["850709-9805", "850709+9805", "19850709-9805", "8507699805", "a.b@c.se", "+46701234567"],
)
def test_personal_values_are_recognised_and_scrubbed(value):
    assert is_personal(value)
    assert value not in scrub(f"x {value} y") and scrub(f"x {value} y").startswith("x ")


@pytest.mark.parametrize("value", ["R001", "17", "2024", "Instämmer helt", "3,5", "F12"])
def test_ordinary_values_are_not_personal(value):
    assert not is_personal(value) and scrub(value) == value


SCALE_LABELS = ["Instämmer inte alls", "Instämmer i låg grad", "Instämmer helt", "Vet ej"]


@pytest.mark.parametrize(
    "value",
    ["Instämer helt", "instämmer  helt!", "Instämmer nästan", "Vet inte", "x", "?", "6", "2,5"],
)
def test_a_mistyped_label_is_quoted_as_written(value):
    assert excerpt(value, SCALE_LABELS) == value.strip()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Karin Lindqvist", "K***"),
        ("karin lindqvist", "k***"),
        ("Eva", "E***"),
        ("070-123 45 67", "0***"),
        ("0701234567", "0***"),
        ("a@b.se", "a***"),
        ("19720315-4321", "1***"),
        ("Instämmer helt men ring mig", "I***"),  # over 20 characters: a comment
        ("12345", "1***"),
    ],
)
def test_anything_else_off_the_scale_is_masked(value, shown):
    assert excerpt(value, SCALE_LABELS) == shown


def test_mask_keeps_one_character():
    assert mask("Anna Svensson") == "A***" and mask("  ") == ""


def test_secret_file_option(tmp_path, capsys):
    from maturity.cli import main

    raw = _raw(tmp_path)
    code = main(["report", "--raw", str(raw), "--secret-file", str(tmp_path / "missing")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err and "Traceback" not in err
    assert not (raw / SECRET_FILE).exists()
