"""From a fetched HTML page to PageFields.

The page's own parts are read from the DOM first -- headline, the date line next to
it, the sapo (lead paragraph), photo captions and the byline element -- and taken out
of the tree together with the site chrome (menus, sidebars, widgets, "Các tin khác"
boxes, footers). Trafilatura then extracts the main text of what is left, in one call,
and the line clean-up shared with :mod:`crawler.extraction.textdoc` removes whatever
chrome it still lets through.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring
from trafilatura.settings import use_config

from crawler.extraction.byline import is_person_name, take_byline_element
from crawler.extraction.chrome import (
    BODY_CLASS_WORDS,
    CAPTION_CLASS_WORDS,
    CHROME_CLASS_WORDS,
    DATE_CLASS_WORDS,
    SAPO_CLASS_WORDS,
    TITLE_CLASS_WORDS,
    element_lines,
    element_text,
    element_words,
    is_attached,
    is_chrome_line,
    is_date_stamp,
    is_site_name_line,
    is_slogan_line,
    link_share,
    remove_chrome,
    remove_related_blocks,
    site_header_lines,
    unwrap_layout_tables,
)
from crawler.extraction.dates import date_from_url, parse_date_line
from crawler.extraction.textdoc import (
    Body,
    Leading,
    is_caption_line,
    read_leading_zone,
    split_paragraphs,
    tidy_body,
)
from crawler.extraction.types import Found, PageFields
from crawler.textnorm import fold, nfc, normalize_spaces, same_text

_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Labels of a publication date line; a bare "Ngày 14/11, ..." opens prose instead.
_DATE_LABEL_RE = re.compile(
    r"^(?:dang luc|dang ngay|ngay dang|ngay cap nhat|cap nhat|xuat ban|thoi gian dang)"
)
_GLUED_DATE_RE = re.compile(r"\s*[(\[]\s*(?:cập nhật|ngày|đăng)[^()\[\]]*\d{4}\s*[)\]]\s*$", re.I)
_SOURCE_LEAD_RE = re.compile(r"^\s*\([^()]{2,40}\)\s*[-–—]\s*")
_TITLE_SEPARATOR_RE = re.compile(r"(\s+[-|–—»]{1,2}\s+)")

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
_NOT_SAPO_WORDS = CAPTION_CLASS_WORDS | BODY_CLASS_WORDS
HEADING_SCORES = {"h1": 3, "h2": 2, "h3": 1}
SCAN_AFTER_HEADLINE = 60
SCAN_BEFORE_HEADLINE = 12
SUB_HEADING_REACH = 8
MAX_DATE_LINE = 150
MAX_CAPTION_CHARS = 300
MAX_CAPTION_LINK_SHARE = 0.3
MAX_CAPTION_TABLE_ROWS = 3
_INLINE_TAGS = ("a", "span", "strong", "b", "em", "i", "font", "u")


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


def _make_config() -> Any:
    config = use_config()
    # Short notices (a few lines) are real articles: keep whatever is found.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_COMM_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_TRAFILATURA_CONFIG = _make_config()


def decode_html(html: str | bytes, encoding: str | None = None) -> str:
    """The page as text: UTF-8 when the bytes are valid UTF-8, else the given
    encoding, else the declared <meta charset>.

    Valid UTF-8 comes first because both the Content-Type header and the
    <meta charset> of these portals are often wrong, while Vietnamese text in a
    legacy 8-bit code practically never forms valid UTF-8 by accident.
    """
    if isinstance(html, str):
        return html
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: the given or declared charset decides
    if encoding:
        try:
            return html.decode(encoding, errors="replace")
        except LookupError:
            pass  # an unknown codec name: fall back to guessing below
    guesses = []
    declared = _META_CHARSET_RE.search(html[:4096])
    if declared:
        guesses.append(declared.group(1).decode("ascii", "replace"))
    for name in guesses:
        try:
            return html.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return html.decode("utf-8", errors="replace")


def parse_html(markup: str) -> HtmlElement | None:
    """The page's element tree, or None when there is no markup to parse."""
    # NFC: many pages write Vietnamese with combining marks; text is stored composed.
    markup = nfc(_XML_DECLARATION_RE.sub("", markup, count=1))
    if not markup.strip():
        return None
    try:
        return document_fromstring(markup)
    except etree.ParserError:
        return None  # lxml's answer for a document without any element


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
    """A <title>/og:title without the site's name: "Headline - Báo Thanh Hóa" -> "Headline"."""
    pieces = _TITLE_SEPARATOR_RE.split(title)
    parts, separators = pieces[::2], pieces[1::2]
    site_key = fold(site) if site else None

    def is_site(part: str) -> bool:
        return is_site_name_line(part) or (site_key is not None and fold(part) == site_key)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
        separators.pop(0)
    joined = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=True))
    return "" if is_site(joined) else joined.strip()


