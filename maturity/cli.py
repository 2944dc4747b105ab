"""The ``maturity`` command: ``maturity report`` and ``maturity demo-data``.

Bad input ends with one clear line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from maturity.errors import MaturityError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="maturity",
        description="Digital-maturity status analysis (nulägesanalys): Excel in, validated "
        "tidy data, statistics, figures and a report out.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report", help="read data/raw, write data/processed and reports/ (figures, workbook)"
    )
    report.add_argument("--raw", type=Path, default=Path("data/raw"),
                        help="folder of input workbooks (default: data/raw)")
    report.add_argument("--out", type=Path, default=Path("reports"),
                        help="folder for figures, workbook and summary (default: reports)")
    report.add_argument("--processed", type=Path, default=Path("data/processed"),
                        help="folder for the tidy tables (default: data/processed)")
    report.add_argument("--min-n", type=int, default=5,
                        help="suppress groups with fewer respondents than this (default: 5)")
    report.add_argument("--lang", choices=["sv", "en"], default="sv",
                        help="language of figures and text (default: sv)")
    report.add_argument("--quiet", action="store_true", help="no progress output")
    demo = commands.add_parser("demo-data", help="write the seeded demo workbooks")
    demo.add_argument("directory", nargs="?", type=Path, default=Path("data/raw"))
    return parser


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
            from maturity.demo import write_demo_data

            paths = write_demo_data(args.directory)
            print(f"wrote {len(paths)} workbooks to {args.directory}")
            return 0
        from maturity.report import build_report

        build_report(
            raw=args.raw,
            out=args.out,
            processed=args.processed,
            min_n=args.min_n,
            lang=args.lang,
            progress=None if args.quiet else _progress,
        )
        return 0
    except MaturityError as err:
        print(f"maturity: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("maturity: interrupted", file=sys.stderr)
        return 130


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
