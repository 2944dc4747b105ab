"""Findings branch by branch, on small generated tables (not on the demo's numbers)."""

import types

import numpy as np
import pandas as pd
import pytest

from maturity import text
from maturity.findings import (
    Finding,
    actionplan_findings,
    capability_findings,
    findings_table,
    key_findings,
    risk_findings,
    spread_word,
    survey_findings,
)

ROLES = pd.DataFrame(
    {
        "role": ["chef", "it"],
        "name": ["Chef", "IT-chef"],
        "plural": ["Chefer", "IT-chefer"],
        "plural_definite": ["Cheferna", "IT-cheferna"],
        "name_en": ["Manager", "IT manager"],
        "plural_en": ["Managers", "IT managers"],
        "plural_definite_en": ["The managers", "The IT managers"],
    }
)
CODEBOOK = types.SimpleNamespace(role_labels=ROLES)

#: Every text key rendered by the tests of this module (see ``_record_words``).
RENDERED: set[str] = set()


@pytest.fixture(autouse=True)
def _record_words(monkeypatch):
    """Record every key the findings render through :func:`maturity.text.word`."""
    original = text.word

    def recording(key, lang, /, **fields):
        RENDERED.add(key)
        return original(key, lang, **fields)

    monkeypatch.setattr(text, "word", recording)
    counting = text.count

    def count(n, key, lang):
        RENDERED.add(f"{key}.one" if n == 1 else f"{key}.many")
        return counting(n, key, lang)

    monkeypatch.setattr(text, "count", count)


#: Both roles answer the same statements in Teknik and Styrning; in Data they do not.
SAME = types.SimpleNamespace(
    role_labels=ROLES,
    statements=pd.DataFrame(
        {
            "statement": ["T1", "T1", "S1", "S1", "F1", "I1"],
            "role": ["chef", "it", "chef", "it", "chef", "it"],
            "dimension": ["Teknik", "Teknik", "Styrning", "Styrning", "Data", "Data"],
        }
    ),
)


def _ranked(mean=2.6):
    return pd.DataFrame(
        {
            "role": ["chef", "chef"],
            "end": ["lowest", "highest"],
            "rank": [1, 1],
            "statement": ["S1", "S2"],
            "text": ["Vi mäter", "Vi driftar"],
            "mean": [mean, 3.8],
            "sd": [0.9, 0.8],
            "n": [100, 97],
        }
    )


def _across(sd_low=0.2, sd_high=np.nan):
    return pd.DataFrame(
        {
            "role": ["chef", "chef"],
            "statement": ["S1", "S2"],
            "sd_between": [sd_low, sd_high],
            "min_organisation": ["A", "A"],
            "min_mean": [2.0, 3.0],
            "max_organisation": ["B", "B"],
            "max_mean": [3.0, 4.0],
            "n_organisations": [5, 5],
        }
    )


def _tests(means, p_holm, *, role="it", midpoint=3.0, suppressed=None):
    """A :func:`maturity.stats.midpoint_test` table: one row per statement."""
    n = len(means)
    return pd.DataFrame(
        {
            "role": role,
            "statement": [f"S{i + 1}" for i in range(n)],
            "text": [f"Påstående {i + 1}" for i in range(n)],
            "n": 20,
            "mean": means,
            "midpoint": midpoint,
            "p_holm": p_holm,
            "suppressed": [False] * n if suppressed is None else suppressed,
        }
    )


def _midpoints(all_above):
    """28 published statements (2 suppressed); all reliably above, or 25 of them."""
    means = [3.07, *np.linspace(3.2, 4.2, 27)] + [np.nan, np.nan]
    p = [0.01] * 28 + [np.nan, np.nan]
    if not all_above:
        p[0:3] = [0.2, 0.3, 0.6]
    return _tests(means, p, suppressed=[False] * 28 + [True, True])


def test_extremes_with_spread_and_role_labels():
    found = survey_findings(_ranked(), _across(), _midpoints(True), codebook=CODEBOOK)
    lowest, highest = found[0], found[1]
    assert lowest.key == "lowest_statement" and highest.key == "highest_statement"
    assert lowest.sentence.startswith(
        "Cheferna ger lägst medelvärde, 2,6 (sd 0,9, n = 100), för påståendet ”Vi mäter”."
    )
    assert lowest.sentence.endswith("så de flesta organisationer är svaga här.")
    assert "Spridningen mellan organisationerna redovisas inte" in highest.sentence
    assert lowest.values["sd_between"] == 0.2


def test_extremes_in_english_and_without_codebook():
    found = survey_findings(
        _ranked(), _across(sd_low=0.2), _midpoints(True), codebook=CODEBOOK, lang="en"
    )
    assert found[0].sentence.startswith("The managers give the lowest mean, 2.6 (SD 0.9")
    assert found[0].sentence.endswith("so most organisations are weak here.")
    plain = survey_findings(_ranked(), _across(), _midpoints(True))
    assert plain[0].sentence.startswith("Chef ger lägst")  # the role as written, capitalised


def test_spread_words_and_strong_end():
    assert [spread_word(x) for x in (0.2, 0.35, 0.59, 0.6)] == [
        "liten",
        "måttlig",
        "måttlig",
        "stor",
    ]
    across = _across(sd_low=0.5, sd_high=0.1)
    found = survey_findings(_ranked(), across, _midpoints(True))
    assert found[0].sentence.endswith(
        "(sd mellan organisationernas medelvärden 0,50; från 2,0 i A till 3,0 i B)."
    )
    assert found[1].sentence.endswith("så de flesta organisationer är starka här.")


def test_midpoint_all_and_some():
    all_above = survey_findings(_ranked().iloc[0:0], _across(), _midpoints(True), codebook=CODEBOOK)
    assert all_above[0].sentence == (
        "IT-chefernas medelvärden ligger säkert över skalans mittpunkt 3,0 för samtliga 28 "
        "påståenden (Wilcoxon-test, Holm-korrigerat p < 0,05); lägst är ”Påstående 1” med 3,07."
    )
    some = survey_findings(
        _ranked().iloc[0:0], _across(), _midpoints(False), codebook=CODEBOOK, lang="en"
    )
    assert some[0].sentence.startswith(
        "Of the 28 means of the IT managers: 25 above the midpoint and 3 not reliably different "
        "from the midpoint (Wilcoxon test against the scale midpoint 3.0, Holm-adjusted p < 0.05)"
    )
    assert some[0].values["n_above"] == 25 and some[0].values["n_not_different"] == 3


