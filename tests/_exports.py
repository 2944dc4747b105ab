"""Test helpers: survey exports written the way the survey tools write them.

Each writer writes one export of a small single-role questionnaire (the statements of
:data:`STATEMENTS`, answered on the scale of :data:`tests._workbooks.SCALE`) with the tool's
own columns filled with personal data, a free-text column holding a name, a phone number and
an e-mail address (:data:`PLANTED`), and returns the answers a correct reader must find: a
DataFrame with ``organisation, role, statement, score, answer, source`` (one row per answer
cell, blank answers included as NaN scores).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from tests._workbooks import SCALE, STATEMENTS, write_codebook, write_rows

#: The personal data planted in every export's free-text and metadata columns: none of it
#: may appear in any problem, table or report.
PLANTED = ("Karin Lindqvist", "070-123 45 67", "karin.lindqvist@tanum.se")
COMMENT = f"Ring {PLANTED[0]} på {PLANTED[1]} eller skriv till {PLANTED[2]} om detta"
ROLE = "förvaltningschef"
#: The single-role questionnaire (the manager statements of tests._workbooks).
SINGLE = STATEMENTS[STATEMENTS["role"] == ROLE].reset_index(drop=True)
ORG_QUESTION = "Vilken kommun arbetar du i?"
GRID_TITLE = "Hur väl stämmer följande påståenden?"
ORGANISATIONS = ["Tanum", "Åmål", "SML-IT"]
#: LimeSurvey's codes: the organisation question, then the array's sub-questions.
LIME_CODES = ["G01Q01", "G01Q02[SQ001]", "G01Q02[SQ002]", "G01Q02[SQ003]"]
N = 7  # respondents per export


def codebook(path: Path, *, ids: list[str] | None = None, org_header: str = ORG_QUESTION):
    """A single-role codebook whose ``identity`` sheet names the organisation question."""
    statements = SINGLE.copy()
    if ids is not None:
        statements["statement"] = ids
    write_codebook(path, statements=statements)
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("identity")
    sheet.append(["header", "field"])
    sheet.append([org_header, "organisation"])
    book.save(path)
    return path


def _answers(seed: int, labels: bool) -> list[list]:
    """N x statements answers: labels (or numbers), with a "Vet ej" and a blank."""
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(N, len(SINGLE))).tolist()
    names = dict(zip(SCALE["value"], SCALE["label"], strict=True))
    rows = [[names[float(v)] if labels else v for v in row] for row in values]
    rows[1][0] = "Vet ej"
    rows[2][2] = None
    return rows


def _expected(file: str, sheet: str, first_row: int, first_col: int, answers, orgs, ids=None):
    """The tidy answers of the answer block whose top-left cell is (first_row, first_col)."""
    ids = list(SINGLE["statement"]) if ids is None else ids
    labels = {label: value for label, value in zip(SCALE["label"], SCALE["value"], strict=True)}
    reverse = dict(zip(ids, SINGLE["reverse"], strict=True))
    records = []
    for i, row in enumerate(answers):
        for j, value in enumerate(row):
            raw = labels.get(value, value) if isinstance(value, str) else value
            score = np.nan if raw is None or pd.isna(raw) else float(raw)
            if reverse[ids[j]] and not np.isnan(score):
                score = 6 - score
            col = _letter(first_col + j)
            records.append(
                {
                    "organisation": orgs[i],
                    "role": ROLE,
                    "statement": ids[j],
                    "score": score,
                    "answer": "" if value is None else str(value),
                    "source": f"{file}:{sheet}:{col}{first_row + i + 1}",
                }
            )
    return pd.DataFrame(records)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _orgs() -> list[str]:
    return [ORGANISATIONS[i % len(ORGANISATIONS)] for i in range(N)]


def ms_forms(folder: Path, lang: str = "en") -> tuple[Path, pd.DataFrame]:
    """Microsoft Forms: one header row, the tool's columns first; the file named after the form
    with the response count, ``Digital mognad(1-2019).xlsx``."""
    meta = {
        "en": ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
        "sv": ["ID", "Starttid", "Slutförandetid", "E-post", "Namn", "Senaste ändringstid"],
    }[lang]
    header = [*meta, ORG_QUESTION, *SINGLE["text"], "Övrigt om digitalisering"]
    answers, orgs = _answers(1, labels=True), _orgs()
    rows = [header]
    for i in range(N):
        when = f"2019-03-0{i + 1} 10:0{i}:00"
        person = [i + 1, when, when, PLANTED[2], PLANTED[0], ""]
        rows.append([*person, orgs[i], *answers[i], COMMENT if i % 2 else None])
    path = write_rows(folder / "Digital mognad(1-2019).xlsx", {"Sheet1": rows})
    return path, _expected(path.name, "Sheet1", 1, 7, answers, orgs)


def google_forms(folder: Path, grid: bool = True) -> tuple[Path, pd.DataFrame]:
    """Google Forms: ``Tidstämpel`` and e-mail first; a grid's columns ``Title [statement]``."""
    texts = [f"{GRID_TITLE} [{t}]" if grid else t for t in SINGLE["text"]]
    header = ["Tidstämpel", "E-postadress", ORG_QUESTION, *texts, "Kommentar"]
    answers, orgs = _answers(2, labels=True), _orgs()
    rows = [header]
    for i in range(N):
        rows.append([f"2022-04-0{i + 1} 08:15:00", PLANTED[2], orgs[i], *answers[i], COMMENT])
    path = write_rows(folder / "Digital mognad 2022 (svar).xlsx", {"Formulärsvar 1": rows})
    return path, _expected(path.name, "Formulärsvar 1", 1, 3, answers, orgs)


