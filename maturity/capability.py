"""Summaries of a capability map (förmågekarta): per capability, per goal and per organisation.

The map is read by :func:`maturity.io.capability.read_capability_map` into the tidy
``capabilities`` table; this module summarises it (tidy in, tidy out).

Examples
--------
>>> import maturity as mt
>>> cmap = mt.read_capability_map("data/raw/formagekarta.xlsx")  # doctest: +SKIP
>>> summary = mt.capability_summary(cmap)                          # doctest: +SKIP
>>> summary.capabilities.query("substandard")["capability"].tolist()  # doctest: +SKIP
['Avveckla']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from maturity.stats.grouping import split

__all__ = [
    "CapabilitySummary",
    "capability_summary",
    "goal_profiles",
    "lowest_acceptable",
]


# -- summary ---------------------------------------------------------------------------------
@dataclass
class CapabilitySummary:
    """Three tidy tables summarising a capability map (see :func:`capability_summary`).

    Attributes
    ----------
    capabilities : DataFrame
        One row per capability.
    goals : DataFrame
        One row per målbild goal.
    organisations : DataFrame
        One row per organisation: its profile.
    lowest_acceptable : float
        The lowest acceptable level (NaN when no level is acceptable or the scale is unknown).
    """

    capabilities: pd.DataFrame
    goals: pd.DataFrame
    organisations: pd.DataFrame
    lowest_acceptable: float

    def tables(self, prefix: str = "capability_") -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. ``{"capability_capabilities": ..., "capability_goals": ...}``.

        Examples
        --------
        >>> data = pd.DataFrame({"wave": None, "organisation": ["A"], "capability": ["x"],
        ...                      "goal": "G", "level": [2], "target": 3, "source": ""})
        >>> sorted(capability_summary(data).tables())
        ['capability_capabilities', 'capability_goals', 'capability_organisations']
        """
        return {
            f"{prefix}{name}": getattr(self, name)
            for name in ("capabilities", "goals", "organisations")
        }


def lowest_acceptable(levels: pd.DataFrame | None) -> float:
    """The lowest level marked acceptable; NaN without a scale or without acceptable levels.

    Examples
    --------
    >>> levels = pd.DataFrame({"level": [1, 2, 3], "label": ["a", "b", "c"],
    ...                        "acceptable": [False, True, True]})
    >>> lowest_acceptable(levels)
    2.0
    """
    if levels is None or not len(levels):
        return float("nan")
    ok = levels.loc[levels["acceptable"].astype(bool), "level"]
    return float(ok.min()) if len(ok) else float("nan")


def _is_substandard(mean: float, floor: float):
    if mean != mean or floor != floor:
        return pd.NA
    return bool(mean < floor - 1e-9)


def _stats(values: pd.Series | np.ndarray) -> dict:
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    return {
        "n": n,
        "mean": float(x.mean()) if n else np.nan,
        "sd": float(x.std(ddof=1)) if n > 1 else np.nan,
        "min": float(x.min()) if n else np.nan,
        "max": float(x.max()) if n else np.nan,
        "median": float(np.median(x)) if n else np.nan,
    }


