"""Recognising the header of a survey export the way the survey tools write it.

Used by :func:`maturity.io.survey.survey_columns` (the public entry) and by the survey reader.

Shapes recognised
-----------------
* one header row of statement ids or texts, with a prefix or not (``F04``, ``F04. text``,
  ``Fråga 4: text``);
* grid columns ``Title [statement]`` (Google Forms, LimeSurvey with question texts) and
  ``Title - statement`` (Qualtrics);
* statement ids with brackets (``G01Q03[SQ001]``, LimeSurvey codes), matched whole;
* header blocks of two or three rows: SurveyMonkey (a question row and a row of statements or
  "Response" under it), Qualtrics (a code row, a text row and a row of
  ``{"ImportId": …}``): every row of the block is header, never a respondent.

Every column is one of :data:`COLUMN_KINDS`: ``identity`` (organisation, role, respondent,
wave; aliases in :data:`maturity.io.kit.ALIASES` and the codebook's ``identity`` sheet),
``statement``, ``metadata`` (the tools' own columns: times, IP address, e-mail, names, status,
progress …, read past and never carried), ``free_text`` (comments: by name, "Övrigt …",
"Kommentar", or because its cells are mostly text off the answer scale) and ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from maturity.io.kit import field_of
from maturity.io.values import as_text, is_blank, normalise, parse_number

__all__ = ["COLUMN_KINDS", "IDENTITY_FIELDS", "StatementIndex", "Column", "Block", "recognise"]

COLUMN_KINDS = ("statement", "identity", "metadata", "free_text", "unknown")
IDENTITY_FIELDS = ("organisation", "role", "respondent", "wave")

# "F04. text", "4 - label", "f04 – text": a short token, a separator, the rest
NUMBERED = re.compile(r"^([\w.,]{1,12}?)\s*(?:[.:=)–—-]\s*|\s+)(.*)$")
_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]$")
_IMPORT_ID = re.compile(r'^\s*\{\s*"importid"\s*:', re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\s*\d+$")
#: Sub-header cells of a column that is a question of its own (SurveyMonkey, Swedish tools).
_MARKERS = frozenset(
    {"response", "svar", "open-ended response", "öppet svar", "other (please specify)"}
)
#: Headers that start so are free-text columns ("Övrigt om digitalisering").
_FREE_TEXT_STARTS = (
    "övrig",
    "kommentar",
    "comment",
    "synpunkt",
    "fritext",
    "free text",
    "other comment",
    "any other",
    "anything else",
    "other (please specify)",
    "open-ended",
)
#: A value of a free-text column: text off the scale, longer than a label usually is.
_LONG_TEXT = 40


class StatementIndex:
    """The codebook's statements as header keys: ids (unique) and texts (one per role).

    Examples
    --------
    >>> import pandas as pd
    >>> index = StatementIndex(["F1", "F2"], ["Vi mäter", "Vi planerar"])
    >>> index.match("Digitalt [Vi mäter]").statements, index.match("F2 - Vi planerar").statements
    ((0,), (1,))
    >>> index.match("F1: Vi planerar").conflict
    (0, 1)
    """

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        self.ids: dict[str, int] = {}
        self.texts: dict[str, tuple[int, ...]] = {}
        self._memo: dict[str, Match | None] = {}
        for i, (sid, text) in enumerate(zip(ids, texts, strict=True)):
            self.ids.setdefault(normalise(sid), i)
            key = normalise(text)
            self.texts[key] = (*self.texts.get(key, ()), i)

    def exact(self, key: str) -> tuple[int, ...]:
        """The statements a normalised key names whole: an id, else a text (several roles)."""
        if key in self.ids:
            return (self.ids[key],)
        return self.texts.get(key, ())

    def match(self, text: object) -> Match | None:
        """How a header cell names statements, or None (see the module docstring)."""
        text = as_text(text)
        if text not in self._memo:
            self._memo[text] = self._match(text)
        return self._memo[text]

    def _match(self, text: str) -> Match | None:
        key = normalise(text)
        if not key:
            return None
        found = self.exact(key)
        if found:
            return Match(found, "code" if key in self.ids else "plain")
        grid = _GRID.match(key)
        if grid:
            found = self.exact(normalise(grid.group(2)))
            if found:
                return Match(found, "grid_brackets", grid.group(1))
        numbered = self._numbered(key)
        if numbered is not None:
            return numbered
        if ":" in key:
            found = self.texts.get(normalise(key.split(":", 1)[1]), ())
            if found:
                return Match(found, "numbered")
        for split in re.finditer(r"\s-\s", key):
            found = self.texts.get(normalise(key[split.end() :]), ())
            if found:
                return Match(found, "grid_dash", key[: split.start()])
        return None

    def _numbered(self, key: str) -> Match | None:
        found = NUMBERED.match(key)
        if not found:
            return None
        head, rest = found.group(1), normalise(found.group(2))
        by_text = self.texts.get(rest, ())
        if head in self.ids:
            i = self.ids[head]
            if not rest or not by_text or i in by_text:
                return Match((i,), "numbered")
            return Match((), "numbered", conflict=(i, by_text[0]))
        if by_text:
            return Match(by_text, "numbered")
        return None


@dataclass(frozen=True)
class Match:
    """Statements named by a header cell: indices (several for a text shared by roles), the
    shape, the grid title and, for ``F1: <text of F2>``, the (id, text) statements that
    disagree."""

    statements: tuple[int, ...]
    shape: str
    title: str = ""
    conflict: tuple[int, int] | None = None


@dataclass
class Column:
    """What one column of an export is (see :func:`recognise`)."""

    column: int
    kind: str
    field: str = ""  # identity field
    statements: tuple[int, ...] = ()
    title: str = ""  # the question title of a grid, or the header
    text: str = ""  # the header cell as written (the most specific one)
    shape: str = ""
    row: int = 0  # the row of the cell ``text`` comes from
    conflict: tuple[int, int] | None = None


@dataclass
class Block:
    """The header rows ``first``..``last`` of a sheet and its columns."""

    first: int
    last: int
    columns: list[Column]


def is_metadata(value: object) -> bool:
    """True for a survey tool's own column ("Start time", "IP Address", "Custom Data 1")."""
    if not isinstance(value, str) or not value.strip():
        return False
    if field_of(value, ("personal",)) is not None:
        return True
    cut = _TRAILING_NUMBER.sub("", value.strip())
    return cut != value.strip() and field_of(cut, ("personal",)) is not None


