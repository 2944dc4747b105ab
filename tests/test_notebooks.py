"""The notebooks run top to bottom on the demo data, and are stored without outputs."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))


def test_four_notebooks_exist():
    assert [p.name for p in NOTEBOOKS] == [
        "01-nulagesanalys.ipynb",
        "02-formagekarta.ipynb",
        "03-risker-och-handlingsplan.ipynb",
        "04-organisationsprofil.ipynb",
    ]


def test_profile_notebook_names_the_organisation_in_its_parameter_cell():
    book = json.loads(NOTEBOOKS[-1].read_text(encoding="utf-8"))
    assert "ORGANISATION = " in "".join(book["cells"][1]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs_and_thin(path):
    book = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert not any("def " in "".join(c["source"]) for c in code)  # thin: no functions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_imports_nothing_but_maturity_and_nothing_private(path):
    book = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "code")
    imports = [
        line.strip() for line in code.splitlines() if line.strip().startswith(("import ", "from "))
    ]
    assert imports == ["import maturity as mt"]
    assert not re.search(r"\bmt\.(\w+\.)*_", code)  # no private name reached through mt


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_demo_data(path):
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(
        book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [
        o
        for c in book.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors
    images = [
        o
        for c in book.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    assert images, "the notebook draws its figures"
    for c in book.cells:  # every figure shown once
        if c.cell_type == "code":
            shown = [o for o in c.outputs if "image/png" in o.get("data", {})]
            assert len(shown) <= 1, "".join(c.source)
    # tables shown with the report's headers and a decimal comma, never field names
    html = "".join(
        o["data"].get("text/html", "")
        for c in book.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type in {"execute_result", "display_data"}
    )
    if html:
        assert "n_respondents" not in html and "ci95_low" not in html
        assert re.search(r">\d+,\d+<", html)
