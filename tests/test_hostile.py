"""The attack suite: generated hostile and careless input, each case asserting the promise
(a clean InputError naming the file, or a logged problem naming the cell; never a traceback, a
hang or a huge allocation). Heavy cases run in a child process under a memory limit and a
timeout (tests/_hostile.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity.cli import main
from maturity.errors import InputError
from maturity.io.opener import open_workbook
from maturity.report import build_report
from tests._hostile import (
    bomb_sheet,
    replace_member,
    run_limited,
    small_book,
    understate_size,
    with_string_count,
    write,
)
from tests._workbooks import ORGANISATIONS, STATEMENTS, write_codebook, write_rows

ROWS = [["statement", "text"], ["F1", "hej"], ["F2", "då"]]
_OPEN = """
import sys
from maturity.errors import InputError
from maturity.io.opener import open_workbook
try:
    book = open_workbook(sys.argv[1] if len(sys.argv) > 1 else {path!r})
    print(book.sheet("statements").n_rows, book.table("statements").n_rows)
except InputError as err:
    print("InputError:", err)
"""


def _open_limited(path: Path):
    result = run_limited(_OPEN.format(path=str(path)))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    return result.stdout


# -- item 2: caps that do not trust the file ----------------------------------------------------


@pytest.mark.parametrize("count", ["4294967295", "18446744073709551615", "-1", "1e9"])
def test_shared_string_unique_count_is_checked_before_any_reader(tmp_path, count):
    path = write(tmp_path / "sst.xlsx", with_string_count(small_book(ROWS), "uniqueCount", count))
    out = _open_limited(path)
    assert out.startswith("InputError: sst.xlsx: is refused: xl/sharedStrings.xml declares")
    assert "uniqueCount" in out


def test_shared_string_count_is_checked(tmp_path):
    path = write(tmp_path / "c.xlsx", with_string_count(small_book(ROWS), "count", "4294967295"))
    with pytest.raises(InputError, match="c.xlsx: is refused: .* count=4294967295"):
        open_workbook(path)


def test_honest_counts_and_a_lying_dimension_are_read(tmp_path):
    data = replace_member(
        small_book(ROWS),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:XFD1048576"/>'),
    )
    path = write(tmp_path / "dim.xlsx", data)
    assert _open_limited(path).split() == ["3", "3"]


def test_understated_zip_member_is_refused_by_bytes_inflated(tmp_path):
    sheet = bomb_sheet(300_000)  # 14 MB of XML whose directory says 5 000 bytes
    data = replace_member(small_book(ROWS), "xl/worksheets/sheet1.xml", lambda _: sheet)
    path = write(
        tmp_path / "bomb.xlsx", understate_size(data, "xl/worksheets/sheet1.xml", 5000, sheet)
    )
    out = _open_limited(path)
    assert "inflates to more than the 5000 bytes its zip directory states" in out


def test_rust_reader_panic_is_an_input_error(tmp_path, monkeypatch):
    path = write(tmp_path / "ok.xlsx", small_book(ROWS))
    book = open_workbook(path)

    class PanicException(BaseException):  # what a Rust panic looks like from Python
        pass

    class Exploding:
        def get_sheet_by_name(self, name):
            raise PanicException("capacity overflow")

    book._book = Exploding()
    with pytest.raises(InputError, match=r"ok.xlsx:statements: could not be read \(Panic"):
        book.sheet("statements")


# -- item 5: valid input never crashes ----------------------------------------------------------


def _survey(raw: Path, statements: pd.DataFrame, roles: list[str], n: int = 6) -> None:
    asked = list(statements["statement"])
    header = ["Respondent", "Kommun", "Roll", *asked]
    rows = []
    for k, role in enumerate(roles):
        for i in range(n):
            answers = [1 + (i + j + k) % 5 for j in range(len(asked))]
            rows.append([f"{role}{i}", ["Tanum", "Åmål"][i % 2], role, *answers])
    write_rows(raw / "enkat_2024.xlsx", {"Svar": [header, *rows]})


def test_three_roles_are_compared_pairwise(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    statements = pd.concat(
        [
            STATEMENTS,
            pd.DataFrame(
                {
                    "statement": ["K1", "K2"],
                    "text": ["Vi har $5 och $6 i budget", "Vi har en plan"],
                    "role": ["kommunchef"] * 2,
                    "dimension": ["Styrning", "Teknik"],
                    "reverse": [False, False],
                }
            ),
        ],
        ignore_index=True,
    )
    write_codebook(raw / "kodbok.xlsx", statements=statements, organisations=ORGANISATIONS)
    _survey(raw, statements, ["förvaltningschef", "IT-chef", "kommunchef"])
    result = build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    survey = next(s for s in result.sections if s.name == "survey")
    gaps = survey.tables["survey_role_gap"]
    assert len(gaps[["role_1", "role_2"]].drop_duplicates()) == 2  # pairs sharing a dimension
    names = [n for n in survey.figures if n.startswith("enkat_roller")]
    assert len(names) == 3 and "enkat_roller" not in names
    from maturity.report.figures import draw_and_save

    for name in names:  # each pair draws (no "needs exactly two roles")
        assert draw_and_save(survey.figures[name], tmp_path / "f" / name)


def test_dollars_are_text_not_mathtext():
    import matplotlib

    from maturity.plots.style import message_figure

    fig = message_figure("Kostnad $5 och $6", "x_1 $\\alpha^2$ $")
    fig.canvas.draw()  # mathtext would raise on the lone "$" or render alpha
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert "Kostnad $5 och $6" in texts
    assert matplotlib.rcParams["text.parse_math"] is False


def test_control_characters_reach_the_workbook_escaped(tmp_path):
    from maturity.xlsx_writer import excel_text

    raw = tmp_path / "raw"
    raw.mkdir()
    write_codebook(raw / "kodbok.xlsx")
    rows = [[f"r{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, "tre\x1b"] for i in range(8)]
    rows.append(["r9", "Tan\x07um", "förvaltningschef", 1, 2, 3])
    header = ["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]
    write_rows(raw / "enkat_2024.xlsx", {"Svar": [header, *rows]}, writer="xlsxwriter")
    result = build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    book = openpyxl.load_workbook(result.workbook)
    values = [str(c.value) for s in book for row in s.iter_rows() for c in row if c.value]
    assert any("\\x1b" in v for v in values) or any("\\x07" in v for v in values)
    assert not any(ch in v for v in values for ch in "\x00\x07\x1b")
    assert excel_text("a\x0bb" * 20_000).count("\\x0b") < 20_000  # capped at Excel's 32 767


def test_problem_log_over_the_row_limit_is_cut_with_a_note(tmp_path, monkeypatch):
    from maturity.report import workbook

    monkeypatch.setattr(workbook, "MAX_PROBLEM_ROWS", 5)
    problems = pd.DataFrame(
        {
            "section": ["survey"] * 12,
            "source": [f"a.xlsx:Svar:D{i}" for i in range(12)],
            "kind": ["out_of_scale"] * 12,
            "value": ["9"] * 12,
            "message": ["m"] * 12,
        }
    )
    path = workbook.write_workbook([], problems, tmp_path / "w.xlsx", lang="en")
    sheet = openpyxl.load_workbook(path)["Problems"]
    assert sheet.max_row == 1 + 5 + 1
    assert "7 more problems" in sheet.cell(7, 1).value and "problems.csv" in sheet.cell(7, 1).value


def test_unwritable_out_is_one_line_exit_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    raw = tmp_path / "raw"
    raw.mkdir()
    write_codebook(raw / "kodbok.xlsx")
    rows = [[f"r{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, 3] for i in range(8)]
    write_rows(
        raw / "enkat_2024.xlsx",
        {"Svar": [["Respondent", "Kommun", "Roll", "F1", "F2", "F3"], *rows]},
    )
    argv = ["report", "--raw", str(raw), "--out", str(blocker / "r"), "--processed"]
    assert main([*argv, str(blocker / "p"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("maturity: error: ") and str(blocker) in err[0]


def test_unreadable_input_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    locked = write(raw / "kodbok.xlsx", small_book(ROWS))
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    code = main(
        [
            "report",
            "--raw",
            str(raw),
            "--out",
            str(tmp_path / "r"),
            "--quiet",
            "--processed",
            str(tmp_path / "p"),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kodbok.xlsx" in err[0] and "Permission denied" in err[0]


def test_child_runner_reports_a_blow_up():
    result = run_limited("x = bytearray(4 * 1024**3)", memory=1024**3)
    assert result.returncode != 0 and "MemoryError" in result.stderr
    assert sys.executable


# -- item 1: bounded everywhere -------------------------------------------------------------------


def _plan(path: Path, budget_header: str, amounts: list) -> Path:
    rows = [["Område", "Aktivitet", "År", "Status", budget_header, "Utfall (kr)"]]
    for i, amount in enumerate(amounts):
        rows.append(["Styrning", f"Aktivitet {i}", 2020, "Genomförd", amount, 1000])
    return write_rows(path, {"Handlingsplan": rows, "Anslag": [["År", "Anslag"], [2020, 5e6]]})


def test_kronor_under_a_mkr_header_is_a_problem_naming_the_cell(tmp_path):
    from maturity.io.actionplan import read_action_plan

    plan = read_action_plan(_plan(tmp_path / "plan.xlsx", "Budget (Mkr)", [2.5, 5_000_000_000]))
    problems = plan.problems_in("en")
    row = problems[problems["kind"] == "implausible_value"].iloc[0]
    assert row["source"] == "plan.xlsx:Handlingsplan:E3"
    assert "5 000 000 000 Mkr is not a plausible amount" in row["message"]
    assert "is the column in kronor?" in row["message"]
    sv = plan.problems_in("sv")
    assert "är kolumnen i kronor?" in sv[sv["kind"] == "implausible_value"].iloc[0]["message"]
    assert plan.actions["budget"].max() == 2.5e6  # the slip is never summed or drawn
    tkr = read_action_plan(_plan(tmp_path / "tkr.xlsx", "Budget (tkr)", [250, 350_000]))
    slips = tkr.problems_in("en")
    slips = slips[slips["kind"] == "implausible_value"]
    assert slips["source"].tolist() == ["tkr.xlsx:Handlingsplan:E3"]
    assert (
        "350 000 tkr is not a plausible amount; is the column in kronor?"
        in slips.iloc[0]["message"]
    )


def test_kronor_under_a_tkr_header_below_100_000_are_found_by_magnitude(tmp_path):
    from maturity.io.actionplan import read_action_plan

    values = [250, 400, 45_000, 1_200, 80]  # 45 000 kr typed where the others are in tkr
    plan = read_action_plan(_plan(tmp_path / "tkr.xlsx", "Budget (tkr)", values))
    slips = plan.problems_in("en")
    slips = slips[slips["kind"] == "implausible_value"]
    assert slips["source"].tolist() == ["tkr.xlsx:Handlingsplan:E4"]
    assert (
        "45 000 tkr is not a plausible amount; is the column in kronor?" in slips.iloc[0]["message"]
    )
    assert sorted(plan.actions["budget"].dropna()) == [80e3, 250e3, 400e3, 1_200e3]
    large = read_action_plan(_plan(tmp_path / "big.xlsx", "Budget (tkr)", [30_000, 45_000, 52_000]))
    assert "implausible_value" not in set(large.problems["kind"])  # a column of large amounts


def test_huge_amounts_draw_in_bounded_time_and_memory(tmp_path):
    path = _plan(tmp_path / "plan.xlsx", "Budget (kr)", [1e12, 1e15, 1e17, 350_000])
    result = run_limited(
        f"""
        import matplotlib
        matplotlib.use("Agg")
        from maturity.io.actionplan import read_action_plan
        from maturity.plots.actionplan import budget_use
        plan = read_action_plan({str(path)!r})
        print(sorted(plan.problems["kind"]))
        budget_use(plan).savefig({str(tmp_path / "b.png")!r})
        print("drawn")
        """,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[0].count("implausible_value") == 3
    assert "drawn" in result.stdout


def test_plot_ticks_never_grow_with_a_value():
    from maturity.plots.style import whole_ticks

    assert len(whole_ticks(0, 1e17)) <= 12 and len(whole_ticks(0, 7)) == 8
    assert whole_ticks(1, 5) == [1, 2, 3, 4, 5]


def test_implausible_capability_level_is_a_problem(tmp_path):
    from maturity.io.capability import read_capability_map

    rows = [["Förmåga", "Mål", "Målnivå", "Tanum", "Åmål"], ["Leda", "Styrning", 3, 2, 4]]
    levels = [["level", "label", "acceptable"], [1, "Låg", "nej"], [2, "Mellan", "ja"]]
    levels += [[1e19, "Jätte", "ja"], [4, "Hög", "ja"]]
    path = write_rows(tmp_path / "karta.xlsx", {"Förmågekarta": rows, "levels": levels})
    cmap = read_capability_map(path)
    assert cmap.levels["level"].tolist() == [1, 2, 4]
    problems = cmap.problems_in("en")
    row = problems[problems["kind"] == "implausible_value"].iloc[0]
    assert (
        row["source"] == "karta.xlsx:levels:A4"
        and "not a plausible maturity level" in row["message"]
    )


def test_implausible_scale_step_is_refused_naming_the_cell(tmp_path):
    from maturity.io.codebook import read_codebook

    scale = pd.DataFrame({"label": ["Nej", "Ja", "Kanske"], "value": [1, 2, 1e12]})
    path = write_codebook(tmp_path / "kodbok.xlsx", scale=scale)
    with pytest.raises(InputError, match=r"kodbok.xlsx:scale:B4: .*not a plausible scale step"):
        read_codebook(path)


# -- item 6: nothing silently dropped -----------------------------------------------------------

ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]


def test_excel_errors_in_survey_answers_are_problems(tmp_path):
    from maturity.io.survey import read_survey
    from tests._hostile import with_error_cells
    from tests._workbooks import codebook

    header = ["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]
    rows = [[f"r{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, 3] for i in range(8)]
    path = write_rows(tmp_path / "enkat_2024.xlsx", {"Svar": [header, *rows]})
    cells = {f"D{k + 2}": error for k, error in enumerate(ERRORS)}
    with_error_cells(path, cells)
    survey = read_survey(path, codebook=codebook())
    problems = survey.problems_in("en")
    errors = problems[problems["kind"] == "excel_error"]
    assert sorted(errors["value"]) == sorted(ERRORS)
    assert set(errors["source"]) == {f"enkat_2024.xlsx:Svar:{c}" for c in cells}
    assert "holds an Excel error value" in errors.iloc[0]["message"]


def test_excel_errors_in_registers_are_problems(tmp_path):
    from maturity.io.actionplan import read_action_plan
    from maturity.io.capability import read_capability_map
    from tests._hostile import with_error_cells

    plan = _plan(tmp_path / "plan.xlsx", "Budget (kr)", [1000, 2000])
    with_error_cells(plan, {"E2": "#DIV/0!"})
    problems = read_action_plan(plan).problems
    assert problems[problems["kind"] == "excel_error"]["source"].tolist() == [
        "plan.xlsx:Handlingsplan:E2"
    ]
    rows = [["Förmåga", "Mål", "Målnivå", "Tanum", "Åmål"], ["Leda", "Styrning", 3, 2, 4]]
    levels = [["level", "label", "acceptable"], [1, "Låg", "nej"], [2, "Mellan", "ja"]]
    levels += [[3, "Hög", "ja"], [4, "Högst", "ja"]]
    path = write_rows(tmp_path / "karta.xlsx", {"Förmågekarta": rows, "levels": levels})
    with_error_cells(path, {"E2": "#N/A"})
    cmap = read_capability_map(path)
    problems = cmap.problems
    assert problems[problems["kind"] == "excel_error"]["source"].tolist() == [
        "karta.xlsx:Förmågekarta:E2"
    ]


def test_excel_error_in_the_codebook_is_refused_at_its_cell(tmp_path):
    from maturity.io.codebook import read_codebook
    from tests._hostile import with_error_cells

    path = write_codebook(tmp_path / "kodbok.xlsx")
    with_error_cells(path, {"E2": "#N/A"})
    with pytest.raises(InputError, match=r"kodbok.xlsx:statements:E2: holds the Excel error"):
        read_codebook(path)


def test_files_not_read_are_named_in_the_output_and_the_problem_log(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_codebook(raw / "kodbok.xlsx")
    rows = [[f"r{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, 3] for i in range(8)]
    header = ["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]
    write_rows(raw / "enkat_2024.xlsx", {"Svar": [header, *rows]})
    for name in ("enkat_2019.xls", "svar.csv", "gammal.xlsb", "karta.ods", "~$enkat_2024.xlsx"):
        (raw / name).write_bytes(b"x")
    lines: list[str] = []
    result = build_report(
        raw, tmp_path / "r", tmp_path / "p", progress=lines.append, figures=False, lang="en"
    )
    said = [line for line in lines if line.startswith("not read: ")]
    assert len(said) == 5 and any("enkat_2019.xls: an old Excel 97-2003" in s for s in said)
    problems = pd.read_csv(tmp_path / "p" / "problems.csv")
    unread = problems[problems["kind"] == "file_not_read"]
    assert sorted(unread["source"]) == sorted(
        ["enkat_2019.xls", "svar.csv", "gammal.xlsb", "karta.ods", "~$enkat_2024.xlsx"]
    )
    book = openpyxl.load_workbook(result.workbook)
    shown = [c.value for row in book["Problems"].iter_rows() for c in row]
    assert "svar.csv" in shown


def test_excel_error_in_the_risk_register_is_a_problem(tmp_path):
    import shutil

    from maturity.io.risk import read_risk_register
    from tests._hostile import with_error_cells

    path = tmp_path / "riskregister.xlsx"
    shutil.copy(Path(__file__).parents[1] / "data" / "raw" / "riskregister.xlsx", path)
    with_error_cells(path, {"E4": "#VALUE!"})
    problems = read_risk_register(path).problems
    errors = problems[problems["kind"] == "excel_error"]
    assert errors["source"].tolist() == ["riskregister.xlsx:2019-11-14:E4"]
    assert errors["value"].tolist() == ["#VALUE!"]


def test_a_huge_level_draws_in_bounded_time_and_memory(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    rows = [["Förmåga", "Mål", "Målnivå", "Tanum", "Åmål"], ["Leda", "Styrning", 3, 2, 4]]
    rows.append(["Besluta", "Styrning", 3, 3, 1])
    levels = [["level", "label", "acceptable"], [1, "Låg", "nej"], [2, "Mellan", "ja"]]
    levels += [[3, "Hög", "ja"], [4, "Högst", "ja"], [1e19, "Jätte", "ja"]]
    write_rows(raw / "karta.xlsx", {"Förmågekarta": rows, "levels": levels})
    result = run_limited(
        f"""
        import matplotlib
        matplotlib.use("Agg")
        from maturity.io.capability import read_capability_map
        from maturity.plots.capability import capability_bars, capability_heatmap, capability_radar
        cmap = read_capability_map({str(raw / "karta.xlsx")!r})
        print(sorted(cmap.problems["kind"]))
        capability_heatmap(cmap).savefig({str(tmp_path / "h.png")!r})
        capability_radar(cmap, organisation="Tanum").savefig({str(tmp_path / "r.png")!r})
        capability_bars(cmap).savefig({str(tmp_path / "b.png")!r})
        print("drawn")
        """
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stdout.split("\n")[0].count("implausible_value") == 1  # the level of 1e19
    assert "drawn" in result.stdout


def test_excel_error_on_a_sparsely_read_sheet_is_listed(tmp_path):
    from tests._hostile import with_error_cells

    path = tmp_path / "sparse.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Svar"
    book.active.append(["a", "b"])
    book.active.append([1, 2])
    book.active["XFD1048576"] = "x"  # far away: the sheet is read sparsely
    book.save(path)
    with_error_cells(path, {"B2": "#N/A"})
    sheet = open_workbook(path).sheet("Svar")
    assert sheet.error_cells == {(1, 1): "#N/A"} and sheet.value(1, 1) == ""
    assert sheet.stray_cells == [(1048575, 16383, "x")]


# -- item 6: copies, duplicate respondents, organisation names ---------------------------------
_HEAD = ["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]


def _export(path: Path, ids, organisation="Tanum", writer="openpyxl") -> Path:
    rows = [[rid, organisation, "förvaltningschef", 1 + i % 5, 2, 3] for i, rid in enumerate(ids)]
    return write_rows(path, {"Svar": [_HEAD, *rows]}, writer=writer)


def test_the_same_export_saved_twice_is_read_once(tmp_path):
    from maturity.io.survey import read_survey
    from tests._workbooks import codebook

    first = _export(tmp_path / "Tanum.xlsx", [f"R{i}" for i in range(4)])
    (tmp_path / "Tanum (1).xlsx").write_bytes(first.read_bytes())  # the same bytes
    _export(tmp_path / "Tanum (2).xlsx", [f"R{i}" for i in range(4)], writer="xlsxwriter")
    survey = read_survey(tmp_path, codebook())
    assert survey.responses["respondent"].nunique() == 4  # not doubled (not 8, not 12)
    assert len(survey.responses) == 12
    copies = survey.problems_in("en")
    copies = copies[copies["kind"] == "duplicate_export"]
    # read in name order: "Tanum (1).xlsx" first; "(2)" holds the same cells, "Tanum.xlsx"
    # the same bytes
    assert copies["source"].tolist() == ["Tanum (2).xlsx:Svar:A1", "Tanum.xlsx::A1"]
    assert "a copy of Tanum (1).xlsx:Svar, which is already read" in copies.iloc[0]["message"]
    assert "a copy of Tanum (1).xlsx, which" in copies.iloc[1]["message"]
    assert survey.cells_read == len(survey.responses) + len(survey.problems)


def test_exports_alike_but_in_one_cell_are_both_read(tmp_path):
    """Same shape, same first and last rows, one answer different in the middle: no copy."""
    from maturity.io.survey import read_survey
    from tests._workbooks import codebook

    rows = [[f"R{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, 3] for i in range(6)]
    write_rows(tmp_path / "a.xlsx", {"Svar": [_HEAD, *rows]})
    rows[3] = [*rows[3][:3], 5, 5, 5]
    rows = [[f"S{i}", *row[1:]] if 1 < i < 4 else row for i, row in enumerate(rows)]
    write_rows(tmp_path / "b.xlsx", {"Svar": [_HEAD, *rows]})
    survey = read_survey(tmp_path, codebook())
    assert "duplicate_export" not in set(survey.problems["kind"])
    assert len(survey.responses) == 2 * 6 * 3 - 4 * 3  # R0, R1, R4, R5 twice: duplicates


def test_the_same_export_in_two_folders_is_a_copy_too(tmp_path):
    from maturity.io.survey import read_survey
    from tests._workbooks import codebook

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = _export(tmp_path / "a" / "Tanum.xlsx", ["R1", "R2"])
    (tmp_path / "b" / "Tanum.xlsx").write_bytes(first.read_bytes())
    survey = read_survey([tmp_path / "a", tmp_path / "b"], codebook())
    assert len(survey.responses) == 6
    assert survey.problems["kind"].tolist() == ["duplicate_export"]


def test_duplicate_respondents_across_files_count_once_naming_both_files(tmp_path):
    from maturity.io.survey import read_survey
    from tests._workbooks import codebook

    _export(tmp_path / "a.xlsx", ["R1", "R2", "R3"])
    _export(tmp_path / "b.xlsx", ["R3", "R4"])
    survey = read_survey(tmp_path, codebook())
    assert sorted(survey.responses["respondent"].unique()) == ["R1", "R2", "R3", "R4"]
    twice = survey.problems_in("en")
    twice = twice[twice["kind"] == "duplicate_respondent"]
    assert len(twice) == 3 and set(twice["source"].str.split(":").str[0]) == {"b.xlsx"}
    assert "already answered in a.xlsx:Svar row 4" in twice.iloc[0]["message"]


def test_organisation_names_are_normalised_without_an_organisations_sheet(tmp_path):
    import unicodedata

    from maturity.codebook import Codebook
    from maturity.io.survey import read_survey
    from tests._workbooks import SCALE

    names = ["Tanum", "TANUM", "tanum ", " Tanum", unicodedata.normalize("NFD", "Åmål"), "Åmål"]
    rows = [[f"R{i}", name, "förvaltningschef", 3, 3, 3] for i, name in enumerate(names)]
    write_rows(tmp_path / "e.xlsx", {"Svar": [_HEAD, *rows]})
    bare = Codebook.from_frames(STATEMENTS, SCALE, ORGANISATIONS.iloc[0:0])
    survey = read_survey(tmp_path / "e.xlsx", bare)
    organisations = survey.responses["organisation"].astype(str)
    assert sorted(organisations.unique()) == ["Tanum", unicodedata.normalize("NFC", "Åmål")]
    assert (organisations == "Tanum").sum() == 12


def test_a_file_name_naming_two_organisations_is_a_problem(tmp_path):
    from maturity.io.survey import read_survey
    from tests._workbooks import codebook

    rows = [["ID", "F1", "F2"], ["t1", 3, 3], ["t2", 4, 4]]
    write_rows(tmp_path / "svar_Tanum_Åmål_2022.xlsx", {"förvaltningschef": rows})
    rows = [["ID", "F1", "F2"], ["t1", 2, 3], ["t2", 4, 5]]
    write_rows(tmp_path / "svar_Tanum_2022.xlsx", {"förvaltningschef": rows})
    survey = read_survey(tmp_path, codebook())
    assert set(survey.responses["organisation"].astype(str)) == {"Tanum"}
    assert len(survey.responses) == 4
    problems = survey.problems_in("en")
    two = problems[problems["message"].str.contains("names several organisations")]
    assert len(two) == 4 and "(Tanum, Åmål)" in two.iloc[0]["message"]
    assert set(two["source"].str.split(":").str[0]) == {"svar_Tanum_Åmål_2022.xlsx"}
