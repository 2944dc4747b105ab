"""Shared fixtures: the full demo report is built once per test session."""

import os
from pathlib import Path

import pytest

# as maturity/__init__.py: openpyxl's standard-library writer even with lxml installed (test
# modules may import openpyxl before maturity)
os.environ.setdefault("OPENPYXL_LXML", "False")

DEMO = Path(__file__).parents[1] / "data" / "raw"


@pytest.fixture(scope="session")
def demo_report(tmp_path_factory):
    """``(root, result)`` of ``build_report`` on the shipped demo data (Swedish, with figures),
    written under ``root / "reports"`` and ``root / "processed"``. Built once per session."""
    from maturity.report import build_report

    root = tmp_path_factory.mktemp("demo_report")
    result = build_report(DEMO, root / "reports", root / "processed", progress=None)
    return root, result