def _numbers(sentence: str) -> list[str]:
    import re

    return re.findall(r"\d+(?:,\d+)?", sentence)


def test_midpoint_counts_follow_the_holm_test():
    # means 3,1–3,3 but none significant: no sentence says they are above the midpoint
    tests = _tests([3.1, 3.2, 3.3], [0.2, 0.09, 0.06])
    found = survey_findings(_ranked().iloc[0:0], _across(), tests, codebook=CODEBOOK)
    assert found[0].sentence == (
        "Av IT-chefernas 3 medelvärden är 3 inte säkert skilda från mittpunkten (Wilcoxon-test "
        "mot skalans mittpunkt 3,0, Holm-korrigerat p < 0,05); lägst är ”Påstående 1” med 3,10."
    )
    assert "över" not in found[0].sentence
    # above, below and unclear counted as in the table; a mean of 3,01 is not "above"
    means = [3.01, 3.8, 3.9, 4.0, 2.2, 2.4, 2.9]
    p = [0.9, 0.001, 0.01, 0.049, 0.002, 0.03, 0.5]
    tests = _tests(means, p, role="chef")
    sentence = survey_findings(_ranked().iloc[0:0], _across(), tests, codebook=CODEBOOK)[0]
    table_above = int(((tests["p_holm"] < 0.05) & (tests["mean"] > 3)).sum())
    table_below = int(((tests["p_holm"] < 0.05) & (tests["mean"] < 3)).sum())
    assert (table_above, table_below) == (3, 2)
    assert sentence.sentence.startswith(
        f"Av chefernas 7 medelvärden är {table_above} över mittpunkten, {table_below} under "
        f"mittpunkten och {7 - table_above - table_below} inte säkert skilda från mittpunkten"
    )
    assert sentence.sentence.endswith("lägst är ”Påstående 5” med 2,20.")
    assert sentence.values["n_below"] == 2 and sentence.values["lowest_statements"] == ["S5"]


def test_midpoint_lowest_tie_and_suppressed_rows():
    tests = _tests(
        [2.504, 2.496, 3.5, 1.0], [0.01, 0.01, 0.01, 0.001], suppressed=[False] * 3 + [True]
    )
    found = survey_findings(_ranked().iloc[0:0], _across(), tests, codebook=CODEBOOK, lang="en")
    assert found[0].sentence.startswith("Of the 3 means of the IT managers: 1 above")
    assert found[0].sentence.endswith(
        "the lowest is “Påstående 1” and “Påstående 2” at 2.50 (equal as shown)."
    )
    assert found[0].values["lowest_statements"] == ["S1", "S2"]
    # only suppressed rows, or an old summary table without tests: no midpoint sentence
    assert survey_findings(_ranked().iloc[0:0], _across(), tests.iloc[3:]) == []
    assert survey_findings(_ranked().iloc[0:0], _across(), tests.drop(columns="p_holm")) == []


def _statements(means, *, role="chef", suppressed=None):
    n = len(means)
    return pd.DataFrame(
        {
            "role": role,
            "statement": [f"S{i + 1}" for i in range(n)],
            "text": [f"Påstående {i + 1}" for i in range(n)],
            "mean": means,
            "sd": 0.8,
            "n": 40,
            "suppressed": [False] * n if suppressed is None else suppressed,
        }
    )


def test_extreme_ties_are_all_named():
    statements = _statements([2.61, 2.64, 2.9, 3.8, 1.0], suppressed=[False] * 4 + [True])
    found = survey_findings(statements, _across(), _tests([], []), codebook=CODEBOOK)
    lowest, highest = found
    assert lowest.sentence == (
        "Cheferna ger lägst medelvärde, 2,6 (lika som det visas), för 2 påståenden: "
        "”Påstående 1” (sd 0,8, n = 40) och ”Påstående 2” (sd 0,8, n = 40)."
    )
    assert lowest.values["statements"] == ["S1", "S2"] and lowest.values["n_tied"] == 2
    assert highest.sentence.startswith("Cheferna ger högst medelvärde, 3,8 (sd 0,8, n = 40)")
    # three statements sharing the lowest mean: all three named, in English too
    three = _statements([3.0, 3.0, 3.0, 3.9])
    found = survey_findings(three, _across(), _tests([], []), codebook=CODEBOOK, lang="en")
    assert found[0].sentence.startswith(
        "The managers give the lowest mean, 3.0 (equal as shown), to 3 statements: "
        "“Påstående 1” (SD 0.8, n = 40), “Påstående 2” (SD 0.8, n = 40) and “Påstående 3”"
    )


def test_spread_with_every_organisation_equal():
    across = _across(sd_low=0.02).assign(min_mean=[2.04, 3.0], max_mean=[1.96, 4.0])
    found = survey_findings(_ranked(), across, _tests([], []))
    assert found[0].sentence.endswith(
        "(sd mellan organisationernas medelvärden 0,02; alla 5 organisationer har medelvärdet "
        "2,0), så de flesta organisationer är svaga här."
    )
    assert "till 2,0 i" not in found[0].sentence
    across = across.assign(sd_between=[0.5, np.nan])
    en = survey_findings(_ranked(), across, _tests([], []), lang="en")
    assert en[0].sentence.endswith("all 5 organisations have the mean 2.0).")


def test_spread_names_every_organisation_tied_at_an_end():
    across = _across(sd_low=0.5).assign(
        min_organisation=["A, C", "A"], n_min_organisations=[2, 1], n_max_organisations=[1, 1]
    )
    found = survey_findings(_ranked(), across, _tests([], []))
    assert found[0].sentence.endswith("från 2,0 i A och C till 3,0 i B).")
    en = survey_findings(_ranked(), across, _tests([], []), lang="en")
    assert "from 2.0 in A and C to 3.0 in B" in en[0].sentence


