"""The five real seed documents must come out as gold.json says, every field.

The seeds are read from ../shared/seeds (never copied into the project); the
test skips, saying why, when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.evaluate import chrome_leaked, load_cases, score
from crawler.extraction.record import extract_record
from crawler.schema import validate_record


@pytest.fixture(scope="module")
def report(seeds_dir: Path):  # type: ignore[no-untyped-def]
    return score(load_cases(seeds_dir), extract_record)


def test_every_gold_field_comes_out_right(report) -> None:  # type: ignore[no-untyped-def]
    assert not report.errors
    wrong = {
        name: [(f.case, f.expected, f.got) for f in field.failures]
        for name, field in report.fields.items()
        if field.failures
    }
    assert wrong == {}


def test_chrome_lines_never_reach_the_text(seeds_dir: Path, gold: dict) -> None:
    for name, expected in gold.items():
        record = extract_record((seeds_dir / name).read_text(encoding="utf-8"), None, "text")
        for line in expected.get("chrome", []):
            assert not chrome_leaked(line, record["text"]), (name, line)
        assert validate_record(record) == [], name


def test_extract_command_reads_a_seed(cli, seeds_dir: Path, gold: dict) -> None:  # type: ignore[no-untyped-def]
    name = "003_d03f1ded44e62da6.txt"
    result = cli("extract", str(seeds_dir / name))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    for field in ("title", "published", "author", "session_number", "term_number", "district"):
        assert record[field] == gold[name][field], field
