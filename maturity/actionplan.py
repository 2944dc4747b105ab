"""Action-plan follow-up: status per area and year, carried-over activities and budget use.

The plan is read by :func:`maturity.io.actionplan.read_action_plan` into the tidy ``actions``
table (and ``budget``); :func:`action_plan_summary` counts statuses, the share done, the
activities carried over to a later year and the budget use per year.

Examples
--------
>>> import maturity as mt
>>> plan = mt.read_action_plan("data/raw/handlingsplan.xlsx")   # doctest: +SKIP
>>> mt.action_plan_summary(plan).years                           # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from maturity.io.actionplan import BUDGET_COLUMNS, STATUSES
from maturity.io.risk import natural_key
from maturity.io.values import normalise

__all__ = [
    "STATUSES",
    "ActionPlanSummary",
    "action_plan_summary",
]


# -- summary --------------------------------------------------------------------------------


@dataclass
class ActionPlanSummary:
    """Tidy tables made by :func:`action_plan_summary`.

    Attributes
    ----------
    status : DataFrame
        year, area, status, n: activities per status per area and year (every canonical status,
        zeros included). Activities without a readable status are left out (see ``areas``).
    areas : DataFrame
        Per year and area: year, area, n_activities, n_planned, n_ongoing, n_done,
        n_delayed, n_cancelled, n_unknown (no readable status), share_done, n_carried_over,
        budget, spent.
    years : DataFrame
        Per year: year, n_activities, n_done, n_delayed, n_cancelled, share_done,
        n_carried_over, allocated (the Anslag; NaN without one), budgeted (sum of the
        activities' budgets), spent (sum of Utfall), utilisation (spent / allocated),
        spent_of_budgeted (spent / budgeted).
    carried_over : DataFrame
        The activities carried over: year, area, activity, status, to_year (the next later
        year in which the same area + activity appears; empty when none), reason
        (``"status"``: status delayed; ``"later_year"``: not done and planned again later;
        ``"both"``).
    """

    status: pd.DataFrame
    areas: pd.DataFrame
    years: pd.DataFrame
    carried_over: pd.DataFrame

    def tables(self, prefix: str = "actionplan_") -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. ``{"actionplan_years": ..., ...}``."""
        return {
            f"{prefix}{name}": getattr(self, name)
            for name in ("status", "areas", "years", "carried_over")
        }


def _share(done: int, of: int) -> float:
    return done / of if of else float("nan")


def action_plan_summary(
    actions: pd.DataFrame, *, budget: pd.DataFrame | None = None
) -> ActionPlanSummary:
    """Status per area and year, share done, carried-over activities and budget use per year.

    Definitions:

    * **share done** = activities *done* / activities planned that year that were not
      *cancelled* (a cancelled activity is no longer planned); NaN when none;
    * **carried over**: an activity whose status is *delayed*, or that was not done (any
      status but *done* and *cancelled*) and whose area + activity text (compared
      case-insensitively, spaces collapsed) appears again in a later year. A recurring
      activity that was done is not a slip;
    * **utilisation** = spent / allocated (the Anslag of the year); **spent_of_budgeted** =
      spent / the sum of the activities' budgets. Sums skip blank amounts; a year without any
      amount has NaN.

    Parameters
    ----------
    actions : DataFrame
        The tidy ``actions`` table (``ActionPlan.actions``): area, activity, year, status
        (``planned``, ``ongoing``, ``done``, ``delayed``, ``cancelled`` or missing), and
        optionally budget and spent.
    budget : DataFrame, optional
        The yearly allocation (``ActionPlan.budget``): year, allocated. Without it
        ``allocated`` and ``utilisation`` are NaN.

    Returns
    -------
    ActionPlanSummary
        ``.status``, ``.areas``, ``.years``, ``.carried_over`` (see :class:`ActionPlanSummary`).

    Examples
    --------
    >>> import pandas as pd
    >>> actions = pd.DataFrame({
    ...     "area": ["E-tjänster", "E-tjänster", "E-tjänster"],
    ...     "activity": ["Ny webbplats", "E-arkiv", "E-arkiv"],
    ...     "year": [2019, 2019, 2020], "status": ["done", "delayed", "ongoing"],
    ...     "budget": [400_000, 600_000, 500_000], "spent": [380_000, 100_000, 200_000]})
    >>> summary = action_plan_summary(actions)
    >>> summary.years[["year", "share_done", "n_carried_over", "spent"]].to_dict("list")
    {'year': [2019, 2020], 'share_done': [0.5, 0.0], 'n_carried_over': [1, 0], 'spent': [480000.0, 200000.0]}
    >>> summary.carried_over[["activity", "year", "to_year", "reason"]].to_dict("records")
    [{'activity': 'E-arkiv', 'year': 2019, 'to_year': 2020, 'reason': 'both'}]
    """
    actions = _prepared(actions)
    allocation = pd.DataFrame(columns=BUDGET_COLUMNS) if budget is None else budget
    actions, carried = _carried_over(actions)
    status_table, area_table = _per_area(actions)
    year_table = _per_year(actions, allocation)
    for table in (status_table, area_table, year_table):
        _type_columns(table)
    return ActionPlanSummary(status_table, area_table, year_table, carried)


def _prepared(actions: pd.DataFrame) -> pd.DataFrame:
    """A checked copy with canonical statuses, float amounts and nullable-int years."""
    if not isinstance(actions, pd.DataFrame):
        raise TypeError("expected the tidy actions table (a DataFrame), e.g. ActionPlan.actions")
    missing = {"area", "activity", "year", "status"} - set(actions.columns)
    if missing:
        raise ValueError(f"the actions table lacks the columns {sorted(missing)}")
    actions = actions.copy()
    for name in ("budget", "spent"):
        if name not in actions.columns:
            actions[name] = float("nan")
        actions[name] = actions[name].astype(float)
    actions["year"] = actions["year"].astype("Int64")
    return actions


def _carried_over(actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Flag the carried-over activities (``is_carried``) and list them with the reason."""
    actions["match_key"] = [
        (normalise(a), normalise(t))
        for a, t in zip(actions["area"], actions["activity"], strict=True)
    ]
    years_of: dict[tuple, list[int]] = {}
    for key, year in zip(actions["match_key"], actions["year"], strict=True):
        years_of.setdefault(key, []).append(int(year))
    rows = []
    flags = []
    for row in actions.itertuples(index=False):
        later = sorted(y for y in years_of[row.match_key] if y > int(row.year))
        status = row.status if isinstance(row.status, str) else None
        by_status = status == "delayed"
        by_later = bool(later) and status not in ("done", "cancelled")
        flags.append(by_status or by_later)
        if by_status or by_later:
            reason = "both" if by_status and by_later else "status" if by_status else "later_year"
            rows.append(
                (
                    int(row.year),
                    row.area,
                    row.activity,
                    status,
                    later[0] if later else pd.NA,
                    reason,
                )
            )
    actions["is_carried"] = flags
    carried = pd.DataFrame(
        rows, columns=["year", "area", "activity", "status", "to_year", "reason"]
    )
    carried["year"] = carried["year"].astype("Int64")
    carried["to_year"] = pd.array(list(carried["to_year"]), dtype="Int64")
    for name in ("area", "activity", "reason"):
        carried[name] = carried[name].astype(str)
    carried["status"] = carried["status"].astype("str")
    carried.loc[carried["status"].isin(["None", "nan"]), "status"] = pd.NA
    return actions, carried


def _per_area(actions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activities per status per area and year, and the per-area counts and amounts."""
    years = sorted(int(y) for y in actions["year"].dropna().unique())
    area_rows, status_rows = [], []
    for year in years:
        in_year = actions[actions["year"] == year]
        for area in dict.fromkeys(in_year["area"]):
            group = in_year[in_year["area"] == area]
            counts = {s: int((group["status"] == s).sum()) for s in STATUSES}
            for s in STATUSES:
                status_rows.append((year, area, s, counts[s]))
            area_rows.append(
                {
                    "year": year,
                    "area": area,
                    "n_activities": len(group),
                    **{f"n_{s}": counts[s] for s in STATUSES},
                    "n_unknown": int(group["status"].isna().sum()),
                    "share_done": _share(counts["done"], len(group) - counts["cancelled"]),
                    "n_carried_over": int(group["is_carried"].sum()),
                    "budget": group["budget"].sum(min_count=1),
                    "spent": group["spent"].sum(min_count=1),
                }
            )
    status_table = pd.DataFrame(status_rows, columns=["year", "area", "status", "n"])
    area_table = pd.DataFrame(
        area_rows,
        columns=[
            "year",
            "area",
            "n_activities",
            *(f"n_{s}" for s in STATUSES),
            "n_unknown",
            "share_done",
            "n_carried_over",
            "budget",
            "spent",
        ],
    )
    return status_table, area_table


def _per_year(actions: pd.DataFrame, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per year: counts, share done, carried over, and the budget use."""
    years = sorted(int(y) for y in actions["year"].dropna().unique())
    allocated = {
        int(y): float(a) for y, a in zip(allocation["year"], allocation["allocated"], strict=True)
    }
    rows = []
    for year in sorted(set(years) | set(allocated)):
        group = actions[actions["year"] == year]
        n_done = int((group["status"] == "done").sum())
        n_cancelled = int((group["status"] == "cancelled").sum())
        budgeted = group["budget"].sum(min_count=1)
        spent = group["spent"].sum(min_count=1)
        alloc = allocated.get(year, float("nan"))
        rows.append(
            {
                "year": year,
                "n_activities": len(group),
                "n_done": n_done,
                "n_delayed": int((group["status"] == "delayed").sum()),
                "n_cancelled": n_cancelled,
                "share_done": _share(n_done, len(group) - n_cancelled),
                "n_carried_over": int(group["is_carried"].sum()),
                "allocated": alloc,
                "budgeted": budgeted,
                "spent": spent,
                "utilisation": spent / alloc if alloc and alloc == alloc else float("nan"),
                "spent_of_budgeted": spent / budgeted
                if budgeted and budgeted == budgeted
                else float("nan"),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "n_activities",
            "n_done",
            "n_delayed",
            "n_cancelled",
            "share_done",
            "n_carried_over",
            "allocated",
            "budgeted",
            "spent",
            "utilisation",
            "spent_of_budgeted",
        ],
    )


def _type_columns(table: pd.DataFrame) -> None:
    """Nullable-int years, int64 counts, float amounts and shares, str names (in place)."""
    table["year"] = table["year"].astype("Int64")
    for name in table.columns:
        if name.startswith("n") and name != "year":
            table[name] = table[name].astype("int64")
    for name in (
        "share_done",
        "budget",
        "spent",
        "allocated",
        "budgeted",
        "utilisation",
        "spent_of_budgeted",
    ):
        if name in table.columns:
            table[name] = table[name].astype(float)
    for name in ("area", "status"):
        if name in table.columns:
            table[name] = table[name].astype(str)


def _sorted_areas(areas) -> list[str]:
    """Areas in natural order (used by the figures when no order is given)."""
    return sorted(areas, key=natural_key)
