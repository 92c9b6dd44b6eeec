"""Plain data carried between the extraction steps (no Scrapy, no I/O).

Every normalised value travels with the string it was read from (``*_raw``)
and, for meeting fields, the sentence that gave it (``*_evidence``), so a
reader can check a value against the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageFields:
    """What the page itself says: headline, date line, byline, clean text."""

    title: str = ""
    title_raw: str | None = None
    #: ISO date "YYYY-MM-DD", or "YYYY-MM" when the page gives only the month.
    published: str | None = None
    published_raw: str | None = None
    #: Byline name only ("Đỗ Duy Nhã"); ``author_raw`` keeps the whole byline.
    author: str | None = None
    author_raw: str | None = None
    #: Main text, paragraphs separated by one blank line, no site chrome.
    text: str = ""
    #: Photo captions found in the body, kept apart from the prose.
    captions: list[str] = field(default_factory=list)
    #: The site's own name ("Cổng thông tin điện tử huyện Thọ Xuân").
    source_name: str | None = None
    #: Chrome lines that were recognised and dropped (for debugging/eval).
    dropped_lines: list[str] = field(default_factory=list)
    #: Lines kept out of ``text`` but useful for place detection (site header).
    site_lines: list[str] = field(default_factory=list)


@dataclass
class Official:
    name: str
    titles: list[str] = field(default_factory=list)
    evidence: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "titles": list(self.titles)}


@dataclass
class Figure:
    #: A number (int or float), or a ratio string "a/b".
    value: float | int | str
    unit: str
    raw: str

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "raw": self.raw}


@dataclass
class Found:
    """One extracted value with the exact substring and sentence it came from."""

    value: Any
    raw: str | None = None
    evidence: str | None = None
