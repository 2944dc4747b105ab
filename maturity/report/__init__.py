"""``maturity report``: raw workbooks in; tidy tables, figures, workbook and summary out.

The run is a declarative list of stages (:data:`maturity.report.stages.STAGES`): discover the
raw files → each stage reads and validates its kind, computes its statistics, summaries,
findings and figure specifications → write ``data/processed/*.csv``, ``reports/figures/*.png``,
``reports/nulagesanalys.xlsx``, ``reports/nulagesanalys.pptx`` (with the figures) and
``reports/summary.md``. The same input always gives
byte-identical output files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from maturity import text
from maturity.errors import InputError
from maturity.io.discover import discover, not_read_problems
from maturity.io.personal import project_secret
from maturity.report.stages import STAGES, Stage, run_stages, stage_options
from maturity.sections import Section

__all__ = [
    "build_report",
    "ReportResult",
    "FAST_CSV_ROWS",
    "STAGES",
    "Stage",
    "not_read_section",
    "run_stages",
    "spreadsheet_safe",
    "write_table",
]


@dataclass
class ReportResult:
    """What a report run wrote, and the sections it was made from."""

    sections: list[Section]
    tables: list[Path] = field(default_factory=list)
    figures: list[Path] = field(default_factory=list)
    workbook: Path | None = None
    summary: Path | None = None
    deck: Path | None = None
    profiles: list[Path] = field(default_factory=list)
    seconds: float = 0.0


#: The first characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV
#: injection"): a text cell starting with one of them is written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as a spreadsheet may open it: every text cell that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice for CSV
    files opened in a spreadsheet), so ``=HYPERLINK(...)`` from an input file is shown, not run.

    Only text columns (object, string, category) are touched; numbers stay numbers, so a
    negative number in a numeric column is written as it is. A *text* cell that happens to look
    like a number (``"-0.5"``) is text in the typed table too and is escaped like any other text:
    one rule, no guessing. Other cells and the column order are unchanged.

    Parameters
    ----------
    frame : DataFrame

    Returns
    -------
    DataFrame
        A copy with the escaped text columns (the input is not changed).

    Examples
    --------
    >>> safe = spreadsheet_safe(pd.DataFrame({"t": ["=1+1", "ok", "-x"], "n": [-1, 0, 1]}))
    >>> safe["t"].tolist(), safe["n"].tolist()
    (["'=1+1", 'ok', "'-x"], [-1, 0, 1])
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (
            values.dtype == object or isinstance(values.dtype, pd.CategoricalDtype | pd.StringDtype)
        ):
            continue
        risky = _formula_like(values)
        if risky.any():
            escaped = values.astype(object).copy()
            escaped[risky] = "'" + escaped[risky].astype(str)
            out[column] = escaped
    return out


def _formula_like(values: pd.Series) -> np.ndarray:
    """Which cells are text starting like a formula (see :data:`FORMULA_START`); categories
    and Arrow strings are tested without a loop over the cells."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = _formula_like(pd.Series(values.cat.categories, dtype=object))
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, np.append(categories, False)[codes], False)
    if isinstance(values.dtype, pd.StringDtype):
        found = values.str.startswith(FORMULA_START)
        return found.fillna(False).to_numpy(dtype=bool)
    return np.array([isinstance(v, str) and v.startswith(FORMULA_START) for v in values], bool)


#: Tables with at least this many rows are written by Arrow's CSV writer when it gives the
#: same bytes as pandas (see :func:`write_table`).
FAST_CSV_ROWS = 50_000


