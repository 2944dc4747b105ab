"""Package-level promises: lazy heavy imports, the public names, the CLI entry point."""

import subprocess
import sys

import maturity as mt


def test_import_loads_no_plotting_or_scipy():
    code = (
        "import sys, maturity; "
        "print(','.join(m for m in ('matplotlib', 'seaborn', 'scipy') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_public_names_resolve():
    for name in (
        "read_codebook",
        "read_survey",
        "Survey",
        "describe",
        "across_organisations",
        "rank_statements",
        "midpoint_test",
        "compare_roles",
        "compare_parallel",
        "reliability",
        "dimension_scores",
        "change",
        "read_capability_map",
        "capability_summary",
        "read_risk_register",
        "risk_summary",
        "read_action_plan",
        "action_plan_summary",
        "MaturityError",
        "InputError",
        "discover",
        "survey_tables",
        "survey_section",
        "capability_section",
        "risk_section",
        "actionplan_section",
        "survey_findings",
        "capability_findings",
        "risk_findings",
        "actionplan_findings",
        "key_findings",
        "findings_table",
        "run_stages",
        "build_report",
    ):
        assert callable(getattr(mt, name)), name
    assert issubclass(mt.InputError, mt.MaturityError)
    for name in (
        "diverging_bars",
        "mean_ci",
        "role_gap",
        "organisation_heatmap",
        "wave_change",
        "capability_heatmap",
        "capability_radar",
        "capability_bars",
        "risk_matrix",
        "risk_trend",
        "action_status",
        "budget_use",
    ):
        assert callable(getattr(mt.plots, name)), name


def test_every_public_name_resolves():
    for name in mt.__all__:
        assert getattr(mt, name) is not None, name
    assert mt.Finding("risk", "levels", "En mening.").topic == "risk"
    assert [stage.name for stage in mt.STAGES] == ["survey", "capability", "risk", "actionplan"]
    assert mt.text.word("report.title", "en") == "Digital maturity status analysis"


def test_no_language_branches_outside_the_text_module():
    import re
    from pathlib import Path

    root = Path(mt.__file__).parent
    owned = [
        root / "cli.py",
        root / "__init__.py",
        *(root / "findings").glob("*.py"),
        *(root / "sections").glob("*.py"),
        root / "report" / "__init__.py",
        root / "report" / "stages.py",
        root / "report" / "workbook.py",
        root / "report" / "summary.py",
    ]
    branch = re.compile(r"lang\s*[!=]=|\bsv\s*=\s*lang|\{\s*\"sv\"\s*:")
    offenders = [
        f"{p.name}:{n}"
        for p in owned
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if branch.search(line)
    ]
    assert offenders == []


def test_cli_help_runs():
    out = subprocess.run(
        [sys.executable, "-m", "maturity.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "report" in out and "demo-data" in out


def test_demo_data_generator_reproduces_shipped_survey(tmp_path):
    from pathlib import Path

    from maturity.demo.survey import write_survey_demo

    shipped = Path(__file__).parents[1] / "data" / "raw"
    for path in write_survey_demo(tmp_path):
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (shipped / relative).read_bytes(), relative
