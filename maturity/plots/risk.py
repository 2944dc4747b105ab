"""Risk figures: the 5 × 5 risk matrix of one meeting and the trend of R over meetings.

Each function takes the tidy ``risks`` table (or a :class:`~maturity.risk.RiskRegister`),
returns a matplotlib Figure and never saves it; ``ax=`` draws into an axes of your own. Swedish
by default, English with ``lang="en"``; every word from :mod:`maturity.text`. The level colours are a sequential orange-red scale (ColorBrewer OrRd), ordered
by lightness so that they stay distinct in every kind of colour blindness and in greyscale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from maturity import text
from maturity.io.risk import natural_key
from maturity.plots.style import MIN_FONT, figure_axes, is_dark, use_house_style, with_wave
from maturity.risk import check_bands, risk_summary

__all__ = ["risk_matrix", "risk_trend", "level_colours"]

_ORRD = {
    1: ["#fdbb84"],
    2: ["#fdd49e", "#e34a33"],
    3: ["#fee8c8", "#fdbb84", "#e34a33"],
    4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
    5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
}
#: Line colours: Okabe-Ito without its yellow (too pale on the level bands), then grey.
_LINES = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">", "p"]
_PRODUCTS = sorted({s * k for s in range(1, 6) for k in range(1, 6)})


def _t(key: str, lang: str, **fields) -> str:
    return text.word(f"figure.{key}", lang, **fields)


def level_colours(bands: Mapping[str, int] | None = None) -> dict[str, str]:
    """Colour per risk level, lightest for the lowest level.

    Examples
    --------
    >>> level_colours()
    {'low': '#fef0d9', 'medium': '#fdcc8a', 'high': '#fc8d59', 'critical': '#d7301f'}
    """
    levels = list(check_bands(bands))
    if len(levels) in _ORRD:
        colours = _ORRD[len(levels)]
    else:
        from matplotlib import colormaps
        from matplotlib.colors import to_hex

        cmap = colormaps["OrRd"]
        colours = [to_hex(cmap(0.1 + 0.85 * i / (len(levels) - 1))) for i in range(len(levels))]
    return dict(zip(levels, colours, strict=True))


def _label(level: str, lang: str) -> str:
    """A risk level's display word: ``value.level.<level>`` of the text module."""
    return text.word(f"value.level.{level}", lang)


