"""The statistics the plain way: pandas groupby + agg, one group at a time. The test oracle.

Slow and obvious on purpose: every number the grouping engine (:mod:`maturity.stats.grouping`)
and the functions built on it compute is computed here again with ``DataFrame.groupby``,
``numpy`` and ``scipy`` and nothing clever, so that a test can say engine == reference on any
table. Suppression is not re-implemented: both sides go through
:func:`maturity.privacy.suppress`, the one rule (tested on its own in ``test_privacy.py``), with
the one decision per organisation of :func:`maturity.privacy.organisation_suppression` (tested
by differencing in ``test_differencing.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.privacy import organisation_suppression, suppress

PERSON = ["wave", "organisation", "role", "respondent"]
DESCRIBE_COLUMNS = [
    "n_respondents",
    "n",
    "n_dont_know",
    "mean",
    "sd",
    "se",
    "ci95_low",
    "ci95_high",
    "median",
    "q1",
    "q3",
    "share_top2",
    "share_bottom2",
]
ACROSS_COLUMNS = [
    "n_respondents",
    "n",
    "pooled_mean",
    "n_organisations",
    "n_organisations_hidden",
    "mean_of_means",
    "sd_between",
    "min_organisation",
    "min_mean",
    "max_organisation",
    "max_mean",
    "n_min_organisations",
    "n_max_organisations",
]


def _grouped(frame: pd.DataFrame, by: list[str]):
    """(key tuple, part) for every observed group, sorted by key, missing keys last."""
    if not by:
        return [((), frame)]
    groups = frame.groupby(by, sort=True, dropna=False, observed=True)
    return [(key if isinstance(key, tuple) else (key,), part) for key, part in groups]


def group_keys(frame: pd.DataFrame, by: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The observed groups of ``by`` (sorted, missing last) and each row's group number."""
    if not by:
        return pd.DataFrame(index=range(1)), np.zeros(len(frame), dtype=np.int64)
    grouped = frame.groupby(by, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    keys = pd.DataFrame(
        [key if isinstance(key, tuple) else (key,) for key, _ in grouped], columns=by
    )
    return keys, codes


def n_persons(part: pd.DataFrame, frame: pd.DataFrame | None = None) -> int:
    """Distinct people among the rows (identity: the PERSON columns present).

    With several waves in ``frame`` (the whole table): a person answering in two waves is
    one person when ids are linked (some organisation + role + id occurs in two waves of
    ``frame``); otherwise the count is that of the largest wave, summed over organisations
    and roles.
    """
    columns = [c for c in PERSON if c in part.columns]
    if frame is None or "wave" not in columns or frame["wave"].nunique(dropna=False) < 2:
        return len(part[columns].drop_duplicates())
    linked_columns = [c for c in columns if c != "wave"]
    seen = frame[columns].astype(object).drop_duplicates()
    if seen.duplicated(subset=linked_columns).any():
        return len(part[linked_columns].drop_duplicates())
    places = [c for c in ("organisation", "role") if c in columns]
    people = part[columns].astype(object).drop_duplicates()
    if not len(people):
        return 0
    per_wave = people.groupby([*places, "wave"], dropna=False).size()
    if not places:
        return int(per_wave.max())
    return int(per_wave.groupby(level=list(range(len(places))), dropna=False).max().sum())


def _score_row(x: np.ndarray, lo: float, hi: float) -> dict:
    n = len(x)
    row = {"n": n, "mean": x.mean() if n else np.nan, "sd": x.std(ddof=1) if n > 1 else np.nan}
    row["se"] = row["sd"] / np.sqrt(n) if n > 1 else np.nan
    if n > 1:
        half = sps.t.ppf(0.975, n - 1) * row["se"]
        row["ci95_low"], row["ci95_high"] = row["mean"] - half, row["mean"] + half
    else:
        row["ci95_low"] = row["ci95_high"] = np.nan
    for name, p in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
        row[name] = np.quantile(x, p) if n else np.nan
    row["share_top2"] = np.mean(x >= hi - 1) if n else np.nan
    row["share_bottom2"] = np.mean(x <= lo + 1) if n else np.nan
    return row


def describe(
    responses: pd.DataFrame,
    by: list[str],
    *,
    min_n: int = 1,
    scale: tuple[float, float] = (1, 5),
    margins: list[str] = (),
) -> pd.DataFrame:
    """:func:`maturity.stats.describe` (without codebook text), the plain way."""
    lo, hi = scale
    rows = []
    for key, part in _grouped(responses, by):
        scored = part[part["score"].notna()]
        x = scored["score"].to_numpy(dtype=float)
        unscored = part["score"].isna()
        if "answer" in part.columns:
            unscored &= part["answer"].notna() & (part["answer"] != "")
        row = dict(zip(by, key, strict=True))
        row["n_respondents"] = n_persons(scored, responses)
        row.update(_score_row(x, lo, hi))
        row["n_dont_know"] = int(unscored.sum())
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*by, *DESCRIBE_COLUMNS])
    stats = [c for c in DESCRIBE_COLUMNS if c != "n_respondents"]
    units = (
        organisation_suppression(responses, by=by, min_n=min_n) if "organisation" in by else None
    )
    return suppress(
        table, min_n=min_n, stat_columns=stats, group_columns=by, margins=list(margins), units=units
    )