def _same_headline(text: str, hint: str) -> bool:
    if not hint:
        return False
    shorter, longer = sorted((text, hint), key=len)
    return shorter in longer and len(shorter) >= 0.5 * len(longer)


def _region_penalty(element: HtmlElement) -> int:
    """How strongly the element's surroundings say "not the article" (menus, lists)."""
    penalty = 0
    for ancestor in element.iterancestors():
        tag = ancestor.tag
        if tag in ("li", "nav", "footer", "aside") or element_words(ancestor) & CHROME_CLASS_WORDS:
            return 6
        if tag == "header" and next(ancestor.iterancestors("article", "main"), None) is None:
            penalty = max(penalty, 4)
        elif tag == "a":
            penalty = max(penalty, 2)
    return penalty


def find_headline(root: HtmlElement, meta: PageMeta) -> HtmlElement | None:
    """The article's own headline element: a heading or a "title" block, best when it
    matches og:title / <title>, never the site name or a sidebar entry."""
    hints = [fold(h) for h in (meta.og_title, meta.ld_headline, meta.title_tag) if h]
    # A bare h1/h2 or "title" block qualifies; an h3 needs a matching <title>.
    best, best_score = None, 1
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("title", "head", "html", "body"):
            continue
        titled = bool(element_words(element) & TITLE_CLASS_WORDS)
        if not titled and element.tag not in HEADING_SCORES:
            continue
        text = element_text(element)
        if not 10 <= len(text) <= 400 or len(text.split()) < 3:
            continue
        score = HEADING_SCORES.get(element.tag, 0) + 2 * titled - _region_penalty(element)
        if any(_same_headline(fold(text), hint) for hint in hints):
            score += 5
        if is_chrome_line(text):
            score -= 6
        nested = best is not None and best in element.iterancestors()
        if score > best_score or (score == best_score and nested):
            best, best_score = element, score
    return best


def find_body_node(root: HtmlElement) -> HtmlElement | None:
    """The element that holds the article body (article-content, journal-content, ...)."""
    candidates = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and (element.get("itemprop") == "articleBody" or element_words(element) & BODY_CLASS_WORDS)
    ]
    return max(candidates, key=lambda element: len(element_text(element)), default=None)


def _near(headline: HtmlElement, axis: str, limit: int) -> list[HtmlElement]:
    nodes = headline.xpath(f"{axis}::*")
    return nodes[:limit] if axis == "following" else nodes[::-1][:limit]


def _date_in(element: HtmlElement, text: str) -> Found | None:
    if len(text) > MAX_DATE_LINE or next(element.iterancestors("li", "a"), None) is not None:
        return None
    marked = bool(element_words(element) & DATE_CLASS_WORDS) or element.tag == "time"
    if not (marked or is_date_stamp(text) or _DATE_LABEL_RE.match(fold(text))):
        return None
    return parse_date_line(text) or parse_date_line(element.get("datetime", ""))


def _innermost_date_text(element: HtmlElement, found: Found) -> str:
    """The shortest text inside ``element`` that still prints the date ("10:05 21/04/2023"
    rather than the whole meta row with its view counter)."""
    best = element_text(element)
    for child in element.iter():
        text = element_text(child)
        if len(text) < len(best) and found.raw and found.raw in text:
            best = text
    return best


def take_date_line(headline: HtmlElement | None) -> tuple[Found, str] | None:
    """The date printed next to the headline (below it, or just above) and its text;
    the element is taken out of the tree."""
    if headline is None:
        return None
    glued = _GLUED_DATE_RE.search(element_text(headline))
    found = parse_date_line(glued.group(0)) if glued else None
    if glued and found:
        return found, glued.group(0).strip()
    nearby = _near(headline, "following", SCAN_AFTER_HEADLINE)
    for element in nearby + _near(headline, "preceding", SCAN_BEFORE_HEADLINE):
        text = element_text(element)
        found = _date_in(element, text)
        if found is not None:
            element.drop_tree()
            return found, _innermost_date_text(element, found)
    return None


