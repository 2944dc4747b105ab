"""Priorities for the next plan: the capabilities below their målnivå and what addresses them.

A follow-up of an action plan ends with "the plan should be updated on the basis of this
evaluation". :func:`priorities` puts the capability map next to the action plan and the risk
register: per capability whose mean is below its target (målnivå), how far below it is, in how
many organisations, which activities of the plan and which open risks name it (or its målbild
goal) in their optional ``serves`` column, and whether no activity does, which makes the
capability a candidate for the next plan.

Examples
--------
>>> import pandas as pd
>>> summary = pd.DataFrame({"goal": ["Styrning"], "capability": ["Avveckla"], "n": [4],
...                         "mean": [1.5], "target": [3], "gap": [-1.5],
...                         "share_below_target": [1.0]})
>>> actions = pd.DataFrame({"activity": ["Exitplaner"], "year": [2020], "status": ["planned"],
...                         "serves": ["avveckla"]})
>>> priorities(summary, actions, None).loc[0, "activities"]
'Exitplaner (2020)'
"""

from __future__ import annotations

import re

import pandas as pd

from maturity.io.values import normalise

__all__ = ["priorities", "PRIORITY_COLUMNS", "served"]

#: Columns of the ``priorities`` table, in order.
PRIORITY_COLUMNS = [
    "goal",
    "capability",
    "target",
    "mean",
    "gap",
    "n_below_target",
    "n_assessed",
    "n_addressing",
    "activities",
    "n_open_risks",
    "risks",
    "unaddressed",
]

#: What separates several names in one ``serves`` cell (a comma may stand in a goal's name).
_SEPARATORS = re.compile(r"[;\n|]")


def served(value: object) -> set[str]:
    """The normalised names in a ``serves`` cell (several separated by ``;``, ``|`` or a line).

    Examples
    --------
    >>> sorted(served("Avveckla; Styrning  och ledning"))
    ['avveckla', 'styrning och ledning']
    >>> served(None), served("")
    (set(), set())
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return set()
    return {normalise(part) for part in _SEPARATORS.split(str(value)) if part.strip()}


def _latest(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    if column in frame and frame[column].notna().any():
        return frame[frame[column] == frame[column].max()]
    return frame


def _addressing(frame, names: set[str], label) -> list[str]:
    """The labels of the rows whose ``serves`` names one of ``names``."""
    if frame is None or not len(frame) or "serves" not in frame:
        return []
    return [label(row) for row in frame.itertuples(index=False) if served(row.serves) & names]


def _activity_label(row) -> str:
    year = getattr(row, "year", None)
    return f"{row.activity} ({int(year)})" if year is not None and year == year else row.activity


def _risk_label(row) -> str:
    return f"{row.risk_id} {row.threat}".strip()


def priorities(
    capability_summary: pd.DataFrame,
    actions: pd.DataFrame | None,
    risks: pd.DataFrame | None,
    *,
    include_cancelled: bool = False,
) -> pd.DataFrame:
    """The capabilities below their target and the activities and open risks that address them.

    Parameters
    ----------
    capability_summary : DataFrame
        ``capability_summary`` of :func:`maturity.capability_summary` (goal, capability, n,
        mean, target, gap, share_below_target; the latest wave when it has several).
    actions : DataFrame or None
        The action plan's ``actions`` (activity, year, status, optional ``serves``: the
        capability or målbild goal an activity serves).
    risks : DataFrame or None
        The risk register's ``risks`` (risk_id, date, threat, optional ``serves``); the risks
        of the latest meeting are the open ones.
    include_cancelled : bool
        Count cancelled activities as addressing a capability (default: they do not).

    Returns
    -------
    DataFrame
        One row per capability whose mean is below its target, the largest gap first, columns
        :data:`PRIORITY_COLUMNS`: gap (mean − target, negative), n_below_target (organisations
        below target), n_assessed, n_addressing and activities ("activity (year)" joined by
        "; "), n_open_risks and risks ("id threat"), unaddressed (no activity serves the
        capability or its goal: a candidate for the next plan). Empty when none is below.

    Examples
    --------
    >>> summary = pd.DataFrame({"goal": ["G"], "capability": ["Dela data"], "n": [10],
    ...                         "mean": [2.2], "target": [3], "gap": [-0.8],
    ...                         "share_below_target": [0.7]})
    >>> table = priorities(summary, None, None)
    >>> int(table.loc[0, "n_below_target"]), bool(table.loc[0, "unaddressed"])
    (7, True)
    """
    summary = _latest(capability_summary, "wave")
    below = summary[summary["gap"].astype(float) < 0]
    below = below.sort_values(["gap", "goal", "capability"], kind="stable")
    plan = actions
    if plan is not None and len(plan) and not include_cancelled and "status" in plan:
        plan = plan[plan["status"].astype(object).ne("cancelled").fillna(True)]
    open_risks = None if risks is None or not len(risks) else _latest(risks, "date")
    rows = []
    for row in below.itertuples(index=False):
        names = {normalise(row.capability), normalise(row.goal)}
        activities = _addressing(plan, names, _activity_label)
        threats = _addressing(open_risks, names, _risk_label)
        n = int(row.n)
        rows.append(
            {
                "goal": row.goal,
                "capability": row.capability,
                "target": row.target,
                "mean": float(row.mean),
                "gap": float(row.gap),
                "n_below_target": int(round(float(row.share_below_target) * n)),
                "n_assessed": n,
                "n_addressing": len(activities),
                "activities": "; ".join(activities),
                "n_open_risks": len(threats),
                "risks": "; ".join(threats),
                "unaddressed": not activities,
            }
        )
    table = pd.DataFrame(rows, columns=PRIORITY_COLUMNS)
    return table.astype(
        {"n_below_target": int, "n_assessed": int, "n_addressing": int, "n_open_risks": int}
    ).astype({"unaddressed": bool})