def _band_ranges(bands: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The R values that can occur in each band (products of two numbers 1-5)."""
    ranges, low = {}, 0
    for level, bound in bands.items():
        inside = [p for p in _PRODUCTS if low < p <= bound]
        if inside:
            ranges[level] = (inside[0], inside[-1])
        low = bound
    return ranges


def _risks(data) -> pd.DataFrame:
    frame = getattr(data, "risks", data)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("expected a RiskRegister or a risks table (DataFrame)")
    frame = frame.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    if "score" not in frame.columns:
        frame["score"] = frame["probability"] * frame["impact"]
    if "threat" not in frame.columns:
        frame["threat"] = ""
    return frame


def _meeting(frame: pd.DataFrame, date):
    """The meeting asked for (default the latest) and its risks with readable S and K."""
    dates = sorted(frame["date"].dropna().unique())
    if date is None:
        if not dates:
            raise ValueError("the risks table has no meetings")
        date = dates[-1]
    date = pd.Timestamp(date)
    if date not in set(pd.to_datetime(dates)):
        shown = ", ".join(f"{d:%Y-%m-%d}" for d in pd.to_datetime(dates))
        raise ValueError(f"no meeting on {date:%Y-%m-%d}; the meetings are {shown}")
    at = frame[frame["date"] == date].dropna(subset=["probability", "impact"])
    at = at.assign(probability=at["probability"].astype(int), impact=at["impact"].astype(int))
    return date, at.assign(score=at["probability"] * at["impact"])


def _draw_cells(ax, bands: dict[str, int], colours: dict[str, str]) -> None:
    """The 25 cells coloured by level, each with its R in the corner."""
    from matplotlib.patches import Rectangle

    for s in range(1, 6):
        for k in range(1, 6):
            level = _level_of(s * k, bands)
            ax.add_patch(
                Rectangle(
                    (k - 0.5, s - 0.5),
                    1,
                    1,
                    facecolor=colours[level],
                    edgecolor="white",
                    linewidth=2.5,
                )
            )
            ax.text(
                k + 0.44,
                s - 0.44,
                str(s * k),
                ha="right",
                va="bottom",
                fontsize=MIN_FONT,
                color="white" if is_dark(colours[level]) else "#555555",
            )


def _draw_ids(ax, at: pd.DataFrame) -> None:
    """Each risk's ID in its cell; several in one cell in a small grid, smaller type from
    five on."""
    for (s, k), group in at.groupby(["probability", "impact"]):
        ids = sorted(group["risk_id"].astype(str), key=natural_key)
        n = len(ids)
        cols = min(3, math.ceil(math.sqrt(n)))
        rows = math.ceil(n / cols)
        size = 13 if n <= 4 else 10.5 if n <= 9 else 8.5
        longest = max(len(i) for i in ids)
        size = max(MIN_FONT, min(size, 60 / cols / (0.65 * longest + 0.6)))  # keep boxes apart
        for i, risk_id in enumerate(ids):
            row, col = divmod(i, cols)
            in_row = min(cols, n - row * cols)
            x = k + (col - (in_row - 1) / 2) * (0.84 / cols)
            y = s - (row - (rows - 1) / 2) * (0.78 / max(rows, 1))
            ax.text(
                x,
                y + 0.03,
                risk_id,
                ha="center",
                va="center",
                fontsize=size,
                fontweight="bold",
                color="black",
                bbox={
                    "boxstyle": "round,pad=0.22",
                    "facecolor": "white",
                    "edgecolor": "#333333",
                    "linewidth": 0.8,
                },
            )


def _draw_key(
    side, at: pd.DataFrame, bands: dict[str, int], colours: dict[str, str], lang: str
) -> None:
    """Beside the matrix: the levels with their R ranges, then the meeting's risks from the
    highest R down (at most 14, then "… and n more")."""
    from matplotlib.patches import Patch

    ranges = _band_ranges(bands)
    handles = [
        Patch(
            facecolor=colours[level],
            edgecolor="#999999",
            label=f"{_label(level, lang)} ({lo}–{hi})"
            if lo != hi
            else f"{_label(level, lang)} ({lo})",
        )
        for level, (lo, hi) in ranges.items()
    ]
    legend = side.legend(
        handles=handles,
        title=_t("risk_level", lang),
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        ncols=2,
        alignment="left",
    )
    legend.get_title().set_fontweight("bold")
    ordered = at.assign(_id=[natural_key(i) for i in at["risk_id"].astype(str)])
    ordered = ordered.sort_values(
        ["score", "impact", "probability"], ascending=False, kind="stable"
    )
    ordered = at.loc[ordered.index]
    ordered = ordered.iloc[_order(ordered)]
    # as many risks as fit at 10 pt or more, then "… och n till"
    limit, used = 0, 0
    for threat in ordered["threat"]:
        used += len(_wrap(str(threat or ""), 38).split("\n"))
        if used > 13:
            break
        limit += 1
    lines = []
    for row in ordered.head(limit).itertuples(index=False):
        level = _level_of(int(row.score), bands)
        threat = _wrap(str(row.threat or ""), 38).split("\n")
        lines.append((str(row.risk_id), int(row.score), level, threat))
    side.text(
        0.0,
        0.78,
        _t("risk_list", lang),
        fontweight="bold",
        fontsize=12,
        transform=side.transAxes,
        va="top",
    )
    y = 0.72
    n_lines = sum(len(threat) for *_, threat in lines) + (len(ordered) > limit)
    step = min(0.052, 0.72 / max(n_lines, 1))
    size = max(MIN_FONT, 11 * step / 0.052)
    if not lines:
        side.text(0.0, y, _t("risk_none", lang), transform=side.transAxes, va="top", fontsize=11)
    for risk_id, score, level, threat in lines:
        side.text(
            0.0,
            y,
            risk_id,
            transform=side.transAxes,
            va="top",
            fontsize=size,
            fontweight="bold",
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": colours[level],
                "edgecolor": "#999999",
                "linewidth": 0.6,
            },
        )
        side.text(0.16, y, f"R = {score}", transform=side.transAxes, va="top", fontsize=size)
        side.text(
            0.33,
            y,
            "\n".join(threat),
            transform=side.transAxes,
            va="top",
            fontsize=size,
            linespacing=1.1,
        )
        y -= step * (len(threat) + 0.25 * (len(threat) > 1))
    if len(ordered) > limit:
        side.text(
            0.0,
            y,
            _t("risk_more", lang, n=len(ordered) - limit),
            transform=side.transAxes,
            va="top",
            fontsize=size,
        )


def risk_matrix(
    risks,
    *,
    date=None,
    bands: Mapping[str, int] | None = None,
    key: bool | None = None,
    ax=None,
    lang: str = "sv",
):
    """The 5 × 5 risk matrix of one meeting: S against K, cells coloured by level, IDs in cells.

    Each risk's ID stands in its cell (S, K) in a white box; when several risks share a cell
    their IDs are laid out in a small grid in it (smaller type from five on). The small number
    in a cell's corner is its R = S × K. Beside the matrix, a key lists the levels and the
    risks of the meeting from the highest R down. Risks whose S or K is unreadable are left out.

    Parameters
    ----------
    risks : DataFrame or RiskRegister
        The tidy ``risks`` table (risk_id, date, probability, impact, threat).
    date : str or Timestamp, optional
        The meeting; default the latest.
    bands : mapping of level to upper bound, optional
        See :func:`maturity.risk.risk_summary`.
    key : bool, optional
        Draw the key (levels and list of risks) beside the matrix; default yes, except when
        drawing into ``ax`` (the key needs an axes of its own).
    ax : matplotlib Axes, optional
        Draw the matrix into this axes; default a new figure.
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Raises
    ------
    ValueError
        If ``date`` is not a meeting of the register, or ``key=True`` with ``ax``.

    Examples
    --------
    >>> import maturity as mt
    >>> register = mt.read_risk_register("data/raw/riskregister.xlsx")  # doctest: +SKIP
    >>> fig = mt.plots.risk_matrix(register, date="2020-09-17")          # doctest: +SKIP
    >>> fig.savefig("riskmatris.png")                                    # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    if key and ax is not None:
        raise ValueError("risk_matrix: the key needs its own axes; pass key=False with ax=")
    key = ax is None if key is None else key
    use_house_style()
    bands = check_bands(bands)
    colours = level_colours(bands)
    date, at = _meeting(_risks(risks), date)

    side = None
    if key:
        fig = plt.figure(figsize=(13.5, 7.2))
        grid = fig.add_gridspec(1, 2, width_ratios=[1.0, 0.78], wspace=0.06)
        ax = fig.add_subplot(grid[0])
        side = fig.add_subplot(grid[1])
        side.axis("off")
    else:
        fig, ax, _owned = figure_axes(ax, figsize=(8, 7.2))

    _draw_cells(ax, bands, colours)
    _draw_ids(ax, at)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_aspect("equal")
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(_t("impact", lang))
    ax.set_ylabel(_t("probability", lang))
    ax.set_title(_t("risk_matrix_title", lang, date=f"{date:%Y-%m-%d}"), loc="left")
    if side is not None:
        _draw_key(side, at, bands, colours, lang)
    return fig


def _order(frame: pd.DataFrame) -> list[int]:
    keys = [
        (-int(r.score), -int(r.impact), -int(r.probability), natural_key(r.risk_id))
        for r in frame.itertuples(index=False)
    ]
    return sorted(range(len(frame)), key=lambda i: keys[i])


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def _level_of(score: int, bands: dict[str, int]) -> str:
    for level, bound in bands.items():
        if score <= bound:
            return level
    return list(bands)[-1]


def risk_trend(risks, *, bands: Mapping[str, int] | None = None, ax=None, lang: str = "sv"):
    """R per risk across the meetings, one line per risk over bands coloured by level.

    The meetings stand at equal distances, labelled by date. Each risk's ID is written at the
    end of its line (labels pushed apart when lines end close together); the legend names the
    threats. A risk closed at a meeting (missing from it) ends with a dotted line to a ×
    at its last R, labelled "stängd". Every point is drawn at its exact R: where lines share a
    segment or a point, the risk drawn first is drawn wider (its marker larger) underneath,
    so that every line shows without a value being moved.

    Parameters
    ----------
    risks : DataFrame, RiskRegister or RiskSummary
        The tidy ``risks`` table, a register, or a summary (its ``trend`` table is used).
    bands : mapping of level to upper bound, optional
    ax : matplotlib Axes, optional
        Draw into this axes (leave room at its right for the band names and the legend);
        default a new figure.
    lang : {"sv", "en"}

    Returns
    -------
    matplotlib.figure.Figure
        The new figure, or the figure of ``ax``.

    Examples
    --------
    >>> import maturity as mt
    >>> register = mt.read_risk_register("data/raw/riskregister.xlsx")  # doctest: +SKIP
    >>> fig = mt.plots.risk_trend(register, lang="en")                   # doctest: +SKIP
    """
    use_house_style()
    bands = check_bands(bands)
    colours = level_colours(bands)
    trend = getattr(risks, "trend", None)
    if trend is None:
        trend = risk_summary(getattr(risks, "risks", risks), bands=bands).trend
    trend = trend.copy()
    trend["date"] = pd.to_datetime(trend["date"])
    dates = sorted(trend["date"].unique())

    fig, ax, owned = figure_axes(ax, figsize=(13, 6.8))
    _draw_bands(ax, bands, colours, lang)
    ends, handles = _draw_risk_lines(ax, trend, {d: i for i, d in enumerate(dates)}, lang)
    _label_line_ends(ax, ends)

    ax.set_xticks(range(len(dates)))
    ax.set_xticklabels([f"{pd.Timestamp(d):%Y-%m-%d}" for d in dates])
    ax.set_xlim(-0.25, len(dates) - 1 + 0.6)
    ax.set_ylim(0, 26)
    ax.set_yticks(range(0, 26, 5))
    ax.grid(axis="y", color="white", linewidth=0.8, zorder=1)
    ax.set_xlabel(_t("meeting", lang))
    ax.set_ylabel(_t("risk_score", lang))
    period = (
        f"{pd.Timestamp(dates[0]):%Y-%m-%d}–{pd.Timestamp(dates[-1]):%Y-%m-%d}" if dates else None
    )
    ax.set_title(with_wave(_t("risk_trend_title", lang), period), loc="left")
    ax.grid(axis="x", color="#cccccc", linewidth=0.8, zorder=1)
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.07, 1.0),
        frameon=False,
        fontsize=10.5,
        labelspacing=0.8,
    )
    legend.set_zorder(5)
    if owned:
        fig.subplots_adjust(left=0.07, right=0.70, bottom=0.11, top=0.92)
    return fig


