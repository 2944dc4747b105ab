"""The grouping engine against the plain-pandas reference (tests/reference_stats.py).

Random tidy tables: missing keys and scores, "Vet ej" and blank answers, categorical columns with
unused categories in a non-alphabetical order next to plain string and integer columns, groups
with no scored answer or a single one, half-point scores (the general path), and every
combination of up to three group columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import reference_stats as ref
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from maturity import stats as ms
from maturity.privacy import organisation_suppression
from maturity.stats import grouping

KEYS = ["wave", "organisation", "role", "statement", "dimension"]
VALUES = {
    "organisation": ["Dals-Ed", "Ale", "Bjuv"],
    "role": ["förvaltningschef", "IT-chef"],
    "statement": ["S2", "S10", "S1"],
    "dimension": ["D2", "D1"],
}
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def tidy_tables(draw, missing_keys: bool = True) -> pd.DataFrame:
    """A random ``responses`` table (see the module docstring)."""
    n = draw(st.integers(0, 40))

    def column(values, missing):
        choices = st.sampled_from([*values, None] if missing else values)
        return draw(st.lists(choices, min_size=n, max_size=n))

    halves = draw(st.booleans())
    steps = [1 + k / 2 for k in range(9)] if halves else [1.0, 2.0, 3.0, 4.0, 5.0]
    score = column(steps, True)
    answer = [draw(st.sampled_from(["", "Vet ej", None])) if s is None else str(s) for s in score]
    frame = pd.DataFrame(
        {
            "wave": column([2020, 2022] if draw(st.booleans()) else [2022], False),
            "organisation": column(VALUES["organisation"], missing_keys),
            "role": column(VALUES["role"], missing_keys),
            "statement": column(VALUES["statement"], missing_keys),
            "dimension": column(VALUES["dimension"], False),
            "respondent": column(list(range(5)), False),
            "score": pd.array(score, dtype="Float64").astype(float),
            "answer": answer,
        }
    )
    for name, values in VALUES.items():
        if draw(st.booleans()):  # categories in a given (not sorted) order, one unused
            frame[name] = frame[name].astype(pd.CategoricalDtype([*values, "unused"]))
        else:
            frame[name] = frame[name].astype(object)
    if draw(st.booleans()):
        frame["respondent"] = "R" + frame["respondent"].astype(str)
    return frame


def group_columns(allowed=KEYS):
    return st.lists(st.sampled_from(allowed), unique=True, max_size=3)


def plain(values) -> list:
    """Values comparable across dtypes: missing -> None, categorical -> its value."""
    return [None if pd.isna(v) else v for v in pd.Series(values).astype(object)]


def assert_same(
    ours: pd.DataFrame, expected: pd.DataFrame, keys: list[str], columns: list[str]
) -> None:
    assert len(ours) == len(expected)
    for column in keys:
        assert plain(ours[column]) == plain(expected[column]), column
    for column in columns:
        if pd.api.types.is_numeric_dtype(expected[column]) or expected[column].isna().all():
            np.testing.assert_allclose(
                pd.to_numeric(ours[column]).to_numpy(dtype=float, na_value=np.nan),
                pd.to_numeric(expected[column]).to_numpy(dtype=float, na_value=np.nan),
                rtol=1e-9,
                atol=1e-12,
                err_msg=column,
            )
        else:
            assert plain(ours[column]) == plain(expected[column]), column
    assert ours["suppressed"].tolist() == expected["suppressed"].tolist()


@SETTINGS
@given(frame=tidy_tables(), by=group_columns())
def test_group_equals_pandas_groupby(frame, by):
    groups = grouping.group(frame, by)
    keys, codes = ref.group_keys(frame, by)
    assert groups.size == len(keys)
    assert groups.codes.tolist() == codes.tolist()
    for column in by:
        assert plain(groups.keys[column]) == plain(keys[column])


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(), min_n=st.integers(1, 3))
def test_describe_equals_reference(frame, by, min_n):
    margins = ["organisation"] if "organisation" in by else []
    ours = ms.describe(frame, by=by, min_n=min_n, pool_waves=True)
    expected = ref.describe(frame, by, min_n=min_n, margins=margins)
    assert_same(ours, expected, by, ref.DESCRIBE_COLUMNS)


@SETTINGS
@given(
    frame=tidy_tables(),
    by=group_columns([k for k in KEYS if k != "organisation"]),
    min_n=st.integers(1, 3),
)
def test_across_organisations_equals_reference(frame, by, min_n):
    ours = ms.across_organisations(frame, by=by, min_n=min_n, pool_waves=True)
    expected = ref.across_organisations(frame, by, min_n=min_n)
    assert_same(ours, expected, by, ref.ACROSS_COLUMNS)


@SETTINGS
@given(frame=tidy_tables(missing_keys=False))
def test_dimension_scores_equal_reference(frame):
    ours = ms.dimension_scores(frame)
    expected = ref.dimension_scores(frame)
    keys = ["wave", "organisation", "role", "respondent", "dimension"]
    assert len(ours) == len(expected)
    for column in keys:
        assert plain(ours[column]) == plain(expected[column]), column
    for column in ("score", "n_answered", "n_statements"):
        np.testing.assert_allclose(
            ours[column].to_numpy(float), expected[column].to_numpy(float), rtol=1e-12
        )


@SETTINGS
@given(frame=tidy_tables(), by=group_columns())
def test_distinct_respondents_equal_reference(frame, by):
    groups = grouping.group(frame, by)
    person, n_codes = grouping.persons(frame)
    ours = grouping.distinct(groups.codes, groups.size, person, n_codes)
    _, codes = ref.group_keys(frame, by)
    expected = [ref.n_persons(frame[codes == i]) for i in range(groups.size)]
    assert ours.tolist() == expected


def test_reference_catches_a_wrong_engine():
    """The oracle is not vacuous: a table that differs in one number fails the comparison."""
    frame = pd.DataFrame(
        {"role": ["a", "a", "b"], "respondent": [1, 2, 3], "score": [1.0, 2.0, 5.0]}
    )
    ours = ms.describe(frame, by="role", min_n=1)
    expected = ref.describe(frame, ["role"], min_n=1)
    assert_same(ours, expected, ["role"], ref.DESCRIBE_COLUMNS)
    expected.loc[0, "mean"] = 1.6
    try:
        assert_same(ours, expected, ["role"], ref.DESCRIBE_COLUMNS)
    except AssertionError:
        return
    raise AssertionError("a wrong mean was not noticed")


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(), min_n=st.integers(1, 3), within=st.booleans())
def test_large_code_spaces_equal_reference(frame, by, min_n, within):
    """The paths for national-scale code spaces (sorting; counting within an organisation)
    give what the flat-array paths give: forced here on small tables."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grouping, "_dense", lambda space, n_rows: False)
        patch.setattr(grouping, "_dense_within", lambda space, n_rows: within)
        margins = ["organisation"] if "organisation" in by else []
        ours = ms.describe(frame, by=by, min_n=min_n, pool_waves=True)
        expected = ref.describe(frame, by, min_n=min_n, margins=margins)
        assert_same(ours, expected, by, ref.DESCRIBE_COLUMNS)
        by = [c for c in by if c != "organisation"]
        ours = ms.across_organisations(frame, by=by, min_n=min_n, pool_waves=True)
        expected = ref.across_organisations(frame, by, min_n=min_n)
        assert_same(ours, expected, by, ref.ACROSS_COLUMNS)


