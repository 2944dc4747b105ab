import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import maturity as mt
from maturity.errors import InputError
from maturity.io.survey import RESPONSE_COLUMNS
from tests._workbooks import STATEMENTS, codebook, write_rows

HEADER = ["Respondent", "Namn", "E-post", "Kommun", "Roll", "F1", "F2", "F3", "I1", "I2"]


def combined(rows, title=True):
    top = [["Export från enkätverktyget"], ["Exporterad 2024-03-01"], []] if title else []
    return {"Svar": top + [HEADER] + rows}


def read(tmp_path, sheets, name="export.xlsx", writer="openpyxl", **kw):
    path = write_rows(tmp_path / name, sheets, writer)
    return mt.read_survey(path, codebook(), **kw)


def check_invariant(survey):
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert not set(survey.responses["source"]) & set(survey.problems["source"])


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_combined_export_with_title_rows(tmp_path, writer):
    rows = [
        [
            "r1",
            "Anna A",
            "anna@amal.se",
            "Åmåls kommun",
            "Förvaltningschef",
            4,
            "2",
            " 5 ",
            None,
            None,
        ],
        [
            "r2",
            "Bo B",
            "bo@tanum.se",
            "Tanum",
            "förvaltningschef",
            "4,0",
            "Vet ej",
            "instämmer HELT",
            None,
            None,
        ],
        ["r3", "Cia C", "cia@sml.se", "SML-IT", "IT-chef", None, None, None, 3, None],
    ]
    survey = read(tmp_path, combined(rows), writer=writer)
    r = survey.responses
    check_invariant(survey)
    assert len(survey.problems) == 0
    assert list(r.columns) == RESPONSE_COLUMNS
    assert set(r["organisation"]) == {"Åmål", "Tanum", "SML-IT"}
    got = r.set_index(["respondent", "statement"])["score"]
    assert got[("r1", "F1")] == 4 and got[("r1", "F2")] == 2
    assert got[("r1", "F3")] == 1  # reverse-keyed: 5 -> 1
    assert got[("r2", "F1")] == 4
    assert np.isnan(got[("r2", "F2")])  # Vet ej
    assert got[("r2", "F3")] == 1  # label 'Instämmer helt' = 5, reversed
    assert got[("r3", "I1")] == 3 and np.isnan(got[("r3", "I2")])  # blank asked answer
    raw = r.set_index(["respondent", "statement"])["answer"]
    assert raw[("r1", "F3")] == " 5 " and raw[("r2", "F2")] == "Vet ej"
    assert raw[("r3", "I2")] == ""
    assert r.set_index(["respondent", "statement"])["source"][("r1", "F1")] == "export.xlsx:Svar:F5"
    # personal columns never carried into any output
    text = r.astype(str).to_csv() + survey.problems.to_csv()
    assert "anna@amal.se" not in text and "Anna A" not in text
    # only asked statements: r3 (IT-chef) has no rows for F1-F3
    assert set(r.loc[r.respondent == "r3", "statement"]) == {"I1", "I2"}


def test_headers_by_full_text_tolerant(tmp_path):
    texts = STATEMENTS["text"].tolist()
    header = [
        "Kommun",
        "Roll",
        "  " + texts[0].upper() + ".",
        texts[1].replace(" ", "\n", 2),
        texts[2].replace(" ", "   ") + "?",
    ]
    sheets = {"Blad1": [header, ["Tanum", "förvaltningschef", 1, 2, 3]]}
    survey = read(tmp_path, sheets)
    check_invariant(survey)
    assert survey.responses["statement"].tolist() == ["F1", "F2", "F3"]
    assert survey.responses["score"].tolist() == [1, 2, 3]


def test_one_file_per_organisation_role_from_sheet(tmp_path):
    folder = tmp_path / "enkat_2022"
    folder.mkdir()
    write_rows(
        folder / "Åmåls kommun.xlsx",
        {
            "förvaltningschef": [
                ["Åmål – förvaltningschefer"],
                ["ID", "F1", "F2", "F3"],
                ["a1", 1, 2, 3],
                ["a2", 2, 3, 4],
            ],
            "IT-chef": [["ID", "I1", "I2"], ["a-it", 5, 4]],
        },
    )
    write_rows(folder / "Tanum.xlsx", {"förvaltningschef": [["ID", "F1", "F2"], ["t1", 3, 3]]})
    (folder / "~$Tanum.xlsx").write_bytes(b"lock file")
    survey = mt.read_survey(folder, codebook())
    r = survey.responses
    check_invariant(survey)
    assert len(survey.problems) == 0
    assert set(r["organisation"]) == {"Åmål", "Tanum"}
    assert set(r["wave"]) == {2022}  # year from the folder name
    assert r.loc[r.respondent == "a-it", "role"].unique().tolist() == ["IT-chef"]
    assert len(r) == 6 + 2 + 2


