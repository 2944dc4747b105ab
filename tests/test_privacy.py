"""The suppression rule: primary (small groups) and secondary (differencing)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.privacy import check_min_n, suppress


def table(sizes: dict[str, int], **extra) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "organisation": list(sizes),
            "n_respondents": list(sizes.values()),
            "n": list(sizes.values()),
            "mean": np.linspace(2, 4, len(sizes)),
            **extra,
        }
    )


def test_primary_suppression_blanks_statistics_and_keeps_keys_and_group_size():
    t = suppress(table({"A": 4, "B": 5, "C": 12}))
    assert t["suppressed"].tolist() == [True, False, False]
    assert t["organisation"].tolist() == ["A", "B", "C"]
    assert t["n_respondents"].tolist() == [4, 5, 12]
    assert pd.isna(t.loc[0, "mean"]) and pd.isna(t.loc[0, "n"])
    assert t["n"].dtype == "Int64" and t.loc[2, "n"] == 12


def test_counts_are_respondents_and_missing_counts_are_suppressed():
    t = pd.DataFrame({"g": ["a", "b"], "n_respondents": [np.nan, 9.0], "mean": [3.0, 4.0]})
    assert suppress(t)["suppressed"].tolist() == [True, False]


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_min_n_must_be_a_whole_number_of_at_least_one(bad):
    with pytest.raises(ValueError, match="min_n"):
        suppress(table({"A": 9}), min_n=bad)
    with pytest.raises(ValueError, match="min_n"):
        check_min_n(bad)


def test_lowering_min_n_is_explicit():
    t = table({"A": 1, "B": 2})
    assert suppress(t)["suppressed"].all()
    assert not suppress(t, min_n=1)["suppressed"].any()


def test_it_chef_per_municipality_is_always_one_person():
    t = pd.DataFrame(
        {
            "organisation": ["Åmål", "Bengtsfors", "Dals-Ed"],
            "role": "IT-chef",
            "n_respondents": 1,
            "mean": [2.0, 3.0, 4.0],
        }
    )
    assert suppress(t)["suppressed"].all()


def test_secondary_suppression_hides_the_next_smallest_sibling():
    t = suppress(table({"A": 1, "B": 9, "C": 6, "D": 30}), margins=["organisation"])
    assert t["suppressed"].tolist() == [True, False, True, False]
    assert t.loc[~t["suppressed"], "mean"].notna().all()


def test_secondary_suppression_until_hidden_groups_hold_min_n_people():
    t = suppress(table({"A": 1, "B": 2, "C": 5, "D": 6}), margins=["organisation"])
    assert t["suppressed"].tolist() == [True, True, True, False]  # 1 + 2 < 5, so C too
    t = suppress(table({"A": 3, "B": 4, "C": 6, "D": 6}), margins=["organisation"])
    assert t["suppressed"].tolist() == [True, True, False, False]  # 3 + 4 >= 5 already


def test_no_secondary_without_margins_or_for_empty_groups():
    assert suppress(table({"A": 1, "B": 9}))["suppressed"].tolist() == [True, False]
    t = suppress(table({"A": 0, "B": 9, "C": 9}), min_n=1, margins=["organisation"])
    assert t["suppressed"].tolist() == [True, False, False]


def test_secondary_suppression_within_each_parent_only():
    t = pd.DataFrame(
        {
            "role": ["chef"] * 3 + ["IT"] * 3,
            "organisation": ["A", "B", "C"] * 2,
            "n_respondents": [1, 8, 9, 7, 8, 9],
            "mean": 3.0,
        }
    )
    out = suppress(t, margins=["organisation"], group_columns=["role", "organisation"])
    assert out["suppressed"].tolist() == [True, True, False, False, False, False]


def test_total_row_in_the_same_table():
    # a total row is its own parent: siblings are the organisations under it
    t = pd.DataFrame(
        {
            "level": ["organisation"] * 3 + ["total"],
            "organisation": ["A", "B", "C", "Alla"],
            "n_respondents": [2, 6, 7, 15],
            "mean": [1.0, 3.0, 4.0, 3.2],
        }
    )
    out = suppress(t, margins=["organisation"], group_columns=["level", "organisation"])
    assert out["suppressed"].tolist() == [True, True, False, False]
    assert out.loc[3, "mean"] == 3.2


def test_several_margins_are_applied_until_stable():
    t = pd.DataFrame(
        {
            "organisation": ["A", "A", "B", "B", "C", "C"],
            "role": ["IT", "chef"] * 3,
            "n_respondents": [1, 9, 6, 8, 7, 9],
            "mean": 3.0,
        }
    )
    out = suppress(t, margins=["organisation", "role"], group_columns=["organisation", "role"])
    hidden = set(
        zip(
            out.loc[out["suppressed"], "organisation"],
            out.loc[out["suppressed"], "role"],
            strict=True,
        )
    )
    assert ("A", "IT") in hidden and ("B", "IT") in hidden  # along organisations
    assert ("A", "chef") in hidden  # along roles within organisation A


def test_several_count_columns_and_idempotence():
    t = pd.DataFrame(
        {
            "statement": ["S1", "S2"],
            "n_respondents_1": [9, 9],
            "n_respondents_2": [3, 9],
            "difference": [0.5, 0.2],
        }
    )
    out = suppress(t, n_column=["n_respondents_1", "n_respondents_2"])
    assert out["suppressed"].tolist() == [True, False]
    assert out["n_respondents_2"].tolist() == [3, 9]
    again = suppress(out, n_column=["n_respondents_1", "n_respondents_2"])
    pd.testing.assert_frame_equal(again, out)


def test_default_stat_columns_keep_keys_and_wave():
    t = pd.DataFrame(
        {
            "wave": [2020, 2020],
            "organisation": ["A", "B"],
            "n_respondents": [2, 9],
            "mean": [3.0, 4.0],
            "above": [True, False],
            "name": ["x", "y"],
        }
    )
    out = suppress(t)
    assert out["wave"].tolist() == [2020, 2020] and out["name"].tolist() == ["x", "y"]
    assert pd.isna(out.loc[0, "mean"])
    with pytest.raises(ValueError, match="no column"):
        suppress(t, n_column="n")


def test_explicit_stat_columns_may_be_text():
    t = pd.DataFrame({"g": ["a", "b"], "n_respondents": [1, 9], "min_organisation": ["X", "Y"]})
    out = suppress(t, stat_columns=["min_organisation"])
    assert out["min_organisation"].isna().tolist() == [True, False]


@settings(max_examples=80, deadline=None)
@given(
    sizes=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 12)), min_size=1, max_size=15),
    min_n=st.integers(1, 6),
)
def test_no_group_can_be_recovered(sizes, min_n):
    t = pd.DataFrame(
        {
            "parent": [f"P{p}" for p, _ in sizes],
            "organisation": [f"O{i}" for i in range(len(sizes))],
            "n_respondents": [n for _, n in sizes],
            "mean": 3.0,
        }
    )
    out = suppress(
        t, min_n=min_n, margins=["organisation"], group_columns=["parent", "organisation"]
    )
    assert (out.loc[~out["suppressed"], "n_respondents"] >= min_n).all()
    assert out.loc[out["suppressed"], "mean"].isna().all()
    for _, part in out.groupby("parent"):
        hidden = part.loc[part["suppressed"], "n_respondents"].sum()
        everything_hidden = part["suppressed"].all()
        assert hidden == 0 or hidden >= min_n or everything_hidden


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from([2020, 2022]), st.sampled_from(["a", "b", None])), max_size=12
    ),
    units=st.lists(
        st.tuples(st.sampled_from([2020, 2022]), st.sampled_from(["a", "b", "c", None])),
        min_size=1,
        max_size=6,
    ),
    categorical=st.booleans(),
    hidden=st.lists(st.booleans(), min_size=6, max_size=6),
)
def test_a_decision_hides_the_rows_of_its_suppressed_units(rows, units, categorical, hidden):
    """Rows match a unit on the text of every key (missing matches missing)."""
    t = pd.DataFrame(rows, columns=["wave", "organisation"], dtype=object)
    t["wave"] = t["wave"].astype(np.int64)
    if categorical:
        t["organisation"] = t["organisation"].astype(pd.CategoricalDtype(["b", "a", "x"]))
    t["n_respondents"] = 9
    decision = pd.DataFrame(units, columns=["wave", "organisation"]).assign(
        n_respondents=9, suppressed=hidden[: len(units)], secondary=False
    )
    out = suppress(t, stat_columns=[], group_columns=["wave", "organisation"], units=decision)
    shown = decision[decision["suppressed"]][["wave", "organisation"]].astype(str)
    expected = pd.MultiIndex.from_frame(t[["wave", "organisation"]].astype(str)).isin(
        pd.MultiIndex.from_frame(shown)
    )
    assert out["suppressed"].tolist() == expected.tolist()
