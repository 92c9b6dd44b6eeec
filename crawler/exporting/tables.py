"""Writers of column-typed tables as JSON lines, CSV or Parquet, in bounded memory.

A table is an iterable of rows (dicts) and a tuple of :class:`Column`; rows are
consumed one at a time (Parquet: one batch at a time), so exporting a large
database needs no more memory than a batch.

How each column type is written:

=======  ====================  ===========================  ==========================
type     JSON lines            CSV cell                     Parquet
=======  ====================  ===========================  ==========================
str      string                text                         string
int      number                digits                       int64
bool     true/false            ``true`` / ``false``         bool
date     ``"YYYY-MM[-DD]"``    ``YYYY-MM[-DD]``             string (ISO 8601 text)
list     array of strings      JSON array                   list<string>
json     nested JSON           JSON text                    string holding JSON text
=======  ====================  ===========================  ==========================

Dates stay ISO text in Parquet because SCHEMA.md dates may be month-only
(``2022-12``), which a date32 cannot hold without inventing a day. A null is an
empty CSV cell, so in CSV an empty string reads back as null.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TextIO, cast

from crawler.exporting.atomic import atomic_output
from crawler.exporting.columns import Column

FORMATS = ("jsonl", "csv", "parquet")
#: Rows per Parquet record batch (and row group): bounds memory on big databases.
PARQUET_BATCH_ROWS = 1000

Row = Mapping[str, Any]


class ExportError(ValueError):
    """A value that does not fit its column, or an unusable output."""


# -- values --------------------------------------------------------------------------------
def typed_value(value: Any, column: Column) -> Any:
    """``value`` as its column's type declares it (None stays None)."""
    if value is None:
        return None
    kind = column.type
    if kind in ("str", "date"):
        return value if isinstance(value, str) else str(value)
    if kind == "bool":
        return bool(value)
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ExportError(f"{column.name}={value!r} is not an integer")
    if kind == "list":
        items = [value] if isinstance(value, str) else value
        return [str(item) for item in items]
    return value  # "json": any JSON value


def _cells(row: Row, columns: Sequence[Column], cell: Callable[[Any, Column], Any]) -> list[Any]:
    try:
        return [cell(row.get(column.name), column) for column in columns]
    except ExportError as exc:  # name the row, so the bad record can be found
        raise ExportError(f"{exc} (row {row.get('url') or '?'})") from exc


def csv_cell(value: Any, column: Column) -> str:
    typed = typed_value(value, column)
    if typed is None:
        return ""
    if column.type == "bool":
        return "true" if typed else "false"
    if column.type in ("list", "json"):
        return json.dumps(typed, ensure_ascii=False)
    return str(typed)


def parse_csv_cell(text: str, column: Column) -> Any:
    """The value a CSV cell written by :func:`csv_cell` holds."""
    if text == "":
        return None
    if column.type == "int":
        return int(text)
    if column.type == "bool":
        return text == "true"
    if column.type in ("list", "json"):
        return json.loads(text)
    return text


# -- writers -------------------------------------------------------------------------------
def write_jsonl(rows: Iterable[Row], columns: Sequence[Column], out: TextIO) -> int:
    """One JSON object per row: the columns first, in order, then any other fields kept."""
    names = [column.name for column in columns]
    count = 0
    for row in rows:
        ordered = {name: row.get(name) for name in names}
        ordered.update((key, value) for key, value in row.items() if key not in ordered)
        out.write(json.dumps(ordered, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[Row], columns: Sequence[Column], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in columns])
    count = 0
    for row in rows:
        writer.writerow(_cells(row, columns, csv_cell))
        count += 1
    return count


def parquet_schema(columns: Sequence[Column]) -> Any:
    """The pyarrow schema of a table, each field carrying its type and description."""
    pa = _pyarrow()
    arrow_types = {
        "str": pa.string(),
        "date": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    fields = [
        pa.field(
            column.name,
            arrow_types[column.type],
            nullable=True,
            metadata={"type": column.type, "description": column.description},
        )
        for column in columns
    ]
    return pa.schema(fields, metadata={"columns": "type and description in field metadata"})


def _parquet_cell(value: Any, column: Column) -> Any:
    typed = typed_value(value, column)
    if column.type == "json" and typed is not None:
        return json.dumps(typed, ensure_ascii=False)
    return typed


def write_parquet(
    rows: Iterable[Row],
    columns: Sequence[Column],
    out: str | Path | IO[bytes],
    batch_rows: int = PARQUET_BATCH_ROWS,
) -> int:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    schema = parquet_schema(columns)
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(rows, batch_rows):
            cells = [_cells(row, columns, _parquet_cell) for row in batch]
            arrays = [
                pa.array([row_cells[index] for row_cells in cells], type=field.type)
                for index, field in enumerate(schema)
            ]
            writer.write_batch(pa.record_batch(arrays, schema=schema))
            count += len(batch)
    return count


def write_table(
    rows: Iterable[Row], columns: Sequence[Column], fmt: str, out: str | Path | IO[Any]
) -> int:
    """Write ``rows`` in format ``fmt`` to a stream or a path; the number of rows written.

    A path is written atomically (see :mod:`crawler.exporting.atomic`). Parquet
    needs a path or a binary stream; JSON lines and CSV a path or a text stream.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown table format {fmt!r} (one of {', '.join(FORMATS)})")
    if isinstance(out, (str, Path)):
        with atomic_output(Path(out), binary=fmt == "parquet") as handle:
            return write_table(rows, columns, fmt, handle)
    if fmt == "parquet":
        return write_parquet(rows, columns, out)
    writer = write_csv if fmt == "csv" else write_jsonl
    return writer(rows, columns, cast(TextIO, out))


# -- readers (round trips and analysis) ----------------------------------------------------
def read_parquet_rows(path: str | Path, columns: Sequence[Column]) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet export with JSON columns decoded, batch by batch."""
    import pyarrow.parquet as pq

    json_names = {column.name for column in columns if column.type == "json"}
    for batch in pq.ParquetFile(path).iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for row in batch.to_pylist():
            for name in json_names:
                if row.get(name) is not None:
                    row[name] = json.loads(row[name])
            yield row


def read_csv_rows(stream: TextIO, columns: Sequence[Column]) -> Iterator[dict[str, Any]]:
    """Rows of a CSV export with every cell parsed back to its column's type."""
    by_name = {column.name: column for column in columns}
    for cells in csv.DictReader(stream):
        yield {name: parse_csv_cell(text, by_name[name]) for name, text in cells.items()}


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:  # an optional dependency: say how to get it
        raise ExportError(
            "Parquet export needs pyarrow: pip install 'vn-meetings-crawler[parquet]'"
        ) from exc
    return pyarrow
