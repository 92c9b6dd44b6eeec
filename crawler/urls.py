"""URL hygiene for crawling Vietnamese portals: cleaning, canonical keys, traps.

Pure functions over strings. The spider uses them to decide what to fetch;
storage uses :func:`url_key` so that the same article reached through
``?utm_source=rss``, a session id or a ``#comments`` fragment is one record.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query keys that never select content: analytics tags and session ids.
_TRACKING_KEYS = re.compile(
    r"^(utm_\w+|fbclid|gclid|zarsrc|zalo_\w+|_ga|mc_cid|mc_eid|ref|refid|"
    r"sid|sessionid|session_id|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken)$",
    re.IGNORECASE,
)
# ";jsessionid=..." path parameters (Java portals, Liferay) and ASP.NET
# cookieless session segments "/(S(abc123))/".
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_ASPNET_SESSION = re.compile(r"/\([A-Z]\([A-Za-z0-9]+\)\)", re.IGNORECASE)

BINARY_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "rtf",
        "zip",
        "rar",
        "7z",
        "gz",
        "tgz",
        "bz2",
        "tar",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "bmp",
        "webp",
        "svg",
        "tif",
        "tiff",
        "ico",
        "mp3",
        "mp4",
        "m4a",
        "wav",
        "wma",
        "wmv",
        "avi",
        "mov",
        "flv",
        "mkv",
        "webm",
        "exe",
        "msi",
        "apk",
        "iso",
        "dmg",
        "swf",
        "css",
        "js",
        "woff",
        "woff2",
        "ttf",
        "eot",
    ]
)

# Print views duplicate an article; the article URL is the one kept.
_PRINT_VIEW = re.compile(
    r"(/print\.aspx\b|/bm/print/|/ban-in-\d+\.htm|/print(?:/|$|\?)|[?&](print|in|isprint)=(1|true)\b"
    r"|/in-?bai(?:/|$|\?|\.)|/ban-?in(?:/|$|\?|\.)|[?&]layout=print\b)",
    re.IGNORECASE,
)
# Download endpoints serve files whatever their URL looks like.
_DOWNLOAD_PATH = re.compile(
    r"(/tai-?ve|/tai-?xuong|/download|/getfile|/dinh-?kem|/attachment|/fileupload/|/uploads?/)",
    re.IGNORECASE,
)

# Pages that generate endless URLs or hold no articles: search, calendars,
# log-in, SharePoint internals, feeds of comments, tag clouds.
_TRAP_PATH = re.compile(
    r"(/search\b|/tim-?kiem|/timkiem|/ket-qua-tim-kiem|/s/|/tag/|/tags/|/calendar|"
    r"/lich(?:-am)?(?:/|$)|/dang-?nhap|/login|/logout|/register|/dang-?ky(?:/|$)|/user/|/admin|"
    r"/wp-admin|"
    r"/_layouts/|/_vti_|/_catalogs/|/cgi-bin/|/comment|/binh-luan|/share\b|/sharer)",
    re.IGNORECASE,
)
_TRAP_QUERY_KEYS = re.compile(
    r"^(q|query|keyword|keywords|tukhoa|tu_khoa|searchtext|search|s|kw|"
    r"date|ngay|thang|nam|month|year|day|week|tuan|calendar|lich|"
    r"sort|order|orderby|sortby|lang|ln|returnurl|redirect|print)$",
    re.IGNORECASE,
)

# Listing pagination in the schemes seen on these sites.
_PAGE_QUERY = re.compile(
    r"(?:^|&)(page|pageindex|p|trang|pg|paged|pagenum|pagenumber|start|offset|\w*_cur|cur)=(\d+)",
    re.IGNORECASE,
)
_PAGE_PATH = re.compile(r"(?:/trang-|/page-|/page/|/p-|/p/|-trang-)(\d+)(?:\.html?|/)?$", re.I)

MAX_URL_LENGTH = 512
# The same links (menus, "latest news" boxes) recur on every page of a site: the
# pure functions below remember recent answers, in bounded memory.
_CACHED_URLS = 1 << 14


@lru_cache(maxsize=_CACHED_URLS)
def clean_url(url: str) -> str:
    """Drop fragments, tracking and session parameters; lower-case scheme and host.

    The result is still the URL the site serves (query order kept), so it can
    be requested as is.
    """
    url = _ASPNET_SESSION.sub("", _PATH_SESSION.sub("", url.strip()))
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return url  # a malformed host or port ("http://[]/", "http://a:b/"): left as it is
    netloc = host
    if port and not (
        (parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)
    ):
        netloc = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING_KEYS.match(key)
    ]
    path = parts.path or "/"
    cleaned = urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query, safe="/:,;!@$"), ""))
    # Dropping an empty query can leave trailing white space (e.g. U+0085) exposed.
    return cleaned.strip()


@lru_cache(maxsize=_CACHED_URLS)
def url_key(url: str) -> str:
    """Canonical identity of a URL: cleaned, query sorted, percent-encoding normalised."""
    cleaned = clean_url(url)
    try:
        return canonicalize_url(cleaned, keep_fragments=False)
    except ValueError:
        return cleaned  # malformed: its cleaned form is its identity


@lru_cache(maxsize=_CACHED_URLS)
def host_of(url: str) -> str:
    """Site host as SCHEMA.md wants it: lower-case, no port, no leading "www."."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""  # a malformed authority names no host
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, hosts: frozenset[str] | set[str]) -> bool:
    return host_of(url) in hosts


def extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def is_binary(url: str) -> bool:
    return extension(url) in BINARY_EXTENSIONS


def is_print_view(url: str) -> bool:
    return bool(_PRINT_VIEW.search(url))


def page_number(url: str) -> int | None:
    """The listing page number a URL asks for, if it follows a known pagination scheme."""
    parts = urlsplit(url)
    match = _PAGE_QUERY.search(parts.query)
    if match:
        return int(match.group(2))
    match = _PAGE_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    return None


@lru_cache(maxsize=_CACHED_URLS)
def trap_reason(url: str, max_page: int = 2000) -> str | None:
    """Why a URL must not be fetched, or None when it is fine to fetch."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a malformed port
    except ValueError:
        return "malformed"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if len(url) > MAX_URL_LENGTH:
        return "too-long"
    if is_binary(url):
        return "binary"
    if is_print_view(url):
        return "print-view"
    if _DOWNLOAD_PATH.search(parts.path):
        return "download"
    if _TRAP_PATH.search(parts.path):
        return "trap-path"
    for key, _ in parse_qsl(parts.query, keep_blank_values=True):
        if _TRAP_QUERY_KEYS.match(key):
            return "trap-query"
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > 12 or len(segments) - len(set(segments)) >= 3:
        return "repeating-path"
    number = page_number(url)
    if number is not None and number > max_page:
        return "pagination-limit"
    return None
