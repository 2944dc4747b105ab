import pandas as pd
import pytest

import maturity as mt
from maturity.errors import InputError
from tests._workbooks import SCALE, STATEMENTS, write_codebook, write_rows


def test_reads_statements_scale_and_aliases(tmp_path):
    cb = mt.read_codebook(write_codebook(tmp_path / "kodbok.xlsx"))
    assert cb.statements["statement"].tolist() == ["F1", "F2", "F3", "I1", "I2"]
    assert cb.statements["reverse"].tolist() == [False, False, True, False, False]
    assert (cb.scale_min, cb.scale_max, cb.midpoint) == (1, 5, 3.0)
    assert cb.dont_know_labels == ["Vet ej"]
    assert set(cb.organisations["alias"]) >= {"Åmåls kommun", "Åmål"}
    assert cb.roles == ["förvaltningschef", "IT-chef"]


def test_swedish_headers_and_title_rows(tmp_path):
    path = write_rows(tmp_path / "kb.xlsx", {
        "Påståenden": [["Kodbok för mognadsenkäten"], [],
                       ["Påstående", "Text", "Roll", "Område", "Omvänd"],
                       ["A", "Text a", "chef", "D", "Ja"], ["B", "Text b", "chef", "D", None]],
        "Skala": [["Etikett", "Värde"], ["Låg", 1], ["Mellan", 2], ["Hög", 3], ["Vet ej", None]],
    })
    cb = mt.read_codebook(path)
    assert cb.statements["reverse"].tolist() == [True, False]
    assert cb.midpoint == 2.0
    assert len(cb.organisations) == 0


@pytest.mark.parametrize(
    ("statements", "scale", "expected"),
    [
        (pd.concat([STATEMENTS, STATEMENTS.iloc[[0]]]), None, r"statements:A7.*F1.*already used"),
        (STATEMENTS.assign(role=["förvaltningschef", None, "x", "y", "z"]), None,
         r"statements:C3.*role is missing"),
        (STATEMENTS.assign(dimension=["a", "b", "", "c", "d"]), None,
         r"statements:D4.*dimension is missing"),
        (None, SCALE.drop(index=2), r"scale.*gaps.*3"),
        (None, pd.concat([SCALE, SCALE.iloc[[1]]]), r"scale:A8.*already used"),
        (None, SCALE.assign(value=[1, 2, 3.5, 4, 5, None]), r"scale:B4.*whole number"),
    ],
)
def test_broken_codebooks_name_sheet_and_row(tmp_path, statements, scale, expected):
    path = write_codebook(tmp_path / "kb.xlsx", statements, scale)
    with pytest.raises(InputError, match=expected):
        mt.read_codebook(path)


def test_missing_sheet(tmp_path):
    path = write_rows(tmp_path / "kb.xlsx", {"statements": [["statement", "text", "role",
                                                             "dimension"]]})
    with pytest.raises(InputError, match="no sheet named 'scale'"):
        mt.read_codebook(path)


def test_alias_naming_two_organisations(tmp_path):
    orgs = pd.DataFrame({"organisation": ["Åmål", "Tanum"], "alias": ["Kommunen", "Kommunen"]})
    with pytest.raises(InputError, match="organisations:B3.*already names"):
        mt.read_codebook(write_codebook(tmp_path / "kb.xlsx", organisations=orgs))


def test_several_aliases_in_one_cell(tmp_path):
    orgs = pd.DataFrame({"organisation": ["Åmål"], "alias": ["Åmåls kommun; Åmål kommun"]})
    cb = mt.read_codebook(write_codebook(tmp_path / "kb.xlsx", organisations=orgs))
    assert set(cb.organisations["alias"]) == {"Åmål", "Åmåls kommun", "Åmål kommun"}
