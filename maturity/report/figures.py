"""Drawing and saving the report figures: PNG and SVG, deterministic, two at a time.

Figures are drawn by the sections' callables. With more than one CPU the figures are drawn in
forked worker processes (the callables are inherited, not pickled); the bytes written do not
depend on which process drew them.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable
from pathlib import Path

from maturity.sections import Section

__all__ = ["render_figures", "save_figure"]

_PENDING: dict[str, tuple[Callable, Path]] = {}


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


def _draw(name: str) -> list[str]:
    from maturity.plots.style import use_house_style

    use_house_style()
    draw, stem = _PENDING[name]
    return [str(p) for p in save_figure(draw(), stem)]


def render_figures(
    sections: list[Section],
    directory: Path,
    *,
    progress: Callable[[str], None] | None = None,
    processes: int | None = None,
) -> list[Path]:
    """Draw every figure of every section into ``directory`` (PNG and SVG).

    Examples
    --------
    >>> paths = render_figures(sections, Path("reports/figures"))  # doctest: +SKIP
    """
    import matplotlib

    matplotlib.use("Agg")
    _PENDING.clear()
    for section in sections:
        for name, draw in section.figures.items():
            _PENDING[name] = (draw, directory / name)
    names = sorted(_PENDING)
    if not names:
        return []
    if progress:
        progress(f"drawing {len(names)} figures into {directory}")
    processes = processes or min(os.cpu_count() or 1, 4)
    written: list[Path] = []
    if processes > 1 and len(names) > 2 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for paths in pool.imap(_draw, names):
                written.extend(Path(p) for p in paths)
                if progress:
                    progress(f"  {Path(paths[0]).name}")
    else:
        for name in names:
            paths = _draw(name)
            written.extend(Path(p) for p in paths)
            if progress:
                progress(f"  {Path(paths[0]).name}")
    return written
