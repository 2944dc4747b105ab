"""Figures for slides: every figure fits a 16:9 slide (13,33 × 7,5 in at its resolution) with
readable text, names the wave it shows, and keeps fitting at 290 organisations (distributions
and comparison groups instead of a row or a column per organisation)."""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from PIL import Image

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from maturity.plots import capability as pc  # noqa: E402
from maturity.plots import survey as ps  # noqa: E402
from maturity.plots.style import MAX_ROWS, MIN_FONT, SLIDE_HEIGHT, SLIDE_WIDTH  # noqa: E402
from maturity.report.figures import save_figure  # noqa: E402

N_ORGANISATIONS = 290
DIMENSIONS = ["Styrning", "Verksamhetsutveckling", "Information och data", "Teknik", "Samverkan"]
LEVELS = pd.DataFrame(
    {
        "level": [1, 2, 3, 4, 5],
        "label": ["Undermålig", "Grundläggande", "Definierad", "Etablerad", "Ledande"],
        "acceptable": [False, True, True, True, True],
    }
)


def _png_inches(path) -> tuple[float, float]:
    image = Image.open(path)
    dpi = image.info["dpi"][0]
    return image.size[0] / dpi, image.size[1] / dpi


def _fits(path) -> bool:
    width, height = _png_inches(path)
    return width <= SLIDE_WIDTH + 1e-6 and height <= SLIDE_HEIGHT + 1e-6


# --------------------------------------------------------------------------- the demo report


def test_every_demo_figure_fits_a_slide(demo_report):
    root, _ = demo_report
    pngs = sorted((root / "reports" / "figures").glob("*.png"))
    assert len(pngs) > 20
    too_big = {p.name: _png_inches(p) for p in pngs if not _fits(p)}
    assert not too_big, too_big


def test_the_long_figures_are_split_not_grown(demo_report):
    root, _ = demo_report
    names = {p.stem for p in (root / "reports" / "figures").glob("*.png")}
    # one slide per role instead of one page of both roles' statements
    assert {
        "enkat_forandring_pastaenden_forvaltningschef",
        "enkat_forandring_pastaenden_itchef",
    } <= names
    assert "enkat_forandring_pastaenden" not in names
    # the distributions are one slide per dimension; no page of a role's every statement
    assert "enkat_fordelning_itchef" not in names
    assert sum(n.startswith("enkat_fordelning_itchef_") for n in names) == 6


def test_summary_headings_are_captions_not_file_names(demo_report):
    root, result = demo_report
    summary = (root / "reports" / "summary.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### (.+)$", summary, flags=re.MULTILINE)
    stems = {p.stem for p in (root / "reports" / "figures").glob("*.png")}
    assert len(headings) == len(stems)
    for heading in headings:
        assert heading not in stems and "_" not in heading, heading
    # a caption names what and which wave it shows
    assert "### Förvaltningschefer: medelvärde per påstående – 2022" in summary
    assert "### IT-chefer, Samverkan: svarsfördelning – 2022" in summary
    assert "### Förändring per dimension, 2020–2022" in summary
    assert "### Riskmatris vid det senaste mötet, 2020-09-17" in summary
    assert "![Förmågornas medelnivå och avstånd till målnivån]" in summary


def test_every_spec_has_a_caption(demo_report):
    _, result = demo_report
    specs = {name: spec for s in result.sections for name, spec in s.figures.items()}
    assert specs and all(spec.caption for spec in specs.values())


def test_survey_figures_are_drawn_from_summaries_not_responses(demo_report):
    _, result = demo_report
    survey = next(s for s in result.sections if s.name == "survey")
    responses = survey.tables["responses"]
    for name, spec in survey.figures.items():
        for table in [*spec.args, *spec.kwargs.values()]:
            if isinstance(table, pd.DataFrame):
                assert len(table) < len(responses) / 10, name
                assert "respondent" not in table.columns, name


# --------------------------------------------------------------------------- small drawings


def _texts(fig) -> list[Text]:
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _check_readable(fig, path) -> None:
    """Saved slide-sized, every text at least 10 pt, at most ~30 rows of labels per axes."""
    small = sorted(
        {
            (t.get_text()[:30], t.get_fontsize())
            for t in _texts(fig)
            if t.get_fontsize() < MIN_FONT - 1e-9
        }
    )
    assert not small, small
    for ax in fig.axes:
        labels = [t for t in ax.get_yticklabels() if t.get_text().strip()]
        assert len(labels) <= MAX_ROWS + 2, len(labels)
        labels = [t for t in ax.get_xticklabels() if t.get_text().strip()]
        assert len(labels) <= MAX_ROWS + 2, len(labels)
    save_figure(fig, path)
    assert _fits(path.with_suffix(".png")), _png_inches(path.with_suffix(".png"))


