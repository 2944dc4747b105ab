"""Demo risk register: a steering group's register over three meetings (``riskregister.xlsx``).

Eight realistic risks of a municipal digitalisation effort, reviewed at three meetings
(sheets named by date, a title row above the header). Between the meetings some risks are
raised and some lowered; one is closed (absent from the last meeting) and one is new at the last
meeting. One typed R disagrees with S × K (R3 at the second meeting: 3 × 4 typed as 15), so the
reader has something to catch. The risks and their S and K are fixed
(no randomness), so the register is the same on every run, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

from maturity.demo._layout import write_sheet_head
from maturity.xlsx_writer import save_workbook

__all__ = ["write_risk_demo", "MEETINGS", "WRONG_SCORE"]

#: The meeting dates (sheet names).
MEETINGS = ["2019-11-14", "2020-03-05", "2020-09-17"]
#: The one typed R that is wrong: (meeting, risk id, typed R).
WRONG_SCORE = ("2020-03-05", "R3", 15)

# id, threat, vulnerability, consequence, action, (S, K) per meeting (None = not in register)
_RISKS = [
    (
        "R1",
        "Bristande informationssäkerhet",
        "Osäkra system som inte uppdateras, låg medvetenhet hos medarbetare",
        "Dataintrång, läckta personuppgifter, verksamhet står still",
        "Säkerhetsutbildning för alla, rutin för uppdateringar, incidentövning",
        [(4, 5), (4, 5), (3, 5)],
    ),
    (
        "R2",
        "Kompetensförsörjning IT",
        "Få nyckelpersoner, svårt att rekrytera i konkurrens med privat sektor",
        "Projekt försenas, sårbar drift när nyckelpersoner slutar",
        "Kompetensplan, dokumentation av kritiska system, samverkan om tjänster",
        [(4, 4), (4, 4), (5, 4)],
    ),
    (
        "R3",
        "Leverantörsberoende",
        "Få leverantörer, långa avtal, data i leverantörens format",
        "Höga kostnader, svårt att byta system",
        "Exitplaner i nya upphandlingar, krav på öppna gränssnitt",
        [(3, 4), (3, 4), (3, 4)],
    ),
    (
        "R4",
        "Otydlig styrning och prioritering",
        "Digitaliseringen saknar ägare i linjen, många parallella initiativ",
        "Resurser sprids tunt, effekter uteblir",
        "Gemensam portfölj med prioritering i styrgruppen",
        [(3, 3), (2, 3), (2, 3)],
    ),
    (
        "R5",
        "Bristande finansiering av digitalisering",
        "Ingen långsiktig budget, projektmedel år för år",
        "Satsningar avbryts, förvaltning av nya lösningar saknar pengar",
        "Flerårig investeringsplan, nyttorealisering som underlag",
        [(3, 4), (4, 4), (4, 4)],
    ),
    (
        "R6",
        "Driftavbrott i gemensam IT-miljö",
        "Ett datacenter utan reserv, gammal nätutrustning",
        "Verksamhetssystem otillgängliga för alla kommuner",
        "Redundant uppkoppling och reservdriftplats (genomfört 2020)",
        [(2, 5), (2, 5), None],
    ),
    (
        "R7",
        "Låg användaracceptans för nya e-tjänster",
        "Medborgare och medarbetare involveras sent",
        "E-tjänster används inte, dubbla arbetssätt",
        "Användartester och införandestöd i varje projekt",
        [(3, 2), (3, 2), (2, 2)],
    ),
    (
        "R8",
        "Osäker rättslig grund för molntjänster",
        "Personuppgifter i molntjänster hos leverantörer utanför EU",
        "Sanktionsavgifter, tjänster måste avvecklas med kort varsel",
        "Juridisk analys, inventering av molntjänster, riskbedömning per tjänst",
        [None, None, (4, 4)],
    ),
]


#: The capability each risk threatens (column *Förmåga/mål*, read as ``serves``).
SERVES = {
    "R1": "Bedriva systematiskt informationssäkerhetsarbete",
    "R2": "Utveckla den digitala kompetensen",
    "R3": "Upphandla och införa system",
    "R4": "Prioritera och besluta om digitala investeringar",
    "R5": "Realisera nyttor av förändringar",
    "R6": "Upprätthålla en stabil och tillförlitlig driftsleverans",
    "R7": "Utveckla tjänster utifrån invånarnas behov",
    "R8": "Hantera personuppgifter enligt dataskyddsförordningen",
}


def write_risk_demo(directory: str | Path = "data/raw") -> Path:
    """Write the demo risk register ``riskregister.xlsx`` into ``directory``.

    Three sheets, one per meeting (:data:`MEETINGS`), each with a title row, a blank row and
    the header ``ID, Hot, Sårbarhet, Konsekvens, S, K, R, Åtgärd, Förmåga/mål`` (the last
    naming the capability a risk threatens, :data:`SERVES`). R is typed as a number (as
    people do), correct except for :data:`WRONG_SCORE`. The same call writes the same bytes.

    Parameters
    ----------
    directory : str or Path
        Created when missing.

    Returns
    -------
    Path
        The written workbook.

    Examples
    --------
    >>> path = write_risk_demo("/tmp/maturity-demo")      # doctest: +SKIP
    >>> path.name                                          # doctest: +SKIP
    'riskregister.xlsx'
    """
    import openpyxl
    from openpyxl.styles import Alignment

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    header = ["ID", "Hot", "Sårbarhet", "Konsekvens", "S", "K", "R", "Åtgärd", "Förmåga/mål"]
    widths = [6, 34, 44, 44, 5, 5, 5, 52, 40]
    for m, meeting in enumerate(MEETINGS):
        sheet = book.create_sheet(meeting)
        write_sheet_head(
            sheet, f"Riskregister – styrgruppen för digitalisering, möte {meeting}", header
        )
        for risk_id, threat, vulnerability, consequence, action, levels in _RISKS:
            if levels[m] is None:
                continue
            s, k = levels[m]
            typed = s * k
            if (meeting, risk_id) == WRONG_SCORE[:2]:
                typed = WRONG_SCORE[2]
            row = [risk_id, threat, vulnerability, consequence, s, k, typed, action]
            sheet.append([*row, SERVES.get(risk_id)])
        for i, width in enumerate(widths):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = width
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A4"
    return save_workbook(book, directory / "riskregister.xlsx")