def _alpha(alphas, *, waves=None, suppressed=None):
    n = len(alphas)
    return pd.DataFrame(
        {
            "wave": waves or [2022] * n,
            "role": ["chef"] * n,
            "dimension": [f"D{i}" for i in range(n)],
            "n_respondents": [40] * n,
            "n_items": [4] * n,
            "alpha": alphas,
            "ci95_low": [a - 0.2 for a in alphas],
            "ci95_high": [a + 0.1 for a in alphas],
            "suppressed": suppressed or [False] * n,
        }
    )


def test_reliability_all_dimensions_reliable():
    table = _alpha([0.71, 0.85, 0.9], waves=[2020, 2022, 2022])
    found = survey_findings(_ranked().iloc[0:0], _across(), _tests([], []), reliability=table)
    (finding,) = [f for f in found if f.key == "reliability"]
    assert finding.sentence == (
        "Påståendena inom varje dimension hänger ihop: Cronbachs α är 0,71–0,90 per roll och "
        "dimension (2020 och 2022), minst 0,6 överallt, så dimensionernas medelvärden kan "
        "användas."
    )
    assert finding.values["n_unreliable"] == 0 and finding.values["waves"] == [2020, 2022]


def test_reliability_low_alpha_is_flagged_per_dimension_and_wave():
    # D0 is low, D1 fine, D2 low but suppressed (not shown, not flagged)
    table = _alpha([0.32, 0.8, 0.1], suppressed=[False, False, True])
    found = survey_findings(
        _ranked().iloc[0:0], _across(), _tests([], []), reliability=table, codebook=CODEBOOK
    )
    flagged = [f for f in found if f.key == "unreliable_dimension"]
    assert [f.values["dimension"] for f in flagged] == ["D0"]
    assert not [f for f in found if f.key == "reliability"]
    assert flagged[0].sentence == (
        "Påståendena i D0 mäter inte samma sak för cheferna i 2022 (Cronbachs α = 0,32, "
        "95 % KI 0,12–0,42, under 0,6), så dimensionens medelvärde är inte tillförlitligt och "
        "markeras så i tabeller och figurer."
    )
    en = survey_findings(
        _ranked().iloc[0:0], _across(), _tests([], []), reliability=table, lang="en"
    )
    assert "do not measure the same thing for chef in 2022 (Cronbach's α = 0.32" in en[-1].sentence
    # nothing published: no sentence
    hidden = _alpha([0.3], suppressed=[True])
    assert not [
        f
        for f in survey_findings(_ranked().iloc[0:0], _across(), _tests([], []), reliability=hidden)
        if f.key in ("reliability", "unreliable_dimension")
    ]


def _incoherent_survey(tmp_path):
    """One wave: 17 managers whose three Styrning statements contradict each other (alpha far
    below 0.6) and 6 IT-chefs whose two Teknik statements agree."""
    from maturity.io.codebook import read_codebook
    from maturity.io.survey import read_survey
    from tests._workbooks import write_codebook, write_rows

    write_codebook(tmp_path / "kodbok.xlsx")
    rng = np.random.default_rng(4)
    rows = [["Respondent", "Kommun", "Roll", "F1", "F2", "F3", "I1", "I2"]]
    for i in range(17):  # 7 in Åmål and Tanum, 3 in SML-IT (suppressed)
        x = int(rng.integers(1, 6))
        org = "SML-IT" if i >= 14 else ["Åmål", "Tanum"][i % 2]
        # F2 scores 6 − x; F3 (reverse-keyed: score = 6 − raw) scores a random step
        rows.append([f"M{i}", org, "förvaltningschef", x, 6 - x])
        rows[-1] += [int(rng.integers(1, 6)), None, None]
    for i, (x, y) in enumerate([(1, 1), (2, 2), (3, 4), (4, 4), (5, 5), (2, 3)]):
        rows.append([f"IT{i}", "Tanum", "IT-chef", None, None, None, x, y])
    write_rows(tmp_path / "enkat_2022.xlsx", {"Svar": rows})
    codebook = read_codebook(tmp_path / "kodbok.xlsx")
    return read_survey([tmp_path / "enkat_2022.xlsx"], codebook)


def test_an_unreliable_dimension_is_flagged_in_tables_findings_and_figures(tmp_path):
    from maturity.sections.survey import survey_section

    section = survey_section(_incoherent_survey(tmp_path))
    dims = section.tables["survey_dimensions"].set_index("role")
    assert dims.loc["förvaltningschef", "alpha"] < 0.6
    assert not dims.loc["förvaltningschef", "reliable"] and dims.loc["IT-chef", "reliable"]
    assert dims.loc["förvaltningschef", "n_alpha"] == 17
    alpha = section.tables["survey_alpha"].set_index("role")
    assert alpha.loc["förvaltningschef", "alpha"] == dims.loc["förvaltningschef", "alpha"]
    assert (
        alpha.loc["förvaltningschef", "ci95_low"],
        alpha.loc["förvaltningschef", "ci95_high"],
    ) == tuple(dims.loc["förvaltningschef", ["alpha_low", "alpha_high"]])
    # the roles share no dimension here: nothing compared, the columns are there all the same
    assert {"alpha_1", "reliable_2"} <= set(section.tables["survey_role_gap"].columns)
    flagged = [f for f in section.findings if f.key == "unreliable_dimension"]
    assert [f.values["dimension"] for f in flagged] == ["Styrning"]
    shown = text.number(dims.loc["förvaltningschef", "alpha"], "sv", digits=2)
    assert (
        f"Påståendena i Styrning mäter inte samma sak för förvaltningschef i 2022 (Cronbachs α = {shown}"
        in flagged[0].sentence
    )
    # the figures of dimension scores carry alpha in their labels, the low one marked
    heatmap = section.figures["enkat_organisationer"].args[0]
    labels = set(heatmap["dimension"])
    # one label per role and dimension, suppressed organisations (no statistics) included
    assert heatmap.groupby("role")["dimension"].nunique().max() == 1
    assert section.tables["survey_organisations"]["suppressed"].any()
    hidden = section.tables["survey_organisations"].query("suppressed")
    assert hidden[["alpha", "n_alpha", "reliable"]].isna().all().all()
    assert f"Styrning (α\u00a0=\u00a0{shown}, ej\u00a0tillförlitlig)" in labels
    teknik = text.number(dims.loc["IT-chef", "alpha"], "sv", digits=2)
    assert f"Teknik (α\u00a0=\u00a0{teknik})" in labels


