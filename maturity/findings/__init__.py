"""Key findings: structured findings and the sentences a steering group reads.

One module per domain (survey, capability map, risk register, action plan), each taking summary
tables only and returning :class:`Finding` objects; the words come from :mod:`maturity.text`.
"""

from __future__ import annotations

from maturity.findings.actionplan import actionplan_findings
from maturity.findings.capability import capability_findings
from maturity.findings.finding import Finding, findings_table, key_findings
from maturity.findings.risk import risk_findings
from maturity.findings.survey import spread_word, survey_findings

__all__ = [
    "Finding",
    "actionplan_findings",
    "capability_findings",
    "findings_table",
    "key_findings",
    "risk_findings",
    "spread_word",
    "survey_findings",
]
