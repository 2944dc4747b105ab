"""Drawing and saving the report figures: PNG and SVG, deterministic.

Every section lists its figures as :class:`~maturity.plots.spec.FigureSpec` objects: the plot
function's dotted name and its arguments, no callable. :func:`render_figures` draws them in file
name order and saves each as ``<stem>.png`` and ``<stem>.svg`` (:func:`save_figure`). The bytes
written depend only on the spec: every figure starts from the house style, PNG and SVG carry no
timestamp or software version, and the SVG clip-path ids are renumbered in order of appearance.

How the figures are drawn: every figure is drawn from the summary tables its section already
computed (never from the responses again), laid out once at the PNG's resolution and cut to
the box around what it draws, so each file costs one drawing (``bbox_inches="tight"`` costs
two; same pixels), and left without a layout engine (a placeholder engine made ``savefig``
draw the whole figure once more, without pixels, before saving: a tenth of the time). The SVG keeps its text as text (``svg.fonttype="none"``, in the fonts of
:data:`~maturity.plots.style.SVG_FONT_FAMILY`). Figures with the same spec are drawn once and
copied. With enough figures and idle CPUs, this process and freshly started (``spawn``) worker
processes, to which the specs are pickled, draw them together (:func:`render_figures`); nothing
is inherited by fork and no module global is involved. The bytes written are the same whichever
process draws a figure.

Where the time goes (the demo's 29 distinct figures drawn one after the other, process CPU
seconds on the 2-core machine under a load of 5–6, 2026-11-30): building the figures 2.7 s,
laying them out (mostly the constrained layout engine) 3.3 s, the PNG 7.5 s (Agg drawing, its
text above all; zlib about 1.7 s), the SVG 3.7 s (4.5–4.8 s while every glyph was a path).
Nearly all of it is matplotlib's work per text and per glyph. The whole render costs 16.3–16.7 s
CPU against 17.9–20.0 s before, in the same run; the national one 11.6 s against 17.1 s, most
of it from the capability figures no longer summarising the map again. On a busy machine a pool
only adds its start-up, so the number of processes follows the idle CPUs (:func:`_free_cpus`);
on the idle machine a pool of 2 workers gave 1.6 × (14.7 s against 23.6 s), and this process
now draws as one of them, so one worker fewer starts (about 1.5 s CPU each: importing pandas
and matplotlib).
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from maturity import text
from maturity.plots.spec import FigureSpec
from maturity.plots.style import FONT_FAMILY, SVG_FONT_FAMILY
from maturity.sections import Section

__all__ = ["render_figures", "save_figure", "draw_and_save", "start_workers", "FigureWorkers"]


def save_figure(figure, stem: Path, *, svg: bool = False) -> list[Path]:
    """Save a Figure as ``<stem>.png`` (150 dpi) and, with ``svg=True``, ``<stem>.svg``,
    without timestamps.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, tempfile, pathlib
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2])
    >>> [p.suffix for p in save_figure(fig, pathlib.Path(tempfile.mkdtemp()) / "f", svg=True)]
    ['.png', '.svg']
    """
    import matplotlib.pyplot as plt

    stem.parent.mkdir(parents=True, exist_ok=True)
    png = stem.with_suffix(".png")
    box = _laid_out(figure, DPI)
    figure.savefig(
        png,
        dpi=DPI,
        metadata={"Software": None},
        bbox_inches=box,
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    written = [png]
    if svg:
        drawn = io.StringIO()
        figure.savefig(
            drawn, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=box
        )
        written.append(stem.with_suffix(".svg"))
        written[-1].write_text(_finished_svg(drawn.getvalue()), encoding="utf-8")
    plt.close(figure)
    return written


#: Resolution of the PNG figures: a figure of a slide's 13,33 × 7,5 in is 2000 × 1125 px.
DPI = 150

#: zlib level of the PNG files: 3 makes files about 2 % larger than the default 6 (the figures are
#: flat colours and text) at two thirds of its time (the demo's figures, 2026-11-30).
PNG_COMPRESSION = 3


def _laid_out(figure, dpi: float):
    """Lay the figure out once, at the resolution it is saved at, and return the box around
    everything drawn (padded 0.1 in, as ``bbox_inches="tight"``). Both files are then cut to
    that box, so the figure is drawn once per file instead of twice (``"tight"`` draws a
    figure once to measure it and again to save it)."""
    figure.set_dpi(dpi)
    renderer = figure.canvas.get_renderer()
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
        figure.set_layout_engine(None)  # no engine: savefig then draws once, not twice
    return figure.get_tightbbox(renderer).padded(0.1)


def _finished_svg(text: str) -> str:
    """The SVG with its clip-path ids, which matplotlib derives partly from object ids,
    renumbered in order of appearance, so that the same figure always gives the same SVG bytes;
    and with the fonts a viewer falls back to when it lacks the figures' font
    (:data:`~maturity.plots.style.SVG_FONT_FAMILY`)."""
    mapping: dict[str, str] = {}
    for found in re.findall(r'id="(p[0-9a-f]{10})"', text):
        mapping.setdefault(found, f"clip{len(mapping) + 1}")
    if mapping:
        text = re.sub(r"\bp[0-9a-f]{10}\b", lambda m: mapping.get(m.group(0), m.group(0)), text)
    return re.sub(
        f"(<text style=\"[^\"]*)font-family: '{FONT_FAMILY}'",
        lambda m: f"{m.group(1)}font-family: {SVG_FONT_FAMILY}",
        text,
    )


def draw_and_save(spec: FigureSpec, stem: Path | str, *, svg: bool = False) -> list[Path]:
    """Draw one figure from its spec in the house style and save it (PNG; SVG too with
    ``svg=True``).

    Takes and returns only picklable values, so it runs the same in this process or a worker.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> spec = FigureSpec("maturity.plots.style:message_figure", ("Titel", "Inga data"))
    >>> [p.suffix for p in draw_and_save(spec, pathlib.Path(tempfile.mkdtemp()) / "f")]
    ['.png']
    """
    import matplotlib

    matplotlib.use("Agg")
    from maturity.plots.style import use_house_style

    use_house_style()
    return save_figure(spec(), Path(stem), svg=svg)


def render_figures(
    sections: list[Section],
    directory: Path,
    *,
    progress: Callable[[str], None] | None = None,
    processes: int | None = None,
    svg: bool = False,
    workers: FigureWorkers | None = None,
    meanwhile: Callable[[], object] | None = None,
    lang: str = "sv",
) -> list[Path]:
    """Draw every figure of every section into ``directory`` (PNG, and SVG with ``svg=True``),
    in name order.

    ``processes``: how many processes draw, this one included; default one per idle CPU (CPUs
    less the load average, at most 4). With more than one and at least :data:`MIN_PARALLEL`
    figures, this process draws from the end of the list while ``processes - 1`` freshly
    started (``spawn``) workers, to which the specs are pickled, draw from its start; otherwise
    the figures are drawn here, one after the other. ``workers``: worker processes started
    earlier (:func:`start_workers`, so that they import while this process still computes);
    they are used instead of starting new ones. ``meanwhile``: called in this process once the
    workers have their first figures, before this process draws (the report writes its tables
    and workbook then). Figures with the same spec are drawn once and copied. The workers
    do not import the caller's main module (:func:`_main_module_hidden`), so a script needs no
    ``if __name__ == "__main__":`` guard and is never run again in a worker; if the workers
    cannot start, the figures are drawn here. ``lang`` is the language of the progress lines.

    Examples
    --------
    >>> paths = render_figures(sections, Path("reports/figures"))  # doctest: +SKIP
    """
    specs = {name: spec for section in sections for name, spec in section.figures.items()}
    if progress and specs:
        progress(text.word("cli.drawing", lang, n=len(specs), directory=directory))
    work, copies = _unique_work(specs, directory, svg=svg)
    if workers is None and len(work) >= MIN_PARALLEL:
        workers = start_workers(processes)
    if workers is not None and len(work) >= MIN_PARALLEL:
        with workers:
            drawn = _draw_in_workers(work, workers, progress, lang, meanwhile)
    else:
        if workers is not None:
            workers.close()
        if meanwhile is not None:
            meanwhile()
        drawn = [_draw_task(task, progress) for task in work]
    written = {Path(paths[0]).stem: paths for paths in drawn}
    for name, original in copies.items():
        written[name] = []
        for path in written[original]:
            target = directory / (name + Path(path).suffix)
            shutil.copyfile(path, target)
            written[name].append(str(target))
    return [Path(p) for name in sorted(written) for p in written[name]]


class FigureWorkers:
    """Worker processes for drawing figures, started (``spawn``) before they are needed: each
    is given a first task that imports matplotlib, pandas and the plot modules, so that by the
    time the figures are drawn the start-up (about 1.5 s of CPU each) is behind them. Use it
    as a context manager (or let :func:`render_figures` do so); leaving it shuts them down.

    Examples
    --------
    >>> with start_workers(2) as workers:  # doctest: +SKIP
    ...     paths = render_figures(sections, Path("reports/figures"), workers=workers)
    """

    def __init__(self, count: int):
        from concurrent.futures import ProcessPoolExecutor

        self.count = count
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(count, mp_context=context)
        try:
            with _main_module_hidden():  # the workers start here, one per task submitted
                for _ in range(count):
                    self.pool.submit(_import_drawing)
        except BrokenProcessPool:
            pass

    def __enter__(self) -> FigureWorkers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Shut the workers down (again is harmless). Every figure is written by then: they
        are left to exit (about 0.3 s) while the report goes on.

        Examples
        --------
        >>> FigureWorkers(1).close()  # doctest: +SKIP
        """
        self.pool.shutdown(wait=False, cancel_futures=True)


