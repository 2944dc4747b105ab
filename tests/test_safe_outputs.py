"""Outputs safe to open: CSV cells cannot start a formula, summary.md cannot carry HTML or links."""

import re

import pandas as pd

from maturity.report import build_report, spreadsheet_safe, write_table
from maturity.report.summary import markdown_text
from tests._workbooks import STATEMENTS, write_codebook, write_rows

FORMULA = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "@SUM(1)",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](http://e/x.png)",
]


ORGS = ["Tanum", "<img src=x onerror=alert(1)>", HOSTILE[5], "-Orust"]


def _hostile_raw(raw):
    raw.mkdir()
    texts = [HOSTILE[3], HOSTILE[4], HOSTILE[5], HOSTILE[0], HOSTILE[2]]
    statements = STATEMENTS.assign(text=texts)
    organisations = pd.DataFrame({"organisation": ORGS, "alias": ORGS})
    organisations.loc[len(organisations)] = ["+Tjörn", '=HYPERLINK("http://x","y")']
    write_codebook(
        raw / "kodbok.xlsx",
        statements=statements,
        organisations=organisations,
        text_formulas=True,
    )
    rows = []
    for k, org in enumerate(ORGS + ['=HYPERLINK("http://x","y")']):
        rows += [[f"r{k}{i}", org, "förvaltningschef", 1 + i % 5, 1 + k % 5, 3] for i in range(6)]
    write_rows(
        raw / "enkat_2024.xlsx",
        {"Svar": [["Respondent", "Kommun", "Roll", "F1", "F2", "F3"]] + rows},
        text_formulas=True,
    )


def test_hostile_text_is_inert_in_csv_and_summary(tmp_path):
    _hostile_raw(tmp_path / "raw")
    processed = tmp_path / "processed"
    build_report(tmp_path / "raw", tmp_path / "r", processed, progress=None, figures=False)
    csvs = sorted(processed.glob("*.csv"))
    assert csvs
    seen = set()
    for path in csvs:
        typed = pd.read_parquet(path.with_suffix(".parquet"))
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in table.columns:
            text_column = not pd.api.types.is_numeric_dtype(typed[column])
            for cell in table[column]:
                seen.add(cell)
                if text_column:
                    assert not cell.startswith(FORMULA), (path.name, column, cell)
    # the hostile texts arrived, escaped in the CSV and unchanged in the typed Parquet copy
    assert "'" + HOSTILE[0] in seen and "'@SUM(1)" in seen
    statements = pd.read_parquet(processed / "statements.parquet")
    assert HOSTILE[0] in set(statements["text"])
    summary = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert "<script" not in summary and "<img" not in summary
    findings = summary.split("## ")[1]  # the key findings: the part made of input text
    assert not re.search(r"(?<!\\)[\[\]]", findings)  # no link or image can open
    assert "http://" not in findings and "javascript:alert" in findings
    assert "&lt;script>alert(1)&lt;/script>" in findings  # shown, as text


def test_spreadsheet_safe_escapes_text_not_numbers(tmp_path):
    frame = pd.DataFrame(
        {
            "t": ["=1", "+1", "-0.5", "@x", "\tx", "\rx", "ok", None],
            "n": [-1.5, 1, 2, 3, 4, 5, 6, 7],
            "c": pd.Categorical(["-a"] * 8),
        }
    )
    safe = spreadsheet_safe(frame)
    assert safe["t"].tolist()[:7] == ["'=1", "'+1", "'-0.5", "'@x", "'\tx", "'\rx", "ok"]
    assert pd.isna(safe["t"].iloc[7])
    assert safe["n"].tolist() == frame["n"].tolist() and set(safe["c"]) == {"'-a"}
    assert frame["t"].iloc[0] == "=1"  # the input is not changed
    path = write_table(frame, tmp_path / "t.csv")
    again = write_table(frame, tmp_path / "u.csv")
    assert path.read_bytes() == again.read_bytes()
    assert ",-1.5," in path.read_text()
    assert pd.read_parquet(path.with_suffix(".parquet"))["t"].iloc[0] == "=1"


def test_markdown_text_shows_input_and_keeps_plain_text():
    for value in HOSTILE + ["<img src=x onerror=alert(1)>", "a\n# h", "www.x.se", "&#106;"]:
        out = markdown_text(value)
        assert not re.search(r"<[A-Za-z/!?]", out) and "\n" not in out
        assert not re.search(r"(?<!\\)[\[\]]", out)
        assert not re.search(r"(?<!\\)&#", out)
    assert markdown_text("http://x") == "http\\://x" and markdown_text("www.x") == "www\\.x"
    plain = "Av 30 medelvärden är 16 över (Holm-korrigerat p < 0,05); lägst är ”Vi” med 2,65."
    assert markdown_text(plain) == plain
