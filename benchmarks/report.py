"""Benchmark: the whole report, stage by stage, at national scale (or on the demo).

Builds (seeded, cached in a temp folder) a national-scale raw folder: a codebook, a survey
export of 290 organisations × 20 000 respondents × 60 statements (1.2 M answer cells, the
export of ``benchmarks/ingest.py``), a capability map of 290 organisations × 22 capabilities,
and the demo's risk register and action plan. Then, in one run on the same files, it times:

* the bare read of the survey export: ``pandas.read_excel(engine="calamine")`` (the issue's
  yardstick: what the analyst's one-liner costs) and, lower still, ``python_calamine`` alone
  (every cell into Python, no DataFrame);
* ``maturity.build_report`` itself, the function ``maturity report`` runs, with the seconds of
  each of its stages taken by timing the functions it calls (each stage's own time, without
  the stages it calls): discover, read (the codebook and every reader), statistics (the
  sections: statistics, findings, figure specifications), tables (CSV and Parquet), figures
  (PNG), deck, profiles, workbook, summary, and the rest of ``build_report``;

and prints seconds per stage and the peak memory (this process, and the figure workers).

Run: ``python benchmarks/report.py`` (national) or ``python benchmarks/report.py --demo``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import maturity as mt

sys.path.insert(0, str(Path(__file__).parent))
from ingest import N_ORGANISATIONS, make_codebook, make_export  # noqa: E402

DEMO = Path(__file__).parent.parent / "data" / "raw"
N_CAPABILITIES = 22


def write_codebook(path: Path) -> Path:
    """The national codebook (statements, scale, organisations) as a workbook."""
    from openpyxl import Workbook

    codebook = make_codebook()
    book = Workbook()
    sheet = book.active
    sheet.title = "statements"
    sheet.append(["statement", "text", "role", "dimension", "reverse"])
    for row in codebook.statements.itertuples(index=False):
        reverse = "ja" if row.reverse else "nej"
        sheet.append([row.statement, row.text, row.role, row.dimension, reverse])
    scale = book.create_sheet("scale")
    scale.append(["label", "value"])
    for row in codebook.scale.itertuples(index=False):
        scale.append([row.label, None if row.value != row.value else int(row.value)])
    organisations = book.create_sheet("organisations")
    organisations.append(["organisation", "alias"])
    for org in codebook.organisations["organisation"].drop_duplicates():
        organisations.append([org, org])
    book.save(path)
    return path


def write_capability_map(path: Path) -> Path:
    """A capability map of every organisation × 22 capabilities (matrix layout), seeded."""
    from openpyxl import Workbook

    rng = np.random.default_rng(7)
    organisations = [f"Kommun {k:03d}" for k in range(N_ORGANISATIONS)]
    book = Workbook()
    sheet = book.active
    sheet.title = "Förmågekarta"
    sheet.append(["Förmåga", "Mål", "Målnivå", *organisations])
    for c in range(N_CAPABILITIES):
        levels = np.clip(np.rint(rng.normal(3, 0.9, N_ORGANISATIONS)), 1, 5).astype(int)
        sheet.append([f"Förmåga {c + 1}", f"Mål {1 + c // 4}", 3 + c % 2, *levels.tolist()])
    scale = book.create_sheet("levels")
    scale.append(["level", "label", "acceptable"])
    for level, label in enumerate(["Undermålig", "Grundläggande", "Etablerad", "Avancerad"], 1):
        scale.append([level, label, "ja" if level >= 2 else "nej"])
    scale.append([5, "Ledande", "ja"])
    book.save(path)
    return path


def national_folder() -> Path:
    """The national-scale raw folder (made once, cached in the temp folder)."""
    raw = Path(tempfile.gettempdir()) / "maturity-bench-report" / "raw"
    if not (raw / "enkat_2024_nationell.xlsx").exists():
        raw.mkdir(parents=True, exist_ok=True)
        write_codebook(raw / "kodbok.xlsx")
        make_export(raw / "enkat_2024_nationell.xlsx")
        write_capability_map(raw / "formagekarta.xlsx")
        for name in ("riskregister.xlsx", "handlingsplan.xlsx"):
            shutil.copy(DEMO / name, raw / name)
    return raw


def bare_read(path: Path) -> float:
    """Seconds for calamine to read every cell of the export's first sheet into Python."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    book.get_sheet_by_index(0).to_python()
    return time.perf_counter() - started


