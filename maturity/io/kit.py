"""The reading kit shared by every reader: one alias table, one header finder, one cell tally.

Header matching
---------------
:data:`ALIASES` holds, per field, every header people write for it (normalised, Swedish and
English). A reader names the fields it knows (e.g. ``("capability", "goal", "target")``) and
:func:`field_of` tells which of them a header cell names. The cell is tried as a whole, then,
in this order: a short code in brackets when the reader asks for one (``"Konsekvens (K)"``),
the text without its bracketed remarks (``"Målnivå (2030)"`` → ``målnivå``), the part before an
``=`` (``"R = S × K"``), the text without a scale mark (``"S 1–5"``), and the text without a
trailing unit word (``"Budget tkr"``). :func:`find_header` returns the first row, of the first
:data:`HEADER_SEARCH_ROWS`, whose cells name a complete set of fields.

Cell tally: the one invariant
-----------------------------
Every cell a reader reads is either accepted or reported, never both, never neither::

    cells_read == cells_accepted + len(problems)

A problem of a whole sheet or file (an empty sheet, an empty workbook, a missing column, no
header row) is reported at one cell (the sheet's ``A1`` or the header cell) and counts as that
one cell read. :class:`CellTally` keeps the count.

Examples
--------
>>> field_of("Målnivå (2030)", ("goal", "target")), field_of("Kommun", ("organisation",))
('target', 'organisation')
>>> workbook_paths(["a.xlsx", "b.xlsx"])
[PosixPath('a.xlsx'), PosixPath('b.xlsx')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from maturity.errors import InputError
from maturity.io.amounts import unit_factor
from maturity.io.opener import SPSS_SUFFIXES, TEXT_SUFFIXES, Sheet, Workbook
from maturity.io.problems import Phrase, Problem, ProblemLog
from maturity.io.values import as_text, is_blank, normalise

__all__ = [
    "ALIASES",
    "HEADER_SEARCH_ROWS",
    "SHEET_KINDS",
    "CellTally",
    "workbook_paths",
    "field_of",
    "find_header",
    "data_rows",
    "filled_sheets",
    "head_sheets",
    "sheet_named",
]

#: How many rows from the top are searched for the header row (by every reader and detect).
HEADER_SEARCH_ROWS = 50

#: Problem kinds about a whole sheet or file; each is reported at one cell and counts as one.
SHEET_KINDS = frozenset({"empty_sheet", "missing_column", "empty_file"})

#: What stands in round or square brackets in a header: "Budget (tkr)" → "tkr".
BRACKETS = re.compile(r"[(\[]([^)\]]*)[)\]]")
#: A scale written into a header: "Konsekvens 1–5".
SCALE_MARK = re.compile(r"\d\s*[-–]\s*\d")

#: Header aliases (normalised) per field, for every reader. One alias may belong to two fields
#: that no one reader uses together (``id``: a statement, a respondent, a risk).
ALIASES: dict[str, frozenset[str]] = {
    name: frozenset(aliases)
    for name, aliases in {
        # -- who and when ------------------------------------------------------------------
        "organisation": (
            "organisation",
            "organization",
            "kommun",
            "municipality",
            "org",
            "organisation/kommun",
            "förvaltning/organisation",
        ),
        "role": ("roll", "role", "respondentroll", "befattning"),
        "respondent": (
            "respondent",
            "id",
            "respondent id",
            "respondent-id",
            "respondentid",
            "svars-id",
            "svarsid",
            "response id",
            "löpnummer",
            "responseid",
            "svars id",
        ),
        "wave": ("wave", "våg", "omgång", "mätomgång", "undersökningsår"),
        #: the codebook's identity sheet: a column of the exports that is read past
        "skip": ("skip", "hoppa över", "läs inte", "do not read", "ignore", "ignorera"),
        #: columns of a survey export read past and never carried (names, contacts, times)
        "personal": (
            "namn",
            "name",
            "förnamn",
            "efternamn",
            "first name",
            "last name",
            "full name",
            "e-post",
            "epost",
            "e-postadress",
            "email",
            "e-mail",
            "mail",
            "email address",
            "starttid",
            "sluttid",
            "start time",
            "end time",
            "completion time",
            "tidpunkt",
            "datum",
            "date",
            "timestamp",
            "tidsstämpel",
            "inskickad",
            "submitted",
            "senast ändrad",
            "last modified",
            "ip",
            "ip-adress",
            "ip address",
            "telefon",
            "phone",
            "mobil",
            "personnummer",
            "användare",
            "user",
            "username",
            "titel",
            "title",
            # survey tools' own columns (Microsoft Forms, Google Forms, SurveyMonkey,
            # Qualtrics, LimeSurvey), in English and Swedish; a trailing number is cut
            # before lookup ("Custom Data 1")
            "slutförandetid",
            "senaste ändringstid",
            "last modified time",
            "tidstämpel",
            "e-postadress",
            "collector id",
            "insamlar-id",
            "insamlare",
            "start date",
            "end date",
            "startdatum",
            "slutdatum",
            "custom data",
            "anpassade data",
            "startdate",
            "enddate",
            "status",
            "response type",
            "ipaddress",
            "ipaddr",
            "progress",
            "förlopp",
            "duration",
            "varaktighet",
            "finished",
            "slutförd",
            "recordeddate",
            "recorded date",
            "recipientlastname",
            "recipientfirstname",
            "recipientemail",
            "recipient last name",
            "recipient first name",
            "recipient email",
            "externalreference",
            "external reference",
            "external data reference",
            "locationlatitude",
            "locationlongitude",
            "location latitude",
            "location longitude",
            "distributionchannel",
            "distribution channel",
            "userlanguage",
            "user language",
            "submitdate",
            "date submitted",
            "datum inskickat",
            "lastpage",
            "last page",
            "senaste sida",
            "startlanguage",
            "start language",
            "startspråk",
            "seed",
            "datestamp",
            "date last action",
            "date started",
            "refurl",
            "referrer url",
            "token",
        ),
        #: survey columns of free text (comments): never a statement, never published
        "free_text": (
            "övrigt",
            "övriga",
            "övriga kommentarer",
            "övriga synpunkter",
            "kommentar",
            "kommentarer",
            "comment",
            "comments",
            "other comments",
            "any other comments",
            "synpunkter",
            "fritext",
            "free text",
            "other (please specify)",
            "annat (ange)",
            "open-ended response",
        ),
        # -- codebook ----------------------------------------------------------------------
        "statement": ("statement", "id", "påstående", "statement id", "påstående-id", "fråga"),
        "text": ("text", "påståendetext", "statement text", "formulering"),
        "dimension": ("dimension", "område", "dimension/område"),
        "reverse": ("reverse", "omvänd", "omvänt", "reversed", "omvänd skala"),
        "parallel": (
            "parallell",
            "parallel",
            "parallellt påstående",
            "parallel statement",
            "motsvarar",
            "motsvarande påstående",
            "counterpart",
        ),
        "value": ("value", "värde", "poäng", "score"),
        "alias": ("alias", "aliases", "alias/alternativt namn", "alternativt namn"),
        "group": ("grupp", "group", "jämförelsegrupp", "comparison group", "kommungrupp"),
        "name": ("namn", "name", "benämning"),
        "plural": ("plural", "pluralis", "plural form"),
        "plural_definite": (
            "bestämd plural",
            "plural bestämd",
            "bestämd form plural",
            "plural definite",
            "definite plural",
        ),
        "name_en": (
            "name (en)",
            "name_en",
            "name en",
            "namn (en)",
            "namn_en",
            "namn engelska",
            "engelska",
            "engelskt namn",
            "english",
            "english name",
            "benämning (en)",
            "benämning engelska",
        ),
        "plural_en": ("plural (en)", "plural_en", "plural en", "plural engelska", "english plural"),
        "plural_definite_en": (
            "plural definite (en)",
            "plural_definite_en",
            "plural definite en",
            "bestämd plural (en)",
            "bestämd plural_en",
            "bestämd plural engelska",
            "english plural definite",
        ),
        "identity_header": (
            "header",
            "rubrik",
            "kolumnrubrik",
            "column header",
            "kolumn",
            "column",
            "fråga",
            "question",
        ),
        "identity_field": ("field", "fält", "means", "betyder", "identity", "identitet"),
        #: the capability or målbild goal an activity or a risk serves (optional)
        "serves": (
            "förmåga/mål",
            "förmåga eller mål",
            "bidrar till",
            "bidrar till förmåga",
            "kopplad förmåga",
            "koppling till målbild",
            "målbildskoppling",
            "förmåga",
            "mål",
            "målbild",
            "capability",
            "goal",
            "capability/goal",
            "serves",
            "addresses",
        ),
        # -- capability map ----------------------------------------------------------------
        "capability": ("förmåga", "capability", "förmågor", "capabilities"),
        "goal": ("mål", "goal", "målbild", "målbildsmål", "målområde", "goals"),
        "target": ("målnivå", "target", "target level", "mål nivå", "målnivåer", "önskad nivå"),
        "level": ("nivå", "level", "mognadsnivå", "maturity level", "bedömd nivå"),
        "label": (
            "label",
            "etikett",
            "svar",
            "svarsalternativ",
            "answer",
            "benämning",
            "namn",
            "name",
            "beskrivning",
            "nivånamn",
        ),
        "acceptable": (
            "acceptable",
            "godtagbar",
            "acceptabel",
            "godkänd",
            "accepterad",
            "godtagbar nivå",
        ),
        #: matrix columns that are no organisation (derived or free text); read past
        "aggregate": (
            "medel",
            "medelvärde",
            "mean",
            "average",
            "snitt",
            "genomsnitt",
            "kommentar",
            "kommentarer",
            "comment",
            "comments",
            "anmärkning",
            "not",
            "notes",
            "summa",
            "total",
            "nr",
            "id",
            "#",
        ),
        # -- risk register -----------------------------------------------------------------
        "risk_id": (
            "id",
            "risk-id",
            "riskid",
            "risk id",
            "nr",
            "nr.",
            "nummer",
            "risknr",
            "risk nr",
            "risknummer",
            "no",
            "number",
            "#",
        ),
        "date": (
            "datum",
            "date",
            "mötesdatum",
            "möte",
            "meeting",
            "meeting date",
            "uppföljningsdatum",
        ),
        "threat": (
            "hot",
            "threat",
            "hot/risk",
            "risk",
            "riskbeskrivning",
            "beskrivning",
            "hotbild",
            "risk description",
            "description",
        ),
        "vulnerability": ("sårbarhet", "sårbarheter", "vulnerability", "vulnerabilities"),
        "consequence_text": (
            "konsekvens",
            "konsekvenser",
            "consequence",
            "consequences",
            "konsekvensbeskrivning",
            "effekt",
            "effect",
        ),
        "probability": ("s", "sannolikhet", "probability", "likelihood", "p", "sannolikhet s"),
        "impact": (
            "k",
            "konsekvensgrad",
            "konsekvensnivå",
            "konsekvensvärde",
            "impact",
            "severity",
            "allvarlighet",
            "konsekvens k",
            "c",
        ),
        "score": (
            "r",
            "risk r",
            "riskvärde",
            "risktal",
            "risknivå",
            "riskpoäng",
            "score",
            "risk score",
            "risk value",
            "s×k",
            "s x k",
            "s*k",
            "sxk",
            "r = s × k",
            "r=s×k",
            "r = s x k",
            "r = s*k",
            "s × k = r",
        ),
        "action": (
            "åtgärd",
            "åtgärder",
            "action",
            "actions",
            "mitigation",
            "åtgärdsförslag",
            "planerad åtgärd",
            "planerade åtgärder",
            "hantering",
            "response",
        ),
        # -- action plan -------------------------------------------------------------------
        "area": (
            "område",
            "områden",
            "area",
            "areas",
            "fokusområde",
            "insatsområde",
            "målområde",
            "verksamhetsområde",
            "theme",
            "tema",
        ),
        "activity": (
            "aktivitet",
            "aktiviteter",
            "activity",
            "activities",
            "insats",
            "insatser",
            "åtgärd",
            "åtgärder",
            "action",
        ),
        "year": ("år", "year", "planerat år", "årtal", "genomförandeår", "planned year"),
        "status": ("status", "läge", "state", "lägesrapport"),
        "budget": (
            "budget",
            "budgeterat",
            "budgeterad kostnad",
            "planerad kostnad",
            "budgeted",
            "planned cost",
            "kalkyl",
        ),
        "spent": (
            "utfall",
            "spent",
            "actual",
            "actuals",
            "förbrukat",
            "använt",
            "kostnad",
            "verklig kostnad",
            "actual cost",
            "upparbetat",
            "outcome",
        ),
        "allocated": (
            "anslag",
            "allocated",
            "allocation",
            "budgetram",
            "ram",
            "tilldelat",
            "tilldelade medel",
            "årsbudget",
        ),
    }.items()
}


@lru_cache(maxsize=64)
def _lookup(fields: tuple[str, ...]) -> dict[str, str]:
    """``{alias: field}`` of the given fields; an alias of two of them is a programming error."""
    table: dict[str, str] = {}
    for name in fields:
        for alias in ALIASES[name]:
            if table.get(alias, name) != name:
                raise ValueError(f"the header {alias!r} names both {table[alias]} and {name}")
            table[alias] = name
    return table


def field_of(text: object, fields: Sequence[str], *, codes: Sequence[str] = ()) -> str | None:
    """The field of ``fields`` that a header cell names, or None (see the module docstring).

    Parameters
    ----------
    text : object
        The header cell.
    fields : sequence of str
        The fields the reader knows (keys of :data:`ALIASES`).
    codes : sequence of str
        Fields whose short codes may stand in brackets and win over the words outside them
        (``"Konsekvens (K)"`` is the number K, ``"Konsekvens (beskrivning)"`` the text).

    Examples
    --------
    >>> fields = ("consequence_text", "impact", "budget")
    >>> field_of("Konsekvens (K)", fields, codes=("impact",)), field_of("Konsekvens", fields)
    ('impact', 'consequence_text')
    >>> field_of("Budget (tkr)", fields), field_of("Budget tkr", fields), field_of(3, fields)
    ('budget', 'budget', None)
    """
    if not isinstance(text, str) or not text.strip():
        return None  # numbers, dates and blanks name no field
    return _field_of(text, tuple(fields), tuple(codes))


@lru_cache(maxsize=65536)
def _field_of(text: str, fields: tuple[str, ...], codes: tuple[str, ...]) -> str | None:
    table = _lookup(fields)
    for candidate in _candidates(normalise(text), table, codes):
        if candidate in table:
            return table[candidate]
    return None


def _candidates(key: str, table: dict[str, str], codes: Sequence[str]) -> Iterator[str]:
    """The readings of a normalised header, in the order they are tried."""
    yield key
    for inner in BRACKETS.findall(key):
        if codes and table.get(normalise(inner)) in codes:
            yield normalise(inner)
    outer = normalise(BRACKETS.sub(" ", key))
    yield outer
    if "=" in outer:
        yield normalise(outer.split("=")[0])
    yield normalise(SCALE_MARK.sub(" ", outer))
    words = re.split(r"[\s,]+", outer)
    if len(words) > 1 and unit_factor(words[-1]) is not None:
        yield " ".join(words[:-1]).strip(" ,")


def workbook_paths(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The workbooks named by ``source``: a file, a folder (its .xlsx/.xlsm files and its
    text and SPSS exports, sorted, Excel's ``~$`` lock files skipped) or a list of either.

    Examples
    --------
    >>> workbook_paths("data/raw/enkat_2022")  # doctest: +SKIP
    [PosixPath('data/raw/enkat_2022/Bengtsfors.xlsx'), ...]
    """
    if isinstance(source, str | Path):
        source = [source]
    files: list[Path] = []
    for item in source:
        item = Path(item)
        if item.is_dir():
            files.extend(
                p
                for p in sorted(item.iterdir())
                if p.suffix.lower() in {".xlsx", ".xlsm", *TEXT_SUFFIXES, *SPSS_SUFFIXES}
                and not p.name.startswith("~$")
            )
        else:
            files.append(item)
    return files


