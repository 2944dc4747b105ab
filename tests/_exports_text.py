"""Test writers for survey exports as the tools write them: delimited text, SPSS, strict OOXML.

Every writer takes rows (header first; ``None`` = empty cell) and writes them the way the tool
or the program does, so the readers see what an analyst gets.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from tests._workbooks import write_rows

#: Transitional OOXML namespaces and their strict counterparts (ISO/IEC 29500 strict).
STRICT_NAMESPACES = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        "http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        "http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def _text(value, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        written = str(int(value)) if value.is_integer() else repr(value)
        return written.replace(".", decimal)
    return str(value)


def write_csv(
    path: Path,
    rows: list[list],
    *,
    delimiter: str = ";",
    encoding: str = "cp1252",
    decimal: str = ",",
    bom: bool = False,
    quote_all: bool = False,
    sep_line: bool = False,
) -> Path:
    """Delimited text as Excel or a survey tool saves it (CRLF line ends).

    Swedish Excel: ``delimiter=";", encoding="cp1252", decimal=","``; Excel's "CSV UTF-8":
    ``bom=True``; Google Forms' download: ``delimiter=",", encoding="utf-8", quote_all=True``.
    """
    buffer = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    if sep_line:
        buffer.write(f"sep={delimiter}\r\n")
    for row in rows:
        writer.writerow([_text(v, decimal) for v in row])
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_sav(
    path: Path,
    columns: dict[str, list],
    *,
    labels: dict[str, str] | None = None,
    value_labels: dict[str, dict] | None = None,
    missing: dict[str, list] | None = None,
) -> Path:
    """An SPSS file written by pyreadstat: variables, variable labels, value labels and
    user-defined missing codes (e.g. ``{"F1": [9]}`` for "Vet ej" = 9)."""
    import pyreadstat

    frame = pd.DataFrame(columns)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=labels or {},
        variable_value_labels=value_labels or {},
        missing_ranges=missing or {},
    )
    return path


def write_strict(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook saved as "Strict Open XML Spreadsheet": the transitional namespaces of every
    XML part replaced by the strict ones (the way Excel's strict format names them)."""
    plain = path.with_name(path.stem + "_transitional.xlsx")
    write_rows(plain, sheets)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for old, new in STRICT_NAMESPACES.items():
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            out.writestr(info, data)
    plain.unlink()
    return path


# -- whole exports, as the tools write them, for maturity init and the readers -----------------
SV_STEPS = [
    "Instämmer inte alls",
    "Instämmer i låg grad",
    "Instämmer delvis",
    "Instämmer i hög grad",
    "Instämmer helt",
]
EN_STEPS = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]
SV_TEXTS = [
    "Vi har en tydlig plan för digitalisering",
    "Vi mäter effekten av våra digitala investeringar",
    "Ledningen följer upp digitaliseringsarbetet",
    "Vi har en stabil driftsleverans",
    "Vår IT-dokumentation är god",
]
EN_TEXTS = [
    "We have a clear plan for digitalisation",
    "We measure the effect of our digital investments",
    "Management follows up the digital work",
    "Our IT operations are stable",
    "Our IT documentation is good",
]
ORGS = ["Tanum", "Åmål", "Munkedal"]
#: Respondents per organisation (at least the report's min_n, so groups are shown).
PER_ORG = 6


def step(i: int, j: int) -> int | None:
    """The answer of respondent ``i`` to statement ``j``: a step 1-5, or None = don't know."""
    k = (3 * i + 2 * j) % 11
    return None if k == 10 else 1 + k % 5


def respondents() -> list[tuple[int, str]]:
    return [(i, ORGS[i % len(ORGS)]) for i in range(PER_ORG * len(ORGS))]


MS_FORMS_METADATA = {
    "en": ["ID", "Start time", "Completion time", "Email", "Name", "Organisation"],
    "sv": ["ID", "Starttid", "Slutförandetid", "E-post", "Namn", "Kommun"],
}


