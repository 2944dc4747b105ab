"""The demo capability map ``formagekarta.xlsx``: seeded, synthetic, byte-for-byte repeatable.

Fourteen Fyrbodal municipalities and their joint IT organisation (SML-IT) are assessed in 22
capabilities under seven målbild goals for 2030, on a five-level scale (1 Undermålig … 5 Ledande;
acceptable from 2). The data tell the story of the real status analysis:

* only one capability, *Avveckla*, has a substandard mean (below 2);
* most organisations are weak at *Utvärdera insatser, resultat och effekter*;
* every organisation is at its best in *Upprätthålla en stabil och tillförlitlig driftsleverans*.

Åmål's column is headed with the alias "Åmåls kommun" (resolved through the codebook), a few
cells are blank (not assessed) and a few levels are written as labels ("Definierad").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from maturity.demo.organisations import JOINT_IT, MUNICIPALITIES
from maturity.xlsx_writer import save_workbook

__all__ = ["write_capability_demo", "GOALS", "LEVELS", "FILE_NAME"]

FILE_NAME = "formagekarta.xlsx"
SEED = 20300
AVVECKLA = "Avveckla"
UTVARDERA = "Utvärdera insatser, resultat och effekter"
DRIFT = "Upprätthålla en stabil och tillförlitlig driftsleverans"

#: level, label, acceptable
LEVELS = [
    (1, "Undermålig", "nej"),
    (2, "Grundläggande", "ja"),
    (3, "Definierad", "ja"),
    (4, "Etablerad", "ja"),
    (5, "Ledande", "ja"),
]

#: målbild goal → [(capability, target level, difficulty: negative = harder)]
GOALS: dict[str, list[tuple[str, int, float]]] = {
    "Styrning och ledning av digitaliseringen": [
        ("Leda och styra den digitala utvecklingen", 3, 0.0),
        ("Prioritera och besluta om digitala investeringar", 3, -0.2),
        (UTVARDERA, 3, -0.8),
    ],
    "Verksamhetsutveckling med digitalt stöd": [
        ("Identifiera behov och möjligheter", 3, 0.2),
        ("Utveckla tjänster utifrån invånarnas behov", 3, -0.3),
        ("Automatisera arbetsflöden", 3, -0.4),
        ("Realisera nyttor av förändringar", 3, -0.5),
    ],
    "Information och data som resurs": [
        ("Förvalta information och data", 3, -0.1),
        ("Dela och återanvända data", 3, -0.4),
        ("Följa upp och analysera verksamheten med data", 3, -0.3),
    ],
    "Informationssäkerhet och dataskydd": [
        ("Bedriva systematiskt informationssäkerhetsarbete", 4, 0.1),
        ("Hantera personuppgifter enligt dataskyddsförordningen", 4, 0.3),
        ("Hantera incidenter och kontinuitet", 4, -0.1),
    ],
    "Stabil och säker teknisk plattform": [
        (DRIFT, 4, 1.4),
        ("Förvalta och utveckla infrastrukturen", 4, 0.6),
        ("Hantera identiteter och behörigheter", 4, 0.3),
    ],
    "Livscykelhantering av system": [
        ("Upphandla och införa system", 3, 0.2),
        ("Förvalta system och e-tjänster", 3, 0.3),
        (AVVECKLA, 3, -1.6),
    ],
    "Kompetens, kultur och samverkan": [
        ("Utveckla den digitala kompetensen", 3, -0.1),
        ("Samverka mellan organisationerna", 3, 0.4),
        ("Kommunicera och förankra förändringar", 3, 0.0),
    ],
}

#: Cells left blank (not assessed): (organisation, capability).
NOT_ASSESSED = [
    ("Dals-Ed", "Dela och återanvända data"),
    ("Färgelanda", "Automatisera arbetsflöden"),
    ("Sotenäs", "Följa upp och analysera verksamheten med data"),
    (JOINT_IT, "Utveckla tjänster utifrån invånarnas behov"),
]
#: Cells written as the level's label instead of its number.
AS_LABEL = [
    ("Lysekil", "Förvalta system och e-tjänster"),
    ("Tanum", "Samverka mellan organisationerna"),
]
ALIASES = {"Åmål": "Åmåls kommun"}


def _levels(rng: np.random.Generator) -> dict[tuple[str, str], int]:
    """Levels per (organisation, capability) that tell the demo's story."""
    organisations = [*MUNICIPALITIES, JOINT_IT]
    base = {org: rng.normal(2.9, 0.35) for org in organisations}
    base[JOINT_IT] = 3.5  # the IT organisation is stronger on the whole
    levels: dict[tuple[str, str], int] = {}
    for org in organisations:
        for capabilities in GOALS.values():
            for capability, _target, difficulty in capabilities:
                value = base[org] + difficulty + rng.normal(0, 0.55)
                levels[org, capability] = int(np.clip(np.rint(value), 1, 5))
    # the story, made exact: avveckla alone substandard (mean < 2): ones and twos
    avveckla = rng.permutation([1] * 9 + [2] * 5 + [3] * 1)
    for org, level in zip(organisations, avveckla, strict=True):
        levels[org, AVVECKLA] = int(level)
    # most organisations weak at utvärdera: level 2 except a few
    utvardera = rng.permutation([2] * 11 + [3] * 3 + [1] * 1)
    for org, level in zip(organisations, utvardera, strict=True):
        levels[org, UTVARDERA] = int(level)
    # every other capability keeps a mean of at least 2.5 (only avveckla substandard)
    # driftsleverans: every organisation's best (at least as high as any other capability)
    for org in organisations:
        others = [v for (o, c), v in levels.items() if o == org and c != DRIFT]
        levels[org, DRIFT] = int(min(5, max(max(others), 4)))
    return levels


