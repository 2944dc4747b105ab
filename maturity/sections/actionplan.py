"""The action-plan section: action-plan workbooks in; tables, figures and findings out.

Tables: ``actions`` (the tidy table), ``actionplan_budget`` (the yearly allocation),
``actionplan_status``, ``actionplan_areas``, ``actionplan_years``,
``actionplan_carried_over`` (see :class:`maturity.actionplan.ActionPlanSummary`). Figures:
``handlingsplan_status`` and ``budget``. Findings (topic ``"actionplan"``): ``share_done``,
``budget_use``, ``carried_over``.

Privacy: an action plan holds no respondents' answers, so ``min_n`` does not apply and the
stage does not take it.

Examples
--------
>>> from pathlib import Path
>>> section = build([Path("data/raw/handlingsplan.xlsx")])  # doctest: +SKIP
>>> [f.key for f in section.findings]                        # doctest: +SKIP
['share_done', 'budget_use', 'carried_over']
"""

from __future__ import annotations

from pathlib import Path

from maturity import text
from maturity.actionplan import action_plan_summary
from maturity.findings.actionplan import actionplan_findings
from maturity.io.actionplan import ActionPlan, read_action_plan
from maturity.plots.spec import FigureSpec
from maturity.sections import Section, read_parts

__all__ = ["build", "actionplan_section"]


def actionplan_section(plan: ActionPlan, *, lang: str = "sv", files: int = 1) -> Section:
    """The action plan's part of the report: tables, figures and findings.

    Parameters
    ----------
    plan : ActionPlan
        What :func:`maturity.read_action_plan` returned.
    lang : {"sv", "en"}
    files : int
        How many workbooks it was read from (for the run summary).

    Returns
    -------
    Section
        ``name="actionplan"``; tables, lazily drawn figures, problems and findings.

    Examples
    --------
    >>> import maturity as mt
    >>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")  # doctest: +SKIP
    >>> sorted(mt.actionplan_section(plan).figures)                 # doctest: +SKIP
    ['budget', 'handlingsplan_status']
    """
    summary = action_plan_summary(plan.actions, budget=plan.budget)
    tables = {"actions": plan.actions, "actionplan_budget": plan.budget, **summary.tables()}
    figures = {}
    if len(plan.actions):
        years = sorted(int(y) for y in summary.areas["year"].unique())
        shown = (
            "–" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        )
        figures["handlingsplan_status"] = FigureSpec(
            "maturity.plots.actionplan:action_status",
            (summary,),
            {"lang": lang},
            caption=text.word("figure.caption.action_status", lang, years=shown),
        )
        budget_years = sorted(int(y) for y in summary.years["year"].unique())
        if budget_years:
            shown = f"{budget_years[0]}–{budget_years[-1]}"
            if budget_years[0] == budget_years[-1]:
                shown = str(budget_years[0])
        figures["budget"] = FigureSpec(
            "maturity.plots.actionplan:budget_use",
            (summary,),
            {"lang": lang},
            caption=text.word("figure.caption.budget", lang, years=shown),
        )
    return Section(
        name="actionplan",
        tables=tables,
        figures=figures,
        findings=actionplan_findings(summary, lang=lang),
        **read_parts(plan, accepted=plan.cells_accepted, files=files, lang=lang),
    )


def build(paths: list[Path], *, lang: str = "sv") -> Section:
    """The action-plan stage: read the action plans (into one plan), then
    :func:`actionplan_section`.

    An action plan holds no respondents' answers, so the stage takes no ``min_n``.

    Examples
    --------
    >>> section = build([Path("data/raw/handlingsplan.xlsx")])  # doctest: +SKIP
    >>> fig = section.figures["budget"]()                        # doctest: +SKIP
    """
    paths = [Path(p) for p in paths]
    return actionplan_section(read_action_plan(paths), lang=lang, files=len(paths))