def surveymonkey(folder: Path, matrix: bool = True) -> tuple[Path, pd.DataFrame]:
    """SurveyMonkey: a question row and a row of statements (a matrix) or "Response" under it."""
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address"]
    meta += ["Email Address", "First Name", "Last Name", "Custom Data 1"]
    k = len(SINGLE)
    if matrix:
        top = [GRID_TITLE] + [None] * (k - 1)
        sub = list(SINGLE["text"])
    else:
        top = list(SINGLE["text"])
        sub = ["Response"] * k
    row0 = [*meta, ORG_QUESTION, *top, "Övrigt om digitalisering"]
    row1 = [None] * len(meta) + ["Response", *sub, "Open-Ended Response"]
    answers, orgs = _answers(3, labels=True), _orgs()
    rows = [row0, row1]
    for i in range(N):
        person = [11800000 + i, 4242, "03/01/2022 10:00:00", "03/01/2022 10:05:00"]
        person += ["192.168.0.1", PLANTED[2], "Karin", "Lindqvist", PLANTED[1]]
        rows.append([*person, orgs[i], *answers[i], COMMENT])
    path = write_rows(folder / "Digital mognad 2022.xlsx", {"Sheet": rows})
    return path, _expected(path.name, "Sheet", 2, len(meta) + 1, answers, orgs)


