"""Key findings: structured findings and the sentences a steering group reads.

One module per domain (survey, capability map, risk register, action plan), each taking summary
tables only and returning :class:`Finding` objects.
"""

from __future__ import annotations

from maturity.findings.survey import findings_table, key_findings, spread_word, survey_findings

__all__ = ["findings_table", "key_findings", "spread_word", "survey_findings"]
