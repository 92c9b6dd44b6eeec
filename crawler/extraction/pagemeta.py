"""What a page says about itself outside the article: <title>, og:/article: meta tags,
JSON-LD, and the choice of title, site name and publication date among them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from crawler.extraction.chrome import is_print_label, is_site_name_line
from crawler.extraction.dates import date_from_url, parse_date_line
from crawler.extraction.dom import element_text
from crawler.extraction.types import Found
from crawler.textnorm import fold, normalize_spaces

# "(Cập nhật ngày: 12/3/2021)" glued to the end of a headline.
GLUED_DATE_RE = re.compile(r"\s*[(\[]\s*(?:cập nhật|ngày|đăng)[^()\[\]]*\d{4}\s*[)\]]\s*$", re.I)
TITLE_SEPARATOR_RE = re.compile(r"(\s+[-|–—»]{1,2}\s+)")

# Meta names that carry the publication date, best first.
DATE_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "date",
)


@dataclass
class PageMeta:
    """What the <head> and JSON-LD say about the page."""

    title_tag: str = ""
    og_title: str = ""
    ld_headline: str = ""
    site_name: str | None = None
    application_name: str | None = None
    author: str | None = None
    dates: list[str] = field(default_factory=list)


@dataclass
class DateLine:
    """The date printed next to the headline."""

    found: Found
    #: The shortest text that prints the date ("10:05 21/04/2023").
    printed: str
    #: The whole line it stood in ("Ngày đăng bài: 05/08/2022 | Tác giả: Thanh Trúc").
    line: str


def _json_ld_nodes(text: str) -> Iterator[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return  # broken JSON-LD is common; the page's own date line is read anyway
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(reversed(item.get("@graph", [])))


def _person_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return normalize_spaces(value) if isinstance(value, str) else None


def read_meta(root: HtmlElement) -> PageMeta:
    """Title, site name, author and date candidates from meta tags and JSON-LD."""
    values: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = normalize_spaces(tag.get("content") or "")
        if key and content:
            values.setdefault(key.strip(), content)
    meta = PageMeta(
        title_tag=normalize_spaces(root.findtext(".//title") or ""),
        og_title=values.get("og:title") or values.get("twitter:title", ""),
        site_name=values.get("og:site_name"),
        application_name=values.get("application-name"),
        author=values.get("author") or values.get("article:author"),
    )
    meta.dates = [values[key] for key in DATE_META_KEYS if key in values]
    meta.dates += [
        t.get("datetime", "") for t in root.iter("time") if t.get("itemprop") == "datePublished"
    ]
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        for node in _json_ld_nodes(script.text):
            if isinstance(node.get("datePublished"), str):
                meta.dates.append(node["datePublished"])
            if isinstance(node.get("headline"), str) and not meta.ld_headline:
                meta.ld_headline = normalize_spaces(node["headline"])
            meta.author = meta.author or _person_name(node.get("author"))
    return meta


def strip_site_name(title: str, site: str | None) -> str:
    """A <title>/og:title without the site's name or a print view's label:
    "Headline - Báo Thanh Hóa" -> "Headline", "Bản in" -> ""."""
    pieces = TITLE_SEPARATOR_RE.split(title)
    parts, separators = pieces[::2], pieces[1::2]
    site_key = fold(site) if site else None

    def is_site(part: str) -> bool:
        if is_site_name_line(part) or is_print_label(part):
            return True  # "Bản in - Headline": a print view names itself, not the article
        return site_key is not None and fold(part) == site_key

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        separators.pop(0)
    joined = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))
    return "" if is_site(joined) else joined.strip()


def meta_titles(meta: PageMeta, site: str | None) -> list[tuple[str, str]]:
    """(title without the site name, title as printed) from og:title, JSON-LD, <title>."""
    titles = []
    for candidate in (meta.og_title, meta.ld_headline, meta.title_tag):
        stripped = strip_site_name(candidate, site) if candidate else ""
        if stripped:
            titles.append((stripped, candidate))
    return titles


def choose_title(
    headline: HtmlElement | None, meta: PageMeta, site: str | None, leading_title: str
) -> tuple[str, str | None]:
    """(title, title as printed): the headline element, else og:title / JSON-LD headline,
    else the headline line atop the text, else <title> without the site name."""
    if headline is not None:
        printed = element_text(headline)
        return GLUED_DATE_RE.sub("", printed), printed
    titles = meta_titles(meta, site)
    if titles and (titles[0][1] != meta.title_tag or not leading_title):
        return titles[0]
    return (leading_title, leading_title) if leading_title else ("", None)


def choose_source_name(meta: PageMeta, site_lines: list[str]) -> str | None:
    """og:site_name, else the site name in <title> (written in its usual case), else the
    name printed in the page header."""
    if meta.site_name:
        return meta.site_name
    for candidate in (meta.title_tag, meta.og_title):
        for part in TITLE_SEPARATOR_RE.split(candidate)[::2]:
            if is_site_name_line(part):
                return part.strip()
    named = [line for line in site_lines if is_site_name_line(line)]
    return named[0] if named else meta.application_name


def choose_published(
    date_line: tuple[Found, str] | None, meta: PageMeta, url: str
) -> tuple[str, str] | None:
    """(ISO date, as printed): the date line, else the meta tags, else the URL."""
    if date_line is not None:
        return str(date_line[0].value), date_line[1]
    for raw in meta.dates:
        found = parse_date_line(raw)
        if found is not None:
            return str(found.value), raw
    found = date_from_url(url) if url else None
    return (str(found.value), str(found.raw)) if found is not None else None
