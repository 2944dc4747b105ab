"""``reports/nulagesanalys.pptx``: the steering-group deck, 16:9, in the report's language.

Slides: a title slide (what, which organisations, which waves, the latest date in the data),
the key findings one per slide (its figure and its sentence as the caption, its numbers in the
speaker notes), the capability map with its gaps to the target, risks (matrix and trend), the
action plan (status and budget use) and a method slide (scale, ``min_n``, suppression,
reliability, what was read and what was rejected). Every word comes from :mod:`maturity.text`;
every number from the sections' tables and findings. The figures are the PNGs the report has
drawn (``reports/figures``), each scaled to fit its box keeping its aspect ratio.

The file is written with python-pptx, then re-zipped with fixed entry dates and fixed core
properties, so the same sections always give the same bytes.

The profiles (``reports/organisationer/<name>.pptx``, one per organisation, 290 at national
scale) share one pass over the tables (:class:`_Profiles`: the title lines, each
organisation's rows from one pass over each table, the change since the first wave from one
:func:`maturity.stats.change` with ``organisation`` among its groups). Each profile is a list
of pages (text boxes, tables, notes); the first profile of each kind is written with
python-pptx and the others as its package with the slides and notes written as XML text
(:mod:`maturity.report.slide_xml`), byte for byte what python-pptx writes: 290 national
profiles take about 0.4 s of CPU instead of 290 s.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from maturity import text
from maturity.findings.finding import Finding, upper_first
from maturity.report import slide_xml
from maturity.report.summary import privacy_lines
from maturity.sections import Section

__all__ = [
    "write_deck",
    "write_profile",
    "write_profiles",
    "profile_name",
    "FINDING_FIGURES",
    "SLIDE_WIDTH_IN",
    "SLIDE_HEIGHT_IN",
    "MIN_PT",
]

#: Slide size in inches (16:9).
SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 13.333, 7.5
#: The smallest font size used anywhere on a slide.
MIN_PT = 12
#: The fixed timestamp written into the core properties and every zip entry.
_FIXED = datetime.datetime(2000, 1, 1, 0, 0, 0)
_MARGIN = 0.5
_TOP = 1.35
_BODY_H = SLIDE_HEIGHT_IN - _TOP - 0.4
_ACCENT = (0x1F, 0x4E, 0x79)

#: Which figure shows which finding: (topic, key) -> figure stem in ``reports/figures``.
#: ``{role}`` is the finding's role as a file-name part (``IT-chef`` -> ``itchef``).
FINDING_FIGURES: dict[tuple[str, str], str] = {
    ("survey", "lowest_statement"): "enkat_medel_{role}",
    ("survey", "highest_statement"): "enkat_medel_{role}",
    ("survey", "midpoint"): "enkat_medel_{role}",
    ("survey", "role_gap"): "enkat_roller",
    ("survey", "largest_change"): "enkat_forandring",
    ("survey", "suppression"): "enkat_organisationer",
    ("survey", "reliability"): "enkat_organisationer",
    ("survey", "unreliable_dimension"): "enkat_organisationer",
    ("capability", "substandard"): "formagekarta_staplar",
    ("capability", "weakest"): "formagekarta_staplar",
    ("capability", "strongest"): "formagekarta_staplar",
    ("capability", "below_target"): "formagekarta_staplar",
    ("capability", "goals"): "formagekarta_staplar",
    ("capability", "organisations"): "formagekarta_heatmap",
    ("risk", "top_risks"): "riskmatris",
    ("risk", "levels"): "riskmatris",
    ("risk", "changes"): "risktrend",
    ("risk", "wrong_scores"): "riskmatris",
    ("actionplan", "share_done"): "handlingsplan_status",
    ("actionplan", "budget_use"): "budget",
    ("actionplan", "carried_over"): "handlingsplan_status",
    ("priorities", "candidates"): "prioriteringar",
}


def _slug(value: object) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.casefold())


def figure_for(finding: Finding, figures: Path) -> Path | None:
    """The PNG that shows ``finding`` (from :data:`FINDING_FIGURES`), or None.

    Examples
    --------
    >>> f = Finding("survey", "midpoint", "…", {"role": "IT-chef"})
    >>> figure_for(f, Path("/nowhere")) is None
    True
    """
    stem = FINDING_FIGURES.get((finding.topic, finding.key))
    if stem is None:
        return None
    stem = stem.format(role=_slug(finding.values.get("role", "")))
    path = figures / f"{stem}.png"
    return path if path.exists() else None


# ------------------------------------------------------------------------------------------
# Drawing primitives (inches in, python-pptx shapes out)
# ------------------------------------------------------------------------------------------


def _fit_pt(paragraphs: list[str], width: float, height: float, sizes=(20, 18, 16, 14, 13)):
    """The largest font size at which the paragraphs fit the box (a width estimate of half an
    em per character); :data:`MIN_PT` when none does."""
    for size in sizes:
        per_line = max(1, int(width * 72 / (0.6 * size)))
        lines = sum(max(1, math.ceil(len(p) / per_line)) for p in paragraphs)
        if lines * size * 1.3 + len(paragraphs) * size * 0.4 <= height * 72:
            return size
    return MIN_PT


def _text_box(slide, box, paragraphs, *, size=None, bold=False, color=None):
    from pptx.util import Inches, Pt

    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Inches(0.05)
    size = size or _fit_pt(paragraphs, width - 0.1, height - 0.1)
    for i, line in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.4)
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(max(size, MIN_PT))
        run.font.bold = bold
        if color is not None:
            from pptx.dml.color import RGBColor

            run.font.color.rgb = RGBColor(*color)
    return shape


def _picture(slide, path: Path | None, box, *, centre: bool = True) -> float:
    """The PNG scaled to fit ``box`` keeping its aspect ratio, centred in the box (or at its
    left edge); returns the width it takes (0 without a picture)."""
    if path is None:
        return 0.0
    from PIL import Image
    from pptx.util import Inches

    with Image.open(path) as image:
        width_px, height_px = image.size
    left, top, width, height = box
    scale = min(width / width_px, height / height_px)
    w, h = width_px * scale, height_px * scale
    x = left + (width - w) / 2 if centre else left
    slide.shapes.add_picture(
        str(path), Inches(x), Inches(top + (height - h) / 2), Inches(w), Inches(h)
    )
    return w


def _slide(prs, title: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    box = (_MARGIN, 0.35, SLIDE_WIDTH_IN - 2 * _MARGIN, 0.9)
    _text_box(
        slide,
        box,
        [title],
        size=_fit_pt([title], box[2], box[3], (28, 24, 20)),
        bold=True,
        color=_ACCENT,
    )
    return slide


def _notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


# ------------------------------------------------------------------------------------------
# Formatting the numbers for the speaker notes
# ------------------------------------------------------------------------------------------


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool) or value is None:
        return str(text.yes_no(bool(value), lang)) if isinstance(value, bool) else text.MISSING
    if isinstance(value, float):
        return text.MISSING if math.isnan(value) else text.number(value, lang, digits=2)
    if isinstance(value, dict):
        return "(" + "; ".join(f"{k}: {_value(v, lang)}" for k, v in value.items()) + ")"
    if isinstance(value, list | tuple):
        return ", ".join(_value(v, lang) for v in value)
    return str(value)


def value_lines(values: dict, lang: str) -> list[str]:
    """A finding's values as ``name: value`` lines, numbers formatted for ``lang``.

    Examples
    --------
    >>> value_lines({"mean": 2.65, "min_organisation": "Tanum"}, "en")
    ['mean: 2.65', 'min_organisation: Tanum']
    """
    names = text.translate_values(list(values), "column", lang)
    return [f"{name}: {_value(v, lang)}" for name, v in zip(names, values.values(), strict=True)]


# ------------------------------------------------------------------------------------------
# The slides
# ------------------------------------------------------------------------------------------


def _tables(sections: list[Section]) -> dict[str, pd.DataFrame]:
    return {name: t for section in sections for name, t in section.tables.items()}


def _organisations(tables: dict[str, pd.DataFrame]) -> list[str]:
    names: set[str] = set()
    for name in ("responses", "capability_organisations"):
        if name in tables and "organisation" in tables[name]:
            # each name once before it is made a string: not 1.2 M strings one at a time
            names |= set(tables[name]["organisation"].dropna().drop_duplicates().astype(str))
    return sorted(names)


def _title_lines(tables: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """What the data covers, every line derived from the tables."""
    lines, dates = [], []
    organisations = _organisations(tables)
    if organisations:
        if len(organisations) <= 20:
            names = text.join(organisations, lang)
            lines.append(text.word("deck.organisations", lang, n=len(organisations), names=names))
        else:  # too many names for a slide: the profiles name them
            lines.append(text.word("deck.organisations_many", lang, n=len(organisations)))
    responses = tables.get("responses")
    if responses is not None and len(responses):
        waves = sorted({str(w) for w in responses["wave"].dropna().drop_duplicates()})
        lines.append(text.word("deck.survey_waves", lang, waves=text.join(waves, lang)))
        dates += waves
    capability = tables.get("capability_organisations")
    if capability is not None and len(capability):
        lines.append(text.word("deck.capability_assessed", lang, n=len(capability)))
    meetings = tables.get("risk_meetings")
    if meetings is not None and len(meetings):
        days = sorted(text.date(pd.Timestamp(d), lang) for d in meetings["date"])
        lines.append(
            text.word("deck.risk_meetings", lang, n=len(days), first=days[0], last=days[-1])
        )
        dates += days
    years = tables.get("actionplan_years")
    if years is not None and len(years):
        shown = [str(int(y)) for y in sorted(years["year"])]
        lines.append(text.word("deck.action_years", lang, years=text.join(shown, lang)))
        dates += shown
    if dates:
        lines.append(text.word("deck.latest", lang, date=max(dates)))
    return lines


def _title_slide(prs, tables, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    width = SLIDE_WIDTH_IN - 2 * _MARGIN
    title = text.word("report.title", lang)
    _text_box(slide, (_MARGIN, 1.2, width, 1.2), [title], size=40, bold=True, color=_ACCENT)
    _text_box(slide, (_MARGIN, 2.4, width, 0.7), [text.word("deck.subtitle", lang)], size=24)
    lines = _title_lines(tables, lang)
    _text_box(slide, (_MARGIN, 3.4, width, 3.6), lines)
    _notes(slide, lines)


def _heading(finding: Finding, lang: str) -> str:
    key = f"deck.finding.{finding.topic}.{finding.key}"
    heading = text.word(key, lang) if text.has_word(key) else text.word("deck.finding", lang)
    topic = text.translate_values([finding.topic], "report.topic", lang)[0]
    return text.word("deck.heading", lang, topic=topic, heading=heading)


def _finding_slide(prs, finding: Finding, figures: Path, lang: str) -> None:
    slide = _slide(prs, _heading(finding, lang))
    figure = figure_for(finding, figures)
    width = SLIDE_WIDTH_IN - 2 * _MARGIN
    if figure is None:
        _text_box(slide, (_MARGIN, _TOP, width, _BODY_H), [finding.sentence])
    else:
        used = _picture(slide, figure, (_MARGIN, _TOP, 8.2, _BODY_H), centre=False)
        left = _MARGIN + used + 0.3
        _text_box(slide, (left, _TOP, SLIDE_WIDTH_IN - _MARGIN - left, _BODY_H), [finding.sentence])
    notes = [text.word("deck.notes", lang), *value_lines(finding.values, lang)]
    if figure is not None:
        notes.append(text.word("deck.notes_figure", lang, name=figure.name))
    _notes(slide, notes)


def _gap_lines(summary: pd.DataFrame, lang: str, *, limit: int = 8) -> list[str]:
    below = summary[summary["gap"] < 0].sort_values(["gap", "capability"])
    if not len(below):
        return [text.word("deck.no_gaps", lang)]
    lines = [text.word("deck.gaps_more", lang, n=len(below), total=len(summary))]
    for row in below.head(limit).itertuples():
        lines.append(
            text.word(
                "deck.gap_line",
                lang,
                capability=row.capability,
                mean=text.number(row.mean, lang),
                target=text.number(row.target, lang, digits=0),
                gap=text.number(row.gap, lang),
            )
        )
    return lines


def _capability_slide(prs, tables, figures: Path, lang: str) -> None:
    summary = tables.get("capability_summary")
    if summary is None or not len(summary):
        return
    slide = _slide(prs, text.word("deck.capability_title", lang))
    heatmap = figures / "formagekarta_heatmap.png"
    _picture(slide, heatmap if heatmap.exists() else None, (_MARGIN, _TOP, 7.0, _BODY_H))
    right = _MARGIN + 7.2
    box = (right, _TOP, SLIDE_WIDTH_IN - _MARGIN - right, 0.5)
    _text_box(slide, box, [text.word("deck.gaps_heading", lang)], size=18, bold=True)
    lines = _gap_lines(summary, lang)
    _text_box(slide, (right, _TOP + 0.6, box[2], _BODY_H - 0.6), lines)
    _notes(slide, _gap_lines(summary, lang, limit=len(summary)))


def _two_figures(slide, figures: Path, stems: tuple[str, str], caption: list[str]) -> None:
    width = (SLIDE_WIDTH_IN - 2 * _MARGIN - 0.3) / 2
    height = _BODY_H - 1.0
    for i, stem in enumerate(stems):
        path = figures / f"{stem}.png"
        _picture(
            slide,
            path if path.exists() else None,
            (_MARGIN + i * (width + 0.3), _TOP, width, height),
        )
    box = (_MARGIN, _TOP + height + 0.1, SLIDE_WIDTH_IN - 2 * _MARGIN, 0.9)
    _text_box(slide, box, caption, size=_fit_pt(caption, box[2], box[3], (18, 16, 14, 13)))


def _risk_slide(prs, tables, figures: Path, lang: str) -> None:
    meetings = tables.get("risk_meetings")
    if meetings is None or not len(meetings):
        return
    last = meetings.sort_values("date").iloc[-1]
    caption = text.word(
        "deck.risk_caption",
        lang,
        date=text.date(pd.Timestamp(last["date"]), lang),
        n=int(last["n_risks"]),
        max=int(last["max_score"]),
        mean=text.number(float(last["mean_score"]), lang),
    )
    slide = _slide(prs, text.word("deck.risk_title", lang))
    _two_figures(slide, figures, ("riskmatris", "risktrend"), [caption])
    _notes(slide, [caption])


def _action_slide(prs, tables, figures: Path, lang: str) -> None:
    years = tables.get("actionplan_years")
    if years is None or not len(years):
        return
    lines = [
        text.word(
            "deck.action_line",
            lang,
            year=int(row.year),
            done=int(row.n_done),
            n=int(row.n_activities),
            spent=text.amount_mkr(row.spent / 1e6, lang),
            allocated=text.amount_mkr(row.allocated / 1e6, lang),
            share=text.percent(row.utilisation, lang),
        )
        for row in years.sort_values("year").itertuples()
    ]
    slide = _slide(prs, text.word("deck.action_title", lang))
    _two_figures(slide, figures, ("handlingsplan_status", "budget"), lines)
    _notes(slide, lines)


def _method_lines(sections: list[Section], tables, min_n: int, lang: str) -> list[str]:
    lines = privacy_lines(sections, min_n=min_n, lang=lang)  # the report's one rule and ratio
    responses = tables.get("responses")
    midpoint = tables.get("survey_midpoint_summary")
    if responses is not None and responses["score"].notna().any() and midpoint is not None:
        scores = responses["score"].dropna()
        lines.append(
            text.word(
                "deck.method_scale",
                lang,
                low=text.number(scores.min(), lang, digits=0),
                high=text.number(scores.max(), lang, digits=0),
                midpoint=text.number(float(midpoint["midpoint"].iloc[0]), lang),
            )
        )
    alpha = tables.get("survey_alpha")
    if alpha is not None and alpha["alpha"].notna().any():
        shown = alpha.loc[~alpha["suppressed"].astype(bool), "alpha"].dropna()
        if len(shown):
            low, high = (text.number(v, lang, digits=2) for v in (shown.min(), shown.max()))
            lines.append(text.word("deck.method_alpha", lang, low=low, high=high))
    return lines


def _read_lines(sections: list[Section], lang: str) -> list[str]:
    lines = []
    for section in sections:
        counts = section.counts
        topic = text.translate_values([section.name], "report.topic", lang)[0]
        if counts:
            lines.append(
                text.word(
                    "report.counts",
                    lang,
                    label=topic,
                    files=text.count(counts.get("files", 0), "report.files", lang),
                    cells_read=counts["cells_read"],
                    accepted=counts["accepted"],
                    problems=text.count(counts["problems"], "report.problems", lang),
                )
            )
        problems = section.problems
        if problems is not None and len(problems):
            for kind, n in problems["kind"].value_counts().sort_index().items():
                shown = text.translate_values([kind], "value.problem", lang)[0]
                lines.append(text.word("deck.method_problem", lang, topic=topic, kind=shown, n=n))
    lines.append(text.word("deck.method_log", lang, log="data/processed/problems.csv"))
    return lines


def _method_slide(prs, sections: list[Section], tables, min_n: int, lang: str) -> None:
    slide = _slide(prs, text.word("deck.method_title", lang))
    width = (SLIDE_WIDTH_IN - 2 * _MARGIN - 0.4) / 2
    method = _method_lines(sections, tables, min_n, lang)
    _text_box(slide, (_MARGIN, _TOP, width, _BODY_H), method)
    right = _MARGIN + width + 0.4
    heading = [text.word("deck.method_read", lang)]
    _text_box(slide, (right, _TOP, width, 0.5), heading, size=18, bold=True)
    read = _read_lines(sections, lang)
    _text_box(slide, (right, _TOP + 0.6, width, _BODY_H - 0.6), read)
    _notes(slide, method + read)


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def _fixed_core_properties(prs, lang: str) -> None:
    properties = prs.core_properties
    properties.title = text.word("report.title", lang)
    properties.author = ""
    properties.last_modified_by = ""
    properties.created = _FIXED
    properties.modified = _FIXED
    properties.last_printed = _FIXED
    properties.revision = 1
    properties.language = text.word("deck.language", lang)


def _save_stable(prs, path: Path) -> Path:
    """Save with every zip entry dated :data:`_FIXED`, in the order python-pptx writes them."""
    buffer = io.BytesIO()
    prs.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return path


def _priority_lines(table: pd.DataFrame, lang: str, *, limit: int = 6) -> list[str]:
    candidates = table[table["unaddressed"].astype(bool)]
    if not len(candidates):
        return [text.word("priorities.slide_none", lang)]
    return [
        text.word(
            "priorities.slide_line",
            lang,
            capability=row.capability,
            gap=text.number(float(row.gap), lang),
            below=int(row.n_below_target),
            assessed=int(row.n_assessed),
        )
        for row in candidates.head(limit).itertuples()
    ]


def _priorities_slide(prs, section: Section, figures: Path, lang: str) -> None:
    """The priorities for the next plan: the figure, the candidates, the finding as caption."""
    table = section.tables.get("priorities")
    if table is None:
        return
    slide = _slide(prs, text.word("priorities.slide_title", lang))
    figure = figures / "prioriteringar.png"
    box = (_MARGIN, _TOP, 8.2, _BODY_H)
    used = _picture(slide, figure if figure.exists() else None, box, centre=False)
    right = _MARGIN + max(used, 0.0) + 0.3
    width = SLIDE_WIDTH_IN - _MARGIN - right
    heading = [text.word("priorities.slide_heading", lang)]
    _text_box(slide, (right, _TOP, width, 0.5), heading, size=18, bold=True)
    lines = _priority_lines(table, lang)
    _text_box(slide, (right, _TOP + 0.6, width, 2.6), lines)
    sentence = [finding.sentence for finding in section.findings]
    _text_box(slide, (right, _TOP + 3.3, width, _BODY_H - 3.3), sentence)
    notes = [text.word("deck.notes", lang)]
    for finding in section.findings:
        notes += value_lines(finding.values, lang)
    if figure.exists():
        notes.append(text.word("deck.notes_figure", lang, name=figure.name))
    _notes(slide, [*notes, *_priority_lines(table, lang, limit=len(table))])


def write_deck(
    sections: list[Section],
    path: str | Path,
    *,
    figures: str | Path | None = None,
    min_n: int = 5,
    lang: str = "sv",
) -> Path:
    """Write the steering-group deck (16:9 PowerPoint) from the report's sections.

    Parameters
    ----------
    sections : list of Section
        The report's sections (tables, findings, counts, problems).
    path : where to write, e.g. ``reports/nulagesanalys.pptx``.
    figures : folder of the report's PNG figures; default ``<path's folder>/figures``.
    min_n : the report's suppression limit (stated on the method slide).
    lang : ``"sv"`` or ``"en"``.

    Returns
    -------
    Path

    Examples
    --------
    >>> write_deck(sections, "reports/nulagesanalys.pptx", lang="en")  # doctest: +SKIP
    PosixPath('reports/nulagesanalys.pptx')
    """
    from pptx import Presentation
    from pptx.util import Inches

    text.check_lang(lang)
    path = Path(path)
    figures = path.parent / "figures" if figures is None else Path(figures)
    tables = _tables(sections)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    _title_slide(prs, tables, lang)
    overviews = {"capability": _capability_slide, "risk": _risk_slide, "actionplan": _action_slide}
    for section in sections:
        if section.name == "priorities":  # one slide: figure, candidates and the finding
            _priorities_slide(prs, section, figures, lang)
            continue
        for finding in section.findings:
            _finding_slide(prs, finding, figures, lang)
        if section.name in overviews:
            overviews[section.name](prs, tables, figures, lang)
    _method_slide(prs, sections, tables, min_n, lang)
    _fixed_core_properties(prs, lang)
    return _save_stable(prs, path)


# ------------------------------------------------------------------------------------------
# A profile per organisation
# ------------------------------------------------------------------------------------------


#: Control characters other than tab and line feed, which python-pptx escapes in a run's text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
#: A table cell's margins (top and bottom, left and right).
_CELL_MARGINS = (0.01, 0.05)


def _table(slide, box, rows: list[list[str]], widths: list[float], *, numbers_from: int = 1):
    """A table at :data:`MIN_PT` with a bold header row; its height is at most the box's;
    columns from ``numbers_from`` on are right-aligned.

    The table's XML is written in one piece (:func:`maturity.report.slide_xml.table_xml`), the
    same XML that setting each cell's properties through python-pptx gives, at a fraction of
    the cost."""
    from pptx.oxml import parse_xml
    from pptx.util import Emu

    frame, columns, row_height = _table_geometry(box, rows, widths)
    left, top, width, height = frame
    shape = slide.shapes.add_table(1, 1, Emu(left), Emu(top), Emu(width), Emu(height))
    escaped = [[_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", v) for v in row] for row in rows]
    tbl = parse_xml(_table_xml(escaped, columns, row_height, numbers_from, declare=True))
    for empty in tbl.iterfind(".//a:t", {"a": tbl.nsmap["a"]}):
        if empty.text is None:
            empty.text = ""  # as python-pptx sets an empty run: <a:t></a:t>, not <a:t/>
    old = shape.table._tbl
    old.getparent().replace(old, tbl)
    return shape


def _table_geometry(box, rows, widths) -> tuple[tuple[int, int, int, int], list[int], int]:
    """The table's frame, column widths and row height in EMU: the frame as wide as the
    columns and as high as the rows (python-pptx sums them as each is set)."""
    from pptx.util import Inches

    left, top, _, height = box
    row_height = Inches(min(height / len(rows), 0.4))
    columns = [int(Inches(width)) for width in widths]
    frame = (int(Inches(left)), int(Inches(top)), sum(columns), int(row_height) * len(rows))
    return frame, columns, int(row_height)


def _table_xml(rows, columns, row_height: int, numbers_from: int, *, declare: bool) -> str:
    from pptx.util import Inches

    margins = tuple(int(Inches(margin)) for margin in _CELL_MARGINS)
    return slide_xml.table_xml(
        rows,
        columns,
        row_height,
        numbers_from,
        size=MIN_PT * 100,
        margins=margins,
        declare=declare,
    )


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    if "wave" in frame and frame["wave"].notna().any():
        return frame[frame["wave"] == frame["wave"].max()]
    return frame


def _records(frame: pd.DataFrame, columns: list[str]) -> dict:
    """Each organisation's rows of ``frame`` (in the frame's order) as tuples of ``columns``,
    in one pass: the rows of ``frame[frame["organisation"] == name]`` for each name."""
    out: dict = {}
    rows = zip(*(frame[column].tolist() for column in columns), strict=True)
    for key, row in zip(frame["organisation"].tolist(), rows, strict=True):
        if not pd.isna(key):
            out.setdefault(key, []).append(row)
    return out


#: The columns of the profiles' tables, as kept in :class:`_Profiles`.
_CAPABILITY = ["strongest", "strongest_level", "weakest", "weakest_level"]
_CAPABILITY += ["n_at_or_above_target", "n_with_target"]
_SURVEY = ["role", "dimension", "mean", "n_respondents", "suppressed"]
_CHANGE = ["role", "dimension", "mean_from", "mean_to", "difference", "suppressed"]


@dataclass
class _Profiles:
    """What the profiles share, computed once per :func:`write_profiles` call: the title
    lines, the rows that are the same in every profile and each organisation's rows of the
    tables the profiles show (tuples of the columns named above)."""

    title_lines: list[str]
    capability: dict | None = None  # name -> its capability_organisations rows (_CAPABILITY)
    levels: dict = field(default_factory=dict)  # name -> {capability: its latest level}
    summary: list = field(default_factory=list)  # (capability, target, group mean) as text
    survey: dict | None = None  # name -> its survey_organisations rows (_SURVEY)
    everyone: dict = field(default_factory=dict)  # (role, dimension) -> mean of everyone
    wave: object = None  # the latest survey wave
    change: dict = field(default_factory=dict)  # name -> its change rows (_CHANGE)
    waves: list = field(default_factory=list)  # the survey waves (change only with two)
    hidden: dict = field(default_factory=dict)  # name -> roles hidden in the two waves


def _profile_data(tables, names: list[str] | None, min_n: int, lang: str) -> _Profiles:
    """The shared part of the profiles of ``names`` (None: every organisation)."""
    data = _Profiles(title_lines=_title_lines(tables, lang)[1:])
    names_ = ("capability_assessments", "capability_summary", "capability_organisations")
    if all(name in tables for name in names_):
        data.capability = _records(_latest(tables["capability_organisations"]), _CAPABILITY)
        levels = _records(_latest(tables["capability_assessments"]), ["capability", "level"])
        data.levels = {key: dict(rows) for key, rows in levels.items()}
        data.summary = _summary_rows(_latest(tables["capability_summary"]), lang)
    groups, responses = tables.get("survey_organisations"), tables.get("responses")
    if responses is None:
        return data
    if groups is not None and len(responses):
        data.survey = _records(groups, _SURVEY)
        everyone = tables["survey_dimensions"]
        keys = zip(everyone["role"].tolist(), everyone["dimension"].tolist(), strict=True)
        data.everyone = dict(zip(keys, everyone["mean"].tolist(), strict=True))
        data.wave = responses["wave"].max()
    waves = responses["wave"].drop_duplicates()
    if waves.nunique() >= 2:
        data.waves = sorted(waves.dropna())
        data.change = _records(_changes(responses, names, data.waves, min_n), _CHANGE)
        data.hidden = _hidden_roles(tables, (data.waves[0], data.waves[-1]))
    return data


def _summary_rows(summary: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """Per capability: its name, target and mean of all organisations, as text."""
    return [
        (
            capability,
            text.number(float(target), lang, digits=0) if pd.notna(target) else "",
            text.number(mean, lang),
        )
        for capability, target, mean in zip(
            summary["capability"].tolist(),
            summary["target"].tolist(),
            summary["mean"].tolist(),
            strict=True,
        )
    ]


def _changes(responses, names, waves, min_n: int) -> pd.DataFrame:
    """Each organisation's change by role and dimension from the first wave to the last: one
    :func:`maturity.stats.change` with ``organisation`` among its groups, suppressed as each
    organisation alone (fewer than ``min_n`` respondents in either wave; no margins)."""
    from maturity import stats

    if names is not None:
        responses = responses[responses["organisation"].isin(names)]
    by = ["organisation", "role", "dimension"]
    change = stats.change(responses, from_wave=waves[0], to_wave=waves[-1], by=by, min_n=1)
    alone = _partial_organisations(responses, waves)
    for name in alone:  # their own statements count (see _partial_organisations)
        mine = responses[responses["organisation"] == name]
        change = pd.concat(
            [
                change[change["organisation"] != name],
                stats.change(mine, from_wave=waves[0], to_wave=waves[-1], by=by, min_n=1),
            ]
        )
    fewest = change[["n_respondents_from", "n_respondents_to"]].min(axis=1)
    change["suppressed"] = fewest.to_numpy() < min_n
    return change


def _partial_organisations(responses, waves) -> list:
    """Organisations that lack a statement which others have in the same wave, role and
    dimension. A respondent's dimension score needs half the dimension's statements *seen in
    the data* (:func:`maturity.stats.dimension_scores`), so for these organisations alone the
    count differs from the one over all organisations: their change is computed alone."""
    from maturity.stats.grouping import group

    pair = responses[responses["wave"].isin([waves[0], waves[-1]])]
    context = [c for c in ("wave", "role", "dimension") if c in pair.columns]
    seen = group(pair, ["organisation", *context, "statement"]).keys
    mine = seen.groupby(["organisation", *context], observed=True, dropna=False).size()
    overall = seen.drop_duplicates([*context, "statement"])
    overall = overall.groupby(context, observed=True, dropna=False).size()
    short = mine.reset_index(name="n").merge(overall.reset_index(name="all"), on=context)
    return sorted(set(short.loc[short["n"] < short["all"], "organisation"]))


@dataclass
class _Box:
    """A text box of a profile slide (see :func:`_text_box`)."""

    box: tuple[float, float, float, float]
    paragraphs: list[str]
    size: int | None = None
    bold: bool = False
    color: tuple[int, int, int] | None = None


@dataclass
class _Grid:
    """A table of a profile slide (see :func:`_table`)."""

    box: tuple[float, float, float, float]
    rows: list[list[str]]
    widths: list[float]
    numbers_from: int = 1


@dataclass
class _Page:
    """A profile slide: its shapes in order and its speaker notes (None: no notes)."""

    shapes: list
    notes: list[str] | None = None

    def texts(self):
        for shape in self.shapes:
            yield from (
                shape.paragraphs if isinstance(shape, _Box) else (v for r in shape.rows for v in r)
            )
        yield from self.notes or []


def _titled(title: str, shapes: list, notes: list[str]) -> _Page:
    """A page with the title box of :func:`_slide` first."""
    box = (_MARGIN, 0.35, SLIDE_WIDTH_IN - 2 * _MARGIN, 0.9)
    size = _fit_pt([title], box[2], box[3], (28, 24, 20))
    return _Page([_Box(box, [title], size, True, _ACCENT), *shapes], notes)


def _capability_rows(data: _Profiles, organisation: str, lang: str) -> list[list[str]]:
    header = [
        text.word(f"deck.profile_{k}", lang)
        for k in ("capability", "level", "target", "group_mean")
    ]
    rows = [header]
    levels = data.levels.get(organisation, {})
    for capability, target, mean in data.summary:
        level = levels.get(capability)
        shown = (
            text.word("figure.not_assessed", lang)
            if level is None or pd.isna(level)
            else text.number(float(level), lang, digits=0)
        )
        rows.append([capability, shown, target, mean])
    return rows


def _capability_page(data: _Profiles, organisation: str, lang: str) -> _Page | None:
    if data.capability is None or organisation not in data.capability:
        return None
    title = text.word("deck.profile_capability_title", lang, organisation=organisation)
    rows = _capability_rows(data, organisation, lang)
    row = dict(zip(_CAPABILITY, data.capability[organisation][0], strict=True))
    lines = [
        text.word(
            "deck.profile_strongest",
            lang,
            names=str(row["strongest"]).replace("; ", ", "),
            level=text.number(float(row["strongest_level"]), lang, digits=0),
        ),
        text.word(
            "deck.profile_weakest",
            lang,
            names=str(row["weakest"]).replace("; ", ", "),
            level=text.number(float(row["weakest_level"]), lang, digits=0),
        ),
        text.word(
            "deck.profile_at_target",
            lang,
            n=int(row["n_at_or_above_target"]),
            total=int(row["n_with_target"]),
        ),
    ]
    left = _MARGIN + 8.4
    shapes = [
        _Grid((_MARGIN, _TOP, 8.0, _BODY_H), rows, [5.0, 1.1, 0.9, 1.2]),
        _Box((left, _TOP, SLIDE_WIDTH_IN - _MARGIN - left, _BODY_H), lines),
    ]
    return _titled(title, shapes, lines + [" | ".join(r) for r in rows[1:]])


def _survey_page(data: _Profiles, organisation: str, min_n: int, lang: str) -> _Page | None:
    if data.survey is None:
        return None
    title = text.word("deck.profile_survey_title", lang, organisation=organisation, wave=data.wave)
    mine = data.survey.get(organisation, [])
    header = [text.word(f"deck.profile_{k}", lang) for k in ("role", "dimension", "mean_n", "all")]
    rows = [header]
    for role, dimension, mean, n, suppressed in mine:
        if not bool(suppressed):
            shown = f"{text.number(mean, lang)} ({int(n)})"
            overall = data.everyone.get((role, dimension))
            rows.append([str(role), str(dimension), shown, text.number(overall, lang)])
    lines = [
        upper_first(
            text.word(
                "deck.profile_suppressed", lang, role=role, min_n=min_n, organisation=organisation
            )
        )
        for role in sorted({str(row[0]) for row in mine if bool(row[-1])})
    ]
    if not len(mine):
        lines = [text.word("deck.profile_no_survey", lang, organisation=organisation)]
    shapes = []
    if len(rows) > 1:
        shapes.append(_Grid((_MARGIN, _TOP, 8.0, _BODY_H), rows, [2.2, 3.0, 1.4, 1.6], 2))
    left = _MARGIN + 8.4 if len(rows) > 1 else _MARGIN
    shapes.append(_Box((left, _TOP, SLIDE_WIDTH_IN - _MARGIN - left, _BODY_H), lines or [" "]))
    return _titled(title, shapes, lines + [" | ".join(r) for r in rows[1:]])


def _change_page(data: _Profiles, organisation: str, min_n: int, lang: str) -> _Page | None:
    waves = data.waves
    if len(waves) < 2:
        return None
    title = text.word(
        "deck.profile_change_title",
        lang,
        organisation=organisation,
        from_wave=waves[0],
        to_wave=waves[-1],
    )
    hidden_roles = data.hidden.get(organisation, set())
    change = [
        (*row[:-1], bool(row[-1]) or str(row[0]) in hidden_roles)
        for row in data.change.get(organisation, [])
    ]
    header = [text.word(f"deck.profile_{k}", lang) for k in ("role", "dimension")]
    rows = [header + [str(waves[0]), str(waves[-1]), text.word("deck.profile_change", lang)]]
    for role, dimension, mean_from, mean_to, difference, suppressed in change:
        if not suppressed:
            rows.append(
                [
                    str(role),
                    str(dimension),
                    text.number(mean_from, lang),
                    text.number(mean_to, lang),
                    text.number(difference, lang, digits=2),
                ]
            )
    shapes = []
    if len(rows) > 1:
        shapes.append(_Grid((_MARGIN, _TOP, 9.4, _BODY_H), rows, [2.2, 3.0, 1.2, 1.2, 1.8], 2))
    hidden = {str(row[0]) for row in change if row[-1]}
    lines = [
        upper_first(text.word("deck.profile_no_change", lang, role=role, min_n=min_n))
        for role in sorted(hidden)
    ]
    if not len(change):
        lines = [text.word("deck.profile_no_survey", lang, organisation=organisation)]
    if lines:
        box = (_MARGIN + 9.8, _TOP, SLIDE_WIDTH_IN - 2 * _MARGIN - 9.8, _BODY_H)
        if len(rows) == 1:
            box = (_MARGIN, _TOP, SLIDE_WIDTH_IN - 2 * _MARGIN, _BODY_H)
        shapes.append(_Box(box, lines))
    return _titled(title, shapes, [" | ".join(r) for r in rows])


def _hidden_roles(tables, waves) -> dict[str, set[str]]:
    """By organisation: the roles whose answers are hidden in one of ``waves`` by the report's
    one decision per organisation (:func:`maturity.privacy.organisation_suppression`)."""
    decision = tables.get("survey_organisation_suppression")
    if decision is None or not len(decision):
        return {}
    hidden = decision[decision["suppressed"].astype(bool) & decision["wave"].isin(list(waves))]
    roles = hidden["role"].astype(str).groupby(hidden["organisation"].astype(str))
    return {name: set(values) for name, values in roles}


def _profile_pages(data: _Profiles, organisation: str, min_n: int, lang: str) -> list[_Page]:
    """The slides of ``organisation``'s profile: title, capabilities, survey, change."""
    width = SLIDE_WIDTH_IN - 2 * _MARGIN
    title = text.word("deck.profile_title", lang, organisation=organisation)
    first = _Page(
        [
            _Box((_MARGIN, 1.2, width, 1.2), [title], 40, True, _ACCENT),
            _Box((_MARGIN, 2.4, width, 0.9), [text.word("deck.profile_subtitle", lang)]),
            _Box((_MARGIN, 3.4, width, 3.6), data.title_lines),
        ]
    )
    pages = [
        _capability_page(data, organisation, lang),
        _survey_page(data, organisation, min_n, lang),
        _change_page(data, organisation, min_n, lang),
    ]
    return [first, *(page for page in pages if page is not None)]