def write_capability_demo(directory: str | Path = "data/raw") -> Path:
    """Write the demo capability map ``formagekarta.xlsx`` into ``directory``.

    The workbook has a ``levels`` sheet (level, label, acceptable) and a matrix sheet
    ``Förmågekarta`` with two title rows, then the columns Förmåga, Mål, Målnivå and one column
    per organisation (the 14 municipalities, then SML-IT). Two runs give identical bytes.

    Parameters
    ----------
    directory : str or Path
        Folder to write into; created when missing.

    Returns
    -------
    Path
        The written file.

    Examples
    --------
    >>> path = write_capability_demo("/tmp/maturity-demo")  # doctest: +SKIP
    >>> path.name                                            # doctest: +SKIP
    'formagekarta.xlsx'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    levels = _levels(rng)
    organisations = [*MUNICIPALITIES, JOINT_IT]
    labels = {level: label for level, label, _ in LEVELS}

    book = Workbook()
    sheet = book.active
    sheet.title = "Förmågekarta"
    sheet.append(["Förmågekarta – digital mognad i Fyrbodal, målbild 2030"])
    sheet.append(["Nivå 1–5 enligt bladet levels. Tom cell = ej bedömd."])
    sheet.append([])
    sheet.append(["Förmåga", "Mål", "Målnivå", *[ALIASES.get(org, org) for org in organisations]])
    for goal, capabilities in GOALS.items():
        for capability, target, _difficulty in capabilities:
            row: list = [capability, goal, target]
            for org in organisations:
                level = levels[org, capability]
                if (org, capability) in NOT_ASSESSED:
                    row.append(None)
                elif (org, capability) in AS_LABEL:
                    row.append(labels[level])
                else:
                    row.append(level)
            sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 55
    sheet.column_dimensions["B"].width = 42
    sheet.freeze_panes = "D5"

    scale = book.create_sheet("levels")
    scale.append(["level", "label", "acceptable"])
    for row in LEVELS:
        scale.append(list(row))

    return save_workbook(book, directory / FILE_NAME)