def is_free_text_name(value: object) -> bool:
    """True for a header that names a comment column ("Övrigt om …", "Kommentar")."""
    if not isinstance(value, str):
        return False
    key = normalise(value)
    if field_of(value, ("free_text",)) is not None:
        return True
    return key.startswith(_FREE_TEXT_STARTS)


def _is_import_id(value: object) -> bool:
    return isinstance(value, str) and _IMPORT_ID.match(value) is not None


def _filled(row: Sequence) -> list[int]:
    return [c for c, v in enumerate(row) if not is_blank(v)]


def _numeric(row: Sequence) -> bool:
    return any(parse_number(v) is not None for v in row if not is_blank(v))


class _Rows:
    """Per-row counts of the first rows of a sheet."""

    def __init__(self, head, identity_of, index) -> None:
        self.head = head
        self.identity_of = identity_of
        self.index = index

    def names(self, r: int) -> int:
        return sum(
            self.identity_of(v) is not None or is_metadata(v) for v in self.head[r] if v is not None
        )

    def statements(self, r: int) -> int:
        if self.index is None:
            return 0
        return sum(
            (m := self.index.match(v)) is not None and bool(m.statements)
            for v in self.head[r]
            if isinstance(v, str)
        )

    def organisation(self, r: int) -> bool:
        return any(self.identity_of(v) == "organisation" for v in self.head[r])