@SETTINGS
@given(frame=tidy_tables(), by=group_columns())
def test_distinct_within_an_attribute_equals_distinct(frame, by):
    groups = grouping.group(frame, by)
    person, n_codes = grouping.persons(frame)
    attribute = grouping.group(frame, ["wave", "organisation", "role"])
    counted = grouping._distinct_within(
        groups.codes, groups.size, person, n_codes, attribute.codes, attribute.size
    )
    values = grouping.distinct(groups.codes, groups.size, attribute.codes, attribute.size)
    if counted is None:  # only when some group holds several organisations, roles or waves
        assert values.max() > 1
    else:
        expected = grouping.distinct(groups.codes, groups.size, person, n_codes)
        assert counted.tolist() == expected.tolist()


@SETTINGS
@given(
    frame=tidy_tables(missing_keys=False),
    extra=st.lists(st.sampled_from(["role", "dimension", "organisation"]), unique=True),
)
def test_reliability_equals_reference(frame, extra):
    # one answer per person and statement (a repeated answer is the export's problem, not alpha's)
    person = ["wave", "organisation", "role", "respondent", "statement"]
    frame = frame.drop_duplicates(subset=person, keep="last").reset_index(drop=True)
    by = ["wave", *extra]
    ours = ms.reliability(frame, by=by, min_n=1).scales
    expected = ref.reliability(frame, by)
    ours = ours[ours["n_respondents"] > 0].reset_index(drop=True)
    expected = expected[expected["n_respondents"] > 0].reset_index(drop=True)
    assert_same(ours, expected, by, ["n_respondents", "n_items", "alpha", "ci95_low", "ci95_high"])


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(), scored=st.booleans(), dense=st.booleans())
def test_people_through_the_group_columns_equals_people(frame, by, scored, dense):
    """Counting people through (person, the one group column not a person's attribute) —
    or, when nobody answers a value twice, counting rows — gives the general count."""
    groups = grouping.group(frame, by)
    rows = frame["score"].notna().to_numpy() if scored else None
    expected = grouping.people(frame, groups.codes, groups.size, rows)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grouping, "_dense_within", lambda space, n_rows: dense)
        ours = grouping.people(frame, groups.codes, groups.size, rows, {}, columns=by)
    assert ours.tolist() == expected.tolist()
    once = frame.drop_duplicates(["wave", "organisation", "role", "respondent", "statement"])
    once = once.reset_index(drop=True)  # nobody answers a statement twice: rows are people
    groups = grouping.group(once, by)
    expected = [ref.n_persons(once[groups.codes == i], once) for i in range(groups.size)]
    ours = grouping.people(once, groups.codes, groups.size, None, {}, columns=by)
    assert ours.tolist() == expected


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(), scored=st.booleans(), full=st.booleans())
def test_people_of_rows_in_person_order_equal_people(frame, by, scored, full):
    """Rows sorted by person and statement, as an export is read: the same counts."""
    person = ["wave", "organisation", "role", "respondent"]
    frame = frame.drop_duplicates([*person, "statement"])  # each answer once: rows are people
    order = [*person, "statement"] if full else ["respondent", "statement"]
    frame = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    groups = grouping.group(frame, by)
    rows = frame["score"].notna().to_numpy() if scored else None
    expected = grouping.people(frame, groups.codes, groups.size, rows)
    ours = grouping.people(frame, groups.codes, groups.size, rows, {}, columns=by)
    assert ours.tolist() == expected.tolist()


