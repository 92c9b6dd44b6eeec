"""From a fetched HTML page to PageFields.

The page's own parts are read from the DOM first -- headline, the date line next to
it, the sapo (lead paragraph), photo captions and the byline element -- and taken out
of the tree together with the site chrome (menus, sidebars, widgets, "Các tin khác"
boxes, footers). The main text of what is left is read by :mod:`maintext`, and the
line clean-up shared with :mod:`crawler.extraction.textdoc` removes whatever chrome
it still lets through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)

from crawler.extraction.articlehead import find_body_node, find_headline, take_date_line, take_sapo
from crawler.extraction.byline import byline_in_segments, is_person_name, take_byline_element
from crawler.extraction.captions import take_captions
from crawler.extraction.chrome import is_site_name_line, is_slogan_line
from crawler.extraction.dom import (
    is_attached,
    remove_chrome,
    remove_related_blocks,
    site_header_lines,
    unwrap_layout_tables,
)
from crawler.extraction.legacy import repairs_legacy_text
from crawler.extraction.maintext import read_main_text
from crawler.extraction.pagemeta import (
    DateLine,
    PageMeta,
    choose_published,
    choose_source_name,
    choose_title,
    meta_titles,
    read_meta,
    strip_site_name,
)
from crawler.extraction.signature import signed_lines
from crawler.extraction.textdoc import Body, Leading, read_leading_zone, tidy_body
from crawler.extraction.types import PageFields
from crawler.textnorm import nfc, same_text

__all__ = ["decode_html", "extract_page", "parse_html", "strip_site_name"]

_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# What is left around a metadata row once its byline is cut out: "21/03/2023 | ".
_SEGMENT_EDGE_RE = re.compile(r"^[\s|•·]+|[\s|•·]+$")


@repairs_legacy_text  # TCVN3, VNI and unlabelled Windows-1258 text to Unicode
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


def _html_parser() -> HTMLParser:
    """lxml.html's parser with its element classes chosen in C.

    lxml.html's default parser asks a Python method for the class of every element
    proxy it creates (to give form fields classes of their own, which extraction
    never uses): a few hundred calls a page, about 5 % of a page's extraction.
    """
    parser = HTMLParser()
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()


def parse_html(markup: str) -> HtmlElement | None:
    """The page's element tree, or None when there is no markup to parse."""
    # NFC: many pages write Vietnamese with combining marks; text is stored composed.
    markup = nfc(_XML_DECLARATION_RE.sub("", markup, count=1))
    if not markup.strip():
        return None
    try:
        return document_fromstring(markup, parser=_PARSER)
    except etree.ParserError:
        return None  # lxml's answer for a document without any element


@dataclass
class _PageParts:
    """The article's parts read from the DOM and taken out of the tree."""

    headline: HtmlElement | None
    body_node: HtmlElement | None
    date_line: DateLine | None
    sapo: str | None
    captions: list[str]
    author: str | None
    author_raw: str | None


def _take_parts(root: HtmlElement, meta: PageMeta) -> _PageParts:
    headline = find_headline(root, meta)
    body_node = find_body_node(root)
    remove_chrome(root, protected=[headline, body_node])
    remove_related_blocks(root, protected=[headline])
    date_line = take_date_line(headline)
    sapo = take_sapo(headline)
    captions = take_captions(root)
    # A metadata row may carry the byline beside the date: "Ngày đăng: ... | Tác giả: X".
    in_date_line = byline_in_segments(date_line.line) if date_line is not None else None
    if date_line is not None and in_date_line is not None:
        date_line.printed = _SEGMENT_EDGE_RE.sub("", date_line.printed.replace(in_date_line[1], ""))
    author, author_raw = in_date_line or take_byline_element(root)
    if body_node is not None and not is_attached(body_node, root):
        body_node = None
    return _PageParts(headline, body_node, date_line, sapo, captions, author, author_raw)


def _body_paragraphs(root: HtmlElement, parts: _PageParts) -> tuple[list[str], list[str]]:
    """(the article's lines with the sapo first, lines read past the article's end)."""
    if parts.headline is not None and is_attached(parts.headline, root):
        parts.headline.drop_tree()
    unwrap_layout_tables(root)
    main = read_main_text(root, parts.body_node, headline_found=parts.headline is not None)
    paragraphs = main.paragraphs
    if parts.sapo and not (paragraphs and same_text(paragraphs[0], parts.sapo)):
        paragraphs.insert(0, parts.sapo)
    return paragraphs, main.trailing


def extract_page(html: str | bytes, url: str, *, encoding: str | None = None) -> PageFields:
    """Headline, publication date, byline, site name and clean main text of a page."""
    root = parse_html(decode_html(html, encoding))
    fields = PageFields()
    if root is None:
        return fields
    meta = read_meta(root)
    site_lines = site_header_lines(root)
    fields.source_name = choose_source_name(meta, site_lines)
    parts = _take_parts(root, meta)
    signed = signed_lines(root)
    paragraphs, trailing = _body_paragraphs(root, parts)
    # Without a headline element the text itself opens with the headline and date lines;
    # the headline line is taken from there only when the metadata names none.
    leading = Leading()
    if parts.headline is None:
        titles = meta_titles(meta, fields.source_name)
        named = any(printed != meta.title_tag for _title, printed in titles)
        leading = read_leading_zone(paragraphs, want_title=not named)
    paragraphs = leading.kept + paragraphs[leading.end :]
    fields.title, fields.title_raw = choose_title(
        parts.headline, meta, fields.source_name, leading.title
    )
    body = tidy_body(paragraphs, title=fields.title, signed=signed)
    fields.text = "\n\n".join(body.paragraphs)
    fields.captions = list(dict.fromkeys(parts.captions + body.captions))
    fields.dropped_lines = leading.dropped + body.dropped + trailing
    fields.author, fields.author_raw = _choose_author(parts, leading, body, meta)
    date_line = (parts.date_line.found, parts.date_line.printed) if parts.date_line else None
    if date_line is None and leading.date is not None:
        date_line = (leading.date, str(leading.date.evidence))
    published = choose_published(date_line, meta, url)
    if published is not None:
        fields.published, fields.published_raw = published
    fields.source_name = fields.source_name or body.source
    fields.site_lines = _site_lines(site_lines + leading.site_lines, body, fields.source_name)
    return fields


def _choose_author(
    parts: _PageParts, leading: Leading, body: Body, meta: PageMeta
) -> tuple[str | None, str | None]:
    """The byline element, else the byline line in the text (at its foot, or in the
    date line atop it), else a person named in the page's metadata."""
    for author, raw in (
        (parts.author, parts.author_raw),
        (body.author, body.author_raw),
        (leading.author, leading.author_raw),
    ):
        if raw is not None:
            return author, raw
    if meta.author and is_person_name(meta.author):
        return meta.author, meta.author
    return None, None


def _site_lines(header: list[str], body: Body, source_name: str | None) -> list[str]:
    """Header lines (site name, slogans) for place hints, without repeats."""
    dropped = [line for line in body.dropped if is_site_name_line(line) or is_slogan_line(line)]
    named = [source_name] if source_name else []
    return list(dict.fromkeys(header + dropped + named))
