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
    "role_label",
    "role_names",
    "count",
    "yes_no",
    "excel_format",
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


def _both(sv: str, en: str) -> dict[str, str]:
    return {"sv": sv, "en": en}


#: Swedish column headers of the report workbook. In English a header is the column's canonical
#: name (the CSV files keep the canonical English names in both languages).
_COLUMNS_SV = {
    "role": "Roll",
    "respondent": "Respondent",
    "statement": "Påstående",
    "text": "Text",
    "dimension": "Dimension",
    "organisation": "Organisation",
    "wave": "Våg",
    "answer": "Svar",
    "scale_min": "Skalans minimum",
    "scale_max": "Skalans maximum",
    "reverse": "Omvänd",
    "n_respondents": "Antal svarande",
    "n": "Antal svar",
    "n_dont_know": "Vet ej",
    "mean": "Medelvärde",
    "sd": "Standardavvikelse",
    "se": "Medelfel",
    "ci95_low": "KI 95 % nedre",
    "ci95_high": "KI 95 % övre",
    "median": "Median",
    "q1": "Kvartil 1",
    "q3": "Kvartil 3",
    "share_top2": "Andel två högsta",
    "share_bottom2": "Andel två lägsta",
    "suppressed": "Undertryckt",
    "pooled_mean": "Medelvärde (alla svarande)",
    "n_organisations": "Antal organisationer",
    "n_organisations_hidden": "Organisationer undertryckta",
    "mean_of_means": "Medelvärde av organisationernas medelvärden",
    "sd_between": "Standardavvikelse mellan organisationer",
    "min_organisation": "Lägst organisation",
    "min_mean": "Lägsta medelvärde",
    "max_organisation": "Högst organisation",
    "max_mean": "Högsta medelvärde",
    "end": "Ände",
    "rank": "Rang",
    "midpoint": "Mittpunkt",
    "difference": "Skillnad",
    "statistic": "Teststatistika",
    "p": "p",
    "p_holm": "p (Holm)",
    "above": "Över mittpunkten",
    "n_statements": "Antal påståenden",
    "n_suppressed": "Antal undertryckta",
    "n_above": "Antal över mittpunkten",
    "all_above": "Alla över mittpunkten",
    "lowest_statement": "Lägsta påstående",
    "lowest_text": "Lägsta påståendets text",
    "lowest_mean": "Lägsta medelvärde",
    "role_1": "Roll 1",
    "role_2": "Roll 2",
    "n_respondents_1": "Antal svarande roll 1",
    "n_respondents_2": "Antal svarande roll 2",
    "n_1": "Antal svar roll 1",
    "n_2": "Antal svar roll 2",
    "mean_1": "Medelvärde roll 1",
    "mean_2": "Medelvärde roll 2",
    "u": "U",
    "rank_biserial": "Rangbiserial korrelation",
    "alpha": "Cronbachs alfa",
    "n_items": "Antal påståenden",
    "item_rest_r": "Korrelation med övriga",
    "alpha_if_deleted": "Alfa utan påståendet",
    "from_wave": "Från våg",
    "to_wave": "Till våg",
    "n_respondents_from": "Antal svarande före",
    "n_respondents_to": "Antal svarande efter",
    "n_from": "Antal svar före",
    "n_to": "Antal svar efter",
    "mean_from": "Medelvärde före",
    "mean_to": "Medelvärde efter",
    "p_mannwhitney": "p (Mann–Whitney)",
    "capability": "Förmåga",
    "goal": "Mål",
    "level": "Nivå",
    "target": "Målnivå",
    "gap": "Gap mot målnivå",
    "share_below_target": "Andel under målnivå",
    "substandard": "Undermålig",
    "n_not_assessed": "Ej bedömda",
    "min": "Lägsta",
    "max": "Högsta",
    "n_capabilities": "Antal förmågor",
    "n_substandard": "Antal undermåliga",
    "strongest": "Starkast förmåga",
    "strongest_level": "Starkast nivå",
    "weakest": "Svagast förmåga",
    "weakest_level": "Svagast nivå",
    "n_at_or_above_target": "Antal på eller över målnivå",
    "n_with_target": "Antal med målnivå",
    "share_at_or_above_target": "Andel på eller över målnivå",
    "n_substandard_cells": "Antal undermåliga bedömningar",
    "risk_id": "ID",
    "date": "Datum",
    "threat": "Hot",
    "vulnerability": "Sårbarhet",
    "consequence_text": "Konsekvens",
    "probability": "S",
    "impact": "K",
    "score": "R",
    "typed_score": "R (ifyllt)",
    "action": "Åtgärd",
    "previous_score": "Föregående R",
    "delta": "Förändring av R",
    "change": "Förändring",
    "n_risks": "Antal risker",
    "max_score": "Högsta R",
    "min_score": "Lägsta R",
    "mean_score": "Medelvärde av R",
    "n_new": "Nya",
    "n_raised": "Höjda",
    "n_lowered": "Sänkta",
    "n_unchanged": "Oförändrade",
    "n_closed": "Stängda",
    "label_sv": "Benämning (svenska)",
    "label_en": "Benämning (engelska)",
    "area": "Område",
    "activity": "Aktivitet",
    "year": "År",
    "status": "Status",
    "budget": "Budget",
    "spent": "Utfall",
    "allocated": "Anslag",
    "budgeted": "Budgeterat",
    "utilisation": "Utfall av anslag",
    "spent_of_budgeted": "Utfall av budgeterat",
    "n_activities": "Antal aktiviteter",
    "n_planned": "Planerade",
    "n_ongoing": "Pågående",
    "n_done": "Genomförda",
    "n_delayed": "Försenade",
    "n_cancelled": "Strukna",
    "n_unknown": "Okänd status",
    "share_done": "Andel genomförda",
    "n_carried_over": "Försenade eller överförda",
    "to_year": "Till år",
    "reason": "Orsak",
    "source": "Källa (fil:blad:cell)",
    "kind": "Typ av problem",
    "value": "Värde",
    "message": "Beskrivning",
    "section": "Del",
}

#: Headers that mean something else in one table (``column.<table>.<column>``).
_TABLE_COLUMNS_SV = {
    "capability_summary.n": "Antal bedömningar",
    "capability_goals.n": "Antal bedömningar",
    "capability_organisations.n": "Antal bedömningar",
    "risk_levels.n": "Antal risker",
    "actionplan_status.n": "Antal aktiviteter",
}

#: Sheet names of the published tables (``sheet.<table>``).
_SHEETS = {
    "survey_statements": _both("Påståenden", "Statements"),
    "survey_statements_by_wave": _both("Påståenden per våg", "Statements by wave"),
    "survey_dimensions": _both("Dimensioner", "Dimensions"),
    "survey_across_organisations": _both("Mellan organisationer", "Across organisations"),
    "survey_organisations": _both("Per organisation", "By organisation"),
    "survey_ranking": _both("Lägst och högst", "Lowest and highest"),
    "survey_midpoint_test": _both("Mittpunktstest", "Midpoint test"),
    "survey_midpoint_summary": _both("Mittpunkt per roll", "Midpoint by role"),
    "survey_role_gap": _both("Skillnad mellan roller", "Gap between roles"),
    "survey_alpha": _both("Reliabilitet", "Reliability"),
    "survey_alpha_items": _both("Reliabilitet per påstående", "Reliability by statement"),
    "survey_change": _both("Förändring", "Change"),
    "survey_change_dimensions": _both("Förändring per dimension", "Change by dimension"),
    "capability_summary": _both("Förmågor", "Capabilities"),
    "capability_goals": _both("Förmågor per mål", "Capabilities by goal"),
    "capability_organisations": _both("Förmågor per organisation", "Capabilities by organisation"),
    "capability_assessments": _both("Förmågebedömningar", "Capability assessments"),
    "capability_map": _both("Förmågekarta", "Capability map"),
    "risks": _both("Risker", "Risks"),
    "risk_ranked": _both("Risker i rangordning", "Risks ranked"),
    "risk_trend": _both("Riskutveckling", "Risk trend"),
    "risk_levels": _both("Risker per nivå", "Risks by level"),
    "risk_meetings": _both("Riskmöten", "Risk meetings"),
    "risk_bands": _both("Risknivåer", "Risk levels"),
    "actions": _both("Aktiviteter", "Activities"),
    "actionplan_budget": _both("Anslag", "Allocation"),
    "actionplan_status": _both("Status per område", "Status by area"),
    "actionplan_areas": _both("Handlingsplan per område", "Action plan by area"),
    "actionplan_years": _both("Handlingsplan per år", "Action plan by year"),
    "actionplan_carried_over": _both("Överförda aktiviteter", "Activities carried over"),
    "overview": _both("Översikt", "Overview"),
    "problems": _both("Problem", "Problems"),
}

#: Words of the report: sheet names, column headers, the front sheet, summary.md, CLI lines.
_REPORT: dict[str, dict[str, str]] = {
    **{f"column.{name}": _both(sv, name) for name, sv in _COLUMNS_SV.items()},
    **{f"column.{name}": _both(sv, name.split(".")[1]) for name, sv in _TABLE_COLUMNS_SV.items()},
    **{f"sheet.{name}": words for name, words in _SHEETS.items()},
    "matrix.goal": _both("Mål", "Goal"),
    "matrix.capability": _both("Förmåga", "Capability"),
    "matrix.target": _both("Målnivå", "Target"),
    "report.title": _both("Nulägesanalys av digital mognad", "Digital maturity status analysis"),
    "report.key_findings": _both("Viktigaste resultat", "Key findings"),
    "report.what_was_read": _both("Underlag", "What was read"),
    "report.privacy": _both("Sekretess", "Privacy"),
    "report.figures": _both("Figurer", "Figures"),
    "report.topic.survey": _both("Enkät", "Survey"),
    "report.topic.capability": _both("Förmågekarta", "Capability map"),
    "report.topic.risk": _both("Riskregister", "Risk register"),
    "report.topic.actionplan": _both("Handlingsplan", "Action plan"),
    "report.topic_definite.survey": _both("Enkäten", "The survey"),
    "report.topic_definite.capability": _both("Förmågekartan", "The capability map"),
    "report.topic_definite.risk": _both("Riskregistret", "The risk register"),
    "report.topic_definite.actionplan": _both("Handlingsplanen", "The action plan"),
    "report.files.one": _both("{n} fil", "{n} file"),
    "report.files.many": _both("{n} filer", "{n} files"),
    "report.problems.one": _both("{n} problem", "{n} problem"),
    "report.problems.many": _both("{n} problem", "{n} problems"),
    "report.counts": _both(
        "{label}: {files}, {cells_read} celler lästa, {accepted} godtagna, {problems}",
        "{label}: {files}, {cells_read} cells read, {accepted} accepted, {problems}",
    ),
    "report.counts_see_log": _both("{counts} (se `{log}`)", "{counts} (see `{log}`)"),
    "report.problem_log_front": _both(
        "Problemloggen (bladet {sheet}) listar {n} celler som inte kunde godtas.",
        "The problem log (sheet {sheet}) lists {n} cells that could not be accepted.",
    ),
    "cli.description": _both(
        "Nulägesanalys av digital mognad: Excel in; validerade tabeller, statistik, figurer "
        "och en rapport ut.",
        "Digital-maturity status analysis (nulägesanalys): Excel in, validated tidy data, "
        "statistics, figures and a report out.",
    ),
    "cli.report": _both(
        "läs data/raw, skriv data/processed och reports/ (figurer, arbetsbok)",
        "read data/raw, write data/processed and reports/ (figures, workbook)",
    ),
    "cli.raw": _both(
        "mappen med indata (standard: data/raw)", "folder of input workbooks (default: data/raw)"
    ),
    "cli.out": _both(
        "mappen för figurer, arbetsbok och sammanfattning (standard: reports)",
        "folder for figures, workbook and summary (default: reports)",
    ),
    "cli.processed": _both(
        "mappen för de städade tabellerna (standard: data/processed)",
        "folder for the tidy tables (default: data/processed)",
    ),
    "cli.min_n": _both(
        "redovisa inte grupper med färre svarande än så (standard: 5)",
        "suppress groups with fewer respondents than this (default: 5)",
    ),
    "cli.lang": _both(
        "språk för figurer och text (standard: sv)", "language of figures and text (default: sv)"
    ),
    "cli.quiet": _both("inga lägesrader", "no progress output"),
    "cli.svg": _both(
        "spara också varje figur som SVG (vektorgrafik, texten som text) bredvid dess PNG",
        "also save every figure as SVG (vector graphics, text as text) beside its PNG",
    ),
    "cli.demo": _both("skriv arbetsböckerna med demodata", "write the seeded demo workbooks"),
    "cli.wrote_demo": _both(
        "skrev {n} arbetsböcker till {directory}", "wrote {n} workbooks to {directory}"
    ),
    "cli.error": _both("maturity: fel: {error}", "maturity: error: {error}"),
    "cli.interrupted": _both("maturity: avbruten", "maturity: interrupted"),
    "cli.found": _both("hittade {n} arbetsböcker i {raw}", "found {n} workbooks in {raw}"),
    "cli.codebook": _both(
        "kodbok {file}: {n} påståenden, roller {roles}",
        "codebook {file}: {n} statements, roles {roles}",
    ),
    "cli.reading": _both("läser {stage}: {files}", "reading {stage}: {files}"),
    "cli.wrote_tables": _both(
        "skrev {n} tabeller till {directory}", "wrote {n} tables to {directory}"
    ),
    "cli.wrote": _both("skrev {path}", "wrote {path}"),
    "cli.drawing": _both("ritar {n} figurer i {directory}", "drawing {n} figures into {directory}"),
    "cli.drawing_here": _both(
        "  ritprocesserna startade inte; figurerna ritas här i stället",
        "  the drawing processes did not start; drawing here instead",
    ),
    "cli.counts": _both(
        "{stage}: {files}, {cells_read} celler lästa, {accepted} godtagna, {problems}",
        "{stage}: {files}, {cells_read} cells read, {accepted} accepted, {problems}",
    ),
    "cli.problems_of_kind": _both("  {stage}: {kind}: {n}", "  {stage}: {kind}: {n}"),
    "cli.no_problems": _both("inga problem", "no problems"),
    "cli.done": _both("klart på {seconds} s", "done in {seconds} s"),
}

