"""The article's main text out of the cleaned tree.

Trafilatura reads it first (one call, precision first). Two things it gets wrong on
the portals are put right here:

* Pages whose paragraphs are bare <div>s or <br>-separated runs in a table cell give
  it nothing to hold on to, and it returns little or nothing. The block of the page
  that holds the most paragraph text is then read directly.
* On pages whose sidebar follows the article in the markup, it sweeps sidebar notices,
  map and counter boxes in after the article's last line. Lines that are printed only
  after the article container's end are kept out of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Extractor, use_config

from crawler.extraction.byline import parse_byline
from crawler.extraction.dom import BLOCK_TAGS, SKIP_TEXT_TAGS, element_lines, element_text
from crawler.extraction.textdoc import split_paragraphs

# A block whose own text (links left out) is this long is a paragraph, not a label.
MIN_PARAGRAPH_CHARS = 40
# Climb from the best block to its parent when the parent holds this much more prose
# (an article split over sibling wrappers).
CLIMB_SHARE = 0.3
# Trafilatura's text is "very little" below this share of the prose block's text...
MIN_EXTRACTED_SHARE = 0.5
# ... unless it found this much text outside that block: then the block is not the article.
MIN_TEXT_ELSEWHERE = 300
# The container must hold this share of the extracted text for its end to mean anything.
MIN_CONTAINER_SHARE = 0.6
# A byline may stand just after the container: among the first lines read past its end.
BYLINE_REACH_AFTER_END = 2
# Lines read before the prose block when the page has no headline element: the headline
# and its date line stand just above the body in the same layout table or wrapper.
LEAD_LINES = 6
LEAD_LEVELS = 2
_NOT_PROSE_TAGS = frozenset(("br", "hr"))


def _make_config() -> Any:
    config = use_config()
    # Short notices (a few lines) are real articles: keep whatever is found.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_COMM_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_TRAFILATURA_CONFIG = _make_config()
# The options of every call, built once: building them reads the config anew each
# time (a few per cent of a page's extraction). trafilatura keeps a shared
# Extractor unchanged (its recall retry works on a copy).
_TRAFILATURA_OPTIONS = Extractor(
    config=_TRAFILATURA_CONFIG,
    output_format="txt",
    fast=True,
    precision=True,
    comments=False,
    formatting=None,
    links=False,
    images=False,
    tables=True,
    dedup=False,
    with_metadata=False,
)


@dataclass
class MainText:
    """The article's lines, and the lines read after its container's end."""

    paragraphs: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)


def trafilatura_lines(root: HtmlElement) -> list[str]:
    text = trafilatura.extract(root, options=_TRAFILATURA_OPTIONS)
    return split_paragraphs(text or "")


def _own_text(
    element: HtmlElement, block: HtmlElement, in_link: bool, own: dict[HtmlElement, int]
) -> None:
    """Add up, per block element, the text it prints itself (not in nested blocks, not
    in links): the paragraph text of that block."""
    if element.tag in BLOCK_TAGS and element.tag not in _NOT_PROSE_TAGS:
        block = element
    linked = in_link or element.tag == "a"
    if element.text and not linked:
        own[block] = own.get(block, 0) + len(element.text.strip())
    for child in element:
        if isinstance(child.tag, str) and child.tag not in SKIP_TEXT_TAGS:
            _own_text(child, block, linked, own)
        if child.tail and not linked:
            own[block] = own.get(block, 0) + len(child.tail.strip())


def find_prose_block(root: HtmlElement) -> tuple[HtmlElement | None, int]:
    """(the element holding the most paragraph text, how much it holds).

    Each paragraph counts fully for its parent and half for its grandparent, so the
    winner is the wrapper of the paragraphs; it grows to its parent when siblings hold
    a good part of the prose too."""
    own: dict[HtmlElement, int] = {}
    _own_text(root, root, False, own)
    scores: dict[HtmlElement, float] = {}
    held: dict[HtmlElement, int] = {}
    for paragraph, length in own.items():
        if length < MIN_PARAGRAPH_CHARS:
            continue
        held[paragraph] = held.get(paragraph, 0) + length
        for depth, ancestor in enumerate(paragraph.iterancestors()):
            held[ancestor] = held.get(ancestor, 0) + length
            if depth < 2:
                scores[ancestor] = scores.get(ancestor, 0.0) + length / (depth + 1)
    if not scores:
        return None, 0
    best = max(scores, key=scores.__getitem__)
    parent = best.getparent()
    while parent is not None and held[parent] > (1 + CLIMB_SHARE) * held[best]:
        best, parent = parent, parent.getparent()
    return best, held[best]


def _chars_inside(lines: list[str], text: str) -> int:
    return sum(len(line) for line in lines if line in text)


def _following_text(container: HtmlElement) -> str:
    """Text printed after the container: its later siblings and those of its ancestors."""
    parts: list[str] = []
    for node in (container, *container.iterancestors()):
        parts.extend(element_text(sibling) for sibling in node.itersiblings())
    return " ".join(parts)


def split_at_end(lines: list[str], container: HtmlElement, inside: str | None = None) -> MainText:
    """Keep out the lines printed only after the container's end (``inside`` is the
    container's text, when already known). Only lines past the last one read inside it
    qualify, since the extractor keeps page order; a byline just past the end stays, as
    it often sits in its own element under the body."""
    if inside is None:
        inside = element_text(container)
    after = _following_text(container)
    last_inside = max((i for i, line in enumerate(lines) if line in inside), default=-1)
    main = MainText(paragraphs=lines[: last_inside + 1])
    for line in lines[last_inside + 1 :]:
        if line in after and not (
            len(main.trailing) < BYLINE_REACH_AFTER_END and parse_byline(line)[0]
        ):
            main.trailing.append(line)
        else:
            main.paragraphs.append(line)
    return main


def _pick_container(
    candidates: list[HtmlElement | None], lines: list[str], root: HtmlElement
) -> tuple[HtmlElement, str] | None:
    """(the first candidate that holds most of the extracted text, its text)."""
    total = sum(len(line) for line in lines)
    for candidate in candidates:
        if candidate is None or candidate is root or not total:
            continue
        text = element_text(candidate)
        if _chars_inside(lines, text) >= MIN_CONTAINER_SHARE * total:
            return candidate, text
    return None


def _lines_before(block: HtmlElement) -> list[str]:
    """The last few lines printed just above the block, within its nearest wrappers."""
    lines: list[str] = []
    node: HtmlElement | None = block
    for _level in range(LEAD_LEVELS):
        if node is None:
            break
        for sibling in node.itersiblings(preceding=True):
            lines[:0] = element_lines(sibling)
            if len(lines) >= LEAD_LINES:
                return lines[-LEAD_LINES:]
        node = node.getparent()
    return lines


def read_main_text(
    root: HtmlElement, body_node: HtmlElement | None, *, headline_found: bool = True
) -> MainText:
    """The article's lines from the cleaned tree. ``body_node`` is the element the page
    marks as the article body, if any (it must still be in the tree). Without a headline
    element, a block read directly comes with the lines above it, where the headline and
    date line are to be found."""
    lines = trafilatura_lines(root)
    block, block_chars = find_prose_block(root)
    if block is not None:
        extracted = sum(len(line) for line in lines)
        elsewhere = extracted - _chars_inside(lines, element_text(block))
        if extracted < MIN_EXTRACTED_SHARE * block_chars and elsewhere < MIN_TEXT_ELSEWHERE:
            lead = [] if headline_found else _lines_before(block)
            return MainText(lead + element_lines(block))
    if not lines:
        body = root.find("body")
        return MainText(element_lines(body if body is not None else root))
    picked = _pick_container([body_node, block], lines, root)
    return split_at_end(lines, *picked) if picked is not None else MainText(lines)