@pytest.fixture(scope="module")
def national():
    """290 organisations in 9 comparison groups: the organisation × role × dimension
    statistics of a survey (the managers' groups large enough, the IT managers' not) and a
    capability map of 22 capabilities."""
    rng = np.random.default_rng(3)
    organisations = [f"Kommun {k:03d}" for k in range(N_ORGANISATIONS)]
    groups = pd.DataFrame(
        {"organisation": organisations, "group": [f"Grupp {k % 9 + 1}" for k in range(290)]}
    )
    rows = []
    for org in organisations:
        for role, n in (("förvaltningschef", int(rng.integers(3, 12))), ("IT-chef", 1)):
            for dimension in DIMENSIONS:
                rows.append(
                    {
                        "wave": 2024,
                        "organisation": org,
                        "role": role,
                        "dimension": dimension,
                        "mean": float(np.clip(rng.normal(3.2, 0.4), 1, 5)),
                        "n_respondents": n,
                        "suppressed": n < 5,
                    }
                )
    described = pd.DataFrame(rows)
    described.loc[described["suppressed"], "mean"] = np.nan
    assessments = pd.DataFrame(
        [
            {
                "wave": 2024,
                "organisation": org,
                "capability": f"Förmåga {c + 1}: att leda och följa upp arbetet",
                "goal": f"Mål {c // 4 + 1}",
                "level": int(np.clip(round(rng.normal(3, 0.9)), 1, 5)),
                "target": 3 + c % 2,
            }
            for c in range(22)
            for org in organisations
        ]
    )
    return described, assessments, groups


def test_organisation_heatmap_gives_way_to_a_distribution(national, tmp_path):
    described, _, _ = national
    fig = ps.organisation_heatmap(described, scale=(1, 5))
    words = [t.get_text() for t in _texts(fig)]
    assert "Organisationernas medelvärden per dimension – 2024" in words
    assert not any(w.startswith("Kommun ") for w in words)  # no row per organisation
    ax = fig.axes[1]
    assert ax.get_xlim()[0] == pytest.approx(0.9)  # a 1–5 scale starts at 1
    _check_readable(fig, tmp_path / "organisations")
    plt.close(fig)


def test_survey_group_means(national, tmp_path):
    described, _, groups = national
    table = ps.group_table(described, groups)
    managers = table[table["role"] == "förvaltningschef"]
    # every group's mean is the mean of its organisations' (unsuppressed) means
    shown = described[~described["suppressed"]].merge(groups, on="organisation")
    expected = shown.groupby(["group", "dimension"])["mean"].mean()
    first = managers[managers["organisation"].str.startswith("Grupp 1 (")]
    for row in first.itertuples():
        assert row.mean == pytest.approx(expected[("Grupp 1", row.dimension)])
    assert managers["organisation"].str.startswith("Alla (").any()
    fig = ps.group_means(described, groups=groups, scale=(1, 5))
    assert "Medelvärde per jämförelsegrupp – 2024" in [t.get_text() for t in _texts(fig)]
    _check_readable(fig, tmp_path / "groups")
    plt.close(fig)


def test_capability_heatmap_gives_way_to_shares_per_level(national, tmp_path):
    _, assessments, _ = national
    fig = pc.capability_heatmap(assessments, levels=LEVELS)
    words = [t.get_text() for t in _texts(fig)]
    assert "Förmågekarta: andel organisationer per nivå och förmåga – 2024" in words
    assert not any(w.startswith("Kommun ") for w in words)
    _check_readable(fig, tmp_path / "capability")
    plt.close(fig)


def test_capability_groups(national, tmp_path):
    _, assessments, groups = national
    fig = pc.capability_groups(assessments, groups=groups, levels=LEVELS)
    words = [t.get_text() for t in _texts(fig)]
    assert any(w.startswith("Grupp 1 (") for w in words)
    first = assessments.merge(groups, on="organisation")
    mean = first[(first["group"] == "Grupp 1") & (first["capability"].str.startswith("Förmåga 1:"))]
    assert text_number(mean["level"].mean()) in words
    _check_readable(fig, tmp_path / "capability_groups")
    plt.close(fig)


def text_number(value: float) -> str:
    from maturity import text

    return text.number(value, "sv")


