"""Risk and action-plan figures: they draw, say the right words, and never save."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from maturity.actionplan import action_plan_summary  # noqa: E402
from maturity.demo.actionplan import write_action_plan_demo  # noqa: E402
from maturity.demo.risk import MEETINGS, write_risk_demo  # noqa: E402
from maturity.io.actionplan import read_action_plan  # noqa: E402
from maturity.io.risk import read_risk_register  # noqa: E402
from maturity.plots.actionplan import action_status, budget_use  # noqa: E402
from maturity.plots.risk import level_colours, risk_matrix, risk_trend  # noqa: E402
from maturity.risk import risk_summary  # noqa: E402


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    return read_risk_register(write_risk_demo(tmp_path_factory.mktemp("risk")))


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return read_action_plan(write_action_plan_demo(tmp_path_factory.mktemp("plan")))


def texts(fig) -> list[str]:
    found = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return [t for t in found if t]


def render(fig, path):
    fig.savefig(path)
    plt.close(fig)
    assert path.stat().st_size > 10_000


def test_matrix_latest_meeting(register, tmp_path):
    fig = risk_matrix(register)
    words = texts(fig)
    assert f"Riskmatris – möte {MEETINGS[-1]}" in words
    assert "Sannolikhet (S)" in words and "Konsekvens (K)" in words
    latest = register.risks[register.risks["date"] == MEETINGS[-1]]
    for risk_id in latest["risk_id"]:
        assert words.count(risk_id) == 2  # in its cell and in the key
    assert "R6" not in words  # closed before the latest meeting
    assert any(w.startswith("kritisk (20–25)") for w in words)
    render(fig, tmp_path / "matrix.png")


def test_matrix_every_meeting_and_english(register, tmp_path):
    for meeting in MEETINGS:
        fig = risk_matrix(register, date=meeting, lang="en", key=False)
        words = texts(fig)
        assert f"Risk matrix – meeting {meeting}" in words
        assert "Probability (S)" in words
        plt.close(fig)
    with pytest.raises(ValueError, match="no meeting"):
        risk_matrix(register, date="2021-01-01")


def test_matrix_many_risks_in_one_cell(tmp_path):
    risks = pd.DataFrame(
        {
            "risk_id": [f"R{i}" for i in range(1, 8)],
            "date": ["2020-01-01"] * 7,
            "probability": [3] * 7,
            "impact": [4] * 7,
            "threat": ["x"] * 7,
        }
    )
    fig = risk_matrix(risks)
    boxes = [t for t in fig.axes[0].texts if t.get_text().startswith("R")]
    assert len(boxes) == 7
    positions = {(round(t.get_position()[0], 3), round(t.get_position()[1], 3)) for t in boxes}
    assert len(positions) == 7  # no two IDs on top of each other
    assert all(3.5 < x < 4.5 and 2.5 < y < 3.5 for x, y in positions)
    render(fig, tmp_path / "crowded.png")


def test_trend_shows_every_meeting_and_risk(register, tmp_path):
    fig = risk_trend(register)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == MEETINGS
    words = texts(fig)
    assert "R6 (stängd)" in words
    assert any(w.startswith("R8 Osäker rättslig grund") for w in words)
    # the title names the meetings it shows
    assert f"Riskvärde R per möte – {MEETINGS[0]}–{MEETINGS[-1]}" in words
    render(fig, tmp_path / "trend.png")
    fig = risk_trend(risk_summary(register.risks), lang="en")
    assert "R6 (closed)" in texts(fig)
    plt.close(fig)


def test_trend_draws_every_value_exactly(register):
    """No point is moved to avoid overlap: every drawn y is a real R (or a closed risk's last
    R), and each risk's points lie at its own R at each meeting."""
    trend = risk_summary(register.risks).trend
    fig = risk_trend(register)
    ax = fig.axes[0]
    allowed = set(trend["score"].dropna().astype(float)) | set(
        trend["previous_score"].dropna().astype(float)
    )
    ys = {float(y) for line in ax.get_lines() for y in line.get_ydata()}
    assert ys <= allowed
    # R2 stays at 16 from the first to the second meeting; R3 is at 12 at every meeting
    drawn = {
        (round(float(x), 6), float(y))
        for line in ax.get_lines()
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
    }
    assert {(0.0, 16.0), (1.0, 16.0), (0.0, 12.0), (1.0, 12.0), (2.0, 12.0)} <= drawn
    plt.close(fig)