#: Words of the key findings (maturity.findings).
_FINDINGS: dict[str, dict[str, str]] = {
    "findings.of": _both("{part} av {whole}", "{part} of {whole}"),
    "findings.p_below": _both("p < {limit}", "p < {limit}"),
    "findings.p_equals": _both("p = {p}", "p = {p}"),
    "findings.spread.small": _both("liten", "small"),
    "findings.spread.moderate": _both("måttlig", "moderate"),
    "findings.spread.large": _both("stor", "large"),
    "findings.survey.end.lowest": _both("lägst", "lowest"),
    "findings.survey.end.highest": _both("högst", "highest"),
    "findings.survey.extreme": _both(
        "{who} ger {end} medelvärde, {mean} (sd {sd}, n = {n}), för påståendet {text}.",
        "{who} give the {end} mean, {mean} (SD {sd}, n = {n}), to the statement {text}.",
    ),
    "findings.survey.spread_hidden": _both(
        " Spridningen mellan organisationerna redovisas inte (för få svarande per organisation).",
        " The spread between organisations is not shown (too few respondents per organisation).",
    ),
    "findings.survey.spread": _both(
        " Spridningen mellan organisationerna är {spread} (sd mellan organisationernas "
        "medelvärden {sd_between}; från {low} i {low_organisation} till {high} i "
        "{high_organisation})",
        " The spread between organisations is {spread} (SD of the organisation means "
        "{sd_between}; from {low} in {low_organisation} to {high} in {high_organisation})",
    ),
    "findings.survey.spread_weak": _both(
        ", så de flesta organisationer är svaga här.", ", so most organisations are weak here."
    ),
    "findings.survey.spread_strong": _both(
        ", så de flesta organisationer är starka här.", ", so most organisations are strong here."
    ),
    "findings.survey.role_gap": _both(
        "Störst skillnad mellan rollerna finns inom {where}: {first} {mean_1} mot {second} "
        "{mean_2} (skillnad {difference}; {p} efter Holm-korrigering).",
        "The largest gap between the roles is in {where}: {first} {mean_1} against {second} "
        "{mean_2} (gap {difference}; {p} after Holm correction).",
    ),
    "findings.survey.largest_change": _both(
        "Mellan {from_wave} och {to_wave} ökade {text} mest, från {mean_from} till {mean_to} "
        "({difference}).",
        "Between {from_wave} and {to_wave} {text} rose most, from {mean_from} to {mean_to} "
        "({difference}).",
    ),
    "findings.survey.suppression": _both(
        "Grupper med färre än {min_n} svarande redovisas inte: {n} av {total} grupper i "
        "redovisningen per organisation är undertryckta{note}.",
        "Groups with fewer than {min_n} respondents are not shown: {n} of {total} groups in "
        "the per-organisation tables are suppressed{note}.",
    ),
    "findings.survey.suppression_ratio": _both(
        "Grupper med färre än {min_n} personer redovisas inte: {suppressed} av {groups} "
        "redovisade grupper är undertryckta ({primary} har färre än {min_n} personer och "
        "{secondary} är dolda sekundärt){note}.",
        "Groups of fewer than {min_n} people are not shown: {suppressed} of {groups} published "
        "groups are suppressed ({primary} have fewer than {min_n} people and {secondary} are "
        "hidden secondarily){note}.",
    ),
    "findings.survey.never_shown": _both(
        " ({roles} är färre än {min_n} i varje organisation, så deras svar redovisas aldrig "
        "per organisation)",
        " ({roles} are fewer than {min_n} in every organisation, so their answers are never "
        "shown per organisation)",
    ),
    "findings.capability.substandard_none": _both(
        "Ingen förmåga har ett undermåligt medelvärde: alla ligger på eller över lägsta "
        "godtagbara nivå {floor}{label}.",
        "No capability has a substandard mean: all are at or above the lowest acceptable level "
        "{floor}{label}.",
    ),
    "findings.capability.substandard_one": _both(
        "Bara en förmåga, {capability}, har ett undermåligt medelvärde: {mean}, under lägsta "
        "godtagbara nivå {floor}{label}.",
        "Only one capability, {capability}, has a substandard mean: {mean}, below the lowest "
        "acceptable level {floor}{label}.",
    ),
    "findings.capability.substandard_many": _both(
        "{n} förmågor har ett undermåligt medelvärde, under lägsta godtagbara nivå "
        "{floor}{label}: {listed}.",
        "{n} capabilities have a substandard mean, below the lowest acceptable level "
        "{floor}{label}: {listed}.",
    ),
    "findings.capability.weakest": _both(
        "Organisationerna är svagast på {capability}: medelvärde {mean} mot målnivån {target}; "
        "{n_below} av {n} organisationer ligger under målnivån.",
        "The organisations are weakest at {capability}: mean {mean} against the target level "
        "{target}; {n_below} of {n} organisations are below the target.",
    ),
    "findings.capability.weakest_beyond": _both(
        "Utöver {beyond} är organisationerna svagast på {capability}: medelvärde {mean} mot "
        "målnivån {target}; {n_below} av {n} organisationer ligger under målnivån.",
        "Beyond {beyond}, the organisations are weakest at {capability}: mean {mean} against "
        "the target level {target}; {n_below} of {n} organisations are below the target.",
    ),
    "findings.capability.strongest": _both(
        "Starkast är {capability}: medelvärde {mean} (målnivå {target}); {n_best} av "
        "{n_organisations} organisationer har sin högsta nivå där.",
        "Strongest is {capability}: mean {mean} (target level {target}); {n_best} of "
        "{n_organisations} organisations have their highest level there.",
    ),
    "findings.capability.below_target": _both(
        "{n_below} av {n_capabilities} förmågor har ett medelvärde under målnivån.",
        "{n_below} of {n_capabilities} capabilities have a mean below the target level.",
    ),
    "findings.capability.below_target_widest": _both(
        "{n_below} av {n_capabilities} förmågor har ett medelvärde under målnivån; störst är "
        "gapet för {capability} ({gap}).",
        "{n_below} of {n_capabilities} capabilities have a mean below the target level; the "
        "gap is widest for {capability} ({gap}).",
    ),
    "findings.capability.goals": _both(
        "Av målen ligger {highest} högst (medel {highest_mean}) och {lowest} lägst "
        "({lowest_mean}).",
        "Among the goals, {highest} is highest (mean {highest_mean}) and {lowest} lowest "
        "({lowest_mean}).",
    ),
    "findings.capability.organisations": _both(
        "Organisationernas medelnivå varierar från {lowest_mean} ({lowest}) till "
        "{highest_mean} ({highest}).",
        "The organisations' mean level ranges from {lowest_mean} ({lowest}) to {highest_mean} "
        "({highest}).",
    ),
    "findings.risk.one": _both("{n} risk", "{n} risk"),
    "findings.risk.many": _both("{n} risker", "{n} risks"),
    "findings.risk.item": _both(
        "{threat} ({risk_id}, R = {score}, {level})", "{threat} ({risk_id}, R = {score}, {level})"
    ),
    "findings.risk.item_without_threat": _both(
        "{risk_id} (R = {score}, {level})", "{risk_id} (R = {score}, {level})"
    ),
    "findings.risk.top_one": _both(
        "Vid det senaste mötet, {date}, är den högsta risken {risks}.",
        "At the latest meeting, {date}, the highest risk is {risks}.",
    ),
    "findings.risk.top_many": _both(
        "Vid det senaste mötet, {date}, är de högsta riskerna {risks}.",
        "At the latest meeting, {date}, the highest risks are {risks}.",
    ),
    "findings.risk.level_count": _both("{level} {n}", "{level} {n}"),
    "findings.risk.levels": _both(
        "Vid mötet {date} fanns {risks}, per nivå {counts}.",
        "At the meeting {date} there were {risks}, by level {counts}.",
    ),
    "findings.risk.change.raised": _both("höjts", "raised"),
    "findings.risk.change.lowered": _both("sänkts", "lowered"),
    "findings.risk.change.new": _both("tillkommit", "new"),
    "findings.risk.change.closed": _both("stängts", "closed"),
    "findings.risk.change_first": _both("{risks} {verb} ({ids})", "{n} {verb} ({ids})"),
    "findings.risk.change_next": _both("{n} {verb} ({ids})", "{n} {verb} ({ids})"),
    "findings.risk.changes": _both(
        "Sedan mötet {previous} har {changes}; {n_unchanged} är oförändrade.",
        "Since the meeting {previous}: {changes}; {n_unchanged} unchanged.",
    ),
    "findings.risk.no_changes": _both(
        "Sedan mötet {previous} är alla {n_unchanged} risker oförändrade.",
        "Since the meeting {previous} all {n_unchanged} risks are unchanged.",
    ),
    "findings.risk.wrong_case": _both(
        "{risk_id} vid mötet {date} (ifyllt R = {typed}, S × K = {probability} × {impact} = "
        "{score})",
        "{risk_id} at the meeting {date} (typed R = {typed}, S × K = {probability} × {impact} "
        "= {score})",
    ),
    "findings.risk.wrong_none": _both(
        "Alla {n_typed} ifyllda R stämmer med S × K.",
        "All {n_typed} typed R values agree with S × K.",
    ),
    "findings.risk.wrong_one": _both(
        "Ett ifyllt R av {n_typed} stämmer inte med S × K: {cases}; det beräknade värdet används.",
        "One typed R of {n_typed} disagrees with S × K: {cases}; the computed value is used.",
    ),
    "findings.risk.wrong_many": _both(
        "{n} ifyllda R av {n_typed} stämmer inte med S × K: {cases}; de beräknade värdena används.",
        "{n} typed R values of {n_typed} disagree with S × K: {cases}; the computed values are "
        "used.",
    ),
    "findings.actionplan.year": _both("{year}: {value}", "{year}: {value}"),
    "findings.actionplan.year_share": _both("{year}: {share} ({of})", "{year}: {share} ({of})"),
    "findings.actionplan.share_done": _both(
        "Andel genomförda aktiviteter per år – {years}.{note}",
        "Share of activities done by year – {years}.{note}",
    ),
    "findings.actionplan.cancelled_note": _both(
        " Strukna aktiviteter ({n}) räknas inte med.",
        " Cancelled activities ({n}) are not counted.",
    ),
    "findings.actionplan.basis.allocated": _both("anslag", "allocation"),
    "findings.actionplan.basis.budgeted": _both("budget", "budget"),
    "findings.actionplan.budget_use": _both(
        "Utfall mot {basis} per år – {years}.", "Spent against {basis} by year – {years}."
    ),
    "findings.actionplan.carried_over": _both(
        "Aktiviteter som försenats eller förts över till ett senare år – {years}.",
        "Activities delayed or carried over to a later year – {years}.",
    ),
}

#: Problem kinds of the readers' problem logs (``value.problem.<kind>``).
_PROBLEMS = {
    "duplicate": _both("dubblett", "duplicate"),
    "duplicate_column": _both("dubblerad kolumn", "duplicate column"),
    "duplicate_respondent": _both("dubblerad svarande", "duplicate respondent"),
    "empty_file": _both("tom fil", "empty file"),
    "empty_sheet": _both("tomt blad", "empty sheet"),
    "formula_without_value": _both("formel utan värde", "formula without value"),
    "invalid_value": _both("ogiltigt värde", "invalid value"),
    "missing_column": _both("kolumn saknas", "missing column"),
    "missing_value": _both("värde saknas", "missing value"),
    "negative_amount": _both("negativt belopp", "negative amount"),
    "out_of_scale": _both("utanför skalan", "out of scale"),
    "role_mismatch": _both("fel roll", "role mismatch"),
    "unknown_label": _both("okänd svarsetikett", "unknown label"),
    "unknown_organisation": _both("okänd organisation", "unknown organisation"),
    "unknown_role": _both("okänd roll", "unknown role"),
    "unknown_statement": _both("okänt påstående", "unknown statement"),
    "unknown_status": _both("okänd status", "unknown status"),
    "wrong_score": _both("fel R", "wrong score"),
}

#: Canonical values shown to people: statuses, risk levels, changes, problem kinds.
_VALUES: dict[str, dict[str, str]] = {
    "value.status.planned": _both("planerad", "planned"),
    "value.status.ongoing": _both("pågående", "ongoing"),
    "value.status.done": _both("genomförd", "done"),
    "value.status.delayed": _both("försenad", "delayed"),
    "value.status.cancelled": _both("struken", "cancelled"),
    "value.status.unknown": _both("okänd", "unknown"),
    "value.level.low": _both("låg", "low"),
    "value.level.medium": _both("medel", "medium"),
    "value.level.high": _both("hög", "high"),
    "value.level.critical": _both("kritisk", "critical"),
    "value.change.new": _both("ny", "new"),
    "value.change.raised": _both("höjd", "raised"),
    "value.change.lowered": _both("sänkt", "lowered"),
    "value.change.unchanged": _both("oförändrad", "unchanged"),
    "value.change.closed": _both("stängd", "closed"),
    "value.change.unknown": _both("okänd", "unknown"),
    "value.end.lowest": _both("lägst", "lowest"),
    "value.end.highest": _both("högst", "highest"),
    "value.reason.status": _both("status", "status"),
    "value.reason.later_year": _both("senare år", "later year"),
    "value.reason.both": _both("status och senare år", "status and later year"),
    "value.section.survey": _both("Enkät", "Survey"),
    "value.section.capability": _both("Förmågekarta", "Capability map"),
    "value.section.risk": _both("Riskregister", "Risk register"),
    "value.section.actionplan": _both("Handlingsplan", "Action plan"),
    "value.yes": _both("ja", "yes"),
    "value.no": _both("nej", "no"),
    **{f"value.problem.{kind}": words for kind, words in _PROBLEMS.items()},
}


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
    "figure.group_mean": {
        "sv": "Alla organisationers medelvärde",
        "en": "Mean of all organisations",
    },
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
    "figure.use_allocated": {
        "sv": "Utfall {share}\nav anslaget",
        "en": "Spent {share}\nof allocation",
    },
    "figure.use_budget": {"sv": "Utfall {share}\nav budget", "en": "Spent {share}\nof budget"},
}


