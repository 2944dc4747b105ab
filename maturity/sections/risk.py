"""The risk-register section: risk-register workbooks in; tables, figures and findings out.

Tables: ``risks`` (the tidy table), ``risk_ranked``, ``risk_trend``, ``risk_levels``,
``risk_meetings``, ``risk_bands`` (see :class:`maturity.risk.RiskSummary`). Figures:
``riskmatris`` (the latest meeting), ``riskmatris_<YYYY-MM-DD>`` (every meeting) and
``risktrend``. Findings (topic ``"risk"``): ``top_risks``, ``levels``, ``changes``,
``wrong_scores``.

Privacy: a risk register holds no respondents' answers, so ``min_n`` does not apply and the
stage does not take it.

Examples
--------
>>> from pathlib import Path
>>> section = build([Path("data/raw/riskregister.xlsx")])  # doctest: +SKIP
>>> [f.key for f in section.findings]                       # doctest: +SKIP
['top_risks', 'levels', 'changes', 'wrong_scores']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from maturity import text
from maturity.findings.risk import risk_findings
from maturity.io.risk import RiskRegister, read_risk_register
from maturity.plots.spec import FigureSpec
from maturity.risk import risk_summary
from maturity.sections import Section, read_parts

__all__ = ["build", "risk_section"]


def risk_section(register: RiskRegister, *, lang: str = "sv", files: int = 1) -> Section:
    """The risk register's part of the report: tables, figures and findings.

    Parameters
    ----------
    register : RiskRegister
        What :func:`maturity.read_risk_register` returned.
    lang : {"sv", "en"}
    files : int
        How many workbooks it was read from (for the run summary).

    Returns
    -------
    Section
        ``name="risk"``; tables, lazily drawn figures, problems and findings (module docstring).

    Examples
    --------
    >>> import maturity as mt
    >>> register = mt.read_risk_register("data/raw/riskregister.xlsx")  # doctest: +SKIP
    >>> [f.key for f in mt.risk_section(register).findings][:1]          # doctest: +SKIP
    ['top_risks']
    """
    summary = risk_summary(register.risks)
    tables = {"risks": register.risks, **summary.tables()}
    figures = {}
    dates = [pd.Timestamp(d) for d in register.dates]
    if dates:
        first, last = f"{min(dates):%Y-%m-%d}", f"{max(dates):%Y-%m-%d}"
        figures["riskmatris"] = FigureSpec(  # the latest meeting (drawn once, saved twice)
            "maturity.plots.risk:risk_matrix",
            (register.risks,),
            {"date": max(dates), "lang": lang},
            caption=text.word("figure.caption.risk_matrix_latest", lang, date=last),
        )
        for date in dates:
            figures[f"riskmatris_{date:%Y-%m-%d}"] = FigureSpec(
                "maturity.plots.risk:risk_matrix",
                (register.risks,),
                {"date": date, "lang": lang},
                caption=text.word("figure.caption.risk_matrix", lang, date=f"{date:%Y-%m-%d}"),
            )
        figures["risktrend"] = FigureSpec(
            "maturity.plots.risk:risk_trend",
            (summary,),
            {"lang": lang},
            caption=text.word(
                "figure.caption.risk_trend",
                lang,
                period=first if first == last else f"{first}–{last}",
            ),
        )
    return Section(
        name="risk",
        tables=tables,
        figures=figures,
        findings=risk_findings(summary, register.risks, lang=lang),
        **read_parts(register, accepted=register.cells_accepted, files=files, lang=lang),
    )


def build(paths: list[Path], *, lang: str = "sv") -> Section:
    """The risk stage: read the risk registers (into one register), then :func:`risk_section`.

    A risk register holds no respondents' answers, so the stage takes no ``min_n``.

    Examples
    --------
    >>> section = build([Path("data/raw/riskregister.xlsx")], lang="en")  # doctest: +SKIP
    >>> fig = section.figures["riskmatris"]()                              # doctest: +SKIP
    """
    paths = [Path(p) for p in paths]
    return risk_section(read_risk_register(paths), lang=lang, files=len(paths))
