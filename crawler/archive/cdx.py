"""Capture indexes of web archives: request URLs, response parsing, capture choice.

Two index flavours are read:

- the Wayback CDX server (``/cdx/search/cdx``): ``output=json`` is one JSON
  array whose first row names the columns; with ``showResumeKey=true`` a full
  page ends with an empty row and a one-element row holding the key that
  continues the walk;
- pywb-style indexes (Common Crawl's ``/<collection>-index``, a pywb
  collection's ``/<coll>/cdx``): ``output=json`` is one JSON object per line.

Everything here is pure: it builds URLs and reads text; the archive spider
does the fetching. An index is sorted by SURT key, so the captures of one
URL arrive together; :class:`CaptureSelector` uses that to choose captures
while the index is still being walked, in memory bounded by the number of
distinct URLs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from crawler.urls import is_binary, trap_reason, url_key

DEFAULT_WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx"
DEFAULT_WAYBACK_BASE = "https://web.archive.org"
DEFAULT_CC_INDEX = "https://index.commoncrawl.org"
DEFAULT_CC_DATA = "https://data.commoncrawl.org"
#: Rows per index request: big enough to keep requests few, small enough to stay fast.
DEFAULT_PAGE_SIZE = 5000

# Mimetypes an index gives when the archive did not know the type; such a
# capture is fetched and sniffed unless its URL names a binary file.
_UNKNOWN_MIMETYPES = frozenset({"", "-", "unk", "unknown", "application/octet-stream"})
_REPLAY_PATH = re.compile(r"^/(?:[^/]+/)*?(\d{4,14})(?:[a-z]{2}_)?/(.+)$", re.DOTALL)
_COLLECTION_YEAR = re.compile(r"CC-MAIN-(\d{4})-\d+", re.IGNORECASE)
# Home pages are captured daily and are never articles.
_HOME_PATH = re.compile(
    r"^/?(?:(?:index|default|home|trang-?chu)(?:\.\w{2,5})?)?/?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Capture:
    """One row of a capture index."""

    original: str
    #: 14-digit UTC timestamp "YYYYMMDDhhmmss".
    timestamp: str
    #: HTTP status of the capture; None for revisits and unknowns ("-").
    status: int | None
    mimetype: str = ""
    digest: str = ""
    urlkey: str = ""
    #: Common Crawl only: where the WARC record lies in which file.
    filename: str | None = None
    offset: int | None = None
    length: int | None = None
    #: Common Crawl's own sniffed type, beside the one the server declared.
    mime_detected: str = ""

    @property
    def key(self) -> str:
        """Canonical identity of the captured URL (one record per key)."""
        return url_key(self.original)

    @property
    def capture_time(self) -> str:
        return timestamp_to_iso(self.timestamp)


@dataclass
class CdxPage:
    captures: list[Capture]
    #: Key to ask for the next page with (Wayback ``resumeKey``); None at the end.
    resume_key: str | None = None
    #: Rows the server sent, usable or not (to tell a full page from the last one).
    rows: int = 0


def normalize_timestamp(timestamp: str) -> str:
    """A timestamp padded to 14 digits ("2019" -> "20190101000000"): string order is time order."""
    text = timestamp.strip()
    if len(text) < 4 or not text.isdigit():
        raise ValueError(f"not a capture timestamp: {timestamp!r}")
    # Month and day pad with 01, the clock with zeros.
    return (text + "0101000000"[max(0, len(text) - 4) :])[:14]


def timestamp_to_iso(timestamp: str) -> str:
    """ "20190102030405" -> "2019-01-02T03:04:05+00:00"."""
    d = normalize_timestamp(timestamp)
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}+00:00"


# -- request URLs ---------------------------------------------------------------
def target_query(target: str) -> dict[str, str]:
    """``url`` and ``matchType`` for a bare domain (with its subdomains) or a URL prefix."""
    text = target.strip()
    if not text:
        raise ValueError("an archive target (domain or URL prefix) is required")
    bare = re.sub(r"^[a-z]+://", "", text, flags=re.IGNORECASE)
    if "/" not in bare.rstrip("/") and "?" not in bare:
        domain = bare.rstrip("/").lower()
        domain = domain[4:] if domain.startswith("www.") else domain
        return {"url": domain, "matchType": "domain"}
    return {"url": text, "matchType": "prefix"}


def _year_params(from_year: int | None, to_year: int | None) -> dict[str, str]:
    params: dict[str, str] = {}
    if from_year:
        params["from"] = str(from_year)
    if to_year:
        params["to"] = str(to_year)
    return params


def wayback_query_url(
    endpoint: str,
    target: str,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    limit: int = DEFAULT_PAGE_SIZE,
    resume_key: str | None = None,
    collapse: str | None = None,
) -> str:
    """One page of a Wayback CDX walk: successful captures only, resumable."""
    params = {**target_query(target), "output": "json", **_year_params(from_year, to_year)}
    params["filter"] = "statuscode:200"
    if collapse:
        params["collapse"] = collapse
    params.update(showResumeKey="true", limit=str(limit))
    if resume_key:
        params["resumeKey"] = resume_key
    return f"{endpoint.rstrip('/')}?{urlencode(params)}"


def cc_query_url(
    index_base: str,
    collection: str,
    target: str,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    page: int | None = None,
    show_num_pages: bool = False,
) -> str:
    """A Common Crawl index query: the page count first, then each page in turn."""
    params = {**target_query(target), "output": "json", **_year_params(from_year, to_year)}
    params["filter"] = "status:200"
    if show_num_pages:
        params["showNumPages"] = "true"
    elif page is not None:
        params["page"] = str(page)
    return f"{index_base.rstrip('/')}/{collection}-index?{urlencode(params)}"


def capture_url(base: str, timestamp: str, original: str) -> str:
    """The raw capture (``id_``: the archived bytes, without the replay toolbar)."""
    return f"{base.rstrip('/')}/web/{timestamp}id_/{original}"


def replay_url(base: str, timestamp: str, original: str) -> str:
    """The capture as a reader opens it in the archive."""
    return f"{base.rstrip('/')}/web/{timestamp}/{original}"


def parse_replay_url(url: str) -> tuple[str, str] | None:
    """(timestamp, original URL) of a replay URL such as ``/web/2019...id_/http://...``."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    match = _REPLAY_PATH.match(path)
    if not match:
        return None
    original = match.group(2)
    # Servers collapse "http://" to "http:/" in paths; put the slash back.
    original = re.sub(r"^(https?):/(?!/)", r"\1://", original)
    if not original.startswith(("http://", "https://")):
        return None
    return normalize_timestamp(match.group(1)), original