def test_role_gap_change_and_suppression():
    gaps = pd.DataFrame(
        {
            "dimension": ["Teknik", "Styrning"],
            "role_1": ["chef", "chef"],
            "role_2": ["it", "it"],
            "mean_1": [3.4, 3.0],
            "mean_2": [3.8, 3.1],
            "difference": [-0.4, -0.1],
            "p_holm": [0.0004, 0.5],
            "suppressed": [False, False],
        }
    )
    changed = pd.DataFrame(
        {
            "role": ["chef"],
            "statement": ["S1"],
            "text": ["Vi mäter"],
            "from_wave": [2020],
            "to_wave": [2022],
            "mean_from": [3.1],
            "mean_to": [2.9],
            "difference": [-0.2],
            "suppressed": [False],
        }
    )
    per_org = pd.DataFrame(
        {
            "organisation": ["A", "A", "B", "B"],
            "role": ["chef", "it", "chef", "it"],
            "n_respondents": [6, 1, 4, 1],
            "suppressed": [False, True, True, True],
        }
    )
    found = survey_findings(
        _ranked().iloc[0:0],
        _across(),
        _midpoints(True).iloc[0:0],
        role_gaps=gaps,
        changed=changed,
        by_organisation=per_org,
        min_n=5,
        codebook=SAME,
    )
    assert [f.key for f in found] == ["role_gap", "largest_change", "suppression"]
    assert found[0].sentence == (
        "Störst skillnad mellan rollerna finns inom Teknik: cheferna "
        "3,4 mot IT-cheferna 3,8 (skillnad 0,4; p < 0,001 efter "
        "Holm-korrigering)."
    )
    assert found[1].sentence.endswith("från 3,1 till 2,9 (−0,2).")
    assert found[2].sentence == (
        "Grupper med färre än 5 svarande redovisas inte: 3 av 4 grupper "
        "i redovisningen per organisation är undertryckta (IT-cheferna "
        "är färre än 5 i varje organisation, så deras svar redovisas "
        "aldrig per organisation)."
    )
    assert found[2].values["roles_never_shown"] == ["it"]
    shown = survey_findings(
        _ranked().iloc[0:0],
        _across(),
        _midpoints(True).iloc[0:0],
        by_organisation=per_org.assign(suppressed=False),
    )
    assert shown[0].sentence.endswith(
        "0 av 4 grupper i redovisningen per organisation är undertryckta."
    )


def _gaps(dimension="Teknik", suppressed=False):
    return pd.DataFrame(
        {
            "dimension": [dimension],
            "role_1": ["chef"],
            "role_2": ["it"],
            "mean_1": [3.4],
            "mean_2": [3.8],
            "difference": [-0.4],
            "p_holm": [0.029],
            "suppressed": [suppressed],
        }
    )


def test_role_gap_over_different_statements_and_no_comparison():
    none = _ranked().iloc[0:0], _across(), _tests([], [])
    found = survey_findings(*none, role_gaps=_gaps("Data"), codebook=SAME)
    assert found[0].sentence == (
        "Störst skillnad mellan rollerna finns inom Data: cheferna 3,4 mot IT-cheferna 3,8 "
        "(skillnad 0,4; p = 0,029 efter Holm-korrigering). Jämförelsen gäller dimensionspoäng "
        "över olika påståenden: rollerna svarar inte på samma påståenden inom Data."
    )
    assert found[0].values["same_statements"] is False
    # without a codebook nothing says the statements are the same
    en = survey_findings(*none, role_gaps=_gaps(), lang="en")
    assert en[0].sentence.endswith(
        "This compares dimension scores over different statements: the roles do not answer "
        "the same statements in Teknik."
    )
    empty = survey_findings(*none, role_gaps=_gaps().iloc[0:0], codebook=SAME)
    assert empty[0].sentence == (
        "Rollerna kan inte jämföras: de har inga gemensamma påståenden eller dimensioner."
    )
    hidden = survey_findings(*none, role_gaps=_gaps(suppressed=True), lang="en")
    assert hidden[0].sentence.startswith("The roles are not compared: in every comparison")
    assert [f.key for f in empty + hidden] == ["role_gap", "role_gap"]


def _parallel(n_it: int = 8):
    """Chefs answer F1, F2; IT-chefs answer I1, I2; the codebook pairs F1·I1 and F2·I2."""
    from maturity.codebook import Codebook

    statements = pd.DataFrame(
        {
            "statement": ["F1", "F2", "I1", "I2"],
            "text": ["f1", "f2", "i1", "i2"],
            "role": ["chef", "chef", "it", "it"],
            "dimension": ["D", "E", "D", "E"],
            "parallel": ["I1", "I2", "F1", "F2"],
        }
    )
    cb = Codebook.from_frames(
        statements, pd.DataFrame({"label": list("12345"), "value": range(1, 6)})
    )
    f1, f2 = [4.0, 5, 4, 5, 4, 4, 5, 4], [3.0, 3, 4, 3, 3, 2, 3, 3]
    i1, i2 = [2.0, 3, 2, 3, 2, 2, 3, 2][:n_it], [3.0, 3, 3, 4, 3, 3, 2, 3][:n_it]
    rows = [
        (role, f"{role}{i}", s, v)
        for role, s, values in (
            ("chef", "F1", f1),
            ("chef", "F2", f2),
            ("it", "I1", i1),
            ("it", "I2", i2),
        )
        for i, v in enumerate(values)
    ]
    r = pd.DataFrame(rows, columns=["role", "respondent", "statement", "score"]).assign(wave=2024)
    return r, cb


