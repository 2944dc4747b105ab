"""The house style and machinery shared by every figure: fonts, colours, number labels through
:mod:`maturity.text`, wrapped labels, role names, drawing into a given axes.

Every word a figure shows comes from :mod:`maturity.text` (keys ``"figure.<name>"``); this module
only lays numbers out. Matplotlib is imported inside the functions so that importing this module
stays cheap.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from maturity import text

__all__ = [
    "OKABE_ITO",
    "LEVEL_COLOURS",
    "NOT_ASSESSED_COLOUR",
    "TEXT_GREY",
    "FONT_FAMILY",
    "SVG_FONT_FAMILY",
    "percent_label",
    "signed",
    "role_name",
    "is_dark",
    "wrap",
    "wrap_all",
    "use_house_style",
    "whole_ticks",
    "decimal_comma_axis",
    "decimal_ticks",
    "figure_axes",
    "message_figure",
    "SLIDE_WIDTH",
    "SLIDE_HEIGHT",
    "MIN_FONT",
    "MAX_ROWS",
    "slide_size",
    "shorten",
    "with_wave",
]

#: Colour-blind safe qualitative palette (Okabe & Ito 2008).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: A colour-blind safe sequential scale for ordered levels (ColorBrewer YlGnBu, 5 steps):
#: low maturity light yellow, high maturity dark blue.
LEVEL_COLOURS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]

#: Cells without a value (not assessed, suppressed).
NOT_ASSESSED_COLOUR = "#d9d9d9"

#: Secondary text: notes, messages, suppressed rows.
TEXT_GREY = "#505050"

#: A 16:9 slide in inches: every figure is drawn to fit it (its saved PNG at most this size).
SLIDE_WIDTH, SLIDE_HEIGHT = 13.33, 7.5

#: The font of every figure (matplotlib's own DejaVu Sans, so the PNG looks the same wherever
#: it is drawn) and, for SVG files, the fonts a viewer without it falls back to, in order:
#: Bitstream Vera Sans (what DejaVu Sans grew from), Verdana (the closest common font in width).
FONT_FAMILY = "DejaVu Sans"
SVG_FONT_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"

#: The padding ``savefig(bbox_inches="tight")`` adds around a figure (0.1 in on each side).
_PAD = 0.2

#: The smallest text a figure uses, in points at the saved size (readable on a slide).
MIN_FONT = 10

#: The most rows of labels a figure shows; more (organisations, say) become a distribution.
MAX_ROWS = 30


def slide_size(width: float, height: float, *, margin: float = 0.0) -> tuple[float, float]:
    """A figure size in inches that fits a slide once saved: ``width`` and ``height`` capped at
    the slide less the saved figure's padding (and ``margin`` inches of width, for text drawn
    beside the axes).

    Examples
    --------
    >>> slide_size(13, 29)
    (13, 7.3)
    >>> slide_size(14, 5, margin=0.5)
    (12.63, 5)
    """
    return min(width, round(SLIDE_WIDTH - _PAD - margin, 2)), min(height, SLIDE_HEIGHT - _PAD)


def shorten(label: str, width: int) -> str:
    """A label on one line of at most ``width`` characters, cut at a word with "…".

    Examples
    --------
    >>> shorten("Vi har en gemensam bild av vad digitaliseringen ska leda till", 30)
    'Vi har en gemensam bild av…'
    >>> shorten("Kort text", 30)
    'Kort text'
    """
    flat = " ".join(str(label).split())
    if len(flat) <= width:
        return flat
    return textwrap.shorten(flat, width=width, placeholder="…").replace(" …", "…")


def with_wave(title: str, wave) -> str:
    """A figure title with the wave (survey round, year, period) it shows: "Titel – 2022".

    Examples
    --------
    >>> with_wave("Förmågekarta", 2022), with_wave("Förmågekarta", None)
    ('Förmågekarta – 2022', 'Förmågekarta')
    """
    if wave is None or (isinstance(wave, float) and wave != wave) or str(wave) == "":
        return title
    if isinstance(wave, float) and wave.is_integer():
        wave = int(wave)
    return f"{title} – {wave}"


def percent_label(value: float, lang: str, *, key: str = "figure.percent") -> str:
    """A percentage already on the 0–100 scale, rounded to a whole number, as figures show it.

    ``key`` is the text key of the layout (``"figure.percent"``: ``72 %`` with a no-break space
    in Swedish; ``"figure.percent_spaced"``: with an ordinary space). A missing value is "–".

    Examples
    --------
    >>> percent_label(72.4, "sv"), percent_label(72.4, "en"), percent_label(float("nan"), "sv")
    ('72\xa0%', '72%', '–')
    """
    if value != value:  # NaN
        return text.number(value, lang)
    return text.word(key, lang, value=text.number(value, lang, digits=0))


def signed(value: float, lang: str, *, digits: int = 1) -> str:
    """A number with its sign always shown: ``+0,3``, ``−0,3``; a missing value is "–".

    Examples
    --------
    >>> signed(0.25, "sv", digits=2), signed(-0.3, "en"), signed(float("nan"), "sv")
    ('+0,25', '−0.3', '–')
    """
    shown = text.number(value, lang, digits=digits)
    return shown if shown.startswith(("−", "–")) else "+" + shown


def role_name(role: object, role_labels: Mapping[str, str] | None = None) -> str:
    """A role as a figure shows it: its display name from ``role_labels`` (role -> text, e.g.
    from the codebook), else the role as written with a capital first letter.

    Examples
    --------
    >>> role_name("IT-chef"), role_name("förvaltningschef")
    ('IT-chef', 'Förvaltningschef')
    >>> role_name("förvaltningschef", {"förvaltningschef": "Heads of department"})
    'Heads of department'
    """
    key = str(role)
    if role_labels and key in role_labels:
        return str(role_labels[key])
    return key[:1].upper() + key[1:]


def is_dark(colour: str) -> bool:
    """Whether text on ``colour`` should be white (perceived lightness below one half).

    Examples
    --------
    >>> is_dark("#000000"), is_dark("#ffffcc")
    (True, False)
    """
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b < 0.5


def figure_axes(ax=None, **figure_kwargs):
    """The figure and axes to draw into: ``ax`` and its figure when given, else a new figure
    with one axes (``figure_kwargs`` go to :func:`matplotlib.pyplot.subplots`).

    Returns ``(figure, axes, owned)``; ``owned`` is False when the caller gave ``ax``, so that a
    plot function leaves the layout of the caller's figure alone.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> figure_axes(ax) == (fig, ax, False)
    True
    >>> plt.close(fig)
    """
    if ax is not None:
        return ax.figure, ax, False
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(**figure_kwargs)
    return fig, ax, True


def message_figure(title: str, message: str, *, ax=None):
    """A figure that says why there is nothing to draw (instead of an empty or broken plot).

    Examples
    --------
    >>> fig = message_figure("Medelvärde", "Inga data att visa")
    >>> fig.axes[0].texts[0].get_text()
    'Inga data att visa'
    """
    import matplotlib.pyplot as plt

    use_house_style()
    if ax is None:
        fig = plt.figure(figsize=(10, 3.2), layout="constrained")
        ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(
        0.5,
        0.45,
        message,
        ha="center",
        va="center",
        fontsize=14,
        color=TEXT_GREY,
        wrap=True,
        transform=ax.transAxes,
    )
    return ax.figure


def wrap(text: str, width: int = 40) -> str:
    """Wrap a long label onto several lines of at most ``width`` characters.

    Examples
    --------
    >>> wrap("Upprätthålla en stabil och tillförlitlig driftsleverans", 25)
    'Upprätthålla en stabil\\noch tillförlitlig\\ndriftsleverans'
    """
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def wrap_all(texts: Iterable[str], width: int = 40) -> list[str]:
    """Wrap every label of ``texts`` (see :func:`wrap`)."""
    return [wrap(t, width) for t in texts]


def whole_ticks(low: float, high: float, *, most: int = 12) -> list[int]:
    """Whole-number ticks from ``low`` to ``high``, at most ``most`` of them, whatever the
    values: the step is 1, 2 or 5 times a power of ten (never a tick per unit of a huge value).

    Examples
    --------
    >>> whole_ticks(0, 5)
    [0, 1, 2, 3, 4, 5]
    >>> whole_ticks(0, 37)
    [0, 5, 10, 15, 20, 25, 30, 35]
    >>> len(whole_ticks(0, 1e12)), whole_ticks(0, float("nan"))
    (11, [0])
    """
    import math

    if not (math.isfinite(low) and math.isfinite(high)) or high < low:
        return [0]
    low, high = math.ceil(low), math.floor(high)
    span = max(high - low, 1)
    power = 10 ** max(math.floor(math.log10(span / most)), 0) if span > most else 1
    step = next(f * power for f in (1, 2, 5, 10) if span / (f * power) <= most)
    first = -(-low // step) * step
    return list(range(int(first), int(high) + 1, int(step)))


def use_house_style() -> None:
    """Set the matplotlib parameters of the house style (slide-readable, deterministic SVG).

    Examples
    --------
    >>> use_house_style()
    >>> import matplotlib
    >>> matplotlib.rcParams["svg.hashsalt"]
    'maturity'
    """
    import matplotlib

    matplotlib.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "font.size": 12,
            "axes.titlesize": 15,
            "axes.titleweight": "bold",
            "axes.labelsize": 12,
            "xtick.labelsize": 11,
            "ytick.labelsize": 11,
            "legend.fontsize": 11,
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
            "svg.hashsalt": "maturity",
            # text in the SVG files stays text (editable, searchable) in the family
            # SVG_FONT_FAMILY names; drawing every glyph as a path cost a third of the SVG
            "svg.fonttype": "none",
            "axes.formatter.use_locale": False,
            # text from the input is shown as written: two "$" never start mathtext
            "text.parse_math": False,
        }
    )


def decimal_comma_axis(axis, digits: int = 1, lang: str = "sv") -> None:
    """Make an axis (``ax.xaxis`` or ``ax.yaxis``) print its tick labels with a decimal comma.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> decimal_comma_axis(ax.yaxis)
    >>> plt.close(fig)
    """
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: text.number(v, lang, digits=digits)))


def decimal_ticks(axis, lang: str, *, signed: bool = False, nbins: int = 8) -> None:
    """Ticks at round steps labelled with a decimal comma (Swedish), with as many decimals as
    the step needs (one or two); ``signed`` writes a plus before positive values.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> decimal_ticks(ax.xaxis, "sv", signed=True)
    >>> ax.xaxis.get_major_formatter()(0.5)
    '+0,5'
    >>> plt.close(fig)
    """
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(_decimal_formatter(lang, signed))


def _decimal_formatter(lang: str, signed: bool):
    from matplotlib.ticker import Formatter

    class DecimalFormatter(Formatter):
        digits = 1

        def set_locs(self, locs):
            super().set_locs(locs)
            self.digits = 2 if any(abs(round(v * 10) - v * 10) > 1e-6 for v in locs) else 1

        def __call__(self, value, pos=None):
            value = 0.0 if abs(value) < 1e-12 else value
            shown = text.number(value, lang, digits=self.digits)
            return "+" + shown if signed and value > 0 else shown

    return DecimalFormatter()
