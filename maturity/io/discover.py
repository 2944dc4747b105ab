"""Finding and sorting the raw workbooks: codebook, surveys, capability map, risks, action plan.

Besides workbooks, survey exports saved as delimited text (.csv, .tsv, .txt) or SPSS (.sav)
are read (see :mod:`maturity.io.tabular`): each is a workbook of one sheet to every reader.

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
from maturity.io.opener import SPSS_SUFFIXES, TEXT_SUFFIXES, open_workbook
from maturity.io.personal import SECRET_FILE
from maturity.io.problems import Phrase, ProblemLog
from maturity.io.tabular import looks_delimited

__all__ = [
    "RawFiles",
    "discover",
    "not_read_problems",
    "not_read_reason",
    "DETECTORS",
    "NOT_READ",
]

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
    not_read : list of (Path, str)
        Every other file under the folder with why it is not read (a message key, see
        :func:`not_read_reason`): named in the run output and the problem log, never skipped
        silently.

    Examples
    --------
    >>> RawFiles(surveys=[Path("a.xlsx")]).count
    1
    """

    codebook: Path | None = None
    surveys: list[Path] = field(default_factory=list)
    sections: dict[str, list[Path]] = field(default_factory=dict)
    not_read: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Number of workbooks found."""
        extra = sum(len(paths) for paths in self.sections.values())
        return (self.codebook is not None) + len(self.surveys) + extra


#: Why a file of the raw folder is not read, by its suffix: a message key of the text module.
NOT_READ = {
    ".xls": "problem.hostile.not_read.xls",
    ".xlsb": "problem.hostile.not_read.xlsb",
    ".csv": "problem.exports.not_read.not_delimited",
    ".txt": "problem.exports.not_read.not_delimited",
    ".tsv": "problem.exports.not_read.not_delimited",
    ".ods": "problem.hostile.not_read.ods",
    ".numbers": "problem.hostile.not_read.other_spreadsheet",
}
_LOCK_FILE = "problem.hostile.not_read.lock_file"
_NOT_WORKBOOK = "problem.hostile.not_read.not_workbook"


def not_read_reason(path: Path) -> str | None:
    """Why ``path`` is not read as an input workbook (a message key), None when it is read.

    Workbooks (.xlsx, .xlsm) and SPSS files (.sav) are read; a text file (.csv, .tsv, .txt)
    is read when its first lines split into columns (a note or a README is not).

    Examples
    --------
    >>> not_read_reason(Path("enkat.xlsx")), not_read_reason(Path("enkat.xls"))
    (None, 'problem.hostile.not_read.xls')
    >>> not_read_reason(Path("~$enkat.xlsx")).rsplit(".", 1)[1]
    'lock_file'
    """
    if path.name.startswith("~$"):
        return _LOCK_FILE
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or suffix in SPSS_SUFFIXES:
        return None
    if suffix in TEXT_SUFFIXES and looks_delimited(path):
        return None
    return NOT_READ.get(suffix, _NOT_WORKBOOK)


def not_read_problems(files: RawFiles, raw: str | Path) -> ProblemLog:
    """The problem log of the files under ``raw`` that are not read: one ``file_not_read``
    problem each, naming the file (relative to ``raw``) and why.

    Examples
    --------
    >>> files = RawFiles(not_read=[(Path("raw/svar.csv"), NOT_READ[".csv"])])
    >>> not_read_problems(files, "raw").to_frame("en")["source"].tolist()
    ['svar.csv']
    """
    log = ProblemLog()
    for path, why in files.not_read:
        source = str(path.relative_to(raw))
        log.add(
            source, "file_not_read", path.suffix, "problem.hostile.file_not_read", why=Phrase(why)
        )
    return log


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
    found = RawFiles()
    paths = []
    for path in sorted(p for p in raw.rglob("*") if p.is_file() and p.name != SECRET_FILE):
        reason = not_read_reason(path)
        if reason is None:
            paths.append(path)
        else:
            found.not_read.append((path, reason))
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
