"""End to end: `maturity report` on the demo data, determinism, safety, the CLI."""

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from maturity.cli import main
from maturity.report import build_report
from tests._workbooks import STATEMENTS, write_codebook, write_rows

DEMO = Path(__file__).parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def two_runs(demo_report, tmp_path_factory):
    """The session's demo report and a second run of everything but the figures (the figures'
    determinism is checked by drawing a few of them again)."""
    root = tmp_path_factory.mktemp("second_run")
    result = build_report(DEMO, root / "reports", root / "processed", progress=None, figures=False)
    return [demo_report, (root, result)]


def test_report_writes_everything(two_runs):
    root, result = two_runs[0]
    names = {p.name for p in (root / "processed").iterdir()}
    assert {
        "responses.csv",
        "problems.csv",
        "survey_statements.csv",
        "capability_summary.csv",
        "risks.csv",
        "actions.csv",
    } <= names
    figures = {p.name for p in (root / "reports" / "figures").iterdir()}
    for stem in (
        "enkat_medel_forvaltningschef",
        "enkat_fordelning_itchef_samverkan",
        "enkat_roller",
        "enkat_organisationer",
        "enkat_forandring",
        "formagekarta_heatmap",
        "riskmatris",
        "risktrend",
        "handlingsplan_status",
        "budget",
    ):
        assert f"{stem}.png" in figures and f"{stem}.svg" not in figures  # SVG: --svg
    assert (root / "reports" / "nulagesanalys.xlsx").stat().st_size > 10_000
    summary = (root / "reports" / "summary.md").read_text(encoding="utf-8")
    assert "2,6" in summary and "figures/enkat_roller.png" in summary


def test_two_runs_are_byte_identical(two_runs):
    (a, _), (b, _) = two_runs
    files_a = sorted(
        p.relative_to(a)
        for p in a.rglob("*")
        if p.is_file() and p.parent.name != "figures" and p.name != "nulagesanalys.pptx"
    )
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [str(p) for p in files_a if (a / p).read_bytes() != (b / p).read_bytes()]
    # the summary of a run without figures lacks only the figure gallery at its end
    assert different == ["reports/summary.md"]
    with_figures = (a / "reports" / "summary.md").read_text(encoding="utf-8")
    without = (b / "reports" / "summary.md").read_text(encoding="utf-8")
    assert with_figures.startswith(without) and "![" not in without


def test_figures_drawn_again_are_byte_identical(two_runs, tmp_path):
    import matplotlib

    from maturity.plots.style import use_house_style
    from maturity.report.figures import save_figure

    matplotlib.use("Agg")
    use_house_style()
    (a, result), _ = two_runs
    specs = {name: spec for section in result.sections for name, spec in section.figures.items()}
    for name in ("enkat_roller", "formagekarta_heatmap", "riskmatris", "budget"):
        for path in save_figure(specs[name](), tmp_path / name):
            assert path.read_bytes() == (a / "reports" / "figures" / path.name).read_bytes()


def test_story_of_the_demo(two_runs):
    root, _ = two_runs[0]
    statements = pd.read_csv(root / "processed" / "survey_statements.csv")
    managers = statements[statements.role == "förvaltningschef"]
    lowest = managers.loc[managers["mean"].idxmin()]
    assert lowest.statement == "F04" and abs(lowest["mean"] - 2.6) < 0.1
    it = statements[statements.role == "IT-chef"]
    assert (it["mean"] > 3.0).all()
    assert it.loc[it["mean"].idxmin(), "statement"] == "I18"
    across = pd.read_csv(root / "processed" / "survey_across_organisations.csv")
    f04 = across[across.statement == "F04"].iloc[0]
    assert f04.sd_between < 0.35


def test_no_published_group_below_min_n(two_runs):
    _, result = two_runs[0]
    for section in result.sections:
        for name, table in section.published().items():
            for column in (
                "n_respondents",
                "n_respondents_from",
                "n_respondents_to",
                "n_respondents_1",
                "n_respondents_2",
            ):
                if column in table.columns and "suppressed" in table.columns:
                    shown = table.loc[~table["suppressed"].astype(bool), column]
                    assert (shown.dropna() >= 5).all(), (name, column)


def test_workbook_sheets_and_layout(two_runs):
    root, _ = two_runs[0]
    book = openpyxl.load_workbook(root / "reports" / "nulagesanalys.xlsx")
    assert book.sheetnames[0] == "Översikt"
    assert {"Påståenden", "Förmågekarta", "Problem"} <= set(book.sheetnames)
    front = [c.value for c in book["Översikt"]["A"] if c.value]
    assert any("2,6" in text for text in front)
    sheet = book["Påståenden"]
    assert sheet.freeze_panes == "A2"
    mean_column = [c.column for c in sheet[1] if c.value == "Medelvärde"][0]
    # Swedish locale tag: decimal comma in any spreadsheet program
    assert sheet.cell(row=2, column=mean_column).number_format == "[$-41D]0.00"
    assert isinstance(sheet.cell(row=2, column=mean_column).value, float)


def test_personal_columns_never_reach_any_output(two_runs):
    root, _ = two_runs[0]
    for path in root.rglob("*"):
        if path.suffix in {".csv", ".md", ".svg"}:
            text = path.read_text(encoding="utf-8")
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        else:
            continue
        assert "@bengtsfors.se" not in text and "Person 1" not in text, path


