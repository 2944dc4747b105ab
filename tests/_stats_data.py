"""Test data for the statistics: pingouin's reference dataset and random responses."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from maturity.codebook import Codebook

# pingouin.read_dataset("cronbach_wide_missing") (pingouin/datasets/cronbach_wide_missing.csv,
# a binary questionnaire from real-statistics.com). pingouin's documented results:
#   cronbach_alpha(data)                        -> (0.732660835214447, [0.435, 0.909])
#   cronbach_alpha(data, nan_policy="listwise") -> (0.8016949152542373, [0.581, 0.933])
CRONBACH_WIDE_MISSING = pd.read_csv(
    io.StringIO("""\
Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,Q10,Q11
1.0,1,1.0,1,1.0,1,1,1,1.0,1,1
1.0,1,1.0,1,1.0,1,1,1,0.0,1,0
,0,1.0,1,,1,1,1,1.0,0,0
1.0,1,1.0,0,1.0,1,0,1,1.0,0,0
1.0,1,1.0,1,1.0,0,0,0,1.0,0,0
0.0,1,,0,1.0,1,1,1,0.0,0,0
1.0,1,1.0,1,0.0,0,1,0,0.0,0,0
1.0,1,1.0,1,1.0,0,0,0,0.0,0,0
0.0,1,0.0,1,1.0,0,0,0,0.0,1,0
1.0,0,0.0,1,0.0,1,0,0,,0,0
1.0,1,1.0,0,0.0,0,0,0,0.0,0,0
1.0,0,0.0,1,0.0,0,0,0,0.0,0,0
""")
)


def wide_to_responses(wide: pd.DataFrame, role: str = "chef", dimension: str = "D") -> pd.DataFrame:
    """A respondents × items table as tidy ``responses``."""
    long = (
        wide.rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="statement", value_name="score")
    )
    long["respondent"] = "R" + long["respondent"].astype(str)
    long["score"] = long["score"].astype(float)
    long["answer"] = np.where(long["score"].isna(), "", long["score"].astype(str))
    return long.assign(wave=2020, organisation="Org", role=role, dimension=dimension, source="test")


def codebook(statements: list[str], roles: list[str], dimensions: list[str]) -> Codebook:
    """A codebook on the 1–5 scale with a "Vet ej" label."""
    return Codebook.from_frames(
        statements=pd.DataFrame(
            {
                "statement": statements,
                "text": [f"Text of {s}" for s in statements],
                "role": roles,
                "dimension": dimensions,
            }
        ),
        scale=pd.DataFrame(
            {"label": ["1", "2", "3", "4", "5", "Vet ej"], "value": [1, 2, 3, 4, 5, None]}
        ),
    )


def random_responses(
    seed: int = 0,
    n_organisations: int = 6,
    n_respondents: int = 80,
    n_statements: int = 6,
    dont_know: float = 0.1,
    blank: float = 0.03,
    categorical: bool = False,
    waves: tuple[int, ...] = (2020,),
) -> pd.DataFrame:
    """Random tidy responses: two roles answering all statements, scores 1–5."""
    rng = np.random.default_rng(seed)
    frames = []
    for wave in waves:
        org = rng.integers(0, n_organisations, n_respondents)
        role = np.where(rng.random(n_respondents) < 0.3, "IT-chef", "förvaltningschef")
        for s in range(n_statements):
            score = rng.integers(1, 6, n_respondents).astype(float)
            u = rng.random(n_respondents)
            answer = score.astype(int).astype(str).astype(object)
            answer[u < dont_know] = "Vet ej"
            answer[(u >= dont_know) & (u < dont_know + blank)] = ""
            score[u < dont_know + blank] = np.nan
            frames.append(
                pd.DataFrame(
                    {
                        "wave": wave,
                        "organisation": [f"Org {o}" for o in org],
                        "role": role,
                        "respondent": [f"R{i:03d}" for i in range(n_respondents)],
                        "statement": f"S{s + 1}",
                        "dimension": f"D{s // 3 + 1}",
                        "score": score,
                        "answer": answer,
                        "source": "test",
                    }
                )
            )
    out = pd.concat(frames, ignore_index=True)
    if categorical:
        for column in ("organisation", "role", "respondent", "statement", "dimension"):
            out[column] = out[column].astype("category")
    return out
