"""The steering-group deck ``reports/nulagesanalys.pptx`` (python-pptx; no LibreOffice needed)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from maturity import text
from maturity.findings import key_findings
from maturity.io.discover import discover
from maturity.report import build_report
from maturity.report.deck import FINDING_FIGURES, MIN_PT, figure_for, value_lines, write_deck
from maturity.report.stages import run_stages

DEMO = Path(__file__).parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def deck(demo_report):
    root, result = demo_report
    return result, Presentation(str(result.deck))


@pytest.fixture(scope="module")
def english_deck(demo_report, tmp_path_factory):
    root, result = demo_report
    sections = run_stages(discover(DEMO), min_n=5, lang="en", progress=None)
    path = tmp_path_factory.mktemp("deck_en") / "deck.pptx"
    write_deck(sections, path, figures=root / "reports" / "figures", lang="en")
    return sections, Presentation(str(path))


def _titles(prs) -> list[str]:
    return [slide.shapes[0].text_frame.text for slide in prs.slides]


def test_report_writes_the_deck(deck):
    result, prs = deck
    assert result.deck.name == "nulagesanalys.pptx" and result.deck.exists()
    assert len(prs.slides) >= 10
    findings = key_findings(result.sections)
    # title + one per finding + capability map, risks, action plan, method
    assert len(prs.slides) == 1 + len(findings) + 4
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    titles = _titles(prs)
    assert titles[0] == text.word("report.title", "sv")
    assert titles[-1] == text.word("deck.method_title", "sv")
    for name in ("deck.capability_title", "deck.risk_title", "deck.action_title"):
        assert text.word(name, "sv") in titles


def test_title_slide_is_derived_from_the_data(deck):
    _, prs = deck
    words = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes)
    assert "15 organisationer" in words and "Åmål" in words
    assert "2020 och 2022" in words  # the survey waves
    assert "2019-11-14 till 2020-09-17" in words  # the risk meetings
    assert "2018, 2019 och 2020" in words  # the action plan's years


def test_every_shape_lies_within_the_slide(deck, english_deck):
    for prs in (deck[1], english_deck[1]):
        width, height = prs.slide_width, prs.slide_height
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
                assert shape.left + shape.width <= width, (number, shape.name)
                assert shape.top + shape.height <= height, (number, shape.name)


def test_every_text_run_is_at_least_12_pt(deck, english_deck):
    runs = 0
    for prs in (deck[1], english_deck[1]):
        for slide in prs.slides:
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        runs += 1
                        assert run.font.size is not None and run.font.size >= Pt(MIN_PT)
    assert runs > 50


def test_pictures_keep_their_aspect_ratio(deck):
    result, prs = deck
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= len(key_findings(result.sections))
    for picture in pictures:
        width_px, height_px = picture.image.size
        assert math.isclose(
            Emu(picture.width) / Emu(picture.height), width_px / height_px, rel_tol=0.01
        )


def test_each_finding_has_its_figure_and_caption_and_numbers_in_the_notes(deck):
    result, prs = deck
    figures = result.deck.parent / "figures"
    findings = key_findings(result.sections)
    finding_slides = [
        slide
        for slide in prs.slides
        if slide.has_notes_slide
        and slide.notes_slide.notes_text_frame.text.startswith(text.word("deck.notes", "sv"))
    ]
    assert len(finding_slides) == len(findings)
    for finding, slide in zip(findings, finding_slides, strict=True):
        shown = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert finding.sentence in shown
        notes = slide.notes_slide.notes_text_frame.text
        for line in value_lines(finding.values, "sv"):
            assert line in notes
        figure = figure_for(finding, figures)
        assert figure is not None, (finding.topic, finding.key)
        assert figure.name in notes
    # the numbers themselves, decimal comma: the lowest statement's mean 2.65 and n 100
    lowest = next(i for i, f in enumerate(findings) if f.key == "lowest_statement")
    notes = finding_slides[lowest].notes_slide.notes_text_frame.text
    assert "2,65" in notes and "100" in notes


def test_every_finding_key_of_the_demo_has_a_figure(deck):
    result, _ = deck
    for finding in key_findings(result.sections):
        assert (finding.topic, finding.key) in FINDING_FIGURES


def test_same_bytes_twice(demo_report, tmp_path):
    root, result = demo_report
    figures = root / "reports" / "figures"
    first = write_deck(result.sections, tmp_path / "a.pptx", figures=figures)
    second = write_deck(result.sections, tmp_path / "b.pptx", figures=figures)
    assert first.read_bytes() == second.read_bytes() == result.deck.read_bytes()


def test_english_deck_has_no_swedish_headings(english_deck):
    _, prs = english_deck
    swedish = {words["sv"] for key, words in text.WORDS.items() if key.startswith("deck.")}
    for title in _titles(prs):
        assert not set("åäöÅÄÖ") & set(title), title
        for part in title.split(": "):
            assert part not in swedish, title
    assert _titles(prs)[0] == text.word("report.title", "en")
    method = " ".join(s.text_frame.text for s in prs.slides[-1].shapes if s.has_text_frame)
    # decimal point in English: the alpha range of the method slide (0.71–0.89 on the demo)
    assert "0.71" in method and "0,71" not in method


def test_no_deck_without_figures(tmp_path):
    # the profiles need no figures; the deck shows them, so it comes only with the figures
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("riskregister.xlsx", "handlingsplan.xlsx"):
        (raw / name).write_bytes((DEMO / name).read_bytes())
    result = build_report(raw, tmp_path / "r", tmp_path / "p", progress=None, figures=False)
    assert result.deck is None and not (tmp_path / "r" / "nulagesanalys.pptx").exists()


def test_deck_without_figure_files_has_text_only_finding_slides(demo_report, tmp_path):
    _, result = demo_report
    path = write_deck(result.sections, tmp_path / "d.pptx", figures=tmp_path / "none", lang="sv")
    prs = Presentation(str(path))
    assert not [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(prs.slides) >= 10


# --- profiles per organisation ---------------------------------------------------------------


def _all_runs(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    yield from paragraph.runs


def test_report_writes_a_profile_per_organisation(demo_report):
    root, result = demo_report
    directory = root / "reports" / "organisationer"
    assert sorted(p.name for p in result.profiles) == sorted(p.name for p in directory.iterdir())
    assert len(result.profiles) == 15 and (directory / "Åmål.pptx").exists()
    for path in result.profiles:
        prs = Presentation(str(path))
        assert len(prs.slides) == 4  # title, capabilities, survey, change
        width, height = prs.slide_width, prs.slide_height
        for slide in prs.slides:
            for shape in slide.shapes:
                assert shape.left + shape.width <= width and shape.top + shape.height <= height
        assert all(run.font.size >= Pt(MIN_PT) for run in _all_runs(prs))


def test_profile_shows_levels_targets_and_group_means(demo_report):
    root, result = demo_report
    prs = Presentation(str(root / "reports" / "organisationer" / "Tanum.pptx"))
    table = next(s for s in prs.slides[1].shapes if s.has_table).table
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        text.word(f"deck.profile_{k}", "sv")
        for k in ("capability", "level", "target", "group_mean")
    ]
    avveckla = next(r for r in rows if r[0] == "Avveckla")
    assert avveckla[1:] == ["1", "3", "1,5"]  # Tanum's level, the target, the mean of 15
    assert len(rows) == 1 + 22


def test_profile_never_shows_a_group_below_min_n(demo_report):
    root, result = demo_report
    groups = {k: v for s in result.sections for k, v in s.tables.items()}["survey_organisations"]
    for path in result.profiles:
        prs = Presentation(str(path))
        organisation = path.stem
        mine = groups[groups["organisation"] == organisation]
        survey = prs.slides[2]
        tables = [s.table for s in survey.shapes if s.has_table]
        shown = [[c.text for c in row.cells] for t in tables for row in list(t.rows)[1:]]
        assert len(shown) == int((~mine["suppressed"]).sum())
        assert all(int(r[2].split("(")[1].rstrip(")")) >= 5 for r in shown)
        words = " ".join(s.text_frame.text for s in survey.shapes if s.has_text_frame)
        for role in mine.loc[mine["suppressed"], "role"].unique():
            assert f"{role[:1].upper()}{role[1:]}: färre än 5 svarande" in words


def test_one_profile_by_name_and_unknown_name(demo_report, tmp_path):
    from maturity.report.deck import write_profiles

    _, result = demo_report
    paths = write_profiles(result.sections, tmp_path, organisations=["Tanum"], lang="en")
    assert [p.name for p in paths] == ["Tanum.pptx"]
    titles = _titles(Presentation(str(paths[0])))
    assert titles[0] == "Tanum: profile" and not any(set("åäö") & set(t) for t in titles)
    with pytest.raises(ValueError, match="Gotham"):
        write_profiles(result.sections, tmp_path, organisations=["Gotham"])


def test_cli_organisation_not_in_the_data(tmp_path, capsys):
    from maturity.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "riskregister.xlsx").write_bytes((DEMO / "riskregister.xlsx").read_bytes())
    args = ["report", "--raw", str(raw), "--out", str(tmp_path / "r"), "--quiet"]
    status = main([*args, "--processed", str(tmp_path / "p"), "--organisation", "Gotham"])
    assert status == 2 and "Gotham" in capsys.readouterr().err


def test_title_slide_counts_many_organisations_without_naming_them(demo_report, tmp_path):
    import pandas as pd

    from maturity.sections import Section

    _, result = demo_report
    many = pd.DataFrame({"organisation": [f"Kommun {i}" for i in range(290)]})
    sections = [*result.sections, Section("extra", {"capability_organisations": many})]
    prs = Presentation(str(write_deck(sections, tmp_path / "d.pptx", figures=tmp_path)))
    words = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes)
    assert "organisationer" in words and "Kommun 17" not in words
