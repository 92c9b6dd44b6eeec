"""The article's own head, read from the DOM: the headline element, the date line next
to it, the sapo (lead paragraph) under it, and the element that holds the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from lxml.html import HtmlElement

from crawler.extraction.chrome import is_chrome_line, is_date_stamp, is_print_label
from crawler.extraction.dates import parse_date_line
from crawler.extraction.dom import (
    BODY_CLASS_WORDS,
    CAPTION_CLASS_WORDS,
    CHROME_CLASS_WORDS,
    DATE_CLASS_WORDS,
    SAPO_CLASS_WORDS,
    TITLE_CLASS_WORDS,
    element_text,
    element_words,
    is_leaf_block,
    marked_elements,
)
from crawler.extraction.pagemeta import GLUED_DATE_RE, TITLE_SEPARATOR_RE, DateLine, PageMeta
from crawler.extraction.textdoc import is_prose
from crawler.extraction.types import Found
from crawler.textnorm import fold, normalize_spaces

# Labels of a publication date line; a bare "Ngày 14/11, ..." opens prose instead.
_DATE_LABEL_RE = re.compile(
    r"^(?:dang luc|dang ngay|ngay dang|ngay cap nhat|cap nhat|xuat ban|thoi gian dang)"
)
_SOURCE_LEAD_RE = re.compile(r"^\s*\([^()]{2,40}\)\s*[-–—]\s*")
_NOT_SAPO_WORDS = CAPTION_CLASS_WORDS | BODY_CLASS_WORDS
HEADING_SCORES = {"h1": 3, "h2": 2, "h3": 1}
SCAN_AFTER_HEADLINE = 60
SCAN_BEFORE_HEADLINE = 12
SUB_HEADING_REACH = 8
MAX_DATE_LINE = 150
_BOLD_TAGS = ("strong", "b")
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)")
# Blocks that may hold a headline printed as a bold line.
_HEADLINE_BLOCK_TAGS = frozenset(("p", "div", "td", "span", "font", "strong", "b", "center"))
# A region penalty this high is a header, menu or sidebar.
_CHROME_REGION = 4
_PRINT_NAME_RE = re.compile(r"print(?:er|able)?", re.IGNORECASE)


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
        if tag in ("body", "html"):
            break  # their classes name the whole page ("portal-popup" of a print view)
        if tag in ("li", "nav", "footer", "aside") or element_words(ancestor) & CHROME_CLASS_WORDS:
            return 6
        if tag == "header" and next(ancestor.iterancestors("article", "main"), None) is None:
            penalty = max(penalty, _CHROME_REGION)
        elif tag == "a":
            penalty = max(penalty, 2)
    return penalty


def find_headline(root: HtmlElement, meta: PageMeta) -> HtmlElement | None:
    """The article's own headline element: a heading or a "title" block, best when it
    matches og:title / <title>, never the site name or a sidebar entry; else a bold line
    above the text. On a print view the "print" class names are taken off the tree first
    (see :func:`_unmark_print_wrappers`)."""
    if is_print_view(meta):
        _unmark_print_wrappers(root)
    hints = [fold(h) for h in (meta.og_title, meta.ld_headline, meta.title_tag) if h]
    # A bare h1/h2 or "title" block qualifies; an h3 needs a matching <title>.
    best, best_score = None, 1
    for element in marked_elements(root, tags=HEADING_SCORES):
        if element.tag in ("title", "head", "html", "body"):
            continue
        titled = bool(element_words(element) & TITLE_CLASS_WORDS)
        if not titled and element.tag not in HEADING_SCORES:
            continue
        text = element_text(element)
        if not 10 <= len(text) <= 400 or len(text.split()) < 3:
            continue
        score = HEADING_SCORES.get(element.tag, 0) + 2 * titled - _region_penalty(element)
        folded = fold(text) if hints else ""
        if any(_same_headline(folded, hint) for hint in hints):
            score += 5
        if is_chrome_line(text):
            score -= 6
        nested = best is not None and best in element.iterancestors()
        if score > best_score or (score == best_score and nested):
            best, best_score = element, score
    return best if best is not None else _bold_line_before_prose(root)


def _is_bold_block(element: HtmlElement) -> bool:
    """A block printed wholly in bold: <p><strong>...</strong></p>, <b>...</b>."""
    if element.tag in _BOLD_TAGS or _BOLD_STYLE_RE.search(element.get("style") or ""):
        return True
    children = [child for child in element if isinstance(child.tag, str)]
    return (
        len(children) == 1
        and children[0].tag in _BOLD_TAGS
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _bold_line_before_prose(root: HtmlElement) -> HtmlElement | None:
    """Without a heading or "title" block (print views, old table layouts), the headline is
    the last bold line standing alone before the article's first paragraph of prose."""
    best = None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _HEADLINE_BLOCK_TAGS:
            continue
        leaf, bold = is_leaf_block(element), _is_bold_block(element)
        if not (leaf or bold) or _region_penalty(element) >= _CHROME_REGION:
            continue  # the text of wrappers is read only when they are bold lines
        text = element_text(element)
        if leaf and is_prose(text):
            break  # the article has begun: its headline stands above
        if not bold:
            continue
        if not 10 <= len(text) <= 400 or len(text.split()) < 3 or text.endswith((".", ":")):
            continue
        if is_chrome_line(text) or is_date_stamp(text):
            continue
        if best is None or best not in element.iterancestors():
            best = element  # the outermost block of a bold line, the last such line
    return best