def _write_pages(pages: list[_Page], path: Path, lang: str) -> Path:
    """The profile written through python-pptx."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    for page in pages:
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
        for shape in page.shapes:
            if isinstance(shape, _Grid):
                _table(slide, shape.box, shape.rows, shape.widths, numbers_from=shape.numbers_from)
            else:
                _text_box(
                    slide,
                    shape.box,
                    shape.paragraphs,
                    size=shape.size,
                    bold=shape.bold,
                    color=shape.color,
                )
        if page.notes is not None:
            _notes(slide, page.notes)
    _fixed_core_properties(prs, lang)
    return _save_stable(prs, path)


def _page_xml(page: _Page) -> list[str]:
    """The page's shapes as XML text (:mod:`maturity.report.slide_xml`)."""
    from pptx.util import Inches, Pt

    shapes = []
    for shape_id, shape in enumerate(page.shapes, start=2):
        if isinstance(shape, _Grid):
            frame, columns, row_height = _table_geometry(shape.box, shape.rows, shape.widths)
            table = _table_xml(shape.rows, columns, row_height, shape.numbers_from, declare=False)
            shapes.append(slide_xml.table_frame_xml(shape_id, frame, table))
            continue
        left, top, width, height = shape.box
        size = shape.size or _fit_pt(shape.paragraphs, width - 0.1, height - 0.1)
        shapes.append(
            slide_xml.text_box_xml(
                shape_id,
                tuple(int(Inches(v)) for v in shape.box),
                shape.paragraphs,
                size=Pt(max(size, MIN_PT)).centipoints,
                space_after=Pt(size * 0.4).centipoints,
                bold=shape.bold,
                color=None if shape.color is None else "".join(f"{c:02X}" for c in shape.color),
                inset=int(Inches(0.05)),
            )
        )
    return shapes


