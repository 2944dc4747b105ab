"""Action-plan figures: activity status per area and year, and budget use per year.

Each function takes an :class:`~maturity.actionplan.ActionPlan` (or its summary), returns a
matplotlib Figure and never saves it. Swedish by default, English with ``lang="en"``; every word
from :mod:`maturity.text`, amounts in Mkr with a decimal comma. :func:`budget_use` draws one axes
and accepts ``ax=``; :func:`action_status` draws one panel per year and makes its own figure.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from maturity import text
from maturity.actionplan import STATUSES, ActionPlanSummary, action_plan_summary
from maturity.plots.style import (
    decimal_comma_axis,
    figure_axes,
    percent_label,
    slide_size,
    use_house_style,
    whole_ticks,
    with_wave,
)

__all__ = ["action_status", "budget_use", "STATUS_COLOURS"]

#: Colour per status (Okabe-Ito; greys for not started and cancelled), keyed by the canonical
#: statuses of :data:`maturity.actionplan.STATUSES` in their order: planned, ongoing, done,
#: delayed, cancelled.
STATUS_COLOURS = dict(
    zip(STATUSES, ("#BBBBBB", "#56B4E9", "#009E73", "#D55E00", "#555555"), strict=True)
)
#: Order of the stacked segments: done first, cancelled last.
_STACK = tuple(STATUSES[i] for i in (2, 1, 0, 3, 4))
#: Statuses whose segments are dark enough for white numbers: done, delayed, cancelled.
_DARK = frozenset(STATUSES[i] for i in (2, 3, 4))


def _t(key: str, lang: str, **fields) -> str:
    return text.word(f"figure.{key}", lang, **fields)


def _percent(share: float, lang: str) -> str:
    return percent_label(100 * share, lang, key="figure.percent_spaced")


def _status_word(status: str, lang: str) -> str:
    """A status's display word: ``value.status.<status>`` of the text module."""
    return text.word(f"value.status.{status}", lang)


def _summary(data) -> ActionPlanSummary:
    if isinstance(data, ActionPlanSummary):
        return data
    return action_plan_summary(getattr(data, "actions", data), budget=getattr(data, "budget", None))


def _years(years) -> str | None:
    """The period a figure shows: "2021" or "2021–2023"."""
    years = sorted(int(y) for y in years)
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_on_hyphens=False)) or str(text)


