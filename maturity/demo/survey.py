"""Seeded demo of a maturity questionnaire: codebook and two survey waves in two layouts.

* ``kodbok.xlsx`` — the codebook (statements, scale, organisations with aliases, role names);
* ``enkat_2020_samtliga.xlsx`` — wave 2020 as one combined export from a survey tool: title rows,
  personal columns, a Kommun and a Roll column, statements headed by their full text;
* ``enkat_2022/<organisation>.xlsx`` — wave 2022 as one file per organisation, one sheet per
  role, statements headed by id, organisation taken from the file name.

The data tell the story of a real status analysis: the managers' lowest mean (≈ 2.6) is on
measuring the effect of digital investments, with little spread between municipalities; every
IT-chef statement mean is above 3.0, the documentation statement lowest at ≈ 3.0. A few genuine
problems are planted for the problem log.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
from scipy.stats import norm

from maturity.demo.organisations import MUNICIPALITIES, ORGANISATIONS
from maturity.io.codebook import HEADERS
from maturity.xlsx_writer import save_workbook

__all__ = ["write_survey_demo", "STATEMENTS", "SCALE"]

MANAGER = "förvaltningschef"
IT_CHEF = "IT-chef"
MEASURE_EFFECTS = "I vår verksamhet är vi mycket bra på att konsekvent mäta och följa upp effekten av våra digitala investeringar"
DOCUMENTATION = "Vår IT-verksamhet har en mycket låg nivå av bristfällig dokumentation och uppskjuten utveckling"

# (id, role, dimension, text, reverse, mean 2020, mean 2022)
STATEMENTS = [
    (
        "F01",
        MANAGER,
        "Styrning och ledning",
        "Vår verksamhet har en tydlig och förankrad plan för digitalisering",
        False,
        3.3,
        3.5,
    ),
    (
        "F02",
        MANAGER,
        "Styrning och ledning",
        "Digitaliseringens mål är kopplade till verksamhetens övergripande mål",
        False,
        3.4,
        3.6,
    ),
    (
        "F03",
        MANAGER,
        "Styrning och ledning",
        "Ledningsgruppen följer regelbundet upp hur digitaliseringsarbetet går",
        False,
        3.0,
        3.2,
    ),
    ("F04", MANAGER, "Styrning och ledning", MEASURE_EFFECTS, False, 2.55, 2.65),
    (
        "F05",
        MANAGER,
        "Styrning och ledning",
        "Vi har avsatt tillräckliga resurser för att genomföra digitala förändringar",
        False,
        2.9,
        3.0,
    ),
    (
        "F06",
        MANAGER,
        "Styrning och ledning",
        "Digitaliseringsfrågor hanteras oftast först när problem redan har uppstått",
        True,
        3.1,
        3.3,
    ),
    (
        "F07",
        MANAGER,
        "Verksamhetsutveckling",
        "Vi utgår från invånarnas och brukarnas behov när vi utvecklar våra tjänster",
        False,
        3.6,
        3.7,
    ),
    (
        "F08",
        MANAGER,
        "Verksamhetsutveckling",
        "Vi arbetar systematiskt med att förbättra våra arbetsprocesser med digitalt stöd",
        False,
        3.2,
        3.4,
    ),
    (
        "F09",
        MANAGER,
        "Verksamhetsutveckling",
        "Vi tar vara på medarbetarnas idéer om digitala förbättringar",
        False,
        3.5,
        3.6,
    ),
    (
        "F10",
        MANAGER,
        "Verksamhetsutveckling",
        "Nya digitala lösningar införs med en genomtänkt förändringsledning",
        False,
        2.9,
        3.1,
    ),
    (
        "F11",
        MANAGER,
        "Verksamhetsutveckling",
        "Vi avvecklar gamla arbetssätt och system när nya har införts",
        False,
        2.8,
        2.9,
    ),
    (
        "F12",
        MANAGER,
        "Verksamhetsutveckling",
        "Våra e-tjänster används av en stor del av invånarna",
        False,
        3.1,
        3.4,
    ),
    (
        "F13",
        MANAGER,
        "Kompetens och kultur",
        "Medarbetarna har den digitala kompetens som verksamheten behöver",
        False,
        3.2,
        3.3,
    ),
    (
        "F14",
        MANAGER,
        "Kompetens och kultur",
        "Vi har en kultur där vi vågar pröva nya digitala arbetssätt",
        False,
        3.4,
        3.6,
    ),
    (
        "F15",
        MANAGER,
        "Kompetens och kultur",
        "Chefer får stöd i att leda digital förändring",
        False,
        3.0,
        3.2,
    ),
    (
        "F16",
        MANAGER,
        "Kompetens och kultur",
        "Kompetensutveckling inom digitalisering planeras långsiktigt",
        False,
        2.8,
        3.0,
    ),
    (
        "F17",
        MANAGER,
        "Kompetens och kultur",
        "Vi rekryterar aktivt personer med digital kompetens",
        False,
        3.0,
        3.1,
    ),
    (
        "F18",
        MANAGER,
        "Information och data",
        "Vi använder data och statistik som underlag för våra beslut",
        False,
        3.1,
        3.3,
    ),
    (
        "F19",
        MANAGER,
        "Information och data",
        "Vår information är strukturerad så att den kan återanvändas",
        False,
        2.8,
        3.0,
    ),
    (
        "F20",
        MANAGER,
        "Information och data",
        "Vi vet vilken information som är skyddsvärd i vår verksamhet",
        False,
        3.5,
        3.6,
    ),
    (
        "F21",
        MANAGER,
        "Information och data",
        "Vi delar data med andra verksamheter när det skapar nytta",
        False,
        2.9,
        3.1,
    ),
    (
        "F22",
        MANAGER,
        "Information och data",
        "Vi har en fungerande informationsförvaltning med tydliga ansvar",
        False,
        2.85,
        3.0,
    ),
    (
        "F23",
        MANAGER,
        "Samverkan",
        "Vi samverkar med andra kommuner kring digitala lösningar",
        False,
        3.6,
        3.7,
    ),
    (
        "F24",
        MANAGER,
        "Samverkan",
        "Samarbetet mellan verksamheten och IT fungerar väl",
        False,
        3.4,
        3.5,
    ),
    (
        "F25",
        MANAGER,
        "Samverkan",
        "IT-organisationen förstår vår verksamhets behov",
        False,
        3.3,
        3.4,
    ),
    ("F26", MANAGER, "Samverkan", "Vi är delaktiga när nya system upphandlas", False, 3.5, 3.6),
    (
        "F27",
        MANAGER,
        "Teknik och säkerhet",
        "Våra verksamhetssystem stödjer arbetet på ett bra sätt",
        False,
        3.1,
        3.2,
    ),
    (
        "F28",
        MANAGER,
        "Teknik och säkerhet",
        "Medarbetarna har tillgång till den utrustning de behöver",
        False,
        3.7,
        3.8,
    ),
    (
        "F29",
        MANAGER,
        "Teknik och säkerhet",
        "Informationssäkerhetsarbetet är en naturlig del av vår vardag",
        False,
        3.2,
        3.4,
    ),
    (
        "F30",
        MANAGER,
        "Teknik och säkerhet",
        "Vi har en plan för att hantera avbrott i våra digitala tjänster",
        False,
        2.95,
        3.1,
    ),
    (
        "I01",
        IT_CHEF,
        "Styrning och ledning",
        "IT-verksamheten har en strategi som är förankrad hos kommunledningen",
        False,
        3.6,
        3.8,
    ),
    (
        "I02",
        IT_CHEF,
        "Styrning och ledning",
        "IT-kostnaderna är kända och följs upp per verksamhet",
        False,
        3.4,
        3.6,
    ),
    (
        "I03",
        IT_CHEF,
        "Styrning och ledning",
        "Vi har en tydlig styrmodell för prioritering av IT-investeringar",
        False,
        3.3,
        3.5,
    ),
    (
        "I04",
        IT_CHEF,
        "Styrning och ledning",
        "IT-verksamhetens mål följs upp regelbundet",
        False,
        3.5,
        3.6,
    ),
    (
        "I05",
        IT_CHEF,
        "Styrning och ledning",
        "Vi har en aktuell plan för livscykelhantering av system",
        False,
        3.2,
        3.4,
    ),
    (
        "I06",
        IT_CHEF,
        "Verksamhetsutveckling",
        "IT-verksamheten deltar tidigt i verksamhetens utvecklingsarbete",
        False,
        3.5,
        3.7,
    ),
    (
        "I07",
        IT_CHEF,
        "Verksamhetsutveckling",
        "Vi har en fungerande process för att ta emot och prioritera behov",
        False,
        3.6,
        3.7,
    ),
    (
        "I08",
        IT_CHEF,
        "Verksamhetsutveckling",
        "Vi stödjer verksamheterna i att avveckla gamla system",
        False,
        3.2,
        3.3,
    ),
    (
        "I09",
        IT_CHEF,
        "Verksamhetsutveckling",
        "Vi följer upp nyttan av de lösningar vi levererar",
        False,
        3.3,
        3.4,
    ),
    (
        "I10",
        IT_CHEF,
        "Verksamhetsutveckling",
        "Nya tjänster tas fram i nära samarbete med användarna",
        False,
        3.6,
        3.8,
    ),
    (
        "I11",
        IT_CHEF,
        "Kompetens och kultur",
        "IT-verksamheten har den kompetens som behövs för framtidens behov",
        False,
        3.4,
        3.5,
    ),
    (
        "I12",
        IT_CHEF,
        "Kompetens och kultur",
        "Vi har en plan för kompetensförsörjning inom IT",
        False,
        3.3,
        3.5,
    ),
    (
        "I13",
        IT_CHEF,
        "Kompetens och kultur",
        "Medarbetarna inom IT har goda möjligheter till kompetensutveckling",
        False,
        3.7,
        3.8,
    ),
    (
        "I14",
        IT_CHEF,
        "Kompetens och kultur",
        "Vi är inte beroende av enskilda nyckelpersoner",
        False,
        3.2,
        3.3,
    ),
    (
        "I15",
        IT_CHEF,
        "Information och data",
        "Vi har en samlad bild av kommunens informationstillgångar",
        False,
        3.3,
        3.4,
    ),
    (
        "I16",
        IT_CHEF,
        "Information och data",
        "Systemen kan utbyta information med varandra via standardiserade gränssnitt",
        False,
        3.4,
        3.5,
    ),
    (
        "I17",
        IT_CHEF,
        "Information och data",
        "Vi har en strategi för lagring och arkivering av digital information",
        False,
        3.3,
        3.5,
    ),
    ("I18", IT_CHEF, "Information och data", DOCUMENTATION, False, 3.07, 3.07),
    (
        "I19",
        IT_CHEF,
        "Samverkan",
        "Samverkan med andra IT-organisationer ger oss tydlig nytta",
        False,
        3.9,
        4.0,
    ),
    (
        "I20",
        IT_CHEF,
        "Samverkan",
        "Vi har goda relationer med verksamheternas ledning",
        False,
        3.8,
        3.9,
    ),
    ("I21", IT_CHEF, "Samverkan", "Avtal med leverantörer följs upp systematiskt", False, 3.4, 3.5),
    (
        "I22",
        IT_CHEF,
        "Samverkan",
        "Verksamheterna vet vilka tjänster IT-organisationen erbjuder",
        False,
        3.5,
        3.6,
    ),
    (
        "I23",
        IT_CHEF,
        "Teknik och säkerhet",
        "Vi upprätthåller en stabil och tillförlitlig driftsleverans",
        False,
        4.2,
        4.3,
    ),
    (
        "I24",
        IT_CHEF,
        "Teknik och säkerhet",
        "Vår infrastruktur är modern och skalbar",
        False,
        3.6,
        3.7,
    ),
    (
        "I25",
        IT_CHEF,
        "Teknik och säkerhet",
        "Vi arbetar systematiskt med informationssäkerhet enligt en etablerad standard",
        False,
        3.5,
        3.6,
    ),
    (
        "I26",
        IT_CHEF,
        "Teknik och säkerhet",
        "Vi har testade rutiner för kontinuitet och återställning",
        False,
        3.3,
        3.5,
    ),
    (
        "I27",
        IT_CHEF,
        "Teknik och säkerhet",
        "Vi övervakar våra system och upptäcker incidenter i tid",
        False,
        3.7,
        3.8,
    ),
    (
        "I28",
        IT_CHEF,
        "Teknik och säkerhet",
        "Användarna får snabb och kunnig support",
        False,
        3.9,
        4.0,
    ),
]

SCALE = [
    ("Instämmer inte alls", 1),
    ("Instämmer i låg grad", 2),
    ("Instämmer delvis", 3),
    ("Instämmer i hög grad", 4),
    ("Instämmer helt", 5),
    ("Vet ej", None),
]
LABELS = {value: label for label, value in SCALE if value}

ALIASES = [
    ("Åmål", "Åmåls kommun"),
    ("Dals-Ed", "Dals-Eds kommun"),
    ("Trollhättan", "Trollhättans stad"),
    ("Uddevalla", "Uddevalla kommun"),
    ("SML-IT", "Sotenäs, Munkedal och Lysekil IT"),
]

#: Display names of the roles (the codebook's ``roles`` sheet): role, name, plural, plural
#: definite, and the same in English.
ROLE_NAMES = [
    (
        "förvaltningschef",
        "Förvaltningschef",
        "Förvaltningschefer",
        "Förvaltningscheferna",
        "Head of department",
        "Heads of department",
        "The heads of department",
    ),
    (
        "IT-chef",
        "IT-chef",
        "IT-chefer",
        "IT-cheferna",
        "IT manager",
        "IT managers",
        "The IT managers",
    ),
]

#: Number of förvaltningschefer per municipality (4–12).
MANAGERS = dict(zip(MUNICIPALITIES, [6, 4, 5, 8, 5, 6, 7, 5, 6, 7, 12, 11, 10, 6], strict=True))


def _codebook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "statements"
    ws.append(HEADERS["statements"])
    for sid, role, dim, text, reverse, *_ in STATEMENTS:
        ws.append([sid, text, role, dim, "ja" if reverse else "nej"])
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 24
    scale = wb.create_sheet("scale")
    scale.append(HEADERS["scale"])
    for label, value in SCALE:
        scale.append([label, value])
    scale.column_dimensions["A"].width = 24
    orgs = wb.create_sheet("organisations")
    orgs.append(HEADERS["organisations"])
    for name in ORGANISATIONS:
        orgs.append([name, name])
    for name, alias in ALIASES:
        orgs.append([name, alias])
    orgs.column_dimensions["A"].width = 16
    orgs.column_dimensions["B"].width = 36
    roles = wb.create_sheet("roles")
    roles.append(HEADERS["roles"])
    for row in ROLE_NAMES:
        roles.append(list(row))
    for column in "BCDEFG":
        roles.column_dimensions[column].width = 24
    return wb


#: Spread of the latent traits and of the item noise, per role: (respondent, organisation,
#: item noise). A respondent's answers within a dimension share the respondent's and the
#: organisation's trait for that dimension, so that the statements of a dimension correlate
#: (Cronbach's alpha 0.7–0.9) as in a real questionnaire.
TRAITS = {MANAGER: (0.6, 0.25, 0.6), IT_CHEF: (0.55, 0.0, 0.45)}

#: Statements whose means hardly differ between organisations (the story of the demo): they
#: share the respondent's trait but not the organisation's, and with a smaller loading.
LEVEL_ACROSS = {"F04": 0.6}


def _answers(rng: np.random.Generator, mean: float, latent: np.ndarray, noise: float):
    """Integer answers 1–5 around ``mean + latent`` whose overall mean is exactly
    round(mean * n) / n: the answers closest to rounding the other way are moved first."""
    raw = mean + latent + rng.normal(0, noise, len(latent))
    values = np.clip(np.rint(raw), 1, 5).astype(int)
    target = int(round(mean * len(latent)))
    while values.sum() != target:
        step = 1 if values.sum() < target else -1
        room = (values < 5) if step > 0 else (values > 1)
        pull = np.where(room, step * (raw - values), -np.inf)
        chosen = int(np.argmax(pull))
        values[chosen] += step
        raw[chosen] = values[chosen]  # moved once: not the first choice again
    return values


def _traits(rng: np.random.Generator, people, role: str) -> dict[str, np.ndarray]:
    """Per dimension of ``role``: each member's latent trait (respondent + organisation),
    centred so that the statement means stay on their targets; and the respondent part."""
    person_sd, org_sd, _ = TRAITS[role]
    members = [(o, r) for o, ro, r in people if ro == role]
    dimensions = dict.fromkeys(d for _, ro, d, *_ in STATEMENTS if ro == role)
    traits = {}
    for dimension in dimensions:
        org = {o: rng.normal(0, org_sd) for o in dict.fromkeys(o for o, _ in members)}
        # normal scores in a random order: the traits' spread is the same in every sample
        own = person_sd * norm.ppf((np.arange(len(members)) + 0.5) / len(members))
        own = own[rng.permutation(len(members))]
        both = own + np.array([org[o] for o, _ in members])
        traits[dimension] = (both - both.mean(), own - own.mean())
    return traits


def _wave(rng: np.random.Generator, wave_index: int):
    """Rows of (organisation, role, respondent, {statement: answer}) for one wave."""
    people = []
    for org in MUNICIPALITIES:
        for k in range(MANAGERS[org] + (1 if wave_index and org in ("Tanum", "Orust") else 0)):
            people.append((org, MANAGER, f"{org[:3].upper()}-F{k + 1:02d}"))
    for org in ORGANISATIONS:
        people.append((org, IT_CHEF, f"{org[:3].upper()}-IT"))
    answers: dict[tuple[str, str], dict[str, object]] = {(o, r): {} for o, _, r in people}
    traits = {role: _traits(rng, people, role) for role in TRAITS}
    for sid, role, dim, _text, reverse, mean2020, mean2022 in STATEMENTS:
        mean = (mean2020, mean2022)[wave_index]
        group = [(o, r) for o, ro, r in people if ro == role]
        both, own = traits[role][dim]
        latent = own * LEVEL_ACROSS[sid] if sid in LEVEL_ACROSS else both
        noise = TRAITS[role][2] * (0.8 if sid in LEVEL_ACROSS else 1.0)
        values = _answers(rng, mean, latent, noise)
        for (o, r), value in zip(group, values, strict=True):
            shown = 6 - value if reverse else value
            answers[(o, r)][sid] = int(shown)
    # ~3 % don't know and ~1 % blanks, kept off the story statements
    for row in answers.values():
        for sid in list(row):
            if sid in ("F04", "I18"):
                continue
            draw = rng.random()
            if draw < 0.03:
                row[sid] = "Vet ej"
            elif draw < 0.04:
                row[sid] = None
    return people, answers


def _vary(value, rng: np.random.Generator):
    """Write an answer the way survey exports do: mostly numbers, some text."""
    if not isinstance(value, int):
        return value
    draw = rng.random()
    if draw < 0.05:
        return LABELS[value] if rng.random() < 0.5 else LABELS[value].upper()
    if draw < 0.08:
        return f"{value},0"
    if draw < 0.10:
        return f" {value} "
    return value


def _combined_export(path: Path, rng: np.random.Generator) -> Path:
    people, answers = _wave(rng, 0)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Svar"
    ws.append(["Digital mognad i Fyrbodal – export från enkätverktyget"])
    ws.append(["Exporterad 2020-03-16, 128 svar"])
    ws.append([])
    texts = [text for _, _, _, text, *_ in STATEMENTS]
    # statement headers written like a survey tool: line breaks and trailing punctuation
    shown_texts = []
    for i, text in enumerate(texts):
        if i % 7 == 3:
            words = text.split()
            text = " ".join(words[:5]) + "\n" + " ".join(words[5:])
        if i % 5 == 1:
            text = text + "."
        shown_texts.append(text)
    ws.append(
        [
            "Respondent",
            "Starttid",
            "Namn",
            "E-post",
            "Kommun",
            "Roll",
            *shown_texts,
            "Vi har en utpekad AI-strateg",
        ]
    )
    for n, (org, role, rid) in enumerate(people):
        org_cell = "Åmåls kommun" if org == "Åmål" and n % 2 else org
        org_cell = "Trollhättans stad" if org == "Trollhättan" and n % 3 == 0 else org_cell
        role_cell = role if n % 4 else role.upper() if role == IT_CHEF else role.capitalize()
        row = [
            rid,
            f"2020-03-{(n % 14) + 1:02d} 09:{n % 60:02d}",
            f"Person {n + 1}",
            f"person{n + 1}@{org.lower().replace(' ', '')}.se",
            org_cell,
            role_cell,
        ]
        row += [_vary(answers[(org, rid)].get(sid), rng) for sid, *_ in STATEMENTS]
        row.append(int(rng.integers(1, 6)) if rng.random() < 0.2 else None)
        ws.append(row)
    # planted problems for the problem log
    first_f = STATEMENTS.index(next(s for s in STATEMENTS if s[0] == "F08")) + 7
    first_i = STATEMENTS.index(next(s for s in STATEMENTS if s[0] == "I03")) + 7
    ws.cell(row=5 + 3, column=first_f, value=6)  # outside the scale
    ws.cell(row=5 + 9, column=first_f + 2, value="Instämmer nästan")  # unknown label
    it_row = next(i for i, p in enumerate(people) if p[1] == IT_CHEF)
    ws.cell(row=5 + 1, column=first_i, value=4)  # a manager answering an IT-chef statement
    ws.append(
        [
            "FYR-X1",
            "2020-03-20 10:00",
            "Person X",
            "x@dalsland.se",
            "Dalslands kommunalförbund",
            MANAGER,
            *[3] * 5,
        ]
    )  # unknown organisation
    dup = people[it_row + 2]
    ws.append(
        [
            dup[2],
            "2020-03-21 11:00",
            "Person Y",
            "y@example.se",
            dup[0],
            dup[1],
            *[4] * len(STATEMENTS),
        ]
    )  # the same respondent twice
    ws.column_dimensions["B"].width = 18
    return save_workbook(wb, path)


def _per_organisation(folder: Path, rng: np.random.Generator) -> list[Path]:
    people, answers = _wave(rng, 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for org in ORGANISATIONS:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for role in (MANAGER, IT_CHEF):
            members = [p for p in people if p[0] == org and p[1] == role]
            if not members:
                continue
            ws = wb.create_sheet(role)
            ids = [sid for sid, r, *_ in STATEMENTS if r == role]
            ws.append([f"{org} – {role}, enkät 2022"])
            ws.append(["ID", "Namn", *ids])
            for k, (_, _, rid) in enumerate(members):
                row = [rid, f"Person {k + 1}"]
                row += [_vary(answers[(org, rid)].get(sid), rng) for sid in ids]
                ws.append(row)
        name = "Åmåls kommun" if org == "Åmål" else org
        paths.append(save_workbook(wb, folder / f"{name}.xlsx"))
    return paths


def write_survey_demo(directory: str | Path, seed: int = 2020) -> list[Path]:
    """Write the demo codebook and both survey waves into ``directory``.

    Parameters
    ----------
    directory : str or Path
    seed : int
        Seed of the random generator; the same seed gives the same bytes.

    Returns
    -------
    list of Path

    Examples
    --------
    >>> paths = write_survey_demo("/tmp/maturity-demo")  # doctest: +SKIP
    >>> [p.name for p in paths][:2]                       # doctest: +SKIP
    ['kodbok.xlsx', 'enkat_2020_samtliga.xlsx']
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = [save_workbook(_codebook(), directory / "kodbok.xlsx")]
    paths.append(_combined_export(directory / "enkat_2020_samtliga.xlsx", rng))
    paths.extend(_per_organisation(directory / "enkat_2022", rng))
    return paths
