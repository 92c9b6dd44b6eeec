"""JSON lines, CSV and Parquet exports read back equal to the database."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from export_support import build_database, projected, records, stored_records

from crawler.cli import main
from crawler.exporting.articles import ARTICLE_COLUMNS
from crawler.exporting.columns import Column
from crawler.exporting.tables import ExportError, read_csv_rows, read_parquet_rows, write_table
from crawler.schema import RECORD_FIELDS


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return build_database(tmp_path / "meetings.sqlite")


def test_every_schema_field_has_a_column_in_schema_order() -> None:
    names = [column.name for column in ARTICLE_COLUMNS]
    assert names[: len(RECORD_FIELDS)] == list(RECORD_FIELDS)
    assert len(set(names)) == len(names)
    assert all(column.description.endswith(".") for column in ARTICLE_COLUMNS)


def test_jsonl_reads_back_equal_to_the_database(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert main(["export", "--db", str(database), "--format", "jsonl", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    exported = [json.loads(line) for line in lines]
    # The whole record, evidence and all, with the columns first in dictionary order;
    # a column the record lacks is written as null, so every line has every column.
    assert exported == [{**projected(r), **r} for r in stored_records(database)]
    assert list(exported[0])[: len(ARTICLE_COLUMNS)] == [c.name for c in ARTICLE_COLUMNS]
    assert any("meeting_date_evidence" in record for record in exported)


def test_csv_reads_back_equal_to_the_database(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert main(["export", "--db", str(database), "--format", "csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(read_csv_rows(handle, ARTICLE_COLUMNS))
    assert rows == [projected(record) for record in stored_records(database)]
    assert out.read_text(encoding="utf-8").startswith("url,source,")


def test_parquet_reads_back_equal_to_the_database(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    assert main(["export", "--db", str(database), "--format", "parquet", "--out", str(out)]) == 0
    table = pq.read_table(out)
    json_columns = [c.name for c in ARTICLE_COLUMNS if c.type == "json"]
    rows = table.to_pylist()
    for row in rows:
        for name in json_columns:
            row[name] = json.loads(row[name]) if row[name] is not None else None
    assert rows == [projected(record) for record in stored_records(database)]
    assert list(read_parquet_rows(out, ARTICLE_COLUMNS)) == rows


def test_parquet_schema_types_and_descriptions(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    write_table(iter_records(database), ARTICLE_COLUMNS, "parquet", out)
    schema = pq.read_schema(out)
    assert schema.field("captions").type == pa.list_(pa.string())
    assert schema.field("officials").type == pa.string()  # JSON text
    assert schema.field("published").type == pa.string()  # ISO text: months fit too
    assert schema.field("session_number").type == pa.int64()
    assert schema.field("is_meeting_report").type == pa.bool_()
    metadata = schema.field("meeting_date").metadata
    assert metadata[b"type"] == b"date"
    assert b"YYYY-MM" in metadata[b"description"]


def test_parquet_is_written_in_batches(database: Path) -> None:
    from crawler.exporting.tables import write_parquet

    stream = io.BytesIO()
    records = stored_records(database)
    assert write_parquet(iter(records), ARTICLE_COLUMNS, stream, batch_rows=3) == len(records)
    stream.seek(0)
    parquet = pq.ParquetFile(stream)
    assert parquet.metadata.num_row_groups == 2  # 4 rows in batches of 3
    assert parquet.read().num_rows == len(records)


def iter_records(database: Path) -> Iterator[dict[str, Any]]:
    yield from stored_records(database)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_empty_database_gives_an_empty_table(fmt: str, tmp_path: Path) -> None:
    database = build_database(tmp_path / "empty.sqlite", rows=[])
    out = tmp_path / f"empty.{fmt}"
    assert main(["export", "--db", str(database), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.num_rows == 0
        assert table.schema.names == [c.name for c in ARTICLE_COLUMNS]
    elif fmt == "csv":
        assert out.read_text(encoding="utf-8").splitlines() == [
            ",".join(c.name for c in ARTICLE_COLUMNS)
        ]
    else:
        assert out.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_failed_export_leaves_the_old_file_and_no_partial(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"previous export")

    def rows() -> Iterator[dict[str, Any]]:
        yield from ({"url": f"https://x.example.vn/{n}"} for n in range(5))
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_table(rows(), ARTICLE_COLUMNS, fmt, target)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_value_that_does_not_fit_its_column_is_a_clear_error(tmp_path: Path) -> None:
    column = Column("session_number", "int", "Number.")
    with pytest.raises(ExportError, match=r"session_number='IX' is not an integer \(row \?\)"):
        write_table([{"session_number": "IX"}], (column,), "csv", io.StringIO())
    bad = {**records()[0], "session_number": "IX"}
    database = build_database(tmp_path / "bad.sqlite", rows=[bad])
    out = tmp_path / "bad.parquet"
    assert main(["export", "--db", str(database), "--format", "parquet", "--out", str(out)]) == 2
    assert not out.exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("fmt", ["parquet", "text"])
def test_missing_out_is_a_one_line_error(
    fmt: str, database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(database), "--format", fmt]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "--out" in err and err.count("\n") == 1


def test_meetings_only_and_stdout(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(database), "--format", "jsonl", "--meetings-only"]) == 0
    lines = capsys.readouterr().out.splitlines()
    exported = [json.loads(line) for line in lines]
    assert exported == [{**projected(r), **r} for r in stored_records(database, True)]
    assert len(exported) == 3 and all(r["is_meeting_report"] for r in exported)


def test_meeting_rows_or_a_clear_error(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "meetings.parquet"
    args = ["export", "--db", str(database), "--format", "parquet", "--meetings", "--out", str(out)]
    try:
        from crawler.meetings.export import MEETING_COLUMNS, iter_meeting_rows
    except ImportError:
        assert main(args) == 2
        assert "crawler.meetings.export" in capsys.readouterr().err
        return
    from crawler.storage import open_storage

    assert main(args) == 0
    storage = open_storage(str(database))
    try:
        expected = list(iter_meeting_rows(storage))
    finally:
        storage.close()
    assert pq.read_schema(out).names == [column.name for column in MEETING_COLUMNS]
    assert list(read_parquet_rows(out, MEETING_COLUMNS)) == expected
    assert len(expected) == 3  # one per meeting report of the fixture
