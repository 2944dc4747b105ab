"""The risk-register section: risk-register workbooks in; tables, figures and findings out.

Tables: ``risks`` (the tidy table), ``risk_ranked``, ``risk_trend``, ``risk_levels``,
``risk_meetings``, ``risk_bands`` (see :class:`maturity.risk.RiskSummary`). Figures:
``riskmatris`` (the latest meeting), ``riskmatris_<YYYY-MM-DD>`` (every meeting) and
``risktrend``. Findings (topic ``"risk"``): ``top_risks``, ``levels``, ``changes``,
``wrong_scores``.

Privacy: a risk register holds no respondents' answers, so ``min_n`` does not apply; it is
accepted for the common section signature and ignored.

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

from maturity.io.opener import Workbook
from maturity.plots.spec import FigureSpec
from maturity.risk import (
    LEVEL_LABELS,
    RiskRegister,
    RiskSummary,
    _find_header,
    natural_key,
    read_risk_register,
    risk_summary,
)
from maturity.sections import Finding, Section, join_words, readable_sheets

__all__ = ["detect", "build", "findings"]


def detect(book: Workbook) -> bool:
    """True when a workbook is a risk register.

    That is: one of its sheets has, in its first 20 rows, a header row naming S (probability),
    K (or a Konsekvens column) and ID or Hot.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/riskregister.xlsx"))   # doctest: +SKIP
    True
    >>> detect(open_workbook("data/raw/handlingsplan.xlsx"))  # doctest: +SKIP
    False
    """
    for sheet in readable_sheets(book):
        header, columns, _ = _find_header(sheet)
        if header is not None and "risk_id" in columns:
            return True
    return False


def _risks_word(n: int, lang: str) -> str:
    if lang == "sv":
        return f"{n} risk" if n == 1 else f"{n} risker"
    return f"{n} risk" if n == 1 else f"{n} risks"


def _level(level, lang: str) -> str:
    if not isinstance(level, str):
        return "–"
    return LEVEL_LABELS.get(lang, LEVEL_LABELS["sv"]).get(level, level)


def findings(register: RiskRegister, summary: RiskSummary, lang: str = "sv",
             top: int = 3) -> list[Finding]:
    """Key findings of a risk register, every number taken from the tables.

    Keys: ``top_risks`` (the ``top`` highest risks at the latest meeting), ``levels`` (risks per
    level at the latest meeting), ``changes`` (since the previous meeting; only with two or
    more meetings), ``wrong_scores`` (typed R that differ from S × K, over all meetings).

    Examples
    --------
    >>> register = read_risk_register("data/raw/riskregister.xlsx")          # doctest: +SKIP
    >>> findings(register, risk_summary(register))[0].sentence                # doctest: +SKIP
    'Vid det senaste mötet, 2020-09-17, är de högsta riskerna ...'
    """
    sv = lang != "en"
    out: list[Finding] = []
    if summary.ranked.empty:
        return out
    dates = sorted(summary.ranked["date"].unique())
    latest = pd.Timestamp(dates[-1])
    day = f"{latest:%Y-%m-%d}"

    ranked = summary.ranked[(summary.ranked["date"] == latest) & summary.ranked["score"].notna()]
    head = ranked.head(top)
    items = [
        (f"{r.threat} ({r.risk_id}, R = {int(r.score)}, {_level(r.level, lang)})"
         if r.threat else f"{r.risk_id} (R = {int(r.score)}, {_level(r.level, lang)})")
        for r in head.itertuples(index=False)
    ]
    if items:
        sentence = (f"Vid det senaste mötet, {day}, är de högsta riskerna {join_words(items, lang)}."
                    if sv else
                    f"At the latest meeting, {day}, the highest risks are {join_words(items, lang)}.")
        if len(items) == 1:
            sentence = (f"Vid det senaste mötet, {day}, är den högsta risken {items[0]}." if sv
                        else f"At the latest meeting, {day}, the highest risk is {items[0]}.")
        out.append(Finding("risk", "top_risks", sentence, {
            "date": day,
            "risks": [
                {"risk_id": r.risk_id, "threat": r.threat, "score": int(r.score),
                 "level": r.level, "probability": int(r.probability), "impact": int(r.impact)}
                for r in head.itertuples(index=False)
            ],
        }))

    levels = summary.levels[summary.levels["date"] == latest]
    counts = {row.level: int(row.n) for row in levels.itertuples(index=False)}
    n_risks = int(summary.meetings.loc[summary.meetings["date"] == latest, "n_risks"].iloc[0])
    parts = [f"{_level(level, lang)} {n}" for level, n in reversed(list(counts.items()))]
    sentence = (f"Vid mötet {day} fanns {_risks_word(n_risks, lang)}, per nivå "
                f"{join_words(parts, lang)}." if sv else
                f"At the meeting {day} there were {_risks_word(n_risks, lang)}, by level "
                f"{join_words(parts, lang)}.")
    out.append(Finding("risk", "levels", sentence, {"date": day, "n_risks": n_risks,
                                                    "counts": counts}))

    if len(dates) >= 2:
        previous = f"{pd.Timestamp(dates[-2]):%Y-%m-%d}"
        trend = summary.trend[summary.trend["date"] == latest]
        ids = {c: sorted(trend.loc[trend["change"] == c, "risk_id"], key=natural_key)
               for c in ("raised", "lowered", "new", "closed", "unchanged")}
        verbs_sv = {"raised": "höjts", "lowered": "sänkts", "new": "tillkommit",
                    "closed": "stängts"}
        verbs_en = {"raised": "raised", "lowered": "lowered", "new": "new",
                    "closed": "closed"}
        parts = []
        for change in ("raised", "lowered", "new", "closed"):
            found = ids[change]
            if not found:
                continue
            listed = ", ".join(found)
            if sv:
                count = _risks_word(len(found), lang) if not parts else str(len(found))
                parts.append(f"{count} {verbs_sv[change]} ({listed})")
            else:
                parts.append(f"{len(found)} {verbs_en[change]} ({listed})")
        n_same = len(ids["unchanged"])
        if sv:
            sentence = (f"Sedan mötet {previous} har {join_words(parts, lang)}; "
                        f"{n_same} är oförändrade." if parts else
                        f"Sedan mötet {previous} är alla {n_same} risker oförändrade.")
        else:
            sentence = (f"Since the meeting {previous}: {join_words(parts, lang)}; "
                        f"{n_same} unchanged." if parts else
                        f"Since the meeting {previous} all {n_same} risks are unchanged.")
        out.append(Finding("risk", "changes", sentence, {
            "date": day, "previous": previous,
            **{f"n_{c}": len(v) for c, v in ids.items()},
            **{c: v for c, v in ids.items() if c != "unchanged"},
        }))

    risks = register.risks
    wrong = risks[risks["typed_score"].notna() & risks["score"].notna()]
    wrong = wrong[wrong["typed_score"] != wrong["score"].astype(float)]
    cases = [
        {"risk_id": r.risk_id, "date": f"{pd.Timestamp(r.date):%Y-%m-%d}",
         "typed": float(r.typed_score), "probability": int(r.probability),
         "impact": int(r.impact), "score": int(r.score)}
        for r in wrong.itertuples(index=False)
    ]

    def typed(value: float) -> str:
        from maturity.plots.style import decimal

        return str(int(value)) if float(value).is_integer() else decimal(value, 1, lang)

    listed = join_words([
        (f"{c['risk_id']} vid mötet {c['date']} (ifyllt R = {typed(c['typed'])}, "
         f"S × K = {c['probability']} × {c['impact']} = {c['score']})" if sv else
         f"{c['risk_id']} at the meeting {c['date']} (typed R = {typed(c['typed'])}, "
         f"S × K = {c['probability']} × {c['impact']} = {c['score']})")
        for c in cases
    ], lang)
    n_typed = int(risks["typed_score"].notna().sum())
    if not cases:
        sentence = (f"Alla {n_typed} ifyllda R stämmer med S × K." if sv else
                    f"All {n_typed} typed R values agree with S × K.")
    elif len(cases) == 1:
        sentence = (f"Ett ifyllt R av {n_typed} stämmer inte med S × K: {listed}; det "
                    "beräknade värdet används." if sv else
                    f"One typed R of {n_typed} disagrees with S × K: {listed}; the computed "
                    "value is used.")
    else:
        sentence = (f"{len(cases)} ifyllda R av {n_typed} stämmer inte med S × K: {listed}; "
                    "de beräknade värdena används." if sv else
                    f"{len(cases)} typed R values of {n_typed} disagree with S × K: {listed}; "
                    "the computed values are used.")
    out.append(Finding("risk", "wrong_scores", sentence, {"n_wrong": len(cases),
                                                          "n_typed": n_typed, "cases": cases}))
    return out


def build(paths, *, lang: str = "sv", min_n: int = 5) -> Section:
    """Read the risk registers, summarise them and return the report section.

    Parameters
    ----------
    paths : list of Path
        The risk-register workbooks (all read into one register).
    lang : {"sv", "en"}
    min_n : int
        Ignored (no respondents in a risk register); accepted for the common signature.

    Returns
    -------
    Section
        ``name="risk"``; tables, lazily drawn figures, problems and findings (module docstring).

    Examples
    --------
    >>> section = build([Path("data/raw/riskregister.xlsx")], lang="en")  # doctest: +SKIP
    >>> fig = section.figures["riskmatris"]()                              # doctest: +SKIP
    """
    register = read_risk_register([Path(p) for p in paths])
    summary = risk_summary(register)
    tables = {"risks": register.risks, **summary.tables()}
    figures = {}
    dates = [pd.Timestamp(d) for d in register.dates]
    if dates:
        figures["riskmatris"] = FigureSpec("maturity.plots.risk:risk_matrix", (register,),
                                           {"lang": lang})
        for date in dates:
            figures[f"riskmatris_{date:%Y-%m-%d}"] = FigureSpec(
                "maturity.plots.risk:risk_matrix", (register,), {"date": date, "lang": lang})
        figures["risktrend"] = FigureSpec("maturity.plots.risk:risk_trend", (summary,),
                                          {"lang": lang})
    return Section(name="risk", tables=tables, figures=figures, problems=register.problems,
                   findings=findings(register, summary, lang),
                   counts={"files": len(paths), "cells_read": register.cells_read,
                           "accepted": register.cells_accepted,
                           "problems": len(register.problems)})
