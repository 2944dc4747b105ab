"""Benchmark: the whole report, stage by stage, at national scale (or on the demo).

Builds (seeded, cached in a temp folder) a national-scale raw folder: a codebook, a survey
export of 290 organisations × 20 000 respondents × 60 statements (1.2 M answer cells, the
export of ``benchmarks/ingest.py``), a capability map of 290 organisations × 22 capabilities,
and the demo's risk register and action plan. Then, in one run on the same files, it times:

* a bare ``python_calamine`` read of the survey export (the floor: no DataFrame, no checks);
* each stage of ``maturity report`` through the public functions that ``build_report`` runs:
  discover, read (codebook and every reader), statistics (the sections: statistics, findings,
  figure specifications), tables (CSV and Parquet), figures (PNG and SVG), deck (the
  steering-group deck and the organisation profiles), workbook, summary;

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
from maturity.report import ReportResult, all_problems, write_table
from maturity.report.deck import write_deck, write_profiles
from maturity.report.figures import render_figures
from maturity.report.summary import write_summary
from maturity.report.workbook import write_workbook

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


def run_stages(
    raw: Path, out: Path, *, skip: frozenset[str] = frozenset(), lang: str = "sv"
) -> dict[str, float]:
    """Every stage of ``build_report`` through its public function, timed (but those in
    ``skip``)."""
    seconds: dict[str, float] = {}

    def timed(name, call):
        if name in skip:
            return None
        started = time.perf_counter()
        value = call()
        seconds[name] = time.perf_counter() - started
        return value

    files = timed("discover", lambda: mt.discover(raw))

    def read():
        read_started = time.perf_counter()
        codebook = mt.read_codebook(files.codebook) if files.codebook else None
        survey = mt.read_survey(files.surveys, codebook) if files.surveys else None
        readers = {"capability": mt.read_capability_map, "risk": mt.read_risk_register}
        others = {}
        for kind, paths in files.sections.items():
            if kind == "capability":
                organisations = codebook.organisations if codebook else None
                others[kind] = readers[kind](paths[0], organisations=organisations)
            elif kind == "risk":
                others[kind] = readers[kind](paths)
            else:
                others[kind] = mt.read_action_plan(paths)
        seconds["read"] = time.perf_counter() - read_started
        return survey, others

    survey, others = read()

    def statistics():
        sections = []
        if survey is not None:
            sections.append(mt.survey_section(survey, lang=lang))
        makers = {
            "capability": mt.capability_section,
            "risk": mt.risk_section,
            "actionplan": mt.actionplan_section,
        }
        for kind, value in others.items():
            sections.append(makers[kind](value, lang=lang))
        return sections

    sections = timed("statistics", statistics)
    result = ReportResult(sections)

    def tables():
        for section in sections:
            for name, table in section.tables.items():
                write_table(table, out / "processed" / f"{name}.csv")
        write_table(all_problems(sections), out / "processed" / "problems.csv")

    timed("tables", tables)
    timed("figures", lambda: render_figures(sections, out / "figures", lang=lang))

    def deck():
        write_deck(sections, out / "nulagesanalys.pptx", lang=lang)
        write_profiles(sections, out / "organisationer", lang=lang)

    timed("deck", deck)
    problems = all_problems(sections, shown=True)
    timed(
        "workbook",
        lambda: write_workbook(sections, problems, out / "nulagesanalys.xlsx", lang=lang),
    )
    timed("summary", lambda: write_summary(sections, result, out / "summary.md", lang=lang))
    return seconds


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its (finished) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", action="store_true", help="the demo data of data/raw")
    parser.add_argument(
        "--skip",
        default="",
        help="stages not run, comma-separated: of tables, figures, deck, workbook, summary",
    )
    args = parser.parse_args()
    skip = frozenset(s.strip() for s in args.skip.split(",") if s.strip())
    raw = DEMO if args.demo else national_folder()
    files = mt.discover(raw)
    floor = bare_read(max(files.surveys, key=lambda p: p.stat().st_size))
    out = Path(tempfile.mkdtemp(prefix="maturity-bench-out-"))
    started = time.perf_counter()
    seconds = run_stages(raw, out, skip=skip)
    total = time.perf_counter() - started
    own, children = peak_mb()
    print(f"\n{'demo data' if args.demo else 'national scale'}: {raw}\n")
    print(f"{'stage':<28}{'seconds':>9}{'x bare read':>13}")
    print(f"{'bare calamine read (floor)':<28}{floor:>9.2f}{1.0:>13.1f}")
    for name, value in seconds.items():
        print(f"{name:<28}{value:>9.2f}{value / floor:>13.1f}")
    print(f"{'whole report':<28}{total:>9.2f}{total / floor:>13.1f}")
    print(f"\npeak memory: {own:.0f} MB in this process, {children:.0f} MB in a figure worker")
    if skip:
        print(f"stages not run: {', '.join(sorted(skip))}: no target checked")
    elif args.demo:
        met = total < 8
        print(f"target (demo report under 8 s): {'met' if met else 'NOT met'}")
    else:
        met = total / floor <= 10 and max(own, children) < 1024
        print(f"target (at most 10x the bare read, under 1 GB): {'met' if met else 'NOT met'}")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
