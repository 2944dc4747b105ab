"""Benchmark: ``describe`` + ``across_organisations`` at national scale vs plain pandas.

Builds ~1.2 M answers in memory (290 organisations, 20 000 respondents, 60 statements,
2 roles — one IT-chef per organisation, the rest förvaltningschefer —, scores 1–5 with ~3 %
"Vet ej") and computes, as the report does, statistics per organisation:
``describe(by=["organisation", "role", "statement"])`` (17 400 groups with answers of a role,
34 800 in all) and ``across_organisations(by=["role", "statement"])`` (the spread of the
organisation means), with the one suppression decision per organisation made once for both,
as the report makes it. The plain pandas way computes the same columns with one groupby (and
reuses its per-organisation means for the spread). The script checks that both give the same
statistics (on the groups ``describe`` publishes) and prints the best of ``--repeat`` runs in
seconds. Target: >= 3x faster than pandas.

Ours and pandas take turns, round by round; ``--cpu`` measures the CPU time of the process
instead of wall time (steadier on a busy machine).

Run: ``python benchmarks/stats.py [--repeat 5] [--strings] [--cpu]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd
from scipy import stats as sps

from maturity.privacy import organisation_suppression
from maturity.stats import across_organisations, describe

N_ORGANISATIONS, N_RESPONDENTS, N_STATEMENTS = 290, 20_000, 60
BY = ["role", "statement"]
#: The groups of the per-organisation table.
BY_ORG = ["organisation", *BY]


def _tied(shown: pd.Series, levels: list[str], extreme: str) -> pd.Series:
    """Every organisation at the lowest (highest) mean of its group, ", "-joined, sorted."""
    rounded = shown.round(10)  # equal fractions of different n are equal means
    at = shown[rounded == rounded.groupby(level=levels, observed=True).transform(extreme)]
    names = at.reset_index("organisation")["organisation"].astype(str)
    return names.groupby(level=levels, observed=True).agg(lambda s: ", ".join(sorted(s)))


def national_responses(seed: int = 2024) -> pd.DataFrame:
    """The tidy ``responses`` table of a synthetic national survey."""
    rng = np.random.default_rng(seed)
    organisation = np.concatenate(
        [
            np.arange(N_ORGANISATIONS),
            rng.integers(0, N_ORGANISATIONS, N_RESPONDENTS - N_ORGANISATIONS),
        ]
    )
    role = np.where(np.arange(N_RESPONDENTS) < N_ORGANISATIONS, 0, 1)  # one IT-chef each
    level = rng.normal(3.2, 0.5, N_ORGANISATIONS)[organisation] + rng.normal(0, 0.6, N_RESPONDENTS)
    difficulty = rng.normal(0, 0.5, N_STATEMENTS)
    raw = level[:, None] - difficulty[None, :] + rng.normal(0, 0.9, (N_RESPONDENTS, N_STATEMENTS))
    score = np.clip(np.rint(raw), 1, 5).ravel()
    dont_know = rng.random(score.size) < 0.03
    score[dont_know] = np.nan
    n = score.size
    respondent_of = np.repeat(np.arange(N_RESPONDENTS), N_STATEMENTS)
    statement_of = np.tile(np.arange(N_STATEMENTS), N_RESPONDENTS)
    statements = [f"S{i + 1:02d}" for i in range(N_STATEMENTS)]
    dimensions = [f"D{i // 10 + 1}" for i in range(N_STATEMENTS)]

    def category(codes, labels):
        return pd.Categorical.from_codes(codes, categories=labels)

    return pd.DataFrame(
        {
            "wave": np.full(n, 2024),
            "organisation": category(
                organisation[respondent_of], [f"Kommun {i:03d}" for i in range(N_ORGANISATIONS)]
            ),
            "role": category(role[respondent_of], ["IT-chef", "förvaltningschef"]),
            "respondent": category(respondent_of, [f"R{i:05d}" for i in range(N_RESPONDENTS)]),
            "statement": category(statement_of, statements),
            "dimension": category(
                np.array([d[1] for d in dimensions]).astype(int)[statement_of] - 1,
                sorted(set(dimensions)),
            ),
            "score": score,
            "answer": np.where(dont_know, "Vet ej", score.astype(str)),
            "source": "benchmark",
        }
    )


def plain_pandas(responses: pd.DataFrame, min_n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same statistics the straightforward way: pandas groupby + scipy t."""
    scored = responses[responses["score"].notna()]
    keys = [scored[c] for c in BY_ORG]
    grouped = scored.groupby(keys, observed=True)["score"]
    table = grouped.agg(["count", "mean", "std", "median"])
    table["q1"] = grouped.quantile(0.25)
    table["q3"] = grouped.quantile(0.75)
    table["se"] = table["std"] / np.sqrt(table["count"])
    half = sps.t.ppf(0.975, table["count"] - 1) * table["se"]
    table["ci95_low"] = table["mean"] - half
    table["ci95_high"] = table["mean"] + half
    table["share_top2"] = (scored["score"] >= 4).groupby(keys, observed=True).mean()
    table["share_bottom2"] = (scored["score"] <= 2).groupby(keys, observed=True).mean()
    table["n_dont_know"] = (
        responses["score"].isna().groupby([responses[c] for c in BY_ORG], observed=True).sum()
    )
    table["n_respondents"] = scored.groupby(keys, observed=True)["respondent"].nunique()

    # the spread across organisations, from the per-organisation means just computed
    shown = table.loc[table["n_respondents"] >= min_n, "mean"]
    levels = BY
    across = shown.groupby(level=levels, observed=True).agg(
        n_organisations="count",
        mean_of_means="mean",
        sd_between="std",
        min_mean="min",
        max_mean="max",
    )
    across["min_organisation"] = _tied(shown, levels, "min")
    across["max_organisation"] = _tied(shown, levels, "max")
    pooled = scored.groupby(BY, observed=True)["score"].mean()
    across = across.reindex(pooled.index)
    across["n_organisations"] = across["n_organisations"].fillna(0)
    across["pooled_mean"] = pooled
    return table.reset_index(), across.reset_index()