def test_every_problem_kind(tmp_path):
    rows = [
        ["r1", None, None, "Tanum", "förvaltningschef", 7, "Kanske", 3, 4, None, "x"],
        ["r2", None, None, "Okänd kommun", "förvaltningschef", 1, 2, 3, None, None, None],
        ["r3", None, None, "Tanum", "rektor", 1, None, None, None, None, None],
        ["r1", None, None, "Tanum", "förvaltningschef", 2, 2, 2, None, None, None],
        ["r5", None, None, None, "förvaltningschef", 2, None, None, None, None, None],
        ["r6", None, None, "Tanum", "förvaltningschef", 2.5, True, "=1+1", None, None, None],
    ]
    sheets = {"Svar": [HEADER + ["Okänt påstående"]] + rows, "Tom": []}
    path = write_rows(tmp_path / "p.xlsx", sheets)
    survey = mt.read_survey(path, codebook())
    check_invariant(survey)
    kinds = survey.problems.set_index("source")["kind"]
    assert kinds["p.xlsx:Svar:F2"] == "out_of_scale"
    assert kinds["p.xlsx:Svar:G2"] == "unknown_label"
    assert kinds["p.xlsx:Svar:I2"] == "role_mismatch"
    assert kinds["p.xlsx:Svar:K1"] == "unknown_statement"
    assert kinds["p.xlsx:Svar:K2"] == "unknown_statement"
    assert kinds["p.xlsx:Svar:F3"] == "unknown_organisation"
    assert kinds["p.xlsx:Svar:F4"] == "unknown_role"
    assert kinds["p.xlsx:Svar:F5"] == "duplicate_respondent"
    assert kinds["p.xlsx:Svar:F6"] == "missing_value"
    assert kinds["p.xlsx:Svar:F7"] == "out_of_scale"  # 2.5 is no step of the scale
    assert kinds["p.xlsx:Svar:G7"] == "invalid_value"  # a boolean
    assert kinds["p.xlsx:Svar:H7"] == "formula_without_value"
    assert kinds["p.xlsx:Tom:A1"] == "empty_sheet"
    # every problem names file:sheet:cell and says what is wrong
    assert survey.problems["message"].str.len().min() > 10
    assert "Okänd kommun" in survey.problems.set_index("source").loc["p.xlsx:Svar:F3", "message"]
    # the same problems with Swedish messages; the public table stays English
    swedish = survey.problems_in("sv")
    assert swedish[["source", "kind", "value"]].equals(survey.problems[["source", "kind", "value"]])
    assert survey.problems_in("en").equals(survey.problems)
    assert (swedish["message"] != survey.problems["message"]).all()
    messages = swedish.set_index("source")["message"]
    assert "okänd organisation 'Okänd kommun'" in messages["p.xlsx:Svar:F3"]
    assert messages["p.xlsx:Svar:F2"] == "'7' är inget steg på skalan 1–5"
    assert messages["p.xlsx:Tom:A1"] == "bladet är tomt"
    assert "rad 2" in messages["p.xlsx:Svar:F5"]  # the first answer's row, in Swedish


def test_missing_columns_and_empty_file(tmp_path):
    survey = read(tmp_path, {"Info": [["Här finns inga svar"], ["bara text"]]})
    assert survey.problems["kind"].tolist() == ["missing_column"]
    check_invariant(survey)
    empty = read(tmp_path, {"Blad1": []}, name="tom.xlsx")
    assert empty.problems["kind"].tolist() == ["empty_file"]
    check_invariant(empty)


def test_unknown_organisation_from_file_name(tmp_path):
    survey = read(
        tmp_path, {"förvaltningschef": [["ID", "F1", "F2"], ["x", 1, 2]]}, name="Göteborg.xlsx"
    )
    assert set(survey.problems["kind"]) == {"unknown_organisation"}
    assert "Göteborg" in survey.problems["message"].iloc[0]
    check_invariant(survey)


def test_strict_raises_at_first_problem(tmp_path):
    rows = [["r1", None, None, "Tanum", "förvaltningschef", 9, 1, 1, None, None]]
    path = write_rows(tmp_path / "s.xlsx", combined(rows))
    with pytest.raises(InputError, match=r"s.xlsx:Svar:F5: '9' is not a step of the scale"):
        mt.read_survey(path, codebook(), strict=True)