def action_status(plan, *, year=None, lang: str = "sv"):
    """Activity status per area: stacked horizontal bars, one panel per year.

    Areas keep the same order in every panel (the order in which they first appear in the
    plan) and their names are wrapped. Each panel's title gives the share done (genomförda
    of the activities not struken, see :func:`maturity.actionplan.action_plan_summary`).

    Parameters
    ----------
    plan : ActionPlan, actions DataFrame or ActionPlanSummary
    year : int or list of int, optional
        The year(s) to show; default all.
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import maturity as mt
    >>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")  # doctest: +SKIP
    >>> fig = mt.plots.action_status(plan)                          # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    use_house_style()
    summary = _summary(plan)
    status = summary.status
    years = sorted(int(y) for y in summary.areas["year"].unique())
    if year is not None:
        wanted = {int(y) for y in (year if isinstance(year, list | tuple) else [year])}
        years = [y for y in years if y in wanted]
    if not years:
        raise ValueError("the action plan has no activities for the year(s) asked for")
    areas = list(dict.fromkeys(summary.areas["area"]))
    labels = [_wrap(a, 30) for a in areas]
    n_lines = sum(label.count("\n") + 1 for label in labels)
    height = max(4.5, 0.32 * n_lines + 0.5 * len(areas) * 0.35 + 2.2)
    width = 3.4 + 3.3 * len(years)
    fig, axes = plt.subplots(
        1, len(years), figsize=slide_size(width, height), sharey=True, squeeze=False
    )
    axes = axes[0]
    max_n = int(summary.areas["n_activities"].max()) if len(summary.areas) else 1
    positions = {a: i for i, a in enumerate(areas)}
    for ax, y in zip(axes, years, strict=True):
        in_year = status[status["year"] == y]
        left = pd.Series(0.0, index=range(len(areas)))
        for s in _STACK:
            counts = pd.Series(0.0, index=range(len(areas)))
            for row in in_year[in_year["status"] == s].itertuples(index=False):
                counts[positions[row.area]] = row.n
            ax.barh(
                range(len(areas)),
                counts,
                left=left,
                color=STATUS_COLOURS[s],
                edgecolor="white",
                linewidth=1.2,
                height=0.7,
            )
            for i, n in counts.items():
                if n >= 1:
                    ax.text(
                        left[i] + n / 2,
                        i,
                        f"{int(n)}",
                        ha="center",
                        va="center",
                        fontsize=10,
                        color="white" if s in _DARK else "black",
                    )
            left = left + counts
        share = summary.years.loc[summary.years["year"] == y, "share_done"]
        share = float(share.iloc[0]) if len(share) else float("nan")
        ax.set_title(f"{y}\n{_t('share_done', lang, share=_percent(share, lang))}", fontsize=13)
        ax.set_xlim(0, max_n + 0.3)
        ax.set_xticks(whole_ticks(0, max_n))
        ax.grid(axis="x", color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
    axes[0].set_yticks(range(len(areas)))
    axes[0].set_yticklabels(labels, fontsize=11)
    axes[0].invert_yaxis()
    fig.supxlabel(_t("n_activities", lang), fontsize=12)
    occurring = set(status.loc[(status["year"].isin(years)) & (status["n"] > 0), "status"])
    handles = [
        Patch(facecolor=STATUS_COLOURS[s], label=_status_word(s, lang))
        for s in _STACK
        if s in occurring
    ]
    title = with_wave(_t("action_status_title", lang), _years(years))
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=15)
    fig.legend(
        handles=handles,
        loc="upper right",
        ncols=len(handles),
        frameon=False,
        bbox_to_anchor=(0.99, 1.0),
        fontsize=11,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig


def budget_use(plan, *, ax=None, lang: str = "sv"):
    """Allocation (Anslag), budgeted and spent (Utfall) per year, in Mkr with a decimal comma.

    Grouped bars per year; each bar carries its amount, and above each year stands the share of
    the allocation that was spent (or, without an Anslag, the share of the activities' budget).

    Parameters
    ----------
    plan : ActionPlan or ActionPlanSummary
        The summary's ``years`` table is used (allocated, budgeted, spent, utilisation).
    ax : matplotlib Axes, optional
        Draw into this axes (the legend at its right); default a new figure.
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Examples
    --------
    >>> import maturity as mt
    >>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")  # doctest: +SKIP
    >>> fig = mt.plots.budget_use(plan, lang="en")                  # doctest: +SKIP
    """
    from matplotlib.patches import Patch

    use_house_style()
    years = _summary(plan).years.sort_values("year").reset_index(drop=True)
    has_allocation = bool(years["allocated"].notna().any())
    series = [("allocated", "#BBBBBB"), ("budgeted", "#56B4E9"), ("spent", "#0072B2")]
    if not has_allocation:
        series = series[1:]
    n = len(series)
    width = 0.8 / n
    fig, ax, owned = figure_axes(ax, figsize=slide_size(max(7.5, 2.4 * len(years) + 3), 6.2))
    top = 0.0
    for j, (name, colour) in enumerate(series):
        values = years[name].astype(float) / 1e6
        xs = [i + (j - (n - 1) / 2) * width for i in range(len(years))]
        ax.bar(xs, values.fillna(0), width=width * 0.92, color=colour, zorder=2)
        for x, v in zip(xs, values, strict=True):
            if v == v:
                ax.text(x, v + 0.06, text.number(v, lang), ha="center", va="bottom", fontsize=10.5)
                top = max(top, v)
    room = max(top / 8, 1.0) if top == top else 1.0  # headroom grows with large amounts
    for i, row in years.iterrows():
        if has_allocation and row["utilisation"] == row["utilisation"]:
            label = _t("use_allocated", lang, share=_percent(row["utilisation"], lang))
        else:
            label = _t("use_budget", lang, share=_percent(row["spent_of_budgeted"], lang))
        ax.text(
            i,
            top * 1.1 + 0.25 * room,
            label,
            ha="center",
            va="bottom",
            fontsize=11.5,
            fontweight="bold",
            color="#0072B2",
        )
    ax.set_ylim(0, top * 1.1 + 1.35 * room)
    # no grid line through the shares above the bars; at most about ten ticks, whatever the
    # amounts (a tick per Mkr of a huge amount would never finish)
    ax.set_yticks(whole_ticks(0, top))
    ax.set_xticks(range(len(years)))
    ax.set_xticklabels([str(int(y)) for y in years["year"]])
    ax.set_xlabel(_t("year", lang))
    ax.set_ylabel(_t("mkr", lang))
    decimal_comma_axis(ax.yaxis, 0, lang)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_title(with_wave(_t("budget_title", lang), _years(years["year"])), loc="left")
    handles = [Patch(facecolor=c, label=_t(name, lang)) for name, c in series]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    if owned:
        fig.tight_layout()
    return fig
