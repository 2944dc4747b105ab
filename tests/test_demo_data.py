"""``maturity demo-data`` never replaces a file it did not write, and says where it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.cli import main
from maturity.demo import ForeignFilesError, write_demo_data


def _snapshot(directory: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        p.relative_to(directory): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_writes_every_demo_file_into_an_empty_folder(tmp_path, capsys):
    target = tmp_path / "raw"
    assert main(["demo-data", str(target)]) == 0
    written = _snapshot(target)
    assert Path("kodbok.xlsx") in written and Path("enkat_2022/Orust.xlsx") in written
    shipped = Path(__file__).parents[1] / "data" / "raw"
    assert {p: b for p, (b, _) in written.items()} == {
        p: b for p, (b, _) in _snapshot(shipped).items()
    }
    assert capsys.readouterr().out == f"wrote {len(written)} demo files to {target}\n"


def test_rerun_on_its_own_files_changes_nothing(tmp_path, capsys):
    first = write_demo_data(tmp_path)
    before = _snapshot(tmp_path)
    again = write_demo_data(tmp_path)
    assert again.written == () and again.skipped == ()
    assert again.unchanged == first.paths
    assert _snapshot(tmp_path) == before  # same bytes, not even rewritten
    assert main(["demo-data", str(tmp_path)]) == 0
    assert f"{len(before)} demo files in {tmp_path} were already identical" in (
        capsys.readouterr().out
    )


def test_an_edited_codebook_is_refused_and_left_byte_identical(tmp_path, capsys):
    write_demo_data(tmp_path)
    codebook = tmp_path / "kodbok.xlsx"
    codebook.write_bytes(codebook.read_bytes() + b"user edit")
    (tmp_path / "riskregister.xlsx").unlink()
    before = _snapshot(tmp_path)
    with pytest.raises(ForeignFilesError) as caught:
        write_demo_data(tmp_path)
    assert caught.value.foreign == [Path("kodbok.xlsx")]
    assert main(["demo-data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(codebook) in err and "--force" in err
    assert _snapshot(tmp_path) == before  # nothing written, not even the missing register


def test_an_extra_user_file_is_refused(tmp_path, capsys):
    (tmp_path / "enkat_2024.xlsx").write_bytes(b"the user's own survey")
    assert main(["demo-data", str(tmp_path)]) == 2
    assert str(tmp_path / "enkat_2024.xlsx") in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["enkat_2024.xlsx"]


def test_force_keeps_the_users_file_and_writes_the_rest(tmp_path, capsys):
    reference = write_demo_data(tmp_path / "reference")
    target = tmp_path / "raw"
    target.mkdir()
    (target / "kodbok.xlsx").write_bytes(b"my codebook")
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["demo-data", str(target), "--force"]) == 0
    out = capsys.readouterr().out
    assert (target / "kodbok.xlsx").read_bytes() == b"my codebook"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert f"kept {target / 'kodbok.xlsx'}" in out
    assert f"wrote {len(reference.paths) - 1} demo files to {target}" in out
    for path in reference.paths:
        relative = path.relative_to(tmp_path / "reference")
        if relative != Path("kodbok.xlsx"):
            assert (target / relative).read_bytes() == path.read_bytes(), relative


def test_force_never_writes_through_a_user_file_in_a_demo_folders_place(tmp_path):
    (tmp_path / "enkat_2022").write_text("a file where the demo wants a folder", encoding="utf-8")
    done = write_demo_data(tmp_path, force=True)
    assert (tmp_path / "enkat_2022").read_text(encoding="utf-8").startswith("a file")
    assert done.skipped and all(p.parent == tmp_path / "enkat_2022" for p in done.skipped)
    assert (tmp_path / "kodbok.xlsx").is_file()


@pytest.fixture(scope="module")
def demo_responses():
    """The shipped demo survey read with its codebook: every wave."""
    import maturity as mt

    shipped = Path(__file__).parents[1] / "data" / "raw"
    codebook = mt.read_codebook(shipped / "kodbok.xlsx")
    survey = mt.read_survey(
        [shipped / "enkat_2020_samtliga.xlsx", shipped / "enkat_2022"], codebook
    )
    return survey.responses, codebook


def test_every_demo_dimension_is_a_reliable_scale_in_every_wave_and_role(demo_responses):
    import maturity as mt

    responses, codebook = demo_responses
    scales = mt.reliability(responses, by=["wave", "role", "dimension"], codebook=codebook).scales
    # 2 waves × 2 roles × 6 dimensions, none suppressed
    assert len(scales) == 24 and not scales["suppressed"].any()
    assert scales["alpha"].between(0.7, 0.9).all(), scales[["wave", "role", "dimension", "alpha"]]


@pytest.mark.parametrize("wave", [2020, 2022])
def test_the_story_of_the_demo_holds_in_every_wave(demo_responses, wave):
    import maturity as mt

    responses, codebook = demo_responses
    latest = responses[responses["wave"] == wave]
    means = mt.describe(latest, by=["role", "statement"], codebook=codebook)
    managers = means[means["role"] == "förvaltningschef"].set_index("statement")["mean"]
    assert managers.idxmin() == "F04" and abs(managers.min() - 2.6) <= 0.06
    it = means[means["role"] == "IT-chef"].set_index("statement")["mean"]
    assert it.min() >= 3.0 and it.idxmin() == "I18"
    # the generator's story over every organisation (min_n=1: this checks the data, not the
    # privacy rule): F04 has the lowest spread between organisations of the managers' statements
    across = mt.across_organisations(latest, by=["role", "statement"], codebook=codebook, min_n=1)
    spread = across[across["role"] == "förvaltningschef"].set_index("statement")["sd_between"]
    assert spread.idxmin() == "F04" and spread["F04"] < 0.35
