"""The house style shared by every figure: fonts, colours, decimal comma, wrapped labels.

Matplotlib is imported inside the functions so that importing this module stays cheap.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

__all__ = [
    "OKABE_ITO",
    "LEVEL_COLOURS",
    "NOT_ASSESSED_COLOUR",
    "decimal",
    "wrap",
    "use_house_style",
    "decimal_comma_axis",
    "translate",
]

#: Colour-blind safe qualitative palette (Okabe & Ito 2008).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: A colour-blind safe sequential scale for ordered levels (ColorBrewer YlGnBu, 5 steps):
#: low maturity light yellow, high maturity dark blue.
LEVEL_COLOURS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]

#: Cells without a value (not assessed, suppressed).
NOT_ASSESSED_COLOUR = "#d9d9d9"

_WORDS = {
    "sv": {
        "mean": "Medelvärde",
        "target": "Målnivå",
        "organisation": "Organisation",
        "capability": "Förmåga",
        "goal": "Mål",
        "not_assessed": "Ej bedömd",
        "suppressed": "Undertryckt (n < {min_n})",
        "dont_know": "Vet ej",
        "midpoint": "Skalans mittpunkt",
        "probability": "Sannolikhet (S)",
        "impact": "Konsekvens (K)",
        "risk": "Risk (R = S × K)",
        "meeting": "Möte",
        "year": "År",
        "budget": "Budget",
        "allocated": "Anslag",
        "spent": "Utfall",
        "share": "Andel",
        "n": "n",
        # survey figures (maturity.plots.survey)
        "distribution_title": "Svarsfördelning per påstående",
        "mean_ci_title": "Medelvärde per {item} med 95 % konfidensintervall",
        "statement": "påstående",
        "dimension": "dimension",
        "mean_ci_axis": "Medelvärde (95 % konfidensintervall)",
        "mean_ci_legend": "Medelvärde med 95 % konfidensintervall",
        "mean_short": "Medel",
        "lowest": "De {k} lägsta",
        "share_scored": "Andel av svaren med värde (Vet ej räknas inte in, visas till höger)",
        "reversed_note": "* Omvänt formulerat påstående: skalan är vänd så att högre = mer moget",
        "only_dont_know": "Bara Vet ej-svar",
        "all_suppressed": "Alla grupper har färre än {min_n} svarande och visas inte",
        "suppressed_not_shown": "Undertryckta (n < {min_n}), visas inte: {names}",
        "no_data": "Inga data att visa",
        "role_gap_title": "Förvaltningschefer och IT-chefer per dimension",
        "gap": "Skillnad",
        "gap_note": "Skillnad = {a} − {b}",
        "heatmap_title": "{value} per organisation",
        "value_mean": "Medelvärde",
        "value_median": "Median",
        "value_sd": "Standardavvikelse",
        "value_share_top2": "Andel i de två högsta stegen",
        "value_share_bottom2": "Andel i de två lägsta stegen",
        "change_title": "Förändring mellan omgångarna",
        "change_axis": "Förändring av medelvärdet (95 % konfidensintervall)",
        "difference": "Förändring",
        "increase": "Ökning (intervallet utesluter 0)",
        "decrease": "Minskning (intervallet utesluter 0)",
        "no_clear_change": "Ingen säkerställd förändring",
        "from": "Före",
        "role_all_cells_suppressed": "{role}: alla celler undertryckta (n < {min_n}), visas inte",
        "role_all_suppressed": "{role}: alla {k} {items} undertryckta (n < {min_n})",
        "statements": "påståenden",
        "dimensions": "dimensioner",
    },
    "en": {
        "mean": "Mean",
        "target": "Target level",
        "organisation": "Organisation",
        "capability": "Capability",
        "goal": "Goal",
        "not_assessed": "Not assessed",
        "suppressed": "Suppressed (n < {min_n})",
        "dont_know": "Don't know",
        "midpoint": "Scale midpoint",
        "probability": "Probability (S)",
        "impact": "Consequence (K)",
        "risk": "Risk (R = S × K)",
        "meeting": "Meeting",
        "year": "Year",
        "budget": "Budget",
        "allocated": "Allocated",
        "spent": "Spent",
        "share": "Share",
        "n": "n",
        # survey figures (maturity.plots.survey)
        "distribution_title": "Distribution of answers per statement",
        "mean_ci_title": "Mean per {item} with 95% confidence interval",
        "statement": "statement",
        "dimension": "dimension",
        "mean_ci_axis": "Mean (95% confidence interval)",
        "mean_ci_legend": "Mean with 95% confidence interval",
        "mean_short": "Mean",
        "lowest": "The {k} lowest",
        "share_scored": "Share of scored answers (Don't know excluded, shown on the right)",
        "reversed_note": "* Reversed statement: the scale is flipped so that higher = more mature",
        "only_dont_know": "Only Don't know answers",
        "all_suppressed": "Every group has fewer than {min_n} respondents and is not shown",
        "suppressed_not_shown": "Suppressed (n < {min_n}), not shown: {names}",
        "no_data": "No data to show",
        "role_gap_title": "Department managers and IT managers per dimension",
        "gap": "Gap",
        "gap_note": "Gap = {a} − {b}",
        "heatmap_title": "{value} per organisation",
        "value_mean": "Mean",
        "value_median": "Median",
        "value_sd": "Standard deviation",
        "value_share_top2": "Share in the two highest steps",
        "value_share_bottom2": "Share in the two lowest steps",
        "change_title": "Change between rounds",
        "change_axis": "Change of the mean (95% confidence interval)",
        "difference": "Change",
        "increase": "Increase (interval excludes 0)",
        "decrease": "Decrease (interval excludes 0)",
        "no_clear_change": "No clear change",
        "from": "Before",
        "role_all_cells_suppressed": "{role}: every cell suppressed (n < {min_n}), not shown",
        "role_all_suppressed": "{role}: all {k} {items} suppressed (n < {min_n})",
        "statements": "statements",
        "dimensions": "dimensions",
    },
}


def translate(key: str, lang: str = "sv", **fields: object) -> str:
    """A figure word in Swedish (default) or English.

    Examples
    --------
    >>> translate("mean"), translate("mean", "en"), translate("suppressed", min_n=5)
    ('Medelvärde', 'Mean', 'Undertryckt (n < 5)')
    """
    words = _WORDS.get(lang, _WORDS["sv"])
    return words.get(key, key).format(**fields)


def decimal(value: float, digits: int = 1, lang: str = "sv") -> str:
    """Format a number with a decimal comma in Swedish, a point in English.

    Examples
    --------
    >>> decimal(2.6), decimal(2.6, lang="en"), decimal(-0.25, 2), decimal(float("nan"))
    ('2,6', '2.6', '−0,25', '–')
    """
    if value != value:  # NaN
        return "–"
    text = f"{value:.{digits}f}".replace("-", "−")
    return text.replace(".", ",") if lang == "sv" else text


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
            "font.family": "DejaVu Sans",
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
            "svg.fonttype": "path",
            "axes.formatter.use_locale": False,
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

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: decimal(v, digits, lang)))