class CellTally:
    """Counts every verdict on a cell read and logs the problems (see the module docstring).

    Parameters
    ----------
    strict : bool
        Raise :class:`~maturity.errors.InputError` at the first problem instead of logging it.

    Attributes
    ----------
    log : ProblemLog
    read, accepted : int
        Cells read and cells accepted; ``read == accepted + len(log)`` at all times.

    Examples
    --------
    >>> tally = CellTally(strict=False)
    >>> tally.accept(); tally.problem("f.xlsx:Blad1:B2", "missing_value", "", "problem.sheet_empty")
    >>> tally.sheet_problem("f.xlsx:Blad2:A1", "empty_sheet", "problem.sheet_empty")
    >>> tally.read, tally.accepted, len(tally.log)
    (3, 1, 2)
    """

    def __init__(self, strict: bool) -> None:
        self.log = ProblemLog(strict=strict)
        self.read = 0
        self.accepted = 0

    def accept(self, n: int = 1) -> None:
        """Count ``n`` cells read and accepted."""
        self.read += n
        self.accepted += n

    def problem(self, source: str, kind: str, value: object, key: str, /, **fields: object) -> None:
        """Count one cell read and log its problem: message ``key`` of :mod:`maturity.text`
        with ``fields`` (see :meth:`ProblemLog.add <maturity.io.problems.ProblemLog.add>`)."""
        self.read += 1
        self.log.add(source, kind, as_text(value), key, **fields)

    def notice(self, source: str, kind: str, key: str, /, **fields: object) -> None:
        """Count one cell read and log a problem that is no error: logged even in strict mode
        (a survey's free-text column, skipped by design), with an empty value."""
        self.read += 1
        self.log.rows.append(Problem(source, kind, "", Phrase(key, fields)))

    def sheet_problem(self, source: str, kind: str, key: str, /, **fields: object) -> None:
        """Log a problem of a whole sheet or file at one cell (``source``); counts that cell.

        The logged value is empty; ``key`` and ``fields`` are the message, as in
        :meth:`problem`.
        """
        self.problem(source, kind, "", key, **fields)

    def formula_without_value(self, sheet: Sheet, r: int, c: int, what: object) -> bool:
        """True (and the problem logged) when the cell is a formula saved without its value.

        ``what`` names the cell in the message: a column header as written in the workbook, or
        a :class:`~maturity.io.problems.Phrase`.
        """
        if (r, c) in sheet.formula_cells:
            error = getattr(sheet, "error_cells", {}).get((r, c))
            if error is not None:  # an Excel error value (#N/A …), never a blank
                self.problem(
                    sheet.source(r, c),
                    "excel_error",
                    error,
                    "problem.hostile.excel_error",
                    what=what,
                )
                return True
            self.problem(
                sheet.source(r, c), "formula_without_value", "", "problem.formula_named", what=what
            )
            return True
        return False


