"""Items that travel through the Scrapy pipelines.

``FetchedPage`` is what a spider yields: the bytes of one HTML page with its
HTTP metadata. The boilerplate pipeline turns it into an ``ArticleItem``, whose
fields are those of ../shared/SCHEMA.md plus the raw strings and evidence
sentences beside each normalised value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from crawler.extraction.types import PageFields


@dataclass
class FetchedPage:
    #: Final URL after redirects (for an archived copy, the original URL).
    url: str
    #: HTTP status of the final response.
    status: int
    #: The raw body as received (decompressed transfer encoding, original charset).
    body: bytes = field(repr=False)
    #: Fetch time, ISO 8601 UTC ("2025-03-01T10:00:00+00:00").
    fetched_at: str
    #: Lower-case response headers worth keeping: content-type, etag, last-modified, ...
    headers: dict[str, str] = field(default_factory=dict)
    #: Charset the downloader decided on (from headers, meta or sniffing).
    encoding: str | None = None
    #: How the URL was found: start, sitemap, feed, listing, link.
    discovered_via: str = "link"
    #: Date the sitemap (lastmod) or feed (pubDate) gave for this URL, ISO.
    listed_date: str | None = None
    #: For pages read from an archive: when the capture was made and where it lives.
    capture_time: str | None = None
    archive_url: str | None = None


@dataclass
class ArticleItem:
    """One stored article in the record format of SCHEMA.md."""

    # -- the page ---------------------------------------------------------
    url: str
    #: Site host, lower-case, without "www." ("thoxuan.thanhhoa.gov.vn").
    source: str
    #: SCHEMA source_kind enum value.
    source_kind: str
    title: str
    #: Main text, paragraphs separated by blank lines, no site chrome.
    text: str
    #: sha256 hex of the normalised text (see crawler.record.content_hash).
    content_hash: str
    source_name: str | None = None
    title_raw: str | None = None
    #: ISO date ("2022-12-13") or month ("2022-12"); published_raw as printed.
    published: str | None = None
    published_raw: str | None = None
    #: Byline name only; author_raw keeps the whole byline.
    author: str | None = None
    author_raw: str | None = None
    captions: list[str] = field(default_factory=list)
    # -- the meeting ------------------------------------------------------
    is_meeting_report: bool = False
    level: str | None = None
    body: str | None = None
    meeting_type: str | None = None
    #: ISO date of the (first) meeting day, or "YYYY-MM".
    meeting_date: str | None = None
    meeting_date_raw: str | None = None
    session_number: int | None = None
    session_number_raw: str | None = None
    term_number: int | None = None
    term_number_raw: str | None = None
    #: "2020-2025".
    term_period: str | None = None
    term_period_raw: str | None = None
    province: str | None = None
    district: str | None = None
    place_raw: str | None = None
    #: [{"name": str, "titles": [str]}] in order of first mention.
    officials: list[dict[str, Any]] = field(default_factory=list)
    #: [{"value": number or "a/b", "unit": str, "raw": str}].
    figures: list[dict[str, Any]] = field(default_factory=list)
    #: Field name -> sentence the value came from ("meeting_date" -> "Sáng ngày 07/2, ...").
    evidence: dict[str, str] = field(default_factory=dict)
    # -- provenance -------------------------------------------------------
    fetched_at: str | None = None
    capture_time: str | None = None
    archive_url: str | None = None
    extractor_version: str | None = None
    #: The fetched page the record was made from (stored beside it, not exported).
    page: FetchedPage | None = field(default=None, repr=False, compare=False)

    def to_record(self) -> dict[str, Any]:
        """The exported JSON object: SCHEMA fields, raws, and ``*_evidence`` siblings."""
        record = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "page"}
        evidence = record.pop("evidence")
        for name, sentence in evidence.items():
            record[f"{name}_evidence"] = sentence
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ArticleItem:
        known = {f.name for f in fields(cls)}
        evidence = {
            key[: -len("_evidence")]: value
            for key, value in record.items()
            if key.endswith("_evidence") and value is not None
        }
        values = {key: value for key, value in record.items() if key in known}
        values["evidence"] = {**evidence, **values.get("evidence", {})}
        return cls(**values)


@dataclass
class ExtractedPage:
    """A fetched page with its headline, dates, byline and clean text read."""

    page: FetchedPage
    fields: PageFields
