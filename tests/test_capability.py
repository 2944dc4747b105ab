"""Capability map: reading (both layouts, every problem kind), summary, demo and section."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import reference_capability as ref
from openpyxl import Workbook

from maturity.capability import capability_summary, goal_profiles, lowest_acceptable
from maturity.demo.capability import AVVECKLA, DRIFT, UTVARDERA, write_capability_demo
from maturity.demo.organisations import JOINT_IT, ORGANISATIONS
from maturity.errors import InputError
from maturity.io.capability import ASSESSMENT_COLUMNS, CapabilityMap, read_capability_map
from tests._workbooks import write_rows as make_book

LEVELS = [
    ["level", "label", "acceptable"],
    [1, "Undermålig", "nej"],
    [2, "Grundläggande", "ja"],
    [3, "Definierad", "ja"],
    [4, "Etablerad", "ja"],
    [5, "Ledande", "ja"],
]
ORGS = pd.DataFrame(
    {
        "organisation": ["Åmål", "Åmål", "Dals-Ed", "Tanum", "SML-IT"],
        "alias": ["Åmål", "Åmåls kommun", "Dals-Ed", "Tanum", "SML-IT"],
    }
)


def matrix(*rows, title=True):
    head = [["Förmågekarta 2030"], ["Tom cell = ej bedömd"], []] if title else []
    return [*head, ["Förmåga", "Mål", "Målnivå", "Åmåls kommun", "Dals-Ed", "SML-IT"], *rows]


def invariant(cmap: CapabilityMap) -> None:
    assert cmap.cells_read == len(cmap.assessments) + len(cmap.problems)


def kinds(cmap: CapabilityMap) -> list[str]:
    return cmap.problems["kind"].tolist()


# -- reading: matrix layout --------------------------------------------------------------------
def test_matrix_layout_reads_levels_labels_and_blanks(tmp_path):
    path = make_book(
        tmp_path / "karta.xlsx",
        {
            "Karta": matrix(
                ["Avveckla", "Livscykel", 3, 1, " undermålig ", "2,0"],
                ["Driftsleverans", "Teknik", 4, "5", None, "4 Etablerad"],
            ),
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS, wave=2024)
    invariant(cmap)
    assert cmap.problems.empty
    a = cmap.assessments
    assert a.columns.tolist() == ASSESSMENT_COLUMNS
    assert a["organisation"].tolist() == ["Åmål", "Dals-Ed", "SML-IT"] * 2
    assert a["level"].tolist()[:3] == [1, 1, 2]
    assert a["level"].iloc[3] == 5 and pd.isna(a["level"].iloc[4]) and a["level"].iloc[5] == 4
    assert a["target"].tolist() == [3, 3, 3, 4, 4, 4]
    assert set(a["wave"]) == {2024}
    assert a["source"].iloc[0] == "karta.xlsx:Karta:D5"
    assert cmap.levels["acceptable"].tolist() == [False, True, True, True, True]
    assert cmap.organisations == ["Åmål", "Dals-Ed", "SML-IT"]


def test_blank_is_not_assessed_never_zero(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx", {"K": matrix(["A", "G", 3, None, "  ", 2]), "levels": LEVELS}
    )
    cmap = read_capability_map(path)
    invariant(cmap)
    levels = cmap.assessments["level"]
    assert levels.isna().sum() == 2 and (levels.dropna() != 0).all()
    summary = capability_summary(cmap.assessments, levels=cmap.levels).capabilities
    assert summary.loc[0, "n"] == 1 and summary.loc[0, "n_not_assessed"] == 2
    assert summary.loc[0, "mean"] == 2.0


def test_headers_in_english_case_and_remarks(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {
            "Map": [
                ["title"],
                ["  CAPABILITY ", "goal", "Target level (2030)", "Tanum", "Medel"],
                ["Avveckla", "G", 3, 2, 2.0],
            ],
            "Levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    assert cmap.problems.empty  # the "Medel" column is read past
    assert cmap.assessments[["organisation", "level", "target"]].values.tolist() == [
        ["Tanum", 2, 3]
    ]


def test_without_goal_column_the_sheet_name_is_the_goal(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {"Teknik": [["Förmåga", "Målnivå", "Tanum"], ["Drift", 4, 5]], "levels": LEVELS},
    )
    cmap = read_capability_map(path)
    assert cmap.assessments["goal"].tolist() == ["Teknik"]
    invariant(cmap)


def test_organisations_none_accepts_every_header(tmp_path):
    path = make_book(tmp_path / "k.xlsx", {"K": matrix(["A", "G", 3, 1, 2, 3]), "levels": LEVELS})
    cmap = read_capability_map(path)
    assert cmap.organisations == ["Åmåls kommun", "Dals-Ed", "SML-IT"]


# -- reading: long layout ----------------------------------------------------------------------
def test_long_layout(tmp_path):
    path = make_book(
        tmp_path / "lang.xlsx",
        {
            "Data": [
                ["Export"],
                ["Organisation", "Förmåga", "Mål", "Målnivå", "Nivå", "Omgång"],
                ["Åmåls kommun", "Avveckla", "Livscykel", 3, 1, 2024],
                ["Tanum", "Avveckla", "Livscykel", 3, "Grundläggande", 2024],
                ["Tanum", "Drift", "Teknik", 4, None, 2024],
                [None, None, None, None, None, None],
            ],
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    assert cmap.problems.empty
    a = cmap.assessments
    assert a["organisation"].tolist() == ["Åmål", "Tanum", "Tanum"]
    assert a["level"].iloc[:2].tolist() == [1, 2] and pd.isna(a["level"].iloc[2])
    assert a["wave"].tolist() == [2024] * 3
    assert a["source"].iloc[0] == "lang.xlsx:Data:E3"


def test_long_layout_english_without_goal_and_target(tmp_path):
    path = make_book(
        tmp_path / "long.xlsx",
        {
            "Sheet": [
                ["organisation", "capability", "level"],
                ["Tanum", "Drift", 4],
                ["Okänd", "Drift", 4],
                ["Tanum", "Drift", 3],
                ["Tanum", "X", 9],
            ],
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    assert sorted(kinds(cmap)) == [
        "duplicate",
        "missing_column",
        "out_of_scale",
        "unknown_organisation",
    ]
    assert cmap.assessments["goal"].tolist() == ["Sheet"]
    assert cmap.assessments["target"].isna().all()


# -- problems ----------------------------------------------------------------------------------
def test_every_problem_kind_and_the_invariant(tmp_path):
    path = make_book(
        tmp_path / "fel.xlsx",
        {
            "Karta": [
                ["Förmågekarta"],
                ["Förmåga", "Mål", "Målnivå", "Tanum", "Okänd kommun", "Dals-Ed"],
                ["A", "G1", 3, 7, 2, 2.5],  # out_of_scale x2, unknown_organisation x1
                ["B", "G1", 3, "kanske", None, 3],  # unknown_label
                ["a ", "G1", 3, 2, 3, None],  # duplicate: capability cell + 2 filled cells
                ["C", None, None, 2, None, 2],  # missing goal, missing target
                ["D", "G2", 9, "=1+1", None, 1],  # target out of scale, formula without value
            ],
            "Tom": [],
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    problems = cmap.problems.set_index("source")
    expected = {
        "fel.xlsx:Karta:E2": "unknown_organisation",
        "fel.xlsx:Karta:D3": "out_of_scale",
        "fel.xlsx:Karta:E3": "unknown_organisation",
        "fel.xlsx:Karta:F3": "out_of_scale",
        "fel.xlsx:Karta:D4": "unknown_label",
        "fel.xlsx:Karta:A5": "duplicate",
        "fel.xlsx:Karta:D5": "duplicate",
        "fel.xlsx:Karta:E5": "duplicate",
        "fel.xlsx:Karta:B6": "missing_value",
        "fel.xlsx:Karta:C6": "missing_value",
        "fel.xlsx:Karta:C7": "out_of_scale",
        "fel.xlsx:Karta:D7": "formula_without_value",
        "fel.xlsx:Tom:A1": "empty_sheet",
    }
    assert problems["kind"].to_dict() == expected
    assert problems.loc["fel.xlsx:Karta:D3", "value"] == "7"
    assert "Okänd kommun" in problems.loc["fel.xlsx:Karta:E2", "message"]
    swedish = cmap.problems_in("sv").set_index("source")["message"]
    assert swedish["fel.xlsx:Karta:D3"].startswith(
        "nivån för Tanum i 'A' '7' är ingen nivå på skalan ("
    )
    assert swedish["fel.xlsx:Karta:C7"].startswith("målnivån för 'D' '9' är ingen nivå")
    assert swedish["fel.xlsx:Tom:A1"] == "bladet är tomt"
    a = cmap.assessments
    # accepted: B/Dals-Ed, C (Tanum, Dals-Ed) with missing goal/target, D/Dals-Ed, A nothing
    accepted = a.dropna(subset=["level"])
    assert accepted[["capability", "organisation", "level"]].values.tolist() == [
        ["B", "Dals-Ed", 3],
        ["C", "Tanum", 2],
        ["C", "Dals-Ed", 2],
        ["D", "Dals-Ed", 1],
    ]
    c = a[a["capability"] == "C"]
    assert c["goal"].isna().all() and c["target"].isna().all()
    assert pd.isna(a.loc[a["capability"] == "D", "target"]).all()
    assert cmap.cells_read == 13 + len(a)


def test_row_without_capability_name(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {"K": matrix([None, "G", 3, 2, None, None], ["A", "G", 3, 2, 2, 2]), "levels": LEVELS},
    )
    cmap = read_capability_map(path)
    invariant(cmap)
    assert kinds(cmap) == ["missing_value"]
    assert cmap.problems["source"].tolist() == ["k.xlsx:K:D5"]


def test_unknown_organisation_column_without_data_is_reported_once(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {
            "K": [["Förmåga", "Mål", "Målnivå", "Tanum", "Ingen"], ["A", "G", 3, 2, None]],
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    assert kinds(cmap) == ["unknown_organisation"]
    assert cmap.problems["source"].tolist() == ["k.xlsx:K:E1"]


def test_missing_target_column_and_unreadable_sheet(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {
            "K": [["Förmåga", "Mål", "Tanum"], ["A", "G", 2]],
            "Anteckningar": [["Bara text"]],
            "levels": LEVELS,
        },
    )
    cmap = read_capability_map(path)
    invariant(cmap)
    assert kinds(cmap) == ["missing_column", "missing_column"]
    assert cmap.assessments["target"].isna().all()


def test_levels_sheet_problems(tmp_path):
    levels = [
        ["Nivå", "Benämning", "Godtagbar"],
        [1, "Låg", "nej"],
        [2, "Mellan", "kanske"],
        [2, "Igen", "ja"],
        ["tre", "Hög", "ja"],
        [3, "Hög", "ja"],
    ]
    path = make_book(
        tmp_path / "k.xlsx",
        {"K": [["Förmåga", "Mål", "Målnivå", "Tanum"], ["A", "G", 3, "Hög"]], "Nivåer": levels},
    )
    cmap = read_capability_map(path)
    invariant(cmap)
    assert kinds(cmap) == ["invalid_value", "duplicate", "invalid_value"]
    assert cmap.levels["acceptable"].tolist() == [False, False, True]
    assert cmap.assessments["level"].tolist() == [3]


def test_stray_cell_is_reported(tmp_path):
    path = tmp_path / "stray.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "K"
    for row in [["Förmåga", "Mål", "Målnivå", "Tanum"], ["A", "G", 3, 2]]:
        sheet.append(row)
    sheet["XFD1048576"] = "bortglömd"
    levels = book.create_sheet("levels")
    for row in LEVELS:
        levels.append(row)
    book.save(path)
    cmap = read_capability_map(path)
    invariant(cmap)
    assert kinds(cmap) == ["stray_cell"]
    assert cmap.assessments["level"].tolist() == [2]


@pytest.mark.parametrize("organisations", [ORGS, None])
def test_a_column_of_contact_details_is_reported_once_never_with_a_value(tmp_path, organisations):
    rows = [["Förmåga", "Mål", "Målnivå", "Åmål", "Kontaktperson"]]
    contacts = ["Anna Svensson", "070-123 45 67", "anna@kommun.se", "3", None]
    rows += [[f"F{i}", "G", 3, 2, v] for i, v in enumerate(contacts)]
    path = make_book(tmp_path / "k.xlsx", {"K": rows, "levels": LEVELS})
    cmap = read_capability_map(path, organisations=organisations)
    invariant(cmap)
    assert cmap.problems[["source", "kind", "value"]].values.tolist() == [
        ["k.xlsx:K:E1", "skipped_column", ""]
    ]
    assert "4 " in cmap.problems["message"].iloc[0]  # four values, none of them shown
    assert cmap.organisations == ["Åmål"] and len(cmap.assessments) == 5
    read_capability_map(path, organisations=organisations, strict=True)  # by design: no error


def test_levels_under_an_unknown_organisation_are_quoted_only_masked(tmp_path):
    rows = [["Förmåga", "Mål", "Målnivå", "Åmål", "Okänd kommun"]]
    rows += [[f"F{i}", "G", 3, 2, v] for i, v in enumerate([3, "4", "Anna Svensson", 2])]
    path = make_book(tmp_path / "k.xlsx", {"K": rows, "levels": LEVELS})
    cmap = read_capability_map(path, organisations=ORGS)
    invariant(cmap)
    assert kinds(cmap) == ["unknown_organisation"] * 5
    assert cmap.problems["value"].tolist() == ["Okänd kommun", "3", "4", "A***", "2"]


def test_strict_raises_at_first_problem_naming_the_cell(tmp_path):
    path = make_book(tmp_path / "k.xlsx", {"K": matrix(["A", "G", 3, 1, 6, 2]), "levels": LEVELS})
    with pytest.raises(InputError) as err:
        read_capability_map(path, strict=True)
    assert err.value.file == "k.xlsx" and err.value.sheet == "K" and err.value.cell == "E5"
    assert read_capability_map(path, strict=False).problems["kind"].tolist() == ["out_of_scale"]


# -- bad files ---------------------------------------------------------------------------------
def test_csv_renamed_xlsx_is_refused(tmp_path):
    path = tmp_path / "karta.xlsx"
    path.write_text("Förmåga;Mål;Målnivå;Tanum\nAvveckla;G;3;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="CSV"):
        read_capability_map(path)


def test_missing_levels_sheet_is_an_input_error(tmp_path):
    path = make_book(tmp_path / "k.xlsx", {"K": matrix(["A", "G", 3, 1, 2, 3])})
    with pytest.raises(InputError, match="levels"):
        read_capability_map(path)


def test_levels_sheet_without_levels_is_an_input_error(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {"K": matrix(["A", "G", 3, 1, 2, 3]), "levels": [["level", "label", "acceptable"]]},
    )
    with pytest.raises(InputError, match="no levels"):
        read_capability_map(path)


def test_workbook_with_only_levels_is_an_empty_file(tmp_path):
    path = make_book(tmp_path / "k.xlsx", {"levels": LEVELS})
    cmap = read_capability_map(path)
    invariant(cmap)
    assert kinds(cmap) == ["empty_file"] and cmap.assessments.empty


# -- summary -----------------------------------------------------------------------------------
SCALE = pd.DataFrame(
    {
        "level": [1, 2, 3, 4, 5],
        "label": list("abcde"),
        "acceptable": [False, True, True, True, True],
    }
)


def small_map() -> pd.DataFrame:
    """Three organisations, three capabilities; checked by hand below."""
    rows = [
        ("X", "A", "G1", 1, 3),
        ("Y", "A", "G1", 2, 3),
        ("Z", "A", "G1", 3, 3),
        ("X", "B", "G1", 1, 3),
        ("Y", "B", "G1", 2, 3),
        ("Z", "B", "G1", None, 3),
        ("X", "C", "G2", 4, 4),
        ("Y", "C", "G2", 5, 4),
        ("Z", "C", "G2", 4, 4),
    ]
    frame = pd.DataFrame(rows, columns=["organisation", "capability", "goal", "level", "target"])
    frame.insert(0, "wave", None)
    frame["level"] = frame["level"].astype("Int64")
    frame["source"] = ""
    return frame


def test_summary_per_capability_by_hand():
    caps = capability_summary(small_map(), levels=SCALE).capabilities.set_index("capability")
    a, b, c = caps.loc["A"], caps.loc["B"], caps.loc["C"]
    assert (a["n"], a["mean"], a["sd"], a["min"], a["max"], a["median"]) == (3, 2, 1, 1, 3, 2)
    assert a["target"] == 3 and a["gap"] == -1 and a["share_below_target"] == pytest.approx(2 / 3)
    assert not a["substandard"]  # exactly at the lowest acceptable level
    assert (b["n"], b["n_not_assessed"], b["mean"]) == (2, 1, 1.5)
    assert b["sd"] == pytest.approx(math.sqrt(0.5)) and b["share_below_target"] == 1.0
    assert b["substandard"]
    assert c["mean"] == pytest.approx(13 / 3) and c["sd"] == pytest.approx(math.sqrt(1 / 3))
    assert c["gap"] == pytest.approx(1 / 3) and c["share_below_target"] == 0
    assert not c["substandard"] and c["goal"] == "G2"


def test_summary_per_goal_by_hand():
    goals = capability_summary(small_map(), levels=SCALE).goals.set_index("goal")
    g1, g2 = goals.loc["G1"], goals.loc["G2"]
    # organisation goal means: X (1+1)/2 = 1, Y (2+2)/2 = 2, Z 3 (B not assessed)
    assert (g1["n_capabilities"], g1["n"], g1["mean"], g1["sd"]) == (2, 3, 2, 1)
    assert (g1["min"], g1["max"], g1["median"], g1["target"], g1["gap"]) == (1, 3, 2, 3, -1)
    assert g1["share_below_target"] == pytest.approx(4 / 5)
    assert g1["n_substandard"] == 1 and not g1["substandard"]
    assert g2["mean"] == pytest.approx(13 / 3) and g2["target"] == 4 and g2["n_substandard"] == 0


def test_summary_per_organisation_by_hand():
    orgs = capability_summary(small_map(), levels=SCALE).organisations.set_index("organisation")
    x, z = orgs.loc["X"], orgs.loc["Z"]
    assert (x["n"], x["mean"], x["strongest"], x["strongest_level"]) == (3, 2, "C", 4)
    assert (x["weakest"], x["weakest_level"]) == ("A; B", 1)
    assert (x["n_at_or_above_target"], x["n_with_target"]) == (1, 3)
    assert x["n_substandard_cells"] == 2
    assert (z["n"], z["n_not_assessed"], z["mean"], z["weakest"]) == (2, 1, 3.5, "A")
    assert (z["n_at_or_above_target"], z["share_at_or_above_target"]) == (2, 1.0)
    assert orgs.loc["Y", "mean"] == 3


@pytest.mark.parametrize(
    ("levels", "floor", "expected"),
    [
        ([1, 3], 2, False),  # mean 2.0: at the boundary, not substandard
        ([2, 2, 2, 1, 3], 2, False),  # mean 2.0
        ([1] + [2] * 9, 2, True),  # mean 1.9
        ([1, 2], 2, True),  # mean 1.5
        ([3, 3], 3, False),  # mean 3.0 with acceptable from 3
        ([2, 3, 3], 3, True),  # mean 2.67 with acceptable from 3
    ],
)
def test_substandard_rule_at_its_boundary(levels, floor, expected):
    data = pd.DataFrame(
        {
            "wave": None,
            "organisation": [f"O{i}" for i in range(len(levels))],
            "capability": "K",
            "goal": "G",
            "level": levels,
            "target": 3,
            "source": "",
        }
    )
    scale = SCALE.assign(acceptable=SCALE["level"] >= floor)
    row = capability_summary(data, levels=scale).capabilities.iloc[0]
    assert lowest_acceptable(scale) == floor
    assert bool(row["substandard"]) is expected


def test_summary_without_scale_leaves_substandard_missing():
    summary = capability_summary(small_map())
    assert summary.capabilities["substandard"].isna().all()
    assert math.isnan(summary.lowest_acceptable)


def test_summary_keeps_waves_apart():
    data = pd.concat([small_map().assign(wave=2022), small_map().assign(wave=2024)])
    caps = capability_summary(data, levels=SCALE).capabilities
    assert len(caps) == 6 and caps.groupby("wave").size().tolist() == [3, 3]


def test_summary_takes_the_tidy_table_and_lists_its_tables():
    summary = capability_summary(small_map(), levels=SCALE)
    tables = summary.tables()
    assert list(tables) == [
        "capability_capabilities",
        "capability_goals",
        "capability_organisations",
    ]
    assert tables["capability_goals"] is summary.goals
    from types import SimpleNamespace

    with pytest.raises(TypeError, match="capabilities table"):
        capability_summary(SimpleNamespace(assessments=small_map(), levels=SCALE))


def test_goal_profiles():
    profiles = goal_profiles(small_map())
    row = profiles[(profiles["organisation"] == "Z") & (profiles["goal"] == "G1")].iloc[0]
    assert (row["n"], row["mean"], row["target"]) == (1, 3, 3)


# -- the demo ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = write_capability_demo(tmp_path_factory.mktemp("demo"))
    orgs = pd.concat(
        [
            pd.DataFrame({"organisation": ORGANISATIONS, "alias": ORGANISATIONS}),
            pd.DataFrame({"organisation": ["Åmål"], "alias": ["Åmåls kommun"]}),
        ]
    )
    return path, read_capability_map(path, organisations=orgs)


def test_demo_is_deterministic(tmp_path, demo):
    path, _ = demo
    again = write_capability_demo(tmp_path)
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()


def test_demo_tells_the_story(demo):
    path, cmap = demo
    invariant(cmap)
    assert cmap.problems.empty
    assert cmap.organisations == ORGANISATIONS and JOINT_IT in cmap.organisations
    assert 20 <= len(cmap.capabilities) <= 30
    assert cmap.assessments["goal"].nunique() == 7
    assert cmap.assessments["level"].isna().sum() >= 2
    summary = capability_summary(cmap.assessments, levels=cmap.levels)
    caps = summary.capabilities.set_index("capability")
    assert caps.index[caps["substandard"]].tolist() == [AVVECKLA]
    assert caps.loc[AVVECKLA, "mean"] < 2
    rest = caps.drop(index=AVVECKLA)
    assert rest["mean"].idxmin() == UTVARDERA
    assert (cmap.assessments.query("capability == @UTVARDERA")["level"] <= 2).mean() > 0.5
    assert caps["mean"].idxmax() == DRIFT
    data = cmap.assessments.dropna(subset=["level"])
    best = data.groupby("organisation")["level"].max()
    drift = data[data["capability"] == DRIFT].set_index("organisation")["level"]
    assert (drift.reindex(best.index) == best).all()


def test_committed_demo_workbook_is_current(demo):
    committed = Path(__file__).parent.parent / "data" / "raw" / "formagekarta.xlsx"
    if not committed.exists():
        pytest.skip("data/raw/formagekarta.xlsx not written yet")
    assert committed.read_bytes() == demo[0].read_bytes()


# -- the section -------------------------------------------------------------------------------
def test_detect(demo, tmp_path):
    from maturity.io.capability import detect
    from maturity.io.opener import open_workbook

    assert detect(open_workbook(demo[0]))
    long = make_book(
        tmp_path / "lang.xlsx", {"D": [["Organisation", "Förmåga", "Nivå"], ["Tanum", "A", 2]]}
    )
    assert detect(open_workbook(long))
    other = make_book(tmp_path / "risk.xlsx", {"R": [["ID", "Hot", "S", "K"], [1, "x", 2, 3]]})
    assert not detect(open_workbook(other))
    survey = make_book(
        tmp_path / "enkat.xlsx", {"Svar": [["Organisation", "Roll", "F1"], ["Tanum", "IT-chef", 3]]}
    )
    assert not detect(open_workbook(survey))


def test_section_build(demo):
    from maturity.sections.capability import build

    path, cmap = demo
    section = build(
        [path],
        organisations=pd.DataFrame(
            {"organisation": ["Åmål", *ORGANISATIONS], "alias": ["Åmåls kommun", *ORGANISATIONS]}
        ),
    )
    assert section.name == "capability"
    assert set(section.tables) == {
        "capability_assessments",
        "capability_summary",
        "capability_goals",
        "capability_organisations",
    }
    assert len(section.tables["capability_assessments"]) == len(cmap.assessments)
    assert section.problems.empty
    figures = list(section.figures)
    assert figures[0] == "formagekarta_heatmap" and figures[-1] == "formagekarta_staplar"
    assert any(name.startswith("formagekarta_radar_") for name in figures)
    found = {f.key: f for f in section.findings}
    sub = found["substandard"]
    assert sub.values["capabilities"] == [AVVECKLA]
    mean = sub.values["means"][0]
    assert f"{mean:.1f}".replace(".", ",") in sub.sentence and "Avveckla" in sub.sentence
    assert found["weakest"].values["capability"] == UTVARDERA
    strongest = found["strongest"]
    assert strongest.values["capability"] == DRIFT
    assert strongest.values["n_organisations_best"] == strongest.values["n_organisations"] == 15
    assert "15 av 15" in strongest.sentence
    for finding in section.findings:  # Swedish: decimal comma, never a decimal point
        assert not any(
            ch.isdigit() and nxt == "." and after.isdigit()
            for ch, nxt, after in zip(
                finding.sentence, finding.sentence[1:], finding.sentence[2:], strict=False
            )
        )


def test_section_english_and_no_min_n(demo):
    import inspect

    from maturity.sections.capability import build

    section = build([demo[0]], lang="en")
    assert section.findings[0].sentence.startswith("Only one capability")
    # organisation-level assessments: the stage takes no min_n and suppresses nothing
    assert "min_n" not in inspect.signature(build).parameters
    assert section.tables["capability_summary"]["mean"].notna().all()


def test_section_refuses_maps_with_different_scales(demo, tmp_path):
    from maturity.sections.capability import build

    other = make_book(
        tmp_path / "annan.xlsx",
        {
            "K": [["Förmåga", "Mål", "Målnivå", "Tanum"], ["A", "G", 3, 2]],
            "levels": [
                ["level", "label", "acceptable"],
                [1, "a", "nej"],
                [2, "b", "nej"],
                [3, "c", "ja"],
            ],
        },
    )
    with pytest.raises(InputError, match="level scale"):
        build([demo[0], other])


def test_levels_are_integers_and_level_column_nullable(demo):
    _, cmap = demo
    assert str(cmap.assessments["level"].dtype) == "Int64"
    assert cmap.levels["level"].dtype == np.int64


def test_formula_capability_name_rejects_the_rows_levels(tmp_path):
    path = make_book(
        tmp_path / "k.xlsx",
        {"K": matrix(["=B9", "G", 3, 2, None, 3], ["A", "G", 3, 2, 2, 2]), "levels": LEVELS},
    )
    cmap = read_capability_map(path)
    invariant(cmap)
    assert cmap.problems[["source", "kind"]].values.tolist() == [
        ["k.xlsx:K:D5", "missing_value"],
        ["k.xlsx:K:F5", "missing_value"],
        ["k.xlsx:K:A5", "formula_without_value"],
    ]
    assert cmap.assessments["capability"].tolist() == ["A"] * 3


def test_long_layout_with_the_surveys_organisation_header(tmp_path):
    # one alias table for every reader: "Organisation/kommun" was known to the survey only
    path = make_book(
        tmp_path / "lang.xlsx",
        {
            "levels": LEVELS,
            "D": [["Förmåga", "Organisation/kommun", "Nivå", "Målnivå"], ["A", "Tanum", 2, 3]],
        },
    )
    cmap = read_capability_map(path, organisations=ORGS)
    assert cmap.assessments[["organisation", "level"]].values.tolist() == [["Tanum", 2]]
    assert cmap.cells_read == len(cmap.assessments) + len(cmap.problems)


def test_section_of_several_maps_shows_their_problems_in_its_language(tmp_path):
    from maturity.sections.capability import build

    books = [
        make_book(
            tmp_path / f"{name}.xlsx",
            {"K": [["Förmåga", "Mål", "Målnivå", "Tanum"], ["A", "G", 3, level]], "levels": LEVELS},
        )
        for name, level in (("a", 7), ("b", "kanske"))
    ]
    section = build(books, organisations=ORGS, lang="sv")
    assert section.problems["source"].tolist() == ["a.xlsx:K:D2", "b.xlsx:K:D2"]
    shown = section.report_problems
    assert shown[["source", "kind", "value"]].equals(section.problems[["source", "kind", "value"]])
    assert shown["message"].str.startswith("nivån för Tanum i 'A' ").all()
    assert section.problems["message"].str.startswith("level of Tanum in 'A' ").all()
    assert build(books, organisations=ORGS, lang="en").report_problems.equals(section.problems)


def _random_map(rng: np.random.Generator) -> pd.DataFrame:
    """A tidy capability table as the reader gives it: whole levels (some not assessed), ties,
    missing goals and targets, no wave or one or two waves, rows in any order."""
    n_orgs, n_caps = int(rng.integers(1, 9)), int(rng.integers(1, 12))
    goals = rng.choice(["G1", "G2", "G3", None], n_caps)
    targets = rng.choice([2, 3, 4, -1], n_caps)
    waves = [[None], [2024], [2023, 2024]][int(rng.integers(3))]
    rows = [
        (wave, f"O{o}", f"C{c}", goals[c], targets[c])
        for wave in waves
        for c in range(n_caps)
        for o in range(n_orgs)
    ]
    if rng.random() < 0.3:  # a capability assessed twice (two maps of one wave)
        rows += rows[: int(rng.integers(1, len(rows) + 1))]
    frame = pd.DataFrame(rows, columns=["wave", "organisation", "capability", "goal", "target"])
    frame = frame.sample(frac=1, random_state=int(rng.integers(1 << 30))).reset_index(drop=True)
    level = rng.integers(1, 4, len(frame)).astype(float)
    level[rng.random(len(frame)) < 0.15] = np.nan
    target = frame["target"].to_numpy(dtype=float)
    target[(target < 0) | (rng.random(len(frame)) < 0.05)] = np.nan
    frame["level"] = pd.array([None if v != v else int(v) for v in level], dtype="Int64")
    frame["target"] = pd.array([None if v != v else int(v) for v in target], dtype="Int64")
    frame["organisation"] = frame["organisation"].astype("str")
    frame["capability"] = frame["capability"].astype("str")
    frame["source"] = "karta.xlsx"
    return frame[ASSESSMENT_COLUMNS]


@pytest.mark.parametrize("seed", range(40))
def test_summary_over_group_codes_equals_one_group_at_a_time(seed):
    rng = np.random.default_rng(seed)
    data = _random_map(rng)
    acceptable = [False, *(rng.random(4) < 0.8)]
    scale = pd.DataFrame(
        {"level": [1, 2, 3, 4, 5], "label": list("abcde"), "acceptable": acceptable}
    )
    scale = scale if seed % 5 else None
    summary = capability_summary(data, levels=scale)
    expected = ref.capability_summary(data, levels=scale)
    for got, want in zip(
        (summary.capabilities, summary.goals, summary.organisations), expected, strict=True
    ):
        pd.testing.assert_frame_equal(got, want, check_exact=True)
    pd.testing.assert_frame_equal(goal_profiles(data), ref.goal_profiles(data), check_exact=True)