#: Problem messages of the readers' problem logs (``problem.<name>``, rendered by
#: :class:`maturity.io.problems.ProblemLog`); the English text is the machine table's.
_PROBLEM_MESSAGES: dict[str, dict[str, str]] = {
    # shared by the readers (maturity.io.kit)
    "problem.formula_named": _both(
        "{what} är en formel som sparats utan sitt värde (skriven av ett skript?); öppna filen "
        "i Excel och spara den så att värdet lagras",
        "{what} is a formula saved without its value (written by a script?); open the file in "
        "Excel and save it so that the value is stored",
    ),
    "problem.no_worksheets": _both(
        "arbetsboken har inga kalkylblad", "the workbook has no worksheets"
    ),
    "problem.sheet_empty": _both("bladet är tomt", "the sheet is empty"),
    "problem.second_column": _both(
        "en andra kolumn för {name!r}; bara den första läses",
        "a second column for {name!r}; only the first is read",
    ),
    # the fields of a header row (maturity.io.kit.ALIASES), as messages name them
    "problem.field.area": _both("Område", "area"),
    "problem.field.activity": _both("Aktivitet", "activity"),
    "problem.field.year": _both("År", "year"),
    "problem.field.status": _both("Status", "status"),
    "problem.field.budget": _both("Budget", "budget"),
    "problem.field.spent": _both("Utfall", "spent"),
    "problem.field.allocated": _both("Anslag", "allocated"),
    "problem.field.risk_id": _both("ID", "ID"),
    "problem.field.date": _both("Datum", "date"),
    "problem.field.threat": _both("Hot", "threat"),
    "problem.field.vulnerability": _both("Sårbarhet", "vulnerability"),
    "problem.field.consequence_text": _both("Konsekvens", "consequence (text)"),
    "problem.field.probability": _both("S", "probability"),
    "problem.field.impact": _both("K", "impact"),
    "problem.field.score": _both("R", "score"),
    "problem.field.action": _both("Åtgärd", "action"),
    # action plan (maturity.io.actionplan)
    "problem.actionplan.no_header": _both(
        "ingen rubrikrad med Område och Aktivitet (eller År och Anslag) bland de första {rows} "
        "raderna; bladet lästes inte",
        "no header row naming Område and Aktivitet (nor År and Anslag) in the first {rows} "
        "rows; the sheet was not read",
    ),
    "problem.actionplan.stray_cell": _both(
        "en cell långt utanför tabellen; lästes inte", "a cell far outside the table; not read"
    ),
    "problem.actionplan.year_empty": _both(
        "År är tomt; raden lästes inte", "År (year) is empty; row not read"
    ),
    "problem.actionplan.year_invalid": _both(
        "År {value!r} är inget årtal; raden lästes inte",
        "År {value!r} is not a year; row not read",
    ),
    "problem.actionplan.amount_invalid": _both(
        "{what} {value!r} är inget belopp (t.ex. 250000, '250 tkr', '1,5 Mkr')",
        "{what} {value!r} is not an amount (e.g. 250000, '250 tkr', '1,5 Mkr')",
    ),
    "problem.actionplan.amount_negative": _both(
        "{what} {value} är negativt", "{what} {value} is negative"
    ),
    "problem.actionplan.allocation_twice": _both(
        "ett andra anslag för {year} (det första i {first}); lästes inte",
        "a second allocation for {year} (first at {first}); not read",
    ),
    "problem.actionplan.allocation_empty": _both(
        "Anslag för {year} är tomt", "Anslag for {year} is empty"
    ),
    "problem.actionplan.no_year_column": _both(
        "ingen kolumn År och bladets namn är inget årtal; bladet lästes inte",
        "no År (year) column and the sheet name is not a year; the sheet was not read",
    ),
    "problem.actionplan.no_field_column": _both(
        "ingen kolumn {column}; fältet lämnas tomt", "no {column} column; the field is left empty"
    ),
    "problem.actionplan.area_empty": _both(
        "Område är tomt och inget område står ovanför; raden lästes inte",
        "Område (area) is empty and no area stands above; row not read",
    ),
    "problem.actionplan.activity_empty": _both(
        "Aktivitet är tom; raden lästes inte", "Aktivitet is empty; row not read"
    ),
    "problem.actionplan.activity_twice": _both(
        "aktiviteten förekommer två gånger i {area} {year} (första gången i {first}); den "
        "andra raden lästes inte",
        "the activity occurs twice in {area} {year} (first at {first}); the second row was not "
        "read",
    ),
    "problem.actionplan.status_empty": _both(
        "Status är tom för {activity!r}", "Status is empty for {activity!r}"
    ),
    "problem.actionplan.status_unknown": _both(
        "Status {value!r} är ingen känd status (planerad, pågående, genomförd, försenad, "
        "struken, eller {statuses})",
        "Status {value!r} is no known status ({statuses}, or planerad, pågående, genomförd, "
        "försenad, struken)",
    ),
    "problem.actionplan.spent_without_budget": _both(
        "Utfall {value} på {activity!r}, som saknar budget; beloppet behålls",
        "Utfall {value} on {activity!r}, which has no budget; the amount is kept",
    ),
    # risk register (maturity.io.risk)
    "problem.risk.no_header": _both(
        "ingen rubrikrad med ID, S och K (Sannolikhet, Konsekvens) bland de första {rows} "
        "raderna; bladet lästes inte",
        "no header row naming ID, S and K (Sannolikhet, Konsekvens) in the first {rows} rows; "
        "the sheet was not read",
    ),
    "problem.risk.second_column": _both(
        "en andra kolumn för {name!r}; bara den första (kolumn {column}) läses",
        "a second column for {name!r}; only the first (column {column}) is read",
    ),
    "problem.risk.stray_cell": _both(
        "en cell långt utanför registret; lästes inte",
        "a cell far outside the register; not read",
    ),
    "problem.risk.no_columns": _both(
        "ingen kolumn {columns}; bladet lästes inte",
        "no {columns} column; the sheet was not read",
    ),
    "problem.risk.no_columns_nor_date": _both(
        "ingen kolumn {columns} och bladets namn är inget datum; bladet lästes inte",
        "no {columns} column and the sheet name is not a date; the sheet was not read",
    ),
    "problem.risk.no_text_column": _both(
        "ingen kolumn {column}; fältet lämnas tomt",
        "no {column} ({name}) column; the field is left empty",
    ),
    "problem.risk.date_empty": _both(
        "Datum är tomt och bladets namn är inget datum; raden lästes inte",
        "Datum is empty and the sheet name is not a date; row not read",
    ),
    "problem.risk.date_invalid": _both(
        "Datum {value!r} är inget datum (ÅÅÅÅ-MM-DD); raden lästes inte",
        "Datum {value!r} is not a date (YYYY-MM-DD); row not read",
    ),
    "problem.risk.id_empty": _both(
        "risken saknar ID; raden lästes inte", "the risk has no ID; row not read"
    ),
    "problem.risk.id_twice": _both(
        "ID {risk_id} förekommer två gånger vid mötet {date} (första gången i "
        "{first}); den andra raden lästes inte",
        "ID {risk_id} occurs twice at the meeting {date} (first at {first}); the "
        "second row was not read",
    ),
    "problem.risk.score_invalid": _both("R {value!r} är inget tal", "R {value!r} is not a number"),
    "problem.risk.score_replaced": _both(
        "R {value!r} är inget tal; S × K = {computed} används",
        "R {value!r} is not a number; S × K = {computed} is used",
    ),
    "problem.risk.score_wrong": _both(
        "R är {typed} men S × K = {s} × {k} = {computed}; {computed} används",
        "R is {typed} but S × K = {s} × {k} = {computed}; {computed} is used",
    ),
    "problem.risk.text_empty": _both(
        "{label} är tomt för risken {risk_id}", "{label} is empty for risk {risk_id}"
    ),
    "problem.risk.level_empty": _both("{label} är tomt", "{label} is empty"),
    "problem.risk.level_invalid": _both(
        "{label} {value!r} är inget heltal 1–5", "{label} {value!r} is not a whole number 1–5"
    ),
    "problem.risk.level_off_scale": _both(
        "{label} {value} ligger utanför 1–5", "{label} {value} is outside 1–5"
    ),
    # the names of risk-register columns in the messages above
    "problem.label.threat_column": _both("Hot", "Hot (threat)"),
    "problem.label.action_column": _both("Åtgärd", "Åtgärd (action)"),
    "problem.label.probability": _both("S (sannolikhet)", "S (probability)"),
    "problem.label.impact": _both("K (konsekvens)", "K (consequence)"),
    # capability map (maturity.io.capability)
    "problem.capability.what_target": _both(
        "målnivån för {capability!r}", "target level of {capability!r}"
    ),
    "problem.capability.what_level": _both(
        "nivån för {organisation} i {capability!r}", "level of {organisation} in {capability!r}"
    ),
    "problem.capability.level_off_scale": _both(
        "{what} {value!r} är ingen nivå på skalan ({scale})",
        "{what} {value!r} is not a level of the scale ({scale})",
    ),
    "problem.capability.level_unknown_label": _both(
        "{what} {value!r} är ingen benämning på nivåskalan ({scale})",
        "{what} {value!r} is no label of the level scale ({scale})",
    ),
    "problem.capability.level_invalid": _both(
        "{what} {value!r} kan inte läsas som en nivå ({scale})",
        "{what} {value!r} cannot be read as a level ({scale})",
    ),
    "problem.capability.no_acceptable_column": _both(
        "nivåbladet saknar kolumnen 'acceptable'/'godtagbar' (ja/nej); ingen nivå räknas som "
        "godtagbar, så inget kan bedömas som otillräckligt",
        "the levels sheet has no 'acceptable'/'godtagbar' column (ja/nej); no level is taken "
        "as acceptable, so nothing can be judged substandard",
    ),
    "problem.capability.level_not_whole": _both(
        "nivån {value!r} är inget heltal", "level {value!r} is not a whole number"
    ),
    "problem.capability.level_twice": _both(
        "nivån {level} är definierad två gånger i nivåbladet",
        "level {level} is defined twice in the levels sheet",
    ),
    "problem.capability.acceptable_invalid": _both(
        "godtagbar {value!r} för nivån {level} är inte ja/nej; tolkas som nej",
        "acceptable {value!r} of level {level} is not ja/nej; taken as nej",
    ),
    "problem.capability.formula": _both(
        "en formel som sparats utan sitt beräknade värde; öppna filen i Excel, låt den räkna "
        "och spara den igen",
        "a formula saved without its computed value; open the file in Excel, let it calculate "
        "and save it again",
    ),
    "problem.capability.stray_cell": _both(
        "en cell långt utanför data; den läses inte", "a cell far outside the data; it is not read"
    ),
    "problem.capability.no_goal": _both(
        "förmågan {capability!r} saknar mål (Mål)", "capability {capability!r} has no goal (Mål)"
    ),
    "problem.capability.no_target": _both(
        "förmågan {capability!r} saknar målnivå (Målnivå)",
        "capability {capability!r} has no target level (Målnivå)",
    ),
    "problem.capability.no_target_column": _both(
        "bladet saknar kolumnen 'Målnivå'/'Target'; målnivåerna saknas",
        "the sheet has no 'Målnivå'/'Target' column; targets are missing",
    ),
    "problem.capability.column_unknown_organisation": _both(
        "kolumn {column} har rubriken {header!r}, som inte är någon känd organisation (eller "
        "ett alias); dess celler godtas inte",
        "column {column} is headed {header!r}, which is no known organisation (nor an alias); "
        "its cells are not accepted",
    ),
    "problem.capability.row_unnamed": _both(
        "rad {row} saknar förmågans namn (Förmåga); cellen godtas inte",
        "row {row} has no capability name (Förmåga); the cell is not accepted",
    ),
    "problem.capability.capability_twice": _both(
        "förmågan {capability!r} förekommer två gånger (första gången i {first}); raden godtas "
        "inte",
        "capability {capability!r} appears twice (first at {first}); this row is not accepted",
    ),
    "problem.capability.level_of_duplicate": _both(
        "en nivå för den dubblerade förmågan {capability!r}; godtas inte",
        "a level of the duplicate capability {capability!r}; not accepted",
    ),
    "problem.capability.level_unknown_column": _both(
        "en nivå i kolumn {column}, som inte anger någon känd organisation; godtas inte",
        "a level in column {column}, which names no known organisation; not accepted",
    ),
    "problem.capability.long_row_unnamed": _both(
        "rad {row} saknar förmågans namn; nivån godtas inte",
        "row {row} has no capability name; the level is not accepted",
    ),
    "problem.capability.unknown_organisation": _both(
        "organisationen {organisation!r} är ingen känd organisation (eller ett alias); nivån "
        "godtas inte",
        "organisation {organisation!r} is no known organisation (nor an alias); the level is "
        "not accepted",
    ),
    "problem.capability.level_twice_for": _both(
        "{organisation} har en andra nivå för {capability!r} (första gången i {first}); godtas "
        "inte",
        "{organisation} has a second level for {capability!r} (first at {first}); not accepted",
    ),
    "problem.capability.no_header": _both(
        "bladet saknar rubrikrad med 'Förmåga'/'Capability'; det läses inte",
        "the sheet has no header row with 'Förmåga'/'Capability'; it is not read",
    ),
    "problem.capability.no_data_sheet": _both(
        "arbetsboken har inget förmågeblad utöver nivåbladet",
        "the workbook has no capability sheet besides the levels sheet",
    ),
    # survey exports (maturity.io.survey)
    "problem.survey.no_organisation": _both(
        "rad {row} saknar organisation ({where})", "row {row} has no organisation ({where})"
    ),
    "problem.survey.unknown_organisation": _both(
        "okänd organisation {organisation!r} i {where}; lägg till den eller ett alias i "
        "kodbokens organisationsblad",
        "unknown organisation {organisation!r} in {where}; add it or an alias to the "
        "codebook's organisations sheet",
    ),
    "problem.survey.file_names_no_organisation": _both(
        "filnamnet {file!r} anger ingen organisation i kodboken och bladet saknar kolumnen "
        "Organisation",
        "the file name {file!r} names no organisation of the codebook and the sheet has no "
        "Organisation column",
    ),
    "problem.survey.no_role": _both(
        "rad {row} saknar roll ({where})", "row {row} has no role ({where})"
    ),
    "problem.survey.unknown_role": _both(
        "okänd roll {role!r} i {where}; kodboken har {roles}",
        "unknown role {role!r} in {where}; the codebook has {roles}",
    ),
    "problem.survey.sheet_names_no_role": _both(
        "bladnamnet {sheet!r} är ingen roll i kodboken ({roles}) och bladet saknar kolumnen Roll",
        "the sheet name {sheet!r} is no role of the codebook ({roles}) and the sheet has no "
        "Roll column",
    ),
    "problem.survey.no_header": _both(
        "ingen rubrikrad hittades: ingen kolumn med namnet Organisation/Kommun och inga "
        "kolumner med kodbokens påståenden som rubrik",
        "no header row found: no column named Organisation/Kommun and no columns headed by "
        "statements of the codebook",
    ),
    "problem.survey.no_statement_columns": _both(
        "rubrikraden har inga påståendekolumner", "the header row has no statement columns"
    ),
    "problem.survey.stray_cell": _both(
        "en cell långt utanför datablocket; ta bort den eller flytta in den i tabellen",
        "a cell far outside the data block; delete it or move it into the table",
    ),
    "problem.survey.unknown_header": _both(
        "kolumnrubriken {header!r} stämmer inte med något påstående i kodboken",
        "the column header {header!r} matches no statement of the codebook",
    ),
    "problem.survey.answer_under_unknown_header": _both(
        "svar under rubriken {header!r} (kolumn {column}), som inte stämmer med något påstående",
        "answer under the header {header!r} (column {column}), which matches no statement",
    ),
    "problem.survey.duplicate_column": _both(
        "kolumn {column} upprepar påståendet i kolumn {first}; dess svar används inte",
        "column {column} repeats the statement of column {first}; its answers are not used",
    ),
    "problem.survey.no_header_above": _both(
        "ett värde i kolumn {column}, som saknar rubrik",
        "a value in column {column}, which has no header",
    ),
    "problem.survey.wave_invalid": _both(
        "vågen {wave!r} i {where} är inget heltal",
        "the wave {wave!r} in {where} is not a whole number",
    ),
    "problem.survey.row_of": _both("{file}:{sheet} rad {row}", "{file}:{sheet} row {row}"),
    "problem.survey.duplicate_respondent": _both(
        "svaranden {respondent!r} ({organisation}, {role}) har redan svarat i {first}; raden "
        "används inte",
        "respondent {respondent!r} ({organisation}, {role}) already answered in {first}; this "
        "row is not used",
    ),
    "problem.survey.formula": _both(
        "en formel som sparats utan sitt beräknade värde (skriven av ett skript?); öppna filen "
        "i Excel, låt den räkna och spara, eller skriv in svaret",
        "a formula saved without its computed value (written by a script?); open the file in "
        "Excel, let it calculate and save, or type the answer",
    ),
    "problem.survey.role_mismatch": _both(
        "påståendet {statement} ställs inte till rollen {role}",
        "statement {statement} is not asked of the role {role}",
    ),
    "problem.survey.off_scale": _both(
        "{value!r} är inget steg på skalan {lo}–{hi}",
        "{value!r} is not a step of the scale {lo}–{hi}",
    ),
    "problem.survey.unknown_label": _both(
        "{value!r} är ingen etikett på kodbokens skala",
        "{value!r} is no label of the codebook's scale",
    ),
    "problem.survey.true_false": _both(
        "en SANT/FALSKT-cell ({value}) kan inte vara ett svar",
        "a TRUE/FALSE cell ({value}) cannot be an answer",
    ),
    "problem.survey.no_data": _both("arbetsboken saknar data", "the workbook has no data"),
}


