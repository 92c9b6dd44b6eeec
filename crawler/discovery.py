"""What a link probably leads to, before fetching it: an article, a listing, or other.

The generic spider spends its request budget on listing and article pages;
these guesses come from the URL shapes of the CMS families seen on district
portals and provincial newspapers (vn-sites.md §3.1, §3.4) and from the
anchor text (headlines are long, menu entries short, pagers numeric).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

ARTICLE = "article"
LISTING = "listing"
OTHER = "other"

# Article URL shapes, one per CMS family, with the family in the gloss.
ARTICLE_URL_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"/portal/pages/\d{4}-\d{1,2}-\d{1,2}/[^/]+\.aspx$", "SharePoint portal article"),
    (r"/lists/[^/]+/view_detail\.aspx\?.*itemid=\d+", "SharePoint list item"),
    (r"/pages/noi-dung-tin\.aspx\?.*newsid=\d+", "SharePoint news page"),
    (r"-glpnd-\d+", "SharePoint glp page"),
    (r"/-/view_content/\d+", "Liferay web content"),
    (r"/-/asset_publisher/[^/]+/content/", "Liferay asset publisher"),
    (r"/bai-viet/\d+", "Liferay cms-icbt article"),
    (r"chi-tiet\?.*ddocname=", "Oracle WebCenter article"),
    (r"[?&]nv=news&op=[^&]+/(?!page-\d+$)[^&]+-\d+$", "NukeViet article"),
    (r"/tintuc/view/", "ASP.NET MVC article (Điện Biên)"),
    (r"/bai-viet/cat/.+/id/.+-\d+", "Phú Thọ CMS article"),
    (r"!-\d+\.html$", "Tuyên Quang CMS article"),
    (r"/3cms/[^/]+-\d+\.htm$", "Quảng Bình 3cms article"),
    (r"/post/\d+/", "dcs.vn article"),
    (r"-(?:post|postid|a|n|d|c|t)\d{3,}\.(?:html?|bbg|aspx)$", "newspaper article id suffix"),
    (r"/\d{6}/[^/]+-\d{3,}/?$", "newspaper month folder"),
    (r"/\d{4}/\d{1,2}/\d{1,2}/[^/]+", "dated path"),
    (r"/(?:tin-tuc|tin-bai|news|chi-tiet|detail)/.+-\d{3,}(?:\.html?)?$", "news detail with id"),
)

# Listing URL shapes: channels, categories, pagers.
LISTING_URL_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"/portal/kenhtin/", "SharePoint portal channel"),
    (r"[?&](?:page|pageindex|p|trang|pg|paged|\w*_cur)=\d+", "query pager"),
    (r"/(?:trang|page|p)-\d+(?:\.html?)?/?$", "path pager"),
    (r"/page/\d+/?$", "path pager"),
    (r"[?&]nv=news(?:&op=[^&/]+(?:/page-\d+)?)?$", "NukeViet category"),
    (r"/tintuc/?(?:\?|$)", "ASP.NET MVC news list"),
    (
        r"/(?:chuyen-muc|danh-muc|category|categories|chuyenmuc|kenh-tin|tin-tuc-su-kien)(?:/|$)",
        "category folder",
    ),
    (r"/-/asset_publisher/[^/]+(?:\?|$)", "Liferay publisher list"),
    (r"[?&]categoryid=\d+", "Liferay category"),
)

_ARTICLE_RE = re.compile("|".join(f"(?:{p})" for p, _ in ARTICLE_URL_PATTERNS), re.IGNORECASE)
_LISTING_RE = re.compile("|".join(f"(?:{p})" for p, _ in LISTING_URL_PATTERNS), re.IGNORECASE)

# Anchor texts of pagers ("next", "last", page numbers) in Vietnamese and English.
PAGER_WORDS = frozenset(
    {
        "sau",  # next
        "tiếp",  # next
        "trang sau",  # next page
        "trang tiếp",  # next page
        "tiếp theo",  # following
        "cuối",  # last
        "trang cuối",  # last page
        "next",
        "last",
        "»",
        "›",
        ">",
        ">>",
        "xem thêm",  # see more
        "xem tiếp",  # see more
    }
)

# Anchor texts of links to files ("download", "attached file").
DOWNLOAD_WORDS = (
    "tải về",  # download
    "tải xuống",  # download
    "download",
    "file đính kèm",  # attached file
    "tệp đính kèm",  # attached file
    "tải file",  # download the file
    "xem file",  # view the file
)

_SLUG_WORD = re.compile(r"[a-z0-9]+")


def _slug_words(url: str) -> int:
    """Words in the longest path segment (or NukeViet op value) of a URL."""
    parts = urlsplit(url)
    candidates = [unquote(s) for s in parts.path.split("/") if s]
    candidates += [unquote(v) for v in re.findall(r"op=([^&]+)", parts.query)]
    best = 0
    for segment in candidates:
        stem = segment.rsplit(".", 1)[0].lower()
        best = max(best, len(_SLUG_WORD.findall(stem.replace("_", "-"))))
    return best


def is_download_text(text: str) -> bool:
    lowered = text.strip().lower()
    return any(lowered.startswith(word) for word in DOWNLOAD_WORDS)


def is_pager_text(text: str) -> bool:
    stripped = text.strip().lower()
    return stripped.isdigit() or stripped in PAGER_WORDS


def is_article_url(url: str) -> bool:
    """Does the URL have the shape of an article of a known CMS family or a long slug?"""
    return bool(_ARTICLE_RE.search(url)) or _slug_words(url) >= 6


def guess_link_kind(url: str, anchor_text: str = "") -> str:
    """ARTICLE, LISTING or OTHER for a link, from its URL shape and anchor text."""
    if _ARTICLE_RE.search(url):
        return ARTICLE
    if _LISTING_RE.search(url) or is_pager_text(anchor_text):
        return LISTING
    words_in_anchor = len(anchor_text.split())
    slug_words = _slug_words(url)
    # Vietnamese headlines run to 8-25 words; their slugs carry most of them.
    if slug_words >= 6 or (words_in_anchor >= 7 and slug_words >= 3):
        return ARTICLE
    if words_in_anchor >= 7 and re.search(r"\d{3,}", url):
        return ARTICLE
    return OTHER
