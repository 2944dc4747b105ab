"""Priorities for the next plan: the table, the finding branch by branch, the figure, the
readers' optional ``serves`` column and the demo."""

import pandas as pd
import pytest

from maturity import text
from maturity.findings.priorities import priorities_findings
from maturity.priorities import PRIORITY_COLUMNS, priorities, served
from maturity.sections import Section
from maturity.sections.priorities import priorities_section
from tests._workbooks import write_rows

#: Every text key the tests of this module render.
RENDERED: set[str] = set()


@pytest.fixture(autouse=True)
def _record_words(monkeypatch):
    original = text.word

    def recording(key, lang, /, **fields):
        RENDERED.add(key)
        return original(key, lang, **fields)

    monkeypatch.setattr(text, "word", recording)


def summary(rows):
    """A capability summary from (goal, capability, mean, target, share_below_target)."""
    frame = pd.DataFrame(rows, columns=["goal", "capability", "mean", "target", "share"])
    return pd.DataFrame(
        {
            "wave": float("nan"),
            "goal": frame["goal"],
            "capability": frame["capability"],
            "n": 10,
            "mean": frame["mean"],
            "target": frame["target"],
            "gap": frame["mean"] - frame["target"],
            "share_below_target": frame["share"],
        }
    )


SUMMARY = summary(
    [
        ("Styrning", "Leda", 3.4, 3, 0.1),
        ("Styrning", "Utvärdera", 2.1, 3, 0.8),
        ("Livscykel", "Avveckla", 1.5, 3, 1.0),
        ("Data", "Dela data", 2.6, 3, 0.4),
    ]
)
ACTIONS = pd.DataFrame(
    {
        "activity": ["Uppföljningsmodell", "Öppna data", "Nedlagt", "Utan koppling"],
        "year": [2020, 2021, 2021, 2021],
        "status": ["done", "planned", "cancelled", "ongoing"],
        "serves": ["Utvärdera", "data", "avveckla", None],
    }
)
RISKS = pd.DataFrame(
    {
        "risk_id": ["R1", "R2", "R1"],
        "date": pd.to_datetime(["2020-01-01", "2020-01-01", "2020-06-01"]),
        "threat": ["Gamla system", "Stängd risk", "Gamla system"],
        "serves": ["Avveckla", "Utvärdera", "Avveckla"],
    }
)


def test_capabilities_below_target_largest_gap_first_with_what_addresses_them():
    table = priorities(SUMMARY, ACTIONS, RISKS)
    assert table.columns.tolist() == PRIORITY_COLUMNS
    assert table["capability"].tolist() == ["Avveckla", "Utvärdera", "Dela data"]
    assert table["gap"].round(2).tolist() == [-1.5, -0.9, -0.4]
    assert table["n_below_target"].tolist() == [10, 8, 4]
    rows = table.set_index("capability")
    assert rows.loc["Utvärdera", "activities"] == "Uppföljningsmodell (2020)"
    # the goal named: "data" is the goal of Dela data
    assert rows.loc["Dela data", "activities"] == "Öppna data (2021)"
    # a cancelled activity does not address; the open risk (latest meeting) is named
    assert rows.loc["Avveckla", "n_addressing"] == 0 and rows.loc["Avveckla", "unaddressed"]
    assert rows.loc["Avveckla", "risks"] == "R1 Gamla system"
    # R2 was closed before the latest meeting
    assert rows.loc["Utvärdera", "n_open_risks"] == 0
    assert not rows.loc["Utvärdera", "unaddressed"]
    counted = priorities(SUMMARY, ACTIONS, RISKS, include_cancelled=True)
    assert not counted.set_index("capability").loc["Avveckla", "unaddressed"]


def test_none_below_target_gives_an_empty_table():
    table = priorities(summary([("G", "A", 3.5, 3, 0.0)]), ACTIONS, None)
    assert table.empty and table.columns.tolist() == PRIORITY_COLUMNS


def test_the_latest_wave_only():
    two = pd.concat([SUMMARY.assign(wave=2020.0), SUMMARY.assign(wave=2022.0, gap=0.5)])
    assert priorities(two, None, None).empty
    assert len(priorities(two[two["wave"] == 2020.0], None, None)) == 3


def test_served_splits_on_semicolons_not_commas():
    assert served("Kompetens, kultur och samverkan; Avveckla") == {
        "kompetens, kultur och samverkan",
        "avveckla",
    }
    assert served(float("nan")) == set() and served(pd.NA) == set()


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_finding_none_below_target(lang):
    empty = priorities(summary([("G", "A", 3.5, 3, 0.0)]), None, None)
    (finding,) = priorities_findings(empty, n_capabilities=1, lang=lang)
    assert finding.sentence == text.word("priorities.finding.none", lang, total=1)
    assert finding.values["n_below"] == 0