def test_capability_bars_start_at_the_scale_and_show_gaps(national, tmp_path):
    from maturity.capability import capability_summary

    _, assessments, _ = national
    summary = capability_summary(assessments, levels=LEVELS).capabilities
    fig = pc.capability_bars(summary, levels=LEVELS)
    ax = fig.axes[0]
    assert ax.get_xlim()[0] == pytest.approx(0.9)
    words = [t.get_text() for t in _texts(fig)]
    below = summary[summary["mean"] < summary["target"]]
    assert len(below)
    gap = (below["mean"] - below["target"]).iloc[0]
    assert text_number(gap).replace("-", "−") in [w.replace("-", "−") for w in words]
    assert "Avstånd till målnivån" in words
    _check_readable(fig, tmp_path / "bars")
    plt.close(fig)


# --------------------------------------------------------------------------- comparison groups


def _codebook_with_groups(tmp_path, rows):
    from tests._workbooks import SCALE, STATEMENTS, write_rows

    sheets = {
        "statements": [["statement", "text", "role", "dimension", "reverse"]]
        + [[r.statement, r.text, r.role, r.dimension, "nej"] for r in STATEMENTS.itertuples()],
        "scale": [["label", "value"]]
        + [[r.label, None if pd.isna(r.value) else r.value] for r in SCALE.itertuples()],
        "organisations": [["Organisation", "Alias", "Grupp"], *rows],
    }
    return write_rows(tmp_path / "kodbok.xlsx", sheets)


def test_codebook_reads_the_optional_group_column(tmp_path):
    import maturity as mt

    path = _codebook_with_groups(
        tmp_path,
        [
            ["Åmål", "Åmåls kommun", "Mindre städer"],
            ["Åmål", "Åmål kommun", None],
            ["Tanum", None, "Landsbygd"],
            ["SML-IT", None, None],
        ],
    )
    organisations = mt.read_codebook(path).organisations
    groups = organisations.drop_duplicates("organisation").set_index("organisation")["group"]
    assert groups["Åmål"] == "Mindre städer" and groups["Tanum"] == "Landsbygd"
    assert pd.isna(groups["SML-IT"])


def test_an_organisation_in_two_groups_is_refused_at_its_cell(tmp_path):
    import maturity as mt
    from maturity.errors import InputError

    path = _codebook_with_groups(
        tmp_path, [["Åmål", "Åmåls kommun", "Mindre städer"], ["Åmål", "Åmål", "Landsbygd"]]
    )
    with pytest.raises(InputError, match="organisations:C3.*already in the group"):
        mt.read_codebook(path)


def test_sections_draw_group_figures_when_the_codebook_has_groups(tmp_path):
    from pathlib import Path

    import maturity as mt
    from maturity.sections.capability import capability_section
    from maturity.sections.survey import survey_section

    raw = Path(__file__).parents[1] / "data" / "raw"
    codebook = mt.read_codebook(raw / "kodbok.xlsx")
    names = list(dict.fromkeys(codebook.organisations["organisation"]))
    grouped = codebook.organisations.assign(
        group=codebook.organisations["organisation"].map(
            {name: f"Grupp {i % 3 + 1}" for i, name in enumerate(names)}
        )
    )
    cmap = mt.read_capability_map(raw / "formagekarta.xlsx")
    section = capability_section(cmap, organisations=grouped)
    assert "formagekarta_grupper" in section.figures
    assert "formagekarta_grupper" not in capability_section(cmap).figures
    fig = section.figures["formagekarta_grupper"]()
    words = [t.get_text() for t in _texts(fig)]
    assert any(w.startswith("Grupp 1 (") for w in words) and any(
        w.startswith("Alla (") for w in words
    )
    _check_readable(fig, tmp_path / "formagekarta_grupper")
    plt.close(fig)

    import dataclasses

    codebook = dataclasses.replace(codebook, organisations=grouped)
    survey = mt.read_survey(sorted(raw.glob("enkat_*")), codebook)
    section = survey_section(survey, codebook=codebook)
    spec = section.figures["enkat_grupper"]
    assert spec.caption == "Medelvärde per jämförelsegrupp och dimension – 2022"
    fig = spec()
    assert "Medelvärde per jämförelsegrupp – 2022" in [t.get_text() for t in _texts(fig)]
    _check_readable(fig, tmp_path / "enkat_grupper")
    plt.close(fig)


def test_demo_figures_have_readable_text(demo_report, tmp_path):
    _, result = demo_report
    specs = {name: spec for s in result.sections for name, spec in s.figures.items()}
    for name in ("enkat_medel_forvaltningschef", "formagekarta_heatmap", "formagekarta_staplar"):
        fig = specs[name]()
        _check_readable(fig, tmp_path / name)
        plt.close(fig)