def take_sapo(headline: HtmlElement | None) -> str | None:
    """The lead paragraph printed between headline and body (class sapo/lead/summary,
    or an h2 right after the h1); taken out of the tree."""
    if headline is None:
        return None
    for position, element in enumerate(_near(headline, "following", SCAN_AFTER_HEADLINE)):
        words = element_words(element)
        text = element_text(element)
        is_sapo = bool(words & SAPO_CLASS_WORDS) and not words & _NOT_SAPO_WORDS
        is_sub_heading = (
            headline.tag == "h1" and element.tag in ("h2", "h3") and position < SUB_HEADING_REACH
        )
        # A sapo is one block of text; a "summary" class on the body wrapper is not one.
        single = len(element.findall(".//p")) + len(element.findall(".//div")) <= 1
        if (
            (is_sapo or is_sub_heading)
            and single
            and 30 <= len(text) <= 1500
            and not is_chrome_line(text)
        ):
            element.drop_tree()
            return _SOURCE_LEAD_RE.sub("", text)
        if len(normalize_spaces(element.text or "")) > 200:
            return None  # reached the body: a sapo comes before it
    return None


def _image_block(image: HtmlElement) -> HtmlElement | None:
    block = image.getparent()
    while block is not None and block.tag in _INLINE_TAGS:
        block = block.getparent()
    return block


def _looks_like_caption(element: HtmlElement, text: str) -> bool:
    """The block under a photo: centred, in italics, or worded like a scene caption."""
    if not text or len(text) > MAX_CAPTION_CHARS or is_chrome_line(text):
        return False
    if link_share(element) > MAX_CAPTION_LINK_SHARE:
        return False  # a menu or a banner row, not a caption
    style = (element.get("style", "") + element.get("align", "")).replace(" ", "").lower()
    italic_text = "".join(element_text(node) for node in element.iter("em", "i"))
    italic = element.tag in ("em", "i") or italic_text.replace(" ", "") == text.replace(" ", "")
    return "center" in style or italic or is_caption_line(text)


def _caption_of_image(image: HtmlElement) -> HtmlElement | None:
    block = _image_block(image)
    if block is None:
        return None
    text = element_text(block)
    if block.tag in ("td", "th"):
        # A small table holding the photo and its caption.
        table = next(block.iterancestors("table"), None)
        if table is not None and len(table.findall(".//tr")) <= MAX_CAPTION_TABLE_ROWS:
            return table if _looks_like_caption(table, element_text(table)) else None
    if text:
        # The photo and its caption share a block: "<p><img><br><em>Caption</em></p>".
        alone = len(block.findall(".//img")) == 1 and block.tag not in ("body", "td", "th")
        return block if alone and _looks_like_caption(block, text) else None
    following = block.getnext()
    if following is not None and _looks_like_caption(following, element_text(following)):
        return following
    return None


def take_captions(root: HtmlElement) -> list[str]:
    """Photo captions (figcaption, caption classes, the short line under a photo),
    taken out of the tree so that they do not mix with the prose."""
    elements = list(root.iter("figcaption"))
    elements += [
        e for e in root.iter() if isinstance(e.tag, str) and element_words(e) & CAPTION_CLASS_WORDS
    ]
    elements += [c for c in map(_caption_of_image, root.iter("img")) if c is not None]
    captions: list[str] = []
    for element in elements:
        if not is_attached(element, root):
            continue
        text = element_text(element)
        if text and len(text) <= MAX_CAPTION_CHARS and text not in captions:
            captions.append(text)
        element.drop_tree()
    return captions