#: Words of the findings that follow their tests: ties, the Holm-adjusted midpoint verdicts,
#: comparisons over different statements (issue 10).
_CLAIMS: dict[str, dict[str, str]] = {
    "findings.survey.extreme_tie": _both(
        "{who} ger {end} medelvärde, {mean} (lika som det visas), för {k} påståenden: {items}.",
        "{who} give the {end} mean, {mean} (equal as shown), to {k} statements: {items}.",
    ),
    "findings.survey.tie_item": _both("{text} (sd {sd}, n = {n})", "{text} (SD {sd}, n = {n})"),
    "findings.survey.tie_note": _both(" (lika som de visas)", " (equal as shown)"),
    "findings.survey.spread_equal": _both(
        " Spridningen mellan organisationerna är {spread} (sd mellan organisationernas "
        "medelvärden {sd_between}; alla {n_organisations} organisationer har medelvärdet {mean})",
        " The spread between organisations is {spread} (SD of the organisation means "
        "{sd_between}; all {n_organisations} organisations have the mean {mean})",
    ),
    "findings.survey.midpoint_test_all": _both(
        "{who}s medelvärden ligger säkert över skalans mittpunkt {midpoint} för samtliga "
        "{n_all} påståenden (Wilcoxon-test, Holm-korrigerat p < {alpha}); lägst är {text} med "
        "{lowest}{tie}.",
        "All {n_all} means of {who_lower} are reliably above the scale midpoint {midpoint} "
        "(Wilcoxon test, Holm-adjusted p < {alpha}); the lowest is {text} at {lowest}{tie}.",
    ),
    "findings.survey.midpoint_test_some": _both(
        "Av {who_lower}s {n_all} medelvärden är {parts} (Wilcoxon-test mot skalans mittpunkt "
        "{midpoint}, Holm-korrigerat p < {alpha}); lägst är {text} med {lowest}{tie}.",
        "Of the {n_all} means of {who_lower}: {parts} (Wilcoxon test against the scale "
        "midpoint {midpoint}, Holm-adjusted p < {alpha}); the lowest is {text} at {lowest}{tie}.",
    ),
    "findings.survey.midpoint_part.above": _both("{n} över mittpunkten", "{n} above the midpoint"),
    "findings.survey.midpoint_part.below": _both("{n} under mittpunkten", "{n} below the midpoint"),
    "findings.survey.midpoint_part.unclear": _both(
        "{n} inte säkert skilda från mittpunkten", "{n} not reliably different from the midpoint"
    ),
    "findings.survey.role_gap_different": _both(
        "Störst skillnad mellan rollerna finns inom {where}: {first} {mean_1} mot {second} "
        "{mean_2} (skillnad {difference}; {p} efter Holm-korrigering). Jämförelsen gäller "
        "dimensionspoäng över olika påståenden: rollerna svarar inte på samma påståenden "
        "inom {where}.",
        "The largest gap between the roles is in {where}: {first} {mean_1} against {second} "
        "{mean_2} (gap {difference}; {p} after Holm correction). This compares dimension "
        "scores over different statements: the roles do not answer the same statements in "
        "{where}.",
    ),
    "findings.survey.role_gap_none_shared": _both(
        "Rollerna kan inte jämföras: de har inga gemensamma påståenden eller dimensioner.",
        "The roles cannot be compared: they have no statements or dimensions in common.",
    ),
    "findings.survey.role_gap_all_suppressed": _both(
        "Rollerna jämförs inte: i varje jämförelse har en roll för få svarande för att redovisas.",
        "The roles are not compared: in every comparison one role has too few respondents to "
        "be shown.",
    ),
    "findings.survey.never_shown_suppressed": _both(
        " ({roles} redovisas inte i någon organisation)",
        " ({roles} are not shown for any organisation)",
    ),
    "findings.capability.weakest_tie": _both(
        "Organisationerna är svagast på {k} förmågor med samma medelvärde, {mean} (som det "
        "visas): {listed}.",
        "The organisations are weakest at {k} capabilities with the same mean, {mean} (as "
        "shown): {listed}.",
    ),
    "findings.capability.weakest_beyond_tie": _both(
        "Utöver {beyond} är organisationerna svagast på {k} förmågor med samma medelvärde, "
        "{mean} (som det visas): {listed}.",
        "Beyond {beyond}, the organisations are weakest at {k} capabilities with the same "
        "mean, {mean} (as shown): {listed}.",
    ),
    "findings.capability.tie_item_below": _both(
        "{capability} (målnivå {target}; {n_below} av {n} organisationer under målnivån)",
        "{capability} (target level {target}; {n_below} of {n} organisations below it)",
    ),
    "findings.capability.strongest_tie": _both(
        "Starkast är {k} förmågor med samma medelvärde, {mean} (som det visas): {listed}.",
        "Strongest are {k} capabilities with the same mean, {mean} (as shown): {listed}.",
    ),
    "findings.capability.tie_item_best": _both(
        "{capability} (målnivå {target}; högsta nivån för {n_best} av {n_organisations} "
        "organisationer)",
        "{capability} (target level {target}; the highest level of {n_best} of "
        "{n_organisations} organisations)",
    ),
    "findings.capability.tie_suffix": _both(", lika som de visas", ", equal as shown"),
    "findings.capability.goals_equal": _both(
        "Alla {n} mål har samma medelnivå, {mean} (som den visas).",
        "All {n} goals have the same mean level, {mean} (as shown).",
    ),
    "findings.capability.organisations_equal": _both(
        "Alla {n} organisationer har samma medelnivå, {mean} (som den visas).",
        "All {n} organisations have the same mean level, {mean} (as shown).",
    ),
    "figure.role_gap_title_statement": _both("{roles} per påstående", "{roles} by statement"),
    "figure.lowest_tied": _both(
        "De {k} lägsta och de lika med dem (som de visas)",
        "The {k} lowest and those equal to them (as shown)",
    ),
    "figure.role_gap_different": _both(
        "Dimensionspoäng över olika påståenden: rollerna svarar inte på samma påståenden",
        "Dimension scores over different statements: the roles do not answer the same statements",
    ),
}

#: How suppression is explained: one definition for every legend, table note and sentence
#: (maturity.privacy). Primary: fewer than min_n people; secondary: hidden so that a hidden
#: group cannot be worked out from a total.
_PRIVACY: dict[str, dict[str, str]] = {
    "privacy.rule": _both(
        "Grupper med färre än {min_n} personer visar inga värden (primär undertryckning). "
        "Grupper som annars skulle låta en dold grupp räknas fram ur en summa döljs också "
        "(sekundär undertryckning). Den som svarat i flera omgångar räknas som en person.",
        "Groups of fewer than {min_n} people show no values (primary suppression). Groups "
        "that would otherwise let a hidden group be worked out from a total are hidden too "
        "(secondary suppression). Someone who answered in several waves counts as one person.",
    ),
    "privacy.ratio": _both(
        "{suppressed} av {groups} redovisade grupper är undertryckta: {primary} har färre än "
        "{min_n} personer och {secondary} är dolda sekundärt.",
        "{suppressed} of {groups} published groups are suppressed: {primary} have fewer than "
        "{min_n} people and {secondary} are hidden secondarily.",
    ),
    "privacy.column": _both(
        "Undertryckta grupper är markerade i kolumnen {column}.",
        "Suppressed groups are marked in the column {column}.",
    ),
    "privacy.legend": _both(
        "Undertryckt (färre än {min_n} personer eller sekundärt)",
        "Suppressed (fewer than {min_n} people, or secondary)",
    ),
    "privacy.not_shown": _both(
        "Undertryckta (färre än {min_n} personer eller sekundärt), visas inte: {names}",
        "Suppressed (fewer than {min_n} people, or secondary), not shown: {names}",
    ),
    "privacy.role_all": _both(
        "{role}: alla {k} {items} undertryckta (färre än {min_n} personer eller sekundärt)",
        "{role}: all {k} {items} suppressed (fewer than {min_n} people, or secondary)",
    ),
    "privacy.role_all_cells": _both(
        "{role}: alla celler undertryckta (färre än {min_n} personer eller sekundärt), visas inte",
        "{role}: every cell suppressed (fewer than {min_n} people, or secondary), not shown",
    ),
}