def _anchor(rows: _Rows) -> int | None:
    """The main header row: the first naming the organisation, else the first with two
    statements, else the first with two identity or metadata names."""
    n = len(rows.head)
    for test in (
        rows.organisation,
        lambda r: rows.statements(r) >= 2,
        lambda r: rows.names(r) >= 2,
    ):
        for r in range(n):
            if test(r):
                return r
    if rows.index is None:  # drafting: the first row of two or more texts and no numbers
        for r in range(n):
            if len(_filled(rows.head[r])) >= 2 and not _numeric(rows.head[r]):
                return r
    return None


def _is_sub_header(rows: _Rows, above: int, r: int) -> bool:
    """True when row ``r`` continues the header that ends at row ``above``."""
    row = rows.head[r]
    filled = _filled(row)
    if not filled:
        return False
    if _numeric(row):  # a respondent: an id, a time, a score
        return False
    if all(_is_import_id(row[c]) for c in filled):
        return True
    if any(isinstance(row[c], str) and normalise(row[c]) in _MARKERS for c in filled):
        return True
    if rows.statements(r) >= 2 or (rows.names(r) >= 2 and rows.names(above) >= 2):
        return True
    top = rows.head[above]
    named = [c for c in _filled(top) if rows.identity_of(top[c]) or is_metadata(top[c])]
    below_gap = any(c >= len(top) or is_blank(top[c]) for c in filled)
    return bool(named) and below_gap and all(c >= len(row) or is_blank(row[c]) for c in named)


def _block_rows(rows: _Rows, anchor: int) -> tuple[int, int]:
    first = anchor
    while first > 0 and anchor - first < 2 and rows.names(first - 1) >= 2:
        first -= 1  # a SurveyMonkey question row or a Qualtrics code row above the texts
    last = anchor
    while last + 1 < len(rows.head) and last - first < 2 and _is_sub_header(rows, last, last + 1):
        last += 1
    return first, last


def _cell(head, r: int, c: int):
    row = head[r]
    return row[c] if c < len(row) else None


def _carried_titles(head, first: int, last: int, width: int) -> list[str]:
    """The question title over each column: a grid's title stands over its first column only
    (SurveyMonkey), so it is carried right over the blank cells of the row above a
    statement."""
    titles = [""] * width
    if last == first:
        return titles
    current = ""
    for c in range(width):
        top = _cell(head, first, c)
        if not is_blank(top):
            current = as_text(top)
        elif all(is_blank(_cell(head, r, c)) for r in range(first + 1, last + 1)):
            current = ""
        titles[c] = current if is_blank(top) else as_text(top)
    return titles


def _column(head, c: int, first: int, last: int, title: str, identity_of, index) -> Column:
    """What column ``c`` is, from its cells in the header rows (the lowest cell first)."""
    cells = [
        (r, _cell(head, r, c))
        for r in range(last, first - 1, -1)
        if not is_blank(_cell(head, r, c)) and not _is_import_id(_cell(head, r, c))
    ]
    if not cells:
        return Column(c, "")  # no header: its values are reported as such
    named = [(r, v) for r, v in cells if normalise(as_text(v)) not in _MARKERS]
    row, text = (named or cells)[0]  # "Response" under a question is no name of its own
    for r, value in cells:
        name = identity_of(value)
        if name is not None:
            return Column(c, "identity", field=name, text=as_text(value), row=r)
    conflict = None
    for r, value in cells:
        if normalise(as_text(value)) in _MARKERS:
            continue
        match = index.match(value) if index is not None else None
        if match is not None and match.statements:
            grid = match.shape.startswith("grid")
            shape = match.shape if last == first or grid else "rows"
            own = match.title or (title if as_text(value) != title else "")
            return Column(c, "statement", statements=match.statements, title=own, text=as_text(value), shape=shape, row=r)  # fmt: skip
        if match is not None and conflict is None:
            conflict = (r, value, match.conflict)
    if conflict is not None:
        r, value, pair = conflict
        return Column(c, "unknown", text=as_text(value), row=r, conflict=pair, title=title)
    if any(is_metadata(v) for _, v in cells):
        return Column(c, "metadata", text=as_text(text), row=row)
    if any(is_free_text_name(v) for _, v in cells) or is_free_text_name(title):
        return Column(c, "free_text", text=as_text(text), row=row, title=title)
    return Column(c, "unknown", text=as_text(text), row=row, title=title)


