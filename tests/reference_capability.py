"""Capability summaries the plain way: one pandas group at a time. The test oracle.

The straightforward code :mod:`maturity.capability` had before its tables were computed over
group codes; ``test_capability.py`` checks that both give the same tables on random maps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from maturity.capability import lowest_acceptable


def capability_summary(assessments: pd.DataFrame, *, levels: pd.DataFrame | None = None):
    """The three tables (capabilities, goals, organisations), one group at a time."""
    floor = lowest_acceptable(levels)
    data = _numeric(assessments)
    capabilities = _capability_table(data, floor)
    return capabilities, _goal_table(data, capabilities, floor), _organisation_table(data, floor)


def _is_substandard(mean: float, floor: float):
    if mean != mean or floor != floor:
        return pd.NA
    return bool(mean < floor - 1e-9)


def _stats(values: pd.Series) -> dict:
    x = values.to_numpy(dtype=float)
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


def goal_profiles(assessments: pd.DataFrame) -> pd.DataFrame:
    """Each organisation's mean level per goal, one group at a time."""
    data = _numeric(assessments)
    rows = []
    for (wave, org, goal), group in data.groupby(
        ["wave", "organisation", "goal"], sort=False, dropna=False
    ):
        targets = group.drop_duplicates("capability")["target"]
        stats = _stats(group["level"])
        rows.append(
            {
                "wave": wave,
                "organisation": org,
                "goal": goal,
                "n": stats["n"],
                "mean": stats["mean"],
                "target": float(targets.mean()) if targets.notna().any() else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["wave", "organisation", "goal", "n", "mean", "target"])


def _capability_table(data: pd.DataFrame, floor: float) -> pd.DataFrame:
    """One row per capability: statistics of the organisations' levels, target and gap."""
    rows = []
    for (wave, cap), group in data.groupby(["wave", "capability"], sort=False, dropna=False):
        stats = _stats(group["level"])
        target = group["target"].dropna()
        target = float(target.iloc[0]) if len(target) else np.nan
        assessed = group["level"].dropna()
        below = float((assessed < target).mean()) if len(assessed) and target == target else np.nan
        rows.append(
            {
                "wave": wave,
                "goal": group["goal"].iloc[0],
                "capability": cap,
                "n": stats["n"],
                "n_not_assessed": int(group["level"].isna().sum()),
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
    rows = []
    for (wave, org), group in data.groupby(["wave", "organisation"], sort=False, dropna=False):
        stats = _stats(group["level"])
        assessed = group.dropna(subset=["level"])
        if len(assessed):
            top, bottom = assessed["level"].max(), assessed["level"].min()
            strongest = "; ".join(assessed.loc[assessed["level"] == top, "capability"])
            weakest = "; ".join(assessed.loc[assessed["level"] == bottom, "capability"])
        else:
            top = bottom = np.nan
            strongest = weakest = ""
        with_target = assessed.dropna(subset=["target"])
        at_or_above = int((with_target["level"] >= with_target["target"]).sum())
        rows.append(
            {
                "wave": wave,
                "organisation": org,
                "n": stats["n"],
                "n_not_assessed": int(group["level"].isna().sum()),
                "mean": stats["mean"],
                "sd": stats["sd"],
                "min": stats["min"],
                "max": stats["max"],
                "strongest": strongest,
                "strongest_level": float(top),
                "weakest": weakest,
                "weakest_level": float(bottom),
                "n_at_or_above_target": at_or_above,
                "n_with_target": len(with_target),
                "share_at_or_above_target": (
                    at_or_above / len(with_target) if len(with_target) else np.nan
                ),
                "n_substandard_cells": int((assessed["level"] < floor).sum())
                if floor == floor
                else 0,
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
