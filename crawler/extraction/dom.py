"""Page elements: visible text, class words, and taking site furniture out of the tree.

The line rules these rely on live in :mod:`crawler.extraction.chrome`; the class and
tag word lists in :mod:`crawler.extraction.data.chrome`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from crawler.extraction.chrome import (
    fold,
    is_related_heading,
    is_site_name_line,
    is_slogan_line,
    is_widget_heading,
)
from crawler.extraction.data import chrome as data
from crawler.textnorm import normalize_spaces

_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_CLASS_SPLIT_RE = re.compile(r"[-_]+")


@lru_cache(maxsize=4096)
def class_words(value: str) -> frozenset[str]:
    """Class/id words, single and joined: "news-detail" -> news, detail, newsdetail."""
    words: set[str] = set()
    for token in _CAMEL_RE.sub(r"\1-\2", value).lower().split():
        parts = [part for part in _CLASS_SPLIT_RE.split(token) if part]
        for start in range(len(parts)):
            for end in range(start + 1, min(len(parts), start + 4) + 1):
                words.add("".join(parts[start:end]))
    return frozenset(words)


CHROME_CLASS_WORDS = frozenset(word for word, _gloss in data.CHROME_CLASS_WORDS)
TITLE_CLASS_WORDS = frozenset(data.TITLE_CLASS_WORDS)
DATE_CLASS_WORDS = frozenset(data.DATE_CLASS_WORDS)
SAPO_CLASS_WORDS = frozenset(data.SAPO_CLASS_WORDS)
AUTHOR_CLASS_WORDS = frozenset(data.AUTHOR_CLASS_WORDS)
CAPTION_CLASS_WORDS = frozenset(data.CAPTION_CLASS_WORDS)
BODY_CLASS_WORDS = frozenset(data.BODY_CLASS_WORDS)
CHROME_TAGS = frozenset(data.CHROME_TAGS)
CHROME_ROLES = frozenset(data.CHROME_ROLES)


BLOCK_TAGS = frozenset(
    (
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "blockquote",
        "dd",
        "dt",
        "dl",
        "center",
        "address",
        "pre",
        "hr",
    )
)
SKIP_TEXT_TAGS = frozenset(("script", "style", "noscript", "template"))
# Elements that never hold readable text, removed whatever their size.
_NO_TEXT_TAGS = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
        "link",
        "meta",
        "map",
    )
)
_TABLE_PARTS = ("tbody", "thead", "tfoot", "tr", "td", "th")
_LAYOUT_CELL_CONTENT = ("table", "h1", "h2", "h3", "ul", "ol", "form", "img", "iframe")
_LINE_BREAK_RE = re.compile(r"[\r\n\f\v]+")
# Line breaks and textnorm's spaces in one class. A match is a run of two or more, or one
# that is not a plain space: single spaces (most of them) are left alone, which makes the
# squash cheaper than replacing every space by itself.
_BLANK_CLASS = r"[\r\n\f\v \t\u00a0\u2000-\u200b\u202f\u3000]"
_BLANK_RUN_RE = re.compile(rf"{_BLANK_CLASS}{{2,}}|[\r\n\f\v\t\u00a0\u2000-\u200b\u202f\u3000]")
_HIDDEN_STYLE_RE = re.compile(r"display:\s*none|visibility:\s*hidden")
SITE_HEADER_WORDS = frozenset(
    (
        "header",
        "siteheader",
        "topheader",
        "headertop",
        "banner",
        "logo",
        "slogan",
        "topbar",
        "marquee",
        "sitename",
        "brand",
        "branding",
        "tenweb",
        "tendonvi",
    )
)
MAX_LAYOUT_CELL_TEXT = 250
MAX_RELATED_BLOCK_TEXT = 2500
MAX_WIDGET_TEXT = 300
MIN_LIST_LINK_SHARE = 0.4


def _gather_text(element: HtmlElement, parts: list[str], separator: str) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TEXT_TAGS:
            breaks = tag in BLOCK_TAGS
            if breaks:
                parts.append(separator)
            _gather_text(child, parts, separator)
            if breaks:
                parts.append(separator)
        if child.tail:
            parts.append(child.tail)


def element_text(element: HtmlElement | None) -> str:
    """Visible text of an element, with a space wherever a block or <br> separates words."""
    if element is None:
        return ""
    parts: list[str] = []
    _gather_text(element, parts, " ")
    return _BLANK_RUN_RE.sub(" ", "".join(parts)).strip()


def element_lines(element: HtmlElement) -> list[str]:
    """Visible text of an element as lines, one per block or <br>-separated run."""
    parts: list[str] = []
    _gather_text(element, parts, "\n")
    text = "".join(parts).replace("\r", " ")
    return [line for line in (normalize_spaces(raw) for raw in text.split("\n")) if line]


_NO_WORDS: frozenset[str] = frozenset()


def element_words(element: HtmlElement) -> frozenset[str]:
    classes = element.get("class")
    ident = element.get("id")
    if classes is None and ident is None:
        return _NO_WORDS  # most elements: skip building the key
    return class_words(f"{classes or ''} {ident or ''}")


@lru_cache(maxsize=32)
def _marked_elements_xpath(tags: tuple[str, ...], attributes: tuple[str, ...]) -> etree.XPath:
    tests = [f"self::{tag}" for tag in tags] + [f"@{name}" for name in attributes]
    return etree.XPath(f"descendant-or-self::*[{' or '.join(tests)}]")


def marked_elements(
    root: HtmlElement, tags: Iterable[str] = (), attributes: Iterable[str] = ("class", "id")
) -> list[HtmlElement]:
    """``root`` and its elements, in document order, that carry one of ``attributes`` or
    have one of ``tags``.

    Rules that look only at such elements walk this list instead of every element: lxml
    finds them in C, and Python proxies are made for them alone (most of a page's
    elements have neither a class nor an id).
    """
    xpath = _marked_elements_xpath(tuple(sorted(tags)), tuple(sorted(attributes)))
    found: list[HtmlElement] = xpath(root)
    return found


def is_attached(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether ``element`` is still inside ``root`` (not dropped with an ancestor)."""
    node: HtmlElement | None = element
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _with_ancestors(elements: Iterable[HtmlElement | None]) -> set[HtmlElement]:
    kept: set[HtmlElement] = set()
    for element in elements:
        if element is not None:
            kept.add(element)
            kept.update(element.iterancestors())
    return kept


