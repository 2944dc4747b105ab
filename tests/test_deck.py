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


# --- the fast path of the profiles gives python-pptx's bytes --------------------------------


def test_profiles_fast_path_is_byte_identical_to_python_pptx(demo_report, tmp_path):
    from maturity.report import deck

    _, result = demo_report
    for lang in ("sv", "en"):
        fast = deck.write_profiles(result.sections, tmp_path / f"fast_{lang}", lang=lang)
        assert len(fast) == 15
        for path in fast:  # each one alone, all through python-pptx
            slow = deck.write_profile(
                result.sections,
                tmp_path / f"slow_{lang}" / path.name,
                organisation=path.stem,
                lang=lang,
            )
            assert path.read_bytes() == slow.read_bytes(), path.name


def test_profile_writer_on_awkward_texts(tmp_path):
    from maturity.report import deck

    def pages(name):
        table = deck._Grid((0.5, 1.35, 8.0, 5.75), [["A & B", "<x>"], [name, ""]], [5.0, 3.0])
        return [
            deck._Page([deck._Box((0.5, 1.2, 12.3, 1.2), [name, ""], 40, True, (1, 2, 3))]),
            deck._titled(f"{name}: 'quoted' \"text\"", [table], [name, "", "a > b"]),
            deck._Page([deck._Box((0.5, 1.2, 12.3, 5.0), ["x" * 400])], []),
        ]

    writer = deck._ProfileWriter("en")
    for i, name in enumerate(["Åmål", "Kommun <1>", "Tab\there", "Bell\x07", "Ünïcødé ✓"]):
        fast = writer.write(pages(name), tmp_path / "fast" / f"{i}.pptx")
        slow = deck._write_pages(pages(name), tmp_path / "slow" / f"{i}.pptx", "en")
        assert fast.read_bytes() == slow.read_bytes(), name
    assert list(writer.kinds.values()) == [writer.kinds[(False, True, True)]] and all(
        v is not None for v in writer.kinds.values()
    )


def test_zip_writer_matches_zipfile(tmp_path):
    import io
    import random
    import zipfile

    from maturity.report.slide_xml import ZipWriter

    rng = random.Random(3)
    entries = [
        (f"ppt/part{i}.xml", bytes(rng.randrange(0, 40) for _ in range(rng.randrange(0, 5000))))
        for i in range(12)
    ] + [("ppt/médias/å.bin", b"x" * 100), ("empty", b"")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    writer = ZipWriter()
    keep = {name for name, _ in entries[::2]}
    assert writer.bytes(entries, keep) == buffer.getvalue()
    assert writer.bytes(entries, keep) == buffer.getvalue()  # again, half of it kept compressed
    assert writer.bytes(entries) == buffer.getvalue()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_change_of_all_organisations_at_once_equals_one_at_a_time(seed):
    import numpy as np
    import pandas as pd

    from maturity import stats
    from maturity.report import deck
    from tests._stats_data import random_responses

    responses = random_responses(
        seed=seed, n_organisations=7, n_respondents=90, waves=(2020, 2022), categorical=seed == 1
    )
    rng = np.random.default_rng(seed)
    # some organisations lack a statement in a wave (their dimension has fewer statements there)
    lacking = (
        responses["organisation"].isin(["Org 1", "Org 4"])
        & (responses["statement"] == "S2")
        & (responses["wave"] == 2020)
    )
    responses = responses[~lacking & (rng.random(len(responses)) > 0.02)].reset_index(drop=True)
    assert deck._partial_organisations(responses, [2020, 2022]) == ["Org 1", "Org 4"]
    waves = [2020, 2022]
    for min_n in (1, 5, 12):
        together = deck._changes(responses, None, waves, min_n)
        for name in sorted(responses["organisation"].astype(str).unique()):
            mine = responses[responses["organisation"] == name]
            alone = stats.change(
                mine, from_wave=2020, to_wave=2022, by=["role", "dimension"], min_n=min_n
            )
            got = together[together["organisation"] == name]
            columns = ["role", "dimension", "n_respondents_from", "n_respondents_to", "suppressed"]
            expected = alone[columns].astype({"role": str, "dimension": str})
            pd.testing.assert_frame_equal(
                got[columns].astype({"role": str, "dimension": str}).reset_index(drop=True),
                expected.reset_index(drop=True),
                check_dtype=False,
            )
            shown = ~alone["suppressed"].to_numpy(dtype=bool)
            for column in ("mean_from", "mean_to", "difference"):
                assert np.array_equal(
                    got[column].to_numpy(dtype=float)[shown],
                    alone[column].to_numpy(dtype=float)[shown],
                ), (name, column)


def _table_cell_by_cell(slide, box, rows, widths, *, numbers_from=1):
    """The profile tables as they were written before: every cell through python-pptx."""
    from pptx.enum.text import PP_ALIGN

    left, top, _, height = box
    row_height = min(height / len(rows), 0.4)
    shape = slide.shapes.add_table(
        len(rows),
        len(widths),
        Inches(left),
        Inches(top),
        Inches(sum(widths)),
        Inches(row_height * len(rows)),
    )
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for i, row in enumerate(rows):
        table.rows[i].height = Inches(row_height)
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_top = cell.margin_bottom = Inches(0.01)
            cell.margin_left = cell.margin_right = Inches(0.05)
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.LEFT if j < numbers_from else PP_ALIGN.RIGHT
            run = paragraph.add_run()
            run.text = value
            run.font.size = Pt(MIN_PT)
            run.font.bold = i == 0
    return shape


def test_table_in_one_piece_equals_cell_by_cell():
    from lxml import etree

    from maturity.report import deck

    rows = [
        ["Roll", "Dimension", "Medel (n)"],
        ["", "A & B <c>", "3,1 (69)"],
        ["tab\there", "line\nfeed", "bell\x07 and \x1b"],
        ["Åmål ✓", "'quoted' \"text\"", " "],
    ]
    for numbers_from in (1, 2):
        xml = []
        for make in (deck._table, _table_cell_by_cell):
            prs = Presentation()
            slide = prs.slides.add_slide(prs.slide_layouts[6])
            make(slide, (0.5, 1.35, 8.0, 5.75), rows, [2.2, 3.0, 1.4], numbers_from=numbers_from)
            xml.append(etree.tostring(slide._element, encoding="UTF-8", standalone=True))
        assert xml[0] == xml[1]