def write_ms_forms(path: Path, lang: str = "en") -> Path:
    """Microsoft Forms in English or Swedish: metadata columns, the organisation asked as a
    question, one column per statement headed by its text, answers as labels; no role column.
    """
    import datetime as dt

    texts, steps = (EN_TEXTS, EN_STEPS) if lang == "en" else (SV_TEXTS, SV_STEPS)
    dont_know = "Don't know" if lang == "en" else "Vet ej"
    rows = [[*MS_FORMS_METADATA[lang], *texts]]
    for i, org in respondents():
        when = dt.datetime(2024, 3, 1, 9, 0) + dt.timedelta(minutes=7 * i)
        labels = [steps[s - 1] if s else dont_know for s in (step(i, j) for j in range(5))]
        rows.append([i + 1, when, when, "anonymous", None, org, *labels])
    return write_rows(path, {"Blad1" if lang == "sv" else "Sheet1": rows})


def write_google_csv(path: Path) -> Path:
    """Google Forms' CSV download: comma, UTF-8 without BOM, every cell quoted."""
    rows = [["Tidstämpel", "Kommun", *SV_TEXTS]]
    for i, org in respondents():
        labels = [SV_STEPS[s - 1] if s else "Vet ej" for s in (step(i, j) for j in range(5))]
        rows.append([f"2024/03/{1 + i % 28:02d} 10:15:00 CET", org, *labels])
    return write_csv(path, rows, delimiter=",", encoding="utf-8", decimal=".", quote_all=True)


def swedish_rows() -> list[list]:
    """Kommun, Roll, statements answered "4 - Instämmer i hög grad" (numbered labels), a share
    with a decimal comma; heads of department answer F1-F3, IT managers F4-F5."""
    header = ["Kommun", "Roll", *SV_TEXTS, "Andel klar"]
    rows = [header]
    for i, org in respondents():
        role = "förvaltningschef" if i % 2 == 0 else "IT-chef"
        asked = range(3) if role == "förvaltningschef" else range(3, 5)
        answers = []
        for j in range(5):
            s = step(i, j)
            answers.append(
                None if j not in asked else (f"{s} - {SV_STEPS[s - 1]}" if s else "Vet ej")
            )
        rows.append([org, role, *answers, 0.25 * (i % 4) + 0.5])
    return rows


def write_swedish_csv(path: Path) -> Path:
    """Swedish Excel's "CSV (semikolonavgränsad)": cp1252, ';', decimal commas."""
    return write_csv(path, swedish_rows(), delimiter=";", encoding="cp1252", decimal=",")


def write_bom_csv(path: Path) -> Path:
    """Excel's "CSV UTF-8": a byte-order mark, ',', a time stamp, labels as words."""
    header = ["Tidstämpel", "Kommun", *SV_TEXTS]
    rows = [header]
    for i, org in respondents():
        labels = [SV_STEPS[s - 1] if s else "Vet ej" for s in (step(i, j) for j in range(5))]
        rows.append([f"2024-03-{1 + i % 28:02d} 10:15:00", org, *labels])
    return write_csv(path, rows, delimiter=",", encoding="utf-8", decimal=".", bom=True)


def write_spss(path: Path) -> Path:
    """An SPSS file as the Swedish survey tools write it: coded answers with value labels,
    "Vet ej" = 9 as user-defined missing, question texts as variable labels, the organisation
    coded with value labels."""
    people = respondents()
    columns: dict[str, list] = {
        "resp": [f"r{i}" for i, _ in people],
        "kommun": [float(ORGS.index(org) + 1) for _, org in people],
    }
    for j in range(5):
        columns[f"q{j + 1}"] = [float(step(i, j) or 9) for i, _ in people]
    steps = {float(n): label for n, label in enumerate(SV_STEPS, start=1)} | {9.0: "Vet ej"}
    labels = {"resp": "Respondent", "kommun": "Kommun"}
    labels.update({f"q{j + 1}": SV_TEXTS[j] for j in range(5)})
    value_labels = {f"q{j + 1}": steps for j in range(5)}
    value_labels["kommun"] = {float(n): org for n, org in enumerate(ORGS, start=1)}
    return write_sav(
        path,
        columns,
        labels=labels,
        value_labels=value_labels,
        missing={f"q{j + 1}": [9.0] for j in range(5)},
    )