#: The steering-group deck and the organisation profiles (``maturity.report.deck``).
_DECK: dict[str, dict[str, str]] = {
    "deck.language": _both("sv-SE", "en-GB"),
    "deck.subtitle": _both("Underlag till styrgruppen", "Material for the steering group"),
    "deck.organisations": _both("{n} organisationer: {names}", "{n} organisations: {names}"),
    "deck.organisations_many": _both("{n} organisationer", "{n} organisations"),
    "deck.survey_waves": _both("Enkätvågor: {waves}", "Survey waves: {waves}"),
    "deck.capability_waves": _both("Förmågekarta: {waves}", "Capability map: {waves}"),
    "deck.capability_assessed": _both(
        "Förmågekarta: {n} organisationer bedömda", "Capability map: {n} organisations assessed"
    ),
    "deck.risk_meetings": _both(
        "Riskregister: {n} möten, {first} till {last}",
        "Risk register: {n} meetings, {first} to {last}",
    ),
    "deck.action_years": _both("Handlingsplan: {years}", "Action plan: {years}"),
    "deck.latest": _both("Senaste uppgifter i underlaget: {date}", "Latest data: {date}"),
    "deck.heading": _both("{topic}: {heading}", "{topic}: {heading}"),
    "deck.finding": _both("Iakttagelse", "Finding"),
    "deck.finding.survey.lowest_statement": _both(
        "lägst bedömda påståendet", "the lowest-rated statement"
    ),
    "deck.finding.survey.highest_statement": _both(
        "högst bedömda påståendet", "the highest-rated statement"
    ),
    "deck.finding.survey.midpoint": _both("över skalans mittpunkt", "above the scale midpoint"),
    "deck.finding.survey.role_gap": _both(
        "skillnad mellan rollerna", "difference between the roles"
    ),
    "deck.finding.survey.largest_change": _both("största förändringen", "the largest change"),
    "deck.finding.survey.suppression": _both(
        "små grupper redovisas inte", "small groups are not shown"
    ),
    "deck.finding.capability.substandard": _both(
        "undermåliga förmågor", "substandard capabilities"
    ),
    "deck.finding.capability.weakest": _both("svagaste förmågan", "the weakest capability"),
    "deck.finding.capability.strongest": _both("starkaste förmågan", "the strongest capability"),
    "deck.finding.capability.below_target": _both(
        "förmågor under målnivån", "capabilities below the target level"
    ),
    "deck.finding.capability.goals": _both("målen", "the goals"),
    "deck.finding.capability.organisations": _both(
        "skillnader mellan organisationerna", "differences between the organisations"
    ),
    "deck.finding.risk.top_risks": _both("de högsta riskerna", "the highest risks"),
    "deck.finding.risk.levels": _both("risker per nivå", "risks by level"),
    "deck.finding.risk.changes": _both(
        "förändringar sedan förra mötet", "changes since the previous meeting"
    ),
    "deck.finding.risk.wrong_scores": _both("felaktiga riskvärden", "wrong risk scores"),
    "deck.finding.actionplan.share_done": _both("genomförda aktiviteter", "activities done"),
    "deck.finding.actionplan.budget_use": _both("budgetutnyttjande", "budget use"),
    "deck.finding.actionplan.carried_over": _both(
        "försenade och överförda aktiviteter", "delayed and carried-over activities"
    ),
    "deck.capability_title": _both(
        "Förmågekartan och gapen till målbilden", "The capability map and its gaps to the target"
    ),
    "deck.gaps_heading": _both("Störst gap till målnivån", "Largest gaps to the target level"),
    "deck.gap_line": _both(
        "{capability}: {mean} mot målnivå {target} ({gap})",
        "{capability}: {mean} against target {target} ({gap})",
    ),
    "deck.gaps_more": _both(
        "{n} förmågor av {total} ligger under sin målnivå.",
        "{n} of {total} capabilities are below their target level.",
    ),
    "deck.no_gaps": _both(
        "Alla förmågor når sin målnivå.", "Every capability reaches its target level."
    ),
    "deck.risk_title": _both("Risker: matris och trend", "Risks: matrix and trend"),
    "deck.risk_caption": _both(
        "Senaste mötet {date}: {n} risker, högsta riskvärde R = {max}, medelvärde {mean}.",
        "Latest meeting {date}: {n} risks, highest score R = {max}, mean {mean}.",
    ),
    "deck.action_title": _both(
        "Handlingsplanen: status och budget", "The action plan: status and budget"
    ),
    "deck.action_line": _both(
        "{year}: {done} av {n} aktiviteter genomförda; utfall {spent} av {allocated} ({share})",
        "{year}: {done} of {n} activities done; spent {spent} of {allocated} ({share})",
    ),
    "deck.method_title": _both("Metod och underlag", "Method and data"),
    "deck.method_scale": _both(
        "Enkätens svarsskala {low}–{high}, mittpunkt {midpoint}.",
        "The survey's answer scale is {low}–{high}, midpoint {midpoint}.",
    ),
    "deck.method_alpha": _both(
        "Reliabilitet: Cronbachs alfa per roll och dimension från {low} till {high}.",
        "Reliability: Cronbach's alpha per role and dimension from {low} to {high}.",
    ),
    "deck.method_read": _both("Läst och avvisat", "Read and rejected"),
    "deck.method_problem": _both("{topic}: {kind} ({n})", "{topic}: {kind} ({n})"),
    "deck.method_log": _both(
        "Alla problem med cell och orsak: {log}", "Every problem with its cell and reason: {log}"
    ),
    "deck.notes": _both("Siffror bakom iakttagelsen", "The numbers behind the finding"),
    "deck.notes_figure": _both("Figur: {name}", "Figure: {name}"),
    "cli.organisation": _both(
        "skriv bara profilen för denna organisation (reports/organisationer/NAMN.pptx)",
        "write the profile of this organisation only (reports/organisationer/NAME.pptx)",
    ),
    "deck.profile_title": _both("{organisation}: profil", "{organisation}: profile"),
    "deck.profile_subtitle": _both(
        "Organisationens resultat mot målbilden och mot alla organisationer",
        "The organisation's results against the target and against all organisations",
    ),
    "deck.profile_capability_title": _both(
        "{organisation}: förmågor mot målnivå och gruppens medel",
        "{organisation}: capabilities against target and the group mean",
    ),
    "deck.profile_capability": _both("Förmåga", "Capability"),
    "deck.profile_level": _both("Nivå", "Level"),
    "deck.profile_target": _both("Målnivå", "Target"),
    "deck.profile_group_mean": _both("Alla (medel)", "All (mean)"),
    "deck.profile_strongest": _both(
        "Starkast: {names} (nivå {level})", "Strongest: {names} (level {level})"
    ),
    "deck.profile_weakest": _both(
        "Svagast: {names} (nivå {level})", "Weakest: {names} (level {level})"
    ),
    "deck.profile_at_target": _both(
        "{n} av {total} förmågor når målnivån.", "{n} of {total} capabilities reach the target."
    ),
    "deck.profile_survey_title": _both(
        "{organisation}: enkäten {wave} per dimension",
        "{organisation}: the {wave} survey by dimension",
    ),
    "deck.profile_role": _both("Roll", "Role"),
    "deck.profile_dimension": _both("Dimension", "Dimension"),
    "deck.profile_mean_n": _both("Medel (n)", "Mean (n)"),
    "deck.profile_all": _both("Alla organisationer", "All organisations"),
    "deck.profile_suppressed": _both(
        "{role}: färre än {min_n} svarande i {organisation}, så deras svar redovisas inte här.",
        "{role}: fewer than {min_n} respondents in {organisation}, so their answers are not shown here.",
    ),
    "deck.profile_no_survey": _both(
        "{organisation} har inga enkätsvar.", "{organisation} has no survey answers."
    ),
    "deck.profile_change_title": _both(
        "{organisation}: förändring {from_wave}–{to_wave}",
        "{organisation}: change {from_wave}–{to_wave}",
    ),
    "deck.profile_change": _both("Förändring", "Change"),
    "deck.profile_no_change": _both(
        "{role}: färre än {min_n} svarande i någon av vågorna, så förändringen redovisas inte.",
        "{role}: fewer than {min_n} respondents in one of the waves, so the change is not shown.",
    ),
}


_HOSTILE: dict[str, dict[str, str]] = {
    "report.topic.files": _both("Filer", "Files"),
    "value.problem.file_not_read": _both("fil läses inte", "file not read"),
    "hostile.not_read_line": _both("läses inte: {file}: {why}", "not read: {file}: {why}"),
    "problem.hostile.file_not_read": _both(
        "filen läses inte: {why}", "the file is not read: {why}"
    ),
    "problem.hostile.not_read.xls": _both(
        "en gammal Excel 97–2003-fil (.xls); öppna den i Excel och spara som .xlsx",
        "an old Excel 97-2003 file (.xls); open it in Excel and save it as .xlsx",
    ),
    "problem.hostile.not_read.xlsb": _both(
        "en binär Excel-arbetsbok (.xlsb); spara den som .xlsx",
        "a binary Excel workbook (.xlsb); save it as .xlsx",
    ),
    "problem.hostile.not_read.ods": _both(
        "ett OpenDocument-kalkylark (.ods); spara det som .xlsx",
        "an OpenDocument spreadsheet (.ods); save it as .xlsx",
    ),
    "problem.hostile.not_read.other_spreadsheet": _both(
        "ett kalkylark i ett annat format; spara det som .xlsx",
        "a spreadsheet in another format; save it as .xlsx",
    ),
    "problem.hostile.not_read.lock_file": _both(
        "Excels låsfil (arbetsboken är öppen i Excel); stäng den",
        "Excel's lock file (the workbook is open in Excel); close it",
    ),
    "problem.hostile.not_read.not_workbook": _both(
        "ingen Excel-arbetsbok (.xlsx); flytta den ur mappen om den inte hör dit",
        "not an Excel workbook (.xlsx); move it out of the folder if it does not belong there",
    ),
    "problem.hostile.excel_error": _both(
        "{what} innehåller ett Excel-felvärde i stället för ett värde; rätta formeln eller "
        "skriv in värdet",
        "{what} holds an Excel error value instead of a value; correct the formula or type the "
        "value",
    ),
    "problem.hostile.this_cell": _both("cellen", "the cell"),
    "problem.hostile.this_answer": _both("svaret", "the answer"),
    "problem.hostile.level_implausible": _both(
        "nivån {value} är ingen rimlig mognadsnivå (tillåtet {low}–{high}); raden läses inte",
        "level {value} is not a plausible maturity level (allowed {low}-{high}); the row is "
        "not read",
    ),
    "value.problem.implausible_value": _both("orimligt värde", "implausible value"),
    "value.problem.excel_error": _both("Excel-felvärde", "Excel error value"),
    "problem.hostile.amount_in_kronor": _both(
        "{what}: {value} {unit} är inget rimligt belopp; är kolumnen i kronor? Ändra rubrikens "
        "enhet eller beloppen",
        "{what}: {value} {unit} is not a plausible amount; is the column in kronor? Correct the "
        "header's unit or the amounts",
    ),
    "problem.hostile.amount_implausible": _both(
        "{what}: {value} är inget rimligt belopp (över {limit} Mkr); beloppet lämnas tomt",
        "{what}: {value} is not a plausible amount (over {limit} Mkr); the amount is left empty",
    ),
    # hostile and careless input (issue 14): report, command line and reader messages
    "hostile.problems_cut": _both(
        "… och {more} problem till som inte ryms på bladet (de första {n} visas); alla finns i "
        "problems.csv",
        "… and {more} more problems that do not fit on the sheet (the first {n} are shown); all "
        "are in problems.csv",
    ),
    "hostile.os_error": _both(
        "{path}: {reason}; kontrollera att filen eller mappen finns och att du får läsa och "
        "skriva den",
        "{path}: {reason}; check that the file or folder exists and that you may read and write it",
    ),
}


_DEMO_DATA: dict[str, dict[str, str]] = {
    "cli.demo_directory": _both(
        "mapp att skriva demodata i (standard: data/raw)",
        "folder to write the demo data into (default: data/raw)",
    ),
    "cli.demo_force": _both(
        "skriv de demofiler som saknas även om mappen har andra filer; en fil som demon inte "
        "skrev ersätts aldrig",
        "write the missing demo files even when the folder holds other files; a file the demo "
        "did not write is never replaced",
    ),
    "cli.demo_refused": _both(
        "{directory} innehåller {n} fil(er) som demogeneratorn inte skrev, först {path}; inget "
        "skrevs. Välj en tom eller ny mapp, eller lägg till --force (force=True) för att bara "
        "skriva de demofiler som saknas; dina filer ersätts aldrig",
        "{directory} holds {n} file(s) the demo generator did not write, first {path}; nothing "
        "was written. Choose an empty or new folder, or add --force (force=True) to write only "
        "the missing demo files; your files are never replaced",
    ),
    "cli.demo_wrote": _both(
        "skrev {n} demofiler till {directory}", "wrote {n} demo files to {directory}"
    ),
    "cli.demo_unchanged": _both(
        "{n} demofiler i {directory} var redan oförändrade och lämnades orörda",
        "{n} demo files in {directory} were already identical and left untouched",
    ),
    "cli.demo_skipped": _both(
        "behöll {path}: filen skrevs inte av demon, så demofilen skrevs inte",
        "kept {path}: the demo did not write it, so its demo file was not written",
    ),
}


#: Personal data, duplicate exports, organisation names in file names (issue 14, second part).
_HOSTILE2: dict[str, dict[str, str]] = {
    "value.problem.duplicate_export": _both("kopierad export", "duplicate export"),
    "problem.survey.copy_of_earlier": _both(
        "en kopia av {first}, som redan är inläst; den läses inte (svaren skulle räknas två "
        "gånger)",
        "a copy of {first}, which is already read; it is not read (its answers would count twice)",
    ),
    "problem.survey.file_names_two_organisations": _both(
        "filnamnet {file!r} anger flera organisationer ({organisations}) och bladet saknar "
        "kolumnen Organisation; dela filen eller byt namn på den",
        "the file name {file!r} names several organisations ({organisations}) and the sheet "
        "has no Organisation column; split the file or rename it",
    ),
    "cli.secret_file": _both(
        "fil med nyckeln till svarandenas pseudonymer (standard: $MATURITY_SECRET, annars "
        "RAW/.maturity-secret, som skapas vid behov)",
        "file holding the key of the respondents' pseudonyms (default: $MATURITY_SECRET, else "
        "RAW/.maturity-secret, created when needed)",
    ),
}


