"""Seeded generators of the demo data shipped in ``data/raw/`` (``maturity demo-data``)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write_demo_data"]


def write_demo_data(directory: str | Path = "data/raw") -> list[Path]:
    """Write every demo workbook into ``directory`` and return their paths.

    The same call always writes the same data (fixed seeds, fixed workbook metadata).

    Examples
    --------
    >>> paths = write_demo_data("/tmp/maturity-demo")  # doctest: +SKIP
    """
    from maturity.demo import survey

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = list(survey.write_survey_demo(directory))
    for module_name, function in (
        ("capability", "write_capability_demo"),
        ("risk", "write_risk_demo"),
        ("actionplan", "write_action_plan_demo"),
    ):
        try:
            module = __import__(f"maturity.demo.{module_name}", fromlist=[function])
        except ModuleNotFoundError:
            continue
        result = getattr(module, function)(directory)
        paths.extend(result if isinstance(result, list) else [result])
    return paths