def _arrow_csv_column(values: pd.Series):
    """The column as Arrow data that Arrow's CSV writer writes as pandas writes it, or None.

    Integers and text are the same in both; a float column is when every value is whole and
    short (pandas writes ``%.10g``: 3.0 as ``3``), written as integers; NaN and missing values
    are empty cells in both. Anything else (booleans, dates, fractions, mixed objects): None.
    """
    import pyarrow as pa

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if pd.api.types.infer_dtype(values.cat.categories, skipna=True) != "string":
            return None
        return pa.array(values).dictionary_decode()  # the codes' text, missing -> null
    if pd.api.types.is_bool_dtype(dtype):
        return None
    if pd.api.types.is_integer_dtype(dtype):
        return pa.array(values, from_pandas=True)
    if pd.api.types.is_float_dtype(dtype):
        x = values.to_numpy(dtype=float, na_value=np.nan)
        number = ~np.isnan(x)
        whole = (x[number] == np.round(x[number])) & (np.abs(x[number]) < 1e10)
        if not whole.all() or np.signbit(x[number][x[number] == 0]).any():
            return None  # a fraction, a long number or -0: formatted differently
        return pa.array(np.where(number, x, 0).astype(np.int64), mask=~number)
    if isinstance(dtype, pd.StringDtype):
        return pa.array(values)
    if pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(values, skipna=True) in (
        "string",
        "empty",
    ):
        return pa.array(values, type=pa.string(), from_pandas=True)
    return None


def _write_csv(frame: pd.DataFrame, path: Path, fast_rows: int | None) -> None:
    """The CSV, by Arrow's writer where it writes pandas' bytes (large tables), else pandas."""
    if fast_rows is not None and len(frame) >= fast_rows and len(frame.columns) >= 2:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        columns = [_arrow_csv_column(frame[c]) for c in frame.columns]
        names = [str(c) for c in frame.columns]
        if all(c is not None for c in columns) and len(set(names)) == len(names):
            options = pacsv.WriteOptions(quoting_style="none", quoting_header="none", eol="\n")
            try:  # a cell holding a quote, comma or line break: pandas quotes it
                pacsv.write_csv(pa.table(columns, names=names), path, write_options=options)
                return
            except pa.ArrowInvalid:
                pass
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")