def ours(responses: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """As the report does it: the one decision per organisation made once, for both tables."""
    units = organisation_suppression(responses, by=BY_ORG)
    return (
        describe(responses, by=BY_ORG, units=units),
        across_organisations(responses, by=BY, units=units),
    )


def check_same(mine, theirs) -> None:
    (d, a), (pd_d, pd_a) = mine, theirs
    # describe has a row per group with any answer; compare the groups with scored answers
    keys = [c for c in BY_ORG]
    pd_d = pd_d.astype({c: str for c in keys})
    d = pd_d[keys].merge(d.astype({c: str for c in keys}), on=keys, how="left")
    small = pd_d["n_respondents"].to_numpy() < 5
    assert d["suppressed"].to_numpy()[small].all(), "a small group is published"
    shown = ~d["suppressed"].to_numpy()
    d, pd_d = d[shown], pd_d[shown]
    pairs = {
        "n": "count",
        "mean": "mean",
        "sd": "std",
        "median": "median",
        "q1": "q1",
        "q3": "q3",
        "se": "se",
        "ci95_low": "ci95_low",
        "ci95_high": "ci95_high",
        "share_top2": "share_top2",
        "share_bottom2": "share_bottom2",
        "n_dont_know": "n_dont_know",
        "n_respondents": "n_respondents",
    }
    for col, ref in pairs.items():
        np.testing.assert_allclose(
            d[col].to_numpy(float), pd_d[ref].to_numpy(float), rtol=1e-10, err_msg=col
        )
    for col in (
        "n_organisations",
        "mean_of_means",
        "sd_between",
        "min_mean",
        "max_mean",
        "pooled_mean",
    ):
        np.testing.assert_allclose(
            a[col].to_numpy(float), pd_a[col].to_numpy(float), rtol=1e-10, err_msg=col
        )
    for col in ("min_organisation", "max_organisation"):
        assert (
            a[col].astype(object).fillna("").astype(str).tolist()
            == pd_a[col].astype(object).fillna("").astype(str).tolist()
        ), col


#: The clock: wall time, or with ``--cpu`` the CPU time of this process.
CLOCK = {"clock": time.perf_counter}


def best_of(function, *args, repeat: int, **kwargs) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = CLOCK["clock"]()
        result = function(*args, **kwargs)
        times.append(CLOCK["clock"]() - start)
    return min(times), result


def interleaved(functions: dict, responses: pd.DataFrame, repeat: int) -> tuple[dict, dict]:
    """Best time of each function, one call of each per round (a changing load touches all
    alike), and the last results."""
    best = dict.fromkeys(functions, float("inf"))
    results = {}
    for _ in range(repeat):
        for name, function in functions.items():
            seconds, results[name] = best_of(function, responses, repeat=1)
            best[name] = min(best[name], seconds)
    return best, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--strings",
        action="store_true",
        help="plain string columns instead of category (slower: hashing)",
    )
    parser.add_argument(
        "--cpu", action="store_true", help="CPU time of the process instead of wall time"
    )
    args = parser.parse_args()
    if args.cpu:
        CLOCK["clock"] = time.process_time
    responses = national_responses()
    if args.strings:
        for column in ("organisation", "role", "respondent", "statement", "dimension"):
            responses[column] = responses[column].astype(str)
    print(
        f"{len(responses):,} answers, {responses['organisation'].nunique()} organisations, "
        f"{responses['respondent'].nunique():,} respondents, "
        f"{responses['statement'].nunique()} statements, {responses['role'].nunique()} roles\n"
    )
    t_units, units = best_of(organisation_suppression, responses, by=BY_ORG, repeat=args.repeat)
    t_describe, _ = best_of(describe, responses, by=BY_ORG, units=units, repeat=args.repeat)
    t_across, _ = best_of(across_organisations, responses, by=BY, units=units, repeat=args.repeat)
    best, results = interleaved({"ours": ours, "pandas": plain_pandas}, responses, args.repeat)
    (t_ours, mine), (t_pandas, theirs) = ((best[k], results[k]) for k in ("ours", "pandas"))
    check_same(mine, theirs)
    print("same statistics: yes (rtol 1e-10, on the published groups)\n")
    print(f"{'computation':<42}{'CPU s' if args.cpu else 'seconds':>10}")
    print(f"{'maturity decision per organisation':<42}{t_units:>10.3f}")
    print(f"{'maturity describe per organisation':<42}{t_describe:>10.3f}")
    print(f"{'maturity across_organisations':<42}{t_across:>10.3f}")
    print(f"{'maturity all three (as the report)':<42}{t_ours:>10.3f}")
    print(f"{'plain pandas groupby + scipy t':<42}{t_pandas:>10.3f}")
    ratio = t_pandas / t_ours
    print(f"{'ratio pandas / maturity':<42}{ratio:>10.1f}x")
    print(f"\ntarget (>= 3x pandas): {'met' if ratio >= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