def test_roles_compared_on_parallel_statements_and_why_not():
    from scipy import stats as sps

    from maturity import stats as ms

    none = _ranked().iloc[0:0], _across(), _tests([], [])
    r, cb = _parallel()
    pairs = ms.compare_parallel(r, codebook=cb, roles=("chef", "it"))
    found = survey_findings(*none, role_gaps=_gaps("D"), role_pairs=pairs, codebook=cb)
    p = sps.mannwhitneyu([4.0, 5, 4, 5, 4, 4, 5, 4], [2.0, 3, 2, 3, 2, 2, 3, 2]).pvalue
    assert pairs["p"].iloc[0] == pytest.approx(p, rel=1e-12)
    assert found[0].sentence == (
        "Rollerna jämförs på jämförbara påståenden, som kodboken anger som parallella (F1 och "
        "I1, F2 och I2). Störst skillnad gäller F1 och I1: chef 4,4 mot it 2,4 "
        "(skillnad 2,0; p = 0,001 efter Holm-korrigering över 2 par)."
    )
    assert found[0].values["pairs"] == ["F1 · I1", "F2 · I2"]
    en = survey_findings(*none, role_pairs=pairs, codebook=cb, lang="en")
    assert en[0].sentence.startswith("The roles are compared on parallel statements")
    few = ms.compare_parallel(_parallel(n_it=3)[0], codebook=cb, roles=("chef", "it"))
    hidden = survey_findings(*none, role_pairs=few, codebook=cb)
    assert hidden[0].sentence == (
        "Rollerna jämförs inte på de jämförbara påståendena (F1 och I1, F2 och I2): i varje "
        "par har en roll för få svarande för att redovisas."
    )
    unanswered = ms.compare_parallel(r[r["role"] == "chef"], codebook=cb, roles=("chef", "it"))
    nothing = survey_findings(*none, role_pairs=unanswered, codebook=cb, lang="en")
    assert nothing[0].sentence == (
        "The roles are not compared on the parallel statements (F1 and I1, F2 and I2): no pair "
        "has answers from both roles."
    )
    assert [f.key for f in found + hidden + nothing] == ["role_gap"] * 3


def test_roles_hidden_by_secondary_suppression_are_not_called_few():
    per_org = pd.DataFrame(
        {
            "organisation": ["A", "A", "B", "B"],
            "role": ["chef", "rektor", "chef", "rektor"],
            "n_respondents": [6, 7, 9, 2],
            "suppressed": [False, True, False, True],
        }
    )
    found = survey_findings(
        _ranked().iloc[0:0], _across(), _tests([], []), by_organisation=per_org, min_n=5
    )
    assert found[0].sentence == (
        "Grupper med färre än 5 svarande redovisas inte: 2 av 4 grupper i redovisningen per "
        "organisation är undertryckta (rektor redovisas inte i någon organisation)."
    )
    en = survey_findings(
        _ranked().iloc[0:0], _across(), _tests([], []), by_organisation=per_org, lang="en"
    )
    assert en[0].sentence.endswith("(rektor are not shown for any organisation).")


def test_one_role_one_wave_and_three_waves():
    # one role with another name, one wave: no role gap, no change sentence
    statements = _statements([2.0, 3.0, 4.0], role="rektor")
    tests = _tests([2.0, 3.0, 4.0], [0.01, 1.0, 0.01], role="rektor")
    found = survey_findings(statements, _across(), tests)
    assert [f.key for f in found] == ["lowest_statement", "highest_statement", "midpoint"]
    assert found[0].sentence.startswith("Rektor ger lägst medelvärde, 2,0")
    assert found[2].sentence.startswith(
        "Av rektors 3 medelvärden är 1 över mittpunkten, 1 under mittpunkten och 1 inte "
        "säkert skilda från mittpunkten"
    )
    # three waves: the change runs from the first to the latest
    changed = pd.DataFrame(
        {
            "role": "rektor",
            "statement": ["S1", "S2"],
            "text": ["Vi mäter", "Vi driftar"],
            "from_wave": 2019,
            "to_wave": 2023,
            "mean_from": [2.5, 3.0],
            "mean_to": [3.1, 3.2],
            "difference": [0.6, 0.2],
            "suppressed": False,
        }
    )
    found = survey_findings(statements, _across(), tests, changed=changed, lang="en")
    assert found[-1].sentence == (
        "Between 2019 and 2023 “Vi mäter” rose most, from 2.5 to 3.1 (+0.6)."
    )
    # 3.47 → 3.73 reads "3,5 till 3,7 (+0,3)" with one decimal: two decimals then
    uneven = changed.assign(mean_from=[3.466, 3.0], mean_to=[3.733, 3.2], difference=[0.267, 0.2])
    assert survey_findings(statements, _across(), tests, changed=uneven)[-1].sentence == (
        "Mellan 2019 och 2023 ökade ”Vi mäter” mest, från 3,47 till 3,73 (+0,27)."
    )
    assert survey_findings(statements, _across(), tests, changed=changed.iloc[0:0])[-1].key == (
        "midpoint"
    )


# -- capability -------------------------------------------------------------------------------
def _capability(means, targets, *, levels=(1, 2, 3, 4, 5), floor=2.0):
    caps = pd.DataFrame(
        {
            "wave": "2024",
            "goal": "G",
            "capability": [f"C{i}" for i in range(len(means))],
            "mean": means,
            "target": targets,
            "n": 3,
        }
    )
    caps["gap"] = caps["mean"] - caps["target"]
    caps["substandard"] = caps["mean"] < floor
    goals = pd.DataFrame({"wave": "2024", "goal": ["G1", "G2"], "mean": [3.5, 2.5]})
    orgs = pd.DataFrame({"wave": "2024", "organisation": ["A", "B", "C"], "mean": [2.4, 3.5, 3.0]})
    summary = types.SimpleNamespace(
        capabilities=caps, goals=goals, organisations=orgs, lowest_acceptable=floor
    )
    rows = [
        (org, c, lvl)
        for org, shift in (("A", 0), ("B", 1), ("C", 0))
        for c, lvl in zip(caps["capability"], [round(m) + shift for m in means], strict=True)
    ]
    assessments = pd.DataFrame(rows, columns=["organisation", "capability", "level"]).assign(
        wave="2024"
    )
    scale = pd.DataFrame({"level": list(levels), "label": [f"L{x}" for x in levels]})
    return summary, assessments, scale