def write_table(
    frame: pd.DataFrame,
    path: Path,
    *,
    parquet: bool = True,
    fast_rows: int | None = FAST_CSV_ROWS,
) -> Path:
    """Write a tidy table as UTF-8 CSV (for spreadsheet users) and, beside it, as Parquet (typed:
    what a script reads back), the same bytes for the same table.

    The CSV is the copy people double-click, so it is made safe to open
    (:func:`spreadsheet_safe`): a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return is written with a leading apostrophe. The Parquet file is the script-facing
    copy and keeps every value typed and unchanged (no apostrophes); read that one in code.

    Parameters
    ----------
    frame : DataFrame
    path : Path
        The CSV file; the Parquet file gets the same name with ``.parquet``.
    parquet : bool, default True
        Also write the Parquet file.
    fast_rows : int or None, default :data:`FAST_CSV_ROWS`
        Tables with at least this many rows (the raw ``responses``) are written by Arrow's CSV
        writer, several times faster than pandas', whenever it gives the same bytes (integers,
        text without quotes, commas or line breaks, whole-number floats); otherwise, and with
        None, by pandas. The bytes are the same either way.

    Returns
    -------
    Path
        The CSV file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_table(pd.DataFrame({"a": [2.6]}), pathlib.Path(tempfile.mkdtemp()) / "t.csv")
    >>> p.read_text(), pd.read_parquet(p.with_suffix(".parquet"))["a"].tolist()
    ('a\\n2.6\\n', [2.6])
    >>> q = write_table(pd.DataFrame({"t": ["=1"]}), p, parquet=False)
    >>> q.read_text()
    "t\\n'=1\\n"
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_csv(spreadsheet_safe(frame), path, fast_rows)
    if parquet:
        frame.to_parquet(path.with_suffix(".parquet"), index=False, engine="pyarrow")
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
    svg: bool = False,
    organisation: str | None = None,
    secret: str | bytes | None = None,
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
    svg : also save every figure as SVG (vector, text as text) beside its PNG.
    organisation : write the profile (``organisationer/<name>.pptx``) of this organisation
        only; default: one profile per organisation in the data.
    secret : the key of the respondent pseudonyms (ids that look like a personnummer, an
        e-mail address, a phone number or a name are never written in clear; see
        :mod:`maturity.io.personal`). Default: ``$MATURITY_SECRET``, else the file
        ``<raw>/.maturity-secret``, created with a random key the first time an id needs it.

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
    if lang not in text.LANGUAGES:
        raise InputError(f"--lang must be sv or en, not {lang!r}")
    started = time.perf_counter()
    raw, out, processed = Path(raw), Path(out), Path(processed)
    files = discover(raw)
    _say(progress, text.word("cli.found", lang, n=files.count, raw=raw))
    if files.surveys and files.codebook is None:
        raise InputError(
            "has survey workbooks but no codebook (sheets statements, scale)", file=str(raw)
        )
    for path, why in files.not_read:
        line = text.word(
            "hostile.not_read_line",
            lang,
            file=path.relative_to(raw),
            why=text.word(why, lang),
        )
        _say(progress, line)
    workers = None
    if figures:  # started now, they import matplotlib while this process reads and computes
        from maturity.report.figures import start_workers

        workers = start_workers()
    try:
        result, codebook = _sections(
            files, raw, min_n=min_n, lang=lang, progress=progress, secret=secret
        )
        problems = _write_outputs(
            result,
            codebook,
            out,
            processed,
            organisation=organisation,
            min_n=min_n,
            lang=lang,
            progress=progress,
            figures=figures,
            svg=svg,
            workers=workers,
        )
    finally:
        if workers is not None:
            workers.close()
    result.seconds = time.perf_counter() - started
    for line in summary_lines(result.sections, problems, lang=lang):
        _say(progress, line)
    _say(progress, text.word("cli.done", lang, seconds=text.number(result.seconds, lang)))
    return result


def _sections(files, raw: Path, *, min_n, lang, progress, secret):
    """Every section of the report (the stages', the priorities and the files not read) and
    the codebook, read once."""
    options = stage_options(
        files,
        min_n=min_n,
        lang=lang,
        progress=progress,
        secret=lambda: project_secret(raw, secret=secret),
    )
    sections = run_stages(files, options=options)
    if not sections:
        raise InputError("holds no workbooks to analyse", file=str(raw))
    from maturity.sections.priorities import priorities_section

    priorities = priorities_section(sections, lang=lang)
    if priorities is not None:
        sections.append(priorities)
    if files.not_read:
        sections.append(not_read_section(files, raw, lang=lang))
    return ReportResult(sections), options.codebook


def _write_outputs(
    result: ReportResult,
    codebook,
    out: Path,
    processed: Path,
    *,
    organisation,
    min_n,
    lang,
    progress,
    figures: bool,
    svg: bool,
    workers,
) -> pd.DataFrame:
    """Write the tables, the figures, the profiles, the workbook, the deck and the summary;
    return the problem log. While worker processes draw the figures, this process writes the
    tables, the profiles and the workbook (which show no figure), then draws too; the deck,
    which shows the figures, and the summary, which lists them, come last."""
    from maturity.report.deck import write_deck, write_profiles
    from maturity.report.summary import write_summary
    from maturity.report.workbook import write_workbook

    sections = result.sections
    problems = pd.DataFrame()

    def meanwhile() -> None:
        nonlocal problems
        problems = _write_tables(result, processed, lang=lang, progress=progress)
        names = None if organisation is None else [organisation]
        try:
            result.profiles = write_profiles(
                sections, out / "organisationer", organisations=names, min_n=min_n, lang=lang
            )
        except ValueError as err:
            raise InputError(str(err)) from None
        if result.profiles:
            _say(progress, text.word("cli.wrote", lang, path=result.profiles[0].parent))
        result.workbook = write_workbook(
            sections,
            all_problems(sections, shown=True),
            out / "nulagesanalys.xlsx",
            min_n=min_n,
            codebook=codebook,
            lang=lang,
        )
        _say(progress, text.word("cli.wrote", lang, path=result.workbook))

    if figures:
        from maturity.report.figures import render_figures

        result.figures = render_figures(
            sections,
            out / "figures",
            progress=progress,
            svg=svg,
            workers=workers,
            meanwhile=meanwhile,
            lang=lang,
        )
    else:
        meanwhile()
    if result.figures:  # the steering-group deck shows the figures
        result.deck = write_deck(sections, out / "nulagesanalys.pptx", min_n=min_n, lang=lang)
        _say(progress, text.word("cli.wrote", lang, path=result.deck))
    result.summary = write_summary(sections, result, out / "summary.md", min_n=min_n, lang=lang)
    _say(progress, text.word("cli.wrote", lang, path=result.summary))
    return problems


def not_read_section(files, raw: Path, *, lang: str = "sv") -> Section:
    """A section holding only the problem log of the raw folder's files that are not read.

    Examples
    --------
    >>> from maturity.io.discover import NOT_READ, RawFiles
    >>> files = RawFiles(not_read=[(Path("raw/svar.xls"), NOT_READ[".xls"])])
    >>> not_read_section(files, Path("raw"), lang="en").problems["message"].iloc[0]
    'the file is not read: an old Excel 97-2003 file (.xls); open it in Excel and save it as .xlsx'
    """
    log = not_read_problems(files, raw)
    return Section("files", problems=log.to_frame("en"), report_problems=log.to_frame(lang))


def _write_tables(
    result: ReportResult, processed: Path, *, lang: str, progress: Callable[[str], None] | None
) -> pd.DataFrame:
    """Write every table of every section and the problem log as CSV; return the log."""
    for section in result.sections:
        for table_name, table in section.tables.items():
            result.tables.append(write_table(table, processed / f"{table_name}.csv"))
    problems = all_problems(result.sections)
    result.tables.append(write_table(problems, processed / "problems.csv"))
    _say(progress, text.word("cli.wrote_tables", lang, n=len(result.tables), directory=processed))
    return problems


def all_problems(sections: list[Section], *, shown: bool = False) -> pd.DataFrame:
    """The problem logs of every section in one table (with a ``section`` column).

    Parameters
    ----------
    sections : list of Section
    shown : bool
        False: the machine table, messages in English (``Section.problems``), as written to
        ``data/processed/problems.csv`` in every report language. True: the problems as the
        report workbook shows them, messages in the report language
        (``Section.report_problems``, or ``Section.problems`` when a section has none).

    Examples
    --------
    >>> list(all_problems([]).columns)
    ['section', 'source', 'kind', 'value', 'message']
    """
    frames = []
    for section in sections:
        problems = section.problems
        if shown and section.report_problems is not None:
            problems = section.report_problems
        if problems is not None and len(problems):
            frames.append(problems.assign(section=section.name))
    if not frames:
        return pd.DataFrame(columns=["section", "source", "kind", "value", "message"])
    table = pd.concat(frames, ignore_index=True)
    return table[["section", "source", "kind", "value", "message"]]


def summary_lines(
    sections: list[Section], problems: pd.DataFrame, *, lang: str = "sv"
) -> list[str]:
    """Lines for the terminal: cells read, accepted and problems by kind, per section.

    Examples
    --------
    >>> summary_lines([], all_problems([]), lang="en")
    ['no problems']
    """
    lines = []
    for section in sections:
        counts = section.counts
        if counts:
            lines.append(
                text.word(
                    "cli.counts",
                    lang,
                    stage=_topic(section.name, lang),
                    files=text.count(counts.get("files", 0), "report.files", lang),
                    cells_read=counts["cells_read"],
                    accepted=counts["accepted"],
                    problems=text.count(counts["problems"], "report.problems", lang),
                )
            )
    if len(problems):
        by_kind = problems.groupby(["section", "kind"]).size().sort_values(ascending=False)
        for (section_name, kind), count in by_kind.items():
            shown = text.translate_values([kind], "value.problem", lang)[0]
            lines.append(
                text.word(
                    "cli.problems_of_kind",
                    lang,
                    stage=_topic(section_name, lang),
                    kind=shown,
                    n=count,
                )
            )
    else:
        lines.append(text.word("cli.no_problems", lang))
    return lines


def _topic(name: str, lang: str) -> str:
    return text.translate_values([name], "report.topic", lang)[0]
