"""Figure specs and their rendering: every word known to the text module, specs pickle, and the
bytes written do not depend on the process that drew them."""

from __future__ import annotations

import ast
import multiprocessing
import pickle
from pathlib import Path

import pandas as pd
import pytest

from maturity import text
from maturity.plots.spec import FigureSpec
from maturity.report.figures import draw_and_save, render_figures
from maturity.sections import Section

PLOTS = Path(__file__).resolve().parents[1] / "maturity" / "plots"


def _figure_keys() -> set[str]:
    """Every literal key the plot modules look up: ``_t("name", ...)`` means ``figure.name``;
    ``text.word("privacy.legend", ...)`` the key as written."""
    keys = set()
    for path in PLOTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "_t":
                keys.add(f"figure.{node.args[0].value}")
            elif isinstance(node.func, ast.Attribute) and node.func.attr == "word":
                keys.add(node.args[0].value)
    return keys


def test_every_word_the_figures_use_is_in_the_text_module():
    keys = _figure_keys()
    assert len(keys) > 60
    missing = sorted(k for k in keys if not text.has_word(k))
    assert not missing, missing
    for key in keys:
        assert set(text.WORDS[key]) == set(text.LANGUAGES), key


def test_no_language_branches_or_word_tables_in_the_plots():
    for path in PLOTS.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert 'lang == "sv"' not in source and 'lang == "en"' not in source, path.name
        assert '"sv": {' not in source and "_WORDS" not in source, path.name


def _spec() -> FigureSpec:
    risks = pd.DataFrame(
        {
            "risk_id": ["R1", "R2", "R3"],
            "date": ["2020-01-01"] * 3,
            "probability": [2, 4, 5],
            "impact": [3, 4, 5],
            "threat": ["Driftstopp", "Dataläcka", "Leverantör"],
        }
    )
    return FigureSpec("maturity.plots.risk:risk_matrix", (risks,), {"lang": "sv"})


def test_spec_pickles_and_draws_the_same_after():
    spec = _spec()
    again = pickle.loads(pickle.dumps(spec))
    assert again.function == spec.function and again.kwargs == spec.kwargs
    assert again().axes[0].get_title(loc="left") == "Riskmatris – möte 2020-01-01"