def test_formula_with_cached_value_is_accepted(tmp_path):
    # a workbook saved by a spreadsheet program keeps the computed value of a formula
    path = tmp_path / "cached.xlsx"
    write_rows(
        path,
        combined(
            [["r1", None, None, "Tanum", "förvaltningschef", 1, 2, 3, None, None]], title=False
        ),
    )
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b'<c r="F2" t="n"><v>1</v></c>', b'<c r="F2"><f>0+1</f><v>1</v></c>'
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    survey = mt.read_survey(path, codebook())
    assert len(survey.problems) == 0
    assert survey.responses.loc[survey.responses.statement == "F1", "score"].tolist() == [1]


def test_text_answers_after_many_numbers_survive(tmp_path):
    rows = [
        [f"r{i}", None, None, "Tanum", "förvaltningschef", 3, 3, 3, None, None] for i in range(300)
    ]
    rows.append(
        [
            "r300",  # a code: a word such as "late" would be pseudonymised
            None,
            None,
            "Tanum",
            "förvaltningschef",
            "Vet ej",
            "instämmer delvis",
            3,
            None,
            None,
        ]
    )
    survey = read(tmp_path, combined(rows))
    late = survey.responses[survey.responses.respondent == "r300"]
    assert late["answer"].astype(str).tolist() == ["Vet ej", "instämmer delvis", "3"]
    assert late["score"].isna().tolist() == [True, False, False]


def test_email_as_respondent_id_is_pseudonymised(tmp_path):
    rows = [["anna@amal.se", None, None, "Åmål", "förvaltningschef", 1, 1, 1, None, None]]
    survey = read(tmp_path, combined(rows))
    assert "@" not in "".join(survey.responses["respondent"].astype(str))


def test_stale_dimension_does_not_lose_rows(tmp_path):
    path = write_rows(
        tmp_path / "d.xlsx",
        combined(
            [
                [f"r{i}", None, None, "Tanum", "förvaltningschef", 1, 2, 3, None, None]
                for i in range(10)
            ],
            title=False,
        ),
    )
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    start = xml.index(b"<dimension")
    end = xml.index(b"/>", start) + 2
    parts["xl/worksheets/sheet1.xml"] = xml[:start] + b'<dimension ref="A1:C2"/>' + xml[end:]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    survey = mt.read_survey(path, codebook())
    assert survey.responses["respondent"].nunique() == 10


def test_stray_cell_far_away_is_reported_not_fatal(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(HEADER)
    sheet.append(["r1", None, None, "Tanum", "förvaltningschef", 1, 2, 3, None, None])
    sheet["XFD1048576"] = "x"
    book.save(tmp_path / "stray.xlsx")
    survey = mt.read_survey(tmp_path / "stray.xlsx", codebook())
    check_invariant(survey)
    assert survey.problems.set_index("source")["kind"]["stray.xlsx:Svar:XFD1048576"] == "stray_cell"
    assert len(survey.responses) == 3


ANSWERS = st.one_of(
    st.none(),
    st.integers(-2, 8),
    st.sampled_from(
        ["Vet ej", "vet EJ", "Instämmer helt", " 3 ", "4,0", "kanske", "", "  ", "=A1"]
    ),
    st.floats(0, 6, allow_nan=False).map(lambda v: round(v, 1)),
    st.booleans(),
)
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["r1", "r2", "r3", "r4", None]),
        st.sampled_from(["Tanum", "Åmåls kommun", "Okänd", None]),
        st.sampled_from(["förvaltningschef", "IT-chef", "Rektor", None]),
        st.lists(ANSWERS, min_size=6, max_size=6),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=ROWS, title=st.booleans())
def test_invariant_on_messy_workbooks(tmp_path, rows, title):
    body = [[rid, "Namn", None, org, role, *answers] for rid, org, role, answers in rows]
    sheets = {"Svar": ([["Titel"], []] if title else []) + [HEADER + ["Okänd"]] + body}
    path = write_rows(tmp_path / "h.xlsx", sheets)
    survey = mt.read_survey(path, codebook())
    check_invariant(survey)
    scores = survey.responses["score"].dropna()
    assert scores.between(1, 5).all()
    assert survey.problems["source"].str.match(r"^h\.xlsx:[^:]+:[A-Z]+\d+$").all()
    assert pd.Series(survey.responses["source"]).is_unique


