"""Figures: one function per figure kind; each returns a matplotlib Figure and never saves.

Submodules load lazily so that ``import maturity`` does not import matplotlib.
"""

from __future__ import annotations

import importlib

_LAZY = {
    # capability map
    "capability_heatmap": "maturity.plots.capability",
    "capability_radar": "maturity.plots.capability",
    "capability_bars": "maturity.plots.capability",
    "capability_distribution": "maturity.plots.capability",
    "capability_groups": "maturity.plots.capability",
    # risk register and action plan
    "risk_matrix": "maturity.plots.risk",
    "risk_trend": "maturity.plots.risk",
    "action_status": "maturity.plots.actionplan",
    "budget_use": "maturity.plots.actionplan",
    # survey
    "diverging_bars": "maturity.plots.survey",
    "mean_ci": "maturity.plots.survey",
    "role_gap": "maturity.plots.survey",
    "organisation_heatmap": "maturity.plots.survey",
    "organisation_distribution": "maturity.plots.survey",
    "group_means": "maturity.plots.survey",
    "group_table": "maturity.plots.survey",
    "answer_distribution": "maturity.plots.survey",
    "wave_change": "maturity.plots.survey",
}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'maturity.plots' has no attribute {name!r}")
