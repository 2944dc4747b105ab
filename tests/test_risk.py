"""Risk register: reading both layouts, every problem kind, the cell invariant, the summary."""

from __future__ import annotations

import hashlib

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.errors import InputError
from maturity.io.risk import header_field, natural_key, parse_date, read_risk_register
from maturity.risk import DEFAULT_BANDS, risk_level, risk_summary
from tests._workbooks import assert_cell_invariant as assert_invariant
from tests._workbooks import write_rows as write

HEADER = ["ID", "Hot", "Sårbarhet", "Konsekvens", "S", "K", "R", "Åtgärd"]


def risk(rid, s, k, r=None, threat="Hot", action="Åtgärd", vuln="Sårbar", cons="Följd"):
    return [rid, threat, vuln, cons, s, k, r, action]


# -- header matching and dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("ID", "risk_id"),
        ("Hot", "threat"),
        ("Threat", "threat"),
        ("Sårbarhet", "vulnerability"),
        ("Konsekvens", "consequence_text"),
        ("Consequence", "consequence_text"),
        ("K", "impact"),
        ("Konsekvens (K)", "impact"),
        ("Konsekvens 1–5", "impact"),
        ("Konsekvens (beskrivning)", "consequence_text"),
        ("S", "probability"),
        ("Sannolikhet (S)", "probability"),
        ("S (1-5)", "probability"),
        ("Probability", "probability"),
        ("Impact", "impact"),
        ("R", "score"),
        ("R = S × K", "score"),
        ("Risk (R)", "score"),
        ("Riskvärde", "score"),
        ("Åtgärd", "action"),
        ("Action", "action"),
        ("Datum", "date"),
        ("  id ", "risk_id"),
        ("Ansvarig", None),
        ("", None),
    ],
)
def test_header_matching(header, field):
    assert header_field(header) == field


def test_parse_date_forms():
    day = pd.Timestamp("2020-03-05")
    assert parse_date("2020-03-05") == day
    assert parse_date("20200305") == day
    assert parse_date("5 mars 2020") == day
    assert parse_date("2020-03-05 styrgrupp", search=True) == day
    assert parse_date("Styrgrupp 5 mars 2020", search=True) == day
    assert parse_date("2020-03-05 styrgrupp") is None  # only with search
    assert parse_date("2020-02-30") is None
    assert parse_date("Blad1", search=True) is None


def test_natural_key_orders_ids():
    assert sorted(["R10", "R2", "R1", "A"], key=natural_key) == ["A", "R1", "R2", "R10"]


# -- layouts ---------------------------------------------------------------------------------


def test_sheet_per_meeting(tmp_path):
    path = write(
        tmp_path / "reg.xlsx",
        {
            "2020-03-05": [
                ["Riskregister styrgruppen"],
                [],
                HEADER,
                risk("R1", 4, 5, 20),
                risk("R2", "3", "3,0", 9),
                risk(2, 1, 2, None),
            ],
            "2020-09-17 styrgrupp": [HEADER, risk("R1", 3, 5, 15)],
        },
    )
    register = read_risk_register(path)
    risks = register.risks
    assert register.problems.empty
    assert list(risks["risk_id"]) == ["2", "R1", "R2", "R1"]
    assert list(risks["date"].dt.strftime("%Y-%m-%d")) == ["2020-03-05"] * 3 + ["2020-09-17"]
    assert list(risks["score"]) == [2, 20, 9, 15]
    assert risks.loc[0, "typed_score"] != risks.loc[0, "typed_score"]  # R blank → NaN typed
    assert risks.loc[1, "source"] == "reg.xlsx:2020-03-05:A4"
    assert str(risks["probability"].dtype) == "Int64"
    assert register.dates == [pd.Timestamp("2020-03-05"), pd.Timestamp("2020-09-17")]
    assert_invariant(register)
    # 4 rows x 8 cells
    assert register.cells_read == 32


def test_datum_column_and_english_headers(tmp_path):
    header = [
        "Date",
        "ID",
        "Threat",
        "Vulnerability",
        "Consequence",
        "Probability",
        "Impact",
        "Score",
        "Action",
    ]
    path = write(
        tmp_path / "reg.xlsx",
        {
            "Register": [
                header,
                ["2020-03-05", "R1", "Phishing", "", "", 4, 4, 16, "Training"],
                ["5 mars 2020", "R2", "Outage", "", "", 2, 5, 10, "Backup"],
                [
                    pd.Timestamp("2020-09-17").to_pydatetime(),
                    "R1",
                    "Phishing",
                    "",
                    "",
                    3,
                    4,
                    12,
                    "x",
                ],
            ]
        },
    )
    register = read_risk_register(path)
    assert register.problems.empty
    assert register.risks.groupby("date").size().to_dict() == {
        pd.Timestamp("2020-03-05"): 2,
        pd.Timestamp("2020-09-17"): 1,
    }
    assert register.risks["consequence_text"].tolist() == ["", "", ""]
    assert_invariant(register)


