"""Figures of the capability map: heatmap, radar per organisation, bars of capability means.

Each function returns a matplotlib Figure and never saves it; each draws one axes and accepts
``ax=`` to draw into an axes of your own (the radar needs a polar one). Swedish by default
(``lang="en"`` for English), every word from :mod:`maturity.text`; colours from the house style
(colour-blind safe, and not-assessed cells hatched as well as grey, so nothing depends on colour
alone).

Examples
--------
>>> import maturity as mt
>>> cmap = mt.read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
>>> fig = mt.plots.capability_heatmap(cmap)                       # doctest: +SKIP
>>> fig.savefig("formagekarta.png")                               # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from maturity import text
from maturity.capability import (
    CapabilitySummary,
    capability_summary,
    goal_profiles,
    lowest_acceptable,
)
from maturity.io.capability import CapabilityMap
from maturity.plots.style import (
    LEVEL_COLOURS,
    MAX_ROWS,
    MIN_FONT,
    NOT_ASSESSED_COLOUR,
    OKABE_ITO,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    decimal_comma_axis,
    figure_axes,
    shorten,
    slide_size,
    use_house_style,
    whole_ticks,
    with_wave,
    wrap,
)

__all__ = [
    "capability_heatmap",
    "capability_distribution",
    "capability_groups",
    "capability_radar",
    "capability_bars",
    "joint_organisations",
]

_HIGHLIGHT = OKABE_ITO[3]  # vermillion
_BASE = OKABE_ITO[0]  # blue
_JOINT = re.compile(r"(?<![A-Za-zÅÄÖåäö])IT(?![a-zåäö])")


def _t(key: str, lang: str, **fields) -> str:
    return text.word(f"figure.{key}", lang, **fields)


def joint_organisations(names) -> list[str]:
    """The names that look like a joint IT organisation ("SML-IT", "Fyrbodal IT").

    The default of ``set_apart`` in :func:`capability_heatmap`: a name containing the word
    "IT" in capitals.

    Examples
    --------
    >>> joint_organisations(["Åmål", "SML-IT", "Vänersborg", "Fyrbodal IT"])
    ['SML-IT', 'Fyrbodal IT']
    """
    return [name for name in names if _JOINT.search(str(name))]


def _data_of_wave(cmap, levels, wave):
    """(assessments of one wave, levels, the wave shown or None) from a map or a table."""
    if isinstance(cmap, CapabilityMap):
        assessments, levels = cmap.assessments, cmap.levels if levels is None else levels
    else:
        assessments = cmap
    if levels is None:
        found = sorted(
            int(v)
            for v in pd.concat([assessments["level"], assessments["target"]]).dropna().unique()
        )
        lo, hi = (found[0], found[-1]) if found else (1, 5)
        if hi - lo > _MAX_LEVELS:
            raise ValueError(
                f"levels from {lo} to {hi} are no maturity scale; pass levels= (1-5, say)"
            )
        levels = pd.DataFrame(
            {
                "level": range(lo, hi + 1),
                "label": [str(v) for v in range(lo, hi + 1)],
                "acceptable": [False] * (hi - lo + 1),
            }
        )
    waves = assessments["wave"].dropna().unique() if "wave" in assessments else []
    if wave is None and len(waves) > 1:
        wave = sorted(waves, key=str)[-1]
    if wave is not None:
        assessments = assessments[assessments["wave"] == wave]
    elif len(waves) == 1:
        wave = waves[0]
    levels = levels.sort_values("level").reset_index(drop=True)
    return assessments.reset_index(drop=True), levels, wave


#: Most steps a level scale derived from the data may have (real scales: 5).
_MAX_LEVELS = 20


def _level_colours(n: int) -> list:
    if n == len(LEVEL_COLOURS):
        return list(LEVEL_COLOURS)
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["YlGnBu"]
    return [to_hex(cmap(0.05 + 0.9 * i / max(n - 1, 1))) for i in range(n)]


def _text_colour(colour: str) -> str:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else "black"


@dataclass(frozen=True)
class _Layout:
    """Where the heatmap's columns and rows go: organisations (municipalities, a gap, the joint
    ones), the mean and target columns; a band per goal with its capabilities below it."""

    organisations: list
    xs: dict
    n_main: int
    apart: bool
    x_mean: float
    x_target: float
    rows: list  # (kind, text): ("goal", name) or ("cap", capability)

    gap = 0.45
    mean_width = 1.15
    cell = 0.94

    @classmethod
    def of(cls, data: pd.DataFrame, summary: pd.DataFrame, set_apart) -> _Layout:
        organisations = list(dict.fromkeys(data["organisation"]))
        apart = joint_organisations(organisations) if set_apart is None else list(set_apart)
        apart = [o for o in organisations if o in apart]
        main = [o for o in organisations if o not in apart]
        xs: dict[str, float] = {org: float(i) for i, org in enumerate(main)}
        x = len(main) + (cls.gap if apart else 0)
        for org in apart:
            xs[org] = x
            x += 1
        x_mean = x + cls.gap
        rows: list[tuple[str, str]] = []
        for goal in dict.fromkeys(summary["goal"]):
            rows.append(("goal", goal))
            block = summary[summary["goal"] == goal].sort_values(
                "mean", ascending=False, kind="stable"
            )
            rows.extend(("cap", cap) for cap in block["capability"])
        return cls(organisations, xs, len(main), bool(apart), x_mean, x_mean + 1.15, rows)

    @property
    def y_of(self) -> dict[str, int]:
        return {name: i for i, (kind, name) in enumerate(self.rows) if kind == "cap"}


def _draw_level_cells(ax, i, capability, layout: _Layout, levels_of, colours, size=11) -> None:
    """One capability's row of organisation cells: the level's colour and number, or grey
    hatched "–" when not assessed."""
    from matplotlib.patches import Rectangle

    cell = layout.cell
    for org in layout.organisations:
        level = levels_of.get((org, capability), pd.NA)
        x0 = layout.xs[org]
        if level is pd.NA or level != level:
            ax.add_patch(
                Rectangle(
                    (x0 - cell / 2, i - cell / 2),
                    cell,
                    cell,
                    facecolor=NOT_ASSESSED_COLOUR,
                    edgecolor="#9a9a9a",
                    hatch="///",
                    linewidth=0,
                )
            )
            ax.text(x0, i, "–", ha="center", va="center", fontsize=size, color="#444444")
            continue
        colour = colours.get(int(level), NOT_ASSESSED_COLOUR)
        ax.add_patch(
            Rectangle((x0 - cell / 2, i - cell / 2), cell, cell, facecolor=colour, edgecolor="none")
        )
        ax.text(
            x0,
            i,
            str(int(level)),
            ha="center",
            va="center",
            fontsize=size,
            color=_text_colour(colour),
        )


def _draw_mean_and_target(ax, i, row, layout: _Layout, colours, lang: str, size=11) -> None:
    """The mean (framed; substandard in bold vermillion) and the target level of one row."""
    from matplotlib.patches import Rectangle

    cell, x_mean, x_target = layout.cell, layout.x_mean, layout.x_target
    substandard = bool(row["substandard"]) if pd.notna(row["substandard"]) else False
    ax.add_patch(
        Rectangle(
            (x_mean - layout.mean_width / 2 + 0.03, i - cell / 2),
            layout.mean_width - 0.06,
            cell,
            facecolor="white",
            edgecolor=_HIGHLIGHT if substandard else "#bbbbbb",
            linewidth=2.2 if substandard else 0.8,
        )
    )
    ax.text(
        x_mean,
        i,
        text.number(row["mean"], lang),
        ha="center",
        va="center",
        fontsize=size + 0.5,
        fontweight="bold" if substandard else "normal",
        color=_HIGHLIGHT if substandard else "black",
    )
    target = row["target"]
    if target == target:
        colour = colours.get(int(target), "white")
        ax.add_patch(
            Rectangle(
                (x_target - cell / 2, i - cell / 2),
                cell,
                cell,
                facecolor=colour,
                edgecolor="black",
                linewidth=1.2,
            )
        )
        ax.text(
            x_target,
            i,
            str(int(target)),
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold",
            color=_text_colour(colour),
        )
    else:
        ax.text(x_target, i, "–", ha="center", va="center", fontsize=size)


def _draw_map_rows(ax, data, layout: _Layout, stats, colours, lang: str, size=11) -> None:
    """Row by row: a grey band with each goal's name, then its capabilities' cells, mean and
    target."""
    from matplotlib.patches import Rectangle

    levels_of = {
        (o, c): v
        for o, c, v in zip(data["organisation"], data["capability"], data["level"], strict=True)
    }
    for i, (kind, name) in enumerate(layout.rows):
        if kind == "goal":
            ax.add_patch(
                Rectangle(
                    (-0.5, i - 0.5),
                    layout.x_target + 1.15,
                    1,
                    facecolor="#f2f2f2",
                    edgecolor="none",
                )
            )
            ax.text(
                -0.4, i, name or "–", ha="left", va="center", fontsize=size + 1, fontweight="bold"
            )
            continue
        _draw_level_cells(ax, i, name, layout, levels_of, colours, size)
        _draw_mean_and_target(ax, i, stats.loc[name], layout, colours, lang, size)


def _heatmap_legend(fig, ax, owned: bool, levels, colours, lang: str, *, shown) -> None:
    """The level colours that occur (``shown``: levels, ``"none"`` for a not-assessed cell,
    ``"substandard"`` for a substandard mean): under the figure, or under ``ax`` when the caller
    gave the axes."""
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=colours[int(lv)], edgecolor="#888888", label=f"{int(lv)} {lb}")
        for lv, lb in zip(levels["level"], levels["label"], strict=True)
        if int(lv) in shown
    ]
    if "none" in shown:
        handles.append(
            Patch(
                facecolor=NOT_ASSESSED_COLOUR,
                edgecolor="#9a9a9a",
                hatch="///",
                label=f"– {_t('not_assessed', lang)}",
            )
        )
    if "substandard" in shown:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=_HIGHLIGHT,
                linewidth=2.2,
                label=_t("substandard", lang),
            )
        )
    chars = sum(len(h.get_label()) for h in handles)
    options = {
        "ncols": len(handles) if chars * 0.085 + 0.7 * len(handles) < 12 else 4,
        "frameon": False,
        "title": _t("level", lang),
        "title_fontproperties": {"weight": "bold"},
    }
    if owned:
        fig.legend(handles=handles, loc="outside lower center", **options)
    else:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), **options)


def capability_heatmap(
    cmap,
    *,
    levels: pd.DataFrame | None = None,
    set_apart: list[str] | None = None,
    wave=None,
    title: str | None = None,
    label_width: int = 42,
    ax=None,
    lang: str = "sv",
    summary: pd.DataFrame | None = None,
):
    """Heatmap of the capability map: capabilities as rows, organisations as columns.

    One discrete colour per level (legend with the level labels) and the level written in each
    cell; not-assessed cells grey, hatched and marked "–". Capabilities are grouped under their
    goal (a band with the goal's name) and ordered by mean within it, best first. The joint
    organisations (``set_apart``) stand apart from the municipalities, and two columns at the
    right give each capability's mean (decimal comma; substandard means in bold vermillion,
    framed) and its target level.

    Parameters
    ----------
    cmap : CapabilityMap or DataFrame
        A map, or its tidy ``assessments`` table (then pass ``levels``).
    levels : DataFrame, optional
        The level scale; from the map by default.
    set_apart : list of str, optional
        Organisations drawn apart at the right; by default those named like a joint IT
        organisation (see :func:`joint_organisations`), e.g. "SML-IT".
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional
    label_width : int
        Characters per line of the wrapped capability names.
    ax : matplotlib Axes, optional
        Draw into this axes (the legend below it); default a new figure sized to the map.
    lang : {"sv", "en"}
    summary : DataFrame, optional
        The per-capability summary of the wave shown
        (``capability_summary(...).capabilities``), when already computed: the report passes
        its table instead of summarising the map again.

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Examples
    --------
    >>> fig = capability_heatmap(cmap)  # doctest: +SKIP
    >>> fig, (left, right) = plt.subplots(1, 2)  # doctest: +SKIP
    >>> capability_heatmap(cmap, ax=left)  # doctest: +SKIP
    """
    use_house_style()
    data, levels, wave = _data_of_wave(cmap, levels, wave)
    if summary is None:
        summary = capability_summary(data, levels=levels).capabilities
    colours = dict(zip(levels["level"].astype(int), _level_colours(len(levels)), strict=True))
    summary = summary.assign(goal=summary["goal"].fillna(""))
    if data["organisation"].nunique() > MAX_ROWS:
        title = with_wave(title or _t("capability_distribution_title", lang), wave)
        return _distribution(
            summary, data, levels=levels, title=title, label_width=label_width, ax=ax, lang=lang
        )
    title = with_wave(title or _t("capability_heatmap_title", lang), wave)
    layout = _Layout.of(data, summary, set_apart)
    stats = summary.set_index("capability")

    n_rows, x_target = len(layout.rows), layout.x_target
    row_h = min(0.44, (SLIDE_HEIGHT - 2.6) / max(n_rows, 1))
    compact = row_h < 0.3
    fig, ax, owned = figure_axes(
        ax,
        figsize=slide_size(5.0 + 0.62 * (x_target + 1), 2.6 + row_h * n_rows, margin=0.3),
        layout="constrained",
    )
    ax.set_xlim(-0.5, x_target + 0.5 + 0.15)
    ax.set_ylim(n_rows - 0.5, -0.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)

    size = MIN_FONT if compact else 11
    _draw_map_rows(ax, data, layout, stats, colours, lang, size)
    if layout.apart:
        x_line = layout.n_main - 0.5 + layout.gap / 2
        ax.axvline(x_line, color="#555555", linewidth=1.2, linestyle=(0, (4, 3)))
    ax.axvline(
        layout.x_mean - layout.mean_width / 2 - layout.gap / 4, color="#555555", linewidth=1.2
    )

    y_of = layout.y_of
    labels = [shorten(c, label_width + 8) if compact else wrap(c, label_width) for c in y_of]
    ax.set_yticks([y_of[c] for c in y_of], labels, fontsize=size)
    organisations = layout.organisations
    columns = [*organisations, _t("mean_short", lang), _t("target_short", lang)]
    positions = [layout.xs[o] for o in organisations] + [layout.x_mean, x_target]
    ax.xaxis.tick_top()
    ax.set_xticks(positions, columns, rotation=45, ha="left", rotation_mode="anchor", fontsize=size)
    for label in ax.get_xticklabels()[-2:]:
        label.set_fontweight("bold")
    ax.set_title(title, loc="left", pad=12)
    shown = _shown_levels(data, summary)
    _heatmap_legend(fig, ax, owned, levels, colours, lang, shown=shown)
    return fig


def _shown_levels(data: pd.DataFrame, summary: pd.DataFrame) -> set:
    """What a capability figure shows, for its legend: the levels (assessed and target),
    ``"none"`` when a cell is not assessed, ``"substandard"`` when a mean is."""
    values = pd.concat([data["level"], summary["target"]]).dropna()
    shown = {int(v) for v in values}
    if data["level"].isna().any() or _missing_cells(data):
        shown.add("none")
    if "substandard" in summary and summary["substandard"].fillna(False).astype(bool).any():
        shown.add("substandard")
    return shown


def _is_true(value) -> bool:
    return bool(value) if value is not None and not pd.isna(value) else False


def _missing_cells(data: pd.DataFrame) -> bool:
    """Whether some organisation × capability has no row at all (drawn as not assessed)."""
    pairs = data[["organisation", "capability"]].drop_duplicates()
    return len(pairs) < data["organisation"].nunique() * data["capability"].nunique()


def _radar_profiles(data: pd.DataFrame, organisation: str, profiles: pd.DataFrame | None):
    """Per goal (in map order): the organisation's mean level, the mean of all organisations'
    goal means, and the goal's mean target (from ``profiles`` when given)."""
    profiles = goal_profiles(data) if profiles is None else profiles.copy()
    profiles["goal"] = profiles["goal"].fillna("")
    goals = list(dict.fromkeys(profiles["goal"]))
    own = profiles[profiles["organisation"] == organisation].set_index("goal")["mean"]
    group = profiles.groupby("goal", sort=False)["mean"].mean()
    target = profiles.groupby("goal", sort=False)["target"].first()
    return goals, own, group, target