def _draw_bands(ax, bands: dict[str, int], colours: dict[str, str], lang: str) -> None:
    """The level bands behind the lines, each named with its R range at the right."""
    ranges = _band_ranges(bands)
    low = 0
    for level, bound in bands.items():
        top = min(bound, 25)
        ax.axhspan(
            low + 0.5 if low else 0,
            top + 0.5,
            color=colours[level],
            alpha=0.3,
            linewidth=0,
            zorder=0,
        )
        if level in ranges:
            lo, hi = ranges[level]
            ax.text(
                1.005,
                ((max(low, 0) + top) / 2 + 0.5) / 26,
                f"{_label(level, lang)}\n({lo}–{hi})",
                transform=ax.transAxes,
                ha="left",
                va="center",
                fontsize=10,
                color="#444444",
                style="italic",
            )
        low = bound


def _points(trend: pd.DataFrame) -> dict:
    """(date, R) -> the risks with a point there (the R of a closed risk's ×: its last R),
    sorted by ID, so that coinciding points and segments are drawn wider underneath."""
    scored = trend.assign(
        _y=trend["score"].astype("Float64").fillna(trend["previous_score"].astype("Float64"))
    )
    points = {}
    for (date, y), group in scored.dropna(subset=["_y"]).groupby(["date", "_y"]):
        points[(date, float(y))] = sorted(group["risk_id"].astype(str), key=natural_key)
    return points