def test_bytes_do_not_depend_on_the_process(tmp_path):
    spec = _spec()
    here = draw_and_save(spec, tmp_path / "here" / "matris")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        there = pool.starmap(draw_and_save, [(spec, tmp_path / "there" / "matris")])[0]
    for a, b in zip(here, there, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


@pytest.mark.parametrize("processes", [1, 2])
def test_render_figures_writes_every_spec_in_name_order(tmp_path, processes):
    figures = {
        name: FigureSpec("maturity.plots.style:message_figure", (name, "Inga data"))
        for name in ("c", "a", "b")
    }
    section = Section(name="test", tables={}, figures=figures)
    paths = render_figures([section], tmp_path, processes=processes, svg=True)
    assert [p.name for p in paths] == ["a.png", "a.svg", "b.png", "b.svg", "c.png", "c.svg"]


def test_render_figures_writes_png_only_unless_asked_for_svg(tmp_path):
    figures = {"a": FigureSpec("maturity.plots.style:message_figure", ("a", "Inga data"))}
    paths = render_figures([Section(name="test", figures=figures)], tmp_path, processes=1)
    assert [p.name for p in paths] == ["a.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]


def test_workers_started_early_draw_the_same_bytes_while_this_process_does_other_work(tmp_path):
    from maturity.report.figures import MIN_PARALLEL, start_workers

    figures = {
        f"f{k}": FigureSpec("maturity.plots.style:message_figure", (f"Titel {k}", "Inga data"))
        for k in range(MIN_PARALLEL + 1)
    }
    sections = [Section(name="test", figures=figures)]
    calls = []
    early = render_figures(
        sections,
        tmp_path / "early",
        workers=start_workers(2),
        meanwhile=lambda: calls.append("meanwhile"),
    )
    alone = render_figures(sections, tmp_path / "alone", processes=1)
    assert calls == ["meanwhile"]
    assert [p.name for p in early] == [p.name for p in alone]
    assert [p.read_bytes() for p in early] == [p.read_bytes() for p in alone]


def test_figures_with_the_same_spec_are_drawn_once_and_saved_under_each_name(tmp_path):
    same = FigureSpec("maturity.plots.style:message_figure", ("Titel", "Inga data"))
    figures = {"latest": same, "dated": FigureSpec(same.function, same.args, caption="x")}
    figures["other"] = FigureSpec("maturity.plots.style:message_figure", ("Annan", "Inga data"))
    section = Section(name="test", figures=figures)
    paths = render_figures([section], tmp_path, processes=1, svg=True)
    assert [p.name for p in paths] == [
        "dated.png",
        "dated.svg",
        "latest.png",
        "latest.svg",
        "other.png",
        "other.svg",
    ]
    assert (tmp_path / "dated.png").read_bytes() == (tmp_path / "latest.png").read_bytes()
    assert (tmp_path / "dated.png").read_bytes() != (tmp_path / "other.png").read_bytes()


def test_svg_text_stays_text_in_the_named_fonts(tmp_path):
    from maturity.plots.style import SVG_FONT_FAMILY

    title = "Risk <a> & \"b\" font-family: 'DejaVu Sans'"
    spec = FigureSpec("maturity.plots.style:message_figure", (title, "Inga data"))
    svg = draw_and_save(spec, tmp_path / "f", svg=True)[1].read_text(encoding="utf-8")
    assert ">Inga data</text>" in svg and "&lt;a&gt; &amp;" in svg  # words, not glyph paths
    assert "<use xlink:href" not in svg
    styles = [line for line in svg.splitlines() if "<text " in line]
    assert styles and all(f"font-family: {SVG_FONT_FAMILY};" in line for line in styles)
    assert "font-family: 'DejaVu Sans'</text>" in svg  # the title itself is left as written


def _messages(n: int) -> dict[str, FigureSpec]:
    return {
        f"f{i:02d}": FigureSpec("maturity.plots.style:message_figure", (f"Titel {i}", "Inga data"))
        for i in range(n)
    }


def test_this_process_and_a_worker_draw_the_same_bytes_as_this_process_alone(tmp_path):
    figures = _messages(9)
    lines: list[str] = []
    alone = render_figures([Section(name="t", figures=figures)], tmp_path / "a", processes=1)
    shared = render_figures(
        [Section(name="t", figures=figures)], tmp_path / "b", processes=2, progress=lines.append
    )
    assert [p.name for p in shared] == [p.name for p in alone]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(alone, shared, strict=True))
    assert sorted(line.strip() for line in lines[1:]) == [f"f{i:02d}.png" for i in range(9)]


def test_an_error_in_a_plot_function_is_raised_with_workers(tmp_path):
    figures = _messages(7)
    figures["f03"] = FigureSpec("maturity.plots.style:message_figure", ())  # missing arguments
    with pytest.raises(TypeError):
        render_figures([Section(name="t", figures=figures)], tmp_path, processes=2)


def test_a_script_without_the_main_guard_is_not_run_again_by_the_workers(tmp_path):
    import subprocess
    import sys

    from maturity.report.figures import MIN_PARALLEL

    script = tmp_path / "no_guard.py"
    script.write_text(
        "from pathlib import Path\n"
        "from maturity.plots.spec import FigureSpec\n"
        "from maturity.report.figures import MIN_PARALLEL, render_figures\n"
        "from maturity.sections import Section\n"
        "print('script ran', flush=True)\n"
        "figures = {f'f{k}': FigureSpec('maturity.plots.style:message_figure', (str(k), 'x'))\n"
        "           for k in range(MIN_PARALLEL)}\n"
        "paths = render_figures([Section(name='t', figures=figures)], Path('out'), processes=2)\n"
        "print(len(paths), 'figures', flush=True)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("script ran") == 1
    assert "figures" in done.stdout and "Traceback" not in done.stderr
    assert len(list((tmp_path / "out").glob("*.png"))) == MIN_PARALLEL
