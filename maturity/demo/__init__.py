"""Seeded generators of the demo data shipped in ``data/raw/`` (``maturity demo-data``).

Nothing of the user's is overwritten: the demo is generated into a temporary folder first, and a
file in the target folder counts as written by the generator only when its bytes equal what the
generator writes now.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from maturity import text
from maturity.errors import MaturityError
from maturity.io.personal import SECRET_FILE

__all__ = ["write_demo_data", "DemoFiles", "ForeignFilesError"]


class ForeignFilesError(MaturityError):
    """The target folder holds files the demo generator did not write; nothing was written.

    Parameters
    ----------
    directory : Path
        The folder asked for.
    foreign : list of Path
        The files (relative to ``directory``) not written by the generator, sorted.

    Examples
    --------
    >>> err = ForeignFilesError(Path("data/raw"), [Path("kodbok.xlsx")])
    >>> err.foreign
    [PosixPath('kodbok.xlsx')]
    """

    def __init__(self, directory: Path, foreign: list[Path], *, lang: str = "en") -> None:
        self.directory = directory
        self.foreign = foreign
        super().__init__(
            text.word(
                "cli.demo_refused",
                lang,
                directory=directory,
                path=directory / foreign[0],
                n=len(foreign),
            )
        )


@dataclass(frozen=True)
class DemoFiles:
    """What :func:`write_demo_data` did in ``directory`` (all paths inside ``directory``).

    Attributes
    ----------
    directory : Path
    written : tuple of Path
        Demo files written now (their path was free).
    unchanged : tuple of Path
        Demo files already there with exactly the generator's bytes; left untouched.
    skipped : tuple of Path
        Paths of demo files taken by a file the generator did not write (only with
        ``force=True``); that file is kept as it is and the demo file is not written.

    Examples
    --------
    >>> DemoFiles(Path("d"), (Path("d/a.xlsx"),), (), ()).paths
    (PosixPath('d/a.xlsx'),)
    """

    directory: Path
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]
    skipped: tuple[Path, ...]

    @property
    def paths(self) -> tuple[Path, ...]:
        """The demo files now in ``directory`` as the generator writes them."""
        return tuple(sorted(self.written + self.unchanged))


def _generate(directory: Path) -> None:
    from maturity.demo.actionplan import write_action_plan_demo
    from maturity.demo.capability import write_capability_demo
    from maturity.demo.risk import write_risk_demo
    from maturity.demo.survey import write_survey_demo

    write_survey_demo(directory)
    for write in (write_capability_demo, write_risk_demo, write_action_plan_demo):
        write(directory)


def _files(directory: Path) -> dict[Path, Path]:
    """Every file (not folder) under ``directory``, keyed by its path relative to it; the
    pseudonym secret (``.maturity-secret``) belongs to the raw data, not to the generator."""
    if not directory.is_dir():
        return {}
    return {
        p.relative_to(directory): p
        for p in sorted(directory.rglob("*"))
        if not p.is_dir() and p.name != SECRET_FILE
    }


def _foreign(directory: Path, demo: dict[Path, bytes]) -> list[Path]:
    """Files under ``directory`` that differ from, or are not among, the generator's files."""
    return [
        relative
        for relative, path in _files(directory).items()
        if relative not in demo or not path.is_file() or path.read_bytes() != demo[relative]
    ]


def _free(directory: Path, relative: Path) -> bool:
    """Whether ``relative`` can be written without replacing anything (no file in its way)."""
    parents = [directory / p for p in reversed(relative.parents) if p != Path(".")]
    return not (directory / relative).exists() and all(
        p.is_dir() or not p.exists() for p in parents
    )


def write_demo_data(
    directory: str | Path = "data/raw", *, force: bool = False, lang: str = "en"
) -> DemoFiles:
    """Write every demo workbook into ``directory``, never replacing a file it did not write.

    The same call always writes the same bytes (fixed seeds, fixed workbook metadata). A file
    in ``directory`` counts as the generator's when its bytes equal what the generator writes
    now; such files are left untouched.

    Parameters
    ----------
    directory : str or Path
        Target folder; created if missing.
    force : bool
        When the folder holds files the generator did not write, write the demo files whose
        paths are free anyway. A differing file at a demo file's path is still kept as it is
        (reported in ``skipped``).
    lang : str
        Language of the error message.

    Returns
    -------
    DemoFiles
        The files written, those already identical, and those skipped.

    Raises
    ------
    ForeignFilesError
        Without ``force``, when ``directory`` holds any file the generator did not write; nothing
        is written then.

    Examples
    --------
    >>> done = write_demo_data("/tmp/maturity-demo")  # doctest: +SKIP
    >>> len(done.written) + len(done.unchanged)        # doctest: +SKIP
    20
    """
    directory = Path(directory)
    with tempfile.TemporaryDirectory(prefix="maturity-demo-") as scratch:
        _generate(Path(scratch))
        demo = {relative: path.read_bytes() for relative, path in _files(Path(scratch)).items()}
    foreign = _foreign(directory, demo)
    if foreign and not force:
        raise ForeignFilesError(directory, foreign, lang=lang)
    written, unchanged, skipped = [], [], []
    for relative, content in demo.items():
        target = directory / relative
        if target.is_file() and target.read_bytes() == content:
            unchanged.append(target)
        elif _free(directory, relative):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(target)
        else:
            skipped.append(target)
    directory.mkdir(parents=True, exist_ok=True)
    return DemoFiles(directory, tuple(written), tuple(unchanged), tuple(skipped))
