"""Waves are never pooled silently, and a group of fewer than min_n people is never shown.

The survey of these tests has two waves; the organisation SML-IT has 4 managers
(förvaltningschefer) in each wave: 8 person-waves, 4 people. Their every answer is the lowest
step of the scale, so any statistic of theirs that leaks shows up as a mean of 1.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest

from maturity import stats as ms
from maturity.privacy import suppress, suppression_ratio
from maturity.report import build_report
from tests._workbooks import write_codebook, write_rows

SMALL = "SML-IT"
MANAGER = "förvaltningschef"
MANAGER_ITEMS = ["F1", "F2", "F3"]
IT_ITEMS = ["I1", "I2"]


def _answers(seed: int) -> list[list]:
    """Rows of one wave's export: id, organisation, role, F1-F3, I1-I2 (raw answers)."""
    rng = np.random.default_rng(seed)
    rows = []
    for org, n in (("Åmål", 6), ("Tanum", 7), (SMALL, 4)):
        for i in range(n):
            if org == SMALL:  # F3 is reverse-keyed: a raw 5 scores 1
                answers = [1, 1, 5]
            else:
                answers = [int(x) for x in rng.integers(3, 6, 3)]
                answers[2] = 6 - answers[2]
            rows.append([f"{org[:3]}{i}", org, MANAGER, *answers, None, None])
        rows.append([f"{org[:3]}-it", org, "IT-chef", None, None, None, 4, 3])
    return rows


def _responses(linked: bool) -> pd.DataFrame:
    """The tidy responses of the two waves (ids linked across waves or not)."""
    frames = []
    for wave, seed in ((2020, 1), (2022, 2)):
        for row in _answers(seed):
            respondent = row[0] if linked else f"{wave}-{row[0]}"
            for item, raw in zip([*MANAGER_ITEMS, *IT_ITEMS], row[3:], strict=True):
                if raw is None:
                    continue
                score = 6 - raw if item == "F3" else raw
                frames.append(
                    {
                        "wave": wave,
                        "organisation": row[1],
                        "role": row[2],
                        "respondent": respondent,
                        "statement": item,
                        "dimension": "Styrning" if item.startswith("F") else "Teknik",
                        "score": float(score),
                        "answer": str(raw),
                    }
                )
    return pd.DataFrame(frames)


def _small_rows(table: pd.DataFrame) -> pd.DataFrame:
    rows = table["organisation"].astype(str) == SMALL
    if "role" in table.columns:
        rows &= table["role"].astype(str) == MANAGER
    return table[rows]


# --------------------------------------------------------------------------- the API


@pytest.fixture(params=[True, False], ids=["linked ids", "ids per wave"])
def responses(request):
    return _responses(request.param)


