"""Signatures: the byline as the page prints it at the end of the body.

Portals set the writer's name apart at the foot of the article: right-aligned, in bold
or italics, often with the unit ("Vũ Thị Lan, Trung tâm VHTT&TT"). Recognising that
styling tells a byline from a name that merely ends the scraped text, and lets the
byline be found even when sidebar text was swept in after it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extraction.byline import MAX_BYLINE_CHARS, parse_byline
from crawler.extraction.dom import element_text, is_leaf_block

_RIGHT_ALIGNED_RE = re.compile(r"text-align\s*:\s*right")
_SIGNATURE_TAGS = ("p", "div", "td", "span", "font", "strong", "b", "em", "i")
_EMPHASIS_TAGS = ("strong", "b", "em", "i")
_INLINE_TAGS = ("span", "font", "strong", "b", "em", "i")

# Text after a signature that is this long (links left out) is prose: the signature
# was a name inside the article, not its byline.
MIN_PROSE_AFTER_SIGNATURE = 150


def _non_link_chars(element: HtmlElement) -> int:
    linked = sum(len(element_text(link)) for link in element.iter("a"))
    return len(element_text(element)) - linked


def _is_signature_styled(element: HtmlElement) -> bool:
    """Right-aligned (itself or its block), or wholly in bold or italics."""
    for node in (element, element.getparent()):
        if node is None:
            continue
        if node.get("align", "").lower() == "right":
            return True
        if _RIGHT_ALIGNED_RE.search(node.get("style", "").lower()):
            return True
    if element.tag in _EMPHASIS_TAGS:
        return True
    children = list(element)
    return (
        len(children) == 1
        and children[0].tag in _EMPHASIS_TAGS
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _block_of(element: HtmlElement) -> HtmlElement:
    block = element
    while block.tag in _INLINE_TAGS and block.getparent() is not None:
        block = block.getparent()
    return block


def signed_lines(root: HtmlElement) -> frozenset[str]:
    """Lines the page prints as a signature: a short right-aligned or bold block naming a
    person, with no prose after it in its container."""
    signed: set[str] = set()
    for element in root.iter(*_SIGNATURE_TAGS):
        if not _is_signature_styled(element) or not is_leaf_block(element):
            continue
        text = element_text(element)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        is_byline, author = parse_byline(text)
        if not is_byline or author is None:
            continue
        after = _block_of(element).itersiblings()
        if any(_non_link_chars(sibling) >= MIN_PROSE_AFTER_SIGNATURE for sibling in after):
            continue
        signed.add(text)
    return frozenset(signed)
