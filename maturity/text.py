"""Every word a person reads, in Swedish and English, and the formatting of numbers beside it.

This is the only module that knows which language is which: figure titles, axis labels, legends,
sheet names, column headers, status/level/change values, findings, CLI and problem messages are
looked up here by a stable key, and numbers, percentages, amounts and dates are formatted here.
Everything else in the package works with English identifiers (the canonical values and column
names of the tidy tables) and translates only when something is shown.

Role names come from the codebook (its optional ``roles`` sheet), never from this module, so
nothing assumes roles called förvaltningschef or IT-chef.

Examples
--------
>>> word("figure.mean", "sv"), word("figure.mean", "en")
('Medelvärde', 'Mean')
>>> number(2.6, "sv"), number(-0.25, "en", digits=2), percent(0.723, "sv")
('2,6', '−0.25', '72\\xa0%')
>>> join(["Åmål", "Tanum", "Dals-Ed"], "sv")
'Åmål, Tanum och Dals-Ed'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

__all__ = [
    "LANGUAGES",
    "check_lang",
    "word",
    "has_word",
    "number",
    "percent",
    "amount_mkr",
    "date",
    "join",
    "quote",
    "translate_values",
    "catalogue",
    "WORDS",
]

#: The languages every word exists in; the first is the default.
LANGUAGES = ("sv", "en")

#: A missing number, as shown in tables, sentences and figures.
MISSING = "–"


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ValueError.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


# --------------------------------------------------------------------------------------------
# The catalogue: key -> {"sv": ..., "en": ...}. Keys are "<area>.<name>"; a word may hold
# str.format fields ("{n}"). Each area has its own table below, merged into WORDS at the end.
# --------------------------------------------------------------------------------------------

#: Words of the report: sheet names, column headers, the front sheet, summary.md, CLI lines.
_REPORT: dict[str, dict[str, str]] = {}

#: Words of the key findings (maturity.findings).
_FINDINGS: dict[str, dict[str, str]] = {}

#: Canonical values shown to people: statuses, risk levels, changes, problem kinds.
_VALUES: dict[str, dict[str, str]] = {}


#: Words of the figures (maturity.plots): titles, axis labels, legends, notes.
_FIGURES: dict[str, dict[str, str]] = {
    # shared by several figures
    "figure.mean": {"sv": "Medelvärde", "en": "Mean"},
    "figure.mean_short": {"sv": "Medel", "en": "Mean"},
    "figure.target": {"sv": "Målnivå", "en": "Target level"},
    "figure.not_assessed": {"sv": "Ej bedömd", "en": "Not assessed"},
    "figure.suppressed": {"sv": "Undertryckt (n < {min_n})", "en": "Suppressed (n < {min_n})"},
    "figure.midpoint": {"sv": "Skalans mittpunkt", "en": "Scale midpoint"},
    "figure.no_data": {"sv": "Inga data att visa", "en": "No data to show"},
    "figure.all_suppressed": {
        "sv": "Alla grupper har färre än {min_n} svarande och visas inte",
        "en": "Every group has fewer than {min_n} respondents and is not shown",
    },
    "figure.suppressed_not_shown": {
        "sv": "Undertryckta (n < {min_n}), visas inte: {names}",
        "en": "Suppressed (n < {min_n}), not shown: {names}",
    },
    "figure.year": {"sv": "År", "en": "Year"},
    # a percentage in a figure: {value} is the number already formatted (text.number)
    "figure.percent": {"sv": "{value}\u00a0%", "en": "{value}%"},
    "figure.percent_spaced": {"sv": "{value} %", "en": "{value}%"},
    # survey figures (maturity.plots.survey)
    "figure.distribution_title": {
        "sv": "Svarsfördelning per påstående",
        "en": "Distribution of answers per statement",
    },
    "figure.mean_ci_title": {
        "sv": "Medelvärde per {item} med 95 % konfidensintervall",
        "en": "Mean per {item} with 95% confidence interval",
    },
    "figure.statement": {"sv": "påstående", "en": "statement"},
    "figure.dimension": {"sv": "dimension", "en": "dimension"},
    "figure.statements": {"sv": "påståenden", "en": "statements"},
    "figure.dimensions": {"sv": "dimensioner", "en": "dimensions"},
    "figure.mean_ci_axis": {
        "sv": "Medelvärde (95 % konfidensintervall)",
        "en": "Mean (95% confidence interval)",
    },
    "figure.mean_ci_legend": {
        "sv": "Medelvärde med 95 % konfidensintervall",
        "en": "Mean with 95% confidence interval",
    },
    "figure.lowest": {"sv": "De {k} lägsta", "en": "The {k} lowest"},
    "figure.dont_know": {"sv": "Vet ej", "en": "Don't know"},
    "figure.share_scored": {
        "sv": "Andel av svaren med värde (Vet ej räknas inte in, visas till höger)",
        "en": "Share of scored answers (Don't know excluded, shown on the right)",
    },
    "figure.reversed_note": {
        "sv": "* Omvänt formulerat påstående: skalan är vänd så att högre = mer moget",
        "en": "* Reversed statement: the scale is flipped so that higher = more mature",
    },
    "figure.only_dont_know": {"sv": "Bara Vet ej-svar", "en": "Only Don't know answers"},
    "figure.role_gap_title": {"sv": "{roles} per dimension", "en": "{roles} per dimension"},
    "figure.roles": {"sv": "Roller", "en": "Roles"},
    "figure.gap": {"sv": "Skillnad", "en": "Gap"},
    "figure.gap_note": {"sv": "Skillnad = {a} − {b}", "en": "Gap = {a} − {b}"},
    "figure.role_suppressed": {"sv": "{role}: {suppressed}", "en": "{role}: {suppressed}"},
    "figure.heatmap_title": {"sv": "{value} per organisation", "en": "{value} per organisation"},
    "figure.value_mean": {"sv": "Medelvärde", "en": "Mean"},
    "figure.value_median": {"sv": "Median", "en": "Median"},
    "figure.value_sd": {"sv": "Standardavvikelse", "en": "Standard deviation"},
    "figure.value_share_top2": {
        "sv": "Andel i de två högsta stegen",
        "en": "Share in the two highest steps",
    },
    "figure.value_share_bottom2": {
        "sv": "Andel i de två lägsta stegen",
        "en": "Share in the two lowest steps",
    },
    "figure.change_title": {"sv": "Förändring mellan omgångarna", "en": "Change between rounds"},
    "figure.change_axis": {
        "sv": "Förändring av medelvärdet (95 % konfidensintervall)",
        "en": "Change of the mean (95% confidence interval)",
    },
    "figure.difference": {"sv": "Förändring", "en": "Change"},
    "figure.increase": {
        "sv": "Ökning (intervallet utesluter 0)",
        "en": "Increase (interval excludes 0)",
    },
    "figure.decrease": {
        "sv": "Minskning (intervallet utesluter 0)",
        "en": "Decrease (interval excludes 0)",
    },
    "figure.no_clear_change": {"sv": "Ingen säkerställd förändring", "en": "No clear change"},
    "figure.from": {"sv": "Före", "en": "Before"},
    "figure.role_all_cells_suppressed": {
        "sv": "{role}: alla celler undertryckta (n < {min_n}), visas inte",
        "en": "{role}: every cell suppressed (n < {min_n}), not shown",
    },
    "figure.role_all_suppressed": {
        "sv": "{role}: alla {k} {items} undertryckta (n < {min_n})",
        "en": "{role}: all {k} {items} suppressed (n < {min_n})",
    },
    # capability map (maturity.plots.capability)
    "figure.capability_heatmap_title": {
        "sv": "Förmågekarta: mognadsnivå per förmåga och organisation",
        "en": "Capability map: maturity level by capability and organisation",
    },
    "figure.capability_radar_title": {
        "sv": "{organisation}: medelnivå per mål",
        "en": "{organisation}: mean level by goal",
    },
    "figure.capability_bars_title": {
        "sv": "Förmågor: medelvärde och spridning mellan organisationerna",
        "en": "Capabilities: mean and spread across organisations",
    },
    "figure.group_mean": {"sv": "Alla organisationers medelvärde", "en": "Mean of all organisations"},
    "figure.lowest_acceptable": {
        "sv": "Lägsta godtagbara nivå ({level})",
        "en": "Lowest acceptable level ({level})",
    },
    "figure.substandard": {"sv": "Undermåligt medelvärde", "en": "Substandard mean"},
    "figure.mean_sd": {"sv": "Medelvärde ± standardavvikelse", "en": "Mean ± standard deviation"},
    "figure.level": {"sv": "Nivå", "en": "Level"},
    "figure.mean_level": {"sv": "Medelnivå", "en": "Mean level"},
    "figure.target_short": {"sv": "Målnivå", "en": "Target"},
    # risk register (maturity.plots.risk)
    "figure.risk_matrix_title": {
        "sv": "Riskmatris – möte {date}",
        "en": "Risk matrix – meeting {date}",
    },
    "figure.risk_trend_title": {"sv": "Riskvärde R per möte", "en": "Risk score R by meeting"},
    "figure.risk_level": {"sv": "Risknivå", "en": "Risk level"},
    "figure.risk_list": {"sv": "Risker (högst R först)", "en": "Risks (highest R first)"},
    "figure.risk_closed": {"sv": "stängd", "en": "closed"},
    "figure.risk_more": {"sv": "… och {n} till", "en": "… and {n} more"},
    "figure.risk_none": {"sv": "Inga risker vid mötet", "en": "No risks at this meeting"},
    "figure.probability": {"sv": "Sannolikhet (S)", "en": "Probability (S)"},
    "figure.impact": {"sv": "Konsekvens (K)", "en": "Consequence (K)"},
    "figure.risk_score": {"sv": "Risk (R = S × K)", "en": "Risk (R = S × K)"},
    "figure.meeting": {"sv": "Möte", "en": "Meeting"},
    # action plan (maturity.plots.actionplan)
    "figure.action_status_title": {
        "sv": "Aktiviteternas status per område",
        "en": "Status of activities by area",
    },
    "figure.n_activities": {"sv": "Antal aktiviteter", "en": "Number of activities"},
    "figure.share_done": {"sv": "{share} genomförda", "en": "{share} done"},
    "figure.budget_title": {
        "sv": "Anslag, budget och utfall per år",
        "en": "Allocation, budget and spending by year",
    },
    "figure.allocated": {"sv": "Anslag", "en": "Allocated"},
    "figure.budgeted": {"sv": "Budgeterat", "en": "Budgeted"},
    "figure.spent": {"sv": "Utfall", "en": "Spent"},
    "figure.mkr": {"sv": "Mkr", "en": "SEK million"},
    "figure.use_allocated": {"sv": "Utfall {share}\nav anslaget", "en": "Spent {share}\nof allocation"},
    "figure.use_budget": {"sv": "Utfall {share}\nav budget", "en": "Spent {share}\nof budget"},
}


WORDS: dict[str, dict[str, str]] = {**_REPORT, **_FINDINGS, **_VALUES, **_FIGURES}


def has_word(key: str) -> bool:
    """Whether the catalogue has ``key``.

    Examples
    --------
    >>> has_word("figure.mean"), has_word("figure.nonsense")
    (True, False)
    """
    return key in WORDS


def word(key: str, lang: str, /, **fields: object) -> str:
    """The word or sentence ``key`` in ``lang``, with ``fields`` filled in.

    Raises KeyError for an unknown key, so a missing translation is found by the tests rather
    than shown to a reader.

    Examples
    --------
    >>> word("figure.mean", "en")
    'Mean'
    """
    text = WORDS[key][check_lang(lang)]
    return text.format(**fields) if fields else text


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


def number(value: float | None, lang: str, *, digits: int = 1) -> str:
    """A number with a decimal comma (Swedish) or point (English) and a true minus sign.

    Examples
    --------
    >>> number(2.6, "sv"), number(2.6, "en"), number(-0.25, "sv", digits=2), number(None, "sv")
    ('2,6', '2.6', '−0,25', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{value:.{digits}f}".replace("-", "−")
    return text.replace(".", ",") if check_lang(lang) == "sv" else text


def percent(share: float | None, lang: str, *, digits: int = 0) -> str:
    """A share (0–1) as a percentage: ``72 %`` with a no-break space in Swedish, ``72%`` in
    English.

    Examples
    --------
    >>> percent(0.72, "sv"), percent(0.72, "en"), percent(0.125, "sv", digits=1)
    ('72\\xa0%', '72%', '12,5\\xa0%')
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return MISSING
    value = number(100 * share, lang, digits=digits)
    return f"{value}\u00a0%" if lang == "sv" else f"{value}%"


def amount_mkr(value: float | None, lang: str, *, digits: int = 1) -> str:
    """An amount in millions of kronor: ``2,5 Mkr`` in Swedish, ``SEK 2.5m`` in English.

    Examples
    --------
    >>> amount_mkr(2.5, "sv"), amount_mkr(2.5, "en")
    ('2,5 Mkr', 'SEK 2.5m')
    """
    text = number(value, lang, digits=digits)
    return f"{text} Mkr" if check_lang(lang) == "sv" else f"SEK {text}m"


def date(value: object, lang: str) -> str:
    """A date as people read it: ISO ``2024-03-05`` in both languages (the Swedish standard).

    Examples
    --------
    >>> import datetime
    >>> date(datetime.date(2024, 3, 5), "sv")
    '2024-03-05'
    """
    check_lang(lang)
    if value is None:
        return MISSING
    return f"{value:%Y-%m-%d}"


def join(items: Iterable[str], lang: str) -> str:
    """Items joined as in a sentence: commas, and *och* / *and* before the last.

    Examples
    --------
    >>> join(["Åmål", "Tanum", "Dals-Ed"], "sv"), join(["A", "B"], "en"), join(["A"], "sv")
    ('Åmål, Tanum och Dals-Ed', 'A and B', 'A')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    last = " och " if check_lang(lang) == "sv" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def quote(text: str, lang: str) -> str:
    """Text in the language's quotation marks: ”…” in Swedish, “…” in English.

    Examples
    --------
    >>> quote("Vi mäter effekter", "sv")
    '”Vi mäter effekter”'
    """
    return f"”{text}”" if check_lang(lang) == "sv" else f"“{text}”"


def translate_values(values: Iterable[object], area: str, lang: str) -> list[object]:
    """Canonical values shown in ``lang``: each ``v`` becomes ``word(f"{area}.{v}")`` where the
    catalogue has it, and stays as it is otherwise.

    Examples
    --------
    >>> translate_values(["mean", "other"], "figure", "sv")
    ['Medelvärde', 'other']
    """
    return [word(f"{area}.{v}", lang) if has_word(f"{area}.{v}") else v for v in values]


def catalogue(lang: str) -> Mapping[str, str]:
    """Every key with its word in ``lang`` (for tests and for checking a translation).

    Examples
    --------
    >>> catalogue("en")["figure.mean"]
    'Mean'
    """
    check_lang(lang)
    return {key: words[lang] for key, words in WORDS.items()}
