"""Finding and sorting the raw workbooks: codebook, surveys, capability map, risks, action plan.

Deciding what a workbook is never parses it in full: every reader's ``detect`` looks at sheet
names and the first :data:`~maturity.io.kit.HEADER_SEARCH_ROWS` rows of each sheet only (read
with :meth:`maturity.io.opener.Workbook.head`), so a survey export of a million cells costs as
little as a one-page register.

Examples
--------
>>> files = discover("data/raw")  # doctest: +SKIP
>>> files.codebook.name, sorted(files.sections)  # doctest: +SKIP
('kodbok.xlsx', ['actionplan', 'capability', 'risk'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from maturity.errors import InputError
from maturity.io import actionplan, capability, codebook, risk
from maturity.io.opener import open_workbook

__all__ = ["RawFiles", "discover", "DETECTORS"]

#: Kinds of workbook besides the codebook and the surveys, in the order they are tried, with
#: the ``detect`` of their reader. A workbook none of them claims is a survey export.
DETECTORS = {
    "capability": capability.detect,
    "risk": risk.detect,
    "actionplan": actionplan.detect,
}


@dataclass
class RawFiles:
    """The workbooks of a raw-data folder, sorted by kind (paths in sorted order).

    Attributes
    ----------
    codebook : Path or None
    surveys : list of Path
    sections : dict of str to list of Path
        Per kind of :data:`DETECTORS` (``capability``, ``risk``, ``actionplan``) its workbooks.

    Examples
    --------
    >>> RawFiles(surveys=[Path("a.xlsx")]).count
    1
    """

    codebook: Path | None = None
    surveys: list[Path] = field(default_factory=list)
    sections: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Number of workbooks found."""
        extra = sum(len(paths) for paths in self.sections.values())
        return (self.codebook is not None) + len(self.surveys) + extra


def discover(raw: str | Path) -> RawFiles:
    """Sort the workbooks under ``raw`` (recursively) by kind, from their first rows only.

    Every workbook is opened through the guarded opener first, so a hostile or broken file
    stops the run with an :class:`~maturity.errors.InputError` naming it. A workbook with the
    codebook's sheets is the codebook; one claimed by a reader's ``detect`` (see
    :data:`DETECTORS`) is of that kind; any other is a survey export (its reader reports what
    it cannot read).

    Parameters
    ----------
    raw : str or Path
        A folder.

    Returns
    -------
    RawFiles

    Raises
    ------
    InputError
        When ``raw`` is no folder, a workbook is not sound, or there are two codebooks.

    Examples
    --------
    >>> files = discover("data/raw")  # doctest: +SKIP
    >>> files.codebook.name           # doctest: +SKIP
    'kodbok.xlsx'
    """
    raw = Path(raw)
    if not raw.is_dir():
        raise InputError("is not a folder of input workbooks", file=str(raw))
    paths = sorted(
        p
        for p in raw.rglob("*")
        if p.is_file() and p.suffix.lower() in {".xlsx", ".xlsm"} and not p.name.startswith("~$")
    )
    found = RawFiles()
    for path in paths:
        book = open_workbook(path)
        if codebook.detect(book):
            if found.codebook is not None:
                raise InputError(
                    f"is a second codebook (the first is {found.codebook.name}); keep one",
                    file=path.name,
                )
            found.codebook = path
            continue
        for name, detect in DETECTORS.items():
            if detect(book):
                found.sections.setdefault(name, []).append(path)
                break
        else:
            found.surveys.append(path)
    return found
