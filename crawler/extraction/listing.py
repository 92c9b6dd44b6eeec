"""Is a page's text one article, or a list of headlines or document titles?

Channel pages, search results and document registers reach extraction with a
"text" that is a column of items: short headlines without final punctuation,
each maybe followed by a one-sentence teaser and a date line; or document
titles ("Quyết định số 12/QĐ-UBND về ..."). Such a page reports nothing itself,
however many meetings its items name. An article, even a short one, tells its
story in sentences: paragraphs of several sentences or of some length.

The decision reads only the shape of the text, never its topic.
"""

from __future__ import annotations

import itertools
import re

from crawler.extraction.data import cues
from crawler.extraction.session import compile_cues, cue_patterns, match_key, split_sentences

_DOCUMENT_LINE_RE = compile_cues(cue_patterns(cues.DOCUMENT_LINE_START),
                                 prefix=r"[-–•*+.\s\d)]*?")
_DATE = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*(?:am|pm))?"
# A line holding nothing but a date and/or a time ("01/11/2022", "(10:20 - 01/11/2022)").
_DATE_LINE_RE = re.compile(
    rf"[\W_]*(?:{_DATE}|{_TIME})(?:[\W_]*(?:{_DATE}|{_TIME}))*[\W_]*", re.IGNORECASE
)
_FULL_DATE_RE = re.compile(rf"(?<!\d){_DATE}(?!\d)")
_FINAL_PUNCTUATION = (".", ":", ";", "!", "?", "…")
_BULLETS = ("-", "–", "•", "*", "+")

_MIN_PARAGRAPHS = 6
# A headline: a few words, no final punctuation, not a bullet of a list inside an article.
_HEADLINE_CHARS = (15, 200)
_HEADLINE_MIN_WORDS = 3
# A paragraph of narrative: this long, or several sentences.
_NARRATIVE_CHARS = 200
# At most this share of the text may be narrative on a listing page.
_MAX_NARRATIVE_SHARE = 0.35
# Items needed: headlines alone, or fewer headlines with teasers or date lines beside them.
_MIN_HEADLINES, _MIN_BARE_HEADLINES, _MIN_PAIRED_ITEMS = 5, 8, 4
_MIN_DOCUMENT_LINES = 3
_MIN_ITEM_SHARE = 0.3
_TEASER_CHARS = 300
_DATED_LINE_CHARS = 250
# A document title shows what it is in its first words.
_LINE_START_CHARS = 80


def _is_headline(paragraph: str) -> bool:
    low, high = _HEADLINE_CHARS
    return (low <= len(paragraph) <= high and not paragraph.endswith(_FINAL_PUNCTUATION)
            and not paragraph.startswith(_BULLETS)
            and len(paragraph.split()) >= _HEADLINE_MIN_WORDS
            and not _DATE_LINE_RE.fullmatch(paragraph))


def _is_teaser(paragraph: str) -> bool:
    """One sentence under a headline, ending like a sentence."""
    return (len(paragraph) <= _TEASER_CHARS and paragraph.endswith(_FINAL_PUNCTUATION)
            and len(split_sentences(paragraph)) == 1)


def _is_narrative(paragraph: str) -> bool:
    return len(paragraph) >= _NARRATIVE_CHARS or len(split_sentences(paragraph)) >= 2


def _document_lines(paragraphs: list[str]) -> int:
    return sum(1 for p in paragraphs if _DOCUMENT_LINE_RE.match(match_key(p[:_LINE_START_CHARS])))


def _paired_items(paragraphs: list[str], headline_flags: list[bool]) -> int:
    """Headlines followed by a teaser sentence; a date line between them does not break the pair."""
    content = [i for i, p in enumerate(paragraphs) if not _DATE_LINE_RE.fullmatch(p)]
    return sum(1 for here, after in itertools.pairwise(content)
               if headline_flags[here] and _is_teaser(paragraphs[after]))


def looks_like_listing(paragraphs: list[str]) -> bool:
    """Whether ``paragraphs`` (non-empty lines of a page's text) list items, not tell a story.

    The cheap counts come first: most articles fail on the headline count.
    """
    if len(paragraphs) < _MIN_PARAGRAPHS:
        return False
    documents = _document_lines(paragraphs)
    if documents >= _MIN_DOCUMENT_LINES and documents >= _MIN_ITEM_SHARE * len(paragraphs):
        return True
    headline_flags = [_is_headline(p) for p in paragraphs]
    headlines = sum(headline_flags)
    items = sum(1 for p in paragraphs if not _DATE_LINE_RE.fullmatch(p))
    if headlines < _MIN_HEADLINES or headlines < _MIN_ITEM_SHARE * items:
        return False
    total = sum(len(p) for p in paragraphs)
    narrative = sum(len(p) for p in paragraphs if _is_narrative(p))
    if narrative >= _MAX_NARRATIVE_SHARE * total:
        return False
    if headlines >= _MIN_BARE_HEADLINES:
        return True
    dated = sum(1 for p in paragraphs if len(p) <= _DATED_LINE_CHARS and _FULL_DATE_RE.search(p))
    if dated >= _MIN_PAIRED_ITEMS:
        return True
    return _paired_items(paragraphs, headline_flags) >= _MIN_PAIRED_ITEMS
