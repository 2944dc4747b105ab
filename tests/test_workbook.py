"""Hostile and broken files: every one refused with an InputError naming the file."""

import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

import maturity as mt
from maturity.errors import InputError
from maturity.io.opener import open_workbook
from tests._workbooks import codebook, write_rows

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def good_workbook(tmp_path, name="good.xlsx"):
    return write_rows(
        tmp_path / name, {"Svar": [["Kommun", "Roll", "F1"], ["Tanum", "förvaltningschef", 3]]}
    )


def rewrite(path, replace):
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts = replace(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def refused(path, pattern):
    with pytest.raises(InputError, match=pattern) as info:
        mt.read_survey(path, codebook())
    assert path.name in str(info.value)
    return info.value


def test_billion_laughs_refused(tmp_path):
    def add_doctype(parts):
        parts["xl/sharedStrings.xml"] = BILLION_LAUGHS
        return parts

    path = rewrite(good_workbook(tmp_path), add_doctype)
    refused(path, "entity declarations")


def test_billion_laughs_in_sheet_refused(tmp_path):
    def add_doctype(parts):
        xml = parts["xl/worksheets/sheet1.xml"]
        doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        if xml.startswith(b"<?xml"):
            end = xml.index(b"?>") + 2
            xml = xml[:end] + doctype + xml[end:]
        else:
            xml = doctype + xml
        parts["xl/worksheets/sheet1.xml"] = xml.replace(b"<v>3</v>", b"<v>&a;</v>")
        return parts

    refused(rewrite(good_workbook(tmp_path), add_doctype), "entity declarations")


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_zip_bomb_refused_fast_and_without_memory(tmp_path):
    path = tmp_path / "bomb.xlsx"
    good = good_workbook(tmp_path, "seed.xlsx")
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    row = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            chunk = row * 25_000
            for _ in range(100):  # ~100 MB of XML in a file of a few hundred kB
                handle.write(chunk)
    assert path.stat().st_size < 2_000_000
    tracemalloc.start()
    started = time.perf_counter()
    refused(path, "zip bomb")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 20_000_000


def test_total_expanded_size_capped(tmp_path):
    path = good_workbook(tmp_path)
    with pytest.raises(InputError, match="expands to .* more than the limit"):
        open_workbook(path, max_bytes=1000)


def test_xls_refused(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Svar").write(0, 0, "Kommun")
    book.save(str(tmp_path / "old.xls"))
    renamed = tmp_path / "old.xlsx"
    renamed.write_bytes((tmp_path / "old.xls").read_bytes())
    refused(renamed, r"\.xls\).*save it as \.xlsx")


def test_encrypted_workbook_refused(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = good_workbook(tmp_path, "plain.xlsx")
    encrypted = tmp_path / "secret.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        OOXMLFile(source).encrypt("hemligt", target)
    refused(encrypted, "encrypted.*remove the password")


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"", "is empty"),
        ("Kommun;Roll;F1\nTanum;förvaltningschef;3\n".encode(), "CSV file"),
        (b"Hej, detta \xc3\xa4r en textfil\n", "CSV file|text file"),
        (b"\x00\x01\x02\x03binary junk" * 10, "not an Excel"),
        (b"PK\x03\x04truncated", "damaged"),
    ],
)
def test_wrong_formats_refused(tmp_path, content, pattern):
    path = tmp_path / "fel.xlsx"
    path.write_bytes(content)
    refused(path, pattern)


def test_truncated_zip_refused(tmp_path):
    path = good_workbook(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "damaged")


def test_zip_without_workbook_refused(tmp_path):
    path = tmp_path / "arkiv.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hej")
    refused(path, "not an Excel workbook")


def test_ods_refused(tmp_path):
    path = tmp_path / "kalkyl.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    refused(path, "OpenDocument")


def test_corrupt_member_refused(tmp_path):
    path = good_workbook(tmp_path)
    data = bytearray(path.read_bytes())
    offset = data.index(b"xl/worksheets/sheet1.xml") + 40
    for i in range(offset, offset + 30):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    refused(path, "damaged|could not be read")


def test_stray_cell_is_cheap(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active["XFD1048576"] = "far"
    book.save(tmp_path / "far.xlsx")
    started = time.perf_counter()
    sheet = open_workbook(tmp_path / "far.xlsx").sheet("Sheet")
    assert time.perf_counter() - started < 5
    assert sheet.rows == [["x"]]
    assert sheet.stray_cells == [(1048575, 16383, "far")]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        open_workbook(tmp_path / "saknas.xlsx")
    with pytest.raises(InputError, match="is a folder"):
        open_workbook(tmp_path)


def test_messages_never_leak_library_exceptions(tmp_path):
    path = tmp_path / "x.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", "<not-xml")
        z.writestr("[Content_Types].xml", "<Types/>")
    path.write_bytes(buffer.getvalue())
    error = refused(path, "damaged|could not")
    assert isinstance(error, InputError)


