"""Recognising site chrome: lines of text and page elements that are not the article.

Line rules work on :func:`crawler.textnorm.fold` output so that case, Unicode
form and tone-mark placement never matter. The word lists live in
:mod:`crawler.extraction.data.chrome`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml.html import HtmlElement

from crawler.extraction.data import chrome as data
from crawler.extraction.dates import parse_date_line
from crawler.textnorm import fold as _fold_uncached
from crawler.textnorm import normalize_spaces

# The same short lines are tested again and again (byline search, clean-up, headline
# scoring): folding is the costly part, so it is remembered.
fold = lru_cache(maxsize=8192)(_fold_uncached)


def _alternation(entries: tuple[tuple[str, str], ...], *, literal: bool) -> str:
    patterns = [re.escape(text) if literal else text for text, _gloss in entries]
    # Longest first so that "tin tuc - su kien" wins over "tin tuc".
    return "|".join(sorted(patterns, key=len, reverse=True))


_LINE_RE = re.compile(_alternation(data.LINE_PATTERNS, literal=False))
_WIDGET_TOKEN = (
    "(?:"
    + _alternation(data.WIDGET_WORDS, literal=True)
    + "|"
    + _alternation(data.COUNTER_TOKENS, literal=False)
    + r")(?![a-z0-9])"
)
_WIDGET_SEP = r"[\s|/•·,:;>»›<«\-–—*()\[\]]*"
_WIDGET_ROW_RE = re.compile(f"{_WIDGET_SEP}(?:{_WIDGET_TOKEN}{_WIDGET_SEP})+")
_RELATED = frozenset(text for text, _gloss in data.RELATED_HEADINGS)
_WIDGET_HEADINGS = frozenset(text for text, _gloss in data.WIDGET_HEADINGS)
_SLOGAN_RE = re.compile("(?:" + _alternation(data.SLOGAN_OPENERS, literal=True) + r")\b")
_BANNER_CUE_RE = re.compile(r"\b(?:" + _alternation(data.BANNER_CUES, literal=True) + r")\b")
_SITE_NAME_RE = re.compile(_alternation(data.SITE_NAME_PATTERNS, literal=False))
_OUTLET_OPENER_RE = re.compile(r"^(?:Báo|Đài)\s+\S")

# Pieces of a date stamp line: dates, times, week days, labels and counters.
_STAMP_PARTS_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:t[\d:.+-]*)?"
    r"|\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{2,4})?"
    r"|\d{1,2}\s*(?::|h)\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch))?"
    r"|(?:gmt|utc)\s*[+-]?\s*\d{0,2}(?::?\d{2})?"
    r"|thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|\bcn\b"
    r"|dang\s+luc|ngay\s+dang(?:\s+bai)?|ngay\s+cap\s+nhat|cap\s+nhat(?:\s+luc|\s+ngay)?"
    r"|xuat\s+ban|thoi\s+gian(?:\s+dang)?|\bngay\b|\bluc\b|\bdang\b|\bgio\b"
    r"|posted|published|updated|\bdate\b"
    r"|(?:luot\s+xem|so\s+lan\s+xem|luot\s+doc|view\s+count|views?)\s*:?\s*[\d.,]*"
    r"|[\d.,]+\s*luot\s+xem"
)
_STAMP_PUNCT_RE = re.compile(r"[|•·,:;()\[\]\-–—/\s]+")
_EDGE_PUNCT_RE = re.compile(r"^[\s•·*▪►»>+\-–—:|]+|[\s:»>|.]+$")
_LABEL_SPLIT_RE = re.compile(r"\s+[-–—|]\s+")
_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_CLASS_SPLIT_RE = re.compile(r"[-_]+")
# Footers and widget rows are short; a longer line is prose.
MAX_CHROME_LINE = 400


def _words(text: str) -> list[str]:
    return text.split()


def is_related_heading(line: str) -> bool:
    """A heading that opens a list of other articles ("Các tin khác", "Tin liên quan")."""
    if len(line) > 60:
        return False
    return _EDGE_PUNCT_RE.sub("", fold(line)) in _RELATED


def is_widget_heading(line: str) -> bool:
    """The title of a sidebar box: "Thống kê truy cập", "Ý kiến thăm dò", "Liên kết website"."""
    if len(line) > 60:
        return False
    return _EDGE_PUNCT_RE.sub("", fold(line)) in _WIDGET_HEADINGS


def is_date_stamp(line: str) -> bool:
    """A line that is only a date stamp: "Đăng lúc: 13/12/2022 (GMT+7)", "Thứ ba, 07/02/2023"."""
    if len(line) > 120 or parse_date_line(line) is None:
        return False
    rest = _STAMP_PARTS_RE.sub(" ", fold(line))
    return len(_STAMP_PUNCT_RE.sub(" ", rest).split()) <= 1


def is_caps_banner(line: str) -> bool:
    """An ALL-CAPS header line with a slogan or site-name cue word."""
    letters = [ch for ch in line if ch.isalpha()]
    if len(letters) < 12 or len(_words(line)) < 4:
        return False
    upper = sum(1 for ch in letters if ch.isupper())
    return upper >= 0.9 * len(letters) and _BANNER_CUE_RE.search(fold(line)) is not None


def is_slogan_line(line: str) -> bool:
    """A banner slogan: "Quyết tâm thực hiện thắng lợi Nghị quyết ...", "CHÀO MỪNG ..."."""
    stripped = line.strip()
    if not stripped or len(_words(stripped)) > 45:
        return False
    if is_caps_banner(stripped):
        return True
    # Slogans never end with a full stop; prose that opens the same way does.
    return not stripped.endswith(".") and _SLOGAN_RE.match(fold(stripped)) is not None


def is_site_name_line(line: str) -> bool:
    """The site naming itself: "Cổng thông tin điện tử huyện Thọ Xuân", "Báo Nghệ An"."""
    stripped = _EDGE_PUNCT_RE.sub("", line.strip())
    if not stripped or len(_words(stripped)) > 16 or stripped.endswith("."):
        return False
    folded = fold(stripped)
    if _SITE_NAME_RE.fullmatch(folded) is None:
        return False
    if folded.startswith(("bao ", "dai ")):
        # "Báo Nghệ An" is an outlet; "Báo cáo ..." (report) is not.
        return _OUTLET_OPENER_RE.match(stripped) is not None and stripped.split()[1][0].isupper()
    return True


def is_category_label(line: str, min_segments: int = 2) -> bool:
    """A section label made of capitalised segments: "Chiến lược - Định Hướng - Quy hoạch"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or stripped[-1] in ".:;!?":
        return False
    segments = _LABEL_SPLIT_RE.split(stripped)
    if len(segments) < min_segments or len(_words(stripped)) > 10:
        return False
    return all(
        seg and seg[0].isupper() and len(_words(seg)) <= 4 and not any(ch.isdigit() for ch in seg)
        for seg in segments
    )