def test_capability_substandard_branches():
    none = capability_findings(*_capability([3.0, 4.0], [3, 3]))
    assert none[0].sentence == (
        "Ingen förmåga har ett undermåligt medelvärde: alla ligger på "
        "eller över lägsta godtagbara nivå 2 (L2)."
    )
    one = capability_findings(*_capability([1.5, 3.0, 4.0], [3, 3, 3]), lang="en")
    assert one[0].sentence == (
        "Only one capability, C0, has a substandard mean: 1.5, below the "
        "lowest acceptable level 2 (L2)."
    )
    assert one[1].sentence.startswith("Beyond C0, the organisations are weakest at C1: mean 3.0")
    many = capability_findings(*_capability([1.5, 1.0, 4.0], [3, 3, 3]))
    assert many[0].sentence == (
        "2 förmågor har ett undermåligt medelvärde, under lägsta "
        "godtagbara nivå 2 (L2): C1 (1,0) och C0 (1,5)."
    )


def test_capability_other_findings():
    found = {f.key: f for f in capability_findings(*_capability([3.0, 4.0], [3, 5]))}
    assert list(found) == [
        "substandard",
        "weakest",
        "strongest",
        "below_target",
        "goals",
        "organisations",
    ]
    assert found["weakest"].sentence.startswith(
        "Organisationerna är svagast på C0: medelvärde 3,0 mot målnivån 3;"
    )
    assert found["strongest"].values["n_organisations"] == 3
    assert found["below_target"].sentence == (
        "1 av 2 förmågor har ett medelvärde under målnivån; störst är gapet för C1 (−1,0)."
    )
    assert found["goals"].sentence == "Av målen ligger G1 högst (medel 3,5) och G2 lägst (2,5)."
    assert found["organisations"].sentence == (
        "Organisationernas medelnivå varierar från 2,4 (A) till 3,5 (B)."
    )
    on_target = capability_findings(*_capability([3.0, 4.0], [3, 4]))
    assert on_target[3].sentence == "0 av 2 förmågor har ett medelvärde under målnivån."


def test_capability_fractional_level_follows_the_language():
    summary, assessments, scale = _capability([3.0, 4.0], [2.5, 3])
    found = {f.key: f for f in capability_findings(summary, assessments, scale, lang="en")}
    assert "target level 2.5" in found["weakest"].sentence


def test_capability_ties_are_named_and_equal_ranges_said():
    # two capabilities share the weakest mean and two the strongest (as shown)
    summary, assessments, scale = _capability([3.0, 3.04, 4.0, 3.96], [4, 4, 5, 5])
    found = {f.key: f for f in capability_findings(summary, assessments, scale)}
    cells = assessments.groupby("capability")["level"]
    below = {c: int((cells.get_group(c) < 4).sum()) for c in ("C0", "C1")}
    assert found["weakest"].sentence == (
        "Organisationerna är svagast på 2 förmågor med samma medelvärde, 3,0 (som det visas): "
        f"C0 (målnivå 4; {below['C0']} av 3 organisationer under målnivån) och C1 (målnivå 4; "
        f"{below['C1']} av 3 organisationer under målnivån)."
    )
    assert found["weakest"].values["capabilities"] == ["C0", "C1"]
    assert found["strongest"].sentence.startswith(
        "Starkast är 2 förmågor med samma medelvärde, 4,0 (som det visas): C2 (målnivå 5; "
        "högsta nivån för"
    )
    # every gap is −1,0: the widest gap names all four
    assert found["below_target"].sentence.endswith(
        "störst är gapet för C3, C0, C2 och C1, lika som de visas (−1,0)."  # widest first
    )
    summary.goals = summary.goals.assign(mean=[3.0, 3.0])
    summary.organisations = summary.organisations.assign(mean=[2.5, 3.0, 2.5])
    en = {f.key: f for f in capability_findings(summary, assessments, scale, lang="en")}
    assert en["goals"].sentence == "All 2 goals have the same mean level, 3.0 (as shown)."
    assert en["organisations"].sentence == (
        "The organisations' mean level ranges from 2.5 (A and C, equal as shown) to 3.0 (B)."
    )
    summary.organisations = summary.organisations.assign(mean=3.0)
    sv = {f.key: f for f in capability_findings(summary, assessments, scale)}
    assert sv["organisations"].sentence == (
        "Alla 3 organisationer har samma medelnivå, 3,0 (som den visas)."
    )
    # ties beyond a substandard capability; English tie sentences
    beyond = capability_findings(*_capability([1.5, 3.0, 3.0, 4.0], [3, 3, 3, 5]), lang="en")
    assert beyond[1].sentence.startswith(
        "Beyond C0, the organisations are weakest at 2 capabilities with the same mean, 3.0 "
        "(as shown): C1 (target level 3; "
    )
    sv_beyond = capability_findings(*_capability([1.5, 3.0, 3.0, 4.0], [3, 3, 3, 5]))
    assert sv_beyond[1].sentence.startswith("Utöver C0 är organisationerna svagast på 2 förmågor")
    strong_en = capability_findings(*_capability([3.0, 4.0, 4.0], [3, 4, 4]), lang="en")
    assert strong_en[2].sentence.startswith(
        "Strongest are 2 capabilities with the same mean, 4.0 (as shown): C1 (target level 4; "
        "the highest level of 3 of 3 organisations)"
    )


