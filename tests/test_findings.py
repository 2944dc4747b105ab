"""Findings branch by branch, on small generated tables (not on the demo's numbers)."""

import types

import numpy as np
import pandas as pd

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


def _midpoints(all_above):
    return pd.DataFrame(
        {
            "role": ["it"],
            "midpoint": [3.0],
            "n_statements": [30],
            "n_suppressed": [2],
            "n_above": [28 if all_above else 25],
            "all_above": [all_above],
            "lowest_statement": ["S1"],
            "lowest_text": ["Vi mäter"],
            "lowest_mean": [3.07],
        }
    )


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
        "IT-chefernas medelvärden ligger över skalans mittpunkt "
        "3,0 för samtliga 28 påståenden; lägst är ”Vi mäter” med "
        "3,07."
    )
    some = survey_findings(
        _ranked().iloc[0:0], _across(), _midpoints(False), codebook=CODEBOOK, lang="en"
    )
    assert some[0].sentence.startswith("25 of 28 of the means of the IT managers are above")


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
        codebook=CODEBOOK,
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
