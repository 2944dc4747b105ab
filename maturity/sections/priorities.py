"""The priorities section: the capability map against the action plan and the risk register.

It is built from the other sections' tables (not from files), after them: the capabilities
below their target, which activities and open risks address them, and the candidates for the
next plan (:func:`maturity.priorities.priorities`), with one figure and one finding.
"""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.priorities import priorities_findings
from maturity.plots.spec import FigureSpec
from maturity.plots.style import with_wave
from maturity.priorities import priorities, served
from maturity.sections import Section

__all__ = ["priorities_section", "FIGURE"]

#: The figure's file stem in ``reports/figures``.
FIGURE = "prioriteringar"


def _latest(summary: pd.DataFrame) -> pd.DataFrame:
    if "wave" in summary and summary["wave"].notna().any():
        return summary[summary["wave"] == summary["wave"].max()]
    return summary


def priorities_section(sections: list[Section], *, lang: str = "sv") -> Section | None:
    """The priorities of the report's sections, or None without a capability map with targets.

    Parameters
    ----------
    sections : list of Section
        The report's sections; the tables ``capability_summary``, ``actions`` and ``risks``
        are used (the last two when present).
    lang : {"sv", "en"}

    Returns
    -------
    Section or None
        ``name="priorities"`` with the table ``priorities``, the figure
        :data:`FIGURE` and one finding.

    Examples
    --------
    >>> priorities_section([]) is None
    True
    """
    tables = {name: t for section in sections for name, t in section.tables.items()}
    summary = tables.get("capability_summary")
    if summary is None or not len(summary) or summary["target"].notna().sum() == 0:
        return None
    actions, risks = tables.get("actions"), tables.get("risks")
    table = priorities(summary, actions, risks)
    linked = actions is not None and "serves" in actions and any(map(served, actions["serves"]))
    latest = _latest(summary)
    waves = latest["wave"].dropna() if "wave" in latest else []
    wave = str(int(waves.iloc[0])) if len(waves) else None
    findings = priorities_findings(
        table, n_capabilities=int(latest["target"].notna().sum()), linked=linked, lang=lang
    )
    figure = FigureSpec(
        "maturity.plots.priorities:priority_gaps",
        (table,),
        {"wave": wave, "lang": lang},
        caption=with_wave(text.word("figure.caption.priorities", lang), wave),
    )
    return Section(
        name="priorities",
        tables={"priorities": table},
        figures={FIGURE: figure},
        findings=findings,
    )
