"""Drafting a codebook from the survey exports an analyst already has (``maturity init``).

A new user gets exports, not a codebook. :func:`draft_codebook` reads one or more exports
(``.xlsx``, ``.csv``, ``.sav``; through the guarded opener) and proposes:

* **statements**: every answer column, with its header as text and a generated id (``F01`` …;
  a header that is only a code, such as ``q4`` or ``G01Q03[SQ001]``, is the id itself), the
  role of the rows that answer it, one dimension for all (to be set) and ``reverse`` = no;
* **the scale** from the answer labels: ordered by their numbers when the export has them
  (SPSS value labels, or labels written ``4 - Instämmer delvis``), else by the built-in
  Swedish and English agreement scales (:data:`maturity.text.ANSWER_SCALES`), else answers
  that are numbers give the steps; a label that is none of these is listed without a value,
  with a note. Don't-know answers ("Vet ej", "Don't know", an SPSS code 6/9/99 labelled so)
  get an empty value;
* **roles** from the role column (the sheet's name when there is none, as the survey reader
  takes it);
* **organisations** from the organisation column, spellings that differ only in case, spaces or
  Unicode form merged, and near-duplicates (``Amal``/``Åmål``, ``Tanums kommun``/``Tanum``)
  proposed as aliases of the most frequent spelling;
* **notes**: what the analyst should check, one row each.

:func:`write_codebook` writes the draft in the format :func:`maturity.io.codebook.read_codebook`
reads (sheets ``statements``, ``scale``, ``organisations``, ``roles``) plus a sheet of notes.
It never overwrites a file: an existing path is refused.

Free-text and metadata columns (times, names, e-mail, comments) are left out and named in the
notes by their header only; their values are never copied anywhere.

Examples
--------
>>> draft = draft_codebook(["data/raw/enkat.csv"], lang="sv")    # doctest: +SKIP
>>> write_codebook(draft, "data/raw/kodbok.xlsx", lang="sv")      # doctest: +SKIP
PosixPath('data/raw/kodbok.xlsx')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from maturity import text
from maturity.errors import MaturityError
from maturity.io.codebook import HEADERS
from maturity.io.kit import HEADER_SEARCH_ROWS
from maturity.io.opener import open_workbook
from maturity.io.survey import survey_columns
from maturity.io.values import as_text, is_blank, normalise, parse_number

__all__ = ["Draft", "draft_codebook", "write_codebook", "NOTE_COLUMNS"]

#: Columns of :attr:`Draft.notes`.
NOTE_COLUMNS = ["topic", "where", "note"]
#: Most distinct answers a statement column has; a column with more is free text.
MAX_ANSWER_LABELS = 15
#: Least share of a column's label answers that must be steps of a built-in scale for it to
#: be on that scale (the rest are typing slips, reported by the survey reader).
MIN_SCALE_SHARE = 0.8
#: Least answer rate of a role, as a share of the highest role's rate, for a statement to be
#: asked of that role.
ASKED_SHARE = 0.25
#: Least similarity (difflib ratio, 0-1) of two organisation names proposed as one.
ALIAS_SIMILARITY = 0.85
_CODE = re.compile(r"^(?=.*\d)[A-Za-z][\w.]{0,11}(?:\[[\w.]{1,12}\])?$")
_NUMBERED_LABEL = re.compile(r"^(\d{1,3})\s*[-–—.:=)]\s*(\S.*)$")
_TIME = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d\d(:\d\d)?)?")
_ORG_SUFFIX = re.compile(r"\s+(?:kommun|stad|municipality|region)$")


@dataclass
class Draft:
    """A drafted codebook (see the module docstring).

    Attributes
    ----------
    statements : DataFrame
        ``statement, text, role, dimension, reverse``.
    scale : DataFrame
        ``label, value``; an empty value is a don't-know label, or a label whose place on the
        scale is not known (see ``notes``).
    organisations : DataFrame
        ``organisation, alias``.
    roles : DataFrame
        ``role``.
    notes : DataFrame
        ``topic, where, note`` in the draft's language: what to check before use.
    files : list of str
    identity : DataFrame
        ``header, field``: questions that name an identity column ("Vilken kommun arbetar du
        i?" → organisation), written to the codebook's ``identity`` sheet.
    """

    statements: pd.DataFrame
    scale: pd.DataFrame
    organisations: pd.DataFrame
    roles: pd.DataFrame
    notes: pd.DataFrame
    files: list[str] = field(default_factory=list)
    identity: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["header", "field"], dtype=object)
    )


@dataclass
class _Column:
    """One answer column of one export sheet."""

    text: str
    group: str | None
    answers: Counter = field(default_factory=Counter)  # answer text -> count
    roles: Counter = field(default_factory=Counter)  # role -> answers given
    labels: dict = field(default_factory=dict)  # SPSS code -> label
    cell: str = ""  # the header cell as written


class _Notes:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rows: list[dict[str, str]] = []

    def add(self, topic: str, where: str, key: str, **fields: object) -> None:
        self.rows.append(
            {
                "topic": text.word(f"exports.topic.{topic}", self.lang),
                "where": where,
                "note": text.word(
                    key if "." in key else f"exports.note.{key}", self.lang, **fields
                ),
            }
        )

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=NOTE_COLUMNS)


# -- the one adapter over the header recognition of the survey reader ------------------------
def _survey_columns(rows: list[list]) -> tuple[int, int, list[tuple], dict[int, str]]:
    """(header row, first data row, columns, header cells) of a sheet, from its first rows.

    Each column is ``(index, kind, header text, group)``: kind is ``organisation``, ``role``,
    ``respondent``, ``wave``, ``personal`` (the tools' own columns, read past), ``free_text``
    or ``statement``; header text is the statement as written (without a grid's title) and
    group the title of the grid it belongs to, or None. Header cells are the cells as written
    (``Title [statement]``), by column index: what the codebook's identity sheet names. The
    header recognition is the survey reader's own
    (:func:`maturity.io.survey.survey_columns`): what the draft proposes is what the reader
    will find.
    """
    found = survey_columns(rows[:HEADER_SEARCH_ROWS])
    if found.empty:
        return 0, 1, [], {}
    columns = []
    for col in found.itertuples(index=False):
        kind = {"identity": col.field, "metadata": "personal"}.get(col.kind, col.kind)
        if kind == "unknown":
            kind = "statement"
        text = col.text if kind == "statement" else col.header
        columns.append((col.column, kind, " ".join(as_text(text).split()), col.title or None))
    first = int(found["first_data_row"].iloc[0])
    cells = {col.column: " ".join(as_text(col.header).split()) for col in found.itertuples()}
    return first - 1, first, columns, cells


# -- reading the exports ------------------------------------------------------------------------
def _canonical(counts: Counter) -> dict[str, str]:
    """Each written form -> the most frequent form with the same key (case, spaces, Unicode)."""
    by_key: dict[str, list[tuple]] = {}
    for form, n in counts.items():
        # ties: a form in mixed case ("Tanum", not "TANUM"), with its letters (Åmål, not Amal)
        rank = (-n, form.isupper() or form.islower(), -_marked(form), form)
        by_key.setdefault(_key(form), []).append(rank)
    return {rank[-1]: min(ranks)[-1] for ranks in by_key.values() for rank in ranks}


def _marked(form: str) -> int:
    """How many letters with diacritics a name has (Åmål: 3)."""
    return sum(len(unicodedata.normalize("NFD", c)) > 1 for c in form)


def _key(value: str) -> str:
    return normalise(unicodedata.normalize("NFKC", value).replace("’", "'").replace("‘", "'"))


def _looks_like_time(values: list) -> bool:
    import datetime as dt

    filled = [v for v in values if not is_blank(v)]
    return bool(filled) and all(
        isinstance(v, dt.date | dt.time) or (isinstance(v, str) and _TIME.match(v.strip()))
        for v in filled
    )


def _sheet_role(book, name: str, notes: _Notes, where: str) -> str:
    """The role of a sheet without a role column: its name when the workbook has one sheet
    per role, else (a lone "Sheet1", or a CSV or SPSS file named after its organisation) the
    one role of a single-role questionnaire, which the survey reader gives every row."""
    if len(book.sheet_names) > 1:
        notes.add("roles", where, "role_from_sheet", role=name)
        return name
    role = text.word("integrate.single_role", notes.lang)
    notes.add("roles", where, "integrate.note.single_role", role=role)
    return role


#: Words of a question that asks for the organisation ("Vilken kommun arbetar du i?").
_ORG_WORDS = re.compile(
    r"\b(?:kommun\w*|organisation\w*|organization\w*|municipality|förvaltning\w*|region)\b",
    re.IGNORECASE,
)


#: Answers of a yes/no question, never organisations.
_YES_NO = frozenset({"ja", "nej", "yes", "no", "vet ej", "don't know"})


def _organisation_question(
    columns: list, data: list, found: dict, notes: _Notes, where: str, cells: dict
):
    """Without an organisation column, the question that asks for it: the first statement
    column whose header names an organisation, else the first question when its answers are
    names: two or more words off every built-in scale, not yes/no (``G01Q01``: Tanum, Åmål).
    Its header goes to the codebook's identity sheet, so the reader finds it too."""
    if any(kind == "organisation" for _, kind, _, _ in columns):
        return columns
    scales = {_key(step) for scale in text.ANSWER_SCALES for step in scale}
    chosen = None
    for c, kind, header, _ in columns:
        if kind == "statement" and _ORG_WORDS.search(header):
            chosen = c
            break
    for c, kind, _, _ in columns if chosen is None else ():
        if kind != "statement":
            continue
        answers = {as_text(r[c]).strip() for r in data if c < len(r) and not is_blank(r[c])}
        words = _words(answers)
        off = words == answers and not any(_key(a) in scales | _YES_NO for a in answers)
        if len(answers) < 2 or not off:
            break  # the statements start: an organisation question stands before them
        chosen = c
        break
    if chosen is None:
        return columns
    out = []
    for c, kind, header, group in columns:
        if c == chosen:
            kind, header = "organisation", header
            found["identity"].append((cells[c], "organisation"))
            notes.add("organisations", f"{where}:{header}", "integrate.note.organisation_question")
        out.append((c, kind, header, group))
    return out


def _read_sheet(book, name: str, found: dict, notes: _Notes) -> None:
    sheet = book.sheet(name)
    if sheet.is_empty():
        return
    _, first, columns, cells = _survey_columns(sheet.rows)
    data = sheet.rows[first:]
    where = f"{book.name}:{name}"
    columns = _organisation_question(columns, data, found, notes, where, cells)
    kinds = {kind: c for c, kind, _, _ in columns if kind in ("organisation", "role")}
    roles = [
        as_text(r[kinds["role"]]).strip() if "role" in kinds and kinds["role"] < len(r) else ""
        for r in data
    ]
    if "role" not in kinds:
        roles = [_sheet_role(book, name, notes, where)] * len(data)
    found["roles"].update(r for r in roles if r)
    found["role_rows"].update(r for r in roles if r)
    if "organisation" in kinds:
        c = kinds["organisation"]
        found["organisations"].update(
            " ".join(as_text(r[c]).split()) for r in data if c < len(r) and not is_blank(r[c])
        )
    else:
        found["no_organisation"].append(where)
    labels = getattr(book, "value_labels", {})
    for c, kind, header, group in columns:
        if kind == "free_text":  # by name, or its first answers are comments
            _left_out(found, notes, f"{where}:{header}", "left_out_free_text", cells[c])
        if kind != "statement":
            continue
        values = [r[c] if c < len(r) else "" for r in data]
        if _looks_like_time(values):
            _left_out(found, notes, f"{where}:{header}", "left_out_time", cells[c])
            continue
        column = _Column(header, group, labels=labels.get(c, {}), cell=cells[c])
        for value, role in zip(values, roles, strict=True):
            if not is_blank(value):
                column.answers[as_text(value).strip()] += 1
                if role:  # a row without a role tells nothing about the statement's role
                    column.roles[role] += 1
        if len(column.answers) > MAX_ANSWER_LABELS:
            _left_out(found, notes, f"{where}:{header}", "left_out_free_text", cells[c])
            continue
        if any(_is_fraction(a) for a in column.answers):
            _left_out(found, notes, f"{where}:{header}", "left_out_numbers", cells[c])
            continue
        found["columns"].append((where, column))


def _left_out(found: dict, notes: _Notes, where: str, key: str, cell: str) -> None:
    """A column the draft leaves out: a note, and a ``skip`` row of the identity sheet, so
    the survey reader reports it once by its header, never cell by cell."""
    notes.add("left_out", where, key)
    found["identity"].append((cell, "skip"))


def _read_exports(paths: list[Path], notes: _Notes) -> dict:
    found = {
        "columns": [],
        "roles": Counter(),
        "role_rows": Counter(),
        "organisations": Counter(),
        "no_organisation": [],
        "identity": [],
    }
    for path in paths:
        book = open_workbook(path)
        for name in book.sheet_names:
            _read_sheet(book, name, found, notes)
    return found


# -- statements --------------------------------------------------------------------------------
def _statements(found: dict, role_of: dict[str, str], lang: str, notes: _Notes) -> pd.DataFrame:
    """One row per (text, role), in order of first appearance; generated or coded ids."""
    merged: dict[tuple[str, str], dict] = {}
    rows_of: Counter = Counter()
    for role, n in found["role_rows"].items():
        rows_of[role_of.get(role, role)] += n
    for where, column in found["columns"]:
        roles = Counter()
        for role, n in column.roles.items():
            roles[role_of.get(role, role)] += n
        roles = _asked(roles, rows_of)
        if not roles:
            roles = Counter({next(iter(role_of.values()), where.rsplit(":", 1)[1]): 0})
            notes.add("statements", f"{where}:{column.text}", "no_answers")
        if len(roles) > 1:
            notes.add("statements", f"{where}:{column.text}", "several_roles", n=len(roles))
        for role in roles:
            key = (_key(column.text), role)
            merged.setdefault(key, {"text": column.text, "role": role, "group": column.group})
    codes = {normalise(m["text"]) for m in merged.values() if _CODE.match(m["text"])}
    number, records, taken = 0, [], set()
    for entry in merged.values():
        if normalise(entry["text"]) in codes - taken:
            sid = entry["text"]
            notes.add("statements", sid, "code_only")
        else:
            number += 1
            while normalise(f"F{number:02d}") in codes:
                number += 1
            sid = f"F{number:02d}"
        taken.add(normalise(sid))
        records.append(
            {
                "statement": sid,
                "text": entry["text"],
                "role": entry["role"],
                "dimension": entry["group"] or text.word("exports.dimension", lang),
                "reverse": False,
            }
        )
    if records:
        notes.add("statements", "", "check_dimensions_reverse", n=len(records))
    return pd.DataFrame.from_records(
        records, columns=["statement", "text", "role", "dimension", "reverse"]
    )


def _asked(answers: Counter, rows: Counter) -> Counter:
    """The roles a statement is asked: those whose answer rate is at least
    :data:`ASKED_SHARE` of the highest role's (a few stray answers make no role)."""
    rates = {role: n / max(rows[role], n, 1) for role, n in answers.items()}
    top = max(rates.values(), default=0)
    return Counter({r: answers[r] for r, rate in rates.items() if rate >= ASKED_SHARE * top})


# -- the scale ---------------------------------------------------------------------------------
def _is_dont_know(label: str) -> bool:
    """A don't-know label, also when numbered ("6 - Vet ej")."""
    known = {_key(d) for d in text.DONT_KNOW_LABELS}
    numbered = _NUMBERED_LABEL.match(label)
    return _key(label) in known or (numbered is not None and _key(numbered.group(2)) in known)


def _scale_from_codes(labels: dict, notes: _Notes) -> list[tuple[str, float | None]] | None:
    """Steps from SPSS value labels: the codes without the don't-know labels, in order."""
    steps = {code: label for code, label in labels.items() if not _is_dont_know(label)}
    codes = sorted(c for c in steps if isinstance(c, float) and c.is_integer())
    if len(codes) < 2 or codes[-1] - codes[0] + 1 != len(codes):
        return None
    scale = [(steps[c], c) for c in codes]
    scale += [(label, None) for code, label in labels.items() if _is_dont_know(label)]
    notes.add("scale", "", "scale_from_codes", n=len(codes))
    return scale


def _scale_from_numbered(answers: Counter, notes: _Notes) -> list | None:
    """Steps from answers written ``4 - Instämmer delvis``."""
    numbered: dict[int, str] = {}
    for answer in answers:
        found = _NUMBERED_LABEL.match(answer)
        if found and not _is_dont_know(found.group(2)):
            numbered.setdefault(int(found.group(1)), " ".join(found.group(2).split()))
    if len(numbered) < 2:
        return None
    notes.add("scale", "", "scale_from_numbers", n=len(numbered))
    return [(label, float(n)) for n, label in sorted(numbered.items())]


def _words(answers) -> set[str]:
    """The answers that are labels: not numbers, not numbered, not don't-know."""
    return {
        a
        for a in answers
        if not _is_number(a) and not _is_dont_know(a) and not _NUMBERED_LABEL.match(a)
    }


def _share(answers: Counter, scale: tuple[str, ...]) -> float:
    """The share of the label answers (by count) that are steps of ``scale``; 1 without any."""
    words = _words(answers)
    total = sum(answers[w] for w in words)
    keys = {_key(step) for step in scale}
    return sum(answers[w] for w in words if _key(w) in keys) / total if total else 1.0


def _best_list(answers: Counter) -> tuple[str, ...] | None:
    """The built-in scale most label answers are steps of (at least :data:`MIN_SCALE_SHARE`),
    the shortest of equals."""
    if not _words(answers):
        return None
    share, _, scale = max((_share(answers, s), -len(s), s) for s in text.ANSWER_SCALES)
    return scale if share >= MIN_SCALE_SHARE else None


def _scale_from_lists(answers: Counter, notes: _Notes) -> list | None:
    """Steps from the built-in agreement scale of the answers; labels off it are named."""
    chosen = _best_list(answers)
    if chosen is None:
        return None
    notes.add("scale", "", "scale_from_list", first=chosen[0], last=chosen[-1])
    keys = {_key(step) for step in chosen}
    for word in sorted(_words(answers)):
        if _key(word) not in keys and len(word) <= 40:
            notes.add("scale", word, "label_off_scale")
    return [(label, float(i)) for i, label in enumerate(chosen, start=1)]


def _keep_one_scale(found: dict, notes: _Notes) -> None:
    """When the answers of all columns have no one built-in scale, keep the columns of the
    scale most of them have and leave the others out (a yes/no question beside the
    statements). SPSS value labels and numbered labels give the scale themselves."""
    columns = found["columns"]
    every: Counter = Counter()
    for _, column in columns:
        every.update(column.answers)
    if any(c.labels for _, c in columns) or _best_list(every) or not _words(every):
        return
    numbered = {m.group(1) for a in every if (m := _NUMBERED_LABEL.match(a))}
    if len(numbered) >= 2:
        return
    best, _, scale = max(
        (sum(_share(c.answers, s) >= MIN_SCALE_SHARE for _, c in columns), -len(s), s)
        for s in text.ANSWER_SCALES
    )
    if best == 0:
        return
    kept = []
    for where, column in columns:
        if _share(column.answers, scale) >= MIN_SCALE_SHARE:
            kept.append((where, column))
        else:
            _left_out(found, notes, f"{where}:{column.text}", "left_out_other_scale", column.cell)
    found["columns"] = kept


def _scale(found: dict, notes: _Notes) -> pd.DataFrame:
    _keep_one_scale(found, notes)
    answers: Counter = Counter()
    labels: dict = {}
    for _, column in found["columns"]:
        answers.update(column.answers)
        labels.update(column.labels)
    dont_know = sorted({a for a in answers if _is_dont_know(a)} | _dk_labels(labels))
    words = _words(answers)
    numbers = sorted({parse_number(a) for a in answers if _is_number(a)})
    scale = (
        (_scale_from_codes(labels, notes) if labels else None)
        or _scale_from_numbered(answers, notes)
        or _scale_from_lists(answers, notes)
    )
    if scale is None and len(numbers) >= 2 and not words:
        low, high = int(min(numbers)), int(max(numbers))
        scale = [(str(n), float(n)) for n in range(low, high + 1)]
        notes.add("scale", "", "scale_from_plain_numbers", low=low, high=high)
    if scale is None:
        scale = [(label, None) for label in sorted(words)]
        notes.add("scale", "", "scale_unknown", n=len(words))
    known = {_key(label) for label, _ in scale}
    scale += [(label, None) for label in dont_know if _key(label) not in known]
    for label in dont_know:
        notes.add("scale", label, "dont_know")
    return pd.DataFrame(
        {"label": [label for label, _ in scale], "value": [v for _, v in scale]},
    )


def _dk_labels(labels: dict) -> set[str]:
    return {label for label in labels.values() if _is_dont_know(label)}


def _is_fraction(answer: str) -> bool:
    number = parse_number(answer)
    return number is not None and not number.is_integer()


def _is_number(answer: str) -> bool:
    number = parse_number(answer)
    return number is not None and number.is_integer()


# -- organisations -----------------------------------------------------------------------------
def _plain(name: str) -> str:
    """A name for comparison: key, without a trailing "kommun"/"stad", without accents."""
    key = _ORG_SUFFIX.sub("", _key(name))
    key = re.sub(r"s$", "", key) if key != _key(name) else key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _organisations(found: dict, notes: _Notes) -> pd.DataFrame:
    counts: Counter = found["organisations"]
    canonical = _canonical(counts)
    totals: Counter = Counter()
    for form, n in counts.items():
        totals[canonical[form]] += n
    owner: dict[str, str] = {}
    names: list[str] = []
    for name, _ in sorted(totals.items(), key=lambda item: (-item[1], -_marked(item[0]), item[0])):
        similar = [
            other
            for other in names
            if difflib.SequenceMatcher(None, _plain(name), _plain(other)).ratio()
            >= ALIAS_SIMILARITY
        ]
        if similar:
            owner[name] = similar[0]
            notes.add("organisations", name, "alias_proposed", alias=name, name=similar[0])
        else:
            owner[name] = name
            names.append(name)
    rows = [(name, name) for name in sorted(names)]
    for form in sorted(counts):
        head = owner[canonical[form]]
        if normalise(form) != normalise(head):
            rows.append((head, form))
    for where in found["no_organisation"]:
        notes.add("organisations", where, "no_organisation_column")
    return pd.DataFrame(sorted(rows), columns=["organisation", "alias"])


def _identity(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """The identity sheet: each header once (by its key), the first field given it."""
    first: dict[str, tuple[str, str]] = {}
    for header, name in rows:
        first.setdefault(_key(header), (header, name))
    return pd.DataFrame(list(first.values()), columns=["header", "field"], dtype=object)


# -- the API -----------------------------------------------------------------------------------
def draft_codebook(paths, *, lang: str = "sv") -> Draft:
    """Draft a codebook from survey exports (see the module docstring).

    Parameters
    ----------
    paths : path or list of paths
        Exports: ``.xlsx``/``.xlsm``, ``.csv``/``.tsv``/``.txt``, ``.sav``.
    lang : {"sv", "en"}
        Language of the notes and of the placeholder dimension.

    Returns
    -------
    Draft

    Raises
    ------
    InputError
        For a file that is not a sound export (see :func:`maturity.io.opener.open_workbook`).

    Examples
    --------
    >>> draft = draft_codebook(["svar.csv"], lang="en")     # doctest: +SKIP
    >>> draft.scale["label"].tolist()[:2]                    # doctest: +SKIP
    ['Strongly disagree', 'Disagree']
    """
    text.check_lang(lang)
    paths = [Path(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
    notes = _Notes(lang)
    found = _read_exports(paths, notes)
    role_of = _canonical(found["roles"])
    roles = sorted(set(role_of.values()), key=lambda r: (-found["roles"][r], r))
    scale = _scale(found, notes)
    statements = _statements(found, role_of, lang, notes)
    organisations = _organisations(found, notes)
    return Draft(
        statements,
        scale,
        organisations,
        pd.DataFrame({"role": [r for r in roles if r in set(statements["role"])]}),
        notes.frame(),
        [str(p) for p in paths],
        _identity(found["identity"]),
    )


#: Header rows of the written sheets (the codebook reader's canonical names).


def write_codebook(draft: Draft, path: str | Path, *, lang: str = "sv") -> Path:
    """Write a drafted codebook; never over an existing file.

    Parameters
    ----------
    draft : Draft
    path : str or Path
        The new codebook (``.xlsx``). Refused when anything exists at that path.
    lang : {"sv", "en"}
        Language of the notes sheet's name and headers and of ``reverse`` (ja/nej, yes/no).

    Returns
    -------
    Path

    Raises
    ------
    MaturityError
        When ``path`` exists: nothing is written.

    Examples
    --------
    >>> write_codebook(draft_codebook(["svar.csv"]), "kodbok.xlsx")  # doctest: +SKIP
    PosixPath('kodbok.xlsx')
    """
    import openpyxl

    from maturity.xlsx_writer import save_workbook

    path = Path(path)
    if path.exists() or path.is_symlink():
        raise MaturityError(text.word("exports.exists", lang, path=path))
    no = text.word("value.no", lang)
    sheets = {
        "statements": [
            [r.statement, r.text, r.role, r.dimension, no] for r in draft.statements.itertuples()
        ],
        "scale": [
            [r.label, None if pd.isna(r.value) else r.value] for r in draft.scale.itertuples()
        ],
        "organisations": draft.organisations.values.tolist(),
        "roles": [[role] for role in draft.roles["role"]],
    }
    if len(draft.identity):
        sheets["identity"] = draft.identity.values.tolist()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        _sheet(book, name, [HEADERS[name], *rows])
    header = [text.word(f"exports.notes_header.{c}", lang) for c in NOTE_COLUMNS]
    rows = [list(row) for row in draft.notes.itertuples(index=False)]
    _sheet(book, text.word("exports.notes_sheet", lang), [header, *rows])
    return save_workbook(book, path)


#: Widest column of the written sheets (characters); longer text wraps.
_MAX_WIDTH = 90


def _sheet(book, name: str, rows: list[list]) -> None:
    """One sheet: a bold, frozen header row and columns as wide as their text (up to a limit)."""
    from openpyxl.styles import Alignment, Font

    from maturity.xlsx_writer import excel_text

    sheet = book.create_sheet(name)
    for row in rows:
        sheet.append([excel_text(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for c, column in enumerate(sheet.iter_cols(), start=1):
        width = max(len(str(cell.value or "")) for cell in column)
        letter = _letter(c)
        sheet.column_dimensions[letter].width = min(width + 2, _MAX_WIDTH)
        if width > _MAX_WIDTH:
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines = -(-len(str(cell.value or "")) // _MAX_WIDTH)
                height = sheet.row_dimensions[cell.row].height or 15
                sheet.row_dimensions[cell.row].height = max(height, 15 * lines)


def _letter(index: int) -> str:
    """The column letters of a one-based column index (1 = A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
