"""From page content to the SCHEMA.md record: the steps joined in one place.

``extract_record`` is what `crawler extract` and `crawler eval` call. The two
halves (:func:`page_fields`, :func:`meeting_record`) stay separate concerns;
the crawl's extraction pool runs both in one call (:func:`fields_with_record`)
so that an article crosses the process boundary once each way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from crawler.extraction.classify import classify
from crawler.extraction.dates import find_meeting_date
from crawler.extraction.figures import find_figures
from crawler.extraction.hosts import HostInfo, host_info, normalise_host
from crawler.extraction.officials import find_officials
from crawler.extraction.page import extract_page
from crawler.extraction.places import find_place
from crawler.extraction.session import find_session_number, find_term
from crawler.extraction.sitekind import source_kind_of
from crawler.extraction.textdoc import extract_text_document
from crawler.extraction.types import Found, PageFields
from crawler.textnorm import fold_keep_marks

#: Bumped whenever extraction output changes; `crawler reextract` uses it.
EXTRACTOR_VERSION = "2"

_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """sha256 of the text's words, case- and tone-placement-folded.

    Whitespace, punctuation and old/new tone placement do not change the
    hash, so a republished copy with other line breaks hashes the same.
    """
    words = _WORD.findall(fold_keep_marks(text))
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def page_fields(
    content: str | bytes, url: str | None, kind: str = "html", encoding: str | None = None
) -> PageFields:
    """Headline, dates, byline and clean text of an HTML page or a text document."""
    if kind == "text":
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        return extract_text_document(text, url)
    return extract_page(content, url or "", encoding=encoding)


@lru_cache(maxsize=1024)
def _site_info(host: str, source_name: str | None) -> HostInfo:
    return host_info(host, source_name)


def _host_of_page(url: str | None, source_name: str | None) -> HostInfo:
    """host_info of the page's site, remembered per site: every page of a site asks
    the same question (host and site name), and the answer takes a good part of a
    millisecond. A copy, since HostInfo is mutable."""
    host = normalise_host(url or "")
    if normalise_host(host) != host:  # a host that normalises differently a second time
        return host_info(url or "", source_name)
    return replace(_site_info(host, source_name))


def _put(record: dict[str, Any], name: str, found: Found | None, *, raw: bool = True) -> None:
    record[name] = found.value if found else None
    if raw:
        record[f"{name}_raw"] = found.raw if found else None
    if found and found.evidence:
        record[f"{name}_evidence"] = found.evidence


def meeting_record(
    fields: PageFields, url: str | None, host: HostInfo | None = None
) -> dict[str, Any]:
    """Every field of the SCHEMA.md record for one article."""
    host = host or _host_of_page(url, fields.source_name)
    place = find_place(
        fields.title,
        fields.text,
        host=host,
        source_name=fields.source_name,
        site_lines=fields.site_lines,
    )
    chrome = [*fields.site_lines, *fields.dropped_lines]
    record: dict[str, Any] = {
        "url": url,
        "source": host.host or None,
        "source_name": fields.source_name,
        "source_kind": source_kind_of(host, fields.title, chrome, place.district),
        "title": fields.title,
        "title_raw": fields.title_raw,
        "published": fields.published,
        "published_raw": fields.published_raw,
        "author": fields.author,
        "author_raw": fields.author_raw,
        "text": fields.text,
        "captions": list(fields.captions),
        "content_hash": content_hash(fields.text),
    }
    verdict = classify(fields.title, fields.text, source_kind=record["source_kind"])
    record.update(
        is_meeting_report=verdict.is_meeting_report,
        level=verdict.level,
        body=verdict.body,
        meeting_type=verdict.meeting_type,
    )
    for name, sentence in verdict.evidence.items():
        record[f"{name}_evidence"] = sentence
    record.update(province=place.province, district=place.district, place_raw=place.raw)
    if place.evidence:
        record["district_evidence"] = place.evidence
    if verdict.is_meeting_report:
        _put(record, "meeting_date", find_meeting_date(fields.title, fields.text, fields.published))
        _put(
            record,
            "session_number",
            find_session_number(fields.title, fields.text, verdict.meeting_type),
        )
        term, period = find_term(
            fields.title, fields.text, verdict.meeting_type, verdict.level, body=verdict.body
        )
        _put(record, "term_number", term)
        _put(record, "term_period", period)
    else:
        for name in ("meeting_date", "session_number", "term_number", "term_period"):
            _put(record, name, None)
    officials = find_officials(fields.text, fields.captions)
    author = fields.author
    record["officials"] = [o.as_dict() for o in officials if not author or o.name != author]
    record["figures"] = [f.as_dict() for f in find_figures(fields.text)]
    record["extractor_version"] = EXTRACTOR_VERSION
    return record


@dataclass
class FieldsWithRecord(PageFields):
    """A page's fields with the meeting record already made from them."""

    record: dict[str, Any] = field(default_factory=dict)


def fields_with_record(
    content: str | bytes, url: str | None, kind: str = "html", encoding: str | None = None
) -> FieldsWithRecord:
    """:func:`page_fields` and :func:`meeting_record` in one call.

    The record shares its strings with the fields, so pickling the result for
    the trip back from a worker process writes each text once.
    """
    fields = page_fields(content, url, kind, encoding)
    record = meeting_record(fields, url)
    return FieldsWithRecord(**vars(fields), record=record)


def extract_record(content: str | bytes, url: str | None, kind: str = "html") -> dict[str, Any]:
    """The full record of one page or text document, without any network access."""
    return meeting_record(page_fields(content, url, kind), url)
