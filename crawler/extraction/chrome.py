"""Recognising site chrome: lines of text and page elements that are not the article.

Line rules work on :func:`crawler.textnorm.fold` output so that case, Unicode
form and tone-mark placement never matter. The word lists live in
:mod:`crawler.extraction.data.chrome`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.extraction.data import chrome as data
from crawler.extraction.dates import parse_date_line
from crawler.textnorm import fold as _fold_uncached

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
_PRINT_LABELS = frozenset(text for text, _gloss in data.PRINT_VIEW_LABELS)
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
# Footers and widget rows are short; a longer line is prose.
MAX_CHROME_LINE = 400


def _words(text: str) -> list[str]:
    return text.split()


def is_print_label(line: str) -> bool:
    """A print view's label standing alone: "Bản in", "In bài viết", "In tin bài"."""
    if len(line) > 40:
        return False
    return _EDGE_PUNCT_RE.sub("", fold(line)) in _PRINT_LABELS


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


@lru_cache(maxsize=8192)  # the same header and footer lines recur on every page
def is_slogan_line(line: str) -> bool:
    """A banner slogan: "Quyết tâm thực hiện thắng lợi Nghị quyết ...", "CHÀO MỪNG ..."."""
    stripped = line.strip()
    if not stripped or len(_words(stripped)) > 45:
        return False
    if is_caps_banner(stripped):
        return True
    # Slogans never end with a full stop; prose that opens the same way does.
    return not stripped.endswith(".") and _SLOGAN_RE.match(fold(stripped)) is not None


@lru_cache(maxsize=8192)  # the same header and footer lines recur on every page
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


@lru_cache(maxsize=8192)  # the same header and footer lines recur on every page
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
        or is_print_label(stripped)
        or is_widget_heading(stripped)
        or is_date_stamp(stripped)
        or is_slogan_line(stripped)
        or is_site_name_line(stripped)
        or is_category_label(stripped, min_segments=3)
    )
