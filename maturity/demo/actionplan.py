"""Demo action plan: 11 areas over 2018–2020 with a 5 Mkr yearly allocation (``handlingsplan.xlsx``).

The follow-up of a joint digitalisation action plan: per area the activities planned each year,
their status at the year's follow-up, budget and outcome (Utfall). The allocation is 5 Mkr a
year (sheet *Anslag*) and only part of it is used (about 60–75 %). The schedule slips visibly:
activities *försenad* in one year come back in the next (e.g. the e-archive procurement, delayed
twice), one is *struken* (digital national tests). Budgets and outcomes are drawn from a seeded
generator, so the file is the same on every run, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from maturity.demo._layout import write_sheet_head
from maturity.xlsx_writer import save_workbook

__all__ = ["write_action_plan_demo", "AREAS", "YEARS", "ALLOCATION"]

SEED = 2015
YEARS = (2018, 2019, 2020)
#: The yearly allocation (kronor).
ALLOCATION = 5_000_000

AREAS = [
    "Styrning och ledning",
    "Kompetens och förändringsledning",
    "Informationssäkerhet",
    "E-tjänster och självservice",
    "Digital infrastruktur och bredband",
    "Välfärdsteknik",
    "Digital skola och lärande",
    "Gemensam IT-drift",
    "Informationshantering och e-arkiv",
    "Öppna data",
    "Verksamhetsutveckling och automatisering",
]

# area index, activity, {year: status}, size (relative budget)
_PLAN = [
    (0, "Digitaliseringsstrategi och handlingsplan", {2018: "genomförd"}, 1.0),
    (0, "Portfölj- och prioriteringsmodell", {2019: "försenad", 2020: "genomförd"}, 0.8),
    (0, "Modell för nyttorealisering", {2020: "pågående"}, 0.8),
    (1, "Digitalt kompetenslyft för chefer", {2018: "genomförd"}, 1.2),
    (1, "Digitalt kompetenslyft för medarbetare", {2019: "genomförd"}, 1.6),
    (1, "Nätverk för digitaliseringsledare", {2020: "genomförd"}, 0.5),
    (2, "Informationsklassning av verksamhetssystem", {2018: "försenad", 2019: "genomförd"}, 1.0),
    (2, "Utbildning i informationssäkerhet för alla", {2019: "genomförd"}, 0.8),
    (2, "Incidenthantering och kontinuitetsplan", {2020: "pågående"}, 1.0),
    (3, "Plattform för e-tjänster", {2018: "genomförd"}, 2.0),
    (3, "Tio nya e-tjänster", {2019: "pågående", 2020: "genomförd"}, 1.6),
    (3, "E-legitimation och digital brevlåda", {2020: "försenad"}, 1.0),
    (4, "Trådlöst nät i kommunhusen", {2018: "genomförd"}, 0.8),
    (4, "Bredband på landsbygden", {2018: "pågående", 2019: "pågående", 2020: "genomförd"}, 1.4),
    (5, "Trygghetskameror i hemtjänsten", {2018: "försenad", 2019: "genomförd"}, 1.2),
    (5, "Digitala läkemedelsautomater", {2020: "försenad"}, 1.2),
    (6, "En-till-en-datorer i grundskolan", {2018: "genomförd"}, 2.0),
    (6, "Lärplattform för gymnasiet", {2019: "genomförd"}, 1.0),
    (6, "Digitala nationella prov", {2019: "pågående", 2020: "struken"}, 0.8),
    (7, "Konsolidering av serverhallar", {2018: "pågående", 2019: "genomförd"}, 1.6),
    (7, "Gemensam servicedesk", {2019: "försenad", 2020: "genomförd"}, 1.0),
    (7, "Reservdriftplats", {2020: "genomförd"}, 1.6),
    (8, "Förstudie e-arkiv", {2018: "genomförd"}, 0.5),
    (8, "Upphandling av e-arkiv", {2019: "försenad", 2020: "försenad"}, 1.2),
    (9, "Inventering av datamängder", {2018: "genomförd"}, 0.4),
    (9, "Publicering av öppna data", {2019: "försenad", 2020: "pågående"}, 0.6),
    (10, "Processkartläggning", {2018: "genomförd"}, 0.6),
    (10, "Robotiserad processautomation i ekonomi", {2019: "genomförd"}, 1.0),
    (10, "Automatiserat försörjningsstöd", {2020: "pågående"}, 1.2),
]

#: The capability or målbild goal each activity serves (column *Förmåga/mål*); the
#: capabilities furthest below target, such as avveckla, are served by none.
SERVES = {
    "Digitaliseringsstrategi och handlingsplan": "Styrning och ledning av digitaliseringen",
    "Portfölj- och prioriteringsmodell": "Prioritera och besluta om digitala investeringar",
    "Modell för nyttorealisering": "Realisera nyttor av förändringar",
    "Digitalt kompetenslyft för chefer": "Utveckla den digitala kompetensen",
    "Digitalt kompetenslyft för medarbetare": "Utveckla den digitala kompetensen",
    "Nätverk för digitaliseringsledare": "Samverka mellan organisationerna",
    "Informationsklassning av verksamhetssystem": "Bedriva systematiskt informationssäkerhetsarbete",
    "Utbildning i informationssäkerhet för alla": "Bedriva systematiskt informationssäkerhetsarbete",
    "Incidenthantering och kontinuitetsplan": "Hantera incidenter och kontinuitet",
    "Plattform för e-tjänster": "Utveckla tjänster utifrån invånarnas behov",
    "Tio nya e-tjänster": "Utveckla tjänster utifrån invånarnas behov",
    "E-legitimation och digital brevlåda": "Hantera identiteter och behörigheter",
    "Trådlöst nät i kommunhusen": "Förvalta och utveckla infrastrukturen",
    "Bredband på landsbygden": "Förvalta och utveckla infrastrukturen",
    "Trygghetskameror i hemtjänsten": "Verksamhetsutveckling med digitalt stöd",
    "Digitala läkemedelsautomater": "Verksamhetsutveckling med digitalt stöd",
    "Lärplattform för gymnasiet": "Upphandla och införa system",
    "Konsolidering av serverhallar": "Upprätthålla en stabil och tillförlitlig driftsleverans",
    "Gemensam servicedesk": "Förvalta system och e-tjänster",
    "Reservdriftplats": "Hantera incidenter och kontinuitet",
    "Förstudie e-arkiv": "Förvalta information och data",
    "Upphandling av e-arkiv": "Förvalta information och data",
    "Inventering av datamängder": "Dela och återanvända data",
    "Publicering av öppna data": "Dela och återanvända data",
    "Processkartläggning": "Automatisera arbetsflöden",
    "Robotiserad processautomation i ekonomi": "Automatisera arbetsflöden",
    "Automatiserat försörjningsstöd": "Automatisera arbetsflöden",
}

# share of the budget spent, by status (low, high)
_SPENT = {
    "genomförd": (0.90, 1.05),
    "pågående": (0.45, 0.70),
    "försenad": (0.10, 0.30),
    "planerad": (0.0, 0.0),
    "struken": (0.0, 0.05),
}
_COMMENT = {
    "försenad": "Försenad, flyttas till {next}",
    "struken": "Stryks efter nationellt beslut",
}


def _rows(rng: np.random.Generator) -> list[list]:
    rows = []
    for year in YEARS:
        planned = [(a, act, plan[year], size) for a, act, plan, size in _PLAN if year in plan]
        weights = np.array([size for *_, size in planned])
        # the activities' budgets add up to 90-98 % of the allocation
        total = ALLOCATION * rng.uniform(0.90, 0.98)
        budgets = np.round(total * weights / weights.sum() / 25_000) * 25_000
        previous_area = None
        for (a, activity, status, _), budget in zip(
            sorted(planned, key=lambda p: p[0]),
            budgets[np.argsort([p[0] for p in planned], kind="stable")],
            strict=True,
        ):
            low, high = _SPENT[status]
            spent = round(budget * rng.uniform(low, high) / 500) * 500
            area = AREAS[a] if a != previous_area else None  # area written once per group
            previous_area = a
            comment = _COMMENT.get(status, "").format(next=year + 1)
            rows.append(
                [
                    area,
                    activity,
                    year,
                    status.capitalize(),
                    int(budget),
                    int(spent) if spent else None,
                    comment or None,
                    SERVES.get(activity),
                ]
            )
    return rows


def write_action_plan_demo(directory: str | Path = "data/raw") -> Path:
    """Write the demo action plan ``handlingsplan.xlsx`` into ``directory``.

    Sheet *Handlingsplan*: a title row, then ``Område, Aktivitet, År, Status, Budget (kr),
    Utfall (kr), Kommentar, Förmåga/mål`` (the capability or goal an activity serves,
    :data:`SERVES`), one row per activity and year, the area written once per group
    (as people do); a few amounts typed as text ("250 tkr", "1,2 Mkr"). Sheet *Anslag*:
    ``År, Anslag`` with 5 Mkr for each of 2018–2020. The same call writes the same bytes.

    Parameters
    ----------
    directory : str or Path
        Created when missing.

    Returns
    -------
    Path

    Examples
    --------
    >>> path = write_action_plan_demo("/tmp/maturity-demo")   # doctest: +SKIP
    >>> path.name                                              # doctest: +SKIP
    'handlingsplan.xlsx'
    """
    import openpyxl
    from openpyxl.styles import Alignment, Font

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    rows = _rows(rng)
    # a few amounts typed as text, the way they turn up in hand-kept sheets
    for row in rows:
        if row[1] == "Nätverk för digitaliseringsledare":
            row[4] = f"{row[4] / 1000:.0f} tkr"
        if row[1] == "Plattform för e-tjänster":
            row[4] = f"{row[4] / 1e6:.2f} Mkr".replace(".", ",")
        if row[1] == "Processkartläggning" and row[5]:
            row[5] = f"{row[5]:,} kr".replace(",", " ")

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Handlingsplan"
    write_sheet_head(
        sheet,
        "Handlingsplan för digitalisering 2018–2020 – uppföljning",
        [
            "Område",
            "Aktivitet",
            "År",
            "Status",
            "Budget (kr)",
            "Utfall (kr)",
            "Kommentar",
            "Förmåga/mål",
        ],
    )
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for cell in row[4:6]:
            if isinstance(cell.value, int):
                cell.number_format = "# ##0"
    for letter, width in zip("ABCDEFGH", (34, 44, 7, 12, 14, 14, 32, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"

    grant = book.create_sheet("Anslag")
    grant.append(["År", "Anslag"])
    for cell in grant[1]:
        cell.font = Font(bold=True)
    for year in YEARS:
        grant.append([year, ALLOCATION])
        grant.cell(grant.max_row, 2).number_format = "# ##0"
    grant.column_dimensions["B"].width = 14
    return save_workbook(book, directory / "handlingsplan.xlsx")
