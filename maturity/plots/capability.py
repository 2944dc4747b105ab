"""Figures of the capability map: heatmap, radar per organisation, bars of capability means.

Each function returns a matplotlib Figure and never saves it. Swedish by default
(``lang="en"`` for English); colours from the house style (colour-blind safe, and not-assessed
cells hatched as well as grey, so nothing depends on colour alone).

Examples
--------
>>> import maturity as mt
>>> cmap = mt.read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
>>> fig = mt.plots.capability_heatmap(cmap)                       # doctest: +SKIP
>>> fig.savefig("formagekarta.png")                               # doctest: +SKIP
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from maturity.capability import (
    CapabilitySummary,
    capability_summary,
    goal_profiles,
    lowest_acceptable,
)
from maturity.io.capability import CapabilityMap
from maturity.plots.style import (
    LEVEL_COLOURS,
    NOT_ASSESSED_COLOUR,
    OKABE_ITO,
    decimal,
    decimal_comma_axis,
    translate,
    use_house_style,
    wrap,
)

__all__ = ["capability_heatmap", "capability_radar", "capability_bars", "joint_organisations"]

_TEXT = {
    "sv": {
        "heatmap_title": "Förmågekarta: mognadsnivå per förmåga och organisation",
        "radar_title": "{organisation}: medelnivå per mål",
        "bars_title": "Förmågor: medelvärde och spridning mellan organisationerna",
        "group_mean": "Alla organisationers medelvärde",
        "lowest_acceptable": "Lägsta godtagbara nivå ({level})",
        "substandard": "Undermåligt medelvärde",
        "mean_sd": "Medelvärde ± standardavvikelse",
        "level": "Nivå",
        "mean_level": "Medelnivå",
        "mean_short": "Medel",
        "target_short": "Målnivå",
    },
    "en": {
        "heatmap_title": "Capability map: maturity level by capability and organisation",
        "radar_title": "{organisation}: mean level by goal",
        "bars_title": "Capabilities: mean and spread across organisations",
        "group_mean": "Mean of all organisations",
        "lowest_acceptable": "Lowest acceptable level ({level})",
        "substandard": "Substandard mean",
        "mean_sd": "Mean ± standard deviation",
        "level": "Level",
        "mean_level": "Mean level",
        "mean_short": "Mean",
        "target_short": "Target",
    },
}
_HIGHLIGHT = OKABE_ITO[3]  # vermillion
_BASE = OKABE_ITO[0]  # blue
_JOINT = re.compile(r"(?<![A-Za-zÅÄÖåäö])IT(?![a-zåäö])")


def _t(key: str, lang: str, **fields) -> str:
    words = _TEXT.get(lang, _TEXT["sv"])
    if key in words:
        return words[key].format(**fields)
    return translate(key, lang, **fields)


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


def _data(cmap, levels, wave):
    """(assessments of one wave, levels) from a map or an assessments table."""
    if isinstance(cmap, CapabilityMap):
        assessments, levels = cmap.assessments, cmap.levels if levels is None else levels
    else:
        assessments = cmap
    if levels is None:
        found = sorted(int(v) for v in pd.concat([assessments["level"], assessments["target"]])
                       .dropna().unique())
        lo, hi = (found[0], found[-1]) if found else (1, 5)
        levels = pd.DataFrame({"level": range(lo, hi + 1),
                               "label": [str(v) for v in range(lo, hi + 1)],
                               "acceptable": [False] * (hi - lo + 1)})
    waves = assessments["wave"].dropna().unique() if "wave" in assessments else []
    if wave is None and len(waves) > 1:
        wave = sorted(waves, key=str)[-1]
    if wave is not None:
        assessments = assessments[assessments["wave"] == wave]
    return assessments.reset_index(drop=True), levels.sort_values("level").reset_index(drop=True)


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


def capability_heatmap(
    cmap,
    *,
    levels: pd.DataFrame | None = None,
    lang: str = "sv",
    set_apart: list[str] | None = None,
    wave=None,
    title: str | None = None,
    label_width: int = 42,
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
    lang : {"sv", "en"}
    set_apart : list of str, optional
        Organisations drawn apart at the right; by default those named like a joint IT
        organisation (see :func:`joint_organisations`), e.g. "SML-IT".
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional
    label_width : int
        Characters per line of the wrapped capability names.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = capability_heatmap(cmap)  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    use_house_style()
    data, levels = _data(cmap, levels, wave)
    summary = capability_summary(data, levels=levels).capabilities
    colours = dict(zip(levels["level"].astype(int), _level_colours(len(levels)), strict=True))

    organisations = list(dict.fromkeys(data["organisation"]))
    apart = joint_organisations(organisations) if set_apart is None else list(set_apart)
    apart = [o for o in organisations if o in apart]
    main = [o for o in organisations if o not in apart]

    # x positions: municipalities, gap, joint organisations, gap, mean, target
    gap = 0.45
    xs: dict[str, float] = {org: float(i) for i, org in enumerate(main)}
    x = len(main) + (gap if apart else 0)
    for org in apart:
        xs[org] = x
        x += 1
    x_mean = x + gap
    x_target = x_mean + 1.15
    mean_width = 1.15

    # y positions: a band per goal, then its capabilities ordered by mean
    summary = summary.assign(goal=summary["goal"].fillna(""))
    goal_order = list(dict.fromkeys(summary["goal"]))
    rows: list[tuple[str, str]] = []  # (kind, text)
    for goal in goal_order:
        rows.append(("goal", goal))
        block = summary[summary["goal"] == goal].sort_values("mean", ascending=False,
                                                             kind="stable")
        rows.extend(("cap", cap) for cap in block["capability"])
    y_of = {text: i for i, (kind, text) in enumerate(rows) if kind == "cap"}
    stats = summary.set_index("capability")

    n_rows = len(rows)
    width = 5.0 + 0.62 * (x_target + 1)
    height = 2.6 + 0.44 * n_rows
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    ax.set_xlim(-0.5, x_target + 0.5 + 0.15)
    ax.set_ylim(n_rows - 0.5, -0.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)

    cell = 0.94
    levels_of = {(o, c): v for o, c, v in zip(data["organisation"], data["capability"],
                                               data["level"], strict=True)}
    for i, (kind, text) in enumerate(rows):
        if kind == "goal":
            ax.add_patch(Rectangle((-0.5, i - 0.5), x_target + 1.15, 1, facecolor="#f2f2f2",
                                   edgecolor="none"))
            ax.text(-0.4, i, text or "–", ha="left", va="center", fontsize=12,
                    fontweight="bold")
            continue
        for org in organisations:
            level = levels_of.get((org, text), pd.NA)
            x0 = xs[org]
            if level is pd.NA or level != level:
                ax.add_patch(Rectangle((x0 - cell / 2, i - cell / 2), cell, cell,
                                       facecolor=NOT_ASSESSED_COLOUR, edgecolor="#9a9a9a",
                                       hatch="///", linewidth=0))
                ax.text(x0, i, "–", ha="center", va="center", fontsize=12, color="#444444")
                continue
            colour = colours.get(int(level), NOT_ASSESSED_COLOUR)
            ax.add_patch(Rectangle((x0 - cell / 2, i - cell / 2), cell, cell, facecolor=colour,
                                   edgecolor="none"))
            ax.text(x0, i, str(int(level)), ha="center", va="center", fontsize=11,
                    color=_text_colour(colour))
        row = stats.loc[text]
        substandard = bool(row["substandard"]) if pd.notna(row["substandard"]) else False
        ax.add_patch(Rectangle((x_mean - mean_width / 2 + 0.03, i - cell / 2),
                               mean_width - 0.06, cell, facecolor="white",
                               edgecolor=_HIGHLIGHT if substandard else "#bbbbbb",
                               linewidth=2.2 if substandard else 0.8))
        ax.text(x_mean, i, decimal(row["mean"], 1, lang), ha="center", va="center",
                fontsize=11.5, fontweight="bold" if substandard else "normal",
                color=_HIGHLIGHT if substandard else "black")
        target = row["target"]
        if target == target:
            colour = colours.get(int(target), "white")
            ax.add_patch(Rectangle((x_target - cell / 2, i - cell / 2), cell, cell,
                                   facecolor=colour, edgecolor="black", linewidth=1.2))
            ax.text(x_target, i, str(int(target)), ha="center", va="center", fontsize=11,
                    fontweight="bold", color=_text_colour(colour))
        else:
            ax.text(x_target, i, "–", ha="center", va="center")
    if apart:
        x_line = len(main) - 0.5 + gap / 2
        ax.axvline(x_line, color="#555555", linewidth=1.2, linestyle=(0, (4, 3)))
    ax.axvline(x_mean - mean_width / 2 - gap / 4, color="#555555", linewidth=1.2)

    ax.set_yticks([y_of[c] for c in y_of], [wrap(c, label_width) for c in y_of])
    columns = [*organisations, _t("mean_short", lang), _t("target_short", lang)]
    positions = [xs[o] for o in organisations] + [x_mean, x_target]
    ax.xaxis.tick_top()
    ax.set_xticks(positions, columns, rotation=45, ha="left", rotation_mode="anchor")
    for label in ax.get_xticklabels()[-2:]:
        label.set_fontweight("bold")
    ax.set_title(title or _t("heatmap_title", lang), loc="left", pad=12)

    handles = [Patch(facecolor=colours[int(lv)], edgecolor="#888888", label=f"{int(lv)} {lb}")
               for lv, lb in zip(levels["level"], levels["label"], strict=True)]
    handles.append(Patch(facecolor=NOT_ASSESSED_COLOUR, edgecolor="#9a9a9a", hatch="///",
                         label=f"– {translate('not_assessed', lang)}"))
    floor = lowest_acceptable(levels)
    if floor == floor:
        handles.append(Patch(facecolor="white", edgecolor=_HIGHLIGHT, linewidth=2.2,
                             label=_t("substandard", lang)))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4),
               frameon=False, title=_t("level", lang), title_fontproperties={"weight": "bold"})
    return fig


def capability_radar(
    cmap,
    organisation: str,
    *,
    levels: pd.DataFrame | None = None,
    lang: str = "sv",
    wave=None,
    title: str | None = None,
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
    lang : {"sv", "en"}
    wave : optional
        The wave to show; the latest when the table holds several.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When the organisation is not in the map.

    Examples
    --------
    >>> fig = capability_radar(cmap, "Åmål")  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    use_house_style()
    data, levels = _data(cmap, levels, wave)
    if organisation not in set(data["organisation"]):
        raise ValueError(f"{organisation!r} is not in the capability map "
                         f"(organisations: {', '.join(dict.fromkeys(data['organisation']))})")
    profiles = goal_profiles(data)
    profiles["goal"] = profiles["goal"].fillna("")
    goals = list(dict.fromkeys(profiles["goal"]))
    own = profiles[profiles["organisation"] == organisation].set_index("goal")["mean"]
    group = profiles.groupby("goal", sort=False)["mean"].mean()
    target = profiles.groupby("goal", sort=False)["target"].first()

    angles = np.linspace(0, 2 * np.pi, len(goals), endpoint=False).tolist()
    closed = [*angles, angles[0]]

    def values(series):
        v = [float(series.get(g, np.nan)) for g in goals]
        return [*v, v[0]]

    fig, ax = plt.subplots(figsize=(10, 8.6), subplot_kw={"projection": "polar"},
                           layout="constrained")
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    lo, hi = int(levels["level"].min()), int(levels["level"].max())
    ax.set_ylim(0, hi)
    ax.set_yticks(range(lo, hi + 1), [str(v) for v in range(lo, hi + 1)], fontsize=10,
                  color="#555555")
    ax.set_rlabel_position(180 / len(goals))
    ax.plot(closed, values(target), color="black", linestyle=(0, (2, 2)), linewidth=2,
            label=translate("target", lang))
    ax.plot(closed, values(group), color=OKABE_ITO[1], linestyle="--", linewidth=2.4,
            marker="s", markersize=7, label=_t("group_mean", lang))
    ax.plot(closed, values(own), color=_BASE, linewidth=2.8, marker="o", markersize=8,
            label=organisation)
    ax.fill(closed, values(own), color=_BASE, alpha=0.15)
    for angle, goal in zip(angles, goals, strict=True):
        v = own.get(goal, np.nan)
        if v == v:
            ax.annotate(decimal(v, 1, lang), (angle, v), textcoords="offset points",
                        xytext=(0, -17), ha="center", va="center", fontsize=10.5,
                        color=_BASE, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.85})
    # goal names placed by hand, aligned away from the circle on every side
    ax.set_xticks(angles, [""] * len(goals))
    for angle, goal in zip(angles, goals, strict=True):
        east, north = np.sin(angle), np.cos(angle)  # clockwise from the top
        ha = "center" if abs(east) < 0.2 else ("left" if east > 0 else "right")
        va = "center" if abs(north) < 0.2 else ("bottom" if north > 0 else "top")
        ax.text(angle, hi * 1.07, wrap(goal, 22), ha=ha, va=va, fontsize=11.5)
    ax.grid(color="#cccccc")
    ax.spines["polar"].set_color("#aaaaaa")
    ax.set_title(title or _t("radar_title", lang, organisation=organisation), pad=52)
    fig.legend(loc="outside lower center", ncols=3, frameon=False)
    return fig


def capability_bars(
    summary,
    *,
    levels: pd.DataFrame | None = None,
    lang: str = "sv",
    title: str | None = None,
    label_width: int = 45,
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
    lang : {"sv", "en"}
    title : str, optional
    label_width : int
        Characters per line of the wrapped capability names.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = capability_bars(capability_summary(cmap.assessments))  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    use_house_style()
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
        floor = lowest_acceptable(levels)
        top = float(levels["level"].max())
    else:
        top = float(np.nanmax([table["max"].max() if "max" in table else 5,
                               table["target"].max(), 5]))
    table = table.sort_values("mean", ascending=True, kind="stable").reset_index(drop=True)
    n = len(table)
    substandard = table["substandard"].fillna(False).astype(bool).to_numpy()
    colours = [_HIGHLIGHT if s else _BASE for s in substandard]

    fig, ax = plt.subplots(figsize=(13, 1.9 + 0.46 * n), layout="constrained")
    y = np.arange(n)
    ax.barh(y, table["mean"], color=colours, height=0.68, zorder=2)
    sd = table["sd"].fillna(0).to_numpy()
    ax.errorbar(table["mean"], y, xerr=sd, fmt="none", ecolor="#333333", elinewidth=1.3,
                capsize=4, zorder=3)
    ax.scatter(table["target"], y, marker="D", s=70, color="black", edgecolor="white",
               linewidth=1, zorder=4)
    for yi, mean, s in zip(y, table["mean"], sd, strict=True):
        ax.text(mean + s + 0.07, yi, decimal(mean, 1, lang), va="center", ha="left",
                fontsize=11, color="#222222")
    if floor == floor:
        ax.axvline(floor, color=_HIGHLIGHT, linestyle="--", linewidth=1.6, zorder=1)
    ax.set_yticks(y, [wrap(c, label_width) for c in table["capability"]])
    for label, s in zip(ax.get_yticklabels(), substandard, strict=True):
        if s:
            label.set_color(_HIGHLIGHT)
            label.set_fontweight("bold")
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlim(0, top + 0.6)
    ax.set_xticks(range(0, int(top) + 1))
    decimal_comma_axis(ax.xaxis, 0, lang)
    ax.set_xlabel(_t("mean_level", lang))
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    ax.set_title(title or _t("bars_title", lang), loc="left")
    handles = [
        Patch(facecolor=_BASE, label=_t("mean_sd", lang)),
        Line2D([], [], marker="D", color="black", linestyle="none", markersize=8,
               label=translate("target", lang)),
    ]
    if floor == floor:
        handles += [
            Patch(facecolor=_HIGHLIGHT, label=_t("substandard", lang)),
            Line2D([], [], color=_HIGHLIGHT, linestyle="--",
                   label=_t("lowest_acceptable", lang, level=decimal(floor, 0, lang))),
        ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return fig