def _radar_lines(ax, angles, goals, own, group, target, organisation: str, lang: str) -> None:
    """The target, the group mean and the organisation (filled), each closed around the
    circle."""
    closed = [*angles, angles[0]]

    def values(series):
        v = [float(series.get(g, np.nan)) for g in goals]
        return [*v, v[0]]

    ax.plot(
        closed,
        values(target),
        color="black",
        linestyle=(0, (2, 2)),
        linewidth=2,
        label=_t("target", lang),
    )
    ax.plot(
        closed,
        values(group),
        color=OKABE_ITO[1],
        linestyle="--",
        linewidth=2.4,
        marker="s",
        markersize=7,
        label=_t("group_mean", lang),
    )
    ax.plot(
        closed,
        values(own),
        color=_BASE,
        linewidth=2.8,
        marker="o",
        markersize=8,
        label=organisation,
    )
    ax.fill(closed, values(own), color=_BASE, alpha=0.15)


def _radar_labels(ax, angles, goals, own, hi: int, lang: str) -> None:
    """The organisation's mean on each spoke, and the goal names placed by hand, aligned away
    from the circle on every side."""
    for angle, goal in zip(angles, goals, strict=True):
        v = own.get(goal, np.nan)
        if v == v:
            ax.annotate(
                text.number(v, lang),
                (angle, v),
                textcoords="offset points",
                xytext=(0, -17),
                ha="center",
                va="center",
                fontsize=10.5,
                color=_BASE,
                fontweight="bold",
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.85,
                },
            )
    ax.set_xticks(angles, [""] * len(goals))
    for angle, goal in zip(angles, goals, strict=True):
        east, north = np.sin(angle), np.cos(angle)  # clockwise from the top
        ha = "center" if abs(east) < 0.2 else ("left" if east > 0 else "right")
        va = "center" if abs(north) < 0.2 else ("bottom" if north > 0 else "top")
        ax.text(angle, hi * 1.07, wrap(goal, 22), ha=ha, va=va, fontsize=11.5)


