"""`crawler eval DIR`: per-field scores of extraction on a labelled folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.evaluate import format_report, load_cases, score
from crawler.extraction.record import extract_record


def evaluate(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    cases = load_cases(folder)
    report = score(cases, extract_record)
    print(format_report(report))
    return 0
