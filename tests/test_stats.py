"""Statistics checked against independent references (pandas, numpy, scipy, pingouin)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _stats_data import (
    CRONBACH_WIDE_MISSING,
    codebook,
    random_responses,
    wide_to_responses,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_stats import n_persons
from scipy import stats as sps

import maturity
from maturity import stats as ms
from maturity.stats.grouping import quantile
from maturity.stats.inference import wilcoxon

BY = ["role", "statement"]


def reference_describe(responses: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """describe() the straightforward way, one group at a time."""
    rows = []
    for key, part in responses.groupby(by, observed=True, dropna=False, sort=True):
        x = part["score"].dropna().to_numpy()
        n = len(x)
        row = dict(zip(by, key, strict=True))
        row["n"] = n
        row["n_dont_know"] = int((part["score"].isna() & (part["answer"] != "")).sum())
        scored = part[part["score"].notna()]
        row["n_respondents"] = n_persons(scored, responses)
        row["mean"] = x.mean() if n else np.nan
        row["sd"] = x.std(ddof=1) if n > 1 else np.nan
        row["se"] = sps.sem(x) if n > 1 else np.nan
        if n > 1 and x.std() > 0:
            row["ci95_low"], row["ci95_high"] = sps.t.interval(
                0.95, n - 1, loc=x.mean(), scale=sps.sem(x)
            )
        elif n > 1:  # no spread: scipy gives NaN for scale 0, the interval is the mean
            row["ci95_low"] = row["ci95_high"] = x.mean()
        else:
            row["ci95_low"] = row["ci95_high"] = np.nan
        for name, p in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
            row[name] = np.quantile(x, p) if n else np.nan
        row["share_top2"] = np.mean(x >= 4) if n else np.nan
        row["share_bottom2"] = np.mean(x <= 2) if n else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


STAT_COLUMNS = [
    "n",
    "n_dont_know",
    "n_respondents",
    "mean",
    "sd",
    "se",
    "ci95_low",
    "ci95_high",
    "q1",
    "median",
    "q3",
    "share_top2",
    "share_bottom2",
]


def assert_same(ours: pd.DataFrame, ref: pd.DataFrame, columns=STAT_COLUMNS, rtol=1e-12):
    assert len(ours) == len(ref)
    for column in columns:
        np.testing.assert_allclose(
            ours[column].to_numpy(float),
            ref[column].to_numpy(float),
            rtol=rtol,
            atol=1e-12,
            err_msg=column,
        )


# --------------------------------------------------------------------------- describe


@pytest.mark.parametrize("categorical", [False, True])
@pytest.mark.parametrize(
    "by",
    [BY, ["organisation", "role", "statement"], ["dimension"], ["wave", "role"], ["organisation"]],
)
def test_describe_matches_straightforward_computation(categorical, by):
    r = random_responses(seed=1, categorical=categorical, waves=(2020, 2022))
    ours = ms.describe(r, by=by, min_n=1, margins=[], pool_waves=True)
    ref = reference_describe(r, by)
    for column in by:
        assert ours[column].astype(str).tolist() == ref[column].astype(str).tolist()
    assert_same(ours, ref)
    assert not ours["suppressed"].any()


def test_describe_general_path_for_non_integer_scores():
    r = random_responses(seed=2)
    r["score"] = r["score"] - 0.5 * (r.index % 2)  # half steps
    r["score"] = r["score"].clip(lower=1)
    ours = ms.describe(r, by=BY, min_n=1)
    ref = reference_describe(r, BY)
    assert_same(ours, ref)


def test_quartiles_from_counts_equal_numpy_and_pandas_exactly():
    rng = np.random.default_rng(3)
    values = np.arange(1.0, 6.0)
    for _ in range(300):
        counts = rng.integers(0, 4, size=(1, 5))
        counts[0, rng.integers(0, 5)] += 1
        x = np.repeat(values, counts[0])
        for p in (0.25, 0.5, 0.75):
            ours = quantile(counts, values, p)[0]
            assert ours == np.quantile(x, p) == pd.Series(x).quantile(p)
            assert ours == pd.Series(x).groupby(np.zeros(len(x))).quantile(p).iloc[0]


def test_describe_counts_dont_know_and_blank_separately():
    r = pd.DataFrame(
        {
            "role": "chef",
            "statement": "S1",
            "respondent": list("abcdefg"),
            "score": [1.0, 5, 5, 4, np.nan, np.nan, 3],
            "answer": ["1", "5", "5", "4", "Vet ej", "", "3"],
        }
    )
    t = ms.describe(r)
    assert t.loc[0, ["n", "n_dont_know", "n_respondents"]].tolist() == [5, 1, 5]
    assert t.loc[0, "share_top2"] == 0.6 and t.loc[0, "share_bottom2"] == 0.2


def test_n_respondents_counts_people_not_answers():
    r = random_responses(seed=4, n_respondents=12)
    t = ms.describe(r, by="role", min_n=1)
    people = r[r["score"].notna()].groupby("role")["respondent"].nunique()
    assert t.set_index("role")["n_respondents"].to_dict() == people.to_dict()
    assert (t["n"] > t["n_respondents"]).all()


def test_respondent_ids_repeating_across_organisations_are_different_people():
    r = pd.DataFrame(
        {
            "organisation": ["A"] * 3 + ["B"] * 3,
            "role": "chef",
            "statement": "S1",
            "respondent": ["1", "2", "3"] * 2,
            "score": [3.0, 4, 5, 2, 3, 4],
        }
    )
    assert ms.describe(r, min_n=1)["n_respondents"].tolist() == [6]


def test_describe_edge_cases_do_not_break():
    r = pd.DataFrame(
        {
            "organisation": ["A", None, "A", "B", "B", "B"],
            "role": ["chef", "chef", None, "chef", "chef", "chef"],
            "respondent": list("abcdef"),
            "statement": ["S1", "S1", "S1", "S2", "S2", "S3"],
            "score": [5.0, 5, 5, np.nan, np.nan, 2],
            "answer": ["5", "5", "5", "Vet ej", "Vet ej", "2"],
        }
    )
    t = ms.describe(r, by=BY, min_n=1)
    # missing role forms its own group, last
    assert t["role"].isna().tolist() == [False, False, False, True]
    s2 = t[t["statement"] == "S2"].iloc[0]
    # all "Vet ej": nobody's score to show, so even with min_n=1 the row is empty
    assert s2["n_respondents"] == 0 and bool(s2["suppressed"])
    assert pd.isna(s2["n"]) and pd.isna(s2["n_dont_know"]) and np.isnan(s2["mean"])
    shown = ms.describe(r, by=BY, min_n=1, margins=[])
    assert ms.describe(r, by=BY, min_n=1).equals(shown)
    s3 = t[t["statement"] == "S3"].iloc[0]
    assert s3["mean"] == 2 and np.isnan(s3["sd"]) and np.isnan(s3["ci95_low"])
    s1 = t[(t["statement"] == "S1") & (t["role"] == "chef")].iloc[0]
    assert s1["q1"] == s1["q3"] == 5 and s1["sd"] == 0 and s1["share_bottom2"] == 0
    by_org = ms.describe(r, by=["organisation"], min_n=1)
    assert by_org["organisation"].isna().sum() == 1
    assert ms.describe(r.iloc[:0], by=BY).empty


def test_describe_suppresses_small_groups_and_rejects_bad_min_n():
    r = random_responses(seed=5, n_respondents=30)
    t = ms.describe(r, by=["organisation", "role", "statement"])
    small = t["n_respondents"] < 5
    assert t.loc[small, "suppressed"].all()
    assert t.loc[t["suppressed"], ["mean", "sd", "median", "n"]].isna().all().all()
    assert (t.loc[~t["suppressed"], "n_respondents"] >= 5).all()
    with pytest.raises(ValueError, match="min_n"):
        ms.describe(r, min_n=0)
    lowered = ms.describe(r, by=["organisation", "role", "statement"], min_n=1)
    assert (lowered["suppressed"] == (lowered["n_respondents"] < 1)).all()


def test_describe_secondary_suppression_along_organisations():
    sizes = {"A": 1, "B": 6, "C": 7, "D": 9}
    rows = [(org, f"{org}{i}", 3.0) for org, n in sizes.items() for i in range(n)]
    r = pd.DataFrame(rows, columns=["organisation", "respondent", "score"]).assign(
        role="chef", statement="S1"
    )
    t = ms.describe(r, by=["organisation", "statement"]).set_index("organisation")
    assert t["suppressed"].to_dict() == {"A": True, "B": True, "C": False, "D": False}


def test_describe_adds_codebook_text_and_uses_its_scale():
    r = random_responses(seed=6)
    cb = codebook([f"S{i}" for i in range(1, 7)], ["förvaltningschef"] * 6, ["D1"] * 6)
    t = ms.describe(r, by=BY, codebook=cb)
    assert list(t.columns[:3]) == ["role", "statement", "text"]
    assert (t["text"] == "Text of " + t["statement"].astype(str)).all()
    bad = r.assign(score=r["score"] * 2)
    with pytest.raises(ValueError, match="outside the scale"):
        ms.describe(bad, codebook=cb)


def test_public_names_resolve_lazily():
    assert maturity.describe is ms.describe
    assert maturity.suppress is maturity.privacy.suppress
    assert maturity.reliability is ms.reliability is ms.scales.reliability


# --------------------------------------------------------------------------- organisations


def test_across_organisations_matches_pandas():
    r = random_responses(seed=7, n_organisations=5, n_respondents=120)
    t = ms.across_organisations(r, by=BY)
    per_org = (
        r.dropna(subset=["score"])
        .groupby([*BY, "organisation"])
        .agg(mean=("score", "mean"), people=("respondent", "nunique"))
    )
    # the organisations compared are those describe() publishes (primary + secondary rule)
    d = ms.describe(r, by=[*BY, "organisation"])
    published = d[~d["suppressed"]].set_index([*BY, "organisation"]).index
    assert (per_org.loc[published, "people"] >= 5).all()
    assert (per_org["people"] < 5).any() and len(published) < (per_org["people"] >= 5).sum()
    shown = per_org.loc[published, "mean"]
    ref = shown.groupby(level=BY).agg(["count", "mean", "std", "min", "max", "idxmin", "idxmax"])
    t = t.set_index(BY)
    np.testing.assert_allclose(t["mean_of_means"], ref["mean"], rtol=1e-12)
    np.testing.assert_allclose(t["sd_between"], ref["std"], rtol=1e-12)
    np.testing.assert_allclose(t["min_mean"], ref["min"], rtol=1e-12)
    np.testing.assert_allclose(t["max_mean"], ref["max"], rtol=1e-12)
    assert (t["n_organisations"] == ref["count"]).all()
    for end, pick in (("min", "min"), ("max", "max")):
        tied = shown[shown == shown.groupby(level=BY).transform(pick)]
        names = tied.reset_index().groupby(BY)["organisation"].agg(lambda o: ", ".join(sorted(o)))
        assert t[f"{end}_organisation"].tolist() == names.tolist()
        assert t[f"n_{end}_organisations"].tolist() == tied.groupby(level=BY).size().tolist()
    pooled = ms.describe(r, by=BY).set_index(BY)
    np.testing.assert_allclose(t["pooled_mean"], pooled["mean"], rtol=1e-12)
    assert (t["n_respondents"] == pooled["n_respondents"]).all()


def test_across_organisations_never_names_a_hidden_organisation():
    sizes = {"Liten": 1, "Mellan": 5, "Stor": 8, "Större": 9}
    level = {"Liten": 5.0, "Mellan": 1.0, "Stor": 3.0, "Större": 4.0}
    rows = [(org, f"{org}{i}", level[org]) for org, n in sizes.items() for i in range(n)]
    r = pd.DataFrame(rows, columns=["organisation", "respondent", "score"]).assign(
        role="chef", statement="S1"
    )
    t = ms.across_organisations(r).iloc[0]
    # Liten (1 person) is hidden, and Mellan too (secondary): min/max among Stor and Större
    assert (t["min_organisation"], t["max_organisation"]) == ("Stor", "Större")
    assert t["n_organisations"] == 2 and t["n_organisations_hidden"] == 2
    assert t["mean_of_means"] == 3.5
    assert t["pooled_mean"] == pytest.approx(r["score"].mean())
    one_each = r.drop_duplicates("organisation")
    t = ms.across_organisations(one_each, min_n=1).iloc[0]
    assert t["n_organisations"] == 4
    t = ms.across_organisations(
        r.assign(organisation=r["organisation"].where(r.index % 2 == 0)), min_n=1
    ).iloc[0]
    assert t["n"] == len(r)  # rows without organisation still count in the pooled figures


def test_across_organisations_equal_weights():
    r = pd.DataFrame(
        {
            "organisation": ["A"] * 5 + ["B"] * 20,
            "respondent": range(25),
            "score": [1.0] * 5 + [5.0] * 20,
            "role": "chef",
            "statement": "S",
        }
    )
    t = ms.across_organisations(r).iloc[0]
    assert t["mean_of_means"] == 3.0 and t["pooled_mean"] == pytest.approx(4.2)


# --------------------------------------------------------------------------- ranking


def test_rank_statements():
    r = random_responses(seed=8, n_statements=8, n_respondents=200)
    cb = codebook([f"S{i}" for i in range(1, 9)], ["x"] * 8, ["D"] * 8)
    t = ms.rank_statements(r, k=2, codebook=cb)
    d = ms.describe(r, by=BY)
    for role, part in t.groupby("role"):
        means = d[d["role"] == role].sort_values("mean")
        low = part[part["end"] == "lowest"].sort_values("rank")
        high = part[part["end"] == "highest"].sort_values("rank")
        assert low["statement"].tolist() == means["statement"].head(2).tolist()
        assert high["statement"].tolist() == means["statement"].tail(2)[::-1].tolist()
        assert low["rank"].tolist() == [1, 2]
    assert list(t.columns) == [
        "role",
        "end",
        "rank",
        "statement",
        "text",
        "mean",
        "sd",
        "n",
        "n_respondents",
    ]


# --------------------------------------------------------------------------- midpoint


def test_holm_against_hand_computed_example():
    # sorted: .005*4=.02, .01*3=.03, .03*2=.06, .04*1=.04 -> running max .06
    assert ms.holm([0.01, 0.04, 0.03, 0.005]).tolist() == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert ms.holm([0.5, 0.9]).tolist() == [1.0, 1.0]  # monotone: 0.9 < 1.0
    assert np.isnan(ms.holm([np.nan, 0.2])[0]) and ms.holm([np.nan, 0.2])[1] == 0.2
    assert ms.holm([]).size == 0


def test_midpoint_test_matches_scipy_wilcoxon():
    r = random_responses(seed=9, n_respondents=60)
    r.loc[r["statement"] == "S2", "score"] = r["score"].clip(lower=3)  # shifted up
    t = ms.midpoint_test(r)
    for _, row in t.iterrows():
        x = r[(r["role"] == row["role"]) & (r["statement"] == row["statement"])]
        x = x["score"].dropna().to_numpy()
        ref = sps.wilcoxon(x - 3.0)
        assert row["p"] == pytest.approx(ref.pvalue, rel=1e-12)
        assert row["statistic"] == ref.statistic
        assert bool(row["above"]) == (x.mean() > 3)
    np.testing.assert_allclose(t["p_holm"], ms.holm(t["p"]))


def test_midpoint_test_uses_codebook_midpoint_and_survives_edge_cases():
    r = pd.DataFrame(
        {
            "role": "chef",
            "statement": ["S1"] * 6 + ["S2"] * 6 + ["S3"] * 2,
            "respondent": list("abcdef") * 2 + ["a", "b"],
            "score": [3.0] * 6 + [4.0, 4, 5, np.nan, 4, 5] + [5.0, 5],
        }
    )
    cb = codebook(["S1", "S2", "S3"], ["chef"] * 3, ["D"] * 3)
    t = ms.midpoint_test(r, codebook=cb).set_index("statement")
    assert np.isnan(t.loc["S1", "p"]) and not t.loc["S1", "above"]  # all at the midpoint
    assert t.loc["S2", "midpoint"] == 3.0 and bool(t.loc["S2", "above"])
    assert bool(t.loc["S3", "suppressed"]) and pd.isna(t.loc["S3", "above"])
    assert t.loc["S2", "text"] == "Text of S2"


def test_midpoint_summary():
    people = [f"p{i}" for i in range(8)]
    r = pd.DataFrame(
        {
            "role": ["a"] * 16 + ["b"] * 16,
            "statement": (["S1"] * 8 + ["S2"] * 8) * 2,
            "respondent": people * 2 + [p.upper() for p in people] * 2,
            "score": [4.0] * 8 + [4.0] * 7 + [3.0] + [2.0] * 8 + [5.0] * 8,
        }
    )
    t = ms.midpoint_summary(r).set_index("role")
    assert bool(t.loc["a", "all_above"]) and not bool(t.loc["b", "all_above"])
    assert t.loc["b", "lowest_statement"] == "S1" and t.loc["b", "lowest_mean"] == 2.0
    assert t.loc["a", "n_above"] == 2 and t.loc["b", "n_statements"] == 2
    assert (t.loc["b", "n_above"], t.loc["b", "n_below"], t.loc["b", "n_not_different"]) == (
        1,
        1,
        0,
    )


def test_midpoint_summary_counts_follow_the_holm_test_not_the_raw_means():
    # S1 mean 3.01-ish above 3 but not significant; S2 clearly above; S3 below but n too small
    # to be significant after Holm
    people = [f"p{i}" for i in range(12)]
    s1 = [3.0] * 10 + [4.0, 3.0]  # mean 3.08: above 3 as a number, p = 1
    s2 = [4.0] * 11 + [5.0]  # clearly above
    s3 = [2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 4.0]  # mean 3.0: not different
    r = pd.DataFrame(
        {
            "role": "a",
            "statement": ["S1"] * 12 + ["S2"] * 12 + ["S3"] * 12,
            "respondent": people * 3,
            "score": s1 + s2 + s3,
        }
    )
    test = ms.midpoint_test(r)
    t = ms.midpoint_summary(r).iloc[0]
    significant = (test["p_holm"] < 0.05) & (test["mean"] > 3)
    assert (test["mean"] > 3).sum() == 2 and significant.sum() == 1
    assert (t["n_above"], t["n_below"], t["n_not_different"]) == (1, 0, 2)
    assert not t["all_above"] and t["lowest_statement"] == "S3" and t["n_lowest"] == 1
    # a stricter level: nothing is reliably different
    strict = ms.midpoint_summary(r, level=1e-6).iloc[0]
    assert (strict["n_above"], strict["n_not_different"]) == (0, 3)


# --------------------------------------------------------------------------- roles


def rank_biserial_by_counting(x, y):
    wins = (x[:, None] > y[None, :]).sum() + 0.5 * (x[:, None] == y[None, :]).sum()
    return 2 * wins / (len(x) * len(y)) - 1


def test_compare_roles_matches_scipy_and_pair_counting():
    r = random_responses(seed=10, n_respondents=100)
    t = ms.compare_roles(r, by="statement")
    assert t["role_1"].unique().tolist() == ["IT-chef"]
    for _, row in t.iterrows():
        part = r[r["statement"] == row["statement"]].dropna(subset=["score"])
        x = part.loc[part["role"] == "IT-chef", "score"].to_numpy()
        y = part.loc[part["role"] == "förvaltningschef", "score"].to_numpy()
        ref = sps.mannwhitneyu(x, y, alternative="two-sided")
        assert row["u"] == ref.statistic and row["p"] == pytest.approx(ref.pvalue, rel=1e-12)
        assert row["rank_biserial"] == pytest.approx(rank_biserial_by_counting(x, y))
        assert row["difference"] == pytest.approx(x.mean() - y.mean())
    np.testing.assert_allclose(t["p_holm"], ms.holm(t["p"]))


def test_compare_roles_by_dimension_uses_dimension_scores():
    r = random_responses(seed=11, n_respondents=100)
    t = ms.compare_roles(r, by="dimension", roles=("förvaltningschef", "IT-chef"))
    scores = ms.dimension_scores(r)
    row = t[t["dimension"] == "D1"].iloc[0]
    d1 = scores[scores["dimension"] == "D1"]
    x = d1.loc[d1["role"] == "förvaltningschef", "score"].to_numpy()
    y = d1.loc[d1["role"] == "IT-chef", "score"].to_numpy()
    assert row["n_1"] == len(x) == row["n_respondents_1"]
    assert row["p"] == pytest.approx(sps.mannwhitneyu(x, y).pvalue, rel=1e-12)
    with pytest.raises(ValueError, match="roles"):
        ms.compare_roles(r.assign(role=r["respondent"]))


# --------------------------------------------------------------------------- reliability


def test_reliability_equals_pingouin_and_psych():
    r = wide_to_responses(CRONBACH_WIDE_MISSING)
    result = ms.reliability(r, min_n=5)
    scales = result.scales
    items = result.items
    row = scales.iloc[0]
    assert row["alpha"] == pytest.approx(0.732660835214447, rel=1e-9)
    assert (row["n_respondents"], row["n_items"]) == (12, 11)
    assert [round(row["ci95_low"], 3), round(row["ci95_high"], 3)] == [0.435, 0.909]
    result = ms.reliability(r, missing="listwise")
    listwise = result.scales
    row = listwise.iloc[0]
    assert row["alpha"] == pytest.approx(0.8016949152542373, rel=1e-9)
    # Feldt CI on the 9 complete rows; pingouin ([0.581, 0.933]) uses all 12 rows here
    assert row["n_respondents"] == 9
    f = sps.f.isf([0.025, 0.975], 8, 8 * 10)
    np.testing.assert_allclose(
        [row["ci95_low"], row["ci95_high"]], 1 - (1 - 0.8016949152542373) * f, rtol=1e-12
    )
    assert len(items) == 11


def test_item_statistics_on_complete_data():
    rng = np.random.default_rng(12)
    trait = rng.normal(size=40)
    wide = pd.DataFrame(
        {f"S{j}": np.clip(np.rint(3 + trait + rng.normal(size=40)), 1, 5) for j in range(5)}
    )
    r = wide_to_responses(wide)
    result = ms.reliability(r)
    scales = result.scales
    items = result.items
    for _, item in items.iterrows():
        rest = wide.drop(columns=item["statement"])
        expected_r = np.corrcoef(wide[item["statement"]], rest.sum(axis=1))[0, 1]
        assert item["item_rest_r"] == pytest.approx(expected_r, rel=1e-10)
        c = rest.cov().to_numpy()
        expected_alpha = 4 / 3 * (1 - np.trace(c) / c.sum())
        assert item["alpha_if_deleted"] == pytest.approx(expected_alpha, rel=1e-10)
    total = wide.sum(axis=1).var()
    expected = 5 / 4 * (1 - wide.var().sum() / total)
    assert scales["alpha"].iloc[0] == pytest.approx(expected, rel=1e-12)


def test_reliability_per_role_and_suppression():
    r = random_responses(seed=13, n_respondents=60)
    result = ms.reliability(r)
    scales = result.scales
    items = result.items
    assert list(scales.columns[:2]) == ["role", "dimension"]
    assert len(scales) == 4 and len(items) == 12
    tiny = r[r["respondent"].isin(["R000", "R001", "R002"])]
    result = ms.reliability(tiny)
    scales = result.scales
    items = result.items
    assert scales["suppressed"].all() and scales["alpha"].isna().all()
    with pytest.raises(ValueError, match="missing"):
        ms.reliability(r, missing="drop")


# --------------------------------------------------------------------------- dimension scores


def test_dimension_scores_half_rule_and_codebook():
    r = pd.DataFrame(
        {
            "role": "chef",
            "respondent": ["a"] * 4 + ["b"] * 4,
            "statement": ["S1", "S2", "S3", "S4"] * 2,
            "dimension": "D",
            "score": [4.0, 2, np.nan, np.nan, 5, np.nan, np.nan, np.nan],
        }
    )
    t = ms.dimension_scores(r)
    assert t["respondent"].tolist() == ["a"] and t["score"].tolist() == [3.0]
    assert list(t.columns) == [
        "role",
        "respondent",
        "dimension",
        "score",
        "n_answered",
        "n_statements",
    ]
    cb = codebook(["S1", "S2", "S3", "S4", "S5", "S6"], ["chef"] * 6, ["D"] * 6)
    assert ms.dimension_scores(r, codebook=cb).empty  # 2 of 6 is less than half
    full = random_responses(seed=14, categorical=True)
    t = ms.dimension_scores(full)
    assert set(t.columns) >= {"wave", "organisation", "role", "respondent"}
    assert (2 * t["n_answered"] >= t["n_statements"]).all()


# --------------------------------------------------------------------------- change


def test_change_matches_welch_and_mannwhitney():
    r = random_responses(seed=15, n_respondents=70, waves=(2020, 2022))
    r.loc[r["wave"] == 2022, "score"] = r["score"].clip(upper=4)
    t = ms.change(r, from_wave=2020, to_wave=2022)
    for _, row in t.iterrows():
        part = r[(r["role"] == row["role"]) & (r["statement"] == row["statement"])]
        x = part.loc[part["wave"] == 2020, "score"].dropna().to_numpy()
        y = part.loc[part["wave"] == 2022, "score"].dropna().to_numpy()
        ci = sps.ttest_ind(y, x, equal_var=False).confidence_interval()
        assert row["difference"] == pytest.approx(y.mean() - x.mean(), rel=1e-12)
        assert row["ci95_low"] == pytest.approx(ci.low, rel=1e-10)
        assert row["ci95_high"] == pytest.approx(ci.high, rel=1e-10)
        assert row["p_mannwhitney"] == pytest.approx(sps.mannwhitneyu(y, x).pvalue, rel=1e-12)
    by_org = ms.change(r, from_wave=2020, to_wave=2022, by=["organisation"])
    assert len(by_org) == r["organisation"].nunique()
    by_dim = ms.change(r, from_wave=2020, to_wave=2022, by=["role", "dimension"])
    assert set(by_dim["dimension"]) == {"D1", "D2"}


# --------------------------------------------------------------------------- properties


answers = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 1),
        st.integers(0, 2),
        st.one_of(st.none(), st.integers(1, 5)),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=answers, min_n=st.integers(1, 6))
def test_describe_properties(rows, min_n):
    r = pd.DataFrame(rows, columns=["org", "role", "statement", "score"])
    r = pd.DataFrame(
        {
            "organisation": "O" + r["org"].astype(str),
            "role": "R" + r["role"].astype(str),
            "statement": "S" + r["statement"].astype(str),
            "respondent": [f"p{i % 9}" for i in range(len(r))],
            "score": r["score"].astype(float),
            "answer": r["score"].astype(str),
        }
    )
    for by in (BY, ["organisation", "role", "statement"]):
        t = ms.describe(r, by=by, min_n=min_n)
        shown = t[~t["suppressed"]]
        assert (shown["n_respondents"] >= min_n).all()
        assert shown["mean"].dropna().between(1, 5).all()
        assert (shown["q1"] <= shown["median"]).all() and (shown["median"] <= shown["q3"]).all()
        assert t.loc[t["suppressed"], "mean"].isna().all()
    a = ms.across_organisations(r, min_n=min_n)
    assert (a.loc[~a["suppressed"], "n_respondents"] >= min_n).all()
    assert a["mean_of_means"].dropna().between(1, 5).all()


@settings(max_examples=40, deadline=None)
@given(data=st.lists(st.lists(st.integers(1, 5), min_size=4, max_size=4), min_size=3, max_size=25))
def test_alpha_never_above_one(data):
    wide = pd.DataFrame(data, columns=["A", "B", "C", "D"]).astype(float)
    result = ms.reliability(wide_to_responses(wide), min_n=1, missing="listwise")
    scales = result.scales
    alpha = scales["alpha"].iloc[0]
    assert np.isnan(alpha) or alpha <= 1 + 1e-12


def test_small_sample_wilcoxon_equals_scipy_permutation_and_exact():
    rng = np.random.default_rng(16)
    for n in list(range(1, 14)) * 6:
        d = rng.integers(-2, 3, n).astype(float)  # ties and zeros
        if not np.any(d):
            continue
        ref = sps.wilcoxon(d)
        ours = wilcoxon(d)
        assert ours[0] == ref.statistic and ours[1] == pytest.approx(ref.pvalue, rel=1e-9)
    d = rng.permutation(np.arange(1.0, 11.0)) * rng.choice([-1, 1], 10)  # no ties: exact
    assert wilcoxon(d)[1] == pytest.approx(sps.wilcoxon(d).pvalue, rel=1e-12)


def test_change_with_single_respondent_in_one_wave():
    frame = pd.DataFrame(
        {
            "wave": [2020, 2022, 2022],
            "role": "IT-chef",
            "statement": "I1",
            "organisation": "Tanum",
            "respondent": ["a", "a", "b"],
            "score": [3.0, 4.0, 5.0],
        }
    )
    out = ms.change(frame, from_wave=2020, to_wave=2022, min_n=1)
    assert out["difference"].iloc[0] == 1.5
    assert np.isnan(out["ci95_low"].iloc[0])


# --------------------------------------------------------------------------- API convention


def test_options_are_keyword_only():
    r = random_responses(seed=21)
    for function in (
        ms.describe,
        ms.across_organisations,
        ms.rank_statements,
        ms.midpoint_test,
        ms.midpoint_summary,
        ms.compare_roles,
        ms.reliability,
        ms.change,
        ms.dimension_scores,
    ):
        with pytest.raises(TypeError, match="positional"):
            function(r, BY)


def test_by_means_exactly_the_columns_given():
    r = random_responses(seed=22, n_respondents=120)
    # reliability: role is a group column only when asked for
    per_role = ms.reliability(r, by=["role", "dimension"])
    pooled = ms.reliability(r, by="dimension")
    assert list(per_role.scales.columns[:2]) == ["role", "dimension"]
    assert pooled.scales.columns[0] == "dimension" and "role" not in pooled.scales
    assert len(pooled.scales) == 2 and len(per_role.scales) == 4
    assert set(per_role.tables()) == {"reliability_scales", "reliability_items"}
    # the column ranked / judged within the groups is the documented item= keyword
    ranked = ms.rank_statements(r, by="role", k=1, item="dimension")
    assert "dimension" in ranked and "statement" not in ranked
    for function in (ms.rank_statements, ms.midpoint_summary, ms.reliability):
        with pytest.raises(ValueError, match="cannot be in by"):
            function(r, by=["role", "statement"])


def test_change_defaults_to_the_first_and_last_round():
    r = random_responses(seed=23, waves=(2018, 2020, 2022))
    default = ms.change(r)
    explicit = ms.change(r, from_wave=2018, to_wave=2022)
    pd.testing.assert_frame_equal(default, explicit, check_dtype=False)
    assert set(default["from_wave"]) == {2018} and set(default["to_wave"]) == {2022}


# --------------------------------------------------------------------------- parallel statements


def _parallel_case(n_a: int = 30, n_b: int = 25, seed: int = 3):
    """Role A answers F1–F3, role B answers I1–I3; the codebook pairs F1·I1 and F2·I2."""
    from maturity.codebook import Codebook

    statements = pd.DataFrame(
        {
            "statement": ["F1", "F2", "F3", "I1", "I2", "I3"],
            "text": ["f1", "f2", "f3", "i1", "i2", "i3"],
            "role": ["A"] * 3 + ["B"] * 3,
            "dimension": ["D1", "D2", "D2", "D1", "D2", "D2"],
            "parallel": ["I1", "I2", None, "F1", "F2", None],
        }
    )
    scale = pd.DataFrame({"label": list("12345"), "value": [1, 2, 3, 4, 5]})
    cb = Codebook.from_frames(statements, scale)
    rng = np.random.default_rng(seed)
    rows = []
    for role, n, ids in (("A", n_a, ["F1", "F2", "F3"]), ("B", n_b, ["I1", "I2", "I3"])):
        for i in range(n):
            for s in ids:
                score = float(rng.integers(1, 6)) if rng.random() > 0.1 else np.nan
                rows.append(
                    {
                        "wave": 2024,
                        "role": role,
                        "respondent": f"{role}{i}",
                        "statement": s,
                        "score": score,
                    }
                )
    return pd.DataFrame(rows), cb


def test_compare_parallel_equals_scipy_per_declared_pair():
    r, cb = _parallel_case()
    t = ms.compare_parallel(r, codebook=cb, roles=("A", "B"))
    assert t["pair"].tolist() == ["F1 · I1", "F2 · I2"]
    assert t[["statement_1", "statement_2", "dimension"]].values.tolist() == [
        ["F1", "I1", "D1"],
        ["F2", "I2", "D2"],
    ]
    for row in t.itertuples():
        x = r.loc[r["statement"] == row.statement_1, "score"].dropna().to_numpy()
        y = r.loc[r["statement"] == row.statement_2, "score"].dropna().to_numpy()
        ref = sps.mannwhitneyu(x, y, alternative="two-sided")
        assert row.u == ref.statistic and row.p == pytest.approx(ref.pvalue, rel=1e-12)
        assert (row.n_1, row.n_2) == (len(x), len(y))
        assert row.mean_1 == pytest.approx(x.mean()) and row.mean_2 == pytest.approx(y.mean())
    np.testing.assert_allclose(t["p_holm"], ms.holm(t["p"]))  # Holm across the pairs
    assert not t["suppressed"].any()


def test_compare_parallel_privacy_and_no_pairs():
    r, cb = _parallel_case(n_b=3)
    t = ms.compare_parallel(r, codebook=cb, roles=("A", "B"), min_n=5)
    assert t["suppressed"].all() and t[["mean_1", "mean_2", "p"]].isna().all().all()
    none = ms.compare_parallel(r, codebook=cb, roles=("A", "C"))
    assert len(none) == 0 and "p_holm" in none
    two_waves = pd.concat([r, r.assign(wave=2026)])
    with pytest.raises(ValueError, match="wave"):
        ms.compare_parallel(two_waves, codebook=cb, roles=("A", "B"))
    pooled = ms.compare_parallel(two_waves, codebook=cb, roles=("A", "B"), pool_waves=True)
    assert pooled["waves"].tolist() == ["2024, 2026"] * 2