# -- the head of a sheet: the first rows without reading the rest ---------------------------------


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_head_equals_the_first_rows_of_a_full_read(tmp_path, writer):
    rows = [["Rapport"], [], ["Kommun", "Roll", "F1", "Klar"]]
    rows += [[f"Kommun {i % 7}", "förvaltningschef", i % 5 + 1, i % 2 == 0] for i in range(300)]
    rows[10] = [None, None, None, None, "långt ut"]
    path = write_rows(tmp_path / "h.xlsx", {"Svar": rows, "Tom": []}, writer)
    book = open_workbook(path)
    head = book.head("Svar", 20)
    full = book.sheet("Svar").rows[:20]
    assert head.n_rows == 20
    width = max(len(r) for r in full)
    assert [r + [""] * (width - len(r)) for r in head.rows] == [
        list(r) + [""] * (width - len(r)) for r in full
    ]
    assert book.head("Tom", 20).rows == []
    assert book.head("Svar", 20) is head  # kept for the next detector


def test_head_refuses_entity_declarations(tmp_path):
    def add_doctype(parts):
        xml = parts["xl/worksheets/sheet1.xml"]
        end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        parts["xl/worksheets/sheet1.xml"] = (
            xml[:end] + b'<!DOCTYPE x [<!ENTITY a "aa">]>' + xml[end:]
        )
        return parts

    book = open_workbook(rewrite(good_workbook(tmp_path), add_doctype))
    with pytest.raises(InputError, match="entity declarations"):
        book.head("Svar", 20)


def test_head_of_a_missing_sheet(tmp_path):
    book = open_workbook(good_workbook(tmp_path))
    with pytest.raises(InputError, match="no sheet named 'Nej'"):
        book.head("Nej", 5)


def _pieces_workbook(tmp_path, name, *, formula=False, error=False, doctype=False, far=False):
    """A sheet of a hundred rows with text, numbers and "!" in its cells, one TRUE, and (as
    asked) one formula saved without a value, one error cell, an entity declaration half-way
    or a cell far away: each of them once, so that some piece cuts it in two."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["Kommun", "Roll", "F1", "Kommentar"])
    for r in range(100):
        sheet.append([f"Kommun {r % 7}", "chef", r % 5 + 1, "Bra! t=" if r != 50 else True])
    if formula:
        sheet["F9"] = "=C9*2"  # saved without a value
    if far:
        sheet["XFD1048576"] = "far"
    path = tmp_path / name
    book.save(path)

    def edit(parts):
        xml = parts["xl/worksheets/sheet1.xml"]
        if error:
            cell = b'<c r="G101" t="e"><v>#N/A</v></c></row></sheetData>'
            xml = xml.replace(b"</row></sheetData>", cell)
        if doctype:
            middle = xml.index(b"<row", len(xml) // 2)
            xml = xml[:middle] + b'<!DOCTYPE x [<!ENTITY a "aa">]>' + xml[middle:]
        parts["xl/worksheets/sheet1.xml"] = xml
        return parts

    return rewrite(path, edit)


@pytest.mark.parametrize("kind", ["plain", "formula", "error", "far"])
def test_a_sheet_measured_in_small_pieces_reads_as_measured_whole(tmp_path, monkeypatch, kind):
    """The checks at open inflate a sheet in chunks and measure it on the way (extent,
    formulas, error and TRUE/FALSE cells): cut anywhere, it reads as when measured whole."""
    path = _pieces_workbook(tmp_path, "p.xlsx", **({kind: True} if kind != "plain" else {}))

    def read():
        book = open_workbook(path)
        table, sheet = book.table("Svar"), book.sheet("Svar")
        assert table.formula_cells == sheet.formula_cells
        columns = [c.to_pylist() for c in table.columns]
        found = (sheet.rows, sheet.formula_cells, sheet.error_cells, sheet.stray_cells)
        return found, (columns, table.has_booleans, sheet.has_booleans)

    whole = read()
    assert whole[1][1] is True and (kind != "far" or whole[0][3] == [(1048575, 16383, "far")])
    assert (kind == "formula") == ((8, 5) in whole[0][1])
    assert (kind == "error") == (whole[0][2] == {(100, 6): "#N/A"})
    for size in [*range(1, 30), 64, 1000]:
        monkeypatch.setattr("maturity.io.opener._INFLATE_CHUNK", size)
        assert read() == whole, size


@pytest.mark.parametrize("size", [1, 3, 7, 1 << 20])
def test_an_entity_declaration_deep_in_a_sheet_is_refused_in_any_piece(tmp_path, monkeypatch, size):
    monkeypatch.setattr("maturity.io.opener._INFLATE_CHUNK", size)
    book = open_workbook(_pieces_workbook(tmp_path, "d.xlsx", doctype=True))
    for read in (book.table, book.sheet):
        with pytest.raises(InputError, match="entity declarations"):
            read("Svar")