_SLIDE_FIGURES: dict[str, dict[str, str]] = {
    # figures that fit a slide at any number of organisations (maturity.plots)
    "figure.capability_distribution_title": _both(
        "Förmågekarta: andel organisationer per nivå och förmåga",
        "Capability map: share of organisations at each level by capability",
    ),
    "figure.share_organisations": _both(
        "Andel av de {n} bedömda organisationerna",
        "Share of the {n} assessed organisations",
    ),
    "figure.gap_to_target": _both("Till mål", "To target"),
    "figure.gap_band": _both("Avstånd till målnivån", "Gap to the target level"),
    "figure.organisation_distribution_title": _both(
        "Organisationernas medelvärden per dimension",
        "Organisation means by dimension",
    ),
    "figure.organisation_distribution_axis": _both(
        "Organisationens medelvärde; varje punkt är en organisation ({n} organisationer), "
        "lådan de mittersta 50 %",
        "Organisation mean; each dot is one organisation ({n} organisations), "
        "the box the middle 50%",
    ),
    "figure.group_title": _both("Medelvärde per jämförelsegrupp", "Mean by comparison group"),
    "figure.capability_group_title": _both(
        "Förmågekarta: medelnivå per förmåga och jämförelsegrupp",
        "Capability map: mean level by capability and comparison group",
    ),
    "figure.group_n": _both("{group} ({n} org.)", "{group} ({n} org.)"),
    "figure.organisations_suppressed": _both(
        "{role}: {k} organisationer har färre än {min_n} personer och visas inte",
        "{role}: {k} organisations have fewer than {min_n} people and are not shown",
    ),
    "report.figure_untitled": _both("Figur", "Figure"),
    "figure.all_groups": _both("Alla", "All"),
    # captions: the summary's heading of each figure (maturity.sections)
    "figure.caption.distribution": _both(
        "{role}, {dimension}: svarsfördelning",
        "{role}, {dimension}: distribution of answers",
    ),
    "figure.caption.means": _both(
        "{role}: medelvärde per påstående",
        "{role}: mean per statement",
    ),
    "figure.caption.priorities": _both(
        "Förmågor under målnivån och aktiviteterna som bidrar till dem",
        "Capabilities below target and the activities that serve them",
    ),
    "figure.caption.role_gap": _both("{roles} per dimension", "{roles} by dimension"),
    "figure.caption.organisations": _both(
        "Medelvärde per organisation och dimension",
        "Mean by organisation and dimension",
    ),
    "figure.caption.organisation_distribution": _both(
        "Organisationernas medelvärden per dimension",
        "Organisation means by dimension",
    ),
    "figure.caption.groups": _both(
        "Medelvärde per jämförelsegrupp och dimension",
        "Mean by comparison group and dimension",
    ),
    "figure.caption.change": _both(
        "Förändring per dimension, {waves}", "Change by dimension, {waves}"
    ),
    "figure.caption.change_statements": _both(
        "{role}: förändring per påstående, {waves}",
        "{role}: change by statement, {waves}",
    ),
    "figure.caption.capability_heatmap": _both(
        "Förmågekarta: nivå per förmåga och organisation",
        "Capability map: level by capability and organisation",
    ),
    "figure.caption.capability_distribution": _both(
        "Förmågekarta: andel organisationer per nivå och förmåga",
        "Capability map: share of organisations at each level by capability",
    ),
    "figure.caption.capability_groups": _both(
        "Förmågekarta: medelnivå per jämförelsegrupp",
        "Capability map: mean level by comparison group",
    ),
    "figure.caption.radar_lowest": _both(
        "{organisation}, den organisation som har lägst medelnivå: nivå per mål",
        "{organisation}, the organisation with the lowest mean level: level by goal",
    ),
    "figure.caption.radar_highest": _both(
        "{organisation}, den organisation som har högst medelnivå: nivå per mål",
        "{organisation}, the organisation with the highest mean level: level by goal",
    ),
    "figure.caption.capability_bars": _both(
        "Förmågornas medelnivå och avstånd till målnivån",
        "Mean level of the capabilities and gap to the target",
    ),
    "figure.caption.risk_matrix_latest": _both(
        "Riskmatris vid det senaste mötet, {date}", "Risk matrix at the latest meeting, {date}"
    ),
    "figure.caption.risk_matrix": _both(
        "Riskmatris vid mötet {date}", "Risk matrix at the meeting of {date}"
    ),
    "figure.caption.risk_trend": _both(
        "Riskvärde R per möte, {period}", "Risk score R by meeting, {period}"
    ),
    "figure.caption.action_status": _both(
        "Aktiviteternas status per område, {years}", "Status of activities by area, {years}"
    ),
    "figure.caption.budget": _both(
        "Anslag, budget och utfall per år, {years}",
        "Allocation, budget and spending by year, {years}",
    ),
}


#: English column headers of the report workbook (the Swedish ones are ``_COLUMNS_SV``).
_COLUMNS_EN = {
    "role": "Role",
    "respondent": "Respondent",
    "statement": "Statement",
    "text": "Text",
    "dimension": "Dimension",
    "organisation": "Organisation",
    "wave": "Wave",
    "answer": "Answer",
    "scale_min": "Scale minimum",
    "scale_max": "Scale maximum",
    "reverse": "Reversed",
    "n_respondents": "Respondents",
    "n": "Answers",
    "n_dont_know": "Don't know",
    "mean": "Mean",
    "sd": "Standard deviation",
    "se": "Standard error",
    "ci95_low": "95 % CI low",
    "ci95_high": "95 % CI high",
    "median": "Median",
    "q1": "Quartile 1",
    "q3": "Quartile 3",
    "share_top2": "Share top two",
    "share_bottom2": "Share bottom two",
    "suppressed": "Suppressed",
    "pooled_mean": "Mean (all respondents)",
    "n_organisations": "Organisations",
    "n_organisations_hidden": "Organisations suppressed",
    "mean_of_means": "Mean of the organisations' means",
    "sd_between": "Standard deviation between organisations",
    "min_organisation": "Lowest organisation",
    "min_mean": "Lowest mean",
    "max_organisation": "Highest organisation",
    "max_mean": "Highest mean",
    "end": "End",
    "rank": "Rank",
    "midpoint": "Midpoint",
    "difference": "Difference",
    "statistic": "Test statistic",
    "p": "p",
    "p_holm": "p (Holm)",
    "above": "Above the midpoint",
    "n_statements": "Statements",
    "n_suppressed": "Suppressed statements",
    "n_above": "Statements above the midpoint",
    "all_above": "All above the midpoint",
    "lowest_statement": "Lowest statement",
    "lowest_text": "Lowest statement's text",
    "lowest_mean": "Lowest mean",
    "role_1": "Role 1",
    "role_2": "Role 2",
    "n_respondents_1": "Respondents role 1",
    "n_respondents_2": "Respondents role 2",
    "n_1": "Answers role 1",
    "n_2": "Answers role 2",
    "mean_1": "Mean role 1",
    "mean_2": "Mean role 2",
    "u": "U",
    "rank_biserial": "Rank-biserial correlation",
    "alpha": "Cronbach's alpha",
    "n_items": "Statements in the dimension",
    "item_rest_r": "Correlation with the rest",
    "alpha_if_deleted": "Alpha without the statement",
    "from_wave": "From wave",
    "to_wave": "To wave",
    "n_respondents_from": "Respondents before",
    "n_respondents_to": "Respondents after",
    "n_from": "Answers before",
    "n_to": "Answers after",
    "mean_from": "Mean before",
    "mean_to": "Mean after",
    "p_mannwhitney": "p (Mann–Whitney)",
    "capability": "Capability",
    "goal": "Goal",
    "level": "Level",
    "target": "Target level",
    "gap": "Gap to target",
    "share_below_target": "Share below target",
    "substandard": "Substandard",
    "n_not_assessed": "Not assessed",
    "min": "Lowest",
    "max": "Highest",
    "n_capabilities": "Capabilities",
    "n_substandard": "Substandard capabilities",
    "strongest": "Strongest capability",
    "strongest_level": "Strongest level",
    "weakest": "Weakest capability",
    "weakest_level": "Weakest level",
    "n_at_or_above_target": "At or above target",
    "n_with_target": "With a target",
    "share_at_or_above_target": "Share at or above target",
    "n_substandard_cells": "Substandard assessments",
    "risk_id": "ID",
    "date": "Date",
    "threat": "Threat",
    "vulnerability": "Vulnerability",
    "consequence_text": "Consequence",
    "probability": "P",
    "impact": "I",
    "score": "R",
    "typed_score": "R (as typed)",
    "action": "Action",
    "previous_score": "Previous R",
    "delta": "Change of R",
    "change": "Change",
    "n_risks": "Risks",
    "max_score": "Highest R",
    "min_score": "Lowest R",
    "mean_score": "Mean R",
    "n_new": "New",
    "n_raised": "Raised",
    "n_lowered": "Lowered",
    "n_unchanged": "Unchanged",
    "n_closed": "Closed",
    "label": "Label",
    "label_sv": "Label (Swedish)",
    "label_en": "Label (English)",
    "area": "Area",
    "activity": "Activity",
    "year": "Year",
    "status": "Status",
    "budget": "Budget",
    "spent": "Spent",
    "allocated": "Allocation",
    "budgeted": "Budgeted",
    "utilisation": "Spent of allocation",
    "spent_of_budgeted": "Spent of budgeted",
    "n_activities": "Activities",
    "n_planned": "Planned",
    "n_ongoing": "Ongoing",
    "n_done": "Done",
    "n_delayed": "Delayed",
    "n_cancelled": "Cancelled",
    "n_unknown": "Status unknown",
    "share_done": "Share done",
    "n_carried_over": "Delayed or carried over",
    "to_year": "To year",
    "reason": "Reason",
    "source": "Source (file:sheet:cell)",
    "kind": "Kind of problem",
    "value": "Value",
    "message": "Description",
    "section": "Part",
    "serves": "Serves",
    "n_below_target": "Organisations below target",
    "n_assessed": "Organisations assessed",
    "mean_gap": "Mean gap to target",
    "max_gap": "Largest gap to target",
    "activities": "Activities that address it",
    "risks": "Open risks that address it",
    "n_addressing": "Activities",
    "n_open_risks": "Open risks",
    "unaddressed": "Candidate for the next plan",
}

#: Swedish headers of the columns that only this table adds.
_COLUMNS_SV_MORE = {
    "label": "Benämning",
    "serves": "Bidrar till",
    "n_below_target": "Organisationer under målnivå",
    "n_assessed": "Organisationer bedömda",
    "mean_gap": "Genomsnittligt gap mot målnivå",
    "max_gap": "Största gap mot målnivå",
    "activities": "Aktiviteter som bidrar",
    "risks": "Öppna risker som berör",
    "n_addressing": "Aktiviteter",
    "n_open_risks": "Öppna risker",
    "unaddressed": "Kandidat till nästa plan",
}

#: English headers that mean something else in one table (``header.<table>.<column>``).
_TABLE_COLUMNS_EN = {
    "capability_summary.n": "Assessments",
    "capability_goals.n": "Assessments",
    "capability_organisations.n": "Assessments",
    "risk_levels.n": "Risks",
    "actionplan_status.n": "Activities",
}

#: The deliverable: workbook headers in both languages, the contents sheet, priorities for the
#: next plan, notebook tables.
_DELIVERABLE: dict[str, dict[str, str]] = {
    **{
        f"header.{name}": _both({**_COLUMNS_SV, **_COLUMNS_SV_MORE}[name], en)
        for name, en in _COLUMNS_EN.items()
    },
    **{
        f"header.{name}": _both(_TABLE_COLUMNS_SV[name], en)
        for name, en in _TABLE_COLUMNS_EN.items()
    },
    "sheet.contents": _both("Innehåll", "Contents"),
    "sheet.priorities": _both("Prioriteringar", "Priorities"),
    "contents.sheet": _both("Blad", "Sheet"),
    "contents.rows": _both("Rader", "Rows"),
    "contents.back": _both("Till innehållet", "Back to contents"),
    "problem.field.serves": _both("Förmåga/mål", "capability or goal served"),
    "report.topic.priorities": _both("Prioriteringar", "Priorities"),
    "report.topic_definite.priorities": _both("Prioriteringarna", "The priorities"),
    "value.section.priorities": _both("Prioriteringar", "Priorities"),
    "priorities.finding.none": _both(
        "Ingen av {total} förmågor ligger under sin målnivå.",
        "None of {total} capabilities is below its target level.",
    ),
    "priorities.finding.below": _both(
        "{n} av {total} förmågor ligger under målnivån; störst är gapet för {capability} "
        "({gap} nivåer, {below} av {assessed} organisationer under målnivån).",
        "{n} of {total} capabilities are below their target level; the gap is largest for "
        "{capability} ({gap} levels, {below} of {assessed} organisations below target).",
    ),
    "priorities.finding.below_one": _both(
        "1 av {total} förmågor ligger under målnivån: {capability} ({gap} nivåer, {below} av "
        "{assessed} organisationer under målnivån).",
        "1 of {total} capabilities is below its target level: {capability} ({gap} levels, "
        "{below} of {assessed} organisations below target).",
    ),
    "priorities.finding.candidate_one": _both(
        "Den har ingen aktivitet i handlingsplanen och är en kandidat till nästa plan.",
        "It has no activity in the action plan and is a candidate for the next plan.",
    ),
    "priorities.finding.all_addressed": _both(
        "Handlingsplanen har minst en aktivitet för var och en av dem.",
        "The action plan has at least one activity for each of them.",
    ),
    "priorities.finding.candidates": _both(
        "{k} av dem har ingen aktivitet i handlingsplanen och är kandidater till nästa plan: "
        "{names}.",
        "{k} of them have no activity in the action plan and are candidates for the next "
        "plan: {names}.",
    ),
    "priorities.finding.no_link": _both(
        "Handlingsplanen anger inte vilken förmåga eller vilket mål aktiviteterna bidrar till "
        "(kolumnen Förmåga/mål), så vad som saknar aktivitet går inte att säga.",
        "The action plan does not say which capability or goal its activities serve (column "
        "Förmåga/mål), so what no activity addresses cannot be told.",
    ),
    "priorities.title": _both(
        "Förmågor under målnivån och vad som adresserar dem",
        "Capabilities below target and what addresses them",
    ),
    "priorities.gap_axis": _both("Gap mot målnivå (nivåer)", "Gap to target (levels)"),
    "priorities.addressed": _both("Har aktivitet i handlingsplanen", "Has an activity in the plan"),
    "priorities.unaddressed": _both(
        "Ingen aktivitet: kandidat till nästa plan", "No activity: candidate for the next plan"
    ),
    "priorities.bar_label": _both(
        "{below} av {assessed} org. · aktiviteter: {activities} · öppna risker: {risks}",
        "{below} of {assessed} org. · activities: {activities} · open risks: {risks}",
    ),
    "priorities.none": _both(
        "Ingen förmåga ligger under sin målnivå.", "No capability is below its target level."
    ),
    "priorities.slide_title": _both(
        "Prioriteringar inför nästa plan", "Priorities for the next plan"
    ),
    "priorities.slide_heading": _both("Kandidater till nästa plan", "Candidates for the next plan"),
    "priorities.slide_line": _both(
        "{capability}: gap {gap}, {below} av {assessed} organisationer",
        "{capability}: gap {gap}, {below} of {assessed} organisations",
    ),
    "priorities.slide_none": _both(
        "Alla förmågor under målnivån har en aktivitet i handlingsplanen.",
        "Every capability below target has an activity in the action plan.",
    ),
}