def _tied_names(means: pd.Series, extreme: float) -> str | None:
    """Every organisation whose mean equals ``extreme``, sorted, joined with ", "."""
    if not len(means):
        return None
    return ", ".join(sorted(str(o) for o in means.index[means.round(10) == round(extreme, 10)]))


def across_organisations(responses: pd.DataFrame, by: list[str], *, min_n: int = 1) -> pd.DataFrame:
    """:func:`maturity.stats.across_organisations` (without codebook text), the plain way."""
    scored = responses[responses["score"].notna()]
    per_org = []
    for key, part in _grouped(scored[scored["organisation"].notna()], [*by, "organisation"]):
        per_org.append(
            {
                **dict(zip([*by, "organisation"], key, strict=True)),
                "n_respondents": n_persons(part, responses),
                "mean": part["score"].mean(),
            }
        )
    per_org = pd.DataFrame(per_org, columns=[*by, "organisation", "n_respondents", "mean"])
    per_org = suppress(
        per_org,
        min_n=min_n,
        stat_columns=[],
        group_columns=[*by, "organisation"],
        margins=["organisation"],
        units=organisation_suppression(responses, by=[*by, "organisation"], min_n=min_n),
    )
    rows = []
    for key, part in _grouped(responses, by):
        row = dict(zip(by, key, strict=True))
        x = part.loc[part["score"].notna(), "score"]
        row.update(
            n_respondents=n_persons(part[part["score"].notna()], responses),
            n=len(x),
            pooled_mean=x.mean() if len(x) else np.nan,
        )
        orgs = per_org
        for column, value in zip(by, key, strict=True):
            orgs = orgs[orgs[column].isna()] if pd.isna(value) else orgs[orgs[column] == value]
        shown = orgs[~orgs["suppressed"]]
        means = shown.set_index("organisation")["mean"]
        row.update(
            n_organisations=len(shown),
            n_organisations_hidden=len(orgs) - len(shown),
            mean_of_means=means.mean() if len(means) else np.nan,
            sd_between=means.std(ddof=1) if len(means) > 1 else np.nan,
            min_organisation=_tied_names(means, means.min()),
            min_mean=means.min() if len(means) else np.nan,
            max_organisation=_tied_names(means, means.max()),
            max_mean=means.max() if len(means) else np.nan,
            n_min_organisations=int((means.round(10) == round(means.min(), 10)).sum()),
            n_max_organisations=int((means.round(10) == round(means.max(), 10)).sum()),
        )
        rows.append(row)
    table = pd.DataFrame(rows, columns=[*by, *ACROSS_COLUMNS])
    return suppress(table, min_n=min_n, stat_columns=ACROSS_COLUMNS[1:], group_columns=by)


def dimension_scores(responses: pd.DataFrame) -> pd.DataFrame:
    """:func:`maturity.stats.dimension_scores` without a codebook, the plain way."""
    person = [c for c in PERSON if c in responses.columns]
    context = [c for c in ("wave", "role") if c in responses.columns]
    planned = {
        key: part["statement"].nunique(dropna=False)
        for key, part in _grouped(responses, [*context, "dimension"])
    }
    rows = []
    for key, part in _grouped(responses, [*person, "dimension"]):
        row = dict(zip([*person, "dimension"], key, strict=True))
        x = part["score"].dropna()
        n_statements = planned[tuple(row[c] for c in [*context, "dimension"])]
        if len(x) and 2 * len(x) >= n_statements:
            rows.append(
                {**row, "score": x.mean(), "n_answered": len(x), "n_statements": n_statements}
            )
    return pd.DataFrame(rows, columns=[*person, "dimension", "score", "n_answered", "n_statements"])


