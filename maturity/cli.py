"""The ``maturity`` command: ``maturity report``, ``maturity demo-data`` and ``maturity init``.

Bad input ends with one clear line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from maturity import text
from maturity.errors import MaturityError

__all__ = ["main", "os_error_line", "CLI_LANG"]

#: The language of the command line itself (help, errors): English, like the readers' error
#: messages. The report and its progress lines follow ``--lang``.
CLI_LANG = "en"


def _w(key: str, **fields: object) -> str:
    return text.word(f"cli.{key}", CLI_LANG, **fields)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="maturity",
        description=_w("description"),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help=_w("report"))
    report.add_argument("--raw", type=Path, default=Path("data/raw"), help=_w("raw"))
    report.add_argument("--out", type=Path, default=Path("reports"), help=_w("out"))
    report.add_argument(
        "--processed", type=Path, default=Path("data/processed"), help=_w("processed")
    )
    report.add_argument("--min-n", type=int, default=5, help=_w("min_n"))
    report.add_argument(
        "--lang", choices=list(text.LANGUAGES), default=text.LANGUAGES[0], help=_w("lang")
    )
    report.add_argument("--quiet", action="store_true", help=_w("quiet"))
    report.add_argument("--svg", action="store_true", help=_w("svg"))
    report.add_argument("--organisation", default=None, help=_w("organisation"))
    report.add_argument("--secret-file", type=Path, default=None, help=_w("secret_file"))
    demo = commands.add_parser("demo-data", help=_w("demo"))
    demo.add_argument(
        "directory", nargs="?", type=Path, default=Path("data/raw"), help=_w("demo_directory")
    )
    demo.add_argument("--force", action="store_true", help=_w("demo_force"))
    init = commands.add_parser("init", help=_w("init"))
    init.add_argument("exports", nargs="+", type=Path, help=_w("init_exports"))
    init.add_argument("--out", type=Path, default=Path("kodbok.xlsx"), help=_w("init_out"))
    init.add_argument(
        "--lang", choices=list(text.LANGUAGES), default=text.LANGUAGES[0], help=_w("init_lang")
    )
    return parser


def _secret(path: Path | None) -> bytes | None:
    """The pseudonym key read from ``--secret-file`` (None without the option)."""
    if path is None:
        return None
    key = path.read_bytes().strip()
    if not key:
        raise MaturityError(f"{path}: the secret file is empty")
    return key


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["demo-data", "/tmp/maturity-demo"])  # doctest: +SKIP
    0
    """
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo-data":
            return _demo_data(args.directory, force=args.force)
        if args.command == "init":
            return _init(args.exports, out=args.out, lang=args.lang)
        from maturity.report import build_report

        build_report(
            raw=args.raw,
            out=args.out,
            processed=args.processed,
            min_n=args.min_n,
            lang=args.lang,
            progress=None if args.quiet else _progress,
            svg=args.svg,
            organisation=args.organisation,
            secret=_secret(args.secret_file),
        )
        return 0
    except MaturityError as err:
        print(_w("error", error=err), file=sys.stderr)
        return 2
    except OSError as err:  # an unreadable input or an unwritable output: one line, no trace
        print(_w("error", error=os_error_line(err)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_w("interrupted"), file=sys.stderr)
        return 130


def _demo_data(directory: Path, *, force: bool) -> int:
    from maturity.demo import write_demo_data

    done = write_demo_data(directory, force=force, lang=CLI_LANG)
    for path in done.skipped:
        print(_w("demo_skipped", path=path))
    print(_w("demo_wrote", n=len(done.written), directory=directory))
    if done.unchanged:
        print(_w("demo_unchanged", n=len(done.unchanged), directory=directory))
    return 0


def _init(exports: list[Path], *, out: Path, lang: str) -> int:
    """``maturity init``: draft a codebook from exports; an existing ``out`` is refused."""
    from maturity.io.draft import draft_codebook, write_codebook

    if out.exists() or out.is_symlink():
        raise MaturityError(text.word("exports.exists", CLI_LANG, path=out))
    draft = draft_codebook(exports, lang=lang)
    write_codebook(draft, out, lang=lang)
    print(
        text.word(
            "cli.init_wrote",
            lang,
            path=out,
            statements=len(draft.statements),
            roles=len(draft.roles),
            steps=int(draft.scale["value"].notna().sum()),
            organisations=draft.organisations["organisation"].nunique(),
            notes=len(draft.notes),
            sheet=text.word("exports.notes_sheet", lang),
        )
    )
    return 0


def os_error_line(err: OSError) -> str:
    """One line for a file that cannot be read or written: the path, the reason, what to do.

    Examples
    --------
    >>> os_error_line(PermissionError(13, "Permission denied", "reports/summary.md"))[:38]
    'reports/summary.md: Permission denied;'
    """
    path = err.filename if err.filename is not None else "?"
    reason = err.strerror or type(err).__name__
    return text.word("hostile.os_error", CLI_LANG, path=path, reason=reason)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
