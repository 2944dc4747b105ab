"""Test helpers for hostile input: generated attack files and a resource-limited runner.

Every heavy case runs the code under test in a child process with an address-space limit
(``resource.setrlimit(RLIMIT_AS)``) and a timeout, so a regression ends as a failed test, not
as a hung or killed test run.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

#: Address space allowed to a child run (bytes): the issue's 3 GB.
MEMORY_LIMIT = 3 * 1024**3
#: Seconds a child run may take before it counts as a hang.
TIMEOUT = 60

_PREAMBLE = """\
import resource
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
"""


def run_limited(
    code: str, *, memory: int = MEMORY_LIMIT, timeout: int = TIMEOUT
) -> subprocess.CompletedProcess:
    """Run Python ``code`` in a child process under a memory limit and a timeout."""
    source = _PREAMBLE.format(limit=memory) + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", source],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def small_book(rows: list[list], sheet: str = "statements") -> bytes:
    """A workbook written by xlsxwriter (shared strings with count and uniqueCount)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    worksheet = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        worksheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def replace_member(data: bytes, member: str, change) -> bytes:
    """The workbook with one zip member's bytes replaced by ``change(old_bytes)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)
            dest.writestr(info.filename, content)
    return out.getvalue()


def with_string_count(data: bytes, attribute: str, value: str) -> bytes:
    """Set ``count`` or ``uniqueCount`` of the shared strings to ``value``."""
    pattern = rf'\b{attribute}="\d+"'.encode()
    return replace_member(
        data,
        "xl/sharedStrings.xml",
        lambda xml: re.sub(pattern, f'{attribute}="{value}"'.encode(), xml, count=1),
    )


def understate_size(data: bytes, member: str, stated: int, content: bytes) -> bytes:
    """The zip with ``member``'s uncompressed size (central directory and local header)
    rewritten to ``stated`` bytes and its checksum to that of the first ``stated`` bytes of
    ``content``: the directory lies about how far the member inflates, consistently."""
    blob = bytearray(data)
    name = member.encode()
    crc = zlib.crc32(content[:stated])
    layouts = ((b"PK\x01\x02", 16, 24, 28, 46), (b"PK\x03\x04", 14, 22, 26, 30))
    for signature, crc_at, size_at, name_len_at, name_at in layouts:
        start = 0
        while (start := blob.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", blob, start + name_len_at)
            if bytes(blob[start + name_at : start + name_at + length]) == name:
                struct.pack_into("<I", blob, start + crc_at, crc)
                struct.pack_into("<I", blob, start + size_at, stated)
            start += 4
    return bytes(blob)


def bomb_sheet(rows: int) -> bytes:
    """A long but well-compressing sheet XML body of ``rows`` rows of small numbers."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
    )
    body = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, rows + 1)
    )
    return head + body + b"</sheetData></worksheet>"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def with_error_cells(path: Path, errors: dict[str, str], member: str = "xl/worksheets/sheet1.xml"):
    """Turn existing cells (``{"D2": "#N/A"}``) of one sheet into Excel error cells, in place."""

    def change(xml: bytes) -> bytes:
        for ref, error in errors.items():
            cell = f'<c r="{ref}" t="e"><f>NA()</f><v>{error}</v></c>'.encode()
            pattern = rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)'.encode()
            xml, n = re.subn(pattern, cell.replace(b"\\", b"\\\\"), xml, count=1, flags=re.S)
            assert n == 1, ref
        return xml

    path.write_bytes(replace_member(path.read_bytes(), member, change))
    return path
