"""Differencing attacks on the published survey tables: no combination of published numbers
may give the mean of a group of fewer than ``min_n`` people.

The attacker sees what the report publishes (``survey_tables``): the all-organisation mean and
n of every role × statement and role × dimension, the per-organisation dimension means and n
(``survey_organisations``), and the across-organisations table (mean of means, SD between, the
smallest and largest organisation with their means). The attacker is generous to itself: it
knows which organisations are compared in the across-organisations table, solves it for every
organisation when at most four are compared (mean of means, SD, min and max fix four values),
and, knowing an organisation's mean on every statement of a dimension, knows its dimension mean.
Whatever is left after subtracting everything known from a published total must hold no people
or at least ``min_n``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity import stats
from maturity.privacy import organisation_suppression, suppress
from maturity.sections.survey import survey_tables
from tests._workbooks import codebook

MIN_N = 5
ROLE = "förvaltningschef"
STATEMENTS = {"F1": "Styrning", "F2": "Styrning", "F3": "Styrning"}


@st.composite
def surveys(draw) -> pd.DataFrame:
    """One wave, one role, 2–5 organisations of 1–9 people; some answers are "Vet ej"."""
    n_orgs = draw(st.integers(2, 5))
    rows = []
    for o in range(n_orgs):
        size = draw(st.integers(1, 9))
        for i in range(size):
            for statement, dimension in STATEMENTS.items():
                answer = draw(st.one_of(st.integers(1, 5), st.just(None)))
                rows.append(
                    {
                        "wave": 2024,
                        "organisation": f"O{o}",
                        "role": ROLE,
                        "respondent": f"O{o}-{i}",
                        "statement": statement,
                        "dimension": dimension,
                        "score": np.nan if answer is None else float(answer),
                        "answer": "Vet ej" if answer is None else str(answer),
                    }
                )
    return pd.DataFrame(rows)


def _people(responses: pd.DataFrame, level: str, value: str) -> pd.Series:
    """People with a score per organisation at one statement or dimension."""
    rows = responses[(responses[level] == value) & responses["score"].notna()]
    return rows.groupby("organisation")["respondent"].nunique()


def _known_by_statement(responses: pd.DataFrame, across: pd.DataFrame) -> dict[str, set]:
    """Organisations whose mean on a statement the attacker knows, per statement."""
    known = {}
    for row in across.itertuples(index=False):
        if row.suppressed or pd.isna(row.min_mean):
            known[row.statement] = set()
            continue
        shown = _compared(responses, row.statement)
        known[row.statement] = (
            shown if len(shown) <= 4 else {row.min_organisation, row.max_organisation}
        )
    return known


def _compared(responses: pd.DataFrame, statement: str) -> set:
    """The organisations the across-organisations table compares on a statement (the attacker
    is assumed to know them)."""
    per_org = stats.describe(
        responses[responses["statement"] == statement],
        by=["organisation", "role", "statement"],
        min_n=MIN_N,
    )
    return set(per_org.loc[~per_org["suppressed"], "organisation"])


def _leaks(responses: pd.DataFrame) -> list[str]:
    tables = survey_tables(responses, min_n=MIN_N, codebook=codebook())
    across = tables["survey_across_organisations"]
    by_statement = _known_by_statement(responses, across)
    leaks = []
    for row in tables["survey_statements"].itertuples(index=False):
        if row.suppressed:
            continue
        people = _people(responses, "statement", row.statement)
        rest = set(people.index) - by_statement.get(row.statement, set())
        if 0 < people[list(rest)].sum() < MIN_N:
            leaks.append(f"{row.statement}: {sorted(rest)} ({people[list(rest)].sum()} people)")
    organisations = tables["survey_organisations"]
    for row in tables["survey_dimensions"].itertuples(index=False):
        if row.suppressed:
            continue
        people = _people(responses, "dimension", row.dimension)
        mine = organisations[organisations["dimension"] == row.dimension]
        known = set(mine.loc[~mine["suppressed"], "organisation"])
        answered = [s for s, d in STATEMENTS.items() if d == row.dimension]
        known |= set.intersection(*(by_statement.get(s, set()) for s in answered))
        rest = set(people.index) - known
        if 0 < people[list(rest)].sum() < MIN_N:
            leaks.append(f"{row.dimension}: {sorted(rest)} ({people[list(rest)].sum()} people)")
    return leaks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(surveys())
def test_no_hidden_group_is_recovered_by_differencing(responses):
    assert _leaks(responses) == []


def test_a_group_hidden_in_one_table_is_hidden_in_every_table():
    """Item nonresponse makes the statement and dimension tables disagree on whom to hide
    unless the decision is made once: O0 (4 people) is hidden; O1 and O2 have 6 people, but on
    every statement one of O2's answers is "Vet ej"."""
    rows = []
    for org, size in (("O0", 4), ("O1", 6), ("O2", 6), ("O3", 9)):
        for i in range(size):
            for k, statement in enumerate(STATEMENTS):
                missing = org == "O2" and i == k
                rows.append(
                    {
                        "wave": 2024,
                        "organisation": org,
                        "role": ROLE,
                        "respondent": f"{org}-{i}",
                        "statement": statement,
                        "dimension": STATEMENTS[statement],
                        "score": np.nan if missing else float(1 + (i + k) % 5),
                        "answer": "Vet ej" if missing else "x",
                    }
                )
    responses = pd.DataFrame(rows)
    assert _leaks(responses) == []
    decision = organisation_suppression(responses, by=["role"], min_n=MIN_N)
    hidden = set(decision.loc[decision["suppressed"], "organisation"])
    tables = survey_tables(responses, min_n=MIN_N, codebook=codebook())
    shown_dimension = tables["survey_organisations"].query("~suppressed")["organisation"]
    across = tables["survey_across_organisations"]
    named = set(across["min_organisation"].dropna()) | set(across["max_organisation"].dropna())
    assert hidden and hidden.isdisjoint(set(shown_dimension)) and hidden.isdisjoint(named)
    assert (across["n_organisations"] + across["n_organisations_hidden"] == 4).all()
    assert (across["n_organisations_hidden"] == len(hidden)).all()


def test_suppress_applies_a_decision_made_once():
    decision = pd.DataFrame(
        {
            "role": ["r", "r"],
            "organisation": ["A", "B"],
            "n_respondents": [9, 9],
            "suppressed": [True, False],
            "secondary": [True, False],
        }
    )
    table = pd.DataFrame(
        {
            "organisation": ["A", "B"],
            "role": ["r", "r"],
            "n_respondents": [9, 9],
            "mean": [3.0, 4.0],
        }
    )
    out = suppress(table, units=decision)
    assert out["suppressed"].tolist() == [True, False] and out["mean"].isna().tolist() == [
        True,
        False,
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=surveys(), second=surveys())
def test_the_decision_of_every_wave_gives_the_latest_waves_tables(first, second):
    """The section's decision per wave, passed on, gives the tables survey_tables gives when
    it makes the latest wave's decision itself."""
    responses = pd.concat([first, second.assign(wave=2026)], ignore_index=True)
    decision = organisation_suppression(responses, by=["wave", "role"], min_n=MIN_N)
    book = codebook()
    given_on = survey_tables(responses, min_n=MIN_N, codebook=book, decision=decision)
    made_here = survey_tables(responses, min_n=MIN_N, codebook=book)
    assert list(given_on) == list(made_here)
    for name, table in made_here.items():
        pd.testing.assert_frame_equal(given_on[name], table, obj=name)