@SETTINGS
@given(frame=tidy_tables(), unique=st.booleans())
def test_persons_of_rows_in_id_order_are_the_people(frame, unique):
    """Rows sorted by respondent id (ids unique across organisations and roles or not): two
    rows have the same person code exactly when they agree on every PERSON column."""
    person = ["wave", "organisation", "role", "respondent"]
    if unique:  # ids that name one organisation, role and wave each
        frame = frame.assign(respondent=ref.group_keys(frame, person)[1])
    frame = frame.sort_values("respondent", kind="stable").reset_index(drop=True)
    codes, _ = grouping.persons(frame)
    _, expected = ref.group_keys(frame, person)
    pairs = set(zip(codes.tolist(), expected.tolist(), strict=True))
    assert len(pairs) == len(set(codes.tolist())) == len(set(expected.tolist()))


def test_each_once():
    assert grouping._each_once(np.array([1, 4, 7]), 8)
    assert grouping._each_once(np.array([4, 1, 7]), 8)
    assert not grouping._each_once(np.array([1, 4, 4]), 8)
    assert not grouping._each_once(np.array([4, 1, 4]), 8)
    assert not grouping._each_once(np.array([0, 0, 0]), 2)


def test_a_person_answering_a_statement_twice_is_one_person():
    frame = pd.DataFrame(
        {"statement": ["S1", "S1", "S1"], "respondent": ["a", "a", "b"], "score": 3.0}
    )
    groups = grouping.group(frame, ["statement"])
    counted = grouping.people(frame, groups.codes, 1, None, {}, columns=["statement"])
    assert counted.tolist() == [2]


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(["wave", "role"]), min_n=st.integers(1, 4))
def test_organisation_suppression_equals_reference(frame, by, min_n):
    ours = organisation_suppression(frame, by=by, min_n=min_n)
    expected = ref.organisation_decision(frame, by, min_n=min_n)
    keys = [c for c in ("wave", "role") if c in by] + ["organisation"]
    assert len(ours) == len(expected)
    for column in keys:
        assert plain(ours[column]) == plain(expected[column]), column
    for column in ("n_respondents", "suppressed", "secondary"):
        assert ours[column].tolist() == expected[column].tolist(), column


