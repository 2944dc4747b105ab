"""Slides as XML text and pptx files as zip bytes, for the organisation profiles.

A national report writes a profile (a small deck) per organisation, hundreds of them. Through
python-pptx each costs about 35 ms (opening the template, setting every property of every
run, saving, re-zipping with fixed dates); here the parts that differ between profiles (the
slides and their notes) are written as XML text and every other part is taken from a deck of
the same slides that python-pptx wrote, in a zip whose unchanged entries are compressed once.
:func:`maturity.report.deck.write_profiles` checks, for each kind of deck, that the XML here
is byte for byte what python-pptx wrote and otherwise writes every profile with python-pptx.

Only text without control characters is written here (:func:`plain`); python-pptx escapes
those, so a profile that has any is left to it.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

__all__ = [
    "TABLE_STYLE",
    "plain",
    "table_xml",
    "text_box_xml",
    "table_frame_xml",
    "slide_xml",
    "notes_xml",
    "ZipWriter",
]

_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_ROOT = f'xmlns:a="{_NS_A}" xmlns:p="{_NS_P}" xmlns:r="{_NS_R}"'
_TREE = (
    '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
)
_CLOSE = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
#: The table style python-pptx gives a new table (its default).
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
_CONTROL = re.compile("[\x00-\x1f]")


def plain(texts) -> bool:
    """True when no text has a control character (tab and line feed included).

    Examples
    --------
    >>> plain(["Åmål", "3,1 (69)"]), plain(["a\\tb"])
    (True, False)
    """
    return not any(_CONTROL.search(value) for value in texts)


def _t(value: str) -> str:
    return f"<a:t>{escape(value)}</a:t>"  # python-pptx sets "" as text: <a:t></a:t>


def table_xml(
    rows: list[list[str]],
    columns: list[int],
    row_height: int,
    numbers_from: int,
    *,
    size: int,
    margins: tuple[int, int],
    declare: bool = True,
) -> str:
    """An ``a:tbl``: grid widths and row heights in EMU, each cell with its margins (top and
    bottom, left and right, EMU), left or (from ``numbers_from`` on) right alignment and one
    run of ``size`` centipoints, bold in the header row; ``declare`` adds the namespace.

    Examples
    --------
    >>> table_xml([["a"]], [100], 50, 1, size=1200, margins=(1, 2), declare=False)[:41]
    '<a:tbl><a:tblPr firstRow="1" bandRow="1">'
    """
    vertical, horizontal = margins
    cell_margins = f'marT="{vertical}" marB="{vertical}" marL="{horizontal}" marR="{horizontal}"'
    grid = "".join(f'<a:gridCol w="{width}"/>' for width in columns)
    namespace = f' xmlns:a="{_NS_A}"' if declare else ""
    parts = [
        f'<a:tbl{namespace}><a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{TABLE_STYLE}'
        f"</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>"
    ]
    for i, row in enumerate(rows):
        parts.append(f'<a:tr h="{row_height}">')
        for j, value in enumerate(row):
            parts.append(
                f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="'
                f'{"l" if j < numbers_from else "r"}"/><a:r><a:rPr sz="{size}" '
                f'b="{int(i == 0)}"/>{_t(value)}</a:r></a:p></a:txBody>'
                f"<a:tcPr {cell_margins}/></a:tc>"
            )
        parts.append("</a:tr>")
    parts.append("</a:tbl>")
    return "".join(parts)


def _xfrm(frame: str, box: tuple[int, int, int, int]) -> str:
    x, y, cx, cy = box
    return f'<{frame}:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></{frame}:xfrm>'


def text_box_xml(
    shape_id: int,
    box: tuple[int, int, int, int],
    paragraphs: list[str],
    *,
    size: int,
    space_after: int,
    bold: bool,
    color: str | None,
    inset: int,
) -> str:
    """A word-wrapped text box (``p:sp``) at ``box`` (EMU), a paragraph per text with one run
    of ``size`` centipoints, ``space_after`` centipoints after it, bold or not, in ``color``
    (hex RGB) or the theme's; left and right insets ``inset`` EMU.

    Examples
    --------
    >>> text_box_xml(2, (0, 0, 10, 10), ["x"], size=1200, space_after=480, bold=False,
    ...              color=None, inset=45720)[:50]
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="TextBox 1"/>'
    """
    if color is None:
        properties = f'<a:rPr sz="{size}" b="{int(bold)}"/>'
    else:
        properties = (
            f'<a:rPr sz="{size}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{color}"/>'
            "</a:solidFill></a:rPr>"
        )
    spacing = f'<a:pPr><a:spcAft><a:spcPts val="{space_after}"/></a:spcAft></a:pPr>'
    body = "".join(f"<a:p>{spacing}<a:r>{properties}{_t(p)}</a:r></a:p>" for p in paragraphs)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm("a", box)}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody>'
        f'<a:bodyPr wrap="square" lIns="{inset}" rIns="{inset}"><a:spAutoFit/></a:bodyPr>'
        f"<a:lstStyle/>{body}</p:txBody></p:sp>"
    )


def table_frame_xml(shape_id: int, box: tuple[int, int, int, int], table: str) -> str:
    """The ``p:graphicFrame`` holding ``table`` (:func:`table_xml` without its namespace).

    Examples
    --------
    >>> table_frame_xml(3, (0, 0, 1, 1), "<a:tbl/>")[:60]
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="3" name="Ta'
    """
    uri = "http://schemas.openxmlformats.org/drawingml/2006/table"
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
        f'name="Table {shape_id - 1}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>{_xfrm('p', box)}"
        f'<a:graphic><a:graphicData uri="{uri}">{table}</a:graphicData></a:graphic>'
        "</p:graphicFrame>"
    )


def slide_xml(shapes: list[str]) -> bytes:
    """A slide part of the blank layout holding ``shapes`` (XML text), as python-pptx
    serialises it.

    Examples
    --------
    >>> slide_xml([])[-34:]
    b'ClrMapping/></p:clrMapOvr></p:sld>'
    """
    tree = f"<p:sld {_ROOT}>{_TREE}<p:grpSpPr/>{''.join(shapes)}{_CLOSE}</p:sld>"
    return (_DECLARATION + tree).encode("utf-8")


def _placeholder(shape_id: int, name: str, ph: str, body: str = "") -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
        f"<p:spPr/>{body}</p:sp>"
    )


def notes_xml(lines: list[str]) -> bytes:
    """A notes-slide part whose notes are ``lines`` (a paragraph each), as python-pptx
    writes it from its default notes master.

    Examples
    --------
    >>> b"<a:t>Tanum</a:t>" in notes_xml(["Tanum", ""])
    True
    """
    paragraphs = "".join(
        f"<a:p><a:r>{_t(line)}</a:r></a:p>" if line else "<a:p/>" for line in lines
    )
    origin = (
        '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
        '<a:chExt cx="0" cy="0"/></a:xfrm>'
    )
    body = f"<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs or '<a:p/>'}</p:txBody>"
    shapes = (
        _placeholder(2, "Slide Image Placeholder 1", 'type="sldImg" idx="2"')
        + _placeholder(3, "Notes Placeholder 2", 'type="body" idx="3" sz="quarter"', body)
        + _placeholder(4, "Slide Number Placeholder 3", 'type="sldNum" idx="5" sz="quarter"')
    )
    tree = f"<p:notes {_ROOT}>{_TREE}<p:grpSpPr>{origin}</p:grpSpPr>{shapes}{_CLOSE}</p:notes>"
    return (_DECLARATION + tree).encode("utf-8")


class ZipWriter:
    """Zip files with every entry deflated and dated 2000-01-01 00:00, byte for byte what
    :mod:`zipfile` writes for them (``ZipInfo(name, date_time)``, ``ZIP_DEFLATED``, mode
    0600); the entries named in ``keep`` are compressed only once per writer.

    Examples
    --------
    >>> import io, zipfile
    >>> data = ZipWriter().bytes([("a.xml", b"<a/>")])
    >>> zipfile.ZipFile(io.BytesIO(data)).read("a.xml")
    b'<a/>'
    """

    _TIME, _DATE = 0, (2000 - 1980) << 9 | 1 << 5 | 1
    _SYSTEM = zipfile.ZipInfo("x").create_system  # the platform's, as zipfile writes it

    def __init__(self) -> None:
        self._compressed: dict[tuple[str, bytes], tuple[int, bytes]] = {}

    def _deflate(self, name: str, data: bytes, keep) -> tuple[int, bytes]:
        key = (name, data)
        found = self._compressed.get(key)
        if found is None:
            compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            found = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
            if name in keep:
                self._compressed[key] = found
        return found

    def bytes(self, entries: list[tuple[str, bytes]], keep=frozenset()) -> bytes:
        """The zip of ``entries`` (name, data), in their order; the compressed data of those
        named in ``keep`` is kept for the next zip with the same entry."""
        local, central, offset = [], [], 0
        for name, data in entries:
            crc, packed = self._deflate(name, data, keep)
            encoded = name.encode("ascii" if name.isascii() else "utf-8")
            flags = 0 if name.isascii() else 0x800
            common = (flags, 8, self._TIME, self._DATE, crc, len(packed), len(data))
            header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *common, len(encoded), 0)
            local += [header, encoded, packed]
            central.append(
                struct.pack(
                    "<4s4B4HL2L5H2L",
                    b"PK\x01\x02",
                    20,
                    self._SYSTEM,
                    20,
                    0,
                    *common,
                    len(encoded),
                    0,
                    0,
                    0,
                    0,
                    0o600 << 16,
                    offset,
                )
                + encoded
            )
            offset += len(header) + len(encoded) + len(packed)
        directory = b"".join(central)
        end = struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0
        )
        return b"".join(local) + directory + end