def _pairwise_cov(wide: np.ndarray) -> np.ndarray:
    """Item covariances from pairwise-complete rows (R ``cov(use="pairwise")``), by hand."""
    k = wide.shape[1]
    cov = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(wide[:, i]) & ~np.isnan(wide[:, j])
            if both.sum() >= 2:
                x, y = wide[both, i], wide[both, j]
                cov[i, j] = ((x - x.mean()) * (y - y.mean())).sum() / (both.sum() - 1)
    return cov


def reliability(responses: pd.DataFrame, by: list[str], *, min_n: int = 1) -> pd.DataFrame:
    """:func:`maturity.stats.reliability` scales (pairwise, no suppression), the plain way:
    R psych's ``alpha`` (``k/(k−1) · (1 − tr C / ΣC)``) and its Feldt interval
    ``1 − (1 − α) · qf(1 − p/2, n − 1, (n − 1)(k − 1))`` … ``qf(p/2, …)``. Expects at most one
    answer per person and statement."""
    person = [c for c in PERSON if c in responses.columns]
    rows = []
    for key, part in _grouped(responses, by):
        wide = part.set_index([*person, "statement"])["score"].unstack("statement")
        wide = wide.dropna(how="all").to_numpy(dtype=float)
        n, k = wide.shape
        cov = _pairwise_cov(wide)
        total = cov.sum()
        alpha = np.nan
        if k >= 2 and np.isfinite(total) and total > 0:
            alpha = k / (k - 1) * (1 - np.trace(cov) / total)
        low = high = np.nan
        if n > 1 and k > 1 and np.isfinite(alpha):
            low = 1 - (1 - alpha) * sps.f.ppf(0.975, n - 1, (n - 1) * (k - 1))
            high = 1 - (1 - alpha) * sps.f.ppf(0.025, n - 1, (n - 1) * (k - 1))
        rows.append(
            {
                **dict(zip(by, key, strict=True)),
                "n_respondents": n,
                "n_items": k,
                "alpha": alpha,
                "ci95_low": low,
                "ci95_high": high,
            }
        )
    columns = [*by, "n_respondents", "n_items", "alpha", "ci95_low", "ci95_high"]
    table = pd.DataFrame(rows, columns=columns)
    return suppress(table, min_n=min_n, stat_columns=columns[len(by) + 1 :], group_columns=by)


def organisation_decision(
    responses: pd.DataFrame, by: list[str], *, min_n: int, levels=("statement", "dimension")
) -> pd.DataFrame:
    """The one decision per organisation, the plain way: people per unit and level value
    with groupby, then hide units (fewest people first, then name) while a value holds 1 to
    ``min_n`` − 1 hidden people."""
    keys = [c for c in ("wave", "role") if c in by and c in responses.columns]
    keys.append("organisation")
    table, _ = group_keys(responses, keys)
    scored = responses[responses["score"].notna()]
    counts = []
    for key in table.itertuples(index=False, name=None):
        mine = np.ones(len(scored), dtype=bool)
        for column, value in zip(keys, key, strict=True):
            mine &= (scored[column].isna() if pd.isna(value) else scored[column] == value).to_numpy(
                dtype=bool, na_value=False
            )
        part, row = scored[mine], {}
        for level in (c for c in levels if c in responses.columns):
            for (value,), cell in _grouped(part, [level]):
                value = None if pd.isna(value) else value  # a missing value is one value
                row[(level, value)] = n_persons(cell, responses)
        counts.append(row)
    cells = sorted({cell for row in counts for cell in row}, key=str)
    matrix = np.array([[row.get(cell, 0) for cell in cells] for row in counts], dtype=float)
    matrix = matrix.reshape(len(table), len(cells))
    fewest = [min((n for n in row.values() if n > 0), default=0) for row in counts]
    table["n_respondents"] = np.asarray(fewest, dtype=np.int64)
    hidden = table["n_respondents"].to_numpy() < min_n
    primary = hidden.copy()
    _, parents = group_keys(table, keys[:-1])
    for parent in np.unique(parents):
        rows = np.flatnonzero(parents == parent)
        order = sorted(rows, key=lambda i: (fewest[i], str(table["organisation"].iloc[i])))
        while True:
            total = matrix[rows[hidden[rows]]].sum(axis=0)
            short = (total > 0) & (total < min_n)
            helps = [i for i in order if not hidden[i] and (matrix[i, short] > 0).any()]
            if not short.any() or not helps:
                break
            hidden[helps[0]] = True
    table["suppressed"] = hidden
    table["secondary"] = hidden & ~primary
    return table
