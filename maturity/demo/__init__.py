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
    from maturity.demo.actionplan import write_action_plan_demo
    from maturity.demo.capability import write_capability_demo
    from maturity.demo.risk import write_risk_demo
    from maturity.demo.survey import write_survey_demo

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = list(write_survey_demo(directory))
    for write in (write_capability_demo, write_risk_demo, write_action_plan_demo):
        written = write(directory)
        paths.extend(written if isinstance(written, list) else [written])
    return paths