def filled_sheets(book: Workbook, tally: CellTally) -> Iterator[Sheet]:
    """The sheets of a workbook that hold anything; an empty workbook or sheet is logged.

    Parameters
    ----------
    book : Workbook
    tally : CellTally
        Gets an ``empty_file`` or ``empty_sheet`` problem (at ``A1``) for what is not yielded.

    Yields
    ------
    Sheet
    """
    if not book.sheet_names:
        tally.sheet_problem(f"{book.name}::A1", "empty_file", "problem.no_worksheets")
    for name in book.sheet_names:
        sheet = book.sheet(name)
        if sheet.is_empty():
            tally.sheet_problem(sheet.source(0, 0), "empty_sheet", "problem.sheet_empty")
            continue
        yield sheet


def head_sheets(book: Workbook, n_rows: int = HEADER_SEARCH_ROWS) -> Iterator[Sheet]:
    """The first ``n_rows`` rows of each readable sheet, for a cheap ``detect``.

    A sheet that cannot be read is skipped (the reader reports it when the file is read).

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> [s.n_rows for s in head_sheets(open_workbook("data/raw/kodbok.xlsx"))]  # doctest: +SKIP
    [50, 5, 12]
    """
    for name in book.sheet_names:
        try:
            yield book.head(name, n_rows)
        except InputError:
            continue