def test_finding_several_with_one_candidate():
    table = priorities(SUMMARY, ACTIONS, RISKS)
    (finding,) = priorities_findings(table, n_capabilities=4, lang="sv")
    assert finding.sentence.startswith("3 av 4 förmågor ligger under målnivån")
    assert "Avveckla (1,5 nivåer, 10 av 10 organisationer" in finding.sentence
    assert "1 av dem har ingen aktivitet" in finding.sentence and "”Avveckla”" in finding.sentence
    assert finding.values["candidates"] == ["Avveckla"]


@pytest.mark.parametrize("lang", text.LANGUAGES)
def test_finding_one_below_target_and_unaddressed(lang):
    table = priorities(summary([("G", "Avveckla", 1.5, 3, 1.0)]), None, None)
    (finding,) = priorities_findings(table, n_capabilities=3, lang=lang)
    assert finding.sentence.startswith("1 ")
    assert text.word("priorities.finding.candidate_one", lang) in finding.sentence
    assert finding.values["candidates"] == ["Avveckla"]


def test_finding_all_addressed_and_without_a_link():
    table = priorities(SUMMARY, ACTIONS, RISKS, include_cancelled=True)
    (finding,) = priorities_findings(table, n_capabilities=4, lang="en")
    assert finding.sentence.endswith("at least one activity for each of them.")
    unlinked = priorities(SUMMARY, ACTIONS.drop(columns="serves"), None)
    assert unlinked["unaddressed"].all()
    (finding,) = priorities_findings(unlinked, n_capabilities=4, linked=False, lang="en")
    assert "cannot be told" in finding.sentence and finding.values["candidates"] == []


def test_section_table_figure_and_finding():
    sections = [
        Section("capability", tables={"capability_summary": SUMMARY}),
        Section("actionplan", tables={"actions": ACTIONS}),
        Section("risk", tables={"risks": RISKS}),
    ]
    section = priorities_section(sections, lang="en")
    assert section.name == "priorities" and len(section.tables["priorities"]) == 3
    assert section.findings[0].key == "candidates"
    fig = section.figures["prioriteringar"]()
    assert fig.axes[0].get_title(loc="left") == text.word("priorities.title", "en")
    width, height = fig.get_size_inches()
    assert width <= 13.34 and height <= 7.5
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == "Avveckla"  # the largest gap on top
    import matplotlib.pyplot as plt

    plt.close(fig)
    assert priorities_section(sections[1:]) is None


def test_figure_without_gaps_says_so():
    import matplotlib.pyplot as plt

    from maturity.plots.priorities import priority_gaps

    fig = priority_gaps(priorities(summary([("G", "A", 3.5, 3, 0.0)]), None, None), lang="sv")
    assert fig.axes[0].texts[0].get_text() == text.word("priorities.none", "sv")
    plt.close(fig)


def test_readers_take_the_optional_serves_column(tmp_path):
    import maturity as mt

    plan = write_rows(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Område", "Aktivitet", "År", "Status", "Budget", "Utfall", "Förmåga/mål"],
                ["Styrning", "Modell", 2020, "Klar", 100, 100, "Utvärdera"],
                ["Styrning", "Annat", 2020, "Klar", 100, 100, None],
            ]
        },
    )
    read = mt.read_action_plan(plan)
    assert read.actions["serves"].tolist() == ["Utvärdera", None]
    assert read.cells_read == read.cells_accepted + len(read.problems)
    register = write_rows(
        tmp_path / "risk.xlsx",
        {
            "2020-01-01": [
                ["ID", "Hot", "S", "K", "R", "Åtgärd", "Bidrar till"],
                ["R1", "Gamla system", 3, 4, 12, "Exitplan", "Avveckla"],
            ]
        },
    )
    risks = mt.read_risk_register(register)
    assert risks.risks["serves"].tolist() == ["Avveckla"]
    assert risks.cells_read == risks.cells_accepted + len(risks.problems)


def test_demo_names_what_activities_and_risks_serve():
    from pathlib import Path

    import maturity as mt

    raw = Path(__file__).parents[1] / "data" / "raw"
    plan = mt.read_action_plan(raw / "handlingsplan.xlsx")
    assert plan.actions["serves"].notna().mean() > 0.8
    register = mt.read_risk_register(raw / "riskregister.xlsx")
    assert (register.risks["serves"] != "").all()


def test_zz_every_priorities_key_is_rendered():
    keys = {key for key in text.WORDS if key.startswith("priorities.finding.")}
    assert not keys - RENDERED, sorted(keys - RENDERED)
