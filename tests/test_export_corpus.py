"""The text corpus: head lines in the seeds' form, exact texts, a complete index, safe names."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from export_support import build_database, records, stored_records

from crawler.cli import main
from crawler.exporting.corpus import (
    INDEX_COLUMNS,
    INDEX_NAME,
    corpus_file_name,
    head_line,
    read_corpus_file,
    write_corpus,
)
from crawler.exporting.tables import ExportError, read_csv_rows

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
NAME = re.compile(r"\A[a-z0-9][a-z0-9.-]*_(\d{4}-\d{2}(-\d{2})?|undated)_[0-9a-f]{12}\.txt\Z")


def read_index(folder: Path) -> list[dict[str, Any]]:
    with (folder / INDEX_NAME).open(encoding="utf-8", newline="") as handle:
        return list(read_csv_rows(handle, INDEX_COLUMNS))


def corpus_files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.suffix == ".txt"}


def test_corpus_round_trips_against_the_database(tmp_path: Path) -> None:
    database = build_database(tmp_path / "db.sqlite")
    corpus = tmp_path / "corpus"
    assert main(["export", "--db", str(database), "--format", "text", "--out", str(corpus)]) == 0
    meetings = {record["url"]: record for record in stored_records(database, True)}
    index = read_index(corpus)
    assert sorted(row["url"] for row in index) == sorted(meetings)
    assert corpus_files(corpus) == {row["file"] for row in index}
    for row in index:
        record = meetings[row["url"]]
        document = read_corpus_file(corpus / row["file"])
        assert document.text == record["text"]
        assert document.source == record["source"]
        assert document.date == (record["published"] or record["meeting_date"])[:7]
        assert row == {column.name: record.get(column.name) for column in INDEX_COLUMNS} | {
            "file": row["file"]
        }
        assert NAME.match(row["file"])


def test_all_articles_option_writes_every_article(tmp_path: Path) -> None:
    database = build_database(tmp_path / "db.sqlite")
    corpus = tmp_path / "corpus"
    args = ["export", "--db", str(database), "--format", "text", "--out", str(corpus)]
    assert main([*args, "--all-articles"]) == 0
    assert len(corpus_files(corpus)) == len(stored_records(database)) == 4
    undated = [row for row in read_index(corpus) if row["published"] is None]
    (news,) = undated
    document = read_corpus_file(corpus / news["file"])
    assert document.date is None and "_undated_" in news["file"]
    assert document.text == records()[2]["text"]  # carriage returns kept as stored


def test_head_line_has_the_seed_form() -> None:
    record = {"published": "2022-12-26", "source": "baonghean.vn"}
    assert head_line(record) == " date 2022-12 (Baonghean.vn) - "
    assert head_line({"published": "2023-06", "source": None}) == " date 2023-06 - "
    assert head_line({"meeting_date": "2024-01-02", "source": "a.vn"}) == " date 2024-01 (A.vn) - "
    assert head_line({"source": "x(y)\nz.vn"}) == " date (Xyz.vn) - "


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the shared seed folder {SEEDS} is absent")
def test_reader_parses_a_seed_document() -> None:
    # The seed whose first line carries the head: publication month and source.
    seed = SEEDS / "000_e4175fed6c45c0f0.txt"
    document = read_corpus_file(seed)
    assert (document.date, document.source) == ("2022-12", "baonghean.vn")
    assert seed.read_text(encoding="utf-8").startswith(
        head_line({"published": "2022-12", "source": "baonghean.vn"})
    )
    assert document.text.startswith("Nội dung")


def test_a_file_without_head_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Tiêu đề\n\nNội dung", encoding="utf-8")
    with pytest.raises(ValueError, match="head line"):
        read_corpus_file(path)


HOSTILE: tuple[tuple[str | None, str, str], ...] = (
    ("../../../etc", "https://x.vn/../../../etc/passwd", "../../escape.txt"),
    ("/abs/path", "file:///etc/shadow", "/tmp/escape"),
    ("..", "https://x.vn/a/..%2F..%2Fb", ".."),
    (None, "", "\x00nul\x00"),
    ("a\\..\\..\\b.vn", "https://x.vn/?q=\\..\\..", "C:\\Windows\\x"),
    (".hidden.vn", "https://.hidden.vn/", ".bashrc"),
    ("thọxuân.gov.vn", "https://thọxuân.gov.vn/tin/ời", "Tin tức / sự kiện"),
    ("a" * 500 + ".vn", "https://" + "a" * 500 + ".vn/" + "b" * 3000, "t" * 5000),
    ("x.vn", "https://x.vn/1", "same host and date, other URL"),
    ("x.vn", "https://x.vn/2", "same host and date, other URL"),
)


def hostile_records() -> Iterator[dict[str, Any]]:
    for source, url, title in HOSTILE:
        yield {
            "url": url,
            "source": source,
            "title": title,
            "published": "2024-02-30/../..",
            "meeting_date": None,
            "is_meeting_report": True,
            "text": f"Nội dung của {title}",
        }


def test_hostile_urls_and_titles_stay_in_the_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "out" / "corpus"
    assert write_corpus(hostile_records(), corpus) == len(HOSTILE)
    everything = [path for path in tmp_path.rglob("*")]
    assert all(
        path.resolve().is_relative_to(corpus.resolve()) for path in everything if path.is_file()
    )
    names = corpus_files(corpus)
    assert len(names) == len(HOSTILE)  # unique, even with one host and date
    assert all(NAME.match(name) and len(name) < 100 for name in names)
    assert sorted(p.name for p in corpus.iterdir()) == sorted([*names, INDEX_NAME])
    index = read_index(corpus)
    for row, (_source, url, title) in zip(index, HOSTILE, strict=True):
        assert read_corpus_file(corpus / row["file"]).text == f"Nội dung của {title}"
        assert (row["url"], row["title"]) == (url or None, title)


def test_digest_clash_lengthens_the_name_and_a_repeated_url_is_refused(tmp_path: Path) -> None:
    from crawler.exporting import corpus as corpus_module

    first, second = records()[0], {**records()[0], "url": "https://other.example.vn/"}
    short = corpus_file_name(first)
    used = {short: "https://other.example.vn/"}  # as if another URL had the same digest
    assert corpus_module._unique_name(first, used) == corpus_file_name(first, 24)
    with pytest.raises(ExportError, match="comes twice"):
        write_corpus([first, second, first], tmp_path / "corpus")


def test_links_planted_in_the_folder_are_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    record = {**records()[0]}
    name = corpus_file_name(record)
    (corpus / name).symlink_to(outside)
    (corpus / f"{INDEX_NAME}.part").symlink_to(outside)
    (corpus / f".{name}.part").symlink_to(outside)
    assert write_corpus([record], corpus) == 1
    assert outside.read_text(encoding="utf-8") == "untouched"
    assert not (corpus / name).is_symlink()
    assert read_corpus_file(corpus / name).text == record["text"]


def test_names_are_stable_and_stale_files_go(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    rows = [{**record, "is_meeting_report": True} for record in records()]
    write_corpus(rows, corpus)
    first = corpus_files(corpus)
    assert first == {corpus_file_name(record) for record in rows}
    (corpus / "notes.txt").write_text("the user's own file", encoding="utf-8")
    write_corpus(rows[1:], corpus)
    assert corpus_files(corpus) == (first - {corpus_file_name(rows[0])}) | {"notes.txt"}


def test_a_failed_corpus_export_keeps_the_old_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(records(), corpus)
    index_before = (corpus / INDEX_NAME).read_bytes()
    files_before = corpus_files(corpus)

    def failing() -> Iterator[dict[str, Any]]:
        yield records()[1]
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_corpus(failing(), corpus)
    assert (corpus / INDEX_NAME).read_bytes() == index_before
    assert corpus_files(corpus) == files_before
    assert not [p for p in corpus.iterdir() if p.name.endswith(".part")]


def test_empty_database_gives_an_index_with_no_rows(tmp_path: Path) -> None:
    database = build_database(tmp_path / "empty.sqlite", rows=[])
    corpus = tmp_path / "corpus"
    assert main(["export", "--db", str(database), "--format", "text", "--out", str(corpus)]) == 0
    assert [p.name for p in corpus.iterdir()] == [INDEX_NAME]
    with (corpus / INDEX_NAME).open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == [column.name for column in INDEX_COLUMNS]
    assert read_index(corpus) == []


def test_out_that_is_a_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = build_database(tmp_path / "db.sqlite")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    args = ["export", "--db", str(database), "--format", "text", "--out", str(not_a_folder)]
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("error:")