def _numeric(assessments: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(assessments, pd.DataFrame):
        raise TypeError(
            "expected the tidy capabilities table (a DataFrame), e.g. CapabilityMap.assessments"
        )
    data = assessments.copy()
    data["level"] = pd.to_numeric(data["level"], errors="coerce").astype(float)
    data["target"] = pd.to_numeric(data["target"], errors="coerce").astype(float)
    data["goal"] = data["goal"].astype(object).where(data["goal"].notna(), "")
    if "wave" not in data:
        data["wave"] = None
    return data


def _groups(data: pd.DataFrame, by: list[str]) -> tuple[list[tuple], np.ndarray]:
    """The groups of ``data`` by the columns ``by`` as ``DataFrame.groupby(by, sort=False,
    dropna=False)`` makes them: their keys in order of first appearance, and each row's group
    number (0 .. number of groups - 1)."""
    if not len(data):
        return [], np.zeros(0, dtype=np.int64)
    grouped = data.groupby(by, sort=False, dropna=False)
    return grouped.size().index.tolist(), grouped.ngroup().to_numpy()


def _group_parts(data: pd.DataFrame, by: list[str], columns: list[str]) -> list[tuple]:
    """Per group of :func:`_groups`: its key, then the group's values of each of ``columns``
    (arrays, rows in table order)."""
    keys, codes = _groups(data, by)
    if not keys:
        return []
    values = (split(codes, len(keys), data[c].to_numpy()) for c in columns)
    return list(zip(keys, *values, strict=True))


def _counts_means(codes: np.ndarray, size: int, values: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per group: how many values are present, and their mean (NaN without any). Levels and
    targets are whole numbers (the reader's ``Int64``), so the sums are exact in any order and
    a mean is the one :func:`_stats` gives."""
    present = ~np.isnan(values)
    n = np.bincount(codes[present], minlength=size)
    sums = np.bincount(codes[present], weights=values[present], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return n, np.where(n > 0, sums / np.maximum(n, 1), np.nan)


def goal_profiles(assessments: pd.DataFrame) -> pd.DataFrame:
    """Each organisation's mean level per goal (the radar's data).

    Parameters
    ----------
    assessments : DataFrame
        The tidy ``capabilities`` table (``CapabilityMap.assessments``).

    Returns
    -------
    DataFrame
        ``wave``, ``organisation``, ``goal``, ``n`` (capabilities assessed), ``mean`` (of the
        organisation's levels in the goal's capabilities), ``target`` (mean target of the goal's
        capabilities). Goals and organisations in the order of the map.

    Examples
    --------
    >>> data = pd.DataFrame({"wave": None, "organisation": ["A", "A", "B"],
    ...                      "capability": ["x", "y", "x"], "goal": "G",
    ...                      "level": [1, 3, 4], "target": 3, "source": ""})
    >>> goal_profiles(data)[["organisation", "n", "mean"]].to_dict("records")
    [{'organisation': 'A', 'n': 2, 'mean': 2.0}, {'organisation': 'B', 'n': 1, 'mean': 4.0}]
    """
    data = _numeric(assessments)
    keys, codes = _groups(data, ["wave", "organisation", "goal"])
    n, mean = _counts_means(codes, len(keys), data["level"].to_numpy())
    # the target of each capability once (its first row in the group), as the goal's mean
    first = ~pd.DataFrame({"group": codes, "capability": data["capability"]}).duplicated()
    first = first.to_numpy()
    _, target = _counts_means(codes[first], len(keys), data["target"].to_numpy()[first])
    rows = [
        (*key, count, float(m), float(t))
        for key, count, m, t in zip(keys, n.tolist(), mean, target, strict=True)
    ]
    return pd.DataFrame(rows, columns=["wave", "organisation", "goal", "n", "mean", "target"])


def capability_summary(
    assessments: pd.DataFrame, *, levels: pd.DataFrame | None = None
) -> CapabilitySummary:
    """Summarise a capability map per capability, per goal and per organisation.

    Every organisation weighs the same (each has one level per capability); a not-assessed cell
    is left out of the statistics and counted in ``n_not_assessed``. A capability (or goal) is
    *substandard* when its mean is below the lowest acceptable level of the scale (strictly
    below: a mean exactly at that level is not substandard).

    Parameters
    ----------
    assessments : DataFrame
        The tidy ``capabilities`` table (``wave, organisation, capability, goal, level,
        target``), e.g. ``CapabilityMap.assessments``.
    levels : DataFrame, optional
        The level scale (``level``, ``label``, ``acceptable``), e.g. ``CapabilityMap.levels``.
        Without a scale ``substandard`` is missing.

    Returns
    -------
    CapabilitySummary
        ``.capabilities`` — ``wave, goal, capability, n, n_not_assessed, mean, sd, min, max,
        median, target, gap`` (mean − target), ``share_below_target`` (of assessed organisations,
        level < target), ``substandard``;

        ``.goals`` — ``wave, goal, n_capabilities, n`` (organisations with a goal mean),
        ``mean, sd, min, max, median`` over the organisations' goal means (each organisation's
        mean level in the goal's capabilities), ``target`` (mean target of the goal's
        capabilities), ``gap``, ``share_below_target`` (of all assessed cells of the goal),
        ``n_substandard`` (substandard capabilities), ``substandard`` (goal mean below the lowest
        acceptable level);

        ``.organisations`` — ``wave, organisation, n, n_not_assessed, mean, sd, min, max,
        strongest, strongest_level, weakest, weakest_level`` (ties joined with ``"; "``),
        ``n_at_or_above_target, n_with_target, share_at_or_above_target, n_substandard_cells``
        (levels below the lowest acceptable level).

    Examples
    --------
    >>> data = pd.DataFrame({"wave": None, "organisation": ["A", "B", "A", "B"],
    ...                      "capability": ["Avveckla", "Avveckla", "Drift", "Drift"],
    ...                      "goal": ["G1", "G1", "G2", "G2"], "level": [1, 2, 4, 5],
    ...                      "target": [3, 3, 4, 4], "source": ""})
    >>> levels = pd.DataFrame({"level": [1, 2, 3, 4, 5], "label": list("abcde"),
    ...                        "acceptable": [False, True, True, True, True]})
    >>> s = capability_summary(data, levels=levels)
    >>> s.capabilities[["capability", "mean", "gap", "substandard"]].to_dict("records")
    [{'capability': 'Avveckla', 'mean': 1.5, 'gap': -1.5, 'substandard': True}, \
{'capability': 'Drift', 'mean': 4.5, 'gap': 0.5, 'substandard': False}]
    """
    floor = lowest_acceptable(levels)
    data = _numeric(assessments)
    capabilities = _capability_table(data, floor)
    goals = _goal_table(data, capabilities, floor)
    organisations = _organisation_table(data, floor)
    return CapabilitySummary(capabilities, goals, organisations, floor)


def _capability_table(data: pd.DataFrame, floor: float) -> pd.DataFrame:
    """One row per capability: statistics of the organisations' levels, target and gap."""
    rows = []
    parts = _group_parts(data, ["wave", "capability"], ["level", "target", "goal"])
    for (wave, cap), level, targets, goals in parts:
        stats = _stats(level)
        targets = targets[~np.isnan(targets)]
        target = float(targets[0]) if len(targets) else np.nan
        assessed = level[~np.isnan(level)]
        below = float((assessed < target).mean()) if len(assessed) and target == target else np.nan
        rows.append(
            {
                "wave": wave,
                "goal": goals[0],
                "capability": cap,
                "n": stats["n"],
                "n_not_assessed": len(level) - len(assessed),
                "mean": stats["mean"],
                "sd": stats["sd"],
                "min": stats["min"],
                "max": stats["max"],
                "median": stats["median"],
                "target": target,
                "gap": stats["mean"] - target,
                "share_below_target": below,
                "substandard": _is_substandard(stats["mean"], floor),
            }
        )
    columns = [
        "wave",
        "goal",
        "capability",
        "n",
        "n_not_assessed",
        "mean",
        "sd",
        "min",
        "max",
        "median",
        "target",
        "gap",
        "share_below_target",
        "substandard",
    ]
    capabilities = pd.DataFrame(rows, columns=columns)
    capabilities["substandard"] = capabilities["substandard"].astype("boolean")
    return capabilities


def _goal_table(data: pd.DataFrame, capabilities: pd.DataFrame, floor: float) -> pd.DataFrame:
    """One row per goal: statistics of the organisations' goal means, target, gap."""
    profiles = goal_profiles(data)
    rows = []
    for (wave, goal), group in data.groupby(["wave", "goal"], sort=False, dropna=False):
        means = profiles.loc[(profiles["goal"] == goal) & _same(profiles["wave"], wave), "mean"]
        stats = _stats(means)
        caps = capabilities[(capabilities["goal"] == goal) & _same(capabilities["wave"], wave)]
        target = float(caps["target"].mean()) if caps["target"].notna().any() else np.nan
        assessed = group.dropna(subset=["level", "target"])
        below = float((assessed["level"] < assessed["target"]).mean()) if len(assessed) else np.nan
        rows.append(
            {
                "wave": wave,
                "goal": goal,
                "n_capabilities": len(caps),
                "n": stats["n"],
                "mean": stats["mean"],
                "sd": stats["sd"],
                "min": stats["min"],
                "max": stats["max"],
                "median": stats["median"],
                "target": target,
                "gap": stats["mean"] - target,
                "share_below_target": below,
                "n_substandard": int(caps["substandard"].fillna(False).sum()),
                "substandard": _is_substandard(stats["mean"], floor),
            }
        )
    columns = [
        "wave",
        "goal",
        "n_capabilities",
        "n",
        "mean",
        "sd",
        "min",
        "max",
        "median",
        "target",
        "gap",
        "share_below_target",
        "n_substandard",
        "substandard",
    ]
    goals = pd.DataFrame(rows, columns=columns)
    goals["substandard"] = goals["substandard"].astype("boolean")
    return goals


def _organisation_table(data: pd.DataFrame, floor: float) -> pd.DataFrame:
    """One row per organisation: its profile, strongest and weakest capabilities."""
    parts = _group_parts(data, ["wave", "organisation"], ["level", "target", "capability"])
    rows = []
    for (wave, org), level, target, capability in parts:
        stats = _stats(level)
        present = ~np.isnan(level)
        assessed = level[present]
        if len(assessed):
            top, bottom = assessed.max(), assessed.min()
            strongest = "; ".join(capability[present][assessed == top])
            weakest = "; ".join(capability[present][assessed == bottom])
        else:
            top = bottom = np.nan
            strongest = weakest = ""
        with_target = present & ~np.isnan(target)
        at_or_above = int((level[with_target] >= target[with_target]).sum())
        n_with_target = int(with_target.sum())
        rows.append(
            {
                "wave": wave,
                "organisation": org,
                "n": stats["n"],
                "n_not_assessed": len(level) - len(assessed),
                "mean": stats["mean"],
                "sd": stats["sd"],
                "min": stats["min"],
                "max": stats["max"],
                "strongest": strongest,
                "strongest_level": float(top),
                "weakest": weakest,
                "weakest_level": float(bottom),
                "n_at_or_above_target": at_or_above,
                "n_with_target": n_with_target,
                "share_at_or_above_target": (
                    at_or_above / n_with_target if n_with_target else np.nan
                ),
                "n_substandard_cells": int((assessed < floor).sum()) if floor == floor else 0,
            }
        )
    columns = [
        "wave",
        "organisation",
        "n",
        "n_not_assessed",
        "mean",
        "sd",
        "min",
        "max",
        "strongest",
        "strongest_level",
        "weakest",
        "weakest_level",
        "n_at_or_above_target",
        "n_with_target",
        "share_at_or_above_target",
        "n_substandard_cells",
    ]
    return pd.DataFrame(rows, columns=columns)


def _same(column: pd.Series, value) -> pd.Series:
    """Element-wise equality that treats missing as equal to missing."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return column.isna()
    return column == value