@contextlib.contextmanager
def _main_module_hidden():
    """Hide the main module's file and spec while worker processes start. A spawned worker
    otherwise imports (runs) the caller's script or notebook module, to find objects defined
    there; the workers need none (a spec names its plot function, the task is this module's),
    and a script without the ``__main__`` guard would run the whole report again in each."""
    main = sys.modules.get("__main__")
    saved = {k: v for k, v in vars(main).items() if k in ("__file__", "__spec__")} if main else {}
    try:
        if main is not None:
            vars(main).pop("__file__", None)
            if "__spec__" in saved:
                main.__spec__ = None
        yield
    finally:
        if main is not None:
            vars(main).update(saved)


def start_workers(processes: int | None = None) -> FigureWorkers | None:
    """Start the worker processes that draw figures beside this one: ``processes - 1`` of them
    (default: by the idle CPUs, :func:`_free_cpus`), or None when one process (this) is all.

    Examples
    --------
    >>> start_workers(1) is None
    True
    """
    processes = _free_cpus() if processes is None else processes
    return FigureWorkers(processes - 1) if processes > 1 else None


def _import_drawing() -> None:
    """A worker's first task: import what drawing needs (the start-up, done while idle)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    import maturity.plots  # noqa: F401
    from maturity.plots.style import use_house_style

    use_house_style()


def _free_cpus() -> int:
    """How many processes can draw at once: the CPUs not already busy with other work (by
    the load average, less the one this process itself keeps busy), at most 4. On a busy
    machine extra workers only add their start-up."""
    cpus = os.cpu_count() or 1
    try:
        others = max(0.0, os.getloadavg()[0] - 1.0)
    except (AttributeError, OSError):  # no load average on this system
        others = 0.0
    return max(1, min(4, cpus, round(cpus - others)))


#: Fewest figures worth a pool of worker processes: starting a worker (importing pandas and
#: matplotlib) costs about as much as drawing two or three figures.
MIN_PARALLEL = 6


def _unique_work(specs: dict[str, FigureSpec], directory: Path, *, svg: bool):
    """The figures to draw (one per distinct spec) and the names that are a copy of another's
    (e.g. the latest meeting's risk matrix under both its names): drawn once. The work comes
    largest spec first (by its pickled size, a stand-in for the rows it draws; then by name),
    so that the processes drawing from either end of the list finish at about the same time,
    on small figures."""
    work, first, copies = [], {}, {}
    for name, spec in sorted(specs.items()):
        key = pickle.dumps((spec.function, spec.args, sorted(spec.kwargs.items())))
        if key in first:
            copies[name] = first[key]
            continue
        first[key] = name
        work.append((-len(key), name, (spec, str(directory / name), svg)))
    return [task for _, _, task in sorted(work)], copies


def _draw_task(task: tuple[FigureSpec, str, bool], progress=None) -> list[str]:
    spec, stem, svg = task
    paths = [str(p) for p in draw_and_save(spec, stem, svg=svg)]
    if progress:
        progress(f"  {Path(paths[0]).name}")
    return paths


class _Shared:
    """The figures still to draw, shared by this process (which takes them from the back) and
    the worker processes (fed from the front, the next one submitted as soon as one is done),
    so that neither waits for the other and both finish within about one figure."""

    def __init__(self, work, pool, progress):
        self.work, self.pool, self.progress = work, pool, progress
        self.front, self.back = 0, len(work)
        self.futures: dict = {}
        self.here: list[int] = []  # taken for a worker that could not be given them
        self.lock = threading.Lock()

    def feed(self, done=None) -> None:
        """Give a worker the next figure from the front (called again when it is done)."""
        with self.lock:
            if done is not None and self.progress and not done.exception():
                self.progress(f"  {Path(done.result()[0]).name}")
            if self.front >= self.back:
                return
            i, self.front = self.front, self.front + 1
            try:
                future = self.pool.submit(_draw_task, self.work[i])
            except BrokenProcessPool:
                self.here.append(i)
                return
            self.futures[i] = future
        future.add_done_callback(self.feed)

    def take_back(self) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.back -= 1
            return self.back

    def stop(self) -> None:
        with self.lock:
            self.back = self.front


def _draw_in_workers(
    work, workers: FigureWorkers, progress, lang: str, meanwhile
) -> list[list[str]]:
    """Draw with the worker processes and this one at once (see :class:`_Shared`), after
    ``meanwhile()`` has run here. When the workers cannot start or break, their figures are
    drawn here. An error in a plot function is raised as it is."""
    drawn: dict[int, list[str]] = {}
    shared = _Shared(work, workers.pool, progress)
    try:
        for _ in range(workers.count):
            shared.feed()
        if meanwhile is not None:
            meanwhile()
        while (i := shared.take_back()) is not None:
            drawn[i] = _draw_task(work[i], progress)
        broken = list(shared.here)
        for i, future in sorted(shared.futures.items()):
            try:
                drawn[i] = future.result()
            except BrokenProcessPool:
                broken.append(i)
    finally:
        shared.stop()
    if broken and progress:
        progress(text.word("cli.drawing_here", lang))
    for i in sorted(broken):
        drawn[i] = _draw_task(work[i], progress)
    return [drawn[i] for i in range(len(work))]