def capability_radar(
    cmap,
    *,
    organisation: str,
    levels: pd.DataFrame | None = None,
    wave=None,
    title: str | None = None,
    ax=None,
    lang: str = "sv",
    profiles: pd.DataFrame | None = None,
):
    """Radar of one organisation's mean level per goal against all organisations and the target.

    Each spoke is a målbild goal; the organisation's line is its mean level over the goal's
    capabilities, the group line the mean of all organisations' goal means (each organisation
    weighs the same), the target line the mean target level of the goal's capabilities.

    Parameters
    ----------
    cmap : CapabilityMap or DataFrame
        A map, or its tidy ``assessments`` table.
    organisation : str
        The organisation to show (canonical name).
    levels : DataFrame, optional
        The level scale (for the radial axis); from the map by default.
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional
    ax : matplotlib Axes with ``projection="polar"``, optional
        Draw into this axes (the legend below it); default a new figure.
    lang : {"sv", "en"}
    profiles : DataFrame, optional
        :func:`maturity.capability.goal_profiles` of the wave shown, when already computed
        (the report computes them once for both its radars).

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Raises
    ------
    ValueError
        When the organisation is not in the map, or ``ax`` is not a polar axes.

    Examples
    --------
    >>> fig = capability_radar(cmap, organisation="Åmål")  # doctest: +SKIP
    """
    if ax is not None and getattr(ax, "name", "") != "polar":
        raise ValueError(
            "capability_radar draws into a polar axes: "
            "plt.subplots(subplot_kw={'projection': 'polar'})"
        )
    use_house_style()
    data, levels, wave = _data_of_wave(cmap, levels, wave)
    if organisation not in set(data["organisation"]):
        raise ValueError(
            f"{organisation!r} is not in the capability map "
            f"(organisations: {', '.join(dict.fromkeys(data['organisation']))})"
        )
    goals, own, group, target = _radar_profiles(data, organisation, profiles)
    angles = np.linspace(0, 2 * np.pi, len(goals), endpoint=False).tolist()
    fig, ax, owned = figure_axes(
        ax, figsize=(9.6, 7.3), subplot_kw={"projection": "polar"}, layout="constrained"
    )
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    lo, hi = int(levels["level"].min()), int(levels["level"].max())
    ax.set_ylim(lo, hi)
    ticks = whole_ticks(lo, hi)
    ax.set_yticks(ticks, [str(v) for v in ticks], fontsize=10, color="#555555")
    ax.set_rlabel_position(180 / len(goals))
    _radar_lines(ax, angles, goals, own, group, target, organisation, lang)
    _radar_labels(ax, angles, goals, own, hi, lang)
    ax.grid(color="#cccccc")
    ax.spines["polar"].set_color("#aaaaaa")
    title = title or _t("capability_radar_title", lang, organisation=organisation)
    ax.set_title(with_wave(title, wave), pad=62)
    if owned:
        fig.legend(loc="outside lower center", ncols=3, frameon=False)
    else:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=3, frameon=False)
    return fig


