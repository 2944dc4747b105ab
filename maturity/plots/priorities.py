"""The priorities figure: capabilities below their target, how far below, and whether the action
plan addresses them."""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.plots.style import (
    decimal_ticks,
    figure_axes,
    message_figure,
    use_house_style,
    wrap,
)

__all__ = ["priority_gaps", "ADDRESSED_COLOUR", "UNADDRESSED_COLOUR"]

#: Bars of capabilities some activity addresses, and of the candidates for the next plan.
ADDRESSED_COLOUR, UNADDRESSED_COLOUR = "#56B4E9", "#D55E00"
#: Most capabilities drawn (the largest gaps); the table holds them all.
MOST = 14


def priority_gaps(table: pd.DataFrame, *, wave: str | None = None, ax=None, lang: str = "sv"):
    """Horizontal bars of the gap to target of each capability below it, the largest first,
    coloured by whether an activity of the plan addresses it; each bar says in how many
    organisations the capability is below target and how many activities and open risks
    address it. Sized for a 16:9 slide (13,3 × 7,5 in at most).

    Parameters
    ----------
    table : DataFrame
        The ``priorities`` table of :func:`maturity.priorities.priorities`.
    wave : str, optional
        Named in the title.
    ax : matplotlib Axes, optional
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({"capability": ["Avveckla"], "gap": [-1.5], "n_below_target": [14],
    ...                       "n_assessed": [15], "n_addressing": [0], "n_open_risks": [1],
    ...                       "unaddressed": [True]})
    >>> fig = priority_gaps(table, lang="en")
    >>> fig.axes[0].get_title(loc="left")
    'Capabilities below target and what addresses them'
    """
    from matplotlib.patches import Patch

    use_house_style()
    title = text.word("priorities.title", lang)
    if wave:
        title = f"{title} ({wave})"
    if not len(table):
        return message_figure(title, text.word("priorities.none", lang), ax=ax)
    shown = table.head(MOST).iloc[::-1]
    fig, ax, owned = figure_axes(ax, figsize=(10.0, min(7.2, 1.6 + 0.42 * len(shown))))
    gaps = (-shown["gap"].astype(float)).tolist()
    colours = [UNADDRESSED_COLOUR if u else ADDRESSED_COLOUR for u in shown["unaddressed"]]
    ys = range(len(shown))
    ax.barh(ys, gaps, color=colours, height=0.7, zorder=2)
    top = max(gaps)
    for y, gap, row in zip(ys, gaps, shown.itertuples(index=False), strict=True):
        label = text.word(
            "priorities.bar_label",
            lang,
            below=int(row.n_below_target),
            assessed=int(row.n_assessed),
            activities=int(row.n_addressing),
            risks=int(row.n_open_risks),
        )
        ax.text(gap + top * 0.01, y, label, va="center", fontsize=10.5)
    ax.set_yticks(list(ys))
    ax.set_yticklabels([wrap(c, 32) for c in shown["capability"]])
    ax.set_xlim(0, top * 1.9)
    ax.set_xlabel(text.word("priorities.gap_axis", lang))
    decimal_ticks(ax.xaxis, lang)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_title(title, loc="left")
    handles = [
        Patch(facecolor=ADDRESSED_COLOUR, label=text.word("priorities.addressed", lang)),
        Patch(facecolor=UNADDRESSED_COLOUR, label=text.word("priorities.unaddressed", lang)),
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    if owned:
        fig.tight_layout()
    return fig
