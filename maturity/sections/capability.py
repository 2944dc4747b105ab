"""The capability-map section: förmågekarta workbooks in; tables, figures and findings out.

Privacy: capability levels are assessments *of organisations* (one agreed level per
organisation and capability), not answers of respondents, so the small-group rule
(``min_n``, see :mod:`maturity.privacy`) does not apply to them, and the stage takes no
``min_n``.

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

from maturity import text
from maturity.capability import capability_summary, goal_profiles
from maturity.errors import InputError
from maturity.findings.capability import capability_findings, latest_wave
from maturity.io.capability import CapabilityMap, read_capability_map
from maturity.io.problems import ProblemLog
from maturity.plots.spec import FigureSpec
from maturity.plots.style import MAX_ROWS, with_wave
from maturity.sections import Section, read_parts

__all__ = ["build", "capability_section"]


def _combine(maps: list[CapabilityMap], paths: list[Path]) -> CapabilityMap:
    first = maps[0]
    for cmap, path in zip(maps[1:], paths[1:], strict=True):
        if not cmap.levels[["level", "acceptable"]].equals(first.levels[["level", "acceptable"]]):
            raise InputError(
                f"has another level scale than {paths[0].name}; every capability map of a "
                "report must use the same levels",
                file=path.name,
            )
    return CapabilityMap(
        first.levels,
        pd.concat([m.assessments for m in maps], ignore_index=True),
        pd.concat([m.problems for m in maps], ignore_index=True),
        sum(m.cells_read for m in maps),
        None if any(m.log is None for m in maps) else ProblemLog.joined(m.log for m in maps),
    )


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "organisation"


def _wave_of(table: pd.DataFrame):
    waves = table["wave"].dropna().unique() if "wave" in table else []
    if not len(waves):
        return None
    wave = sorted(waves, key=str)[-1]
    return int(wave) if isinstance(wave, float) and wave.is_integer() else wave


def _figures(cmap: CapabilityMap, summary, *, groups=None, lang: str) -> dict[str, FigureSpec]:
    """The heatmap (a distribution beyond 30 organisations), the radars of the organisations
    with the lowest and the highest mean, and the bars with the gaps to the target."""
    wave = _wave_of(cmap.assessments)
    many = cmap.assessments["organisation"].nunique() > MAX_ROWS
    shown = latest_wave(summary.capabilities).reset_index(drop=True)
    figures = {
        "formagekarta_heatmap": FigureSpec(
            "maturity.plots.capability:capability_heatmap",
            (cmap,),
            {"lang": lang, "summary": shown},
            caption=with_wave(
                text.word(
                    "figure.caption."
                    + ("capability_distribution" if many else "capability_heatmap"),
                    lang,
                ),
                wave,
            ),
        ),
    }
    orgs = latest_wave(summary.organisations).dropna(subset=["mean"])
    if len(orgs):
        profiles = goal_profiles(latest_wave(cmap.assessments))
        chosen = {
            orgs.sort_values("mean", ascending=False, kind="stable").iloc[0]["organisation"]: (
                "radar_highest"
            ),
            orgs.sort_values("mean", kind="stable").iloc[0]["organisation"]: "radar_lowest",
        }
        for org, key in sorted(chosen.items(), key=lambda item: item[1] != "radar_lowest"):
            figures[f"formagekarta_radar_{_slug(org)}"] = FigureSpec(
                "maturity.plots.capability:capability_radar",
                (cmap,),
                {"organisation": org, "lang": lang, "profiles": profiles},
                caption=with_wave(text.word(f"figure.caption.{key}", lang, organisation=org), wave),
            )
    if groups is not None and "group" in groups and groups["group"].notna().any():
        figures["formagekarta_grupper"] = FigureSpec(
            "maturity.plots.capability:capability_groups",
            (cmap,),
            {"groups": groups[["organisation", "group"]].dropna(), "lang": lang},
            caption=with_wave(text.word("figure.caption.capability_groups", lang), wave),
        )
    figures["formagekarta_staplar"] = FigureSpec(
        "maturity.plots.capability:capability_bars",
        (latest_wave(summary.capabilities),),
        {"levels": cmap.levels, "lang": lang},
        caption=with_wave(text.word("figure.caption.capability_bars", lang), wave),
    )
    return figures


def capability_section(
    cmap: CapabilityMap,
    *,
    organisations: pd.DataFrame | None = None,
    lang: str = "sv",
    files: int = 1,
) -> Section:
    """The capability map's part of the report: tables, figures and findings.

    Parameters
    ----------
    cmap : CapabilityMap
        What :func:`maturity.read_capability_map` returned (or several combined).
    organisations : DataFrame, optional
        The codebook's organisations; with a ``group`` column (``grupp``: a comparison group
        per organisation) the section adds the figure ``formagekarta_grupper``.
    lang : {"sv", "en"}
    files : int
        How many workbooks it was read from (for the run summary).

    Returns
    -------
    Section
        ``name="capability"``; tables ``capability_assessments``, ``capability_summary``,
        ``capability_goals``, ``capability_organisations``; figures ``formagekarta_heatmap``,
        ``formagekarta_radar_<organisation>`` (the organisations with the lowest and the
        highest mean) and ``formagekarta_staplar``; the problems; the findings of
        :func:`maturity.findings.capability_findings`.

    Examples
    --------
    >>> import maturity as mt
    >>> cmap = mt.read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
    >>> mt.capability_section(cmap, lang="en").findings[0].key       # doctest: +SKIP
    'substandard'
    """
    summary = capability_summary(cmap.assessments, levels=cmap.levels)
    figures = _figures(cmap, summary, groups=organisations, lang=lang)
    return Section(
        name="capability",
        tables={
            "capability_assessments": cmap.assessments,
            "capability_summary": summary.capabilities,
            "capability_goals": summary.goals,
            "capability_organisations": summary.organisations,
        },
        figures=figures,
        findings=capability_findings(summary, cmap.assessments, cmap.levels, lang=lang),
        **read_parts(cmap, accepted=len(cmap.assessments), files=files, lang=lang),
    )


def build(
    paths: list[Path],
    *,
    organisations: pd.DataFrame | None = None,
    lang: str = "sv",
) -> Section:
    """The capability stage: read the capability maps, then :func:`capability_section`.

    Privacy: capability levels are organisation-level assessments, not respondents' answers,
    so the stage takes no ``min_n`` (see the module documentation).

    Parameters
    ----------
    paths : list of Path
        Capability-map workbooks (one per wave, or one map split over files). They must share
        one level scale.
    organisations : DataFrame, optional
        ``organisation``/``alias`` table (the codebook's) to resolve and check the organisation
        columns; None accepts every column header.
    lang : {"sv", "en"}

    Returns
    -------
    Section

    Examples
    --------
    >>> section = build([Path("data/raw/formagekarta.xlsx")], lang="en")  # doctest: +SKIP
    >>> fig = section.figures["formagekarta_heatmap"]()                   # doctest: +SKIP
    """
    paths = [Path(p) for p in paths]
    maps = [read_capability_map(p, organisations=organisations) for p in paths]
    return capability_section(
        _combine(maps, paths), organisations=organisations, lang=lang, files=len(paths)
    )
