"""Bylines: who wrote the article, as printed at its foot (or head).

Forms seen on the portals and papers:

* a bare name on the last line, often right-aligned or in bold: "Trần Hằng";
* name and unit: "Hồng Hạ (Trung tâm VHTT&TT)", "Đỗ Duy Nhã, Trung tâm VHTT, TT và DL
  huyện Thọ Xuân", "Lò Thị Hương - Phòng Văn hóa - Thông tin";
* several names: "Lê Hà - Minh Anh" (kept as written);
* labelled: "Tin, ảnh: Thu Hà", "Bài và ảnh: ...", "Tác giả: ...", "BTV: ...", "PV: ...";
* inside the metadata row under the headline: "Ngày đăng: 05/08/2022 | Tác giả: X";
* a reprint's writer: "Theo Thu Hà (Báo Nghệ An)".

The author is the name(s) only. A byline that names no person ("PV", "BBT",
"Nhóm phóng viên", a unit alone) is still a byline -- it is taken out of the text and kept
in ``author_raw`` -- but its author is None, because the record stores a person's name.
"Nguồn: ..." and "Theo Báo ..." name a source, not an author.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from lxml.html import HtmlElement

from crawler.extraction.chrome import fold, is_chrome_line, is_related_heading
from crawler.extraction.data import bylines as data
from crawler.extraction.dates import parse_date_line
from crawler.extraction.dom import (
    AUTHOR_CLASS_WORDS,
    element_text,
    element_words,
    is_attached,
    is_leaf_block,
)
from crawler.textnorm import fold_keep_marks

_LABELS = frozenset(label for label, _gloss in data.BYLINE_LABELS)
_META_ROW_LABELS = frozenset(label for label, _gloss in data.META_ROW_LABELS)
_NON_PERSON = frozenset(text for text, _gloss in data.NON_PERSON_BYLINES)


def _opener_key(text: str) -> str:
    # The trailing space ("ban ") is part of the entry: it ends the word.
    return fold_keep_marks(text) + (" " if text.endswith(" ") else "")


_UNIT_OPENERS = tuple(_opener_key(text) for text, _gloss in data.UNIT_OPENERS)
_SURNAME_OPENERS = frozenset(_opener_key(text) for text, _gloss in data.SURNAME_UNIT_OPENERS)
_NAME_UNIT_OPENERS = tuple(key for key in _UNIT_OPENERS if key not in _SURNAME_OPENERS)

_LABEL_RE = re.compile(r"^\s*([^:]{1,30}?)\s*:\s*(.+?)\s*$")
_LABEL_JOINER_RE = re.compile(r"\s*(?:[,&/+]|\bva\b)\s*")
_PAREN_TAIL_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*\.?\s*$")
_NAME_SEPARATOR_RE = re.compile(r"\s+[-–—&]\s+|\s*/\s*|\s*,\s*|\s+và\s+|\s*;\s*")
_NAME_JOINER_RE = re.compile(r"['’-]")
_INITIAL_RE = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯ][a-zđ]?\.)+$")
_SOURCE_RE = re.compile(r"^\(?\s*(?:nguon|theo)\b")
_REPRINT_RE = re.compile(r"^theo\s+(?P<body>.+?)\s*\.?$", re.IGNORECASE)
_PHOTO_CREDIT_RE = re.compile(r"^\(?\s*anh\s*:")
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|•·]\s*")
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-+•*–]|\d{1,2}[.)])\s")
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")

_BYLINE_ELEMENT_TAGS = ("div", "p", "span", "strong", "b", "em", "address", "td", "a")
_ELEMENT_LABELS = ("tac gia", "nguoi viet", "but danh")

MAX_BYLINE_CHARS = 140
MAX_BYLINE_WORDS = 22
MAX_NAME_WORDS = 5
# A labelled byline that names no person credits a unit in a few words, not a sentence.
MAX_CREDIT_WORDS = 8
# The byline is looked for among this many lines at the foot of the text...
TAIL_REACH = 6
# ... past at most this many short lines that are neither sentences nor list items
# (sidebar box titles, a programme name, a counter the chrome rules do not know).
MAX_NOISE_LINES = 3
MAX_NOISE_WORDS = 8
HEAD_REACH = 3


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
    if fold(text) in _NON_PERSON or fold_keep_marks(text).startswith(_NAME_UNIT_OPENERS):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    return all(_is_name_word(word, all_caps) for word in words)


def _is_unit(text: str) -> bool:
    if (fold_keep_marks(text) + " ").startswith(_UNIT_OPENERS):
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


def _is_short_credit(body: str) -> bool:
    return len(body.split()) <= MAX_CREDIT_WORDS and not any(ch in body for ch in "?!;:")


def _names_prefix(body: str, *, min_words: int) -> str | None:
    """The leading run of names in ``body`` as written, when the rest is a unit or empty."""
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
            return None
        break
    written = names[0] if names else ""
    for separator, name in zip(separators, names[1:], strict=False):
        written += separator + name
    return written or None


def _label_key(label: str) -> str:
    """ "Tin, ảnh" / "Tin và ảnh" / "Tin & ảnh" / "Tin/ảnh" -> "tin anh"."""
    return " ".join(_LABEL_JOINER_RE.sub(" ", fold(label)).split())


def _reprint_writer(line: str) -> tuple[bool, str | None]:
    """ "Theo Thu Hà (Báo Nghệ An)" names the writer of a reprint; "Theo Báo Nghệ An"
    names only the source and is no byline."""
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()  # "(Theo Thu Hà - Báo Nghệ An)"
    match = _REPRINT_RE.match(line)
    if match is None:
        return False, None
    body = _PAREN_TAIL_RE.sub("", match.group("body")).strip()
    author = _names_prefix(body, min_words=2)
    return author is not None, author


def parse_byline(line: str) -> tuple[bool, str | None]:
    """(is this a byline, the author's name or None when it names no person)."""
    stripped = line.strip().strip("*_").strip()
    if not stripped or len(stripped) > MAX_BYLINE_CHARS or len(stripped.split()) > MAX_BYLINE_WORDS:
        return False, None
    folded = fold(stripped)
    if _PHOTO_CREDIT_RE.match(folded):
        return False, None
    if _SOURCE_RE.match(folded):
        return _reprint_writer(stripped)
    body, labelled = stripped, False
    match = _LABEL_RE.match(stripped)
    if match:
        if _label_key(match.group(1)) not in _LABELS:
            return False, None
        body, labelled = match.group(2), True
    body = _PAREN_TAIL_RE.sub("", body).strip().rstrip(".").strip()
    if fold(body) in _NON_PERSON or fold(body).split(" ")[0] in _NON_PERSON:
        return True, None
    author = _names_prefix(body, min_words=1 if labelled else 2)
    if author is not None:
        return True, author
    if labelled:
        # "Tin: Phòng Văn hóa huyện" credits a unit; "PV: Xin cảm ơn đồng chí!" is an
        # interview line.
        return _is_short_credit(body), None
    # A unit alone on the last line ("Phòng Văn hóa - Thông tin huyện") is a credit line.
    return _is_unit_credit(body), None


def byline_in_segments(line: str) -> tuple[str | None, str] | None:
    """(author, byline as printed) from a metadata row that holds a labelled byline
    among other items: "Ngày đăng bài: 05/08/2022 | Tác giả: Thanh Trúc"."""
    segments = _SEGMENT_SPLIT_RE.split(line.strip())
    if len(segments) < 2:
        return None
    for segment in segments:
        match = _LABEL_RE.match(segment)
        if match is None or _label_key(match.group(1)) not in _META_ROW_LABELS:
            continue
        is_byline, author = parse_byline(segment)
        if is_byline:
            return author, segment.strip()
    return None


def _is_passable(line: str) -> bool:
    """Chrome, a source line or a photo credit: the byline may stand above it."""
    folded = fold(line)
    return (
        is_chrome_line(line)
        or is_related_heading(line)
        or _SOURCE_RE.match(folded) is not None
        or _PHOTO_CREDIT_RE.match(folded) is not None
    )


def _is_noise(line: str) -> bool:
    """A short line that is neither a sentence nor a list item: what sidebars leave at
    the foot of a scraped text ("Bản đồ hành chính", "Chương trình Thời sự")."""
    return (
        len(line.split()) <= MAX_NOISE_WORDS
        and not line.endswith(_SENTENCE_ENDS)
        and _LIST_ITEM_RE.match(line) is None
    )


def find_tail_byline(
    paragraphs: Sequence[str], signed: Collection[str] = ()
) -> tuple[str | None, str | None, int | None]:
    """(author, author_raw, index) of the byline at the foot of the text.

    ``signed`` holds lines the page prints as a signature (right-aligned or bold at the
    end of the body): one of them among the last lines is the byline whatever follows.
    Otherwise the search goes up from the last line past chrome, source lines and photo
    credits, and past a few short non-sentence lines when the byline names a person; a
    paragraph of prose ends it."""
    start = max(0, len(paragraphs) - TAIL_REACH)
    for index in range(len(paragraphs) - 1, start - 1, -1):
        line = paragraphs[index].strip()
        if line in signed:
            is_byline, author = parse_byline(line)
            if is_byline:
                return author, line, index
    noise = 0
    for index in range(len(paragraphs) - 1, -1, -1):
        line = paragraphs[index].strip()
        if not line:
            continue
        is_byline, author = parse_byline(line)
        if is_byline and (noise == 0 or author is not None):
            return author, line, index
        if _is_passable(line):
            continue
        if noise < MAX_NOISE_LINES and index >= start and _is_noise(line):
            noise += 1
            continue
        break  # prose: the byline, if any, would have come after it
    return None, None, None


def find_head_byline(paragraphs: Sequence[str]) -> tuple[str | None, str | None, int | None]:
    """A labelled byline ("Tác giả: ...") among the first lines of the text."""
    for index, line in enumerate(paragraphs[:HEAD_REACH]):
        if _LABEL_RE.match(line.strip()):
            is_byline, author = parse_byline(line)
            if is_byline:
                return author, line.strip(), index
    return None, None, None


def find_byline(
    paragraphs: Sequence[str], signed: Collection[str] = ()
) -> tuple[str | None, str | None, int | None]:
    """(author, author_raw, index of the byline paragraph) or (None, None, None): the
    byline at the foot of the text, else a labelled one at its head."""
    found = find_tail_byline(paragraphs, signed)
    return found if found[1] is not None else find_head_byline(paragraphs)


# --- bylines in the page ---------------------------------------------------------------


def take_byline_element(root: HtmlElement) -> tuple[str | None, str | None]:
    """(author, byline as printed) from an author element (class author/tac-gia/byline),
    a "Tác giả: ..." line, or a metadata row holding one; the element is taken out."""
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
            in_row = byline_in_segments(text)
            if in_row is not None and parse_date_line(text) is None:
                element.drop_tree()  # a row with a date stays for the date line reader
                return in_row
            continue
        is_byline, author = parse_byline(text)
        if not is_byline and marked and is_person_name(text, min_words=1):
            is_byline, author = True, text
        if is_byline:
            element.drop_tree()
            return author, text
    return None, None
