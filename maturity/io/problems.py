"""The problem log: every cell that could not be accepted, with where and why.

The log is a tidy table with the columns ``source`` (``file:sheet:cell``), ``kind`` (a short
machine-readable reason, see :data:`PROBLEM_KINDS`), ``value`` (the raw cell as text) and
``message`` (a sentence for people). In strict mode the first problem raises
:class:`~maturity.errors.InputError` instead.

Messages in two languages
-------------------------
A reader never writes a sentence: it logs a message key of :mod:`maturity.text`
(``problem.<name>``) and the key's fields, so the readers know no language. A field may itself
be a :class:`Phrase` (a key with fields of its own, e.g. the name of a column), rendered in the
same language. :meth:`ProblemLog.to_frame` renders the ``message`` column in a language,
English by default:

* every reader's public ``problems`` table is the English one, and so is
  ``data/processed/problems.csv`` (a machine table, the same in every report language);
* each reader result also keeps its log (``.log``) and has ``problems_in(lang)`` (see
  :class:`ReadProblems`); a report section holds both tables, ``Section.problems`` (English,
  for ``problems.csv``) and ``Section.report_problems`` (the report language, for the problem
  sheet of the report workbook).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from maturity import text
from maturity.errors import InputError
from maturity.io.personal import scrub

__all__ = [
    "PROBLEM_COLUMNS",
    "PROBLEM_KINDS",
    "Phrase",
    "Problem",
    "ProblemLog",
    "ReadProblems",
    "cell_name",
    "column_letter",
]

PROBLEM_COLUMNS = ["source", "kind", "value", "message"]

#: The kinds of problem the readers report, with a description of each.
PROBLEM_KINDS: dict[str, str] = {
    "out_of_scale": "a number outside the answer scale",
    "unknown_label": "a text answer that is no label of the scale",
    "unknown_statement": "a column header that matches no statement of the codebook",
    "unknown_organisation": "an organisation that is neither in the codebook nor an alias",
    "unknown_role": "a role that no statement of the codebook is asked of",
    "role_mismatch": "an answer to a statement that is not asked of the respondent's role",
    "duplicate_respondent": "a respondent that appears more than once",
    "missing_column": "a required column is missing",
    "missing_value": "a required value (organisation, role, respondent) is empty",
    "empty_sheet": "a sheet with no data",
    "empty_file": "a workbook with no data",
    "formula_without_value": "a formula saved without its computed value",
    "stray_cell": "a cell far outside the data block",
    "invalid_value": "a value that cannot be read as the expected type",
    "duplicate": "a value that must be unique appears twice",
    "wrong_score": "a typed value that disagrees with the one computed from its parts",
    "unknown_status": "an activity status that is not in the status vocabulary",
    "negative_amount": "a negative budget, outcome (Utfall) or allocation (Anslag)",
    "spent_without_budget": "an outcome (Utfall) on an activity without a budget",
    "implausible_value": "a number outside the range that makes sense (an amount, a level)",
    "excel_error": "an Excel error value (#N/A, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!)",
    "file_not_read": "a file in the raw folder that is not read (.xls, .csv, .ods, other)",
    "duplicate_export": "a file or sheet that is a copy of one read before (not read again)",
    "skipped_column": "a column of free text (comments, names), reported once and never shown",
    "header_mismatch": "a header whose statement id and text name different statements",
}


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a zero-based column index.

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A1-style name of a zero-based (row, column) position.

    Examples
    --------
    >>> cell_name(0, 0), cell_name(9, 27)
    ('A1', 'AB10')
    """
    return f"{column_letter(col)}{row + 1}"


