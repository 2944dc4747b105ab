"""Action plan: amounts, statuses, reading, every problem kind, the summary, demo, section."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from maturity.actionplan import action_plan_summary
from maturity.errors import InputError
from maturity.io.actionplan import header_field, normalise_status, read_action_plan
from maturity.io.amounts import parse_amount
from tests._workbooks import assert_cell_invariant as assert_invariant
from tests._workbooks import write_rows as write

HEADER = ["Område", "Aktivitet", "År", "Status", "Budget", "Utfall"]


# -- amounts and statuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kronor"),
    [
        (5_000_000, 5e6),
        (5e6, 5e6),
        ("5 000 000", 5e6),
        ("5\u00a0000\u00a0000", 5e6),
        ("5 Mkr", 5e6),
        ("5,0 mnkr", 5e6),
        ("5,0 Mnkr", 5e6),
        ("250 tkr", 250e3),
        ("1,5 MSEK", 1.5e6),
        ("12 500 kr", 12500),
        ("12 500 SEK", 12500),
        ("12 500:-", 12500),
        ("1.5 miljoner", 1.5e6),
        ("5.000.000", 5e6),
        ("-250 tkr", -250e3),
        ("0", 0.0),
    ],
)
def test_parse_amount(text, kronor):
    assert parse_amount(text) == pytest.approx(kronor)


@pytest.mark.parametrize("text", ["ca 5 Mkr", "fem miljoner", "5 euro", "", None, True, "?"])
def test_unreadable_amounts(text):
    assert parse_amount(text) is None


def test_amount_column_unit_and_format():
    assert parse_amount(250, factor=1000) == 250_000
    assert parse_amount("1,2 Mkr", factor=1000) == 1_200_000  # the text's own unit wins
    assert header_field("Budget (tkr)") == ("budget", 1000.0)
    assert header_field("Utfall, Mkr") == ("spent", 1e6)
    assert header_field("Utfall (kr)") == ("spent", 1.0)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Planerad", "planned"),
        ("planned", "planned"),
        ("Ej påbörjad", "planned"),
        ("Pågående", "ongoing"),
        ("ongoing", "ongoing"),
        ("In progress", "ongoing"),
        ("Genomförd", "done"),
        ("klar", "done"),
        ("Done", "done"),
        ("completed", "done"),
        ("Försenad", "delayed"),
        ("förskjuten", "delayed"),
        ("Delayed", "delayed"),
        ("postponed", "delayed"),
        ("Struken", "cancelled"),
        ("Cancelled", "cancelled"),
        ("canceled", "cancelled"),
        ("GENOMFÖRD.", "done"),
        ("Försenad, flyttas till 2020", "delayed"),
        ("kanske", None),
        ("", None),
    ],
)
def test_status_aliases(text, status):
    assert normalise_status(text) == status


# -- reading ---------------------------------------------------------------------------------


def test_read_plan_with_allocation(tmp_path):
    path = write(
        tmp_path / "plan.xlsx",
        {
            "Handlingsplan": [
                ["Handlingsplan 2019–2020"],
                [],
                [*HEADER, "Kommentar"],
                ["E-tjänster", "Ny webbplats", 2019, "Klar", "400 tkr", 380_000, "bra"],
                [None, "E-arkiv", "2019", "Försenad", 600_000, "100 000 kr", None],
                ["Skola", "Lärplattform", 2019, "Pågående", "1,2 Mkr", None, None],
                ["E-tjänster", "E-arkiv", 2020, "ongoing", 500_000, 200_000, None],
            ],
            "Anslag": [["År", "Anslag"], [2019, "5 Mkr"], [2020, 5_000_000]],
        },
    )
    plan = read_action_plan(path)
    assert plan.problems.empty
    actions = plan.actions
    assert actions["area"].tolist() == ["E-tjänster", "E-tjänster", "Skola", "E-tjänster"]
    assert actions["status"].tolist() == ["done", "delayed", "ongoing", "ongoing"]
    assert actions["budget"].tolist() == [400_000, 600_000, 1_200_000, 500_000]
    assert actions["spent"].tolist()[:2] == [380_000, 100_000]
    assert pd.isna(actions.loc[2, "spent"])
    assert actions["year"].tolist() == [2019, 2019, 2019, 2020]
    assert actions.loc[0, "source"] == "plan.xlsx:Handlingsplan:B4"
    assert plan.budget[["year", "allocated"]].to_dict("list") == {
        "year": [2019, 2020],
        "allocated": [5e6, 5e6],
    }
    assert_invariant(plan)
    # 4 rows x 6 cells + 2 allocation rows x 2 cells
    assert plan.cells_read == 28


def test_english_headers_year_from_sheet_name_and_unit(tmp_path):
    path = write(
        tmp_path / "plan.xlsx",
        {
            "Plan 2019": [
                ["Area", "Activity", "Status", "Budget (tkr)", "Spent (tkr)"],
                ["Schools", "Laptops", "done", 250, 240],
            ],
            "Allocation": [["Year", "Allocated (Mkr)"], [2019, 5]],
        },
    )
    plan = read_action_plan(path)
    assert plan.problems.empty
    assert plan.actions.loc[0, ["year", "status", "budget", "spent"]].tolist() == [
        2019,
        "done",
        250_000,
        240_000,
    ]
    assert plan.budget["allocated"].tolist() == [5e6]


def test_every_problem_kind(tmp_path):
    path = write(
        tmp_path / "plan.xlsx",
        {
            "Handlingsplan": [
                HEADER,
                ["A", "a1", 2019, "kanske", 100, 50],  # unknown_status
                ["A", "a2", 2019, "", 100, 50],  # missing_value status
                ["A", "a3", 2019, "klar", -100, 50],  # negative_amount budget
                ["A", "a4", 2019, "klar", None, 50],  # spent_without_budget
                ["A", "a5", 2019, "klar", "mycket", 50],  # invalid_value budget
                ["A", "a1", 2019, "klar", 100, 50],  # duplicate
                ["A", None, 2019, "klar", 100, 50],  # missing activity
                ["A", "a6", "nästa år", "klar", 100, 50],  # invalid year
                ["A", "a7", 2019, "klar", 100, "=E10*0.5"],  # formula without value
            ],
            "Anslag": [["År", "Anslag"], [2019, 5e6], [2019, 4e6], [2020, -1]],
            "Anteckningar": [["Kom ihåg att följa upp"]],
            "Tom": [],
        },
    )
    plan = read_action_plan(path)
    kinds = plan.problems.set_index("source")["kind"].to_dict()
    assert kinds["plan.xlsx:Handlingsplan:D2"] == "unknown_status"
    assert kinds["plan.xlsx:Handlingsplan:D3"] == "missing_value"
    assert kinds["plan.xlsx:Handlingsplan:E4"] == "negative_amount"
    assert kinds["plan.xlsx:Handlingsplan:F5"] == "spent_without_budget"
    assert kinds["plan.xlsx:Handlingsplan:E6"] == "invalid_value"
    assert kinds["plan.xlsx:Handlingsplan:B7"] == "duplicate"
    assert kinds["plan.xlsx:Handlingsplan:B8"] == "missing_value"
    assert kinds["plan.xlsx:Handlingsplan:C9"] == "invalid_value"
    assert kinds["plan.xlsx:Handlingsplan:F10"] == "formula_without_value"
    assert kinds["plan.xlsx:Anslag:B3"] == "duplicate"
    assert kinds["plan.xlsx:Anslag:B4"] == "negative_amount"
    assert kinds["plan.xlsx:Anteckningar:A1"] == "missing_column"
    assert kinds["plan.xlsx:Tom:A1"] == "empty_sheet"
    actions = plan.actions.set_index("activity")
    assert list(actions.index) == ["a1", "a2", "a3", "a4", "a5", "a7"]
    assert pd.isna(actions.loc["a1", "status"])
    assert actions.loc["a4", "spent"] == 50  # kept, so that the total spent is true
    assert pd.isna(actions.loc["a3", "budget"])
    assert plan.budget["year"].tolist() == [2019]
    assert_invariant(plan)
    with pytest.raises(InputError, match="plan.xlsx:Handlingsplan:D2: Status 'k\\*\\*\\*' is no"):
        read_action_plan(path, strict=True)
    swedish = plan.problems_in("sv").set_index("source")["message"]
    assert swedish["plan.xlsx:Handlingsplan:E4"] == "Budget -100 är negativt"
    assert swedish["plan.xlsx:Handlingsplan:F10"].startswith("Utfall är en formel som sparats")
    assert swedish["plan.xlsx:Anteckningar:A1"].startswith("ingen rubrikrad med Område")
    english = plan.problems.set_index("source")["message"]
    assert english["plan.xlsx:Handlingsplan:E4"] == "Budget -100 is negative"


def test_area_fill_down_needs_an_area_above(tmp_path):
    path = write(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                HEADER,
                [None, "a1", 2019, "klar", 1, 1],
                ["B", "b1", 2019, "klar", 1, 1],
                [None, "b2", 2019, "klar", 1, 1],
            ]
        },
    )
    plan = read_action_plan(path)
    assert plan.problems["kind"].tolist() == ["missing_value"]
    assert plan.actions["area"].tolist() == ["B", "B"]
    assert_invariant(plan)


# -- summary ---------------------------------------------------------------------------------


def small_plan():
    return pd.DataFrame(
        {
            "area": ["A", "A", "A", "B", "B", "A", "B", "B"],
            "activity": ["a1", "a2", "a3", "b1", "b2", "a2", "b1", "b3"],
            "year": [2019] * 5 + [2020] * 3,
            "status": [
                "done",
                "delayed",
                "cancelled",
                "ongoing",
                "done",
                "done",
                "done",
                "planned",
            ],
            "budget": [100.0, 200.0, 50.0, 300.0, 100.0, 150.0, 200.0, float("nan")],
            "spent": [90.0, 20.0, 0.0, 150.0, 110.0, 160.0, 180.0, float("nan")],
        }
    )


def test_summary_hand_checked():
    summary = action_plan_summary(small_plan())
    years = summary.years.set_index("year")
    # 2019: 5 activities, 1 cancelled, 2 done → 2 / 4
    assert years.loc[2019, ["n_activities", "n_done", "n_cancelled"]].tolist() == [5, 2, 1]
    assert years.loc[2019, "share_done"] == pytest.approx(0.5)
    assert years.loc[2020, "share_done"] == pytest.approx(2 / 3)
    # carried over: a2 (delayed, again 2020) and b1 (ongoing, again 2020)
    assert years.loc[2019, "n_carried_over"] == 2 and years.loc[2020, "n_carried_over"] == 0
    carried = summary.carried_over.set_index("activity")
    assert carried.loc["a2", "reason"] == "both" and carried.loc["a2", "to_year"] == 2020
    assert carried.loc["b1", "reason"] == "later_year"
    assert years.loc[2019, "budgeted"] == 750 and years.loc[2019, "spent"] == 370
    assert years.loc[2020, "budgeted"] == 350 and years.loc[2020, "spent"] == 340
    assert years.loc[2019, "spent_of_budgeted"] == pytest.approx(370 / 750)
    assert pd.isna(years.loc[2019, "allocated"]) and pd.isna(years.loc[2019, "utilisation"])
    areas = summary.areas.set_index(["year", "area"])
    assert areas.loc[
        (2019, "A"), ["n_activities", "n_done", "n_delayed", "n_cancelled"]
    ].tolist() == [3, 1, 1, 1]
    assert [c for c in areas.columns if c.startswith("n_")] == [
        "n_activities",
        "n_planned",
        "n_ongoing",
        "n_done",
        "n_delayed",
        "n_cancelled",
        "n_unknown",
        "n_carried_over",
    ]
    assert areas.loc[(2019, "A"), "share_done"] == pytest.approx(0.5)
    status = summary.status
    assert set(status["status"]) == {"planned", "ongoing", "done", "delayed", "cancelled"}
    assert status.groupby("year")["n"].sum().to_dict() == {2019: 5, 2020: 3}
    assert set(summary.tables()) == {
        "actionplan_status",
        "actionplan_areas",
        "actionplan_years",
        "actionplan_carried_over",
    }


def test_summary_takes_the_tidy_tables():
    from types import SimpleNamespace

    with pytest.raises(TypeError, match="actions table"):
        action_plan_summary(SimpleNamespace(actions=small_plan(), budget=None))
    budget = pd.DataFrame({"year": [2019, 2021], "allocated": [1000.0, 500.0]})
    years = action_plan_summary(small_plan(), budget=budget).years.set_index("year")
    assert years.index.tolist() == [2019, 2020, 2021]
    assert years.loc[2019, "utilisation"] == pytest.approx(370 / 1000)
    assert pd.isna(years.loc[2020, "allocated"]) and years.loc[2021, "n_activities"] == 0


def test_summary_utilisation_with_allocation(tmp_path):
    path = write(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                HEADER,
                ["A", "a", 2019, "klar", "2 Mkr", "1,5 Mkr"],
                ["A", "b", 2019, "planerad", "1 Mkr", None],
            ],
            "Anslag": [["År", "Anslag"], [2019, "5 Mkr"], [2020, "5 Mkr"]],
        },
    )
    plan = read_action_plan(path)
    years = action_plan_summary(plan.actions, budget=plan.budget).years.set_index("year")
    assert years.loc[2019, "utilisation"] == pytest.approx(0.3)
    assert years.loc[2019, "spent_of_budgeted"] == pytest.approx(0.5)
    assert years.loc[2020, "n_activities"] == 0 and years.loc[2020, "allocated"] == 5e6


# -- demo and section ------------------------------------------------------------------------


def test_demo_plan(tmp_path):
    from maturity.demo.actionplan import write_action_plan_demo

    path = write_action_plan_demo(tmp_path)
    assert (
        hashlib.sha256(path.read_bytes()).digest()
        == hashlib.sha256(write_action_plan_demo(tmp_path / "again").read_bytes()).digest()
    )
    plan = read_action_plan(path)
    assert plan.problems.empty
    assert plan.actions["area"].nunique() == 11
    assert plan.budget["allocated"].tolist() == [5e6, 5e6, 5e6]
    years = action_plan_summary(plan.actions, budget=plan.budget).years
    assert years["year"].tolist() == [2018, 2019, 2020]
    assert years["utilisation"].between(0.6, 0.75).all()
    assert (years["n_delayed"] > 0).all()
    carried = action_plan_summary(plan.actions, budget=plan.budget).carried_over
    assert (carried["to_year"] == carried["year"] + 1).sum() >= 5
    assert_invariant(plan)


def test_section(tmp_path):
    from maturity.demo.actionplan import write_action_plan_demo
    from maturity.demo.risk import write_risk_demo
    from maturity.io import actionplan as reader
    from maturity.io.opener import open_workbook
    from maturity.sections import actionplan as section

    path = write_action_plan_demo(tmp_path)
    assert reader.detect(open_workbook(path))
    assert not reader.detect(open_workbook(write_risk_demo(tmp_path)))
    built = section.build([path])
    assert built.name == "actionplan"
    assert {"actions", "actionplan_budget", "actionplan_years"} <= set(built.tables)
    assert set(built.figures) == {"handlingsplan_status", "budget"}
    findings = {f.key: f for f in built.findings}
    assert list(findings) == ["share_done", "budget_use", "carried_over"]
    use = findings["budget_use"]
    years = built.tables["actionplan_years"]
    first = years.iloc[0]
    spent = f"{first['spent'] / 1e6:.1f}".replace(".", ",")
    assert f"{spent} Mkr av 5,0 Mkr" in use.sentence
    assert f"({round(first['utilisation'] * 100)}\u00a0%)" in use.sentence
    assert use.values["years"][0]["share"] == first["utilisation"]
    english = {f.key: f.sentence for f in section.build([path], lang="en").findings}
    assert "SEK 5.0m" in english["budget_use"]