def _bars_table(summary, levels):
    """(capabilities table, lowest acceptable level, top of the scale) from a summary, its
    table or a map."""
    floor = float("nan")
    if isinstance(summary, CapabilityMap):
        levels = summary.levels if levels is None else levels
        summary = capability_summary(summary.assessments, levels=levels)
    if isinstance(summary, CapabilitySummary):
        floor = summary.lowest_acceptable
        table = summary.capabilities
    else:
        table = summary
    if levels is not None:
        return table, lowest_acceptable(levels), float(levels["level"].max())
    top = float(np.nanmax([table["max"].max() if "max" in table else 5, table["target"].max(), 5]))
    return table, floor, top


def _draw_gaps(ax, y, means, targets) -> None:
    """The gap to the target where a mean is below it: a hatched band from the mean to the
    target level."""
    below = np.flatnonzero(np.isfinite(targets) & (means < targets - 1e-9))
    if len(below):
        ax.barh(
            y[below],
            targets[below] - means[below],
            left=means[below],
            height=0.68,
            facecolor="none",
            edgecolor=_HIGHLIGHT,
            hatch="///",
            linewidth=1.0,
            zorder=2,
        )


def _bars_columns(ax, table: pd.DataFrame, lang: str, size: float) -> None:
    """Right of the bars: each capability's mean and its gap to the target (bold vermillion
    when below the target)."""
    columns = ((50, _t("mean_short", lang)), (110, _t("gap_to_target", lang)))
    for dx, header in columns:
        ax.annotate(
            header,
            xy=(1, len(table) - 0.4),
            xycoords=("axes fraction", "data"),
            xytext=(dx, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=size,
            fontweight="bold",
            annotation_clip=False,
        )
    for i, row in enumerate(table.itertuples(index=False)):
        gap = row.mean - row.target if row.target == row.target else float("nan")
        below = gap == gap and gap < -1e-9
        shown_gap = text.number(gap, lang) if gap == gap else "–"
        if gap == gap and gap >= 0:
            shown_gap = "+" + shown_gap
        for dx, value, bold in ((50, text.number(row.mean, lang), False), (110, shown_gap, below)):
            ax.annotate(
                value.replace("-", "−"),
                xy=(1, i),
                xycoords=("axes fraction", "data"),
                xytext=(dx, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=size,
                fontweight="bold" if bold else "normal",
                color=_HIGHLIGHT if bold else "black",
                annotation_clip=False,
            )


def _bars_legend(
    fig, ax, owned: bool, floor: float, lang: str, gaps: bool = False, substandard: bool = True
) -> None:
    """Mean ± sd, target and (with a lowest acceptable level) substandard and the floor line:
    under the figure, or under ``ax`` when the caller gave the axes."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=_BASE, label=_t("mean_sd", lang)),
        Line2D(
            [],
            [],
            marker="D",
            color="black",
            linestyle="none",
            markersize=8,
            label=_t("target", lang),
        ),
    ]
    if gaps:
        handles.append(
            Patch(facecolor="none", edgecolor=_HIGHLIGHT, hatch="///", label=_t("gap_band", lang))
        )
    if floor == floor and substandard:
        handles.append(Patch(facecolor=_HIGHLIGHT, label=_t("substandard", lang)))
    if floor == floor:
        handles += [
            Line2D(
                [],
                [],
                color=_HIGHLIGHT,
                linestyle="--",
                label=_t("lowest_acceptable", lang, level=text.number(floor, lang, digits=0)),
            ),
        ]
    if owned:
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
    else:
        ax.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False
        )


def capability_bars(
    summary,
    *,
    levels: pd.DataFrame | None = None,
    title: str | None = None,
    label_width: int = 45,
    ax=None,
    lang: str = "sv",
):
    """Horizontal bars of the capability means with sd error bars and the target level.

    Bars are ordered by mean, highest at the top; substandard capabilities (mean below the
    lowest acceptable level) are vermillion, the rest blue, and a dashed line marks the lowest
    acceptable level. Each mean is written beside its bar with a decimal comma.

    Parameters
    ----------
    summary : CapabilitySummary, DataFrame or CapabilityMap
        A summary (or its ``capabilities`` table: ``capability, mean, sd, target,
        substandard``), or a map, which is summarised first.
    levels : DataFrame, optional
        The level scale, for the axis range and the lowest acceptable level; from the map when
        a map is given.
    title : str, optional
    label_width : int
        Characters per line of the wrapped capability names.
    ax : matplotlib Axes, optional
        Draw into this axes (the legend below it); default a new figure.
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Examples
    --------
    >>> fig = capability_bars(capability_summary(cmap.assessments, levels=cmap.levels))  # doctest: +SKIP
    """
    use_house_style()
    table, floor, top = _bars_table(summary, levels)
    bottom = float(levels["level"].min()) if levels is not None else 1.0
    table = table.sort_values("mean", ascending=True, kind="stable").reset_index(drop=True)
    n = len(table)
    substandard = table["substandard"].fillna(False).astype(bool).to_numpy()
    colours = [_HIGHLIGHT if s else _BASE for s in substandard]
    row_h = min(0.46, (SLIDE_HEIGHT - 1.9) / max(n, 1))
    compact = row_h < 0.34
    size = MIN_FONT if compact else 11

    fig, ax, owned = figure_axes(
        ax, figsize=slide_size(13, 1.9 + row_h * n, margin=0.6), layout="constrained"
    )
    y = np.arange(n)
    means = table["mean"].to_numpy(dtype=float)
    ax.barh(y, means - bottom, left=bottom, color=colours, height=0.68, zorder=2)
    _draw_gaps(ax, y, means, table["target"].to_numpy(dtype=float))
    sd = table["sd"].fillna(0).to_numpy()
    # the spread drawn within the scale: it never reaches below the lowest level
    spread = [np.minimum(sd, np.maximum(means - bottom, 0)), np.minimum(sd, top - means)]
    ax.errorbar(
        means, y, xerr=spread, fmt="none", ecolor="#333333", elinewidth=1.3, capsize=3, zorder=3
    )
    ax.scatter(
        table["target"], y, marker="D", s=60, color="black", edgecolor="white", lw=1, zorder=4
    )
    _bars_columns(ax, table, lang, size)
    if floor == floor:
        ax.axvline(floor, color=_HIGHLIGHT, linestyle="--", linewidth=1.6, zorder=1)
    names = [
        shorten(c, label_width + 15) if compact else wrap(c, label_width)
        for c in table["capability"]
    ]
    ax.set_yticks(y, names, fontsize=size)
    for label, s in zip(ax.get_yticklabels(), substandard, strict=True):
        if s:
            label.set_color(_HIGHLIGHT)
            label.set_fontweight("bold")
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(bottom - 0.1, top + 0.2)
    ax.set_xticks(whole_ticks(bottom, top))
    decimal_comma_axis(ax.xaxis, 0, lang)
    ax.set_xlabel(_t("mean_level", lang))
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    wave = table["wave"].dropna().unique() if "wave" in table else []
    title = title or _t("capability_bars_title", lang)
    ax.set_title(with_wave(title, wave[0] if len(wave) == 1 else None), loc="left", pad=16)
    gaps = bool((table["mean"] < table["target"] - 1e-9).any())
    _bars_legend(fig, ax, owned, floor, lang, gaps, bool(substandard.any()))
    return fig


def _level_shares(data: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """Capability × level: the share of the assessed organisations at each level."""
    assessed = data.dropna(subset=["level"])
    counts = (
        assessed.assign(level=assessed["level"].astype(int))
        .groupby(["capability", "level"])
        .size()
        .unstack("level", fill_value=0)
        .reindex(columns=levels["level"].astype(int).tolist(), fill_value=0)
    )
    return counts.div(counts.sum(axis=1).where(lambda n: n > 0), axis=0).fillna(0.0)


def _draw_share_rows(ax, rows, shares, stats, colours, lang: str, size: float) -> None:
    """Per capability row a 100 % bar of the organisations' levels (share written where it
    fits), and the goal bands; the mean and target as two columns right of the bars."""
    from matplotlib.patches import Rectangle

    for i, (kind, name) in enumerate(rows):
        if kind == "goal":
            ax.add_patch(Rectangle((0, i - 0.5), 1, 1, facecolor="#f2f2f2", edgecolor="none"))
            ax.text(0.005, i, name or "–", va="center", fontsize=size + 1, fontweight="bold")
            continue
        left = 0.0
        for level, share in shares.loc[name].items() if name in shares.index else []:
            if share <= 0:
                continue
            colour = colours[int(level)]
            ax.barh(i, share, left=left, height=0.8, color=colour, edgecolor="white", lw=0.6)
            if share >= 0.08:
                ax.text(
                    left + share / 2,
                    i,
                    text.percent(share, lang),
                    ha="center",
                    va="center",
                    fontsize=size,
                    color=_text_colour(colour),
                )
            left += share
        row = stats.loc[name]
        for dx, value, bold in (
            (40, text.number(row["mean"], lang), _is_true(row.get("substandard"))),
            (100, "–" if row["target"] != row["target"] else str(int(row["target"])), False),
        ):
            ax.annotate(
                value,
                xy=(1, i),
                xycoords=("axes fraction", "data"),
                xytext=(dx, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=size,
                fontweight="bold" if bold else "normal",
                color=_HIGHLIGHT if bold else "black",
                annotation_clip=False,
            )


def _capability_rows(summary: pd.DataFrame) -> list[tuple[str, str]]:
    """Goal bands, each followed by its capabilities from the highest mean down."""
    rows: list[tuple[str, str]] = []
    for goal in dict.fromkeys(summary["goal"]):
        rows.append(("goal", goal))
        block = summary[summary["goal"] == goal].sort_values("mean", ascending=False, kind="stable")
        rows.extend(("cap", cap) for cap in block["capability"])
    return rows


def capability_distribution(
    cmap,
    *,
    levels: pd.DataFrame | None = None,
    wave=None,
    title: str | None = None,
    label_width: int = 42,
    ax=None,
    lang: str = "sv",
):
    """The capability map at any number of organisations: per capability, the share of
    organisations at each level (a 100 % bar in the level colours), with the mean and target.

    This is what :func:`capability_heatmap` draws when the map has more organisations than fit
    a slide (more than 30); the per-organisation detail then lives in the profiles.

    Parameters
    ----------
    cmap : CapabilityMap or DataFrame
        A map, or its tidy ``assessments`` table (then pass ``levels``).
    levels : DataFrame, optional
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional
    label_width : int
        Characters of the capability names.
    ax : matplotlib Axes, optional
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = capability_distribution(cmap)  # doctest: +SKIP
    """
    use_house_style()
    data, levels, wave = _data_of_wave(cmap, levels, wave)
    summary = capability_summary(data, levels=levels).capabilities
    summary = summary.assign(goal=summary["goal"].fillna(""))
    title = with_wave(title or _t("capability_distribution_title", lang), wave)
    return _distribution(
        summary, data, levels=levels, title=title, label_width=label_width, ax=ax, lang=lang
    )


def _distribution(summary, data, *, levels, title, label_width, ax, lang):
    colours = dict(zip(levels["level"].astype(int), _level_colours(len(levels)), strict=True))
    rows = _capability_rows(summary)
    row_h = min(0.44, (SLIDE_HEIGHT - 2.2) / max(len(rows), 1))
    size = MIN_FONT if row_h < 0.3 else 11
    fig, ax, owned = figure_axes(
        ax,
        figsize=slide_size(SLIDE_WIDTH, 2.2 + row_h * len(rows), margin=0.4),
        layout="constrained",
    )
    stats = summary.set_index("capability")
    _draw_share_rows(ax, rows, _level_shares(data, levels), stats, colours, lang, size)
    caps = [(i, name) for i, (kind, name) in enumerate(rows) if kind == "cap"]
    ax.set_yticks([i for i, _ in caps], [shorten(c, label_width + 8) for _, c in caps])
    ax.tick_params(axis="y", labelsize=size, length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: text.percent(v, lang)))
    ax.set_xlabel(_t("share_organisations", lang, n=data["organisation"].nunique()))
    for dx, header in ((40, _t("mean_short", lang)), (100, _t("target_short", lang))):
        ax.annotate(
            header,
            xy=(1, -0.5),
            xycoords=("axes fraction", "data"),
            xytext=(dx, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=size,
            fontweight="bold",
            annotation_clip=False,
        )
    for spine in ("left", "top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_title(title, loc="left", pad=14)
    shown = _shown_levels(data, summary) - {"none"}
    _heatmap_legend(fig, ax, owned, levels, colours, lang, shown=shown)
    return fig


def capability_groups(
    cmap,
    *,
    groups: pd.DataFrame,
    levels: pd.DataFrame | None = None,
    wave=None,
    title: str | None = None,
    label_width: int = 42,
    ax=None,
    lang: str = "sv",
):
    """Heatmap capability × comparison group: the mean level of each group's organisations
    (each organisation weighs the same), a column for all organisations and the target.

    Parameters
    ----------
    cmap : CapabilityMap or DataFrame
        A map, or its tidy ``assessments`` table (then pass ``levels``).
    groups : DataFrame
        ``organisation`` and ``group`` (the codebook's organisations sheet, column ``grupp``).
    levels : DataFrame, optional
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional
    label_width : int
        Characters of the capability names.
    ax : matplotlib Axes, optional
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = capability_groups(cmap, groups=codebook.organisations)  # doctest: +SKIP
    """
    from matplotlib.colors import LinearSegmentedColormap, to_hex
    from matplotlib.ticker import FuncFormatter

    use_house_style()
    data, levels, wave = _data_of_wave(cmap, levels, wave)
    summary = capability_summary(data, levels=levels).capabilities
    summary = summary.assign(goal=summary["goal"].fillna(""))
    owner = groups.dropna(subset=["group"]).drop_duplicates("organisation")
    owner = dict(zip(owner["organisation"].astype(str), owner["group"].astype(str), strict=True))
    data = data.assign(group=data["organisation"].astype(str).map(owner))
    rows = [name for kind, name in _capability_rows(summary) if kind == "cap"]
    means = data.groupby(["group", "capability"])["level"].mean().unstack("group")
    names = sorted(means.columns, key=str)
    counts = data.groupby("group")["organisation"].nunique()
    table = means.reindex(index=rows, columns=names)
    table[_t("all_groups", lang)] = summary.set_index("capability")["mean"].reindex(rows)
    headers = [_t("group_n", lang, group=g, n=int(counts[g])) for g in names]
    headers.append(
        _t("group_n", lang, group=_t("all_groups", lang), n=data["organisation"].nunique())
    )
    row_h = min(0.44, (SLIDE_HEIGHT - 2.4) / max(len(rows), 1))
    size = MIN_FONT if row_h < 0.3 else 11
    fig, ax, owned = figure_axes(
        ax,
        figsize=slide_size(5.5 + 1.1 * (len(headers) + 1), 2.4 + row_h * len(rows), margin=0.2),
        layout="constrained",
    )
    lo, hi = float(levels["level"].min()), float(levels["level"].max())
    colours = LinearSegmentedColormap.from_list("levels", _level_colours(len(levels)))
    values = table.to_numpy(dtype=float)
    target = summary.set_index("capability")["target"].reindex(rows).to_numpy(dtype=float)
    shown = np.column_stack([values, target])
    image = ax.imshow(np.ma.masked_invalid(shown), cmap=colours, vmin=lo, vmax=hi, aspect="auto")
    norm = image.norm
    for (y, x), v in np.ndenumerate(shown):
        label = (
            "–" if v != v else (str(int(v)) if x == shown.shape[1] - 1 else text.number(v, lang))
        )
        colour = "black" if v != v else _text_colour(to_hex(colours(norm(v))))
        weight = "bold" if x == shown.shape[1] - 1 else "normal"
        ax.text(
            x, y, label, ha="center", va="center", fontsize=size, color=colour, fontweight=weight
        )
    ax.axvline(shown.shape[1] - 1.5, color="#555555", linewidth=1.2)
    ax.set_xticks(
        range(shown.shape[1]),
        [*headers, _t("target_short", lang)],
        rotation=45,
        ha="left",
        rotation_mode="anchor",
    )
    ax.xaxis.tick_top()
    ax.tick_params(length=0, labelsize=size)
    ax.set_yticks(range(len(rows)), [shorten(c, label_width + 8) for c in rows], fontsize=size)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(with_wave(title or _t("capability_group_title", lang), wave), loc="left", pad=12)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label(_t("mean_level", lang), fontsize=size)
    bar.ax.tick_params(labelsize=size)
    bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: text.number(v, lang)))
    bar.outline.set_visible(False)
    return fig
