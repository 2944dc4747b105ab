"""The capability-map section: förmågekarta workbooks in; tables, figures and findings out.

Privacy: capability levels are assessments *of organisations* (one agreed level per
organisation and capability), not answers of respondents, so the small-group rule
(``min_n``, see :mod:`maturity.privacy`) does not apply to them; ``min_n`` is accepted for the
common section signature and ignored.

Examples
--------
>>> from pathlib import Path
>>> section = build([Path("data/raw/formagekarta.xlsx")])  # doctest: +SKIP
>>> sorted(section.tables)                                  # doctest: +SKIP
['capability_assessments', 'capability_goals', 'capability_organisations', 'capability_summary']
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

from maturity.capability import (
    CAPABILITY_HEADERS,
    LEVEL_HEADERS,
    ORGANISATION_HEADERS,
    SKIPPED_HEADERS,
    CapabilityMap,
    _columns,
    _header_row,
    _key,
    _level_sheet,
    capability_summary,
    read_capability_map,
)
from maturity.errors import InputError
from maturity.io.opener import Workbook
from maturity.io.values import is_blank
from maturity.plots.spec import FigureSpec
from maturity.plots.style import decimal
from maturity.sections import Finding, Section, join_words, readable_sheets

__all__ = ["detect", "build"]

_FIXED = CAPABILITY_HEADERS | {"mål", "goal", "målnivå", "target", "target level"}


def detect(book: Workbook) -> bool:
    """True when a workbook is a capability map.

    That is: it has a ``levels`` sheet, or a sheet whose header row has a
    ``Förmåga``/``Capability`` column and organisation columns (further columns in the matrix
    layout, or ``Organisation`` and ``Nivå`` in the long layout).

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> detect(open_workbook("data/raw/formagekarta.xlsx"))  # doctest: +SKIP
    True
    """
    if _level_sheet(book) is not None:
        return True
    for sheet in readable_sheets(book):
        header = _header_row(sheet, CAPABILITY_HEADERS)
        if header is None:
            continue
        cols = _columns(sheet, header)
        if "organisation" in cols and "level" in cols:
            return True
        others = [v for c, v in enumerate(sheet.rows[header])
                  if c > cols["capability"] and not is_blank(v)
                  and _key(v) not in _FIXED | SKIPPED_HEADERS | ORGANISATION_HEADERS
                  | LEVEL_HEADERS]
        if others:
            return True
    return False


def _combine(maps: list[CapabilityMap], paths: list[Path]) -> CapabilityMap:
    first = maps[0]
    for cmap, path in zip(maps[1:], paths[1:], strict=True):
        if not cmap.levels[["level", "acceptable"]].equals(first.levels[["level", "acceptable"]]):
            raise InputError(
                f"has another level scale than {paths[0].name}; every capability map of a "
                "report must use the same levels", file=path.name)
    return CapabilityMap(
        first.levels,
        pd.concat([m.assessments for m in maps], ignore_index=True),
        pd.concat([m.problems for m in maps], ignore_index=True),
        sum(m.cells_read for m in maps),
    )


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "organisation"


def _latest(table: pd.DataFrame) -> pd.DataFrame:
    waves = table["wave"].dropna().unique()
    if len(waves) > 1:
        return table[table["wave"] == sorted(waves, key=str)[-1]]
    return table


def _level_number(value: float) -> str:
    return str(int(value)) if value == value and float(value).is_integer() else decimal(value)


def findings(cmap: CapabilityMap, summary, lang: str = "sv") -> list[Finding]:
    """Key findings of a capability map, as sentences with the numbers behind them.

    Keys: ``substandard``, ``weakest``, ``strongest``, ``below_target``, ``goals``,
    ``organisations``. Every number comes from the summary tables (latest wave); Swedish
    sentences use the decimal comma.

    Examples
    --------
    >>> cmap = read_capability_map("data/raw/formagekarta.xlsx")      # doctest: +SKIP
    >>> [f.key for f in findings(cmap, capability_summary(cmap))][:1]  # doctest: +SKIP
    ['substandard']
    """
    sv = lang != "en"
    caps = _latest(summary.capabilities).dropna(subset=["mean"])
    if not len(caps):
        return []
    assessed = _latest(cmap.assessments).dropna(subset=["level"]).copy()
    assessed["level"] = assessed["level"].astype(float)
    n_orgs = assessed["organisation"].nunique()
    floor = summary.lowest_acceptable
    out: list[Finding] = []

    # substandard capabilities
    if floor == floor:
        bad = caps[caps["substandard"].fillna(False).astype(bool)].sort_values("mean")
        floor_text = _level_number(floor)
        label = cmap.levels.loc[cmap.levels["level"] == floor, "label"]
        label = f" ({label.iloc[0]})" if len(label) else ""
        names = bad["capability"].tolist()
        means = [float(m) for m in bad["mean"]]
        listed = join_words([f"{c} ({decimal(m, 1, lang)})" for c, m in zip(names, means,
                                                                       strict=True)], lang)
        if len(bad) == 0:
            sentence = (f"Ingen förmåga har ett undermåligt medelvärde: alla ligger på eller över "
                        f"lägsta godtagbara nivå {floor_text}{label}." if sv else
                        f"No capability has a substandard mean: all are at or above the lowest "
                        f"acceptable level {floor_text}{label}.")
        elif len(bad) == 1:
            sentence = (f"Bara en förmåga, {names[0]}, har ett undermåligt medelvärde: "
                        f"{decimal(means[0], 1, lang)}, under lägsta godtagbara nivå "
                        f"{floor_text}{label}." if sv else
                        f"Only one capability, {names[0]}, has a substandard mean: "
                        f"{decimal(means[0], 1, lang)}, below the lowest acceptable level "
                        f"{floor_text}{label}.")
        else:
            sentence = (f"{len(bad)} förmågor har ett undermåligt medelvärde, under lägsta "
                        f"godtagbara nivå {floor_text}{label}: {listed}." if sv else
                        f"{len(bad)} capabilities have a substandard mean, below the lowest "
                        f"acceptable level {floor_text}{label}: {listed}.")
        out.append(Finding("capability", "substandard", sentence, {
            "n_substandard": len(bad), "capabilities": names, "means": means,
            "lowest_acceptable": floor}))
    else:
        bad = caps.iloc[0:0]

    # weakest capability beyond the substandard ones
    rest = caps[~caps["capability"].isin(bad["capability"])]
    if len(rest):
        row = rest.sort_values("mean", kind="stable").iloc[0]
        cells = assessed[assessed["capability"] == row["capability"]]
        n_below = int((cells["level"] < row["target"]).sum()) if row["target"] == row["target"] \
            else 0
        n = int(row["n"])
        lead = (("Utöver " + join_words(bad["capability"].tolist(), lang) + " är organisationerna "
                 "svagast på ") if sv and len(bad) else "Organisationerna är svagast på " if sv
                else ("Beyond " + join_words(bad["capability"].tolist(), lang) + ", the "
                      "organisations are weakest at ") if len(bad)
                else "The organisations are weakest at ")
        sentence = (f"{lead}{row['capability']}: medelvärde {decimal(row['mean'], 1, lang)} "
                    f"mot målnivån {_level_number(row['target'])}; {n_below} av {n} "
                    f"organisationer ligger under målnivån." if sv else
                    f"{lead}{row['capability']}: mean {decimal(row['mean'], 1, lang)} against "
                    f"the target level {_level_number(row['target'])}; {n_below} of {n} "
                    f"organisations are below the target.")
        out.append(Finding("capability", "weakest", sentence, {
            "capability": row["capability"], "mean": float(row["mean"]),
            "target": float(row["target"]), "n_below_target": n_below, "n": n}))

    # strongest capability, and for how many organisations it is their best
    row = caps.sort_values("mean", ascending=False, kind="stable").iloc[0]
    best = assessed.groupby("organisation")["level"].transform("max")
    top = assessed[(assessed["level"] == best) & (assessed["capability"] == row["capability"])]
    n_best = int(top["organisation"].nunique())
    sentence = (f"Starkast är {row['capability']}: medelvärde {decimal(row['mean'], 1, lang)} "
                f"(målnivå {_level_number(row['target'])}); {n_best} av {n_orgs} organisationer "
                f"har sin högsta nivå där." if sv else
                f"Strongest is {row['capability']}: mean {decimal(row['mean'], 1, lang)} "
                f"(target level {_level_number(row['target'])}); {n_best} of {n_orgs} "
                f"organisations have their highest level there.")
    out.append(Finding("capability", "strongest", sentence, {
        "capability": row["capability"], "mean": float(row["mean"]),
        "target": float(row["target"]), "n_organisations_best": n_best,
        "n_organisations": n_orgs}))

    # capabilities below target
    with_target = caps.dropna(subset=["target"])
    below = with_target[with_target["gap"] < 0]
    if len(with_target):
        sentence = (f"{len(below)} av {len(with_target)} förmågor har ett medelvärde under "
                    f"målnivån." if sv else
                    f"{len(below)} of {len(with_target)} capabilities have a mean below the "
                    f"target level.")
        values = {"n_below_target": len(below), "n_capabilities": len(with_target)}
        if len(below):
            worst = below.sort_values("gap", kind="stable").iloc[0]
            sentence = sentence[:-1] + (
                f"; störst är gapet för {worst['capability']} "
                f"({decimal(worst['gap'], 1, lang)})." if sv else
                f"; the gap is widest for {worst['capability']} "
                f"({decimal(worst['gap'], 1, lang)}).")
            values |= {"largest_gap_capability": worst["capability"],
                       "largest_gap": float(worst["gap"])}
        out.append(Finding("capability", "below_target", sentence, values))

    # goals
    goals = _latest(summary.goals).dropna(subset=["mean"])
    if len(goals) > 1:
        hi = goals.sort_values("mean", ascending=False, kind="stable").iloc[0]
        lo = goals.sort_values("mean", kind="stable").iloc[0]
        sentence = (f"Av målen ligger {hi['goal']} högst (medel {decimal(hi['mean'], 1, lang)}) "
                    f"och {lo['goal']} lägst ({decimal(lo['mean'], 1, lang)})." if sv else
                    f"Among the goals, {hi['goal']} is highest (mean "
                    f"{decimal(hi['mean'], 1, lang)}) and {lo['goal']} lowest "
                    f"({decimal(lo['mean'], 1, lang)}).")
        out.append(Finding("capability", "goals", sentence, {
            "highest_goal": hi["goal"], "highest_mean": float(hi["mean"]),
            "lowest_goal": lo["goal"], "lowest_mean": float(lo["mean"])}))

    # organisations
    orgs = _latest(summary.organisations).dropna(subset=["mean"])
    if len(orgs) > 1:
        hi = orgs.sort_values("mean", ascending=False, kind="stable").iloc[0]
        lo = orgs.sort_values("mean", kind="stable").iloc[0]
        sentence = (f"Organisationernas medelnivå varierar från {decimal(lo['mean'], 1, lang)} "
                    f"({lo['organisation']}) till {decimal(hi['mean'], 1, lang)} "
                    f"({hi['organisation']})." if sv else
                    f"The organisations' mean level ranges from {decimal(lo['mean'], 1, lang)} "
                    f"({lo['organisation']}) to {decimal(hi['mean'], 1, lang)} "
                    f"({hi['organisation']}).")
        out.append(Finding("capability", "organisations", sentence, {
            "lowest_organisation": lo["organisation"], "lowest_mean": float(lo["mean"]),
            "highest_organisation": hi["organisation"], "highest_mean": float(hi["mean"])}))
    return out


def build(
    paths: list[Path],
    *,
    lang: str = "sv",
    min_n: int = 5,
    organisations: pd.DataFrame | None = None,
) -> Section:
    """Read the capability maps and compute the section's tables, figures and findings.

    Parameters
    ----------
    paths : list of Path
        Capability-map workbooks (one per wave, or one map split over files). They must share
        one level scale.
    lang : {"sv", "en"}
    min_n : int
        Ignored: capability levels are organisation-level assessments, not respondent
        answers, so no group is suppressed (see the module documentation).
    organisations : DataFrame, optional
        ``organisation``/``alias`` table (the codebook's) to resolve and check the organisation
        columns; None accepts every column header.

    Returns
    -------
    Section
        ``name="capability"``; tables ``capability_assessments``, ``capability_summary``,
        ``capability_goals``, ``capability_organisations``; figures ``formagekarta_heatmap``,
        ``formagekarta_radar_<organisation>`` (the organisations with the lowest and the
        highest mean) and ``formagekarta_staplar``; the problems; the findings of
        :func:`findings`.

    Examples
    --------
    >>> section = build([Path("data/raw/formagekarta.xlsx")], lang="en")  # doctest: +SKIP
    >>> fig = section.figures["formagekarta_heatmap"]()                   # doctest: +SKIP
    """
    del min_n  # organisation-level assessments: no respondent privacy rule applies
    paths = [Path(p) for p in paths]
    maps = [read_capability_map(p, organisations=organisations) for p in paths]
    cmap = _combine(maps, paths)
    summary = capability_summary(cmap)

    figures = {
        "formagekarta_heatmap": FigureSpec("maturity.plots.capability:capability_heatmap",
                                           (cmap,), {"lang": lang}),
    }
    orgs = _latest(summary.organisations).dropna(subset=["mean"])
    if len(orgs):
        chosen = [orgs.sort_values("mean", kind="stable").iloc[0]["organisation"],
                  orgs.sort_values("mean", ascending=False, kind="stable").iloc[0]["organisation"]]
        for org in dict.fromkeys(chosen):
            figures[f"formagekarta_radar_{_slug(org)}"] = (
                FigureSpec("maturity.plots.capability:capability_radar", (cmap,),
                           {"organisation": org, "lang": lang}))
    figures["formagekarta_staplar"] = FigureSpec(
        "maturity.plots.capability:capability_bars", (_latest_summary(summary),),
        {"levels": cmap.levels, "lang": lang})

    section = Section(
        name="capability",
        tables={
            "capability_assessments": cmap.assessments,
            "capability_summary": summary.capabilities,
            "capability_goals": summary.goals,
            "capability_organisations": summary.organisations,
        },
        figures=figures,
        problems=cmap.problems,
        findings=findings(cmap, summary, lang),
    )
    section.counts = {"files": len(paths), "cells_read": cmap.cells_read,
                      "accepted": len(cmap.assessments), "problems": len(cmap.problems)}
    section.context = {"capability_map": cmap, "capability_levels": cmap.levels}
    return section


def _latest_summary(summary):
    return _latest(summary.capabilities)
