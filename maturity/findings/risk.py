"""Key findings of a risk register, from its summary tables.

Keys (topic ``"risk"``): ``top_risks`` (the highest risks at the latest meeting), ``levels``
(risks per level at the latest meeting), ``changes`` (since the previous meeting; only with two
or more meetings), ``wrong_scores`` (typed R that differ from S × K, over all meetings).
"""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding
from maturity.risk import natural_key

__all__ = ["risk_findings"]

#: Changes named in the ``changes`` finding, in the order of the sentence.
_NAMED_CHANGES = ("raised", "lowered", "new", "closed")


def _level(level, lang: str) -> str:
    if not isinstance(level, str):
        return text.MISSING
    key = f"value.level.{level}"
    return text.word(key, lang) if text.has_word(key) else level


def _risks(n: int, lang: str) -> str:
    return text.count(n, "findings.risk", lang)


def _day(value) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _top_risks(ranked: pd.DataFrame, latest: pd.Timestamp, top: int, lang: str) -> list[Finding]:
    """The ``top`` highest risks at the latest meeting, with every risk tied with the last of
    them (a cut never goes through a tie)."""
    ranked = ranked[(ranked["date"] == latest) & ranked["score"].notna()]
    ranked = ranked.sort_values("score", ascending=False, kind="stable")
    head = ranked.head(top)
    if len(head):
        head = ranked[ranked["score"] >= head["score"].iloc[-1]]
    items = [
        text.word(
            "findings.risk.item" if r.threat else "findings.risk.item_without_threat",
            lang,
            threat=r.threat,
            risk_id=r.risk_id,
            score=int(r.score),
            level=_level(r.level, lang),
        )
        for r in head.itertuples(index=False)
    ]
    if not items:
        return []
    key = "findings.risk.top_one" if len(items) == 1 else "findings.risk.top_many"
    sentence = text.word(key, lang, date=_day(latest), risks=text.join(items, lang))
    values = {
        "date": _day(latest),
        "risks": [
            {
                "risk_id": r.risk_id,
                "threat": r.threat,
                "score": int(r.score),
                "level": r.level,
                "probability": int(r.probability),
                "impact": int(r.impact),
            }
            for r in head.itertuples(index=False)
        ],
    }
    return [Finding("risk", "top_risks", sentence, values)]


def _levels(summary, latest: pd.Timestamp, lang: str) -> list[Finding]:
    """The number of risks per level at the latest meeting, highest level first."""
    levels = summary.levels[summary.levels["date"] == latest]
    counts = {row.level: int(row.n) for row in levels.itertuples(index=False)}
    meetings = summary.meetings
    n_risks = int(meetings.loc[meetings["date"] == latest, "n_risks"].iloc[0])
    parts = [
        text.word("findings.risk.level_count", lang, level=_level(level, lang), n=n)
        for level, n in reversed(list(counts.items()))
    ]
    sentence = text.word(
        "findings.risk.levels",
        lang,
        date=_day(latest),
        risks=_risks(n_risks, lang),
        counts=text.join(parts, lang),
    )
    values = {"date": _day(latest), "n_risks": n_risks, "counts": counts}
    return [Finding("risk", "levels", sentence, values)]


def _changes(trend: pd.DataFrame, dates: list, lang: str) -> list[Finding]:
    """What changed since the previous meeting (only with two or more meetings)."""
    if len(dates) < 2:
        return []
    latest, previous = pd.Timestamp(dates[-1]), _day(dates[-2])
    trend = trend[trend["date"] == latest]
    ids = {
        c: sorted(trend.loc[trend["change"] == c, "risk_id"], key=natural_key)
        for c in (*_NAMED_CHANGES, "unchanged")
    }
    parts = []
    for change in _NAMED_CHANGES:
        found = ids[change]
        if found:
            key = "findings.risk.change_next" if parts else "findings.risk.change_first"
            parts.append(
                text.word(
                    key,
                    lang,
                    risks=_risks(len(found), lang),
                    n=len(found),
                    verb=text.word(f"findings.risk.change.{change}", lang),
                    ids=", ".join(found),
                )
            )
    n_same = len(ids["unchanged"])
    if parts:
        sentence = text.word(
            "findings.risk.changes",
            lang,
            previous=previous,
            changes=text.join(parts, lang),
            n_unchanged=n_same,
        )
    else:
        sentence = text.word(
            "findings.risk.no_changes", lang, previous=previous, n_unchanged=n_same
        )
    values = {
        "date": _day(latest),
        "previous": previous,
        **{f"n_{c}": len(v) for c, v in ids.items()},
        **{c: v for c, v in ids.items() if c != "unchanged"},
    }
    return [Finding("risk", "changes", sentence, values)]


def _typed(value: float, lang: str) -> str:
    return str(int(value)) if float(value).is_integer() else text.number(value, lang)


def _wrong_scores(risks: pd.DataFrame, lang: str) -> list[Finding]:
    """Typed R values that differ from S × K, over all meetings."""
    wrong = risks[risks["typed_score"].notna() & risks["score"].notna()]
    wrong = wrong[wrong["typed_score"] != wrong["score"].astype(float)]
    cases = [
        {
            "risk_id": r.risk_id,
            "date": _day(r.date),
            "typed": float(r.typed_score),
            "probability": int(r.probability),
            "impact": int(r.impact),
            "score": int(r.score),
        }
        for r in wrong.itertuples(index=False)
    ]
    listed = text.join(
        [
            text.word("findings.risk.wrong_case", lang, **{**c, "typed": _typed(c["typed"], lang)})
            for c in cases
        ],
        lang,
    )
    n_typed = int(risks["typed_score"].notna().sum())
    key = {0: "wrong_none", 1: "wrong_one"}.get(len(cases), "wrong_many")
    sentence = text.word(f"findings.risk.{key}", lang, n=len(cases), n_typed=n_typed, cases=listed)
    values = {"n_wrong": len(cases), "n_typed": n_typed, "cases": cases}
    return [Finding("risk", "wrong_scores", sentence, values)]


def risk_findings(summary, risks: pd.DataFrame, *, top: int = 3, lang: str = "sv") -> list[Finding]:
    """Key findings of a risk register, every number taken from the tables.

    Parameters
    ----------
    summary : RiskSummary
        :func:`maturity.risk_summary` (ranked, trend, levels, meetings).
    risks : DataFrame
        The tidy risks (with ``typed_score`` and ``score``), for the wrong typed R values.
    top : int
        How many of the highest risks to name.
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding
        Keys ``top_risks``, ``levels``, ``changes``, ``wrong_scores`` (module docstring); none
        for a register without scored risks.

    Examples
    --------
    >>> register = read_risk_register("data/raw/riskregister.xlsx")               # doctest: +SKIP
    >>> risk_findings(risk_summary(register), register.risks)[0].sentence         # doctest: +SKIP
    'Vid det senaste mötet, 2020-09-17, är de högsta riskerna ...'
    """
    if summary.ranked.empty:
        return []
    dates = sorted(summary.ranked["date"].unique())
    latest = pd.Timestamp(dates[-1])
    return [
        *_top_risks(summary.ranked, latest, top, lang),
        *_levels(summary, latest, lang),
        *_changes(summary.trend, dates, lang),
        *_wrong_scores(risks, lang),
    ]
