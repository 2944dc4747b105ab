"""The report as a declarative list of stages.

Each :class:`Stage` names the discovered files it takes and its build function, and lists the
keyword-only options it is given from :class:`StageOptions`. The survey is an ordinary stage:
it takes the codebook, which is read once, before every stage (its organisations resolve the
capability map's columns).

Examples
--------
>>> [stage.name for stage in STAGES]
['survey', 'capability', 'risk', 'actionplan']
>>> STAGES[1].options
('organisations', 'lang')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from maturity import text
from maturity.errors import InputError
from maturity.io.codebook import read_codebook
from maturity.io.discover import RawFiles
from maturity.sections import Section, actionplan, capability, risk, survey

__all__ = ["Stage", "StageOptions", "STAGES", "run_stages"]


@dataclass(frozen=True)
class StageOptions:
    """Everything a stage may be given, besides its files.

    Attributes
    ----------
    codebook : Codebook or None
        The codebook of the raw folder (None without one).
    organisations : DataFrame or None
        The codebook's organisation/alias table (None without a codebook).
    min_n : int
        Groups with fewer respondents are suppressed in every published output.
    lang : {"sv", "en"}
    progress : callable or None
        Receives progress lines.
    secret : callable or None
        Returns the key of the respondent pseudonyms (see :mod:`maturity.io.personal`); asked
        only when an id needs one. None: the reader's default.
    """

    codebook: object = None
    organisations: pd.DataFrame | None = None
    min_n: int = 5
    lang: str = "sv"
    progress: Callable[[str], None] | None = None
    secret: Callable[[], bytes] | None = None


@dataclass(frozen=True)
class Stage:
    """One stage of the report.

    Attributes
    ----------
    name : str
        Short name, also the section's name and the ``section`` of its problems.
    files : str
        Which discovered files it takes: an attribute of :class:`~maturity.io.discover.RawFiles`
        (``"surveys"``) or a key of its ``sections``.
    build : callable
        ``build(paths, **options) -> Section``.
    options : tuple of str
        The :class:`StageOptions` fields passed to ``build`` as keywords.
    needs_codebook : bool
        Runs whenever there is a codebook (even without files); otherwise a stage runs when it
        has files.
    """

    name: str
    files: str
    build: Callable[..., Section]
    options: tuple[str, ...]
    needs_codebook: bool = False

    def paths(self, raw: RawFiles) -> list[Path]:
        """The discovered files this stage takes.

        Examples
        --------
        >>> STAGES[2].paths(RawFiles(sections={"risk": [Path("r.xlsx")]}))
        [PosixPath('r.xlsx')]
        """
        found = getattr(raw, self.files, None)
        if found is None:
            found = raw.sections.get(self.files, [])
        return list(found)

    def runs(self, raw: RawFiles, options: StageOptions) -> bool:
        """Whether the stage has anything to read.

        Examples
        --------
        >>> STAGES[0].runs(RawFiles(), StageOptions())
        False
        """
        if self.needs_codebook:
            return options.codebook is not None
        return bool(self.paths(raw))

    def __call__(self, raw: RawFiles, options: StageOptions) -> Section:
        """Build the stage's section from the discovered files."""
        kwargs = {name: getattr(options, name) for name in self.options}
        return self.build(self.paths(raw), **kwargs)


#: The stages of ``maturity report``, in report order.
STAGES: tuple[Stage, ...] = (
    Stage(
        "survey",
        "surveys",
        survey.build,
        ("codebook", "min_n", "lang", "progress", "secret"),
        needs_codebook=True,
    ),
    Stage("capability", "capability", capability.build, ("organisations", "lang")),
    Stage("risk", "risk", risk.build, ("lang",)),
    Stage("actionplan", "actionplan", actionplan.build, ("lang",)),
)


def stage_options(
    raw: RawFiles,
    *,
    min_n: int = 5,
    lang: str = "sv",
    progress: Callable[[str], None] | None = None,
    secret: Callable[[], bytes] | None = None,
) -> StageOptions:
    """Read the codebook of a raw folder (if any) and gather the options of every stage.

    Raises
    ------
    InputError
        For survey workbooks without a codebook.

    Examples
    --------
    >>> stage_options(RawFiles()).codebook is None
    True
    """
    if raw.surveys and raw.codebook is None:
        raise InputError(
            "has survey workbooks but no codebook (sheets statements, scale)",
            file=str(Path(raw.surveys[0]).parent),
        )
    if raw.codebook is None:
        return StageOptions(min_n=min_n, lang=lang, progress=progress, secret=secret)
    codebook = read_codebook(raw.codebook)
    if progress:
        progress(
            text.word(
                "cli.codebook",
                lang,
                file=Path(raw.codebook).name,
                n=len(codebook.statements),
                roles=", ".join(codebook.roles),
            )
        )
    return StageOptions(
        codebook=codebook,
        organisations=codebook.organisations,
        min_n=min_n,
        lang=lang,
        progress=progress,
        secret=secret,
    )


def run_stages(
    raw: RawFiles,
    *,
    min_n: int = 5,
    lang: str = "sv",
    progress: Callable[[str], None] | None = None,
    stages: tuple[Stage, ...] = STAGES,
    secret: Callable[[], bytes] | None = None,
    options: StageOptions | None = None,
) -> list[Section]:
    """Build the section of every stage that has something to read, in order. ``options``:
    those of :func:`stage_options` when the caller already made them (and read the codebook);
    then ``min_n``, ``lang``, ``progress`` and ``secret`` are taken from them.

    Examples
    --------
    >>> from maturity.io.discover import discover
    >>> sections = run_stages(discover("data/raw"))  # doctest: +SKIP
    >>> [s.name for s in sections]                   # doctest: +SKIP
    ['survey', 'capability', 'risk', 'actionplan']
    """
    if options is None:
        options = stage_options(raw, min_n=min_n, lang=lang, progress=progress, secret=secret)
    progress = options.progress
    sections = []
    for stage in stages:
        if not stage.runs(raw, options):
            continue
        if progress and stage.paths(raw) and not stage.needs_codebook:
            names = ", ".join(p.name for p in stage.paths(raw))
            label = text.translate_values([stage.name], "report.topic", lang)[0]
            progress(text.word("cli.reading", lang, stage=label, files=names))
        sections.append(stage(raw, options))
    return sections