def test_hostile_text_arrives_as_text(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    hostile = '=HYPERLINK("http://x","y")'
    statements = STATEMENTS.assign(text=[hostile, *STATEMENTS["text"].iloc[1:]])
    write_codebook(raw / "kodbok.xlsx", statements=statements, text_formulas=True)
    rows = [[f"r{i}", "Tanum", "förvaltningschef", 1 + i % 5, 2, 3] for i in range(8)]
    rows.append(["r9", "@SUM(1)", "förvaltningschef", 1, 1, 1])
    write_rows(
        raw / "enkat_2024.xlsx",
        {"Svar": [["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]] + rows},
        text_formulas=True,
    )
    build_report(raw, tmp_path / "reports", tmp_path / "processed", progress=None, figures=False)
    path = tmp_path / "reports" / "nulagesanalys.xlsx"
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets"))
    assert "<f>" not in xml and "<f " not in xml
    book = openpyxl.load_workbook(path)
    found = [c for s in book for row in s.iter_rows() for c in row if c.value == hostile]
    assert found and all(c.data_type == "s" for c in found)


def test_cli_report_and_bad_input(tmp_path, capsys):
    raw = tmp_path / "raw"  # the registers only: the demo's full run is the session fixture's
    raw.mkdir()
    for name in ("riskregister.xlsx", "handlingsplan.xlsx"):
        shutil.copy(DEMO / name, raw / name)
    assert (
        main(
            [
                "report",
                "--raw",
                str(raw),
                "--out",
                str(tmp_path / "r"),
                "--processed",
                str(tmp_path / "p"),
                "--quiet",
                "--svg",
            ]
        )
        == 0
    )
    drawn = {p.suffix for p in (tmp_path / "r" / "figures").iterdir()}
    assert drawn == {".png", ".svg"}
    (raw / "trasig.xlsx").write_text("Kommun;Roll\nTanum;chef\n", encoding="utf-8")
    code = main(
        [
            "report",
            "--raw",
            str(raw),
            "--out",
            str(tmp_path / "r"),
            "--processed",
            str(tmp_path / "p"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and "trasig.xlsx" in err and "CSV" in err
    assert main(["report", "--raw", str(tmp_path / "saknas"), "--quiet"]) == 2
    assert main(["report", "--raw", str(raw), "--min-n", "0", "--quiet"]) == 2


def test_report_is_a_list_of_stages(two_runs):
    import inspect

    from maturity.report.stages import STAGES, StageOptions

    _, result = two_runs[0]
    # the stages, then the priorities built from their tables
    assert [s.name for s in result.sections] == [stage.name for stage in STAGES] + ["priorities"]
    for stage in STAGES:  # every option is an explicit keyword-only parameter of the build
        parameters = inspect.signature(stage.build).parameters
        assert all(
            parameters[name].kind is inspect.Parameter.KEYWORD_ONLY for name in stage.options
        ), stage.name
        assert set(stage.options) <= set(StageOptions.__dataclass_fields__)
    survey = result.sections[0]
    assert survey.unpublished == {"responses", "statements", "survey_organisation_suppression"}
    assert "responses" not in survey.published()


def test_progress_lines_follow_the_language(tmp_path):
    lines = []
    build_report(
        DEMO, tmp_path / "r", tmp_path / "p", lang="en", progress=lines.append, figures=False
    )
    assert lines[0].startswith("found ") and lines[-1].startswith("done in ")
    assert any(line.startswith("  Survey: duplicate respondent: ") for line in lines)


def test_all_problems_english_for_the_csv_report_language_for_the_workbook():
    from maturity.report import all_problems
    from maturity.sections import Section

    english = pd.DataFrame(
        {"source": ["r.xlsx:Tom:A1"], "kind": ["empty_sheet"], "value": [""]}
    ).assign(message="the sheet is empty")
    swedish = english.assign(message="bladet är tomt")
    sections = [
        Section("risk", problems=english, report_problems=swedish),
        Section("actionplan", problems=english),  # made by hand: English only
    ]
    assert all_problems(sections)["message"].tolist() == ["the sheet is empty"] * 2
    shown = all_problems(sections, shown=True)
    assert shown["message"].tolist() == ["bladet är tomt", "the sheet is empty"]
    assert shown.columns.tolist() == ["section", "source", "kind", "value", "message"]


def test_every_table_also_as_parquet_with_the_same_values(two_runs):
    (a, _), (b, _) = two_runs
    csvs = sorted((a / "processed").glob("*.csv"))
    assert csvs
    for csv in csvs:
        typed = pd.read_parquet(csv.with_suffix(".parquet"))
        plain = pd.read_csv(csv, keep_default_na=False, na_values=[""])
        assert list(typed.columns) == list(plain.columns), csv.name
        assert len(typed) == len(plain), csv.name
        for column in typed.columns:  # numbers stay numbers: the same values as the CSV shows
            if pd.api.types.is_numeric_dtype(typed[column]) and not pd.api.types.is_bool_dtype(
                typed[column]
            ):
                pd.testing.assert_series_equal(
                    typed[column].astype(float).round(8),
                    pd.to_numeric(plain[column]).astype(float).round(8),
                    check_names=False,
                )
        assert (
            csv.with_suffix(".parquet").read_bytes()
            == (b / "processed" / csv.with_suffix(".parquet").name).read_bytes()
        )