@SETTINGS
@given(frame=tidy_tables(), by=group_columns(), min_n=st.integers(1, 3))
def test_a_decision_passed_on_gives_the_same_tables(frame, by, min_n):
    """describe and across_organisations with the decision made once by the caller give what
    they give when they make it themselves."""
    with_org = ["organisation", *[c for c in by if c != "organisation"]]
    units = organisation_suppression(frame, by=with_org, min_n=min_n)
    for function, columns in ((ms.describe, with_org), (ms.across_organisations, with_org[1:])):
        ours = function(frame, by=columns, min_n=min_n, pool_waves=True, units=units)
        expected = function(frame, by=columns, min_n=min_n, pool_waves=True)
        pd.testing.assert_frame_equal(ours, expected)


@SETTINGS
@given(
    sizes=st.lists(st.integers(1, 9), min_size=2, max_size=5),
    gaps=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 1)), max_size=6),
)
def test_organisation_suppression_equals_reference_with_secondary(sizes, gaps):
    """Organisations of 1–9 people, some missing a statement: secondary suppression at work."""
    rows = [
        {
            "role": "chef",
            "organisation": f"O{o}",
            "respondent": f"O{o}-{i}",
            "statement": statement,
            "dimension": "D1" if statement == "S1" else "D2",
            "score": np.nan if (i, int(statement[1]) - 1) in gaps else 3.0,
        }
        for o, size in enumerate(sizes)
        for i in range(size)
        for statement in ("S1", "S2")
    ]
    frame = pd.DataFrame(rows)
    ours = organisation_suppression(frame, by=["role"], min_n=5)
    expected = ref.organisation_decision(frame, ["role"], min_n=5)
    for column in ("organisation", "n_respondents", "suppressed", "secondary"):
        assert ours[column].tolist() == expected[column].tolist(), column


@SETTINGS
@given(frame=tidy_tables(), min_n=st.integers(1, 3))
def test_tables_passed_on_give_the_same_tests_and_rankings(frame, min_n):
    """midpoint_test and rank_statements with the describe table the caller has, and
    midpoint_summary with the test the caller has, give what they compute themselves (and
    leave what they were given unchanged)."""
    assume(len(frame) > 0)  # an empty table has no midpoint test to make
    options = {"min_n": min_n, "pool_waves": True}
    described = ms.describe(frame, by=["role", "statement"], **options)
    before = described.copy()
    tested = ms.midpoint_test(frame, **options, described=described)
    pd.testing.assert_frame_equal(tested, ms.midpoint_test(frame, **options))
    kept = tested.copy()
    pd.testing.assert_frame_equal(
        ms.midpoint_summary(frame, **options, tested=tested), ms.midpoint_summary(frame, **options)
    )
    pd.testing.assert_frame_equal(
        ms.rank_statements(frame, **options, described=described),
        ms.rank_statements(frame, **options),
    )
    pd.testing.assert_frame_equal(described, before)
    pd.testing.assert_frame_equal(tested, kept)


def test_a_describe_table_of_other_groups_is_refused():
    frame = pd.DataFrame(
        {"role": ["a", "b"], "statement": "S1", "respondent": [1, 2], "score": [4.0, 2.0]}
    )
    other = ms.describe(frame, by=["statement"], min_n=1)
    with pytest.raises(ValueError, match="described"):
        ms.midpoint_test(frame, min_n=1, described=other)
