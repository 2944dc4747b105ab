"""Key findings of a capability map, from its summary tables.

Every number comes from the summary tables (latest wave); the words come from
:mod:`maturity.text` (Swedish sentences use the decimal comma).
"""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding

__all__ = ["capability_findings", "latest_wave"]


def latest_wave(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest wave when a table has more than one wave, else the table.

    Examples
    --------
    >>> t = pd.DataFrame({"wave": ["2023", "2024"], "mean": [2.0, 3.0]})
    >>> latest_wave(t)["mean"].tolist()
    [3.0]
    """
    waves = table["wave"].dropna().unique()
    if len(waves) > 1:
        return table[table["wave"] == sorted(waves, key=str)[-1]]
    return table


def _level_number(value: float, lang: str) -> str:
    if value == value and float(value).is_integer():
        return str(int(value))
    return text.number(value, lang)


def _substandard(
    caps: pd.DataFrame, floor: float, levels: pd.DataFrame | None, lang: str
) -> tuple[list[Finding], pd.DataFrame]:
    """The capabilities whose mean is below the lowest acceptable level (and those rows)."""
    if floor != floor:
        return [], caps.iloc[0:0]
    bad = caps[caps["substandard"].fillna(False).astype(bool)].sort_values("mean")
    label = pd.Series(dtype=object)
    if levels is not None and len(levels):
        label = levels.loc[levels["level"] == floor, "label"]
    names = bad["capability"].tolist()
    means = [float(m) for m in bad["mean"]]
    fields = {
        "floor": _level_number(floor, lang),
        "label": f" ({label.iloc[0]})" if len(label) else "",
    }
    if len(bad) == 0:
        sentence = text.word("findings.capability.substandard_none", lang, **fields)
    elif len(bad) == 1:
        sentence = text.word(
            "findings.capability.substandard_one",
            lang,
            capability=names[0],
            mean=text.number(means[0], lang),
            **fields,
        )
    else:
        listed = text.join(
            [f"{c} ({text.number(m, lang)})" for c, m in zip(names, means, strict=True)], lang
        )
        sentence = text.word(
            "findings.capability.substandard_many", lang, n=len(bad), listed=listed, **fields
        )
    values = {
        "n_substandard": len(bad),
        "capabilities": names,
        "means": means,
        "lowest_acceptable": floor,
    }
    return [Finding("capability", "substandard", sentence, values)], bad


def _weakest(
    caps: pd.DataFrame, bad: pd.DataFrame, assessed: pd.DataFrame, lang: str
) -> list[Finding]:
    """The weakest capability beyond the substandard ones."""
    rest = caps[~caps["capability"].isin(bad["capability"])]
    if not len(rest):
        return []
    row = rest.sort_values("mean", kind="stable").iloc[0]
    cells = assessed[assessed["capability"] == row["capability"]]
    has_target = row["target"] == row["target"]
    n_below = int((cells["level"] < row["target"]).sum()) if has_target else 0
    n = int(row["n"])
    fields = {
        "capability": row["capability"],
        "mean": text.number(row["mean"], lang),
        "target": _level_number(row["target"], lang),
        "n_below": n_below,
        "n": n,
    }
    if len(bad):
        beyond = text.join(bad["capability"].tolist(), lang)
        sentence = text.word("findings.capability.weakest_beyond", lang, beyond=beyond, **fields)
    else:
        sentence = text.word("findings.capability.weakest", lang, **fields)
    values = {
        "capability": row["capability"],
        "mean": float(row["mean"]),
        "target": float(row["target"]),
        "n_below_target": n_below,
        "n": n,
    }
    return [Finding("capability", "weakest", sentence, values)]


def _strongest(caps: pd.DataFrame, assessed: pd.DataFrame, lang: str) -> list[Finding]:
    """The strongest capability, and for how many organisations it is their best."""
    row = caps.sort_values("mean", ascending=False, kind="stable").iloc[0]
    n_orgs = assessed["organisation"].nunique()
    best = assessed.groupby("organisation")["level"].transform("max")
    top = assessed[(assessed["level"] == best) & (assessed["capability"] == row["capability"])]
    n_best = int(top["organisation"].nunique())
    sentence = text.word(
        "findings.capability.strongest",
        lang,
        capability=row["capability"],
        mean=text.number(row["mean"], lang),
        target=_level_number(row["target"], lang),
        n_best=n_best,
        n_organisations=n_orgs,
    )
    values = {
        "capability": row["capability"],
        "mean": float(row["mean"]),
        "target": float(row["target"]),
        "n_organisations_best": n_best,
        "n_organisations": n_orgs,
    }
    return [Finding("capability", "strongest", sentence, values)]


def _below_target(caps: pd.DataFrame, lang: str) -> list[Finding]:
    """How many capabilities have a mean below their target, and the widest gap."""
    with_target = caps.dropna(subset=["target"])
    if not len(with_target):
        return []
    below = with_target[with_target["gap"] < 0]
    counts = {"n_below": len(below), "n_capabilities": len(with_target)}
    values = {"n_below_target": len(below), "n_capabilities": len(with_target)}
    if len(below):
        worst = below.sort_values("gap", kind="stable").iloc[0]
        sentence = text.word(
            "findings.capability.below_target_widest",
            lang,
            capability=worst["capability"],
            gap=text.number(worst["gap"], lang),
            **counts,
        )
        values |= {
            "largest_gap_capability": worst["capability"],
            "largest_gap": float(worst["gap"]),
        }
    else:
        sentence = text.word("findings.capability.below_target", lang, **counts)
    return [Finding("capability", "below_target", sentence, values)]


def _extremes(table: pd.DataFrame, column: str, key: str, lang: str) -> list[Finding]:
    """The highest and the lowest mean of the goals or of the organisations."""
    rows = latest_wave(table).dropna(subset=["mean"])
    if len(rows) <= 1:
        return []
    hi = rows.sort_values("mean", ascending=False, kind="stable").iloc[0]
    lo = rows.sort_values("mean", kind="stable").iloc[0]
    sentence = text.word(
        f"findings.capability.{key}",
        lang,
        highest=hi[column],
        highest_mean=text.number(hi["mean"], lang),
        lowest=lo[column],
        lowest_mean=text.number(lo["mean"], lang),
    )
    values = {
        f"highest_{column}": hi[column],
        "highest_mean": float(hi["mean"]),
        f"lowest_{column}": lo[column],
        "lowest_mean": float(lo["mean"]),
    }
    return [Finding("capability", key, sentence, values)]


def capability_findings(
    summary, assessments: pd.DataFrame, levels: pd.DataFrame | None = None, *, lang: str = "sv"
) -> list[Finding]:
    """Key findings of a capability map, as sentences with the numbers behind them.

    Parameters
    ----------
    summary : CapabilitySummary
        :func:`maturity.capability_summary` (capabilities, goals, organisations,
        lowest_acceptable).
    assessments : DataFrame
        The tidy assessments (organisation, capability, level, wave).
    levels : DataFrame, optional
        The level scale (level, label), to name the lowest acceptable level.
    lang : {"sv", "en"}

    Returns
    -------
    list of Finding
        Keys ``substandard``, ``weakest``, ``strongest``, ``below_target``, ``goals``,
        ``organisations`` (each when the tables allow it).

    Examples
    --------
    >>> cmap = read_capability_map("data/raw/formagekarta.xlsx")            # doctest: +SKIP
    >>> summary = capability_summary(cmap.assessments, levels=cmap.levels)    # doctest: +SKIP
    >>> found = capability_findings(summary, cmap.assessments, cmap.levels)  # doctest: +SKIP
    >>> found[0].key                                                         # doctest: +SKIP
    'substandard'
    """
    caps = latest_wave(summary.capabilities).dropna(subset=["mean"])
    if not len(caps):
        return []
    assessed = latest_wave(assessments).dropna(subset=["level"]).copy()
    assessed["level"] = assessed["level"].astype(float)
    found, bad = _substandard(caps, summary.lowest_acceptable, levels, lang)
    return [
        *found,
        *_weakest(caps, bad, assessed, lang),
        *_strongest(caps, assessed, lang),
        *_below_target(caps, lang),
        *_extremes(summary.goals, "goal", "goals", lang),
        *_extremes(summary.organisations, "organisation", "organisations", lang),
    ]
