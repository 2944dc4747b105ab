"""Capability-map figures: drawn without error, Swedish by default, English on request."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from maturity.capability import capability_summary  # noqa: E402
from maturity.demo.capability import write_capability_demo  # noqa: E402
from maturity.demo.organisations import ORGANISATIONS  # noqa: E402
from maturity.io.capability import read_capability_map  # noqa: E402
from maturity.plots.capability import (  # noqa: E402
    capability_bars,
    capability_heatmap,
    capability_radar,
    joint_organisations,
)

ORGS = pd.DataFrame(
    {"organisation": ["Åmål", *ORGANISATIONS], "alias": ["Åmåls kommun", *ORGANISATIONS]}
)


@pytest.fixture(scope="module")
def cmap(tmp_path_factory):
    return read_capability_map(
        write_capability_demo(tmp_path_factory.mktemp("demo")), organisations=ORGS
    )


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_heatmap_swedish(cmap):
    fig = capability_heatmap(cmap)
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    words = texts(fig)
    assert "Förmågekarta: mognadsnivå per förmåga och organisation" in words
    assert "Medel" in words and "Målnivå" in words and "1 Undermålig" in words
    assert "– Ej bedömd" in words and "1,5" in words  # Avveckla's mean, decimal comma
    assert "Livscykelhantering av system" in words  # a goal band
    assert "Upprätthålla en stabil och tillförlitlig…" in words  # one line on a slide
    assert "Åmål" in words and "SML-IT" in words
    # SML-IT stands apart: after the municipalities, past a gap
    ticks = {t.get_text(): t.get_position()[0] for t in fig.axes[0].get_xticklabels()}
    assert ticks["SML-IT"] - ticks["Åmål"] > 1.2


def test_heatmap_english_and_from_a_table(cmap):
    fig = capability_heatmap(cmap.assessments, levels=cmap.levels, lang="en", set_apart=[])
    fig.canvas.draw()
    words = texts(fig)
    assert "Mean" in words and "Target" in words and "1.5" in words and "– Not assessed" in words


def test_heatmap_orders_capabilities_by_mean_within_goal(cmap):
    fig = capability_heatmap(cmap, label_width=200)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    summary = capability_summary(cmap.assessments, levels=cmap.levels)
    means = summary.capabilities.set_index("capability")["mean"]
    goal = cmap.assessments.drop_duplicates("capability").set_index("capability")["goal"]
    for g in goal.unique():
        in_goal = [c for c in labels if goal[c] == g]
        assert list(means[in_goal]) == sorted(means[in_goal], reverse=True)


def test_heatmap_other_scale_without_levels():
    data = pd.DataFrame(
        {
            "wave": None,
            "organisation": ["A", "B", "A", "B"],
            "capability": ["x", "x", "y", "y"],
            "goal": "G",
            "level": pd.array([1, 3, None, 2], dtype="Int64"),
            "target": 3,
            "source": "",
        }
    )
    fig = capability_heatmap(data)
    fig.canvas.draw()
    assert "3 3" in texts(fig)


def test_radar(cmap):
    fig = capability_radar(cmap, organisation="Tanum")
    fig.canvas.draw()
    words = texts(fig)
    assert "Tanum: medelnivå per mål" in words
    assert "Alla organisationers medelvärde" in words and "Målnivå" in words
    assert any("," in w and w.replace(",", "").isdigit() for w in words)  # decimal comma
    fig = capability_radar(cmap, organisation="SML-IT", lang="en")
    assert "Mean of all organisations" in texts(fig)


def _png(fig: Figure) -> bytes:
    import io

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=60, metadata={"Software": None})
    return out.getvalue()


def test_figures_from_the_summaries_already_computed_are_the_same(cmap):
    from maturity.capability import goal_profiles

    summary = capability_summary(cmap.assessments, levels=cmap.levels).capabilities
    assert _png(capability_heatmap(cmap, summary=summary)) == _png(capability_heatmap(cmap))
    profiles = goal_profiles(cmap.assessments)
    for org in ("Tanum", "SML-IT"):
        drawn = capability_radar(cmap, organisation=org, profiles=profiles)
        assert _png(drawn) == _png(capability_radar(cmap, organisation=org))
    # the summary given is what the heatmap draws
    other = summary.assign(mean=summary["mean"][::-1].to_numpy())
    assert _png(capability_heatmap(cmap, summary=other)) != _png(capability_heatmap(cmap))


def test_radar_unknown_organisation(cmap):
    with pytest.raises(ValueError, match="Okänd"):
        capability_radar(cmap, organisation="Okänd")


def test_bars(cmap):
    summary = capability_summary(cmap.assessments, levels=cmap.levels)
    fig = capability_bars(summary)
    fig.canvas.draw()
    words = texts(fig)
    assert "Lägsta godtagbara nivå (2)" in words and "Undermåligt medelvärde" in words
    labels = fig.axes[0].get_yticklabels()
    assert labels[0].get_text() == "Avveckla"  # lowest mean at the bottom
    assert labels[0].get_color() != labels[1].get_color()  # substandard highlighted
    assert "Mean level" in texts(capability_bars(cmap, lang="en"))
    capability_bars(summary.capabilities, levels=cmap.levels)


def test_figures_are_not_saved(cmap, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    capability_heatmap(cmap)
    capability_radar(cmap, organisation="Åmål")
    capability_bars(cmap)
    assert list(tmp_path.iterdir()) == []


def test_joint_organisations():
    assert joint_organisations(["Åmål", "SML-IT", "Itterö", "IT-förbundet"]) == [
        "SML-IT",
        "IT-förbundet",
    ]


def test_each_figure_draws_into_a_given_axes(cmap):
    fig, (left, right) = plt.subplots(1, 2, figsize=(20, 8))
    assert capability_heatmap(cmap, ax=right) is fig
    assert len(fig.axes) == 2 and not left.patches and right.patches
    assert right.get_title(loc="left").startswith("Förmågekarta")
    fig, ax = plt.subplots()
    assert capability_bars(cmap, ax=ax, lang="en") is fig
    assert len(fig.axes) == 1 and len(ax.patches) > 0 and ax.get_legend() is not None
    fig, ax = plt.subplots(subplot_kw={"projection": "polar"})
    assert capability_radar(cmap, organisation="Tanum", ax=ax) is fig
    assert len(fig.axes) == 1 and ax.lines
    with pytest.raises(ValueError, match="polar"):
        capability_radar(cmap, organisation="Tanum", ax=plt.subplots()[1])
