"""Finding and sorting the raw workbooks: codebook, surveys, capability map, risks, action plan."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from maturity.errors import InputError
from maturity.io.opener import open_workbook
from maturity.io.values import normalise

__all__ = ["RawFiles", "discover", "SECTION_MODULES"]

#: Sections other than the survey, in report order; each module has ``detect`` and ``build``.
SECTION_MODULES = {
    "capability": "maturity.sections.capability",
    "risk": "maturity.sections.risk",
    "actionplan": "maturity.sections.actionplan",
}


@dataclass
class RawFiles:
    """The workbooks of a raw-data folder, sorted by kind (paths in sorted order)."""

    codebook: Path | None = None
    surveys: list[Path] = field(default_factory=list)
    sections: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Number of workbooks found."""
        extra = sum(len(paths) for paths in self.sections.values())
        return (self.codebook is not None) + len(self.surveys) + extra


def _is_codebook(sheet_names: list[str]) -> bool:
    names = {normalise(n) for n in sheet_names}
    return bool(names & {"statements", "påståenden"}) and bool(names & {"scale", "skala"})


def discover(raw: str | Path) -> RawFiles:
    """Sort the workbooks under ``raw`` (recursively) by kind.

    Every workbook is opened through the guarded opener first, so a hostile or broken file
    stops the run with an :class:`~maturity.errors.InputError` naming it.

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
        p for p in raw.rglob("*")
        if p.is_file() and p.suffix.lower() in {".xlsx", ".xlsm"} and not p.name.startswith("~$")
    )
    found = RawFiles()
    detectors = {name: importlib.import_module(module_name).detect
                 for name, module_name in SECTION_MODULES.items()}
    for path in paths:
        book = open_workbook(path)
        if _is_codebook(book.sheet_names):
            if found.codebook is not None:
                raise InputError(
                    f"is a second codebook (the first is {found.codebook.name}); keep one",
                    file=path.name,
                )
            found.codebook = path
            continue
        for name, detect in detectors.items():
            if detect(book):
                found.sections.setdefault(name, []).append(path)
                break
        else:
            found.surveys.append(path)
    return found