def test_headers_with_numbering_prefixes(tmp_path):
    texts = STATEMENTS["text"].tolist()
    header = ["Kommun", "Roll", f"F1. {texts[0]}", f"Fråga 2: {texts[1]}", f"3 – {texts[2]}"]
    survey = read(tmp_path, {"Svar": [header, ["Tanum", "förvaltningschef", 1, 2, 3]]})
    check_invariant(survey)
    assert survey.responses["statement"].tolist() == ["F1", "F2", "F3"]


def test_answers_written_as_number_and_label(tmp_path):
    rows = [
        [
            "r1",
            None,
            None,
            "Tanum",
            "förvaltningschef",
            "4 - Instämmer i hög grad",
            "1 = instämmer inte alls",
            "2 – Instämmer helt",
            None,
            None,
        ]
    ]
    survey = read(tmp_path, combined(rows))
    check_invariant(survey)
    got = survey.responses.set_index("statement")["score"]
    assert got["F1"] == 4 and got["F2"] == 1
    # a number with another step's label is contradictory: reported, not guessed
    assert survey.problems.set_index("source")["kind"]["export.xlsx:Svar:H5"] == "unknown_label"


def test_identity_headers_with_remarks(tmp_path):
    sheets = {
        "Svar": [
            ["Kommun (organisation)", "Roll [befattning]", "F1", "F2"],
            ["Tanum", "förvaltningschef", 1, 2],
        ]
    }
    survey = read(tmp_path, sheets)
    check_invariant(survey)
    assert survey.responses["organisation"].tolist() == ["Tanum", "Tanum"]


def test_municipality_header_names_the_organisation(tmp_path):
    # the alias table is one for every reader: "Municipality" was known to the capability
    # reader only
    sheets = {"Svar": [["Municipality", "Role", "F1", "F2"], ["Tanum", "förvaltningschef", 1, 2]]}
    survey = read(tmp_path, sheets)
    check_invariant(survey)
    assert survey.problems.empty
    assert survey.responses["organisation"].tolist() == ["Tanum", "Tanum"]


# -- detect and discover: the first rows only --------------------------------------------------


def test_survey_detect(tmp_path):
    from maturity.io import survey as reader
    from maturity.io.opener import open_workbook

    export = write_rows(
        tmp_path / "e.xlsx", combined([["r1", "", "", "Tanum", "förvaltningschef", 1, 2, 3]])
    )
    other = write_rows(tmp_path / "o.xlsx", {"Blad1": [["Förmåga", "Tanum"], ["A", 3]]})
    assert reader.detect(open_workbook(export))
    assert not reader.detect(open_workbook(other))


def _folder(tmp_path):
    from maturity.demo.actionplan import write_action_plan_demo
    from maturity.demo.capability import write_capability_demo
    from maturity.demo.risk import write_risk_demo
    from tests._workbooks import write_codebook

    raw = tmp_path / "raw"
    (raw / "enkat").mkdir(parents=True)
    write_codebook(raw / "kodbok.xlsx")
    write_capability_demo(raw)
    write_risk_demo(raw)
    write_action_plan_demo(raw)
    rows = [[f"r{i}", "", "", "Tanum", "förvaltningschef", 1, 2, 3, "", ""] for i in range(400)]
    write_rows(raw / "enkat" / "export.xlsx", combined(rows), writer="xlsxwriter")
    write_rows(raw / "enkat" / "Tanum.xlsx", {"förvaltningschef": [["F1", "F2"], [1, 2]]})
    return raw


def test_discover_sorts_every_kind(tmp_path):
    files = mt.discover(_folder(tmp_path))
    assert files.codebook.name == "kodbok.xlsx"
    assert sorted(p.name for p in files.surveys) == ["Tanum.xlsx", "export.xlsx"]
    assert {k: [p.name for p in v] for k, v in sorted(files.sections.items())} == {
        "actionplan": ["handlingsplan.xlsx"],
        "capability": ["formagekarta.xlsx"],
        "risk": ["riskregister.xlsx"],
    }
    assert files.count == 6


def test_discover_never_reads_a_sheet_in_full(tmp_path, monkeypatch):
    from maturity.io.opener import Workbook

    raw = _folder(tmp_path)

    def refuse(self, name):
        raise AssertionError(f"{self.name}:{name} read in full")

    monkeypatch.setattr(Workbook, "sheet", refuse)
    monkeypatch.setattr(Workbook, "table", refuse)
    files = mt.discover(raw)
    assert len(files.surveys) == 2 and files.codebook is not None


def test_discover_refuses_a_second_codebook(tmp_path):
    from tests._workbooks import write_codebook

    raw = tmp_path / "raw"
    raw.mkdir()
    write_codebook(raw / "a.xlsx")
    write_codebook(raw / "b.xlsx")
    with pytest.raises(InputError, match="second codebook"):
        mt.discover(raw)


