"""The action-plan section: action-plan workbooks in; tables, figures and findings out.

Tables: ``actions`` (the tidy table), ``actionplan_budget`` (the yearly allocation),
``actionplan_status``, ``actionplan_areas``, ``actionplan_years``,
``actionplan_carried_over`` (see :class:`maturity.actionplan.ActionPlanSummary`). Figures:
``handlingsplan_status`` and ``budget``. Findings (topic ``"actionplan"``): ``share_done``,
``budget_use``, ``carried_over``.

Privacy: an action plan holds no respondents' answers, so ``min_n`` does not apply; it is
accepted for the common section signature and ignored.

Examples
--------
>>> from pathlib import Path
>>> section = build([Path("data/raw/handlingsplan.xlsx")])  # doctest: +SKIP
>>> [f.key for f in section.findings]                        # doctest: +SKIP
['share_done', 'budget_use', 'carried_over']
"""

from __future__ import annotations

from pathlib import Path

from maturity.actionplan import ActionPlanSummary, action_plan_summary
from maturity.io.actionplan import ActionPlan, read_action_plan
from maturity.io.amounts import format_mkr
from maturity.plots.spec import FigureSpec
from maturity.plots.style import decimal
from maturity.sections import Finding, Section, join_words

__all__ = ["build", "findings"]


def _percent(share: float, lang: str) -> str:
    number = decimal(100 * share, 0, lang)
    return f"{number} %" if lang == "sv" else f"{number}%"


def findings(plan: ActionPlan, summary: ActionPlanSummary, lang: str = "sv") -> list[Finding]:
    """Key findings of an action plan, every number taken from ``summary.years``.

    Keys: ``share_done`` (per year: done of the activities not cancelled), ``budget_use``
    (per year: spent of the allocation, or of the budgeted sum without an Anslag sheet),
    ``carried_over`` (per year: activities delayed or carried into a later year).

    Examples
    --------
    >>> plan = read_action_plan("data/raw/handlingsplan.xlsx")               # doctest: +SKIP
    >>> summary = action_plan_summary(plan.actions, budget=plan.budget)      # doctest: +SKIP
    >>> findings(plan, summary)[1].sentence                                  # doctest: +SKIP
    'Utfall mot anslag per år – 2018: 3,6 Mkr av 5,0 Mkr (72 %), ...'
    """
    sv = lang != "en"
    years = summary.years[summary.years["n_activities"] > 0]
    out: list[Finding] = []
    if years.empty:
        return out

    parts, values = [], []
    for row in years.itertuples(index=False):
        planned = int(row.n_activities - row.n_cancelled)
        if planned == 0:
            continue
        of = f"{row.n_done} av {planned}" if sv else f"{row.n_done} of {planned}"
        parts.append(f"{row.year}: {_percent(row.share_done, lang)} ({of})")
        values.append({"year": int(row.year), "share_done": float(row.share_done),
                       "n_done": int(row.n_done), "n_planned": planned,
                       "n_cancelled": int(row.n_cancelled)})
    if parts:
        n_cancelled = sum(v["n_cancelled"] for v in values)
        note = ""
        if n_cancelled:
            note = (f" Strukna aktiviteter ({n_cancelled}) räknas inte med." if sv else
                    f" Cancelled activities ({n_cancelled}) are not counted.")
        sentence = (f"Andel genomförda aktiviteter per år – {join_words(parts, lang)}.{note}" if sv else
                    f"Share of activities done by year – {join_words(parts, lang)}.{note}")
        out.append(Finding("actionplan", "share_done", sentence, {"years": values}))

    parts, values = [], []
    with_allocation = bool(years["allocated"].notna().any())
    for row in years.itertuples(index=False):
        base = row.allocated if with_allocation else row.budgeted
        share = row.utilisation if with_allocation else row.spent_of_budgeted
        if base != base or row.spent != row.spent:
            continue
        of = "av" if sv else "of"
        parts.append(f"{row.year}: {format_mkr(row.spent, lang)} {of} {format_mkr(base, lang)} "
                     f"({_percent(share, lang)})")
        values.append({"year": int(row.year), "spent": float(row.spent),
                       "allocated": float(row.allocated), "budgeted": float(row.budgeted),
                       "share": float(share)})
    if parts:
        what = ("anslag" if with_allocation else "budget") if sv else (
            "allocation" if with_allocation else "budget")
        sentence = (f"Utfall mot {what} per år – {join_words(parts, lang)}." if sv else
                    f"Spent against {what} by year – {join_words(parts, lang)}.")
        out.append(Finding("actionplan", "budget_use", sentence, {
            "basis": "allocated" if with_allocation else "budgeted", "years": values}))

    parts, values = [], []
    for row in years.itertuples(index=False):
        of = f"{row.n_carried_over} av {row.n_activities}" if sv else \
            f"{row.n_carried_over} of {row.n_activities}"
        parts.append(f"{row.year}: {of}")
        values.append({"year": int(row.year), "n_carried_over": int(row.n_carried_over),
                       "n_delayed": int(row.n_delayed), "n_activities": int(row.n_activities)})
    total = sum(v["n_carried_over"] for v in values)
    sentence = (f"Aktiviteter som försenats eller förts över till ett senare år – "
                f"{join_words(parts, lang)}." if sv else
                f"Activities delayed or carried over to a later year – {join_words(parts, lang)}.")
    out.append(Finding("actionplan", "carried_over", sentence, {"n_carried_over": total,
                                                                "years": values}))
    return out


def build(paths, *, lang: str = "sv", min_n: int = 5) -> Section:
    """Read the action plans, summarise them and return the report section.

    Parameters
    ----------
    paths : list of Path
        The action-plan workbooks (all read into one plan).
    lang : {"sv", "en"}
    min_n : int
        Ignored (no respondents in an action plan); accepted for the common signature.

    Returns
    -------
    Section
        ``name="actionplan"``; tables, lazily drawn figures, problems and findings.

    Examples
    --------
    >>> section = build([Path("data/raw/handlingsplan.xlsx")])  # doctest: +SKIP
    >>> fig = section.figures["budget"]()                        # doctest: +SKIP
    """
    plan = read_action_plan([Path(p) for p in paths])
    summary = action_plan_summary(plan.actions, budget=plan.budget)
    tables = {"actions": plan.actions, "actionplan_budget": plan.budget, **summary.tables()}
    figures = {}
    if len(plan.actions):
        figures["handlingsplan_status"] = FigureSpec("maturity.plots.actionplan:action_status",
                                                     (summary,), {"lang": lang})
        figures["budget"] = FigureSpec("maturity.plots.actionplan:budget_use", (summary,),
                                       {"lang": lang})
    return Section(name="actionplan", tables=tables, figures=figures, problems=plan.problems,
                   findings=findings(plan, summary, lang),
                   counts={"files": len(paths), "cells_read": plan.cells_read,
                           "accepted": plan.cells_accepted,
                           "problems": len(plan.problems)})