def test_trend_shared_segments_are_drawn_wider_underneath():
    risks = pd.DataFrame(
        {
            "risk_id": ["R1", "R2", "R1", "R2"],
            "date": ["2020-01-01", "2020-01-01", "2020-06-01", "2020-06-01"],
            "probability": [3, 3, 3, 3],
            "impact": [4, 4, 4, 4],
            "threat": ["a", "b", "a", "b"],
        }
    )
    fig = risk_trend(risks)
    segments = [
        line
        for line in fig.axes[0].get_lines()
        if len(line.get_xdata()) == 2 and line.get_linestyle() == "-"
    ]
    assert sorted(line.get_linewidth() for line in segments) == [2.4, 5.4]
    assert {float(y) for line in segments for y in line.get_ydata()} == {12.0}
    plt.close(fig)


def test_level_colours_are_ordered_by_lightness():
    from matplotlib.colors import to_rgb

    colours = list(level_colours().values())
    lightness = [sum(to_rgb(c)) for c in colours]
    assert lightness == sorted(lightness, reverse=True)
    assert len(level_colours({"a": 5, "b": 10, "c": 15, "d": 20, "e": 22, "f": 24, "g": 25})) == 7


def test_action_status(plan, tmp_path):
    fig = action_status(plan)
    assert len(fig.axes) == 3
    words = texts(fig)
    assert "Aktiviteternas status per område – 2018–2020" in words
    assert any("genomförda" in w and "%" in w for w in words)
    assert "försenad" in words
    assert any("Informationshantering" in w for w in words)
    render(fig, tmp_path / "status.png")
    summary = action_plan_summary(plan.actions, budget=plan.budget)
    fig = action_status(summary, year=2019, lang="en")
    assert len(fig.axes) == 1 and "delayed" in texts(fig)
    plt.close(fig)


def test_budget_use_shows_partial_use(plan, tmp_path):
    fig = budget_use(plan)
    words = texts(fig)
    years = action_plan_summary(plan.actions, budget=plan.budget).years
    for share in years["utilisation"]:
        assert f"Utfall {round(share * 100)} %\nav anslaget" in words
    assert "5,0" in words and "Mkr" in words
    assert any("," in w and w.replace(",", "").isdigit() for w in words)
    render(fig, tmp_path / "budget.png")
    fig = budget_use(plan, lang="en")
    assert "SEK million" in texts(fig)
    plt.close(fig)


def test_section_figures_draw(tmp_path):
    from maturity.sections import actionplan, risk

    built = risk.build([write_risk_demo(tmp_path)])
    assert len([n for n in built.figures if n.startswith("riskmatris_")]) == len(MEETINGS)
    for name, draw in built.figures.items():
        fig = draw()
        assert isinstance(fig, matplotlib.figure.Figure), name
        plt.close(fig)
    built = actionplan.build([write_action_plan_demo(tmp_path)])
    for name, draw in built.figures.items():
        fig = draw()
        assert isinstance(fig, matplotlib.figure.Figure), name
        plt.close(fig)


def test_risk_and_budget_figures_draw_into_a_given_axes(register, plan):
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(20, 6))
    assert risk_matrix(register, ax=a) is fig  # without its key: that needs its own axes
    assert a.get_title(loc="left") == f"Riskmatris – möte {MEETINGS[-1]}"
    assert risk_trend(register, ax=b, lang="en") is fig
    assert b.get_title(loc="left") == f"Risk score R by meeting – {MEETINGS[0]}–{MEETINGS[-1]}"
    assert budget_use(plan, ax=c) is fig
    assert len(fig.axes) == 3 and all(ax.patches or ax.lines for ax in (a, b, c))
    with pytest.raises(ValueError, match="key"):
        risk_matrix(register, key=True, ax=a)
    plt.close(fig)


def test_status_legend_and_colours_follow_the_canonical_statuses(plan):
    from maturity.actionplan import STATUSES
    from maturity.plots.actionplan import STATUS_COLOURS

    assert list(STATUS_COLOURS) == list(STATUSES)
    fig = action_status(plan, lang="en")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    # in the canonical order, and only the statuses that occur (the demo plan has no planned)
    assert legend == ["done", "ongoing", "delayed", "cancelled"]
    assert "planned" not in set(plan.actions["status"])
    plt.close(fig)
