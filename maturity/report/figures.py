"""Drawing and saving the report figures: PNG and SVG, deterministic.

Every section lists its figures as :class:`~maturity.plots.spec.FigureSpec` objects: the plot
function's dotted name and its arguments, no callable. :func:`render_figures` draws them in file
name order and saves each as ``<stem>.png`` and ``<stem>.svg`` (:func:`save_figure`). The bytes
written depend only on the spec: every figure starts from the house style, PNG and SVG carry no
timestamp or software version, and the SVG clip-path ids are renumbered in order of appearance.

How the figures are drawn: MEASURED_CHOICE.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable
from pathlib import Path

from maturity.plots.spec import FigureSpec
from maturity.sections import Section

__all__ = ["render_figures", "save_figure", "draw_and_save"]


def save_figure(figure, stem: Path) -> list[Path]:
    """Save a Figure as ``<stem>.png`` (150 dpi) and ``<stem>.svg`` without timestamps.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile, pathlib
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2])
    >>> [p.suffix for p in save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "f")]
    ['.png', '.svg']
    """
    import matplotlib.pyplot as plt

    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    figure.savefig(png, dpi=150, metadata={"Software": None})
    figure.savefig(svg, metadata={"Date": None, "Creator": None})
    _stable_svg_ids(svg)
    plt.close(figure)
    return [png, svg]


def _stable_svg_ids(path: Path) -> None:
    """Renumber clip-path ids, which matplotlib derives partly from object ids, in order of
    appearance, so that the same figure always gives the same SVG bytes."""
    text = path.read_text(encoding="utf-8")
    mapping: dict[str, str] = {}
    for found in re.findall(r'id="(p[0-9a-f]{10})"', text):
        mapping.setdefault(found, f"clip{len(mapping) + 1}")
    if mapping:
        text = re.sub(r"\bp[0-9a-f]{10}\b", lambda m: mapping.get(m.group(0), m.group(0)), text)
        path.write_text(text, encoding="utf-8")


def draw_and_save(spec: FigureSpec, stem: Path | str) -> list[Path]:
    """Draw one figure from its spec in the house style and save it (PNG and SVG).

    Takes and returns only picklable values, so it runs the same in this process or a worker.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> spec = FigureSpec("maturity.plots.style:message_figure", ("Titel", "Inga data"))
    >>> [p.suffix for p in draw_and_save(spec, pathlib.Path(tempfile.mkdtemp()) / "f")]
    ['.png', '.svg']
    """
    import matplotlib

    matplotlib.use("Agg")
    from maturity.plots.style import use_house_style

    use_house_style()
    return save_figure(spec(), Path(stem))


def _draw_task(task: tuple[FigureSpec, str]) -> list[str]:
    spec, stem = task
    return [str(p) for p in draw_and_save(spec, stem)]


def render_figures(
    sections: list[Section],
    directory: Path,
    *,
    progress: Callable[[str], None] | None = None,
    processes: int | None = None,
) -> list[Path]:
    """Draw every figure of every section into ``directory`` (PNG and SVG), in name order.

    ``processes``: how many worker processes draw; default MEASURED_DEFAULT. With more than one,
    the specs are pickled to a pool started with ``spawn`` (nothing is inherited by fork).

    Examples
    --------
    >>> paths = render_figures(sections, Path("reports/figures"))  # doctest: +SKIP
    """
    specs = {name: spec for section in sections for name, spec in section.figures.items()}
    tasks = sorted(specs.items())
    if not tasks:
        return []
    if progress:
        progress(f"drawing {len(tasks)} figures into {directory}")
    work = [(spec, str(directory / name)) for name, spec in tasks]
    processes = _default_processes() if processes is None else processes
    written: list[Path] = []
    if processes > 1 and len(work) > 2:
        context = multiprocessing.get_context("spawn")
        with context.Pool(min(processes, len(work))) as pool:
            results = pool.imap(_draw_task, work)
            for paths in results:
                written.extend(Path(p) for p in paths)
                if progress:
                    progress(f"  {Path(paths[0]).name}")
    else:
        for task in work:
            paths = _draw_task(task)
            written.extend(Path(p) for p in paths)
            if progress:
                progress(f"  {Path(paths[0]).name}")
    return written


def _default_processes() -> int:
    return min(os.cpu_count() or 1, 4)