CALLS = {
    "describe": lambda r, **kw: ms.describe(r, by=["organisation", "role"], **kw),
    "across_organisations": lambda r, **kw: ms.across_organisations(r, by=["role"], **kw),
    "rank_statements": lambda r, **kw: ms.rank_statements(r, by=["organisation", "role"], **kw),
    "midpoint_test": lambda r, **kw: ms.midpoint_test(
        r, by=["organisation", "role", "statement"], **kw
    ),
    "midpoint_summary": lambda r, **kw: ms.midpoint_summary(r, by=["organisation", "role"], **kw),
    "compare_roles": lambda r, **kw: ms.compare_roles(r, by="organisation", **kw),
    "reliability": lambda r, **kw: (
        ms.reliability(r, by=["organisation", "role", "dimension"], **kw).scales
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_several_waves_without_wave_in_by_are_an_error_naming_them(responses, name):
    with pytest.raises(ValueError, match="waves 2020, 2022.*pool_waves=True"):
        CALLS[name](responses)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_pooling_asked_for_says_so_and_counts_people(responses, name):
    table = CALLS[name](responses, pool_waves=True)
    assert "waves" in table.columns
    assert set(table["waves"]) == {"2020, 2022"}
    if name == "rank_statements":  # the small group's statements are not ranked at all
        assert _small_rows(table).empty
        return
    if name == "midpoint_summary":
        small = _small_rows(table)
        assert small["n_statements"].tolist() == [0] and small["lowest_mean"].isna().all()
        return
    if name == "across_organisations":  # SML-IT's managers are not among the organisations
        managers = table[table["role"] == MANAGER]
        # SML-IT (4 people) and, secondarily, Åmål (6, the smallest other) are hidden
        assert managers["n_organisations_hidden"].tolist() == [2]
        assert SMALL not in set(managers["min_organisation"]) | set(managers["max_organisation"])
        assert (managers["min_mean"] > 1).all()
        return
    small = table[table["organisation"].astype(str) == SMALL]
    if name != "compare_roles":
        small = _small_rows(table)
        assert set(small["n_respondents"]) == {4}  # people, not 8 person-waves
    assert len(small) and small["suppressed"].all()
    numbers = small.select_dtypes("number").drop(
        columns=[c for c in small.columns if c.startswith("n_respondents") or c == "midpoint"]
    )
    assert numbers.isna().all().all()


def test_wave_in_by_is_per_wave_and_the_small_group_is_hidden_in_each(responses):
    table = ms.describe(responses, by=["wave", "organisation", "role"])
    small = _small_rows(table)
    assert small["n_respondents"].tolist() == [4, 4]
    assert small["suppressed"].all() and small["mean"].isna().all()
    assert "waves" not in table.columns


def test_change_compares_waves_explicitly_and_hides_the_small_group(responses):
    table = ms.change(responses, by=["organisation", "role"])
    small = _small_rows(table)
    assert small[["n_respondents_from", "n_respondents_to"]].values.tolist() == [[4, 4]]
    assert small["suppressed"].all() and small["mean_to"].isna().all()


def test_dimension_scores_never_pool_waves(responses):
    scores = ms.dimension_scores(responses)
    assert set(scores["wave"]) == {2020, 2022}
    assert len(scores) == len(
        scores.drop_duplicates(["wave", "organisation", "role", "respondent", "dimension"])
    )


def test_single_wave_needs_no_keyword_and_gets_no_waves_column():
    latest = _responses(True).query("wave == 2022")
    table = ms.describe(latest, by=["organisation", "role"])
    assert "waves" not in table.columns
    assert _small_rows(table)["suppressed"].all()


def test_people_counted_once_across_linked_waves_and_by_largest_wave_otherwise():
    linked = _responses(True)
    pooled = ms.describe(linked, by=["role"], pool_waves=True, min_n=1)
    managers = pooled.set_index("role").loc[MANAGER]
    assert managers["n_respondents"] == 6 + 7 + 4  # the same ids in both waves
    assert managers["n"] == 2 * 3 * (6 + 7 + 4)  # every answer of both waves
    unlinked = _responses(False)
    pooled = ms.describe(unlinked, by=["role"], pool_waves=True, min_n=1)
    assert pooled.set_index("role").loc[MANAGER, "n_respondents"] == 17  # the largest wave


# --------------------------------------------------------------------------- the ratio


def test_one_ratio_distinguishes_primary_and_secondary():
    t = pd.DataFrame(
        {"organisation": ["A", "B", "C", "D"], "n_respondents": [2, 6, 9, 12], "mean": 3.0}
    )
    shown = suppress(t, margins=["organisation"])
    pair = pd.DataFrame(
        {"statement": ["S1"], "n_respondents_1": [9], "n_respondents_2": [3], "p": [0.2]}
    )
    ratio = suppression_ratio(
        {"orgs": shown, "pair": suppress(pair, n_column=["n_respondents_1", "n_respondents_2"])}
    )
    assert (ratio.groups, ratio.suppressed, ratio.primary, ratio.secondary) == (5, 3, 2, 1)
    assert ratio.per_table["table"].tolist() == ["orgs", "pair"]
    assert ratio.per_table["secondary"].tolist() == [1, 0]


# --------------------------------------------------------------------------- the report


@pytest.fixture(scope="module")
def two_wave_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("two_waves")
    raw = root / "raw"
    raw.mkdir()
    write_codebook(raw / "kodbok.xlsx")
    header = ["Respondent", "Kommun", "Roll", *MANAGER_ITEMS, *IT_ITEMS]
    for wave, seed in ((2020, 1), (2022, 2)):
        write_rows(raw / f"enkat_{wave}.xlsx", {"Svar": [header, *_answers(seed)]})
    result = build_report(raw, root / "reports", root / "processed", progress=None, figures=False)
    return root, result


def test_report_tables_never_show_the_small_group(two_wave_report):
    root, _ = two_wave_report
    tables = {p.stem: pd.read_csv(p) for p in (root / "processed").glob("*.csv")}
    assert "survey_change" in tables and "survey_organisations" in tables
    for name, table in tables.items():
        # survey_sources names each file's organisation and where it came from: no figures
        if (
            name in {"responses", "problems", "survey_sources"}
            or "organisation" not in table.columns
        ):
            continue
        small = _small_rows(table)
        assert small["suppressed"].all(), name
        stats = [c for c in ("mean", "sd", "median", "n", "alpha") if c in small.columns]
        assert small[stats].isna().all().all(), name
    across = tables["survey_across_organisations"]
    managers = across[across["role"] == MANAGER]
    assert SMALL not in set(managers["min_organisation"].dropna())
    assert (managers["min_mean"].dropna() > 1).all()


def test_report_workbook_and_summary_never_show_the_small_group(two_wave_report):
    root, _ = two_wave_report
    book = openpyxl.load_workbook(root / "reports" / "nulagesanalys.xlsx", read_only=True)
    seen = 0
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            if SMALL not in row:
                continue
            seen += 1
            numbers = [v for v in row if isinstance(v, int | float) and not isinstance(v, bool)]
            assert set(numbers) <= {1, 4, 2020, 2022}, (sheet.title, row)  # counts and waves
    assert seen  # the group is listed (as suppressed), its statistics are not
    summary = (root / "reports" / "summary.md").read_text(encoding="utf-8")
    assert SMALL not in summary


def test_report_states_one_suppression_ratio(two_wave_report):
    root, result = two_wave_report
    summary = (root / "reports" / "summary.md").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(root / "reports" / "nulagesanalys.xlsx", read_only=True)
    front = [row[0] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]]
    ratio_lines = [line for line in front if "redovisade grupper är undertryckta:" in line]
    assert len(ratio_lines) == 1
    assert ratio_lines[0] in summary
    # the privacy finding states the same numbers
    counts = ratio_lines[0].split(" redovisade")[0]  # "22 av 47"
    finding = [line for line in front if "5 personer redovisas inte:" in line]
    assert len(finding) == 1 and f"{counts} redovisade grupper är undertryckta (" in finding[0]
    assert "färre än 5 personer visar inga värden (primär undertryckning)" in summary
    assert any("sekundär undertryckning" in line for line in front)