def test_blank_texts_finds_exactly_the_blank_values():
    """The one-pass blank test over an Arrow column gives :func:`is_blank` of every value,
    for every kind of whitespace Python knows (the list of them is complete)."""
    import random
    import sys

    import pyarrow as pa

    from maturity.io.values import WHITESPACE, blank_texts, is_blank

    assert WHITESPACE == "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    rng = random.Random(5)
    alphabet = WHITESPACE + "ax4Å\u200b"
    values = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4))) for _ in range(3000)
    ] + [None]
    found = blank_texts(pa.array(values, pa.string()))
    assert found.tolist() == [is_blank(v) for v in values]
    assert found.sum() > 100 and (~found).sum() > 100


def _expected_rows(rows, statements):
    """What the reader should accept, computed row by row in the plainest way: a row counts
    when its organisation and role are known and its respondent has not answered before (in
    the same organisation and role); then each asked statement's cell is accepted when blank or
    on the scale (reverse-keyed flipped)."""
    labels = {"vet ej": None, "instämmer helt": 5.0, "instämmer delvis": 3.0}
    orgs = {"Åmål": "Åmål", "Åmåls kommun": "Åmål", "Tanum": "Tanum", "SML-IT": "SML-IT"}
    roles = {"förvaltningschef", "IT-chef"}
    seen, out = set(), []
    for r, (respondent, org, role, *answers) in enumerate(rows):
        key = (orgs.get(org), role, respondent)
        if key[0] is None or role not in roles or key in seen:
            continue
        seen.add(key)
        for (statement, asked_role, reverse), answer in zip(statements, answers, strict=True):
            if asked_role != role:
                continue
            text = "" if answer is None else str(answer)
            if text.strip().lower() in labels:
                score = labels[text.strip().lower()]
            elif text.strip() in {"1", "2", "3", "4", "5"}:
                score = float(text)
            elif not text.strip():
                score = None
            else:
                continue  # off the scale: a problem, not a response
            if score is not None and reverse:
                score = 6 - score
            letter = "DEFGH"[statements.index((statement, asked_role, reverse))]
            out.append(
                (key[0], role, respondent, statement, score, text, f"x.xlsx:Svar:{letter}{r + 2}")
            )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_exports_read_as_row_by_row(tmp_path, seed):
    """Organisations (names, aliases, unknown, blank), roles, repeated and blank respondent
    ids, answers on and off the scale, at random: the responses are what a row-by-row reading
    gives, and every cell is accepted or reported."""
    rng = np.random.default_rng(seed)
    statements = list(
        zip(STATEMENTS["statement"], STATEMENTS["role"], STATEMENTS["reverse"], strict=True)
    )
    orgs = ["Åmål", "Åmåls kommun", "Tanum", "SML-IT", "Okänd", None]
    roles = ["förvaltningschef", "IT-chef", "rektor", None]
    answers = [
        1,
        2,
        3,
        4,
        5,
        "4",
        "Vet ej",
        "instämmer helt",
        "Instämmer delvis",
        None,
        7,
        "kanske",
    ]
    rows = [
        [
            f"R{rng.integers(0, 40)}",
            orgs[rng.choice(len(orgs), p=[0.3, 0.1, 0.3, 0.2, 0.05, 0.05])],
            roles[rng.choice(len(roles), p=[0.5, 0.4, 0.05, 0.05])],
            *(answers[i] for i in rng.integers(0, len(answers), size=len(statements))),
        ]
        for _ in range(120)
    ]
    header = ["Respondent", "Kommun", "Roll", *STATEMENTS["statement"]]
    path = write_rows(tmp_path / "x.xlsx", {"Svar": [header, *rows]})
    survey = mt.read_survey(path, codebook())
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    got = survey.responses.sort_values("source", key=lambda s: s.map(_source_order))
    got = [
        (o, ro, re, st, None if np.isnan(sc) else sc, a, so)
        for o, ro, re, st, sc, a, so in zip(
            got["organisation"], got["role"], got["respondent"], got["statement"],
            got["score"], got["answer"], got["source"], strict=True,
        )
    ]  # fmt: skip
    expected = sorted(_expected_rows(rows, statements), key=lambda row: _source_order(row[-1]))
    assert got == expected
    assert len(expected) > 100


def _source_order(source: str) -> tuple[int, str]:
    cell = source.rsplit(":", 1)[1]
    return int(cell.lstrip("ABCDEFGH")), cell