def _layer(points: dict, key: tuple, risk_id: str) -> int:
    """How many risks sharing the point ``key`` are drawn after (on top of) ``risk_id``."""
    members = points.get(key, [risk_id])
    return len(members) - 1 - members.index(risk_id) if risk_id in members else 0


def _draw_path(ax, xs, ys, dates, risk_id, points, colour, marker, *, linestyle="-") -> None:
    """A risk's line at its exact values, segment by segment: where several risks share a
    segment (or a point), the ones drawn first are wider (larger), so every line shows without
    moving a value."""
    for k in range(len(xs) - 1):
        a, b = (dates[k], ys[k]), (dates[k + 1], ys[k + 1])
        shared = [r for r in points.get(a, []) if r in points.get(b, [])]
        under = len(shared) - 1 - shared.index(risk_id) if risk_id in shared else 0
        ax.plot(
            xs[k : k + 2],
            ys[k : k + 2],
            color=colour,
            linewidth=(2 if linestyle == ":" else 2.4) + 3.0 * under,
            linestyle=linestyle,
            solid_capstyle="butt",
            zorder=3,
        )
    if linestyle == ":":
        return
    for x, y, date in zip(xs, ys, dates, strict=True):
        under = _layer(points, (date, y), risk_id)
        ax.plot([x], [y], color=colour, marker=marker, markersize=8 + 5 * under, zorder=3.5)


