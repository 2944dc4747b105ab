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
    path = write_rows(
        tmp_path / "kb.xlsx",
        {
            "Påståenden": [
                ["Kodbok för mognadsenkäten"],
                [],
                ["Påstående", "Text", "Roll", "Område", "Omvänd"],
                ["A", "Text a", "chef", "D", "Ja"],
                ["B", "Text b", "chef", "D", None],
            ],
            "Skala": [
                ["Etikett", "Värde"],
                ["Låg", 1],
                ["Mellan", 2],
                ["Hög", 3],
                ["Vet ej", None],
            ],
        },
    )
    cb = mt.read_codebook(path)
    assert cb.statements["reverse"].tolist() == [True, False]
    assert cb.midpoint == 2.0
    assert len(cb.organisations) == 0


@pytest.mark.parametrize(
    ("statements", "scale", "expected"),
    [
        (pd.concat([STATEMENTS, STATEMENTS.iloc[[0]]]), None, r"statements:A7.*F1.*already used"),
        (
            STATEMENTS.assign(role=["förvaltningschef", None, "x", "y", "z"]),
            None,
            r"statements:C3.*role is missing",
        ),
        (
            STATEMENTS.assign(dimension=["a", "b", "", "c", "d"]),
            None,
            r"statements:D4.*dimension is missing",
        ),
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
    path = write_rows(
        tmp_path / "kb.xlsx", {"statements": [["statement", "text", "role", "dimension"]]}
    )
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


# -- the roles sheet (display names of the roles) -----------------------------------------------
ROLE_COLUMNS = [
    "role",
    "name",
    "plural",
    "plural_definite",
    "name_en",
    "plural_en",
    "plural_definite_en",
]


def test_roles_sheet_with_swedish_headers_and_defaults(tmp_path):
    roles = [
        ["Rollnamn"],
        [],
        ["Roll", "Benämning", "Plural", "Bestämd plural", "Namn (en)", "Plural (en)"],
        [
            "Förvaltningschef",
            "Förvaltningschef",
            "Förvaltningschefer",
            "Förvaltningscheferna",
            "Head of department",
            "Heads of department",
        ],
    ]
    cb = mt.read_codebook(write_codebook(tmp_path / "kb.xlsx", roles=roles))
    labels = cb.role_labels
    assert labels.columns.tolist() == ROLE_COLUMNS
    assert labels.to_dict("records") == [
        {
            "role": "förvaltningschef",
            "name": "Förvaltningschef",
            "plural": "Förvaltningschefer",
            "plural_definite": "Förvaltningscheferna",
            "name_en": "Head of department",
            "plural_en": "Heads of department",
            "plural_definite_en": "Förvaltningscheferna",
        },  # missing: the Swedish form
        # a role the sheet does not name: every form defaults to the role itself
        {
            "role": "IT-chef",
            "name": "IT-chef",
            "plural": "IT-chef",
            "plural_definite": "IT-chef",
            "name_en": "IT-chef",
            "plural_en": "IT-chef",
            "plural_definite_en": "IT-chef",
        },
    ]


@pytest.mark.parametrize(
    "header",
    [
        ["role", "name", "plural", "plural definite", "name_en", "plural_en", "plural_definite_en"],
        [
            "roll",
            "namn",
            "plural",
            "bestämd plural",
            "engelska",
            "plural (en)",
            "plural definite (en)",
        ],
    ],
)
def test_roles_sheet_english_and_swedish_header_forms(tmp_path, header):
    roles = [
        header,
        [
            "IT-chef",
            "IT-chef",
            "IT-chefer",
            "IT-cheferna",
            "IT manager",
            "IT managers",
            "The IT managers",
        ],
    ]
    cb = mt.read_codebook(write_codebook(tmp_path / "kb.xlsx", roles=roles))
    row = cb.role_labels.set_index("role").loc["IT-chef"]
    assert row.tolist() == [
        "IT-chef",
        "IT-chefer",
        "IT-cheferna",
        "IT manager",
        "IT managers",
        "The IT managers",
    ]


def test_role_labels_default_without_roles_sheet(tmp_path):
    cb = mt.read_codebook(write_codebook(tmp_path / "kb.xlsx"))
    assert cb.role_labels["role"].tolist() == cb.roles
    assert (cb.role_labels["plural_definite_en"] == cb.role_labels["role"]).all()


def test_name_defaults_fill_the_plural_forms():
    from maturity.codebook import Codebook

    cb = Codebook.from_frames(
        STATEMENTS,
        SCALE,
        role_labels=pd.DataFrame(
            {"role": ["IT-chef"], "name": ["IT-ansvarig"], "name_en": ["IT lead"]}
        ),
    )
    row = cb.role_labels.set_index("role").loc["IT-chef"]
    assert row.tolist() == [
        "IT-ansvarig",
        "IT-ansvarig",
        "IT-ansvarig",
        "IT lead",
        "IT-ansvarig",
        "IT-ansvarig",
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["rektor", "Rektor"]], r"roles:A2.*'rektor' is no role"),
        ([["IT-chef", "IT-chef"], ["it-chef", "IT-chefen"]], r"roles:A3.*already named in row 2"),
        ([[None, "IT-chef"]], r"roles:A2.*role is missing"),
    ],
)
def test_roles_sheet_unknown_or_duplicate_role(tmp_path, rows, expected):
    path = write_codebook(tmp_path / "kb.xlsx", roles=[["roll", "benämning"], *rows])
    with pytest.raises(InputError, match=expected):
        mt.read_codebook(path)