def is_chrome_element(element: HtmlElement) -> bool:
    """Menus, headers, footers, sidebars, widgets, hidden elements and scripts."""
    if element.tag in CHROME_TAGS or element.get("role") in CHROME_ROLES:
        return True
    style = element.get("style", "").lower()
    if style and _HIDDEN_STYLE_RE.search(style):
        return True
    return bool(element_words(element) & CHROME_CLASS_WORDS)


def remove_chrome(root: HtmlElement, protected: Iterable[HtmlElement | None]) -> None:
    """Drop chrome elements, except those holding a protected element (headline, body)
    or most of the page's text (a wrapper with a misleading class name)."""
    keep = _with_ancestors(protected)
    head = root.find("head")
    if head is not None:
        head.drop_tree()
    # With nothing protected, a chrome-named wrapper holding most of the text is kept.
    limited = not keep  # the text of a chrome element is read only when it matters
    limit = len(element_text(root)) / 2 if limited else float("inf")
    stack = [root]
    while stack:
        for child in list(stack.pop()):
            if not isinstance(child.tag, str):
                child.drop_tree()  # comments and processing instructions
            elif (
                child not in keep
                and is_chrome_element(child)
                and (not limited or child.tag in _NO_TEXT_TAGS or len(element_text(child)) < limit)
            ):
                child.drop_tree()
            else:
                stack.append(child)


def link_share(element: HtmlElement) -> float:
    """Share of the element's text that sits inside links (1.0 for an empty element)."""
    text = len(element_text(element))
    linked = sum(len(element_text(link)) for link in element.iter("a"))
    return linked / text if text else 1.0


def _drop_list_after(heading: HtmlElement) -> None:
    """Drop a heading (or its box) and the link lists that follow it in the same parent."""
    for sibling in list(heading.itersiblings()):
        if isinstance(sibling.tag, str) and link_share(sibling) < 0.5:
            break
        sibling.drop_tree()
    heading.drop_tree()


