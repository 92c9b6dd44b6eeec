"""Typed columns of the exported tables; the README's column dictionary is built from these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: How a column's values are written: "str" text, "int" integer, "bool" true/false,
#: "date" ISO 8601 date (YYYY-MM-DD) as text, "list" a list of strings (a JSON array in
#: CSV cells, a list column in Parquet), "json" nested objects (JSON text in CSV and Parquet).
ColumnType = Literal["str", "int", "bool", "date", "list", "json"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
