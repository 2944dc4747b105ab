"""Risk register summaries: ranking by level, and the trend from meeting to meeting.

The register is read by :func:`maturity.io.risk.read_risk_register` into the tidy ``risks``
table; :func:`risk_summary` ranks the risks of every meeting, puts them in levels and follows
each risk from meeting to meeting.

Examples
--------
>>> import maturity as mt
>>> register = mt.read_risk_register("data/raw/riskregister.xlsx")      # doctest: +SKIP
>>> summary = mt.risk_summary(register)                                 # doctest: +SKIP
>>> summary.ranked.query("rank <= 3")                                   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from maturity.io.risk import natural_key

__all__ = [
    "DEFAULT_BANDS",
    "CHANGES",
    "RiskSummary",
    "risk_summary",
    "risk_level",
    "check_bands",
    "natural_key",
]

#: Default risk levels: each level covers the scores up to and including its bound.
DEFAULT_BANDS: dict[str, int] = {"low": 4, "medium": 9, "high": 16, "critical": 25}


#: How a risk's R changed since the previous meeting (see :func:`risk_summary`).
CHANGES = ("new", "raised", "lowered", "unchanged", "closed", "unknown")


# -- summary --------------------------------------------------------------------------------


def check_bands(bands: Mapping[str, int] | None) -> dict[str, int]:
    """The risk bands, checked: levels lowest first, increasing upper bounds, the last >= 25.

    Parameters
    ----------
    bands : mapping of level to upper bound, optional
        Default :data:`DEFAULT_BANDS`.

    Returns
    -------
    dict
        Level -> the highest R it covers.

    Raises
    ------
    ValueError
        When the bounds do not increase or the last does not reach 25.

    Examples
    --------
    >>> check_bands(None)
    {'low': 4, 'medium': 9, 'high': 16, 'critical': 25}
    >>> check_bands({"a": 9, "b": 16})
    Traceback (most recent call last):
    ...
    ValueError: the last risk band must reach 25 (S × K at most 5 × 5), got {'a': 9, 'b': 16}
    """
    bands = dict(DEFAULT_BANDS if bands is None else bands)
    bounds = list(bands.values())
    if not bounds or any(b <= a for a, b in zip(bounds, bounds[1:], strict=False)):
        raise ValueError(f"risk bands must have increasing upper bounds, got {bands}")
    if bounds[-1] < 25:
        raise ValueError(f"the last risk band must reach 25 (S × K at most 5 × 5), got {bands}")
    return bands


def risk_level(score: float, bands: Mapping[str, int] | None = None) -> str | None:
    """The level of a score R: the first band whose upper bound is at least R.

    Parameters
    ----------
    score : number
        R = S × K (1–25).
    bands : mapping of level to upper bound, optional
        Default :data:`DEFAULT_BANDS`: low 1–4, medium 5–9, high 10–16, critical 20–25
        (17–19 cannot occur as a product of two numbers 1–5).

    Examples
    --------
    >>> risk_level(4), risk_level(12), risk_level(20), risk_level(float("nan")) is None
    ('low', 'high', 'critical', True)
    >>> risk_level(8, {"acceptable": 8, "unacceptable": 25})
    'acceptable'
    """
    if score is None or pd.isna(score):
        return None
    for level, bound in check_bands(bands).items():
        if score <= bound:
            return level
    return None


@dataclass
class RiskSummary:
    """Tidy tables made by :func:`risk_summary`.

    Attributes
    ----------
    ranked : DataFrame
        Per meeting its risks from highest R down: date, rank (1 = highest; ties share the
        lowest rank), risk_id, threat, probability, impact, score, level. Ties in R are ordered
        by K, then S, then ID.
    trend : DataFrame
        Per risk per meeting from its first appearance: risk_id, threat, date, score,
        previous_score (R at the previous meeting), delta, change — ``new`` (first appearance;
        at the first meeting every risk is new; also a risk that reappears after being
        closed), ``raised``, ``lowered``, ``unchanged``, ``closed`` (the first meeting at which
        a risk of the previous meeting is missing; score empty; no further rows unless it
        reappears), ``unknown`` (R unreadable at this or the previous meeting).
    levels : DataFrame
        date, level, n: the number of risks per level per meeting (every level, zeros included).
    meetings : DataFrame
        Per meeting: date, n_risks, max_score, mean_score, and n_new, n_raised, n_lowered,
        n_unchanged, n_closed (counts of ``trend.change``).
    bands : DataFrame
        level, min_score, max_score, label_sv, label_en: the bands used (the labels are the
        words of :mod:`maturity.text` for ``value.level.<level>``, else the level itself).
    """

    ranked: pd.DataFrame
    trend: pd.DataFrame
    levels: pd.DataFrame
    meetings: pd.DataFrame
    bands: pd.DataFrame

    def tables(self, prefix: str = "risk_") -> dict[str, pd.DataFrame]:
        """The tables by name, e.g. ``{"risk_ranked": ..., "risk_trend": ...}``."""
        return {
            f"{prefix}{name}": getattr(self, name)
            for name in ("ranked", "trend", "levels", "meetings", "bands")
        }


def _risks_of(risks: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(risks, pd.DataFrame):
        raise TypeError("expected the tidy risks table (a DataFrame), e.g. RiskRegister.risks")
    missing = {"risk_id", "date", "probability", "impact"} - set(risks.columns)
    if missing:
        raise ValueError(f"the risks table lacks the columns {sorted(missing)}")
    frame = risks.copy()
    if "score" not in frame.columns:
        frame["score"] = frame["probability"] * frame["impact"]
    for name in ("threat",):
        if name not in frame.columns:
            frame[name] = ""
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["risk_id"] = frame["risk_id"].astype(str)
    return frame


def risk_summary(risks: pd.DataFrame, *, bands: Mapping[str, int] | None = None) -> RiskSummary:
    """Rank the risks of every meeting, put them in levels, and follow each risk over meetings.

    Parameters
    ----------
    risks : DataFrame
        The tidy ``risks`` table (``RiskRegister.risks``): risk_id, date, probability, impact,
        and optionally score and threat.
    bands : mapping of level to upper bound, optional
        The levels, lowest first, each with the highest R it covers; the last must reach 25.
        Default :data:`DEFAULT_BANDS` = ``{"low": 4, "medium": 9, "high": 16, "critical": 25}``,
        in Swedish *låg* 1–4, *medel* 5–9, *hög* 10–16, *kritisk* 20–25.

    Returns
    -------
    RiskSummary
        ``.ranked``, ``.trend``, ``.levels``, ``.meetings``, ``.bands`` (see :class:`RiskSummary`).

    Examples
    --------
    >>> import pandas as pd
    >>> risks = pd.DataFrame({
    ...     "risk_id": ["R1", "R2", "R1", "R3"],
    ...     "date": pd.to_datetime(["2020-03-05", "2020-03-05", "2020-09-17", "2020-09-17"]),
    ...     "probability": [4, 2, 3, 4], "impact": [5, 2, 5, 4]})
    >>> summary = risk_summary(risks)
    >>> summary.trend[["risk_id", "score", "change"]].to_dict("list")
    {'risk_id': ['R1', 'R1', 'R2', 'R2', 'R3'], 'score': [20, 15, 4, None, 16], 'change': ['new', 'lowered', 'new', 'closed', 'new']}
    >>> latest = summary.ranked[summary.ranked["date"] == "2020-09-17"]
    >>> latest[["rank", "risk_id", "level"]].to_dict("list")
    {'rank': [1, 2], 'risk_id': ['R3', 'R1'], 'level': ['high', 'high']}
    """
    bands = check_bands(bands)
    risks = _risks_of(risks)
    dates = sorted(risks["date"].dropna().unique())
    ranked = _ranked(risks, bands)
    trend = _trend(risks, dates)
    levels = _levels_per_meeting(ranked, dates, list(bands))
    meetings = _meetings(ranked, trend, dates)
    return RiskSummary(ranked, trend, levels, meetings, _band_table(bands))


def _ranked(risks: pd.DataFrame, bands: dict[str, int]) -> pd.DataFrame:
    """Per meeting the risks from highest R down, with rank and level."""
    # stable sort by natural id within ties: sort by id first, then the stable sort below
    ranked = risks.assign(_id=[natural_key(i) for i in risks["risk_id"]])
    ranked = ranked.iloc[sorted(range(len(ranked)), key=lambda i: ranked["_id"].iat[i])]
    ranked = ranked.assign(
        _k=ranked["impact"].astype("Float64").fillna(-1),
        _s=ranked["probability"].astype("Float64").fillna(-1),
        _r=ranked["score"].astype("Float64").fillna(-1),
    ).sort_values(["date", "_r", "_k", "_s"], ascending=[True, False, False, False], kind="stable")
    ranked["rank"] = (
        ranked.groupby("date")["_r"].rank(method="min", ascending=False).astype("Int64")
    )
    ranked.loc[ranked["_r"] < 0, "rank"] = pd.NA  # unscored risks have no rank
    ranked["level"] = pd.Series(
        [risk_level(v, bands) for v in ranked["score"]], index=ranked.index, dtype=object
    )
    ranked = ranked[
        ["date", "rank", "risk_id", "threat", "probability", "impact", "score", "level"]
    ].reset_index(drop=True)
    ranked["level"] = ranked["level"].astype("str").where(ranked["level"].notna(), None)
    return ranked


def _trend(risks: pd.DataFrame, dates: list) -> pd.DataFrame:
    """Per risk per meeting from its first appearance: R, the previous R and the change."""
    by_key = {(row.date, row.risk_id): row for row in risks.itertuples(index=False)}
    ids = sorted(risks["risk_id"].unique(), key=natural_key)
    rows = []
    for risk_id in ids:
        previous = None  # the row at the previous meeting, or None when absent
        last_threat = ""
        for date in dates:
            row = by_key.get((date, risk_id))
            if row is None:
                if previous is not None:
                    rows.append(
                        (risk_id, last_threat, date, pd.NA, _int(previous.score), pd.NA, "closed")
                    )
                previous = None
                continue
            last_threat = row.threat
            score = _int(row.score)
            if previous is None:
                change, prev_score, delta = "new", pd.NA, pd.NA
            else:
                prev_score = _int(previous.score)
                if pd.isna(score) or pd.isna(prev_score):
                    change, delta = "unknown", pd.NA
                else:
                    delta = score - prev_score
                    change = "raised" if delta > 0 else "lowered" if delta < 0 else "unchanged"
            rows.append((risk_id, row.threat, date, score, prev_score, delta, change))
            previous = row
    trend = pd.DataFrame(
        rows, columns=["risk_id", "threat", "date", "score", "previous_score", "delta", "change"]
    )
    for name in ("score", "previous_score", "delta"):
        trend[name] = pd.array(list(trend[name]), dtype="Int64")
    trend["date"] = pd.to_datetime(trend["date"]).astype("datetime64[ns]")
    trend["risk_id"] = trend["risk_id"].astype(str)
    trend["threat"] = trend["threat"].astype(str)
    trend["change"] = trend["change"].astype(str)
    return trend


def _levels_per_meeting(ranked: pd.DataFrame, dates: list, levels: list[str]) -> pd.DataFrame:
    """The number of risks per level per meeting, every level (zeros included)."""
    rows = []
    for date in dates:
        at = ranked[ranked["date"] == date]
        for level in levels:
            rows.append((date, level, int((at["level"] == level).sum())))
    table = pd.DataFrame(rows, columns=["date", "level", "n"])
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[ns]")
    table["n"] = table["n"].astype("int64")
    table["level"] = table["level"].astype(str)
    return table


def _meetings(ranked: pd.DataFrame, trend: pd.DataFrame, dates: list) -> pd.DataFrame:
    """Per meeting: the number of risks, the highest and mean R, and the changes."""
    rows = []
    for date in dates:
        at = ranked[ranked["date"] == date]["score"].astype("Float64")
        changes = trend[trend["date"] == date]["change"]
        rows.append(
            {
                "date": date,
                "n_risks": int(len(at)),
                "max_score": at.max(),
                "mean_score": float(at.mean()) if at.notna().any() else float("nan"),
                **{f"n_{c}": int((changes == c).sum()) for c in CHANGES[:5]},
            }
        )
    meetings = pd.DataFrame(
        rows,
        columns=["date", "n_risks", "max_score", "mean_score", *(f"n_{c}" for c in CHANGES[:5])],
    )
    meetings["date"] = pd.to_datetime(meetings["date"]).astype("datetime64[ns]")
    meetings["max_score"] = pd.array(
        [pd.NA if pd.isna(v) else int(v) for v in meetings["max_score"]], dtype="Int64"
    )
    meetings["mean_score"] = meetings["mean_score"].astype(float)
    return meetings


def _band_table(bands: dict[str, int]) -> pd.DataFrame:
    """The bands used: level, the R range, and the level's display word in each language."""
    from maturity.text import translate_values  # the words live in the text module

    levels = list(bands)
    lows = [1, *(bound + 1 for bound in list(bands.values())[:-1])]
    return pd.DataFrame(
        {
            "level": levels,
            "min_score": lows,
            "max_score": list(bands.values()),
            "label_sv": translate_values(levels, "value.level", "sv"),
            "label_en": translate_values(levels, "value.level", "en"),
        }
    )


def _int(value):
    return pd.NA if value is None or pd.isna(value) else int(value)