def sheet_named(book: Workbook, names: Iterable[str]) -> str | None:
    """The first sheet of ``book`` whose normalised name is in ``names``, or None.

    Examples
    --------
    >>> from maturity.io.opener import open_workbook
    >>> sheet_named(open_workbook("data/raw/kodbok.xlsx"), {"skala", "scale"})  # doctest: +SKIP
    'scale'
    """
    wanted = set(names)
    for name in book.sheet_names:
        if normalise(name) in wanted:
            return name
    return None


def find_header(
    sheet: Sheet | Sequence[Sequence],
    field_of: Callable[[object], str | None],
    is_complete: Callable[[dict[str, int]], bool],
    limit: int = HEADER_SEARCH_ROWS,
) -> tuple[int | None, dict[str, int], list[tuple[str, int]]]:
    """The first row, of the first ``limit``, whose header cells name a complete set of fields.

    Parameters
    ----------
    sheet : Sheet or sequence of rows
    field_of : callable
        The field a header cell names, or None (usually :func:`field_of` with the reader's
        fields).
    is_complete : callable
        Given ``{field: column}`` of a row, True when the row is the header row.
    limit : int
        How many rows from the top are searched.

    Returns
    -------
    tuple
        ``(row, {field: column}, [(field, column) of a repeated field])``, the first column
        of a field winning; ``(None, {}, [])`` when no row is complete.

    Examples
    --------
    >>> sheet = Sheet("f.xlsx", "Blad1", [["Rapport"], ["Id", "Namn", "id"], ["1", "A", "2"]])
    >>> find_header(sheet, lambda v: str(v).lower() or None, lambda cols: "id" in cols)
    (1, {'id': 0, 'namn': 1}, [('id', 2)])
    """
    rows = sheet.rows if isinstance(sheet, Sheet) else sheet
    for r in range(min(limit, len(rows))):
        columns: dict[str, int] = {}
        duplicates = []
        for c, value in enumerate(rows[r]):
            name = field_of(value)
            if name is None:
                continue
            if name in columns:
                duplicates.append((name, c))
            else:
                columns[name] = c
        if is_complete(columns):
            return r, columns, duplicates
    return None, {}, []


def data_rows(sheet: Sheet, header: int, columns: Iterable[int]) -> Iterator[int]:
    """The rows below ``header`` with a value (or a formula without one) in any of ``columns``.

    Examples
    --------
    >>> sheet = Sheet("f.xlsx", "Blad1", [["ID", "Hot"], ["R1", ""], ["", ""], ["", "x"]])
    >>> list(data_rows(sheet, 0, [0, 1])), list(data_rows(sheet, 0, [0]))
    ([1, 3], [1])
    """
    columns = tuple(columns)
    for r in range(header + 1, sheet.n_rows):
        if any((r, c) in sheet.formula_cells or not is_blank(sheet.value(r, c)) for c in columns):
            yield r