# -- risk -------------------------------------------------------------------------------------
def _risk(n_meetings=2, wrong=1):
    dates = pd.to_datetime(["2020-03-05", "2020-09-17"][-n_meetings:])
    latest = dates[-1]
    ranked = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": date,
                    "rank": [1, 2],
                    "risk_id": ["R2", "R10"],
                    "threat": ["Kompetens", ""],
                    "probability": [4, 4],
                    "impact": [5, 4],
                    "score": [20, 16],
                    "level": ["critical", "high"],
                }
            )
            for date in dates
        ],
        ignore_index=True,
    )
    levels = pd.DataFrame(
        {"date": latest, "level": ["low", "medium", "high", "critical"], "n": [0, 0, 1, 1]}
    )
    meetings = pd.DataFrame({"date": dates, "n_risks": [2] * len(dates)})
    trend = pd.DataFrame(
        {
            "date": latest,
            "risk_id": ["R2", "R10", "R1"],
            "change": ["raised", "raised", "unchanged"],
        }
    )
    summary = types.SimpleNamespace(ranked=ranked, levels=levels, meetings=meetings, trend=trend)
    risks = pd.DataFrame(
        {
            "risk_id": ["R2", "R10", "R3"],
            "date": latest,
            "typed_score": [20.0, 16.0, 15.0],
            "score": [20, 16, 12],
            "probability": [4, 4, 3],
            "impact": [5, 4, 4],
        }
    )
    if wrong == 0:
        risks["typed_score"] = risks["score"].astype(float)
    return summary, risks


def test_risk_findings_swedish():
    found = {f.key: f for f in risk_findings(*_risk())}
    assert list(found) == ["top_risks", "levels", "changes", "wrong_scores"]
    assert found["top_risks"].sentence == (
        "Vid det senaste mötet, 2020-09-17, är de högsta "
        "riskerna Kompetens (R2, R = 20, kritisk) och R10 "
        "(R = 16, hög)."
    )
    assert found["levels"].sentence == (
        "Vid mötet 2020-09-17 fanns 2 risker, per nivå kritisk 1, hög 1, medel 0 och låg 0."
    )
    assert found["changes"].sentence == (
        "Sedan mötet 2020-03-05 har 2 risker höjts (R2, R10); 1 är oförändrade."
    )
    assert found["wrong_scores"].sentence.startswith(
        "Ett ifyllt R av 3 stämmer inte med S × K: R3 vid mötet 2020-09-17 (ifyllt R = 15,"
    )


def test_risk_findings_english_one_meeting_and_no_wrong_scores():
    found = {f.key: f for f in risk_findings(*_risk(n_meetings=1, wrong=0), top=1, lang="en")}
    assert "changes" not in found
    assert found["top_risks"].sentence == (
        "At the latest meeting, 2020-09-17, the highest risk is Kompetens (R2, R = 20, critical)."
    )
    assert found["wrong_scores"].sentence == "All 3 typed R values agree with S × K."
    empty = types.SimpleNamespace(ranked=pd.DataFrame(columns=["date", "score"]))
    assert risk_findings(empty, pd.DataFrame()) == []


# -- action plan ------------------------------------------------------------------------------
def test_risk_top_ties_changes_and_several_wrong_scores():
    summary, risks = _risk()
    latest = pd.Timestamp("2020-09-17")
    top = pd.DataFrame(
        {
            "date": latest,
            "rank": [1, 2, 2, 2, 5],
            "risk_id": ["R1", "R2", "R3", "R4", "R5"],
            "threat": "",
            "probability": 4,
            "impact": [5, 4, 4, 4, 3],
            "score": [20, 16, 16, 16, 12],
            "level": ["critical", "high", "high", "high", "high"],
        }
    )
    summary.ranked = pd.concat([top.assign(date=pd.Timestamp("2020-03-05")), top])
    summary.trend = pd.DataFrame(
        {
            "date": latest,
            "risk_id": ["R1", "R2", "R3", "R4", "R5"],
            "change": ["lowered", "new", "closed", "unchanged", "lowered"],
        }
    )
    risks["typed_score"] = [21.0, 17.0, 12.0]
    found = {f.key: f for f in risk_findings(summary, risks, top=3)}
    # the third highest (16) is shared by R2, R3 and R4: all are named
    assert found["top_risks"].sentence == (
        "Vid det senaste mötet, 2020-09-17, är de högsta riskerna R1 (R = 20, kritisk), "
        "R2 (R = 16, hög), R3 (R = 16, hög) och R4 (R = 16, hög)."
    )
    assert found["changes"].sentence == (
        "Sedan mötet 2020-03-05 har 2 risker sänkts (R1, R5), 1 tillkommit (R2) och 1 stängts "
        "(R3); 1 är oförändrade."
    )
    wrong = int((risks["typed_score"] != risks["score"]).sum())
    assert found["wrong_scores"].sentence.startswith(
        f"{wrong} ifyllda R av 3 stämmer inte med S × K: R2 vid mötet 2020-09-17 (ifyllt R = 21"
    )
    assert found["wrong_scores"].sentence.endswith("de beräknade värdena används.")
    # one risk raised of one, and a meeting with nothing changed
    summary.trend = summary.trend.assign(change="unchanged")
    en = {f.key: f for f in risk_findings(summary, risks, lang="en")}
    assert en["changes"].sentence == "Since the meeting 2020-03-05 all 5 risks are unchanged."
    summary.trend = pd.DataFrame({"date": latest, "risk_id": ["R1"], "change": ["raised"]})
    one = {f.key: f for f in risk_findings(summary, risks)}
    assert one["changes"].sentence.startswith("Sedan mötet 2020-03-05 har 1 risk höjts (R1)")


def _years(allocated=(5e6, np.nan), cancelled=(1, 0)):
    return types.SimpleNamespace(
        years=pd.DataFrame(
            {
                "year": [2018, 2019],
                "n_activities": [13, 4],
                "n_done": [8, 2],
                "n_delayed": [2, 1],
                "n_cancelled": list(cancelled),
                "share_done": [8 / 12, 0.5],
                "n_carried_over": [4, 1],
                "allocated": list(allocated),
                "budgeted": [4e6, 1e6],
                "spent": [3.6e6, 0.5e6],
                "utilisation": [0.72, np.nan],
                "spent_of_budgeted": [0.9, 0.5],
            }
        )
    )


