"""Key findings of a capability map, from its summary tables.

Every number comes from the summary tables (latest wave); the words come from
:mod:`maturity.text` (Swedish sentences use the decimal comma).
"""

from __future__ import annotations

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding

__all__ = ["capability_findings", "latest_wave", "tied_rows"]


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


def tied_rows(table: pd.DataFrame, column: str, end: str, lang: str) -> pd.DataFrame:
    """The rows whose ``column`` value, as shown (one decimal), is the lowest resp. the
    highest (``end``): all of them when several share it, in the table's order.

    Examples
    --------
    >>> t = pd.DataFrame({"name": ["A", "B", "C"], "mean": [2.04, 1.96, 3.0]})
    >>> tied_rows(t, "mean", "lowest", "sv")["name"].tolist()
    ['A', 'B']
    """
    shown = table[column].map(lambda v: text.number(v, lang))
    extreme = table[column].idxmin() if end == "lowest" else table[column].idxmax()
    return table[shown == shown[extreme]]


def _names(rows: pd.DataFrame, column: str, lang: str) -> str:
    """Names joined, with "(equal as shown)" when there are several."""
    names = text.join([str(v) for v in rows[column]], lang)
    return names + (text.word("findings.capability.tie_suffix", lang) if len(rows) > 1 else "")


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
    tied = tied_rows(rest.sort_values("mean", kind="stable"), "mean", "lowest", lang)
    if len(tied) > 1:
        return [_weakest_tie(tied, bad, assessed, lang)]
    row = tied.iloc[0]
    n_below = _n_below(row, assessed)
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


def _n_below(row: pd.Series, assessed: pd.DataFrame) -> int:
    """How many organisations are below the capability's target level."""
    cells = assessed[assessed["capability"] == row["capability"]]
    has_target = row["target"] == row["target"]
    return int((cells["level"] < row["target"]).sum()) if has_target else 0


def _weakest_tie(tied: pd.DataFrame, bad: pd.DataFrame, assessed: pd.DataFrame, lang: str):
    """Several capabilities share the weakest mean as shown: all are named, each with its
    target and how many organisations are below it."""
    items = [
        text.word(
            "findings.capability.tie_item_below",
            lang,
            capability=row["capability"],
            target=_level_number(row["target"], lang),
            n_below=_n_below(row, assessed),
            n=int(row["n"]),
        )
        for _, row in tied.iterrows()
    ]
    fields = {
        "k": len(tied),
        "mean": text.number(tied["mean"].iloc[0], lang),
        "listed": text.join(items, lang),
    }
    if len(bad):
        beyond = text.join(bad["capability"].tolist(), lang)
        sentence = text.word(
            "findings.capability.weakest_beyond_tie", lang, beyond=beyond, **fields
        )
    else:
        sentence = text.word("findings.capability.weakest_tie", lang, **fields)
    values = {
        "capabilities": tied["capability"].tolist(),
        "means": [float(m) for m in tied["mean"]],
        "n_below_target": [_n_below(row, assessed) for _, row in tied.iterrows()],
    }
    return Finding("capability", "weakest", sentence, values)


def _n_best(capability, assessed: pd.DataFrame) -> int:
    """For how many organisations the capability is (one of) their highest level."""
    best = assessed.groupby("organisation")["level"].transform("max")
    top = assessed[(assessed["level"] == best) & (assessed["capability"] == capability)]
    return int(top["organisation"].nunique())


def _strongest(caps: pd.DataFrame, assessed: pd.DataFrame, lang: str) -> list[Finding]:
    """The strongest capability (all of them when several share the mean as shown), and for
    how many organisations it is their best."""
    n_orgs = assessed["organisation"].nunique()
    tied = tied_rows(
        caps.sort_values("mean", ascending=False, kind="stable"), "mean", "highest", lang
    )
    if len(tied) > 1:
        items = [
            text.word(
                "findings.capability.tie_item_best",
                lang,
                capability=row["capability"],
                target=_level_number(row["target"], lang),
                n_best=_n_best(row["capability"], assessed),
                n_organisations=n_orgs,
            )
            for _, row in tied.iterrows()
        ]
        sentence = text.word(
            "findings.capability.strongest_tie",
            lang,
            k=len(tied),
            mean=text.number(tied["mean"].iloc[0], lang),
            listed=text.join(items, lang),
        )
        values = {
            "capabilities": tied["capability"].tolist(),
            "means": [float(m) for m in tied["mean"]],
            "n_organisations": n_orgs,
        }
        return [Finding("capability", "strongest", sentence, values)]
    row = tied.iloc[0]
    n_best = _n_best(row["capability"], assessed)
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
        widest = tied_rows(below.sort_values("gap", kind="stable"), "gap", "lowest", lang)
        worst = widest.iloc[0]
        sentence = text.word(
            "findings.capability.below_target_widest",
            lang,
            capability=_names(widest, "capability", lang),
            gap=text.number(worst["gap"], lang),
            **counts,
        )
        values |= {
            "largest_gap_capability": worst["capability"],
            "largest_gap_capabilities": widest["capability"].tolist(),
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
    highs = tied_rows(
        rows.sort_values("mean", ascending=False, kind="stable"), "mean", "highest", lang
    )
    lows = tied_rows(rows.sort_values("mean", kind="stable"), "mean", "lowest", lang)
    hi, lo = highs.iloc[0], lows.iloc[0]
    values = {
        f"highest_{column}": hi[column],
        "highest_mean": float(hi["mean"]),
        f"lowest_{column}": lo[column],
        "lowest_mean": float(lo["mean"]),
        f"highest_{column}s": highs[column].tolist(),
        f"lowest_{column}s": lows[column].tolist(),
    }
    if text.number(hi["mean"], lang) == text.number(lo["mean"], lang):
        sentence = text.word(
            f"findings.capability.{key}_equal",
            lang,
            n=len(rows),
            mean=text.number(hi["mean"], lang),
        )
        return [Finding("capability", key, sentence, values)]
    sentence = text.word(
        f"findings.capability.{key}",
        lang,
        highest=_names(highs, column, lang),
        highest_mean=text.number(hi["mean"], lang),
        lowest=_names(lows, column, lang),
        lowest_mean=text.number(lo["mean"], lang),
    )
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