def test_numeric_konsekvens_without_k_is_the_impact(tmp_path):
    path = write(
        tmp_path / "reg.xlsx",
        {
            "2020-03-05": [
                ["ID", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Åtgärd"],
                ["R1", "Dataintrång", 4, 5, 20, "Utbildning"],
            ]
        },
    )
    register = read_risk_register(path)
    assert register.problems.empty
    assert register.risks.loc[0, ["probability", "impact", "score"]].tolist() == [4, 5, 20]
    assert register.risks.loc[0, "threat"] == "Dataintrång"


def test_folder_and_list_sources(tmp_path):
    write(tmp_path / "a.xlsx", {"2020-03-05": [HEADER, risk("R1", 1, 1, 1)]})
    write(tmp_path / "b.xlsx", {"2020-09-17": [HEADER, risk("R1", 2, 2, 4)]})
    assert len(read_risk_register(tmp_path).risks) == 2
    assert len(read_risk_register([tmp_path / "a.xlsx"]).risks) == 1


# -- problems --------------------------------------------------------------------------------


def test_every_problem_kind(tmp_path):
    path = write(
        tmp_path / "reg.xlsx",
        {
            "2020-03-05": [
                HEADER,
                risk("R1", 3, 4, 15),  # wrong_score: typed 15, computed 12
                risk("R2", "x", 4, 8),  # invalid_value S
                risk("R3", 3.5, 2, None),  # invalid_value S (not whole)
                risk("R4", 6, 2, None),  # out_of_scale S
                risk("R5", 2, None, None),  # missing_value K
                risk("R1", 1, 1, 1),  # duplicate ID
                risk(None, 1, 1, 1),  # missing ID
                risk("R6", 2, 2, 4, threat=""),  # missing Hot
                risk("R7", 2, 2, 4, action=None),  # missing Åtgärd
                risk("R8", 2, 3, "=E11*F11"),  # formula without value
                risk("R9", 2, 3, "sex"),  # invalid R
            ],
            "Tom": [],
            "Instruktioner": [["Fyll i registret vid varje möte"]],
            "Blad utan datum": [HEADER, risk("R1", 1, 1, 1)],
        },
    )
    register = read_risk_register(path)
    problems = register.problems.set_index("source")
    kinds = problems["kind"].to_dict()
    assert kinds["reg.xlsx:2020-03-05:G2"] == "wrong_score"
    message = problems.loc["reg.xlsx:2020-03-05:G2", "message"]
    assert "15" in message and "12" in message
    swedish = register.problems_in("sv").set_index("source")["message"]
    assert swedish["reg.xlsx:2020-03-05:G2"] == "R är 15 men S × K = 3 × 4 = 12; 12 används"
    assert swedish["reg.xlsx:2020-03-05:E3"] == "S (sannolikhet) 'x' är inget heltal 1–5"
    assert swedish["reg.xlsx:2020-03-05:B9"] == "Hot är tomt för risken R6"
    assert problems.loc["reg.xlsx:2020-03-05:B9", "message"] == "Hot (threat) is empty for risk R6"
    assert kinds["reg.xlsx:2020-03-05:E3"] == "invalid_value"
    assert kinds["reg.xlsx:2020-03-05:E4"] == "invalid_value"
    assert kinds["reg.xlsx:2020-03-05:E5"] == "out_of_scale"
    assert kinds["reg.xlsx:2020-03-05:F6"] == "missing_value"
    assert kinds["reg.xlsx:2020-03-05:A7"] == "duplicate"
    assert kinds["reg.xlsx:2020-03-05:A8"] == "missing_value"
    assert kinds["reg.xlsx:2020-03-05:B9"] == "missing_value"
    assert kinds["reg.xlsx:2020-03-05:H10"] == "missing_value"
    assert kinds["reg.xlsx:2020-03-05:G11"] == "formula_without_value"
    assert kinds["reg.xlsx:2020-03-05:G12"] == "invalid_value"
    assert kinds["reg.xlsx:Tom:A1"] == "empty_sheet"
    assert kinds["reg.xlsx:Instruktioner:A1"] == "missing_column"
    assert kinds["reg.xlsx:Blad utan datum:A1"] == "missing_column"
    risks = register.risks.set_index("risk_id")
    assert risks.loc["R1", "score"] == 12 and risks.loc["R1", "typed_score"] == 15
    assert pd.isna(risks.loc["R2", "score"]) and risks.loc["R2", "impact"] == 4
    assert risks.loc["R8", "score"] == 6 and risks.loc["R9", "score"] == 6
    assert risks.loc["R6", "threat"] == "" and risks.loc["R7", "action"] == ""
    assert len(register.risks) == 9  # the duplicate and the row without ID are not read
    assert_invariant(register)


def test_strict_raises_at_first_problem(tmp_path):
    path = write(tmp_path / "reg.xlsx", {"2020-03-05": [HEADER, risk("R1", 3, 4, 15)]})
    with pytest.raises(InputError, match=r"reg.xlsx:2020-03-05:G2.*3 × 4 = 12"):
        read_risk_register(path, strict=True)


def test_stray_cell_is_reported(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2020-03-05"
    sheet.append(HEADER)
    sheet.append(risk("R1", 2, 2, 4))
    sheet.cell(1_048_576, 16_384, "glömd")
    book.save(tmp_path / "reg.xlsx")
    register = read_risk_register(tmp_path / "reg.xlsx")
    assert register.problems["kind"].tolist() == ["stray_cell"]
    assert len(register.risks) == 1
    assert_invariant(register)


def test_open_errors_are_input_errors(tmp_path):
    (tmp_path / "reg.xlsx").write_text("ID;S;K\n1;2;3\n")
    with pytest.raises(InputError, match="CSV"):
        read_risk_register(tmp_path / "reg.xlsx")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([1, 2, 3, 4, 5, 0, 7, "3", "x", None]),
            st.sampled_from([1, 2, 3, 4, 5, 9, "2,0", None]),
            st.sampled_from([None, 1, 4, 6, 12, 25, "y"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_invariant_and_score_property(tmp_path, rows):
    path = write(
        tmp_path / "p.xlsx",
        {"2020-03-05": [HEADER, *(risk(f"R{i}", s, k, r) for i, (s, k, r) in enumerate(rows))]},
    )
    register = read_risk_register(path)
    assert_invariant(register)
    scored = register.risks.dropna(subset=["score"])
    assert (scored["score"] == scored["probability"] * scored["impact"]).all()
    assert len(register.risks) == len(rows)


# -- summary ---------------------------------------------------------------------------------


def small_risks():
    return pd.DataFrame(
        {
            "risk_id": ["R1", "R2", "R3", "R1", "R2", "R4", "R1", "R4", "R3"],
            "date": pd.to_datetime(["2020-01-01"] * 3 + ["2020-05-01"] * 3 + ["2020-09-01"] * 3),
            "threat": ["a", "b", "c", "a", "b", "d", "a", "d", "c"],
            "probability": [4, 2, 5, 4, 3, 1, 2, 1, 5],
            "impact": [5, 2, 5, 5, 2, 3, 2, 4, 4],
        }
    )


def test_summary_ranked_levels_and_trend():
    summary = risk_summary(small_risks())
    first = summary.ranked[summary.ranked["date"] == "2020-01-01"]
    assert first["risk_id"].tolist() == ["R3", "R1", "R2"]
    assert first["score"].tolist() == [25, 20, 4]
    assert first["level"].tolist() == ["critical", "critical", "low"]
    assert first["rank"].tolist() == [1, 2, 3]
    trend = summary.trend.set_index(["risk_id", summary.trend["date"].dt.strftime("%m")])
    assert trend.loc[("R1", "05"), "change"] == "unchanged"
    assert trend.loc[("R1", "09"), "change"] == "lowered"
    assert trend.loc[("R1", "09"), "delta"] == -16
    assert trend.loc[("R2", "05"), "change"] == "raised"
    assert trend.loc[("R2", "09"), "change"] == "closed"
    assert pd.isna(trend.loc[("R2", "09"), "score"])
    assert trend.loc[("R3", "05"), "change"] == "closed"
    assert trend.loc[("R3", "09"), "change"] == "new"  # reappears after being closed
    assert trend.loc[("R4", "09"), "change"] == "raised"
    levels = summary.levels[summary.levels["date"] == "2020-09-01"].set_index("level")["n"]
    assert levels.to_dict() == {"low": 2, "medium": 0, "high": 0, "critical": 1}
    meetings = summary.meetings.set_index(summary.meetings["date"].dt.strftime("%m"))
    assert meetings.loc[
        "09", ["n_risks", "max_score", "n_new", "n_lowered", "n_raised", "n_closed"]
    ].tolist() == [3, 20, 1, 1, 1, 1]
    # the labels are the text module's words for the levels (value.level.<level>)
    from maturity.text import translate_values

    levels = ["low", "medium", "high", "critical"]
    assert summary.bands["level"].tolist() == levels
    assert summary.bands[["min_score", "max_score"]].values.tolist() == [
        [1, 4],
        [5, 9],
        [10, 16],
        [17, 25],
    ]
    for lang in ("sv", "en"):
        assert summary.bands[f"label_{lang}"].tolist() == translate_values(
            levels, "value.level", lang
        )
    assert set(summary.tables()) == {
        "risk_ranked",
        "risk_trend",
        "risk_levels",
        "risk_meetings",
        "risk_bands",
    }


def test_summary_takes_the_tidy_table():
    from types import SimpleNamespace

    with pytest.raises(TypeError, match="risks table"):
        risk_summary(SimpleNamespace(risks=small_risks()))


def test_ties_share_rank_and_custom_bands():
    risks = pd.DataFrame(
        {
            "risk_id": ["R1", "R2", "R10"],
            "date": ["2020-01-01"] * 3,
            "probability": [2, 4, 4],
            "impact": [4, 2, 2],
        }
    )
    summary = risk_summary(risks, bands={"acceptabel": 7, "oacceptabel": 25})
    assert summary.ranked["risk_id"].tolist() == ["R1", "R2", "R10"]  # K first, then ID
    assert summary.ranked["rank"].tolist() == [1, 1, 1]
    assert summary.ranked["level"].tolist() == ["oacceptabel"] * 3
    with pytest.raises(ValueError):
        risk_summary(risks, bands={"a": 9, "b": 5, "c": 25})
    with pytest.raises(ValueError):
        risk_summary(risks, bands={"a": 9, "b": 16})


def test_risk_level_defaults():
    assert DEFAULT_BANDS == {"low": 4, "medium": 9, "high": 16, "critical": 25}
    assert [risk_level(v) for v in (1, 4, 5, 9, 10, 16, 20, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "critical",
        "critical",
    ]


# -- demo ------------------------------------------------------------------------------------


def test_demo_register(tmp_path):
    from maturity.demo.risk import MEETINGS, WRONG_SCORE, write_risk_demo

    path = write_risk_demo(tmp_path)
    assert (
        hashlib.sha256(path.read_bytes()).digest()
        == hashlib.sha256(write_risk_demo(tmp_path / "again").read_bytes()).digest()
    )
    register = read_risk_register(path)
    assert register.problems["kind"].tolist() == ["wrong_score"]
    meeting, risk_id, typed = WRONG_SCORE
    row = register.risks[
        (register.risks["risk_id"] == risk_id) & (register.risks["date"] == meeting)
    ].iloc[0]
    assert row["typed_score"] == typed and row["score"] == row["probability"] * row["impact"]
    assert [f"{d:%Y-%m-%d}" for d in register.dates] == MEETINGS
    assert 6 <= register.risks["risk_id"].nunique() <= 8
    changes = set(risk_summary(register.risks).trend["change"])
    assert {"new", "raised", "lowered", "closed", "unchanged"} <= changes
    assert_invariant(register)


def test_section(tmp_path):
    from maturity.demo.risk import write_risk_demo
    from maturity.io import risk as reader
    from maturity.io.opener import open_workbook
    from maturity.sections import risk as section

    path = write_risk_demo(tmp_path)
    assert reader.detect(open_workbook(path))
    built = section.build([path])
    assert built.name == "risk"
    assert {"risks", "risk_ranked", "risk_trend"} <= set(built.tables)
    assert {"riskmatris", "risktrend"} <= set(built.figures)
    keys = [f.key for f in built.findings]
    assert keys == ["top_risks", "levels", "changes", "wrong_scores"]
    wrong = built.findings[-1]
    assert wrong.values["n_wrong"] == 1
    assert "S × K = 3 × 4 = 12" in wrong.sentence and "15" in wrong.sentence
    top = built.findings[0]
    assert top.values["risks"][0]["risk_id"] == "R2" and "R = 20" in top.sentence
    assert "kritisk" in top.sentence
    english = section.build([path], lang="en").findings[0].sentence
    assert "critical" in english and "latest meeting" in english
    assert len(built.problems) == 1
