"""Key findings of an action plan, every number taken from ``ActionPlanSummary.years``.

Keys (topic ``"actionplan"``): ``share_done`` (per year: done of the activities not cancelled),
``budget_use`` (per year: spent of the allocation, or of the budgeted sum without an Anslag
sheet), ``carried_over`` (per year: activities delayed or carried into a later year).
"""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding

__all__ = ["actionplan_findings"]


def _mkr(kronor: float, lang: str) -> str:
    return text.amount_mkr(kronor / 1e6, lang)


def _share_done(years: pd.DataFrame, lang: str) -> list[Finding]:
    """Per year: the share of the activities not cancelled that are done."""
    parts, values = [], []
    for row in years.itertuples(index=False):
        planned = int(row.n_activities - row.n_cancelled)
        if planned == 0:
            continue
        of = text.word("findings.of", lang, part=row.n_done, whole=planned)
        parts.append(
            text.word(
                "findings.actionplan.year_share",
                lang,
                year=row.year,
                share=text.percent(row.share_done, lang),
                of=of,
            )
        )
        values.append(
            {
                "year": int(row.year),
                "share_done": float(row.share_done),
                "n_done": int(row.n_done),
                "n_planned": planned,
                "n_cancelled": int(row.n_cancelled),
            }
        )
    if not parts:
        return []
    n_cancelled = sum(v["n_cancelled"] for v in values)
    note = (
        text.word("findings.actionplan.cancelled_note", lang, n=n_cancelled) if n_cancelled else ""
    )
    sentence = text.word(
        "findings.actionplan.share_done", lang, years=text.join(parts, lang), note=note
    )
    return [Finding("actionplan", "share_done", sentence, {"years": values})]


def _budget_use(years: pd.DataFrame, lang: str) -> list[Finding]:
    """Per year: spent against the allocation (or the budgeted sum without one)."""
    parts, values = [], []
    basis = "allocated" if bool(years["allocated"].notna().any()) else "budgeted"
    for row in years.itertuples(index=False):
        base = row.allocated if basis == "allocated" else row.budgeted
        share = row.utilisation if basis == "allocated" else row.spent_of_budgeted
        if base != base or row.spent != row.spent:
            continue
        of = text.word("findings.of", lang, part=_mkr(row.spent, lang), whole=_mkr(base, lang))
        parts.append(
            text.word(
                "findings.actionplan.year_share",
                lang,
                year=row.year,
                share=of,
                of=text.percent(share, lang),
            )
        )
        values.append(
            {
                "year": int(row.year),
                "spent": float(row.spent),
                "allocated": float(row.allocated),
                "budgeted": float(row.budgeted),
                "share": float(share),
            }
        )
    if not parts:
        return []
    sentence = text.word(
        "findings.actionplan.budget_use",
        lang,
        basis=text.word(f"findings.actionplan.basis.{basis}", lang),
        years=text.join(parts, lang),
    )
    return [Finding("actionplan", "budget_use", sentence, {"basis": basis, "years": values})]


def _carried_over(years: pd.DataFrame, lang: str) -> list[Finding]:
    """Per year: the activities delayed or carried over to a later year."""
    parts, values = [], []
    for row in years.itertuples(index=False):
        of = text.word("findings.of", lang, part=row.n_carried_over, whole=row.n_activities)
        parts.append(text.word("findings.actionplan.year", lang, year=row.year, value=of))
        values.append(
            {
                "year": int(row.year),
                "n_carried_over": int(row.n_carried_over),
                "n_delayed": int(row.n_delayed),
                "n_activities": int(row.n_activities),
            }
        )
    sentence = text.word("findings.actionplan.carried_over", lang, years=text.join(parts, lang))
    total = sum(v["n_carried_over"] for v in values)
    return [
        Finding("actionplan", "carried_over", sentence, {"n_carried_over": total, "years": values})
    ]


def actionplan_findings(summary, *, lang: str = "sv") -> list[Finding]:
    """Key findings of an action plan, every number taken from ``summary.years``.

    Parameters
    ----------
    summary : ActionPlanSummary
        :func:`maturity.action_plan_summary` (its ``years`` table).
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding
        Keys ``share_done``, ``budget_use``, ``carried_over`` (module docstring); none for a
        plan without activities.

    Examples
    --------
    >>> plan = read_action_plan("data/raw/handlingsplan.xlsx")           # doctest: +SKIP
    >>> actionplan_findings(action_plan_summary(plan))[1].sentence       # doctest: +SKIP
    'Utfall mot anslag per år – 2018: 3,6 Mkr av 5,0 Mkr (72 %), ...'
    """
    years = summary.years[summary.years["n_activities"] > 0]
    if years.empty:
        return []
    return [*_share_done(years, lang), *_budget_use(years, lang), *_carried_over(years, lang)]
