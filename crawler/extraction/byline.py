"""Bylines: who wrote the article, as printed at its foot (or head).

Forms seen on the portals and papers:

* a bare name on the last line: "Trần Hằng", "Hữu Khánh";
* name and unit: "Hồng Hạ (Trung tâm VHTT&TT)", "Đỗ Duy Nhã, Trung tâm VHTT, TT và DL
  huyện Thọ Xuân", "Lò Thị Hương - Phòng Văn hóa - Thông tin";
* several names: "Lê Hà - Minh Anh" (kept as written);
* labelled: "Tin, ảnh: Thu Hà", "Bài và ảnh: ...", "Tác giả: ...", "Người viết: ...".

The author is the name(s) only. A byline that names no person ("PV", "BBT",
"Nhóm phóng viên", a unit alone) is still a byline -- it is taken out of the text and kept
in ``author_raw`` -- but its author is None, because the record stores a person's name.
"Nguồn: ..." and "Theo ..." name a source, not an author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from crawler.extraction.chrome import (
    AUTHOR_CLASS_WORDS,
    element_text,
    element_words,
    is_attached,
    is_chrome_line,
    is_leaf_block,
    is_related_heading,
)
from crawler.textnorm import fold

# Labels that introduce the writer's name (folded, before the colon).
BYLINE_LABELS: tuple[tuple[str, str], ...] = (
    ("tin, anh", "news and photos by"),
    ("tin va anh", "news and photos by"),
    ("tin & anh", "news and photos by"),
    ("tin anh", "news and photos by"),
    ("bai, anh", "article and photos by"),
    ("bai va anh", "article and photos by"),
    ("bai & anh", "article and photos by"),
    ("bai anh", "article and photos by"),
    ("tin", "news by"),
    ("bai", "article by"),
    ("tac gia", "author"),
    ("tac gia bai viet", "author of the article"),
    ("nguoi viet", "writer"),
    ("but danh", "pen name"),
    ("thuc hien", "produced by"),
    ("nhom thuc hien", "produced by the team"),
    ("bien tap", "edited by"),
)

# Bylines that name no person: reporters, the editorial board.
NON_PERSON_BYLINES: tuple[tuple[str, str], ...] = (
    ("pv", "reporter (phóng viên)"),
    ("ptv", "reporter"),
    ("nhom pv", "reporters' team"),
    ("nhom phong vien", "reporters' team"),
    ("phong vien", "reporter"),
    ("bbt", "editorial board (ban biên tập)"),
    ("ban bien tap", "editorial board"),
    ("ctv", "contributor (cộng tác viên)"),
    ("cong tac vien", "contributor"),
    ("btv", "editor"),
    ("qtv", "site administrator"),
    ("admin", "site administrator"),
    ("quan tri vien", "site administrator"),
)

# Openings of a unit name written after the writer's name (folded).
UNIT_OPENERS: tuple[tuple[str, str], ...] = (
    ("trung tam", "centre"),
    ("ttvh", "culture centre"),
    ("ttvhtt", "culture, sports and communication centre"),
    ("phong ", "office / division"),
    ("van phong", "office"),
    ("ban ", "board / committee"),
    ("dai ", "radio/TV station"),
    ("bao ", "newspaper"),
    ("so ", "provincial department"),
    ("cuc ", "department"),
    ("chi cuc", "sub-department"),
    ("ubnd", "people's committee"),
    ("uy ban", "committee"),
    ("hdnd", "people's council"),
    ("huyen uy", "district party committee"),
    ("dang uy", "party committee"),
    ("tinh uy", "provincial party committee"),
    ("thanh uy", "city party committee"),
    ("hoi ", "association"),
    ("doan ", "union / delegation"),
    ("cong an", "police"),
    ("mat tran", "fatherland front"),
    ("cong thong tin", "portal"),
    ("trang thong tin", "information site"),
    ("truong ", "school"),
    ("benh vien", "hospital"),
    ("xa ", "commune"),
    ("huyen ", "district"),
    ("thi tran", "township"),
    ("ttxvn", "national news agency"),
    ("phong vien", "reporter"),
    ("pv ", "reporter"),
    ("ctv", "contributor"),
)

_LABELS = sorted((label for label, _gloss in BYLINE_LABELS), key=len, reverse=True)
_NON_PERSON = frozenset(text for text, _gloss in NON_PERSON_BYLINES)
_UNIT_OPENERS = tuple(text for text, _gloss in UNIT_OPENERS)

_LABEL_RE = re.compile(r"^\s*([^:]{1,30}?)\s*:\s*(.+?)\s*$")
_PAREN_TAIL_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*\.?\s*$")
_NAME_SEPARATOR_RE = re.compile(r"\s+[-–—/&]\s+|\s*,\s*|\s+và\s+|\s*;\s*")
_NAME_JOINER_RE = re.compile(r"['’-]")
_INITIAL_RE = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯ][a-zđ]?\.)+$")
_SOURCE_RE = re.compile(r"^\(?\s*(?:nguon|theo)\b")
_PHOTO_CREDIT_RE = re.compile(r"^\(?\s*anh\s*:")

_BYLINE_ELEMENT_TAGS = ("div", "p", "span", "strong", "b", "em", "address", "td", "a")
_ELEMENT_LABELS = ("tac gia", "nguoi viet", "but danh")

MAX_BYLINE_CHARS = 140
MAX_BYLINE_WORDS = 22
MAX_NAME_WORDS = 5


def _is_name_word(word: str, all_caps: bool) -> bool:
    if _INITIAL_RE.match(word):
        return True
    # Highland names join syllables with an apostrophe or hyphen: "H'Hen", "Y-Moan".
    pieces = _NAME_JOINER_RE.split(word)
    if not all(piece.isalpha() for piece in pieces):
        return False
    if all_caps:
        return word.isupper() and len(word) >= 2
    return all(piece[0].isupper() and (len(piece) == 1 or piece[1:].islower()) for piece in pieces)


def is_person_name(text: str, *, min_words: int = 2) -> bool:
    """A personal name as bylines print it: "Đỗ Duy Nhã", "T. Hằng", "NGUYỄN VĂN AN"."""
    words = text.split()
    if not min_words <= len(words) <= MAX_NAME_WORDS:
        return False
    folded = fold(text)
    if folded in _NON_PERSON or folded.startswith(_UNIT_OPENERS):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    return all(_is_name_word(word, all_caps) for word in words)


def _is_unit(text: str) -> bool:
    folded = fold(text) + " "
    if folded.startswith(_UNIT_OPENERS):
        return True
    # Acronyms such as "VHTT&TT" or "TT-VH".
    compact = text.replace("&", "").replace("-", "").replace(".", "")
    return 2 <= len(compact) <= 12 and compact.isalnum() and compact.isupper()


def _is_unit_credit(text: str) -> bool:
    """A unit named alone as the writer: short, no sentence punctuation, mostly capitalised."""
    words = [word for word in text.split() if word[0].isalpha()]
    if not words or len(words) > 8 or any(ch in text for ch in "?!.:;"):
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return _is_unit(text) and capitalised * 2 >= len(words)


def _names_prefix(body: str, *, min_words: int) -> tuple[str | None, bool]:
    """The leading run of names in ``body`` as written, and whether the rest is a unit."""
    parts = _NAME_SEPARATOR_RE.split(body)
    separators = _NAME_SEPARATOR_RE.findall(body)
    names: list[str] = []
    for index, part in enumerate(parts):
        part = part.strip()
        if is_person_name(part, min_words=min_words):
            names.append(part)
            continue
        rest_is_unit = bool(names) and all(_is_unit(p) for p in parts[index:] if p.strip())
        # A unit may itself contain commas ("Trung tâm VHTT, TT và DL huyện Thọ Xuân"):
        # once a unit opener follows the names, the rest belongs to it.
        rest_is_unit = rest_is_unit or (bool(names) and _is_unit(part))
        if not names or not rest_is_unit:
            return None, False
        break
    written = names[0] if names else ""
    for separator, name in zip(separators, names[1:], strict=False):
        written += separator + name
    return (written or None), True


def parse_byline(line: str) -> tuple[bool, str | None]:
    """(is this a byline, the author's name or None when it names no person)."""
    stripped = line.strip().strip("*_").strip()
    if not stripped or len(stripped) > MAX_BYLINE_CHARS or len(stripped.split()) > MAX_BYLINE_WORDS:
        return False, None
    if _SOURCE_RE.match(fold(stripped)) or _PHOTO_CREDIT_RE.match(fold(stripped)):
        return False, None
    body, labelled = stripped, False
    match = _LABEL_RE.match(stripped)
    if match:
        label = fold(match.group(1))
        if label not in _LABELS:
            return False, None
        body, labelled = match.group(2), True
    body = _PAREN_TAIL_RE.sub("", body).strip().rstrip(".").strip()
    if fold(body) in _NON_PERSON or fold(body).split(" ")[0] in _NON_PERSON:
        return True, None
    author, _unit_tail = _names_prefix(body, min_words=1 if labelled else 2)
    if author is not None:
        return True, author
    if labelled:
        return True, None
    # A unit alone on the last line ("Phòng Văn hóa - Thông tin huyện") is a credit line.
    return _is_unit_credit(body), None


def find_byline(paragraphs: Sequence[str]) -> tuple[str | None, str | None, int | None]:
    """(author, author_raw, index of the byline paragraph) or (None, None, None).

    The byline is looked for among the last paragraphs, past trailing chrome, source
    lines and photo credits; a paragraph of prose ends the search. A labelled byline
    ("Tác giả: ...") is also accepted among the first three paragraphs.
    """
    for index in range(len(paragraphs) - 1, -1, -1):
        line = paragraphs[index].strip()
        if not line:
            continue
        is_byline, author = parse_byline(line)
        if is_byline:
            return author, line, index
        folded = fold(line)
        skippable = (
            is_chrome_line(line)
            or is_related_heading(line)
            or _SOURCE_RE.match(folded) is not None
            or _PHOTO_CREDIT_RE.match(folded) is not None
        )
        if not skippable:
            break  # prose: the byline, if any, would have come after it
    for index, line in enumerate(paragraphs[:3]):
        if _LABEL_RE.match(line.strip()):
            is_byline, author = parse_byline(line)
            if is_byline:
                return author, line.strip(), index
    return None, None, None


def take_byline_element(root: HtmlElement) -> tuple[str | None, str | None]:
    """(author, byline as printed) from an author element (class author/tac-gia/byline)
    or a "Tác giả: ..." line; the element is taken out of the tree."""
    for element in root.iter(*_BYLINE_ELEMENT_TAGS):
        if not is_attached(element, root) or not is_leaf_block(element):
            continue
        if next(element.iterancestors("li"), None) is not None:
            continue
        text = element_text(element)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        marked = bool(element_words(element) & AUTHOR_CLASS_WORDS)
        if not (marked or fold(text).startswith(_ELEMENT_LABELS)):
            continue
        is_byline, author = parse_byline(text)
        if not is_byline and marked and is_person_name(text, min_words=1):
            is_byline, author = True, text
        if is_byline:
            element.drop_tree()
            return author, text
    return None, None