def _draw_risk_lines(ax, trend: pd.DataFrame, position: dict, lang: str):
    """One line per risk at its exact R (a closed risk ends dotted at a ×); returns the line
    ends to label, (x, y, text, colour), and the legend handles."""
    from matplotlib.lines import Line2D

    points = _points(trend)
    ends, handles = [], []
    ids = sorted(trend["risk_id"].astype(str).unique(), key=natural_key)
    for i, risk_id in enumerate(ids):
        colour = _LINES[i % len(_LINES)]
        marker = _MARKERS[i % len(_MARKERS)]
        rows = trend[trend["risk_id"].astype(str) == risk_id].sort_values("date")
        xs, ys, dates = [], [], []
        for row in rows.itertuples(index=False):
            x = position[row.date]
            if row.change == "closed":
                if xs:
                    _draw_path(ax, xs, ys, dates, risk_id, points, colour, marker)
                    previous = float(row.previous_score)
                    _draw_path(
                        ax,
                        [xs[-1], x],
                        [ys[-1], previous],
                        [dates[-1], row.date],
                        risk_id,
                        points,
                        colour,
                        marker,
                        linestyle=":",
                    )
                    ax.plot(
                        [x],
                        [previous],
                        marker="x",
                        color=colour,
                        markersize=11,
                        markeredgewidth=2.8,
                        zorder=4,
                    )
                    ends.append((x, previous, f"{risk_id} ({_t('risk_closed', lang)})", colour))
                xs, ys, dates = [], [], []
                continue
            if pd.isna(row.score):
                continue
            xs.append(x)
            ys.append(float(row.score))
            dates.append(row.date)
        if xs:
            _draw_path(ax, xs, ys, dates, risk_id, points, colour, marker)
            ends.append((xs[-1], ys[-1], risk_id, colour))
        threat = str(rows["threat"].iloc[-1]) if len(rows) else ""
        handles.append(
            Line2D(
                [],
                [],
                color=colour,
                marker=marker,
                linewidth=2.4,
                label=_wrap(f"{risk_id} {threat}".strip(), 36),
            )
        )
    return ends, handles


def _label_line_ends(ax, ends) -> None:
    """Each line's ID at its end, labels pushed apart per x position."""
    for x in sorted({e[0] for e in ends}):
        group = sorted((e for e in ends if e[0] == x), key=lambda e: e[1])
        placed = []
        for _, y, _text, _colour in group:
            y_text = max(y, placed[-1] + 1.05) if placed else y
            placed.append(y_text)
        shift = max(0.0, placed[-1] - 25.2) if placed else 0.0
        for (_, y, label, colour), y_text in zip(group, placed, strict=True):
            ax.annotate(
                label,
                (x, y),
                xytext=(x + 0.06, y_text - shift),
                textcoords="data",
                ha="left",
                va="center",
                fontsize=10.5,
                fontweight="bold",
                color=colour,
                arrowprops={
                    "arrowstyle": "-",
                    "color": colour,
                    "linewidth": 0.6,
                    "shrinkA": 0,
                    "shrinkB": 3,
                },
            )
