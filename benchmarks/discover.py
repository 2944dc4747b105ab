"""Benchmark: deciding what each raw workbook is, with a national-scale survey export among them.

Builds (once, seeded, cached in a temp folder, exactly as ``benchmarks/ingest.py`` does) the
export of 290 organisations, 20 000 respondents and 60 statements (1.2 M answer cells), puts it
in a folder with the demo workbooks of ``data/raw`` and times:

* ``maturity.discover`` on the folder (every reader's ``detect`` looks at sheet names and the
  first rows only);
* the same for the export alone (the goal: under 0.2 s);
* the old way, for comparison: every sheet of every workbook read in full (the old
  ``discover`` did that once per kind of workbook, three times over).

Run: ``python benchmarks/discover.py``
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import maturity as mt
from maturity.io.opener import open_workbook

sys.path.insert(0, str(Path(__file__).parent))
from ingest import N_ORGANISATIONS, N_RESPONDENTS, N_STATEMENTS, make_export  # noqa: E402

RAW = Path(__file__).parent.parent / "data" / "raw"


def timed(function, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def full_read(folder: Path) -> int:
    """Every sheet of every workbook read in full (the old way's floor); cells read."""
    cells = 0
    for path in sorted(folder.rglob("*.xlsx")):
        book = open_workbook(path)
        for name in book.sheet_names:
            sheet = book.sheet(name)
            cells += sheet.n_rows * sheet.n_cols
    return cells


def main() -> None:
    cache = Path(tempfile.gettempdir()) / "maturity-bench"
    cache.mkdir(exist_ok=True)
    export = cache / "national_export.xlsx"
    if not export.exists():
        print(f"generating {export} …", flush=True)
        make_export(export)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "raw"
        shutil.copytree(RAW, folder)
        shutil.copy(export, folder / "national_export.xlsx")
        alone = Path(tmp) / "alone"
        alone.mkdir()
        shutil.copy(export, alone / "national_export.xlsx")
        n_files = len(list(folder.rglob("*.xlsx")))

        mt.discover(folder)  # imports and first-use caches out of the timing
        ours, files = timed(lambda: mt.discover(folder))
        assert any(p.name == "national_export.xlsx" for p in files.surveys)
        export_only, _ = timed(lambda: mt.discover(alone))
        old, cells = timed(lambda: full_read(folder), repeat=1)

    print(
        f"\n{n_files} workbooks: the demo data and a survey export of "
        f"{N_RESPONDENTS * N_STATEMENTS:,} answer cells ({N_RESPONDENTS:,} respondents x "
        f"{N_STATEMENTS} statements, {N_ORGANISATIONS} organisations)\n"
    )
    print(f"{'method':58s} {'seconds':>9s} {'vs ours':>9s}")
    rows = [
        ("maturity.discover (first rows only), whole folder", ours),
        ("maturity.discover (first rows only), the export alone", export_only),
        (f"full read of every sheet ({cells:,} cells), once", old),
        ("old discover (full read, once per kind: x3), estimated", 3 * old),
    ]
    for name, seconds in rows:
        print(f"{name:58s} {seconds:9.3f} {seconds / ours:8.1f}x")
    verdict = "met" if export_only < 0.2 else "NOT met"
    print(f"\ngoal: the export's kind decided in < 0.2 s — {verdict} ({export_only:.3f} s)")


if __name__ == "__main__":
    main()