def _main_text(root: HtmlElement) -> list[str]:
    """The main text by trafilatura (one call, precision first). Pages whose text sits
    loose in divs and <font> between <br>s defeat its precision mode; their cleaned tree
    is then read block by block, and the line clean-up removes what chrome is left."""
    text = trafilatura.extract(
        root,
        config=_TRAFILATURA_CONFIG,
        output_format="txt",
        favor_precision=True,
        fast=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    paragraphs = split_paragraphs(text or "")
    if not paragraphs:
        body = root.find("body")
        paragraphs = element_lines(body if body is not None else root)
    return paragraphs


def _meta_titles(meta: PageMeta, site: str | None) -> list[tuple[str, str]]:
    """(title without the site name, title as printed) from og:title, JSON-LD, <title>."""
    titles = []
    for candidate in (meta.og_title, meta.ld_headline, meta.title_tag):
        stripped = strip_site_name(candidate, site) if candidate else ""
        if stripped:
            titles.append((stripped, candidate))
    return titles


def _choose_title(
    headline: HtmlElement | None, meta: PageMeta, site: str | None, leading_title: str
) -> tuple[str, str | None]:
    """(title, title as printed): the headline element, else og:title / JSON-LD headline,
    else the headline line atop the text, else <title> without the site name."""
    if headline is not None:
        printed = element_text(headline)
        return _GLUED_DATE_RE.sub("", printed), printed
    titles = _meta_titles(meta, site)
    if titles and (titles[0][1] != meta.title_tag or not leading_title):
        return titles[0]
    return (leading_title, leading_title) if leading_title else ("", None)


def _choose_source_name(meta: PageMeta, site_lines: list[str]) -> str | None:
    """og:site_name, else the site name in <title> (written in its usual case), else the
    name printed in the page header."""
    if meta.site_name:
        return meta.site_name
    for candidate in (meta.title_tag, meta.og_title):
        for part in _TITLE_SEPARATOR_RE.split(candidate)[::2]:
            if is_site_name_line(part):
                return part.strip()
    named = [line for line in site_lines if is_site_name_line(line)]
    return named[0] if named else meta.application_name


def _published(
    date_line: tuple[Found, str] | None, meta: PageMeta, url: str
) -> tuple[str, str] | None:
    if date_line is not None:
        return str(date_line[0].value), date_line[1]
    for raw in meta.dates:
        found = parse_date_line(raw)
        if found is not None:
            return str(found.value), raw
    found = date_from_url(url) if url else None
    return (str(found.value), str(found.raw)) if found is not None else None


@dataclass
class _PageParts:
    """The article's parts read from the DOM and taken out of the tree."""

    headline: HtmlElement | None
    date_line: tuple[Found, str] | None
    sapo: str | None
    captions: list[str]
    author: str | None
    author_raw: str | None


def _take_parts(root: HtmlElement, meta: PageMeta) -> _PageParts:
    headline = find_headline(root, meta)
    remove_chrome(root, protected=[headline, find_body_node(root)])
    remove_related_blocks(root, protected=[headline])
    date_line = take_date_line(headline)
    sapo = take_sapo(headline)
    captions = take_captions(root)
    author, author_raw = take_byline_element(root)
    return _PageParts(headline, date_line, sapo, captions, author, author_raw)


def _body_paragraphs(root: HtmlElement, parts: _PageParts) -> list[str]:
    if parts.headline is not None and is_attached(parts.headline, root):
        parts.headline.drop_tree()
    unwrap_layout_tables(root)
    paragraphs = _main_text(root)
    if parts.sapo and not (paragraphs and same_text(paragraphs[0], parts.sapo)):
        paragraphs.insert(0, parts.sapo)
    return paragraphs


def extract_page(html: str | bytes, url: str, *, encoding: str | None = None) -> PageFields:
    """Headline, publication date, byline, site name and clean main text of a page."""
    root = parse_html(decode_html(html, encoding))
    fields = PageFields()
    if root is None:
        return fields
    meta = read_meta(root)
    site_lines = site_header_lines(root)
    fields.source_name = _choose_source_name(meta, site_lines)
    parts = _take_parts(root, meta)
    paragraphs = _body_paragraphs(root, parts)
    # Without a headline element the text itself opens with the headline and date lines;
    # the headline line is taken from there only when the metadata names none.
    leading = Leading()
    if parts.headline is None:
        titles = _meta_titles(meta, fields.source_name)
        named = any(printed != meta.title_tag for _title, printed in titles)
        leading = read_leading_zone(paragraphs, want_title=not named)
    paragraphs = leading.kept + paragraphs[leading.end :]
    fields.title, fields.title_raw = _choose_title(
        parts.headline, meta, fields.source_name, leading.title
    )
    body = tidy_body(paragraphs, title=fields.title)
    fields.text = "\n\n".join(body.paragraphs)
    fields.captions = list(dict.fromkeys(parts.captions + body.captions))
    fields.dropped_lines = leading.dropped + body.dropped
    fields.author, fields.author_raw = _choose_author(parts, body, meta)
    date_line = parts.date_line
    if date_line is None and leading.date is not None:
        date_line = (leading.date, str(leading.date.evidence))
    published = _published(date_line, meta, url)
    if published is not None:
        fields.published, fields.published_raw = published
    fields.source_name = fields.source_name or body.source
    fields.site_lines = _site_lines(site_lines + leading.site_lines, body, fields.source_name)
    return fields


def _choose_author(parts: _PageParts, body: Body, meta: PageMeta) -> tuple[str | None, str | None]:
    """The byline element, else the byline line at the foot of the text, else a person
    named in the page's metadata."""
    if parts.author_raw is not None:
        return parts.author, parts.author_raw
    if body.author_raw is not None:
        return body.author, body.author_raw
    if meta.author and is_person_name(meta.author):
        return meta.author, meta.author
    return None, None


def _site_lines(header: list[str], body: Body, source_name: str | None) -> list[str]:
    """Header lines (site name, slogans) for place hints, without repeats."""
    dropped = [line for line in body.dropped if is_site_name_line(line) or is_slogan_line(line)]
    named = [source_name] if source_name else []
    return list(dict.fromkeys(header + dropped + named))
