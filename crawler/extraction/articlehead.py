"""The article's own head, read from the DOM: the headline element, the date line next
to it, the sapo (lead paragraph) under it, and the element that holds the body."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extraction.chrome import is_chrome_line, is_date_stamp
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
)
from crawler.extraction.pagemeta import GLUED_DATE_RE, DateLine, PageMeta
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