#: Reliability of the survey's dimensions (Cronbach's alpha beside every dimension score), the
#: midpoint, ranking and organisation-tie columns, and their findings.
_RELIABILITY: dict[str, dict[str, str]] = {
    "column.alpha_low": _both("Alfa KI 95 % nedre", "Alpha 95 % CI low"),
    "column.alpha_high": _both("Alfa KI 95 % övre", "Alpha 95 % CI high"),
    "column.n_alpha": _both("Antal svarande för alfa", "Respondents for alpha"),
    "column.reliable": _both("Tillförlitlig skala (alfa minst 0,6)", "Reliable scale (alpha 0.6+)"),
    **{
        f"column.{name}{suffix}": _both(f"{sv} {where_sv}", f"{en} {where_en}")
        for suffix, where_sv, where_en in (
            ("_1", "roll 1", "role 1"),
            ("_2", "roll 2", "role 2"),
            ("_from", "före", "before"),
            ("_to", "efter", "after"),
        )
        for name, sv, en in (
            ("alpha", "Cronbachs alfa", "Cronbach's alpha"),
            ("alpha_low", "Alfa KI 95 % nedre", "Alpha 95 % CI low"),
            ("alpha_high", "Alfa KI 95 % övre", "Alpha 95 % CI high"),
            ("n_alpha", "Antal svarande för alfa", "Respondents for alpha"),
            ("reliable", "Tillförlitlig skala", "Reliable scale"),
        )
    },
    "column.n_below": _both("Antal under mittpunkten", "Statements below the midpoint"),
    "column.n_not_different": _both(
        "Antal inte säkert skilda från mittpunkten", "Statements not clearly off the midpoint"
    ),
    "column.n_lowest": _both("Antal med lägsta medelvärdet", "Statements at the lowest mean"),
    "column.n_min_organisations": _both(
        "Antal lägst organisationer", "Organisations at the lowest mean"
    ),
    "column.n_max_organisations": _both(
        "Antal högst organisationer", "Organisations at the highest mean"
    ),
    "findings.survey.in_wave": _both("Enkäten {wave}:", "Survey {wave}:"),
    "findings.survey.reliability_low": _both(
        "Påståendena i {dimension} mäter inte samma sak för {who} i {wave} (Cronbachs α = "
        "{alpha}, 95 % KI {low}–{high}, under {threshold}), så dimensionens medelvärde är inte "
        "tillförlitligt och markeras så i tabeller och figurer.",
        "The statements of {dimension} do not measure the same thing for {who} in {wave} "
        "(Cronbach's α = {alpha}, 95% CI {low}–{high}, below {threshold}), so the dimension's "
        "mean is not reliable and is marked so in tables and figures.",
    ),
    "findings.survey.reliability_ok": _both(
        "Påståendena inom varje dimension hänger ihop: Cronbachs α är {low}–{high} per roll och "
        "dimension ({waves}), minst {threshold} överallt, så dimensionernas medelvärden kan "
        "användas.",
        "The statements within every dimension hang together: Cronbach's α is {low}–{high} per "
        "role and dimension ({waves}), at least {threshold} everywhere, so the dimension means "
        "can be used.",
    ),
    # no-break spaces: a wrapped tick label never parts "α = 0,82"
    "figure.alpha_label": _both(
        "{dimension} (α\u00a0=\u00a0{alpha})", "{dimension} (α\u00a0=\u00a0{alpha})"
    ),
    "figure.alpha_label_low": _both(
        "{dimension} (α\u00a0=\u00a0{alpha}, ej\u00a0tillförlitlig)",
        "{dimension} (α\u00a0=\u00a0{alpha}, unreliable)",
    ),
    "figure.alpha_pair": _both(
        "{dimension} (α\u00a0=\u00a0{first} resp.\u00a0{second})",
        "{dimension} (α\u00a0=\u00a0{first} and\u00a0{second})",
    ),
    "figure.alpha_pair_low": _both(
        "{dimension} (α\u00a0=\u00a0{first} resp.\u00a0{second}, ej\u00a0tillförlitlig)",
        "{dimension} (α\u00a0=\u00a0{first} and\u00a0{second}, unreliable)",
    ),
}


#: Survey-tool exports (issue 12): skipped columns, header shapes, where identity came from.
_EXPORTS_HEADERS: dict[str, dict[str, str]] = {
    "value.problem.skipped_column": _both("överhoppad kolumn", "skipped column"),
    "value.problem.header_mismatch": _both("rubrik stämmer inte", "header mismatch"),
    "problem.exports.free_text_skipped": _both(
        "kolumnen {header!r} är fritext och läses inte; dess {n} svar visas aldrig",
        "the column {header!r} is free text and is not read; its {n} answers are never shown",
    ),
    "problem.exports.header_mismatch": _both(
        "rubriken {header!r} anger påståendet {statement} men har texten för {other}; kolumnen "
        "läses inte: rätta rubriken",
        "the header {header!r} names statement {statement} but has the text of {other}; the "
        "column is not read: correct the header",
    ),
    "problem.exports.no_wave": _both(
        "filen {file!r} har ingen våg (ingen kolumn Våg/Wave och inget fristående årtal i "
        "filnamnet) men andra filer har; ange vågen med wave= eller ett årtal i filnamnet",
        "the file {file!r} has no wave (no Våg/Wave column and no year standing alone in its "
        "name) while other files have one; give the wave with wave= or a year in the file name",
    ),
}


_EXPORTS_INPUT: dict[str, dict[str, str]] = {
    # survey exports as text and SPSS files; the codebook drafter (maturity init)
    "problem.exports.not_read.not_delimited": _both(
        "en textfil utan kolumner (ingen CSV-export); flytta den ur mappen om den inte hör dit",
        "a text file without columns (no CSV export); move it out of the folder if it does "
        "not belong there",
    ),
    # maturity init: the drafted codebook's notes sheet
    "exports.dimension": _both("Alla påståenden", "All statements"),
    "exports.notes_sheet": _both("att kontrollera", "to check"),
    "exports.notes_header.topic": _both("område", "topic"),
    "exports.notes_header.where": _both("var", "where"),
    "exports.notes_header.note": _both("att kontrollera", "what to check"),
    "exports.topic.roles": _both("roller", "roles"),
    "exports.topic.left_out": _both("kolumn utelämnad", "column left out"),
    "exports.topic.statements": _both("påståenden", "statements"),
    "exports.topic.scale": _both("skala", "scale"),
    "exports.topic.organisations": _both("organisationer", "organisations"),
    "exports.note.role_from_sheet": _both(
        "ingen rollkolumn: rollen heter som bladet ({role}); byt namn på rollen i både "
        "påståenden och roller om du vill, och lägg till rollens benämningar",
        "no role column: the role is named after the sheet ({role}); rename it in statements "
        "and roles if you like, and add its display names",
    ),
    "exports.note.left_out_time": _both(
        "kolumnen innehåller tider eller datum och är inget påstående; den läses inte",
        "the column holds times or dates and is no statement; it is not read",
    ),
    "exports.note.left_out_free_text": _both(
        "kolumnen har för många olika svar för en svarsskala (fritext?) och är inget "
        "påstående; svaren kopieras inte",
        "the column has too many different answers for an answer scale (free text?) and is no "
        "statement; its answers are not copied",
    ),
    "exports.note.left_out_numbers": _both(
        "kolumnen innehåller decimaltal och är inget påstående på en skala; den läses inte",
        "the column holds decimal numbers and is no statement on a scale; it is not read",
    ),
    "exports.note.left_out_other_scale": _both(
        "kolumnens svar hör inte till samma skala som påståendena (en ja/nej-fråga?) och den "
        "läses inte; lägg till den själv om den ska med",
        "the column's answers are not on the statements' scale (a yes/no question?) and it is "
        "not read; add it yourself if it belongs",
    ),
    "exports.note.no_answers": _both(
        "ingen har svarat på påståendet, så dess roll är gissad; kontrollera rollen",
        "no one answered the statement, so its role is a guess; check the role",
    ),
    "exports.note.several_roles": _both(
        "påståendet besvaras av {n} roller och står därför en gång per roll; ta bort raderna "
        "för roller som inte ska få frågan",
        "the statement is answered by {n} roles and so stands once per role; delete the rows "
        "of roles that should not be asked it",
    ),
    "exports.note.code_only": _both(
        "rubriken är bara en kod, som blev påståendets id och text; skriv påståendets text",
        "the header is only a code, which became the statement's id and text; write the "
        "statement's text",
    ),
    "exports.note.check_dimensions_reverse": _both(
        "{n} påståenden har fått en gemensam dimension och reverse = nej; ange varje "
        "påståendes dimension och markera omvända påståenden med ja",
        "{n} statements got one shared dimension and reverse = no; set each statement's "
        "dimension and mark reverse-keyed statements with yes",
    ),
    "exports.note.scale_from_codes": _both(
        "skalan ({n} steg) kommer från SPSS-filens värdeetiketter, i kodernas ordning",
        "the scale ({n} steps) comes from the SPSS file's value labels, in the order of their "
        "codes",
    ),
    "exports.note.scale_from_numbers": _both(
        "skalan ({n} steg) kommer från svarens nummer (som ”4 - Instämmer delvis”)",
        "the scale ({n} steps) comes from the answers' numbers (as in “4 - Agree”)",
    ),
    "exports.note.scale_from_list": _both(
        "skalan är en inbyggd instämmandeskala, från ”{first}” till ”{last}”; kontrollera att "
        "den är enkätens och att ordningen stämmer",
        "the scale is a built-in agreement scale, from “{first}” to “{last}”; check that it is "
        "the questionnaire's and that the order is right",
    ),
    "exports.note.scale_from_plain_numbers": _both(
        "svaren är tal från {low} till {high}, så stegens etiketter är talen; skriv orden om "
        "du vill",
        "the answers are numbers from {low} to {high}, so the steps' labels are the numbers; "
        "write the words if you like",
    ),
    "exports.note.scale_unknown": _both(
        "ordningen på de {n} svarsetiketterna är okänd: ge varje etikett dess värde (1 = lägst) "
        "innan kodboken används; en etikett utan värde betyder ”vet ej”",
        "the order of the {n} answer labels is not known: give each label its value (1 = "
        "lowest) before the codebook is used; a label without a value means “don't know”",
    ),
    "exports.note.label_off_scale": _both(
        "svaret står inte på skalan (felskrivet?); lägg till det som etikett med sitt värde om "
        "det hör dit, annars redovisas varje sådant svar som ett problem",
        "the answer is not on the scale (a slip?); add it as a label with its value if it "
        "belongs, else each such answer is reported as a problem",
    ),
    "exports.note.dont_know": _both(
        "tolkad som ”vet ej” (inget värde): svaret räknas inte in i medelvärden",
        "taken for “don't know” (no value): the answer does not count in means",
    ),
    "exports.note.alias_proposed": _both(
        "”{alias}” liknar ”{name}” och föreslås som ett annat namn för den; är de olika "
        "organisationer, ge ”{alias}” en egen rad",
        "“{alias}” is like “{name}” and is proposed as another name for it; if they are "
        "different organisations, give “{alias}” a row of its own",
    ),
    "exports.note.no_organisation_column": _both(
        "ingen organisationskolumn: organisationen tas ur filnamnet; lista organisationerna "
        "och deras filnamn här",
        "no organisation column: the organisation is taken from the file name; list the "
        "organisations and their file names here",
    ),
    "exports.exists": _both(
        "{path} finns redan; inget skrevs. maturity init skriver aldrig över en fil: välj "
        "ett annat namn med --out",
        "{path} already exists; nothing was written. maturity init never overwrites a file: "
        "choose another name with --out",
    ),
    "cli.init": _both(
        "gör ett utkast till kodbok från en eller flera enkätexporter",
        "draft a codebook from one or more survey exports",
    ),
    "cli.init_exports": _both(
        "enkätexporter (.xlsx, .csv, .sav)", "survey exports (.xlsx, .csv, .sav)"
    ),
    "cli.init_out": _both(
        "kodboken att skriva (standard: kodbok.xlsx); en befintlig fil skrivs aldrig över",
        "the codebook to write (default: kodbok.xlsx); an existing file is never overwritten",
    ),
    "cli.init_lang": _both(
        "språk för anteckningarna i kodboken", "language of the notes in the codebook"
    ),
    "cli.init_wrote": _both(
        "skrev {path}: {statements} påståenden, {roles} roller, {steps} skalsteg, "
        "{organisations} organisationer; gå igenom de {notes} anteckningarna på bladet ”{sheet}”",
        "wrote {path}: {statements} statements, {roles} roles, {steps} scale steps, "
        "{organisations} organisations; go through the {notes} notes on the sheet “{sheet}”",
    ),
}