_HEADER_ATTRIBUTES = ("class", "id", "role")
_INNER_BLOCK_TAGS = tuple(sorted(BLOCK_TAGS - {"br"}))


def _holding_blocks(region: HtmlElement) -> set[HtmlElement]:
    """Elements of ``region`` (itself included) that hold a block element: those for which
    :func:`is_leaf_block` is false, found in one pass instead of one walk per element."""
    holding: set[HtmlElement] = set()
    for block in region.iterdescendants(*_INNER_BLOCK_TAGS):
        for ancestor in block.iterancestors():
            if ancestor in holding:
                break  # and so are its ancestors
            holding.add(ancestor)
            if ancestor is region:
                break
    return holding


def is_leaf_block(element: HtmlElement) -> bool:
    """An element with no block-level element inside (a paragraph, a caption, a label)."""
    return not any(
        isinstance(node.tag, str) and node.tag in BLOCK_TAGS and node.tag != "br"
        for node in element.iterdescendants()
    )


def remove_related_blocks(root: HtmlElement, protected: Iterable[HtmlElement | None]) -> None:
    """Drop "Các tin khác" / "Tin liên quan" boxes and sidebar boxes such as "Thống kê
    truy cập" or "Ý kiến thăm dò": the heading and what is listed under it."""
    keep = _with_ancestors(protected)
    headings = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and element.text
        and len(element.text) <= 60
        and (is_related_heading(element.text) or is_widget_heading(element.text))
    ]
    for heading in headings:
        if not is_attached(heading, root) or heading in keep:
            continue
        label = fold(element_text(heading))
        block = heading
        while True:
            parent = block.getparent()
            if parent is None or parent in keep or parent.tag in ("body", "html"):
                break
            text = fold(element_text(parent))
            if len(text) > MAX_RELATED_BLOCK_TEXT or not text.startswith(label):
                break
            # Climb to the box only: a list of links, or a short widget (counter, poll).
            if len(text) > MAX_WIDGET_TEXT and link_share(parent) < MIN_LIST_LINK_SHARE:
                break
            block = parent
        _drop_list_after(block)


def _is_layout_table(table: HtmlElement) -> bool:
    for cell in table.iter("td", "th"):
        if len(element_text(cell)) > MAX_LAYOUT_CELL_TEXT:
            return True
        if any(True for _ in cell.iter(*_LAYOUT_CELL_CONTENT)):
            return True
    rows = table.findall(".//tr")
    return len(rows) <= 1 or all(len(row.findall("td")) <= 1 for row in rows)


def unwrap_layout_tables(root: HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, so their text comes out as
    paragraphs rather than one Markdown table. Data tables stay tables."""
    for table in list(root.iter("table")):
        if not _is_layout_table(table):
            continue
        parts = [
            part
            for part in table.iter(*_TABLE_PARTS)
            if next(part.iterancestors("table"), None) is table
        ]
        for part in [*parts, table]:
            part.tag = "div"


def site_header_lines(root: HtmlElement) -> list[str]:
    """Site name and slogan lines printed in the page header (read before it is dropped)."""
    lines: list[str] = []
    regions: set[HtmlElement] = set()
    for element in marked_elements(root, tags=("header", "marquee"), attributes=_HEADER_ATTRIBUTES):
        in_header = element.tag in ("header", "marquee") or element.get("role") == "banner"
        if not (in_header or element_words(element) & SITE_HEADER_WORDS):
            continue
        regions.add(element)
        if any(ancestor in regions for ancestor in element.iterancestors()):
            continue  # already read with the enclosing header
        holding_blocks = _holding_blocks(element)
        for node in element.iter():
            texts = [node.get("alt", ""), node.get("title", "")] if node.tag == "img" else []
            if isinstance(node.tag, str) and node.tag != "img" and node not in holding_blocks:
                texts.append(element_text(node))
            for text in texts:
                text = normalize_spaces(text)
                if (
                    text
                    and len(text) <= 250
                    and text not in lines
                    and (is_site_name_line(text) or is_slogan_line(text))
                ):
                    lines.append(text)
    return lines