@dataclass(frozen=True)
class Phrase:
    """A piece of a problem message in no language yet: a key of :mod:`maturity.text` and its
    fields (which may be phrases too), rendered by :meth:`render`.

    Examples
    --------
    >>> Phrase("problem.field.threat").render("sv"), Phrase("problem.field.threat").render("en")
    ('Hot', 'threat')
    """

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The phrase in ``lang``, its fields filled in (phrases among them rendered first).

        Examples
        --------
        >>> Phrase("problem.sheet_empty").render("en")
        'the sheet is empty'
        """
        return text.word(self.key, lang, **_rendered(self.fields, lang))


def _rendered(fields: Mapping[str, object], lang: str) -> dict[str, object]:
    return {k: v.render(lang) if isinstance(v, Phrase) else v for k, v in fields.items()}


class Problem(NamedTuple):
    """One logged problem: where, what kind, the raw value and the message (key and fields)."""

    source: str
    kind: str
    value: str
    message: Phrase

    def row(self, lang: str) -> tuple[str, str, str, str]:
        """``(source, kind, value, message)`` with the message in ``lang``.

        Examples
        --------
        >>> Problem("a.xlsx:Blad1:A1", "empty_sheet", "", Phrase("problem.sheet_empty")).row("sv")
        ('a.xlsx:Blad1:A1', 'empty_sheet', '', 'bladet är tomt')
        """
        return (self.source, self.kind, self.value, self.message.render(lang))


@dataclass
class ProblemLog:
    """Collects problems (message keys and fields, no language); raises at the first one when
    ``strict``.

    The message of a problem is a key of :mod:`maturity.text` (``problem.<name>``) with its
    fields; :meth:`to_frame` renders the table in a language, English by default (see the
    module docstring: the readers' ``problems`` and ``data/processed/problems.csv`` are
    English, the report workbook shows the report language). The error raised in strict mode
    is English.

    Examples
    --------
    >>> log = ProblemLog()
    >>> log.add("a.xlsx:Svar:D4", "out_of_scale", 7, "problem.survey.off_scale", value="7",
    ...         lo=1, hi=5)
    >>> log.to_frame()[["source", "kind", "value"]].to_dict("records")
    [{'source': 'a.xlsx:Svar:D4', 'kind': 'out_of_scale', 'value': '7'}]
    >>> log.to_frame("en")["message"][0], log.to_frame("sv")["message"][0]
    ("'7' is not a step of the scale 1–5", "'7' är inget steg på skalan 1–5")
    """

    strict: bool = False
    rows: list[Problem] = field(default_factory=list)

    def add(self, source: str, kind: str, value: object, key: str, /, **fields: object) -> None:
        """Record one problem (or raise it, in strict mode).

        Parameters
        ----------
        source : str
            ``file:sheet:cell``.
        kind : str
            One of :data:`PROBLEM_KINDS`.
        value : object
            The raw cell (None is logged as the empty text). A personnummer, e-mail address
            or phone number in it, or in a text field, is masked
            (:func:`maturity.io.personal.scrub`).
        key : str
            The message's key in :mod:`maturity.text` (``problem.<name>``).
        **fields
            The message's fields; a :class:`Phrase` is rendered in the table's language.

        Examples
        --------
        >>> log = ProblemLog()
        >>> log.add("a.xlsx:Blad1:A1", "empty_sheet", None, "problem.sheet_empty")
        >>> log.rows[0].value, log.rows[0].message.key
        ('', 'problem.sheet_empty')
        """
        value = scrub("" if value is None else str(value))
        fields = {k: scrub(v) if isinstance(v, str) else v for k, v in fields.items()}
        problem = Problem(source, kind, value, Phrase(key, fields))
        if self.strict:
            parts = source.split(":")
            file = parts[0] if parts else None
            sheet = parts[1] if len(parts) > 1 else None
            cell = ":".join(parts[2:]) if len(parts) > 2 else None
            raise InputError(problem.message.render("en"), file=file, sheet=sheet, cell=cell)
        self.rows.append(problem)

    @classmethod
    def joined(cls, logs: Iterable[ProblemLog]) -> ProblemLog:
        """One log of the problems of several, in order.

        Examples
        --------
        >>> a = ProblemLog()
        >>> a.add("a.xlsx:Blad1:A1", "empty_sheet", "", "problem.sheet_empty")
        >>> len(ProblemLog.joined([a, a]))
        2
        """
        joined = cls()
        for log in logs:
            joined.rows.extend(log.rows)
        return joined

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """The problems as a tidy table with the columns of :data:`PROBLEM_COLUMNS`.

        Parameters
        ----------
        lang : {"en", "sv"}
            The language of the ``message`` column; English (the machine table) by default.

        Examples
        --------
        >>> log = ProblemLog()
        >>> log.add("a.xlsx:Blad1:A1", "empty_sheet", "", "problem.sheet_empty")
        >>> log.to_frame("sv")["message"].tolist()
        ['bladet är tomt']
        """
        text.check_lang(lang)
        frame = pd.DataFrame(
            [problem.row(lang) for problem in self.rows], columns=PROBLEM_COLUMNS, dtype=object
        )
        return frame.astype({"source": str, "kind": str, "value": str, "message": str})


class ReadProblems:
    """What every reader result has: ``problems`` (the English table) and ``log`` (the same
    problems in no language), so that :meth:`problems_in` can show them in any language.

    A result made by hand without a log (``log=None``) has only its English table.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Result(ReadProblems):
    ...     problems: pd.DataFrame
    ...     log: ProblemLog | None = None
    >>> log = ProblemLog()
    >>> log.add("a.xlsx:Blad1:A1", "empty_sheet", "", "problem.sheet_empty")
    >>> Result(log.to_frame(), log).problems_in("sv")["message"].tolist()
    ['bladet är tomt']
    """

    problems: pd.DataFrame
    log: ProblemLog | None

    def problems_in(self, lang: str) -> pd.DataFrame:
        """The problems with their messages in ``lang`` (the columns of :data:`PROBLEM_COLUMNS`).

        Parameters
        ----------
        lang : {"sv", "en"}

        Returns
        -------
        DataFrame
            Rendered from ``log``; ``problems`` itself (English) when there is no log.

        Examples
        --------
        >>> survey.problems_in("sv")  # doctest: +SKIP
        """
        text.check_lang(lang)
        if self.log is None:
            return self.problems
        return self.log.to_frame(lang)