#: Agreement scales the codebook drafter (``maturity init``) knows, lowest step first, in
#: Swedish and English: answer labels all found in one of them are ordered by it.
ANSWER_SCALES: tuple[tuple[str, ...], ...] = (
    (
        "Instämmer inte alls",
        "Instämmer i låg grad",
        "Instämmer delvis",
        "Instämmer i hög grad",
        "Instämmer helt",
    ),
    ("Instämmer inte alls", "Instämmer inte", "Varken eller", "Instämmer", "Instämmer helt"),
    ("Instämmer inte alls", "Instämmer delvis", "Instämmer till stor del", "Instämmer helt"),
    (
        "Tar helt avstånd",
        "Tar delvis avstånd",
        "Varken eller",
        "Instämmer delvis",
        "Instämmer helt",
    ),
    ("Stämmer inte alls", "Stämmer dåligt", "Stämmer delvis", "Stämmer bra", "Stämmer helt"),
    (
        "Stämmer inte alls",
        "Stämmer ganska dåligt",
        "Stämmer delvis",
        "Stämmer ganska bra",
        "Stämmer helt",
    ),
    (
        "Stämmer mycket dåligt",
        "Stämmer ganska dåligt",
        "Varken eller",
        "Stämmer ganska bra",
        "Stämmer mycket bra",
    ),
    ("Helt oenig", "Delvis oenig", "Varken enig eller oenig", "Delvis enig", "Helt enig"),
    ("Mycket dåligt", "Ganska dåligt", "Varken bra eller dåligt", "Ganska bra", "Mycket bra"),
    ("Inte alls", "I liten utsträckning", "I viss utsträckning", "I stor utsträckning", "Helt"),
    ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
    ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"),
    (
        "Strongly disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Strongly agree",
    ),
    (
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ),
    ("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
    (
        "Not at all",
        "To a small extent",
        "To some extent",
        "To a large extent",
        "To a very large extent",
    ),
)

#: Answer labels that mean "don't know" (no value on the scale), Swedish and English.
DONT_KNOW_LABELS: tuple[str, ...] = (
    "Vet ej",
    "Vet inte",
    "Ingen åsikt",
    "Kan ej bedöma",
    "Kan inte bedöma",
    "Ej aktuellt",
    "Inte aktuellt",
    "Ej tillämpligt",
    "Vill inte svara",
    "Don't know",
    "Do not know",
    "Not sure",
    "No opinion",
    "Not applicable",
    "N/A",
    "Cannot say",
    "Prefer not to say",
)

_MASK: dict[str, dict[str, str]] = {
    "problem.mask.capability_free_text": _both(
        "kolumnen {header!r} ({column}) är fritext, ingen organisation, och läses inte; "
        "dess {n} värden visas aldrig",
        "the column {header!r} ({column}) is free text, no organisation, and is not read; "
        "its {n} values are never shown",
    ),
}


#: Roles compared on the statements the codebook declares parallel (its ``parallel`` column).
_PARALLEL: dict[str, dict[str, str]] = {
    "sheet.survey_role_pairs": _both("Jämförbara påståenden", "Parallel statements"),
    "column.pair": _both("Par av påståenden", "Pair of statements"),
    "column.statement_1": _both("Påstående roll 1", "Statement role 1"),
    "column.statement_2": _both("Påstående roll 2", "Statement role 2"),
    "column.text_1": _both("Text roll 1", "Text role 1"),
    "column.text_2": _both("Text roll 2", "Text role 2"),
    "findings.survey.pair": _both("{first} och {second}", "{first} and {second}"),
    "findings.survey.role_pairs": _both(
        "Rollerna jämförs på jämförbara påståenden, som kodboken anger som parallella ({pairs}). "
        "Störst skillnad gäller {where}: {first} {mean_1} mot {second} {mean_2} (skillnad "
        "{difference}; {p} efter Holm-korrigering över {n_pairs} par).",
        "The roles are compared on parallel statements, as the codebook declares them "
        "({pairs}). The largest gap is in {where}: {first} {mean_1} against {second} {mean_2} "
        "(gap {difference}; {p} after Holm correction over {n_pairs} pairs).",
    ),
    "findings.survey.role_pairs_suppressed": _both(
        "Rollerna jämförs inte på de jämförbara påståendena ({pairs}): i varje par har en roll "
        "för få svarande för att redovisas.",
        "The roles are not compared on the parallel statements ({pairs}): in every pair one "
        "role has too few respondents to be shown.",
    ),
    "findings.survey.role_pairs_unanswered": _both(
        "Rollerna jämförs inte på de jämförbara påståendena ({pairs}): inget par har svar från "
        "båda rollerna.",
        "The roles are not compared on the parallel statements ({pairs}): no pair has answers "
        "from both roles.",
    ),
    "figure.role_gap_title_pairs": _both(
        "{roles} på jämförbara påståenden", "{roles} on parallel statements"
    ),
    "figure.caption.role_pairs": _both(
        "{roles} på jämförbara påståenden", "{roles} on parallel statements"
    ),
    "figure.role_gap_pairs": _both(
        "Jämförbara påståenden: varje rad jämför rollernas svar på två påståenden som kodboken "
        "anger som parallella",
        "Parallel statements: each row compares the roles' answers to two statements the "
        "codebook declares parallel",
    ),
}


_INTEGRATE: dict[str, dict[str, str]] = {
    # maturity init: the role of an export without a role column, in one sheet
    "integrate.single_role": _both("svarande", "respondent"),
    "integrate.note.single_role": _both(
        "ingen rollkolumn: alla svar får en och samma roll ({role}); byt namn på rollen i både "
        "påståenden och roller om du vill, och lägg till rollens benämningar",
        "no role column: every answer gets one and the same role ({role}); rename it in "
        "statements and roles if you like, and add its display names",
    ),
    "integrate.note.organisation_question": _both(
        "ingen kolumn heter kommun eller organisation; frågan läses som organisationen (se "
        "bladet identity); kontrollera att det stämmer",
        "no column is named organisation; this question is read as the organisation (see the "
        "identity sheet); check that this is right",
    ),
    "problem.integrate.column_skipped": _both(
        "kolumnen {header!r} läses inte (kodbokens identitetsblad säger hoppa över); dess {n} "
        "värden visas aldrig",
        "the column {header!r} is not read (the codebook's identity sheet says skip); its {n} "
        "values are never shown",
    ),
    # where each survey file's wave, organisation and role came from (survey_sources)
    "sheet.survey_sources": _both("Enkätfilernas källor", "Survey file sources"),
    "header.survey_sources.source": _both("Källa (fil:blad)", "Source (file:sheet)"),
    "column.wave_from": _both("Vågen från", "Wave from"),
    "column.organisation_from": _both("Organisationen från", "Organisation from"),
    "column.role_from": _both("Rollen från", "Role from"),
    "value.source_from.column": _both("en kolumn i filen", "a column of the file"),
    "value.source_from.option": _both("angivet vid läsningen", "given when read"),
    "value.source_from.file_name": _both("filens eller mappens namn", "the file or folder name"),
    "value.source_from.sheet_name": _both("bladets namn", "the sheet name"),
    "value.source_from.single_role": _both("kodbokens enda roll", "the codebook's only role"),
    "value.source_from.default": _both("förval: ingen fil har våg", "default: no file has a wave"),
    "value.source_from.missing": _both("saknas", "missing"),
    "integrate.wave": _both("våg", "wave"),
    "integrate.organisation": _both("organisation", "organisation"),
    "integrate.role": _both("roll", "role"),
    "integrate.source_with_value": _both("{what} {value} ({how})", "{what} {value} ({how})"),
    "integrate.source_without_value": _both("{what} från {how}", "{what} from {how}"),
    "integrate.sources_heading": _both(
        "Varifrån varje enkätfils våg, organisation och roll kommer:",
        "Where each survey file's wave, organisation and role came from:",
    ),
}


WORDS: dict[str, dict[str, str]] = {
    **_CLAIMS,
    **_REPORT,
    **_FINDINGS,
    **_VALUES,
    **_FIGURES,
    **_PROBLEM_MESSAGES,
    **_PRIVACY,
    **_DECK,
    **_HOSTILE,
    **_HOSTILE2,
    **_DEMO_DATA,
    **_EXPORTS_HEADERS,
    **_MASK,
    **_EXPORTS_INPUT,
    **_DELIVERABLE,
    **_RELIABILITY,
    **_SLIDE_FIGURES,
    **_PARALLEL,
    **_INTEGRATE,
}


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

    A value that rounds to zero has no sign: ``number(-0.004, "sv", digits=2)`` is ``'0,00'``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{value:.{digits}f}"
    if text.startswith("-") and not text.strip("-0."):  # rounds to zero: no minus sign
        text = text[1:]
    text = text.replace("-", "−")
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


#: Columns of ``Codebook.role_labels`` per form and language (contract: the Swedish column, and
#: the same name with ``_en`` for English).
_ROLE_FORMS = ("name", "plural", "plural_definite")
_ROLE_SUFFIX = {"sv": "", "en": "_en"}


def _label_cell(row: Mapping[str, object], column: str) -> str | None:
    value = row.get(column)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def role_label(role: str, lang: str, *, codebook: object = None, form: str = "name") -> str:
    """A role as people read it, from the codebook's ``role_labels`` (its optional roles sheet).

    Missing labels default the way the codebook contract says: the name is the role as
    written, the plural is the name, the definite plural is the plural, and English is the
    Swedish word. Without a codebook (or one without ``role_labels``) the role is shown as
    written, so nothing here assumes which roles exist.

    Parameters
    ----------
    role : str
        The role as in the tidy tables, e.g. ``"förvaltningschef"``.
    lang : {"sv", "en"}
    codebook : Codebook, optional
        Anything with a ``role_labels`` DataFrame (``role, name, plural, plural_definite,
        name_en, plural_en, plural_definite_en``).
    form : {"name", "plural", "plural_definite"}

    Examples
    --------
    >>> import pandas as pd, types
    >>> labels = pd.DataFrame({"role": ["it-chef"], "name": ["IT-chef"],
    ...                        "plural_definite": ["IT-cheferna"]})
    >>> cb = types.SimpleNamespace(role_labels=labels)
    >>> role_label("it-chef", "sv", codebook=cb, form="plural_definite")
    'IT-cheferna'
    >>> role_label("it-chef", "en", codebook=cb, form="plural"), role_label("rektor", "sv")
    ('IT-chef', 'rektor')
    """
    check_lang(lang)
    if form not in _ROLE_FORMS:
        raise ValueError(f"form must be one of {', '.join(_ROLE_FORMS)}, not {form!r}")
    labels = getattr(codebook, "role_labels", None)
    role = str(role)
    if labels is None or not len(labels) or "role" not in labels:
        return role
    match = labels[labels["role"].astype(str).str.casefold() == role.casefold()]
    if not len(match):
        return role
    row = match.iloc[0].to_dict()
    # the contract's defaults, last resort first: the form in lang, then the shorter forms,
    # then the Swedish ones, then the role as written
    forms = _ROLE_FORMS[: _ROLE_FORMS.index(form) + 1][::-1]
    suffixes = dict.fromkeys([_ROLE_SUFFIX[lang], ""])
    for suffix in suffixes:
        for name in forms:
            found = _label_cell(row, name + suffix)
            if found is not None:
                return found
    return role


def role_names(
    roles: Iterable[str], lang: str, *, codebook: object = None, form: str = "name"
) -> dict[str, str]:
    """Role -> display text for several roles (the ``role_labels`` mapping that plot functions
    take), each from :func:`role_label`.

    Examples
    --------
    >>> role_names(["IT-chef", "rektor"], "en")
    {'IT-chef': 'IT-chef', 'rektor': 'rektor'}
    """
    return {str(r): role_label(str(r), lang, codebook=codebook, form=form) for r in roles}


def count(n: int, key: str, lang: str) -> str:
    """A number with its noun in singular or plural: ``<key>.one`` for 1, ``<key>.many``
    otherwise (each holding ``{n}``).

    Examples
    --------
    >>> count(1, "report.files", "sv"), count(3, "report.files", "en")
    ('1 fil', '3 files')
    """
    return word(f"{key}.one" if n == 1 else f"{key}.many", lang, n=n)


def yes_no(value: bool, lang: str) -> str | bool:
    """A true/false cell as the report workbook shows it: *ja*/*nej* in Swedish; in English
    the spreadsheet's own TRUE/FALSE (the value is returned as a bool).

    Examples
    --------
    >>> yes_no(True, "sv"), yes_no(False, "en")
    ('ja', False)
    """
    if check_lang(lang) == "en":
        return bool(value)
    return word("value.yes" if value else "value.no", lang)


def excel_format(code: str, lang: str) -> str:
    """An Excel number format for ``lang``: in Swedish tagged with the Swedish locale
    (``[$-41D]``), so that spreadsheet programs show a decimal comma (and a space between
    thousands) even on a machine set to another language.

    Examples
    --------
    >>> excel_format("0.00", "sv"), excel_format("0.00", "en")
    ('[$-41D]0.00', '0.00')
    """
    return f"[$-41D]{code}" if check_lang(lang) == "sv" else code