def test_actionplan_findings():
    found = {f.key: f for f in actionplan_findings(_years())}
    assert found["share_done"].sentence == (
        "Andel genomförda aktiviteter per år – 2018: "
        "67\u00a0% (8 av 12) och 2019: 50\u00a0% (2 av 4). "
        "Strukna aktiviteter (1) räknas inte med."
    )
    assert found["budget_use"].sentence == (
        "Utfall mot anslag per år – 2018: 3,6 Mkr av 5,0 Mkr (72\u00a0%)."
    )
    assert found["carried_over"].sentence == (
        "Aktiviteter som försenats eller förts över till "
        "ett senare år – 2018: 4 av 13 och 2019: 1 av 4."
    )
    english = {
        f.key: f
        for f in actionplan_findings(
            _years(allocated=(np.nan, np.nan), cancelled=(0, 0)), lang="en"
        )
    }
    assert english["share_done"].sentence.endswith("2019: 50% (2 of 4).")
    assert english["budget_use"].sentence.startswith(
        "Spent against budget by year – 2018: SEK 3.6m of SEK 4.0m (90%)"
    )
    assert english["budget_use"].values["basis"] == "budgeted"
    assert (
        actionplan_findings(types.SimpleNamespace(years=_years().years.assign(n_activities=0)))
        == []
    )


def test_finding_helpers():
    found = [Finding("risk", "a", "En."), Finding("risk", "b", "Två.")]
    section = types.SimpleNamespace(findings=found)
    assert key_findings([section, section]) == found * 2
    assert findings_table(found)["key"].tolist() == ["a", "b"]


def test_suppression_note_states_the_reports_one_ratio():
    from maturity.privacy import suppress, suppression_ratio

    per_org = pd.DataFrame(
        {
            "organisation": ["A", "A", "B", "B", "C", "C"],
            "role": ["chef", "it", "chef", "it", "chef", "it"],
            "n_respondents": [6, 1, 7, 1, 2, 1],
            "mean": [3.0, 4.0, 3.5, 2.0, 4.5, 3.0],
        }
    )
    published = suppress(per_org, min_n=5, margins=["organisation"])
    ratio = suppression_ratio({"per_org": published}, min_n=5)
    assert (ratio.groups, ratio.primary) == (6, 4)
    found = survey_findings(
        _ranked().iloc[0:0],
        _across(),
        _tests([], []),
        by_organisation=published,
        suppression=ratio,
        min_n=5,
    )
    sentence, values = found[0].sentence, found[0].values
    assert sentence.startswith(
        f"Grupper med färre än 5 personer redovisas inte: {ratio.suppressed} av 6 redovisade "
        f"grupper är undertryckta ({ratio.primary} har färre än 5 personer och "
        f"{ratio.secondary} är dolda sekundärt)"
    )
    assert values["suppressed"] == ratio.suppressed == ratio.primary + ratio.secondary
    english = survey_findings(
        _ranked().iloc[0:0],
        _across(),
        _tests([], []),
        by_organisation=published,
        suppression=ratio,
        lang="en",
    )
    assert f"{ratio.suppressed} of 6 published groups are suppressed" in english[0].sentence


def test_zz_every_findings_key_is_rendered_by_these_tests():
    """Runs last in this module: every sentence template of the findings (every
    ``findings.*`` key of the text catalogue) was rendered by a test above."""
    keys = {key for key in text.WORDS if key.startswith("findings.")}
    missing = sorted(keys - RENDERED)
    assert not missing, f"findings keys no test renders: {missing}"


def test_latest_wave_sentences_name_their_wave():
    tests = _tests(
        [2.504, 2.496, 3.5, 1.0], [0.01, 0.01, 0.01, 0.001], suppressed=[False] * 3 + [True]
    )
    plain = survey_findings(_ranked().iloc[0:0], _across(), tests, codebook=CODEBOOK, lang="en")
    named = survey_findings(
        _ranked().iloc[0:0], _across(), tests, wave=2022, codebook=CODEBOOK, lang="en"
    )
    assert [f.sentence for f in named] == [f"Survey 2022: {f.sentence}" for f in plain]
    swedish = survey_findings(_ranked().iloc[0:0], _across(), tests, wave=2022, codebook=CODEBOOK)
    assert swedish[0].sentence.startswith("Enkäten 2022: Av ")


def test_the_survey_section_compares_roles_on_parallel_statements(tmp_path):
    """A codebook declaring F1 ~ I1 and F2 ~ I2 (I2 on the IT-chef's side only): the section
    publishes the pairs table, the sentence names the pairs, the figure draws them."""
    from maturity.io.codebook import read_codebook
    from maturity.io.survey import read_survey
    from maturity.sections.survey import survey_section
    from tests._workbooks import STATEMENTS, write_codebook, write_rows

    parallel = STATEMENTS.assign(parallel=["I1", None, None, None, "F2"])
    write_codebook(tmp_path / "kodbok.xlsx", statements=parallel, parallel_header="motsvarar")
    rows = [["Respondent", "Kommun", "Roll", "F1", "F2", "F3", "I1", "I2"]]
    for i in range(8):
        rows.append([f"M{i}", "Åmål", "förvaltningschef", 4 + i % 2, 3, 2, None, None])
    for i in range(6):
        rows.append([f"IT{i}", "Tanum", "IT-chef", None, None, None, 2 + i % 2, 4])
    write_rows(tmp_path / "enkat_2022.xlsx", {"Svar": rows})
    section = survey_section(
        read_survey([tmp_path / "enkat_2022.xlsx"], read_codebook(tmp_path / "kodbok.xlsx"))
    )
    pairs = section.tables["survey_role_pairs"]
    assert pairs["pair"].tolist() == ["F1 · I1", "F2 · I2"]
    assert pairs["mean_1"].tolist() == [4.5, 3.0] and pairs["mean_2"].tolist() == [2.5, 4.0]
    found = next(f for f in section.findings if f.key == "role_gap")
    assert found.sentence.startswith(
        "Enkäten 2022: Rollerna jämförs på jämförbara påståenden, som kodboken anger som "
        "parallella (F1 och "
        "I1, F2 och I2). Störst skillnad gäller F1 och I1"
    )
    figure = section.figures["enkat_roller"]
    assert figure.kwargs["parallel_statements"] and "jämförbara" in figure.caption
    drawn = figure()
    labels = [ax.get_xlabel() for ax in drawn.axes]
    assert any("Jämförbara påståenden: varje rad" in label for label in labels)