def test_demo_codebook_names_its_roles():
    from pathlib import Path

    path = Path(__file__).parent.parent / "data" / "raw" / "kodbok.xlsx"
    if not path.exists():
        pytest.skip("data/raw not written yet")
    labels = mt.read_codebook(path).role_labels.set_index("role")
    assert labels.loc["förvaltningschef"].tolist() == [
        "Förvaltningschef",
        "Förvaltningschefer",
        "Förvaltningscheferna",
        "Head of department",
        "Heads of department",
        "The heads of department",
    ]
    assert labels.loc["IT-chef", "plural_definite_en"] == "The IT managers"


def test_organisation_headers_of_every_reader(tmp_path):
    orgs = [["Kommun"], ["Municipality"], ["Namn"], ["Organisation/kommun"]]
    for k, (header,) in enumerate(orgs):
        path = write_rows(
            tmp_path / f"kb{k}.xlsx",
            {
                "statements": [["statement", "text", "role", "dimension"], ["A", "t", "r", "d"]],
                "scale": [["label", "value"], ["Låg", 1], ["Hög", 2]],
                "organisations": [[header, "alias"], ["Åmål", "Åmåls kommun"]],
            },
        )
        assert mt.read_codebook(path).organisations["organisation"].tolist() == ["Åmål", "Åmål"]


def _with_parallel(cells: list) -> pd.DataFrame:
    return STATEMENTS.assign(parallel=cells)


@pytest.mark.parametrize(
    "header", ["parallell", "Motsvarar", "motsvarande påstående", "counterpart"]
)
def test_parallel_statements_are_read_and_made_symmetric(tmp_path, header):
    # F1 names I1 (I1 leaves its cell empty); I2 and F2 name each other
    path = write_codebook(
        tmp_path / "kb.xlsx",
        statements=_with_parallel(["i1", "I2", None, None, "F2"]),
        parallel_header=header,
    )
    cb = mt.read_codebook(path)
    found = [p if isinstance(p, str) else None for p in cb.statements["parallel"]]
    assert found == ["I1", "I2", None, "F1", "F2"]
    assert cb.parallel_pairs("förvaltningschef", "IT-chef") == [("F1", "I1"), ("F2", "I2")]
    assert cb.parallel_pairs("IT-chef", "förvaltningschef") == [("I1", "F1"), ("I2", "F2")]


def test_codebook_without_parallel_column_has_none(tmp_path):
    cb = mt.read_codebook(write_codebook(tmp_path / "kb.xlsx"))
    assert "parallel" not in cb.statements
    assert cb.parallel_pairs("förvaltningschef", "IT-chef") == []


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["X9", None, None, None, None], r"statements:F2.*'X9' is no statement id"),
        (["F2", None, None, None, None], r"statements:F2.*same role"),
        (["I1", "I1", None, None, None], r"statements:F3.*'I1' is already parallel to 'F1'"),
        ([None, None, None, "F1", "F1"], r"statements:F6.*'F1' is already parallel to 'I1'"),
        (["I1", None, None, "F2", None], r"statements:F5.*'I1' is already parallel to 'F1'"),
    ],
)
def test_bad_parallel_cells_name_the_cell(tmp_path, cells, expected):
    path = write_codebook(tmp_path / "kb.xlsx", statements=_with_parallel(cells))
    with pytest.raises(InputError, match=expected):
        mt.read_codebook(path)