class _ProfileWriter:
    """Writes profiles fast: the first profile of each kind (which slides have notes) through
    python-pptx, the others as that file with its slides and notes replaced by the XML text
    of :mod:`maturity.report.slide_xml`, zipped by one :class:`~maturity.report.slide_xml.ZipWriter`.
    A kind whose first profile python-pptx writes differently, and any profile with a control
    character in its text, is written through python-pptx."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.zip = slide_xml.ZipWriter()
        self.kinds: dict[tuple[bool, ...], tuple[list, frozenset] | None] = {}

    def write(self, pages: list[_Page], path: Path) -> Path:
        if not slide_xml.plain(text for page in pages for text in page.texts()):
            return _write_pages(pages, path, self.lang)
        kind = tuple(page.notes is not None for page in pages)
        if kind not in self.kinds:
            _write_pages(pages, path, self.lang)
            with zipfile.ZipFile(path) as written:
                entries = [(name, written.read(name)) for name in written.namelist()]
            filled, keep = self._fill(entries, pages)
            same = filled == entries and self.zip.bytes(entries, keep) == path.read_bytes()
            self.kinds[kind] = (entries, keep) if same else None
            return path
        if self.kinds[kind] is None:
            return _write_pages(pages, path, self.lang)
        entries, keep = self.kinds[kind]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.zip.bytes(self._fill(entries, pages)[0], keep))
        return path

    @staticmethod
    def _fill(entries: list, pages: list[_Page]) -> tuple[list, frozenset]:
        """``entries`` with the slides and notes of ``pages`` (python-pptx numbers the notes
        slides in the order they are made: slide order), and the names of the others."""
        parts = {}
        with_notes = [page for page in pages if page.notes is not None]
        for number, page in enumerate(pages, start=1):
            parts[f"ppt/slides/slide{number}.xml"] = slide_xml.slide_xml(_page_xml(page))
        for number, page in enumerate(with_notes, start=1):
            parts[f"ppt/notesSlides/notesSlide{number}.xml"] = slide_xml.notes_xml(page.notes)
        filled = [(name, parts.get(name, data)) for name, data in entries]
        return filled, frozenset(name for name, _ in entries if name not in parts)


def write_profile(
    sections: list[Section],
    path: str | Path,
    *,
    organisation: str,
    min_n: int = 5,
    lang: str = "sv",
) -> Path:
    """Write one organisation's profile (16:9 PowerPoint): its capability levels against the
    target and the mean of all organisations, its strongest and weakest capabilities, its
    survey results per dimension against all organisations (only groups of at least ``min_n``
    respondents; a sentence for the others) and its change since the first wave.

    For many organisations :func:`write_profiles` is faster: it computes what the profiles
    share once.

    Examples
    --------
    >>> write_profile(sections, "reports/organisationer/Tanum.pptx", organisation="Tanum")  # doctest: +SKIP
    PosixPath('reports/organisationer/Tanum.pptx')
    """
    text.check_lang(lang)
    data = _profile_data(_tables(sections), [organisation], min_n, lang)
    return _write_pages(_profile_pages(data, organisation, min_n, lang), Path(path), lang)


def profile_name(organisation: str) -> str:
    """A file name for an organisation's profile: its name with path characters replaced.

    Examples
    --------
    >>> profile_name("Åmål"), profile_name("A/B")
    ('Åmål.pptx', 'A_B.pptx')
    """
    return re.sub(r"[^\w\- ]", "_", organisation).strip() + ".pptx"


def write_profiles(
    sections: list[Section],
    directory: str | Path,
    *,
    organisations: list[str] | None = None,
    min_n: int = 5,
    lang: str = "sv",
) -> list[Path]:
    """Write a profile per organisation (all organisations in the data, or those named) into
    ``directory``; raise ValueError for a name not in the data.

    Examples
    --------
    >>> write_profiles(sections, "reports/organisationer")  # doctest: +SKIP
    """
    tables = _tables(sections)
    known = _organisations(tables)
    names = known if organisations is None else list(organisations)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"no organisation {', '.join(unknown)} in the data")
    text.check_lang(lang)
    data = _profile_data(tables, None if organisations is None else names, min_n, lang)
    directory, writer = Path(directory), _ProfileWriter(lang)
    return [
        writer.write(_profile_pages(data, name, min_n, lang), directory / profile_name(name))
        for name in names
    ]