def is_print_view(meta: PageMeta) -> bool:
    """A page's print view: its <title> or og:title is a print label ("Bản in", "In tin bài")."""
    parts = [*TITLE_SEPARATOR_RE.split(meta.title_tag)[::2], meta.og_title]
    return any(is_print_label(part) for part in parts if part)


def _unmark_print_wrappers(root: HtmlElement) -> None:
    """On a print view, class and id names saying "print" name the whole page ("print-body",
    id="print"), not a print button: they are taken off so the article is not read as chrome."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("class", "id"):
            value = element.get(attribute)
            if value and _PRINT_NAME_RE.search(value):
                element.set(attribute, _PRINT_NAME_RE.sub("", value))


def find_body_node(root: HtmlElement) -> HtmlElement | None:
    """The element that holds the article body (article-content, journal-content, ...)."""
    candidates = [
        element
        for element in marked_elements(root, attributes=("class", "id", "itemprop"))
        if element.get("itemprop") == "articleBody" or element_words(element) & BODY_CLASS_WORDS
    ]
    return max(candidates, key=lambda element: len(element_text(element)), default=None)


def _following(node: HtmlElement) -> Iterator[HtmlElement]:
    """XPath's following::* in document order, walked lazily (the axis as a list
    holds the rest of the page)."""
    current: HtmlElement | None = node
    while current is not None:
        for sibling in current.itersiblings():
            yield from (el for el in sibling.iter() if isinstance(el.tag, str))
        current = current.getparent()


def _preceding(node: HtmlElement) -> Iterator[HtmlElement]:
    """XPath's preceding::* (ancestors excluded), nearest first."""
    current: HtmlElement | None = node
    while current is not None:
        for sibling in current.itersiblings(preceding=True):
            inside = [el for el in sibling.iter() if isinstance(el.tag, str)]
            yield from reversed(inside)
        current = current.getparent()


def _near(headline: HtmlElement, axis: str, limit: int) -> list[HtmlElement]:
    walk = _following if axis == "following" else _preceding
    return list(islice(walk(headline), limit))


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


def take_date_line(headline: HtmlElement | None) -> DateLine | None:
    """The date printed next to the headline (below it, or just above); the element is
    taken out of the tree."""
    if headline is None:
        return None
    glued = GLUED_DATE_RE.search(element_text(headline))
    found = parse_date_line(glued.group(0)) if glued else None
    if glued and found:
        printed = glued.group(0).strip()
        return DateLine(found, printed, printed)
    nearby = _near(headline, "following", SCAN_AFTER_HEADLINE)
    for element in nearby + _near(headline, "preceding", SCAN_BEFORE_HEADLINE):
        text = element_text(element)
        found = _date_in(element, text)
        if found is not None:
            element.drop_tree()
            return DateLine(found, _innermost_date_text(element, found), text)
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