def cc_record_range(capture: Capture) -> str:
    """The HTTP Range header value of a Common Crawl WARC record."""
    if capture.offset is None or not capture.length:
        raise ValueError(f"capture of {capture.original} has no offset/length")
    return f"bytes={capture.offset}-{capture.offset + capture.length - 1}"


def cc_archive_url(data_base: str, capture: Capture) -> str:
    """Where a Common Crawl capture lives: the WARC file and the record's byte span."""
    return (
        f"{data_base.rstrip('/')}/{capture.filename}"
        f"#offset={capture.offset}&length={capture.length}"
    )


# -- responses --------------------------------------------------------------------
def _int_or_none(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _capture_from(fields: dict[str, object]) -> Capture | None:
    original = str(fields.get("original") or fields.get("url") or "")
    timestamp = str(fields.get("timestamp") or "")
    if not original or len(timestamp) < 4 or not timestamp.isdigit():
        return None
    return Capture(
        original=original,
        timestamp=normalize_timestamp(timestamp),
        status=_int_or_none(fields.get("statuscode", fields.get("status"))),
        mimetype=str(fields.get("mimetype") or fields.get("mime") or "").lower(),
        digest=str(fields.get("digest") or ""),
        urlkey=str(fields.get("urlkey") or ""),
        filename=str(fields["filename"]) if fields.get("filename") else None,
        offset=_int_or_none(fields.get("offset")),
        length=_int_or_none(fields.get("length")),
        mime_detected=str(fields.get("mime-detected") or "").lower(),
    )


def _parse_wayback_rows(rows: list[object]) -> CdxPage:
    if not rows:
        return CdxPage([])
    header = [str(name) for name in rows[0]] if isinstance(rows[0], list) else []
    captures: list[Capture] = []
    resume_key: str | None = None
    count = 0
    for index, row in enumerate(rows[1:], start=1):
        if row == []:
            # The empty row separates the captures from the resume key.
            following = rows[index + 1] if index + 1 < len(rows) else None
            if isinstance(following, list) and following:
                resume_key = str(following[0])
            break
        if not isinstance(row, list):
            continue
        count += 1
        capture = _capture_from(dict(zip(header, row, strict=False)))
        if capture:
            captures.append(capture)
    return CdxPage(captures, resume_key, count)


def parse_cdx_json(text: str) -> CdxPage:
    """Captures of one index response, in either JSON flavour (see the module docstring)."""
    body = text.strip()
    if not body:
        return CdxPage([])
    if body.startswith("["):
        rows = json.loads(body)
        if not isinstance(rows, list):
            raise ValueError("CDX JSON output is not a list of rows")
        return _parse_wayback_rows(rows)
    captures: list[Capture] = []
    count = 0
    for line in body.splitlines():
        if not line.strip():
            continue
        fields = json.loads(line)
        if not isinstance(fields, dict) or "error" in fields:
            continue
        count += 1
        capture = _capture_from(fields)
        if capture:
            captures.append(capture)
    return CdxPage(captures, None, count)


def parse_num_pages(text: str) -> int:
    """Page count from a ``showNumPages=true`` answer (``{"pages": N, ...}`` or a bare N)."""
    value = json.loads(text)
    pages = value.get("pages") if isinstance(value, dict) else value
    if not isinstance(pages, int) or pages < 0:
        raise ValueError(f"not a page count: {text[:80]!r}")
    return pages


def parse_collinfo(text: str, from_year: int | None, to_year: int | None) -> list[str]:
    """Common Crawl collections whose crawl year falls in the range, newest first."""
    chosen: list[str] = []
    for entry in json.loads(text):
        name = str(entry.get("id", ""))
        match = _COLLECTION_YEAR.match(name)
        if not match:
            continue
        year = int(match.group(1))
        if (from_year and year < from_year) or (to_year and year > to_year):
            continue
        chosen.append(name)
    # "CC-MAIN-YYYY-WW" sorts by time as text.
    return sorted(chosen, reverse=True)


# -- choice -------------------------------------------------------------------------
def is_html_capture(capture: Capture) -> bool:
    types = (capture.mimetype, capture.mime_detected)
    if any("html" in value for value in types):
        return True
    unknown = all(value in _UNKNOWN_MIMETYPES for value in types)
    return unknown and not is_binary(capture.original)


def skip_reason(capture: Capture) -> str | None:
    """Why a capture can hold no article, or None when it may."""
    if capture.mimetype == "warc/revisit":
        return "revisit"
    if capture.status is None:
        return "no_status"
    if 300 <= capture.status < 400:
        return "redirect"
    if capture.status != 200:
        return "error_status"
    if not capture.original.lower().startswith(("http://", "https://")):
        return "not_http"
    if not is_html_capture(capture):
        return "not_html"
    parts = urlsplit(capture.original)
    if _HOME_PATH.match(parts.path) and not parts.query:
        return "home_page"
    # The URLs the site spider never fetches (search, calendars, print views, ...).
    if trap_reason(capture.original):
        return "trap_url"
    return None


class CaptureSelector:
    """Chooses captures as index rows stream in.

    Default: the latest usable capture of each canonical URL. With
    ``all_captures``: every usable capture, oldest first, one per timestamp.
    A URL whose rows come back later (the same key under another spelling,
    or another Common Crawl collection) yields again only if it is newer.
    """

    def __init__(self, all_captures: bool = False) -> None:
        self.all_captures = all_captures
        #: Index rows seen, and why the unusable ones were passed over.
        self.listed = 0
        self.skipped: Counter[str] = Counter()
        self._group_key: str | None = None
        self._group: list[Capture] = []
        self._latest: dict[str, str] = {}
        self._chosen_all: set[tuple[str, str]] = set()

    def feed(self, captures: Iterable[Capture]) -> list[Capture]:
        """Captures that are final now (their URL's rows have all been seen)."""
        ready: list[Capture] = []
        for capture in captures:
            self.listed += 1
            reason = skip_reason(capture)
            if reason:
                self.skipped[reason] += 1
                continue
            key = capture.key
            if key != self._group_key:
                ready.extend(self._close_group())
                self._group_key = key
            self._group.append(capture)
        return ready

    def finish(self) -> list[Capture]:
        """The captures still held back at the end of an index walk."""
        ready = self._close_group()
        self._group_key = None
        return ready

    def _close_group(self) -> list[Capture]:
        group, self._group = self._group, []
        if not group or self._group_key is None:
            return []
        key = self._group_key
        if self.all_captures:
            by_time = {c.timestamp: c for c in group}
            chosen = [by_time[t] for t in sorted(by_time) if (key, t) not in self._chosen_all]
            self._chosen_all.update((key, c.timestamp) for c in chosen)
        else:
            best = max(group, key=lambda c: c.timestamp)
            newer = best.timestamp > self._latest.get(key, "")
            chosen = [best] if newer else []
            if newer:
                self._latest[key] = best.timestamp
        if len(group) > len(chosen):
            self.skipped["superseded"] += len(group) - len(chosen)
        return chosen


def select_captures(captures: Iterable[Capture], all_captures: bool = False) -> list[Capture]:
    """The captures to fetch from a whole index listing (see :class:`CaptureSelector`)."""
    selector = CaptureSelector(all_captures=all_captures)
    chosen = selector.feed(captures)
    return chosen + selector.finish()
