"""``maturity report``: raw workbooks in; tidy tables, figures, workbook and summary out.

The run is a small DAG: discover the raw files → read and validate each kind → statistics and
summaries per section → findings → write ``data/processed/*.csv``, ``reports/figures/*.png|svg``,
``reports/nulagesanalys.xlsx`` and ``reports/summary.md``. The same input always gives
byte-identical output files.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from maturity.errors import InputError
from maturity.io.discover import SECTION_MODULES, discover
from maturity.sections import Section

__all__ = ["build_report", "ReportResult", "write_table"]


@dataclass
class ReportResult:
    """What a report run wrote, and the sections it was made from."""

    sections: list[Section]
    tables: list[Path] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    workbook: Path | None = None
    summary: Path | None = None
    seconds: float = 0.0


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a tidy table as UTF-8 CSV, the same bytes for the same table.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_table(pd.DataFrame({"a": [2.6]}), pathlib.Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text()
    'a\\n2.6\\n'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)


def build_report(
    raw: str | Path = "data/raw",
    out: str | Path = "reports",
    processed: str | Path = "data/processed",
    *,
    min_n: int = 5,
    lang: str = "sv",
    progress: Callable[[str], None] | None = print,
    figures: bool = True,
) -> ReportResult:
    """Run the whole status analysis on a folder of raw workbooks.

    Parameters
    ----------
    raw : folder of input workbooks (codebook, survey exports, capability map, risk register,
        action plan; sorted by content, not by name).
    out : folder for ``figures/``, ``nulagesanalys.xlsx`` and ``summary.md``.
    processed : folder for the tidy tables (CSV).
    min_n : groups with fewer respondents are suppressed in every published output.
    lang : ``"sv"`` (default) or ``"en"``.
    progress : callable receiving progress lines, or None for silence.
    figures : draw the figures (turn off for a quick data-only run).

    Returns
    -------
    ReportResult

    Raises
    ------
    InputError
        For a folder without a codebook or surveys, and for any hostile or broken workbook.

    Examples
    --------
    >>> result = build_report("data/raw", "/tmp/reports", "/tmp/processed")  # doctest: +SKIP
    """
    if min_n < 1:
        raise InputError(f"--min-n must be at least 1, not {min_n}")
    if lang not in {"sv", "en"}:
        raise InputError(f"--lang must be sv or en, not {lang!r}")
    started = time.perf_counter()
    raw, out, processed = Path(raw), Path(out), Path(processed)
    files = discover(raw)
    _say(progress, f"found {files.count} workbooks in {raw}")
    sections: list[Section] = []
    if files.surveys or files.codebook:
        if files.codebook is None:
            raise InputError("has survey workbooks but no codebook (sheets statements, scale)",
                             file=str(raw))
        from maturity.sections import survey

        sections.append(survey.build(files.codebook, files.surveys, lang=lang, min_n=min_n,
                                     progress=progress))
    organisations = sections[0].context.get("organisations") if sections else None
    for name, module_name in SECTION_MODULES.items():
        paths = files.sections.get(name)
        if not paths:
            continue
        _say(progress, f"reading {name}: {', '.join(p.name for p in paths)}")
        module = importlib.import_module(module_name)
        kwargs = {"lang": lang, "min_n": min_n}
        if name == "capability" and organisations is not None:
            kwargs["organisations"] = organisations
        sections.append(module.build(paths, **kwargs))
    if not sections:
        raise InputError("holds no workbooks to analyse", file=str(raw))

    result = ReportResult(sections)
    for section in sections:
        for table_name, table in section.tables.items():
            result.tables.append(write_table(table, processed / f"{table_name}.csv"))
    problems = all_problems(sections)
    result.tables.append(write_table(problems, processed / "problems.csv"))
    _say(progress, f"wrote {len(result.tables)} tables to {processed}")

    if figures:
        from maturity.report.figures import render_figures

        result.figures = render_figures(sections, out / "figures", progress=progress)
    from maturity.report.summary import write_summary
    from maturity.report.workbook import write_workbook

    result.workbook = write_workbook(sections, problems, out / "nulagesanalys.xlsx",
                                     min_n=min_n, lang=lang)
    _say(progress, f"wrote {result.workbook}")
    result.summary = write_summary(sections, result, out / "summary.md", min_n=min_n, lang=lang)
    _say(progress, f"wrote {result.summary}")
    result.seconds = time.perf_counter() - started
    for line in summary_lines(sections, problems):
        _say(progress, line)
    _say(progress, f"done in {result.seconds:.1f} s")
    return result


def all_problems(sections: list[Section]) -> pd.DataFrame:
    """The problem logs of every section in one table (with a ``section`` column)."""
    frames = []
    for section in sections:
        if section.problems is not None and len(section.problems):
            frames.append(section.problems.assign(section=section.name))
    if not frames:
        return pd.DataFrame(columns=["section", "source", "kind", "value", "message"])
    table = pd.concat(frames, ignore_index=True)
    return table[["section", "source", "kind", "value", "message"]]


def summary_lines(sections: list[Section], problems: pd.DataFrame) -> list[str]:
    """Lines for the terminal: cells read, accepted and problems by kind, per section."""
    lines = []
    for section in sections:
        counts = section.counts
        if counts:
            lines.append(
                f"{section.name}: {counts.get('files', 0)} files, {counts['cells_read']} cells "
                f"read, {counts['accepted']} accepted, {counts['problems']} problems"
            )
    if len(problems):
        by_kind = problems.groupby(["section", "kind"]).size().sort_values(ascending=False)
        for (section_name, kind), count in by_kind.items():
            lines.append(f"  {section_name}: {kind}: {count}")
    else:
        lines.append("no problems")
    return lines