def is_chrome_line(line: str) -> bool:
    """True for a line that belongs to the site, not to the article.

    Menus and toolbars ("Chế độ ban đêm In trang Xuất PDF Đọc nội dung", "-A A +A"),
    zoom levels ("100%"), image file names, skip links, breadcrumbs, date stamps,
    related-article headings, slogans, site names, audio players, "Nguồn tin:",
    view counts, tags, share rows, counters, polls and footers.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_CHROME_LINE:
        return False
    if not any(ch.isalnum() for ch in stripped):
        return True  # separators and bullets: "|", "•", "»"
    folded = _EDGE_PUNCT_RE.sub("", fold(stripped)) or fold(stripped)
    if _LINE_RE.fullmatch(folded):
        return True
    if len(folded) <= 200 and _WIDGET_ROW_RE.fullmatch(folded):
        return True
    return (
        is_related_heading(stripped)
        or is_widget_heading(stripped)
        or is_date_stamp(stripped)
        or is_slogan_line(stripped)
        or is_site_name_line(stripped)
        or is_category_label(stripped, min_segments=3)
    )


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


# --- page elements -------------------------------------------------------------------

_BREAK_TAGS = frozenset(
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
_SKIP_TEXT_TAGS = frozenset(("script", "style", "noscript", "template"))
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
        if isinstance(tag, str) and tag not in _SKIP_TEXT_TAGS:
            breaks = tag in _BREAK_TAGS
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
    return normalize_spaces(_LINE_BREAK_RE.sub(" ", "".join(parts)))


def element_lines(element: HtmlElement) -> list[str]:
    """Visible text of an element as lines, one per block or <br>-separated run."""
    parts: list[str] = []
    _gather_text(element, parts, "\n")
    text = "".join(parts).replace("\r", " ")
    return [line for line in (normalize_spaces(raw) for raw in text.split("\n")) if line]


def element_words(element: HtmlElement) -> frozenset[str]:
    return class_words(f"{element.get('class', '')} {element.get('id', '')}")


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
    limit = len(element_text(root)) / 2 if not keep else float("inf")
    stack = [root]
    while stack:
        for child in list(stack.pop()):
            if not isinstance(child.tag, str):
                child.drop_tree()  # comments and processing instructions
            elif (
                child not in keep
                and is_chrome_element(child)
                and (child.tag in _NO_TEXT_TAGS or len(element_text(child)) < limit)
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


def is_leaf_block(element: HtmlElement) -> bool:
    """An element with no block-level element inside (a paragraph, a caption, a label)."""
    return not any(
        isinstance(node.tag, str) and node.tag in _BREAK_TAGS and node.tag != "br"
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
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        in_header = element.tag in ("header", "marquee") or element.get("role") == "banner"
        if not (in_header or element_words(element) & SITE_HEADER_WORDS):
            continue
        regions.add(element)
        if any(ancestor in regions for ancestor in element.iterancestors()):
            continue  # already read with the enclosing header
        for node in element.iter():
            texts = [node.get("alt", ""), node.get("title", "")] if node.tag == "img" else []
            if isinstance(node.tag, str) and node.tag != "img" and is_leaf_block(node):
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