def qualtrics(folder: Path) -> tuple[Path, pd.DataFrame]:
    """Qualtrics: a code row, a text row (``Title - statement``) and a row of ImportIds."""
    codes = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)"]
    codes += ["Finished", "RecordedDate", "ResponseId", "RecipientLastName"]
    codes += ["RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude"]
    codes += ["LocationLongitude", "DistributionChannel", "UserLanguage"]
    texts = ["Start Date", "End Date", "Response Type", "IP Address", "Progress"]
    texts += ["Duration (in seconds)", "Finished", "Recorded Date", "Response ID"]
    texts += ["Recipient Last Name", "Recipient First Name", "Recipient Email"]
    texts += ["External Data Reference", "Location Latitude", "Location Longitude"]
    texts += ["Distribution Channel", "User Language"]
    k = len(SINGLE)
    row0 = [*codes, "Q1", *(f"Q2_{j + 1}" for j in range(k)), "Q3"]
    row1 = [*texts, ORG_QUESTION, *(f"{GRID_TITLE} - {t}" for t in SINGLE["text"])]
    row1.append("Övrigt om digitalisering")
    row2 = [json.dumps({"ImportId": c}) for c in codes[:2]]
    row2 += [json.dumps({"ImportId": c.lower()}) for c in codes[2:]]
    row2 += [json.dumps({"ImportId": "QID1"})]
    row2 += [json.dumps({"ImportId": f"QID2_{j + 1}"}) for j in range(k)]
    row2 += [json.dumps({"ImportId": "QID3_TEXT"})]
    answers, orgs = _answers(4, labels=True), _orgs()
    rows = [row0, row1, row2]
    for i in range(N):
        person = ["2022-05-02 09:00:00", "2022-05-02 09:07:00", "IP Address", "10.0.0.1", 100]
        person += [420, "True", "2022-05-02 09:07:01", f"R_3kX9z{i}", "Lindqvist", "Karin"]
        person += [PLANTED[2], PLANTED[1], 58.35, 11.92, "anonymous", "SV"]
        rows.append([*person, orgs[i], *answers[i], COMMENT])
    path = write_rows(folder / "Digital_mognad_2022.xlsx", {"Sheet0": rows})
    return path, _expected(path.name, "Sheet0", 3, len(codes) + 1, answers, orgs)


def limesurvey(folder: Path, texts: bool = True) -> tuple[Path, pd.DataFrame]:
    """LimeSurvey: question codes (``G01Q02[SQ001]``, numbers as answers) or question texts
    (``Title [statement]``, labels as answers). With codes, the codebook's ids are the codes
    (:data:`LIME_CODES`) and its identity sheet names ``G01Q01`` (see :func:`codebook`)."""
    if texts:
        meta = ["Response ID", "Date submitted", "Last page", "Start language", "Seed"]
        meta += ["Date started", "Date last action", "IP address", "Referrer URL"]
        questions = [ORG_QUESTION, *(f"{GRID_TITLE} [{t}]" for t in SINGLE["text"])]
        questions.append("Övrigt om digitalisering")
    else:
        meta = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate"]
        meta += ["datestamp", "ipaddr", "refurl"]
        questions = [*LIME_CODES, "G01Q03"]
    answers, orgs = _answers(5, labels=texts), _orgs()
    rows = [[*meta, *questions]]
    for i in range(N):
        person = [i + 1, "2022-06-01 12:00:00", 2, "sv", 1234567 + i, "2022-06-01 11:50:00"]
        person += ["2022-06-01 12:00:00", "10.1.1.1", "https://example.se/?namn=Karin"]
        rows.append([*person, orgs[i], *answers[i], COMMENT])
    name = "results-survey123456_2022.xlsx"
    path = write_rows(folder / name, {"results": rows})
    ids = None if texts else LIME_CODES[1:]
    return path, _expected(path.name, "results", 1, len(meta) + 1, answers, orgs, ids)


#: Every tool shape above by name: a function of the folder that writes the export there.
WRITERS = {
    "ms_forms_en": lambda d: ms_forms(d, lang="en"),
    "ms_forms_sv": lambda d: ms_forms(d, lang="sv"),
    "google_forms_grid": lambda d: google_forms(d, grid=True),
    "google_forms_plain": lambda d: google_forms(d, grid=False),
    "surveymonkey_matrix": lambda d: surveymonkey(d, matrix=True),
    "surveymonkey_single": lambda d: surveymonkey(d, matrix=False),
    "qualtrics": qualtrics,
    "limesurvey_texts": lambda d: limesurvey(d, texts=True),
    "limesurvey_codes": lambda d: limesurvey(d, texts=False),
}
