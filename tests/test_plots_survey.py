"""Survey figures: they draw, say what they hide, use a decimal comma and stay slide-readable."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import maturity as mt  # noqa: E402
from maturity.codebook import Codebook  # noqa: E402
from maturity.plots import survey as sp  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SWEDISH_DECIMAL = re.compile(r"\d,\d")
POINT_DECIMAL = re.compile(r"\d\.\d")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------- data


def _codebook() -> Codebook:
    statements = pd.DataFrame(
        {
            "statement": ["F1", "F2", "F3", "F4", "I1", "I2"],
            "text": [
                "Vi mäter och följer upp effekten av våra digitala investeringar på ett "
                "konsekvent sätt i hela förvaltningen",
                "Vi har en tydlig plan för digitalisering",
                "Digitaliseringsfrågor hanteras först när problem har uppstått",
                "Vi vet vilken information som är skyddsvärd",
                "Vi har en stabil driftsleverans",
                "Vår infrastruktur är modern och skalbar",
            ],
            "role": ["förvaltningschef"] * 4 + ["IT-chef"] * 2,
            "dimension": ["Styrning", "Styrning", "Styrning", "Information", "Teknik", "Teknik"],
            "reverse": [False, False, True, False, False, False],
        }
    )
    scale = pd.DataFrame(
        {
            "label": [
                "Instämmer inte alls",
                "Instämmer i låg grad",
                "Instämmer delvis",
                "Instämmer i hög grad",
                "Instämmer helt",
                "Vet ej",
            ],
            "value": [1, 2, 3, 4, 5, None],
        }
    )
    return Codebook.from_frames(statements, scale)


def _responses(
    n_managers: int = 8,
    n_it: int = 6,
    organisations=("Åmål", "Tanum"),
    waves=(2022,),
    all_dont_know: str | None = "F4",
    seed: int = 1,
) -> pd.DataFrame:
    """Synthetic tidy responses: every manager answers F1–F4, every IT manager I1–I2."""
    rng = np.random.default_rng(seed)
    cb = _codebook()
    rows = []
    for wave in waves:
        for org in organisations:
            for role, n, prefix in (("förvaltningschef", n_managers, "F"), ("IT-chef", n_it, "I")):
                for k in range(n):
                    for st in cb.statements.itertuples():
                        if not st.statement.startswith(prefix):
                            continue
                        if st.statement == all_dont_know:
                            score, answer = np.nan, "Vet ej"
                        elif rng.random() < 0.08:
                            score, answer = np.nan, "Vet ej"
                        else:
                            score = float(rng.integers(1, 6))
                            answer = str(int(score))
                        rows.append(
                            {
                                "wave": wave,
                                "organisation": org,
                                "role": role,
                                "respondent": f"{org}-{role}-{k}",
                                "statement": st.statement,
                                "dimension": st.dimension,
                                "score": score,
                                "answer": answer,
                                "source": "test",
                            }
                        )
    frame = pd.DataFrame(rows)
    for column in ("organisation", "role", "statement", "dimension"):
        frame[column] = frame[column].astype("category")
    frame["role"] = frame["role"].cat.reorder_categories(["förvaltningschef", "IT-chef"])
    return frame


@pytest.fixture(scope="module")
def demo():
    cb = mt.read_codebook(RAW / "kodbok.xlsx")
    survey = mt.read_survey([RAW / "enkat_2020_samtliga.xlsx", RAW / "enkat_2022"], cb)
    return cb, survey.responses


# --------------------------------------------------------------------------- helpers


def _texts(fig: Figure) -> list[str]:
    """Every visible text of a drawn figure: tick labels, annotations, legends, titles."""
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _all_text(fig: Figure) -> str:
    return "\n".join(_texts(fig))


def _ytick_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _data_axes(fig: Figure):
    """The axes that carry data (not the legend row, not a colour bar)."""
    return [
        ax
        for ax in fig.axes
        if ax.axison and ax.get_label() != "<colorbar>" and ax.get_yticklabels()
    ]


def _check_slide_readable(fig: Figure) -> None:
    fig.canvas.draw()
    small = [
        (t.get_text(), t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 10
    ]
    assert not small, small
    assert fig.get_size_inches()[0] <= 13.5


# --------------------------------------------------------------------------- demo data


def test_lazy_export():
    assert mt.plots.diverging_bars is sp.diverging_bars
    assert mt.plots.wave_change is sp.wave_change


def test_diverging_bars_demo(demo):
    cb, responses = demo
    statements = ["F01", "F04", "F06", "F12", "I03", "I18"]
    fig = sp.diverging_bars(responses, codebook=cb, statements=statements)
    assert isinstance(fig, Figure)
    text = _all_text(fig)
    assert "2022" in text  # the latest wave by default
    for label in cb.scale.dropna(subset=["value"])["label"]:
        assert label in text  # legend from the codebook
    assert "Vet ej" in text and "Medel" in text
    assert SWEDISH_DECIMAL.search(text) and not POINT_DECIMAL.search(text)
    assert "F06*" in text  # reversed statement marked
    _check_slide_readable(fig)


def test_diverging_bars_english(demo):
    cb, responses = demo
    fig = sp.diverging_bars(
        responses, codebook=cb, role="IT-chef", statements=["I01", "I02"], lang="en", wave=2020
    )
    text = _all_text(fig)
    assert "Don't know" in text and "2020" in text
    assert POINT_DECIMAL.search(text) and not SWEDISH_DECIMAL.search(text)


def test_mean_ci_demo(demo):
    cb, responses = demo
    described = mt.describe(
        responses[responses["wave"] == 2022], by=["role", "statement"], codebook=cb
    )
    fig = sp.mean_ci(described, midpoint=cb.midpoint, lowest=3)
    assert isinstance(fig, Figure)
    text = _all_text(fig)
    assert "Skalans mittpunkt (3,0)" in text
    assert SWEDISH_DECIMAL.search(text) and not POINT_DECIMAL.search(text)
    # the three lowest statements of each role are coloured, and every statement tied with
    # the third lowest as shown (one decimal): a cut never goes through a tie
    assert "De 3 lägsta och de lika med dem (som de visas)" in text
    for ax in _data_axes(fig):
        labels = ax.get_yticklabels()
        marked = [t for t in labels if t.get_color() == sp.VERMILLION]
        assert len(marked) >= 3
        assert all(t in labels[-len(marked) :] for t in marked)  # lowest at the bottom
        ids = [t.get_text().split()[0] for t in labels]
        means = described.set_index("statement").loc[ids, "mean"].round(1).tolist()
        third = means[-3]
        assert len(marked) == sum(m <= third for m in means)


def test_mean_ci_marks_a_tie_at_the_cut():
    described = pd.DataFrame(
        {
            "role": "r",
            "statement": [f"S{i}" for i in range(1, 7)],
            "mean": [3.4, 3.4, 3.4, 3.4, 3.2, 4.0],
            "ci95_low": 3.0,
            "ci95_high": 4.2,
            "n": 10,
        }
    )
    fig = sp.mean_ci(described, lowest=3)
    labels = _data_axes(fig)[0].get_yticklabels()
    marked = sorted(t.get_text() for t in labels if t.get_color() == sp.VERMILLION)
    assert marked == ["S1", "S2", "S3", "S4", "S5"]
    assert "De 3 lägsta och de lika med dem (som de visas)" in _all_text(fig)
    plain = sp.mean_ci(described.assign(mean=[3.4, 3.5, 3.6, 3.7, 3.2, 4.0]), lowest=3)
    assert "De 3 lägsta" in _all_text(plain) and "lika" not in _all_text(plain)


def test_role_gap_demo(demo):
    cb, responses = demo
    table = mt.describe(responses[responses["wave"] == 2022], by=["role", "dimension"])
    fig = sp.role_gap(table)
    text = _all_text(fig)
    assert "Skillnad" in text and "IT-chef (n = 15)" in text
    gaps = [t for t in _texts(fig) if re.fullmatch(r"[+−]\d,\d", t)]
    assert len(gaps) == 6  # one annotated gap per dimension
    _check_slide_readable(fig)


def test_role_gap_accepts_compare_roles(demo):
    cb, responses = demo
    compared = mt.compare_roles(responses[responses["wave"] == 2022], by="dimension", codebook=cb)
    fig = sp.role_gap(compared, lang="en")
    assert "Gap" in _all_text(fig)


def test_organisation_heatmap_demo(demo):
    cb, responses = demo
    described = mt.describe(
        responses[responses["wave"] == 2022], by=["organisation", "role", "dimension"], codebook=cb
    )
    fig = sp.organisation_heatmap(described)
    text = _all_text(fig)
    assert "Undertryckt (färre än 5 personer eller sekundärt)" in text
    assert "IT-chef: alla celler undertryckta" in text  # one IT-chef per organisation
    assert SWEDISH_DECIMAL.search(text) and not POINT_DECIMAL.search(text)
    (ax,) = _data_axes(fig)
    rows = _ytick_labels(ax)
    assert any(r.startswith("Åmål") for r in rows)
    # a suppressed cell shows "–", never a number: Dals-Ed has 4 managers in the demo
    published = described[~described["suppressed"]]
    n_cells = ax.images[0].get_array().count()
    assert n_cells == len(published[published["role"] == "förvaltningschef"])
    _check_slide_readable(fig)


def test_organisation_heatmap_statements(demo):
    cb, responses = demo
    described = mt.describe(
        responses[responses["wave"] == 2022], by=["organisation", "role", "statement"], codebook=cb
    )
    fig = sp.organisation_heatmap(described, role="förvaltningschef")
    _check_slide_readable(fig)
    fig = sp.organisation_heatmap(described, value="share_top2", role="förvaltningschef", lang="en")
    assert "%" in _all_text(fig)


def test_wave_change_demo(demo):
    cb, responses = demo
    changed = mt.change(
        responses, from_wave=2020, to_wave=2022, by=["role", "dimension"], codebook=cb
    )
    fig = sp.wave_change(changed)
    text = _all_text(fig)
    assert "2020–2022" in text and "Förändring" in text
    assert SWEDISH_DECIMAL.search(text) and not POINT_DECIMAL.search(text)
    # sorted: the largest increase first in every panel
    for ax in _data_axes(fig):
        values = [
            float(t.get_text().replace("−", "-").replace(",", ".").lstrip("+"))
            for t in ax.texts
            if re.fullmatch(r"[+−]\d,\d\d", t.get_text())
        ]
        assert values == sorted(values, reverse=True) and values
    fig = sp.wave_change(changed, kind="dumbbell", lang="en")
    assert "2020" in _all_text(fig)


def test_wave_change_statements(demo):
    cb, responses = demo
    changed = mt.change(
        responses, from_wave=2020, to_wave=2022, by=["role", "statement"], codebook=cb
    )
    fig = sp.wave_change(changed, role="IT-chef")
    assert isinstance(fig, Figure)
    assert "I18" in _all_text(fig)


def _distribution_by_groupby(responses, codebook, min_n):
    """answer_distribution computed the straightforward way (a groupby on the texts)."""
    out = mt.describe(responses, by=["role", "statement"], min_n=min_n, codebook=codebook)
    out["role"], out["statement"] = out["role"].astype(str), out["statement"].astype(str)
    keys = responses.assign(
        role=responses["role"].astype(str), statement=responses["statement"].astype(str)
    )
    counts = keys[keys["score"].notna()].groupby(["role", "statement", "score"]).size()
    written = keys["answer"].astype(object).fillna("").astype(str).str.strip() != ""
    dont_know = keys[keys["score"].isna() & written].groupby(["role", "statement"])
    index = pd.MultiIndex.from_frame(out[["role", "statement"]])
    for value in (1.0, 2.0, 3.0, 4.0, 5.0):
        step = counts.xs(value, level="score") if value in counts.index.levels[2] else None
        out[f"step_{value:g}"] = 0 if step is None else step.reindex(index, fill_value=0).to_numpy()
    out["n_dk"] = dont_know.size().reindex(index, fill_value=0).to_numpy(dtype=int)
    people = dont_know["respondent"].nunique()
    out["dk_people"] = people.reindex(index, fill_value=0).to_numpy(dtype=int)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_answer_distribution_counts_as_a_groupby_does(seed):
    rng = np.random.default_rng(seed)
    cb = _codebook()
    responses = _responses(n_managers=7, n_it=5, waves=(2021, 2022), seed=seed)
    n = len(responses)
    # off-scale scores, blank "Vet ej" cells, missing roles and people, plain text columns
    responses.loc[rng.random(n) < 0.03, "score"] = 2.5
    blank = responses["score"].isna() & (rng.random(n) < 0.3)
    responses.loc[blank, "answer"] = rng.choice(["", " ", None], blank.sum())
    responses.loc[rng.random(n) < 0.02, "role"] = np.nan
    responses.loc[rng.random(n) < 0.05, "respondent"] = None
    if seed == 2:
        responses["role"] = responses["role"].astype(object)
        responses["respondent"] = responses["respondent"].astype("category")
    latest = responses[responses["wave"] == 2022].reset_index(drop=True)
    expected = _distribution_by_groupby(latest, cb, 3)
    for table in (
        sp.answer_distribution(latest, codebook=cb, min_n=3),
        sp.answer_distribution(responses, codebook=cb, min_n=3, wave=2022),
    ):
        pd.testing.assert_frame_equal(table.drop(columns="wave"), expected, check_dtype=False)
        assert (table["wave"] == 2022).all()
    assert expected["n_dk"].sum() > 0 and expected["step_3"].sum() > 0


# --------------------------------------------------------------------------- edge cases


def test_diverging_bars_suppresses_small_groups_and_shows_dont_know():
    cb = _codebook()
    responses = _responses(n_managers=3, n_it=2, organisations=("Åmål", "Tanum"))
    # 6 managers in all: F1–F3 drawn; F4 only "Vet ej"; IT-chef: 4 respondents -> suppressed
    fig = sp.diverging_bars(responses, codebook=cb)
    text = _all_text(fig)
    assert "Bara Vet ej-svar" in text and "100\u00a0%" in text
    assert "IT-chef: alla 2 påståenden undertryckta (färre än 5 personer eller sekundärt)" in text
    (ax,) = _data_axes(fig)  # the IT-chef panel is not drawn
    assert not any(label.startswith("I1") for label in _ytick_labels(ax))
    rows = {round(p.get_y() + p.get_height() / 2) for p in ax.patches}
    labels = _ytick_labels(ax)
    f4 = next(i for i, label in enumerate(labels) if label.startswith("F4"))
    assert f4 not in rows  # no bar on the "Vet ej" row
    assert rows == {i for i, label in enumerate(labels) if not label.startswith("F4")}


def test_diverging_bars_marks_a_suppressed_statement():
    cb = _codebook()
    responses = _responses(n_managers=6, organisations=("Åmål",), all_dont_know=None)
    # F2: only 3 people give a scored answer -> suppressed
    f2 = (responses["statement"] == "F2") & (responses["respondent"].str[-1].astype(int) >= 3)
    responses.loc[f2, ["score", "answer"]] = [np.nan, "Vet ej"]
    fig = sp.diverging_bars(responses, codebook=cb, role="förvaltningschef")
    (ax,) = _data_axes(fig)
    labels = _ytick_labels(ax)
    f2_row = next(i for i, label in enumerate(labels) if label.startswith("F2"))
    assert f2_row == len(labels) - 1  # suppressed rows last
    assert f2_row not in {round(p.get_y() + p.get_height() / 2) for p in ax.patches}
    assert "Undertryckt (färre än 5 personer eller sekundärt)" in _all_text(fig)


def test_everything_suppressed_says_so():
    cb = _codebook()
    responses = _responses(n_managers=2, n_it=1, organisations=("Åmål",))
    fig = sp.diverging_bars(responses, codebook=cb)
    assert "färre än 5 svarande" in _all_text(fig)
    described = mt.describe(responses, by=["role", "statement"], codebook=cb)
    assert described["suppressed"].all()
    for make in (
        lambda: sp.mean_ci(described),
        lambda: sp.organisation_heatmap(
            mt.describe(responses, by=["organisation", "role", "statement"])
        ),
        lambda: sp.role_gap(mt.describe(responses, by=["role", "dimension"])),
    ):
        fig = make()
        assert isinstance(fig, Figure)
        assert "färre än 5 svarande" in _all_text(fig)
    changed = pd.DataFrame(
        {
            "role": "IT-chef",
            "statement": ["I1", "I2"],
            "from_wave": 2020,
            "to_wave": 2022,
            "n_respondents_from": [1, 1],
            "n_respondents_to": [1, 2],
            "difference": np.nan,
            "ci95_low": np.nan,
            "ci95_high": np.nan,
            "suppressed": True,
        }
    )
    fig = sp.wave_change(changed, lang="en")
    assert "fewer than 5 respondents" in _all_text(fig)


def test_empty_selection_says_so():
    cb = _codebook()
    responses = _responses()
    fig = sp.diverging_bars(responses.iloc[:0], codebook=cb)
    assert "Inga data att visa" in _all_text(fig)


def test_unknown_role_is_a_clear_error():
    cb = _codebook()
    with pytest.raises(ValueError, match="no role"):
        sp.diverging_bars(_responses(), codebook=cb, role="rektor")


def test_mean_ci_skips_suppressed_rows_and_names_them():
    described = pd.DataFrame(
        {
            "role": ["förvaltningschef"] * 5,
            "statement": ["S1", "S2", "S3", "S4", "S5"],
            "text": ["Ett", "Två", "Tre", "Fyra", "Fem"],
            "n_respondents": [12, 3, 12, 12, 12],
            "mean": [3.4, np.nan, 2.26, 4.1, 2.9],
            "ci95_low": [3.0, np.nan, 1.9, 3.8, 2.5],
            "ci95_high": [3.8, np.nan, 2.6, 4.4, 3.3],
            "suppressed": [False, True, False, False, False],
        }
    )
    fig = sp.mean_ci(described, lowest=2)
    (ax,) = _data_axes(fig)
    labels = _ytick_labels(ax)
    assert [label.split()[0] for label in labels] == ["S4", "S1", "S5", "S3"]
    assert "Undertryckta (färre än 5 personer eller sekundärt), visas inte: S2" in _all_text(fig)
    assert len(ax.containers) == 4  # one error bar per published row
    text = _all_text(fig)
    assert "2,3" in text and "De 2 lägsta" in text
    # a table that was not suppressed is suppressed by min_n here
    fig = sp.mean_ci(
        described.assign(suppressed=False, mean=described["mean"].fillna(3.0)), min_n=5
    )
    assert "S2" in _all_text(fig) and len(_data_axes(fig)[0].containers) == 4


def test_mean_ci_single_wave_chosen():
    described = pd.DataFrame(
        {
            "wave": [2020, 2022],
            "statement": ["S1", "S1"],
            "mean": [2.0, 3.5],
            "ci95_low": [1.5, 3.0],
            "ci95_high": [2.5, 4.0],
            "n_respondents": [10, 10],
        }
    )
    text = _all_text(sp.mean_ci(described))
    assert "2022" in text and "3,5" in text and "2,0\n" not in text


def test_organisation_heatmap_single_organisation_and_blank_cells():
    described = pd.DataFrame(
        {
            "organisation": ["Åmål", "Åmål", "Åmål"],
            "statement": ["F1", "F2", "F3"],
            "n_respondents": [7, 7, 2],
            "mean": [3.25, 4.0, np.nan],
            "suppressed": [False, False, True],
        }
    )
    fig = sp.organisation_heatmap(described)
    (ax,) = _data_axes(fig)
    assert _ytick_labels(ax) == ["Åmål (n = 2–7)"]
    numbers = [t.get_text() for t in ax.texts]
    assert numbers == ["3,2", "4,0", "–"]  # suppressed cell: "–", no number
    assert ax.images[0].get_array().count() == 2


def test_role_gap_one_role_suppressed_for_a_dimension():
    table = pd.DataFrame(
        {
            "role": ["förvaltningschef", "IT-chef", "förvaltningschef", "IT-chef"],
            "dimension": ["Styrning", "Styrning", "Teknik", "Teknik"],
            "n_respondents": [20, 6, 20, 3],
            "mean": [3.1, 3.6, 3.3, 4.8],
            "suppressed": [False, False, False, False],
        }
    )
    fig = sp.role_gap(table)
    text = _all_text(fig)
    assert "+0,5" in text
    assert "IT-chef: undertryckt (färre än 5 personer eller sekundärt)" in text
    assert "4,8" not in text
    (ax,) = _data_axes(fig)
    xs = [x for line in ax.lines for x in line.get_xdata() if len(line.get_xdata()) == 1]
    assert 4.8 not in xs


def test_role_gap_needs_two_roles():
    table = pd.DataFrame({"role": ["a", "b", "c"], "dimension": "D", "mean": [1.0, 2, 3]})
    with pytest.raises(ValueError, match="two roles"):
        sp.role_gap(table)


def test_wave_change_colours_clear_changes():
    changed = pd.DataFrame(
        {
            "dimension": ["Upp", "Ner", "Oklart"],
            "from_wave": 2020,
            "to_wave": 2022,
            "n_respondents_from": 10,
            "n_respondents_to": 10,
            "mean_from": [3.0, 3.5, 3.0],
            "mean_to": [3.4, 3.1, 3.05],
            "difference": [0.4, -0.4, 0.05],
            "ci95_low": [0.1, -0.7, -0.2],
            "ci95_high": [0.7, -0.1, 0.3],
            "suppressed": False,
        }
    )
    fig = sp.wave_change(changed)
    (ax,) = _data_axes(fig)
    assert _ytick_labels(ax) == ["Upp", "Oklart", "Ner"]
    colours = {t.get_text(): t.get_color() for t in ax.texts}
    assert colours["+0,40"] == sp.BLUE and colours["−0,40"] == sp.VERMILLION
    assert any(t.get_text() == "+0,2" for t in ax.get_xticklabels())


def test_legend_never_covers_data(demo):
    cb, responses = demo
    described = mt.describe(
        responses[responses["wave"] == 2022], by=["role", "statement"], codebook=cb
    )
    fig = sp.mean_ci(described, role="IT-chef")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = [
        leg.get_window_extent(renderer)
        for ax in fig.axes
        if ax.get_legend()
        for leg in [ax.get_legend()]
    ]
    assert legends
    for ax in _data_axes(fig):
        box = ax.get_window_extent(renderer)
        assert not any(box.overlaps(legend) for legend in legends)


# --------------------------------------------------------------------------- ax= and role names


def test_role_gap_draws_into_a_given_axes():
    described = mt.describe(_responses(), by=["role", "dimension"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 5))
    returned = sp.role_gap(described, ax=right)
    assert returned is fig
    assert len(fig.axes) == 2  # nothing added: no legend row, no new figure
    assert not left.lines and right.lines  # the dumbbells went into the axes given
    assert right.get_title(loc="left") == "Förvaltningschef och IT-chef per dimension"
    assert right.get_legend() is not None


def test_role_gap_title_and_legend_name_the_roles_from_role_labels():
    described = mt.describe(_responses(), by=["role", "dimension"])
    labels = {"förvaltningschef": "Förvaltningscheferna", "IT-chef": "IT-cheferna"}
    words = _all_text(sp.role_gap(described, role_labels=labels))
    assert "Förvaltningscheferna och IT-cheferna per dimension" in words
    assert "Skillnad = IT-cheferna − Förvaltningscheferna" in words
    words = _all_text(sp.role_gap(described, role_labels=labels, lang="en"))
    assert "Förvaltningscheferna and IT-cheferna per dimension" in words
    # without labels: the roles as written, capitalised
    assert "Förvaltningschef och IT-chef per dimension" in _all_text(sp.role_gap(described))


def test_role_gap_says_when_statements_differ_and_names_its_item():
    described = mt.describe(_responses(), by=["role", "dimension"])
    words = _all_text(sp.role_gap(described, different_statements=True))
    assert "Dimensionspoäng över olika påståenden: rollerna svarar inte på samma påståenden" in (
        words
    )
    assert "olika påståenden" not in _all_text(sp.role_gap(described))
    english = _all_text(sp.role_gap(described, different_statements=True, lang="en"))
    assert "Dimension scores over different statements" in english
    by_statement = mt.describe(_responses(), by=["role", "statement"])
    assert "per påstående" in _all_text(sp.role_gap(by_statement))


def test_panel_titles_use_role_labels():
    cb = _codebook()
    labels = {"förvaltningschef": "Heads of department", "IT-chef": "IT managers"}
    fig = sp.diverging_bars(_responses(), codebook=cb, role_labels=labels, lang="en")
    titles = [ax.get_title(loc="left") for ax in _data_axes(fig)]
    assert titles == ["Heads of department", "IT managers"]
    described = mt.describe(_responses(), by=["role", "statement"], codebook=cb)
    fig = sp.mean_ci(described, role_labels=labels)
    assert [ax.get_title(loc="left") for ax in _data_axes(fig)] == titles


def test_options_are_keyword_only():
    cb = _codebook()
    with pytest.raises(TypeError):
        sp.diverging_bars(_responses(), cb)  # the codebook is an option: codebook=cb
    with pytest.raises(TypeError):
        sp.mean_ci(mt.describe(_responses(), by=["role", "statement"]), 3.0)


def test_one_role_panel_draws_into_a_given_axes():
    cb = _codebook()
    responses = _responses(waves=(2020, 2022))
    described = mt.describe(
        responses[responses["wave"] == 2022], by=["role", "statement"], codebook=cb
    )
    changed = mt.change(responses, from_wave=2020, to_wave=2022, by=["role", "dimension"])
    draws = [
        lambda ax: sp.diverging_bars(responses, codebook=cb, role="IT-chef", ax=ax),
        lambda ax: sp.mean_ci(described, role="IT-chef", ax=ax),
        lambda ax: sp.wave_change(changed, role="IT-chef", ax=ax),
    ]
    for draw in draws:
        fig, (left, right) = plt.subplots(1, 2, figsize=(20, 6))
        assert draw(right) is fig
        assert len(fig.axes) == 2 and not left.has_data() and right.has_data()
        assert right.get_title(loc="left").endswith("\nIT-chef")  # figure title, then role
        assert right.get_legend() is not None
        plt.close(fig)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="one panel"):
        sp.mean_ci(described, ax=ax)  # two roles: two panels