def recognise(
    head: Sequence[Sequence],
    index: StatementIndex | None,
    identity_of: Callable[[object], str | None],
) -> Block | None:
    """The header block of the first rows of a sheet and what each column is.

    Parameters
    ----------
    head : sequence of rows
        The first rows of a sheet (values as read).
    index : StatementIndex or None
        The codebook's statements; None when drafting a codebook (no statements known).
    identity_of : callable
        The identity field a header cell names, or None.

    Returns
    -------
    Block or None
        None when no row looks like a header. A column whose header cells are all blank has
        kind ``""``.
    """
    rows = _Rows(head, identity_of, index)
    anchor = _anchor(rows)
    if anchor is None:
        return None
    first, last = _block_rows(rows, anchor)
    width = max((len(head[r]) for r in range(first, last + 1)), default=0)
    titles = _carried_titles(head, first, last, width)
    columns = [_column(head, c, first, last, titles[c], identity_of, index) for c in range(width)]
    return Block(first, last, columns)


def free_text_values(values: Sequence, on_scale: Callable[[object], bool] | None) -> bool:
    """True when the non-blank values look like comments, not answers on a scale.

    With a scale (``on_scale``): mostly text off the scale, longer than a stray mark ("x").
    Without one (drafting): more than 12 distinct texts, or mostly texts of 40 characters or
    more (answer labels are few and short).
    """
    filled = [v for v in values if not is_blank(v)]
    if not filled:
        return False
    if on_scale is not None:
        off = sum(
            isinstance(v, str)
            and len(v.strip()) > 3
            and parse_number(v) is None
            and not on_scale(v)
            for v in filled
        )
        return off * 2 > len(filled)
    texts = [v.strip() for v in filled if isinstance(v, str) and parse_number(v) is None]
    if len(set(texts)) > 12:
        return True
    return sum(len(t) >= _LONG_TEXT for t in texts) * 2 > len(filled)


_RAW_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")
_CODE = re.compile(r"^[\w.]{1,16}$")


def split_statement(text: str, rows: int) -> tuple[str, str, str]:
    """(title, statement text, shape) of a header cell when no codebook names it.

    ``Title [statement]`` is a grid (a bracketed code such as ``G01Q03[SQ001]`` is not);
    ``Title - statement`` is one in a header of several rows (Qualtrics).

    Examples
    --------
    >>> split_statement("Digitalisering [Vi mäter effekten]", 1)
    ('Digitalisering', 'Vi mäter effekten', 'grid_brackets')
    >>> split_statement("G01Q03[SQ001]", 1), split_statement("Q1 - Vi mäter", 3)[1]
    (('', 'G01Q03[SQ001]', 'code'), 'Vi mäter')
    """
    text = " ".join(text.split())
    grid = _RAW_GRID.match(text)
    if grid and not (_CODE.match(grid.group(1)) and _CODE.match(grid.group(2))):
        return grid.group(1), grid.group(2).strip(), "grid_brackets"
    if _CODE.match(text.replace("[", "").replace("]", "")) and not text.isalpha():
        return "", text, "code"
    if rows > 1 and " - " in text:
        title, _, statement = text.rpartition(" - ")
        return title, statement, "grid_dash"
    return "", text, "plain"