def pandas_read(path: Path) -> float:
    """Seconds for ``pandas.read_excel(engine="calamine")`` to read the export's first sheet."""
    import pandas as pd

    started = time.perf_counter()
    pd.read_excel(path, engine="calamine")
    return time.perf_counter() - started


#: Where each stage's function is looked up when ``build_report`` calls it: (module, name).
STAGE_FUNCTIONS = {
    "discover": [("maturity.report", "discover")],
    "read": [
        ("maturity.report.stages", "read_codebook"),
        ("maturity.sections.survey", "read_survey"),
        ("maturity.sections.capability", "read_capability_map"),
        ("maturity.sections.risk", "read_risk_register"),
        ("maturity.sections.actionplan", "read_action_plan"),
    ],
    "statistics": [
        ("maturity.report", "run_stages"),
        ("maturity.sections.priorities", "priorities_section"),
    ],
    "tables": [("maturity.report", "_write_tables")],
    "figures": [("maturity.report.figures", "render_figures")],
    "deck": [("maturity.report.deck", "write_deck")],
    "profiles": [("maturity.report.deck", "write_profiles")],
    "workbook": [("maturity.report.workbook", "write_workbook")],
    "summary": [("maturity.report.summary", "write_summary")],
}


class StageClock:
    """Times the functions of :data:`STAGE_FUNCTIONS` while patched in: each stage gets its
    own time, without the time of the stage functions it calls (``run_stages`` calls the
    readers: their time is read, the rest statistics)."""

    def __init__(self):
        self.seconds = dict.fromkeys(STAGE_FUNCTIONS, 0.0)
        self._inner: list[float] = []
        self._saved: list[tuple[object, str, object]] = []

    def _timed(self, stage: str, function):
        def timed(*args, **kwargs):
            self._inner.append(0.0)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                inner = self._inner.pop()
                self.seconds[stage] += elapsed - inner
                if self._inner:
                    self._inner[-1] += elapsed

        return timed

    def __enter__(self):
        import importlib

        for stage, places in STAGE_FUNCTIONS.items():
            for module_name, name in places:
                module = importlib.import_module(module_name)
                function = getattr(module, name)
                self._saved.append((module, name, function))
                setattr(module, name, self._timed(stage, function))
        return self

    def __exit__(self, *exc):
        for module, name, function in reversed(self._saved):
            setattr(module, name, function)


def run_report(raw: Path, out: Path, *, lang: str = "sv") -> tuple[dict[str, float], float]:
    """Run ``build_report`` on ``raw`` into ``out``: the seconds per stage and in all."""
    with StageClock() as clock:
        started = time.perf_counter()
        mt.build_report(raw, out / "reports", out / "processed", lang=lang, progress=None)
        total = time.perf_counter() - started
    seconds = dict(clock.seconds)
    seconds["rest of build_report"] = total - sum(seconds.values())
    return seconds, total


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest of its children (the figure
    workers, waited for until they have exited), in MB."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", action="store_true", help="the demo data of data/raw")
    args = parser.parse_args()
    raw = DEMO if args.demo else national_folder()
    survey = max(mt.discover(raw).surveys, key=lambda p: p.stat().st_size)
    floor, bare = pandas_read(survey), bare_read(survey)
    out = Path(tempfile.mkdtemp(prefix="maturity-bench-out-"))
    seconds, total = run_report(raw, out)
    own, children = peak_mb()
    print(f"\n{'demo data' if args.demo else 'national scale'}: {raw}\n")
    print(f"{'stage':<42}{'seconds':>9}{'x read':>9}")
    print(f"{'read_excel(engine=calamine) (yardstick)':<42}{floor:>9.2f}{1.0:>9.1f}")
    print(f"{'python_calamine alone':<42}{bare:>9.2f}{bare / floor:>9.1f}")
    for name, value in seconds.items():
        print(f"{name:<42}{value:>9.2f}{value / floor:>9.1f}")
    print(f"{'maturity report (build_report)':<42}{total:>9.2f}{total / floor:>9.1f}")
    print(f"\npeak memory: {own:.0f} MB in this process, {children:.0f} MB in a worker")
    print(f"both at once at most: {own + children:.0f} MB")
    if args.demo:
        met = total < 8
        print(f"target (demo report under 8 s): {'met' if met else 'NOT met'}")
    else:
        met = total / floor <= 10 and own + children < 1024
        print(f"target (at most 10x the read, under 1 GB): {'met' if met else 'NOT met'}")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
