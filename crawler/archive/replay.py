"""Reading an archive's answer: what the original site said, and which capture it is.

Helpers of the archive spider that need a Scrapy response but no crawl state.
"""

from __future__ import annotations

from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.http import Response

from crawler.archive.cdx import parse_replay_url
from crawler.archive.warcin import looks_like_html
from crawler.urls import url_key

#: Response headers kept with a page (as the site spider keeps them).
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date")
# Types that are never HTML in disguise: not even sniffed.
_NOT_HTML_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf")


def is_html(content_type: str, body: bytes) -> bool:
    """HTML by its declared type, or by its first bytes when the type is missing or wrong."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if "html" in media_type:
        return True
    return not media_type.startswith(_NOT_HTML_PREFIXES) and looks_like_html(body[:2048])


def original_header(response: Response, name: str) -> str:
    """The original site's header: Wayback passes most as ``X-Archive-Orig-*``."""
    for key in (f"x-archive-orig-{name}", name):
        value = response.headers.get(key)
        if value:
            return value.decode("latin-1")
    return ""


def original_headers(response: Response) -> dict[str, str]:
    return {name: value for name in KEPT_HEADERS if (value := original_header(response, name))}


def served_timestamp(response: Response, requested: str) -> str:
    """The capture actually served: archives may answer with the nearest one."""
    memento = response.headers.get(b"Memento-Datetime")
    if memento:
        try:
            when = parsedate_to_datetime(memento.decode("latin-1"))
            return when.astimezone(UTC).strftime("%Y%m%d%H%M%S")
        except (TypeError, ValueError):
            pass  # an unreadable date: the URL's own timestamp below
    replay = parse_replay_url(response.url)
    return replay[0] if replay else requested


def same_article(a: str, b: str) -> bool:
    """Same canonical URL, http and https counted alike (archives switch schemes)."""
    return url_key(a).split("://", 1)[-1] == url_key(b).split("://", 1)[-1]


def year_argument(value: Any, name: str) -> int | None:
    """A spider argument that must be a year (or nothing)."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise ValueError(f"{name} must be a year like 2015, got {value!r}")
    return int(text)


def flag_argument(value: Any) -> bool:
    """A spider argument that is a yes/no ("1", "true", "yes", "on" from the command line)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
