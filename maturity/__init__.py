"""maturity: digital-maturity status analysis (nulägesanalys) for Swedish municipalities.

Excel in, validated tidy data, statistics, figures and a report out. Everything a notebook needs
is importable from here (``import maturity as mt``). Heavy modules (scipy, matplotlib, seaborn)
load on first use, so ``import maturity`` stays fast.
"""

from __future__ import annotations

import importlib
import os

# python-pptx (the deck) needs lxml, and openpyxl writes different XML bytes when lxml is
# installed; keep openpyxl on its standard-library writer so the workbooks stay the same bytes
# with or without lxml (set before openpyxl is first imported).
os.environ.setdefault("OPENPYXL_LXML", "False")

from maturity.errors import InputError, MaturityError

__version__ = "0.1.0"

# public name -> module that defines it; loaded on first attribute access
_LAZY = {
    "Codebook": "maturity.codebook",
    "read_codebook": "maturity.io.codebook",
    "read_survey": "maturity.io.survey",
    "Survey": "maturity.io.survey",
    "describe": "maturity.stats",
    "across_organisations": "maturity.stats",
    "rank_statements": "maturity.stats",
    "midpoint_test": "maturity.stats",
    "midpoint_summary": "maturity.stats",
    "holm": "maturity.stats",
    "compare_roles": "maturity.stats",
    "compare_parallel": "maturity.stats",
    "reliability": "maturity.stats",
    "add_reliability": "maturity.stats",
    "dimension_scores": "maturity.stats",
    "change": "maturity.stats",
    "Reliability": "maturity.stats",
    "suppress": "maturity.privacy",
    "suppression_ratio": "maturity.privacy",
    "organisation_suppression": "maturity.privacy",
    "read_capability_map": "maturity.io.capability",
    "capability_summary": "maturity.capability",
    "CapabilityMap": "maturity.io.capability",
    "read_risk_register": "maturity.io.risk",
    "risk_summary": "maturity.risk",
    "RiskRegister": "maturity.io.risk",
    "read_action_plan": "maturity.io.actionplan",
    "action_plan_summary": "maturity.actionplan",
    "ActionPlan": "maturity.io.actionplan",
    "TextOptions": "maturity.io.tabular",
    "draft_codebook": "maturity.io.draft",
    "write_codebook": "maturity.io.draft",
    "discover": "maturity.io.discover",
    "RawFiles": "maturity.io.discover",
    "Finding": "maturity.findings",
    "key_findings": "maturity.findings",
    "findings_table": "maturity.findings",
    "survey_findings": "maturity.findings",
    "capability_findings": "maturity.findings",
    "risk_findings": "maturity.findings",
    "actionplan_findings": "maturity.findings",
    "Section": "maturity.sections",
    "survey_tables": "maturity.sections.survey",
    "survey_section": "maturity.sections.survey",
    "capability_section": "maturity.sections.capability",
    "risk_section": "maturity.sections.risk",
    "actionplan_section": "maturity.sections.actionplan",
    "Stage": "maturity.report.stages",
    "STAGES": "maturity.report.stages",
    "run_stages": "maturity.report.stages",
    "build_report": "maturity.report",
    "styled": "maturity.report.notebook",
    "priorities": "maturity.priorities",
    "priorities_section": "maturity.sections.priorities",
    "write_profile": "maturity.report.deck",
    "write_demo_data": "maturity.demo",
}

_SUBMODULES = {"plots", "stats", "privacy", "text"}

__all__ = ["InputError", "MaturityError", "__version__", *_LAZY, *_SUBMODULES]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"maturity.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'maturity' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
