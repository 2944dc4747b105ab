"""The survey section: codebook and exports in; responses, statistics, figures, findings out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from maturity.ingest import read_codebook, read_survey
from maturity.sections import Section

__all__ = ["build"]


def build(
    codebook_path: Path,
    survey_paths: list[Path],
    *,
    lang: str = "sv",
    min_n: int = 5,
    progress: Callable[[str], None] | None = None,
) -> Section:
    """Read and validate the survey, then compute the published tables and figures.

    Examples
    --------
    >>> section = build(Path("data/raw/kodbok.xlsx"), [Path("data/raw/enkat_2022")])  # doctest: +SKIP
    """
    codebook = read_codebook(codebook_path)
    if progress:
        progress(f"codebook {codebook_path.name}: {len(codebook.statements)} statements, "
                 f"roles {', '.join(codebook.roles)}")
    survey = read_survey(survey_paths, codebook)
    if progress:
        progress(f"survey: {len(survey.files)} files, {survey.cells_read} cells read, "
                 f"{len(survey.responses)} accepted, {len(survey.problems)} problems")
    section = Section(
        name="survey",
        tables={"responses": survey.responses, "statements": codebook.statements},
        problems=survey.problems,
        counts={"files": len(survey.files), "cells_read": survey.cells_read,
                "accepted": len(survey.responses), "problems": len(survey.problems)},
        context={"organisations": codebook.organisations, "codebook": codebook,
                 "survey": survey},
    )
    return section
