"""write_table: Arrow's fast CSV writer gives exactly pandas' bytes, or is not used."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.report import write_table

TEXT = ["Ale", "=SUM(A1)", "-x", "Dals-Ed", "", "åäö", "a b", "+1", "@x"]
AWKWARD = ['say "hi"', "a,b", "two\nlines", "cr\rhere"]


def both(frame: pd.DataFrame, tmp_path) -> tuple[bytes, bytes]:
    fast = write_table(frame, tmp_path / "fast.csv", parquet=False, fast_rows=0)
    slow = write_table(frame, tmp_path / "slow.csv", parquet=False, fast_rows=None)
    return fast.read_bytes(), slow.read_bytes()


def typical(n: int, seed: int = 0) -> pd.DataFrame:
    """A responses-like table: ints, categories, whole floats with NaN, Arrow and object text."""
    rng = np.random.default_rng(seed)
    score = rng.integers(1, 6, n).astype(float)
    score[rng.random(n) < 0.2] = np.nan
    return pd.DataFrame(
        {
            "wave": rng.integers(2020, 2024, n),
            "organisation": pd.Categorical(rng.choice(TEXT, n)),
            "n": pd.array(np.where(rng.random(n) < 0.3, None, rng.integers(0, 9, n)), "Int64"),
            "score": score,
            "answer": rng.choice([*TEXT, None], n).astype(object),
            "source": pd.array(rng.choice(TEXT, n), dtype=pd.StringDtype("pyarrow")),
        }
    )


def test_fast_writer_gives_pandas_bytes(tmp_path, monkeypatch):
    frame = typical(500)
    expected = write_table(frame, tmp_path / "slow.csv", parquet=False, fast_rows=None)
    monkeypatch.setattr(pd.DataFrame, "to_csv", lambda *a, **k: pytest.fail("pandas used"))
    fast = write_table(frame, tmp_path / "fast.csv", parquet=False, fast_rows=0)
    assert fast.read_bytes() == expected.read_bytes()
    assert b"'=SUM(A1)" in fast.read_bytes()  # the apostrophe rule holds on the fast path


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([0.5, 1.25] * 5),  # fractions: %.10g
        pd.Series([1e12, 2.0] * 5),  # long numbers: 1e+12
        pd.Series([-0.0, 1.0] * 5),  # -0
        pd.Series([np.inf, 1.0] * 5),
        pd.Series([True, False] * 5),
        pd.Series([1, "a"] * 5, dtype=object),
        pd.Categorical([1, 2] * 5),
        pd.Series(pd.date_range("2024-01-01", periods=10)),
        *[pd.Series([text, "ok"] * 5) for text in AWKWARD],
        *[pd.Categorical([text, "ok"] * 5) for text in AWKWARD],
    ],
)
def test_what_arrow_writes_otherwise_goes_through_pandas(tmp_path, column):
    frame = pd.DataFrame({"id": range(10), "x": column})
    fast, slow = both(frame, tmp_path)
    assert fast == slow


def test_one_column_tables_keep_pandas_quoting(tmp_path):
    fast, slow = both(pd.DataFrame({"x": ["a", "", None]}), tmp_path)
    assert fast == slow


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 30),
    seed=st.integers(0, 10_000),
    awkward=st.sampled_from([None, *AWKWARD]),
)
def test_random_tables_same_bytes(tmp_path_factory, n, seed, awkward):
    frame = typical(n, seed)
    if awkward is not None and n:
        frame.loc[seed % n, "answer"] = awkward
    fast, slow = both(frame, tmp_path_factory.mktemp("t"))
    assert fast == slow
