"""Benchmark: reading a national-scale survey export.

Generates (once, cached in a temp folder) an export of 290 organisations, 20 000 respondents
and 60 statements (1.2 M answer cells, ~3 % "Vet ej", some blanks and labels), then times in one
run, on the same file:

* ``maturity.read_survey`` (guarded open, extent check, full validation, tidy table);
* ``pandas.read_excel(engine="openpyxl")`` + ``melt`` (what most analysts write);
* ``pandas.read_excel(engine="calamine")`` + ``melt`` (the fastest plain pandas way);
* a bare ``python_calamine`` read of the sheet (the floor: no DataFrame, no validation).

The methods take turns, round by round (best of ``--repeat``), so that a busy machine slows
them alike; ``--cpu`` measures the CPU time of the process (all threads) instead of wall time.

Run: ``python benchmarks/ingest.py [--skip-openpyxl] [--repeat 3] [--cpu]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import maturity as mt
from maturity.codebook import Codebook

N_ORGANISATIONS, N_RESPONDENTS, N_STATEMENTS = 290, 20_000, 60


def make_codebook() -> Codebook:
    statements = pd.DataFrame(
        {
            "statement": [f"S{i:02d}" for i in range(1, N_STATEMENTS + 1)],
            "text": [f"Påstående nummer {i} om digital mognad" for i in range(1, N_STATEMENTS + 1)],
            "role": "förvaltningschef",
            "dimension": [f"Dimension {1 + i // 10}" for i in range(N_STATEMENTS)],
            "reverse": [i % 15 == 0 for i in range(N_STATEMENTS)],
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
    orgs = [f"Kommun {k:03d}" for k in range(N_ORGANISATIONS)]
    return Codebook.from_frames(
        statements, scale, pd.DataFrame({"organisation": orgs, "alias": orgs})
    )


def make_export(path: Path) -> Path:
    import xlsxwriter

    rng = np.random.default_rng(1)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Svar")
    sheet.write_row(0, 0, ["Nationell mognadsmätning – export"])
    header = ["Respondent", "Kommun", "Roll", *[f"S{i:02d}" for i in range(1, N_STATEMENTS + 1)]]
    sheet.write_row(2, 0, header)
    answers = rng.integers(1, 6, size=(N_RESPONDENTS, N_STATEMENTS)).astype(object)
    draw = rng.random(answers.shape)
    answers[draw < 0.03] = "Vet ej"
    answers[(draw >= 0.03) & (draw < 0.035)] = None
    answers[(draw >= 0.035) & (draw < 0.04)] = "Instämmer delvis"
    for r in range(N_RESPONDENTS):
        row = [f"R{r:05d}", f"Kommun {r % N_ORGANISATIONS:03d}", "förvaltningschef", *answers[r]]
        sheet.write_row(3 + r, 0, row)
    book.close()
    return path


#: The clock: wall time, or with ``--cpu`` the CPU time of this process (all its threads),
#: steadier on a busy machine.
CLOCK = {"clock": time.perf_counter}


def timed(function, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = CLOCK["clock"]()
        result = function()
        best = min(best, CLOCK["clock"]() - started)
    return best, result


def interleaved(functions: dict, repeat: int) -> tuple[dict, dict]:
    """Best time of each function over ``repeat`` rounds, one call of each per round (so a
    change in the machine's load touches every method alike); and the last results."""
    best = dict.fromkeys(functions, float("inf"))
    results = {}
    for _ in range(repeat):
        for name, function in functions.items():
            seconds, results[name] = timed(function)
            best[name] = min(best[name], seconds)
    return best, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-openpyxl", action="store_true", help="skip the slow openpyxl baseline (~30 s)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best of)")
    parser.add_argument(
        "--cpu", action="store_true", help="CPU time of the process instead of wall time"
    )
    args = parser.parse_args()
    if args.cpu:
        CLOCK["clock"] = time.process_time
    folder = Path(tempfile.gettempdir()) / "maturity-bench"
    folder.mkdir(exist_ok=True)
    path = folder / "national_export.xlsx"
    if not path.exists():
        print(f"generating {path} …", flush=True)
        make_export(path)
    codebook = make_codebook()
    cells = N_RESPONDENTS * N_STATEMENTS
    ids = ["Respondent", "Kommun", "Roll"]

    def ours():
        return mt.read_survey(path, codebook)

    def pandas_openpyxl():
        frame = pd.read_excel(path, engine="openpyxl", header=2)
        return frame.melt(id_vars=ids, var_name="statement", value_name="answer")

    def pandas_calamine():
        frame = pd.read_excel(path, engine="calamine", header=2)
        return frame.melt(id_vars=ids, var_name="statement", value_name="answer")

    def bare_calamine():
        from python_calamine import CalamineWorkbook

        return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Svar").to_python()

    ours_name = "maturity.read_survey (validated)"
    best, results = interleaved(
        {
            ours_name: ours,
            "pandas.read_excel(calamine) + melt": pandas_calamine,
            "bare python_calamine to_python": bare_calamine,
        },
        args.repeat,
    )
    survey = results[ours_name]
    assert survey.cells_read == len(survey.responses) + len(survey.problems)
    assert survey.cells_read >= cells * 0.99
    rows = list(best.items())
    if not args.skip_openpyxl:
        rows.insert(2, ("pandas.read_excel(openpyxl) + melt", timed(pandas_openpyxl)[0]))
    ours_seconds = rows[0][1]
    print(
        f"\n{cells:,} answer cells ({N_RESPONDENTS:,} respondents x {N_STATEMENTS} statements,"
        f" {N_ORGANISATIONS} organisations), file {path.stat().st_size / 1e6:.1f} MB\n"
    )
    clock = "CPU s" if args.cpu else "seconds"
    print(f"{'method':40s} {clock:>9s} {'cells/s':>12s} {'vs ours':>9s}")
    for name, secs in rows:
        print(f"{name:40s} {secs:9.2f} {cells / secs:12,.0f} {secs / ours_seconds:8.1f}x")
    print(
        f"\nread_survey: {len(survey.responses):,} responses accepted, "
        f"{len(survey.problems):,} problems"
    )
    ratio = best["pandas.read_excel(calamine) + melt"] / ours_seconds
    print(f"target (read_survey >= 1.0x calamine + melt): {'met' if ratio >= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
