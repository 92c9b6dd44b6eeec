"""Titles as reports write them, read phrase by phrase over a line's tokens.

A title ("Phó Chủ tịch UBND huyện", "Giám đốc Sở Lao động - Thương binh và Xã
hội") is a run of phrases from :mod:`crawler.extraction.data.titles`: a
position, then the bodies and places that qualify it. A piece ends at the
first word that cannot belong to it (a verb, a lower-case word after a place
name), at punctuation, or where the next person's name begins. A department's
name may run on in lower case ("Ban Chỉ đạo chuyển đổi số huyện") and a place
name may hold a dash ("Bà Rịa - Vũng Tàu").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from crawler.extraction.data.titles import ADMINISTRATIVE_UNITS, TITLE_PHRASES, TITLE_STOP_WORDS
from crawler.extraction.places import gazetteer, name_key
from crawler.textnorm import fold_keep_marks

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|\S")
_APOSTROPHE_RE = re.compile(r"['’]")
_DASHES = ("-", "–", "—")
# A capitalised word inside a department's name may be followed by this many
# lower-case syllables of the same word ("Lao động", "Phát triển nông thôn").
_MAX_CONTINUATION = 3
# What a phrase of each kind lets follow it (see the data module's docstring).
_NEXT_STATE = {"head": "head", "head_dept": "dept", "committee": "place", "dept": "dept",
               "place": "place"}
_TITLE_STARTS = ("head", "head_dept", "link")
# Lower-case words a department's name may still run over to reach its unit word.
_MAX_PLACE_LOOKAHEAD = 4


class Token(NamedTuple):
    """One word, number or punctuation mark of a line, with what the readers ask of it."""

    text: str
    start: int
    end: int
    key: str
    is_word: bool
    capitalised: bool
    name_like: bool


# Phrases keyed by their first word: first word -> [(words, kind)], longest first.
_PhraseTable = dict[str, list[tuple[tuple[str, ...], str]]]


def _phrase_table(entries: Sequence[tuple[str, str]]) -> _PhraseTable:
    """Phrases keyed by their first word, longest first, for greedy matching."""
    table: _PhraseTable = {}
    for phrase, kind in entries:
        words = tuple(fold_keep_marks(phrase).split())
        table.setdefault(words[0], []).append((words, kind))
    for options in table.values():
        options.sort(key=lambda option: len(option[0]), reverse=True)
    return table


_PHRASES = _phrase_table([(phrase, kind) for phrase, kind, _gloss in TITLE_PHRASES])
_STOPS = _phrase_table([(word, "stop") for word, _gloss in TITLE_STOP_WORDS])
_ADMIN_PLACES = _phrase_table([(p, "place") for p, kind, _gloss in TITLE_PHRASES
                               if kind == "place" and p in ADMINISTRATIVE_UNITS])

def tokenize(line: str) -> list[Token]:
    return [Token(match.group(0), match.start(), match.end(), *_word_traits(match.group(0)))
            for match in _TOKEN_RE.finditer(line)]


@lru_cache(maxsize=8192)
def _word_traits(word: str) -> tuple[str, bool, bool, bool]:
    """(key, is_word, capitalised, name_like) of one token; a report reuses its words."""
    is_word = word[0].isalpha()
    capitalised = is_word and word[0].isupper()
    name_like = capitalised and all(
        part[:1].isupper() and (len(part) == 1 or part[1:].islower())
        for part in _APOSTROPHE_RE.split(word)  # "H'Bia", "K'Ré"
    )
    return word_key(word), is_word, capitalised, name_like


@lru_cache(maxsize=8192)
def word_key(word: str) -> str:
    """fold_keep_marks of one word; reports reuse a small vocabulary, so this is cached."""
    return fold_keep_marks(word)


def _match(table: _PhraseTable, tokens: list[Token], index: int,
           limit: int) -> tuple[int, str] | None:
    """(length, kind) of the longest phrase of ``table`` starting at ``index``."""
    for words, kind in table.get(tokens[index].key, ()):
        if index + len(words) <= limit and all(
            tokens[index + k].key == word for k, word in enumerate(words)
        ):
            return len(words), kind
    return None


def _parse_piece(tokens: list[Token], index: int, limit: int,
                 name_starts: frozenset[int]) -> tuple[int, bool]:
    """Where one title piece starting at ``index`` ends, and whether it names a position."""
    state, has_head, j = "head", False, index
    continuation = 0  # lower-case syllables the current word may still take
    plain_capital = False  # the previous word was capitalised and not vocabulary
    lower_run = False  # the previous word continued a department's name in lower case
    after_dept = False  # the previous phrase was a department word ("Ban", "Sở")
    while j < limit and not (j > index and j in name_starts):
        token = tokens[j]
        if not token.is_word:
            if token.text in _DASHES and state == "dept" and _dash_inside_name(
                tokens, j, limit, name_starts
            ):
                j += 1  # "Ban Kinh tế - Xã hội", "Phòng Tài chính-Kế hoạch"
                continue
            joined = _hyphenated_place_end(tokens, j, limit) if state == "place" else None
            if joined is None:
                break
            j = joined  # "Tỉnh ủy Bà Rịa - Vũng Tàu", "thành phố Phan Rang - Tháp Chàm"
            continue
        ahead = None
        if state == "dept" and lower_run and not continuation:
            ahead = _admin_place_ahead(tokens, j, limit, name_starts)
        lower_run = False
        phrase = _match(_PHRASES, tokens, j, limit)
        if phrase and phrase[1] == "dept" and (continuation or after_dept) and (
                not token.capitalised or _lower_word_at(tokens, j + phrase[0], limit)):
            # "Ban Chỉ đạo phòng chống ...", "Ban Chỉ huy Phòng chống thiên tai": a word of
            # the department's name, not a new department ("Sở Nội vụ", "Phòng Tư pháp").
            phrase = None
        after_dept = phrase is not None and phrase[1] == "dept"
        if phrase and not (phrase[1] == "dept_name" and state != "dept"):
            j += phrase[0]
            has_head = has_head or phrase[1] in ("head", "head_dept")
            state, continuation, plain_capital = _NEXT_STATE.get(phrase[1], state), 0, False
        elif state == "dept" and token.key == "và":
            j, continuation, plain_capital = j + 1, 0, False
        elif token.capitalised:
            # Lower-case syllables continue a department's word ("Sở Tài nguyên"), not
            # a run of capitalised names ("Công ty TNHH Minh Phát chia sẻ").
            in_name_run = plain_capital or (j + 1 < limit and tokens[j + 1].capitalised)
            state = "place" if state == "place" else "dept"
            continuation = _MAX_CONTINUATION if state == "dept" and not in_name_run else 0
            j, plain_capital = j + 1, True
        elif continuation and not _match(_STOPS, tokens, j, limit):
            j, continuation, plain_capital, lower_run = j + 1, continuation - 1, False, True
        elif ahead is not None:
            j = ahead  # "Ban Chỉ đạo chuyển đổi số huyện": a long name that ends at a place
        else:
            break
    while j > index and (tokens[j - 1].key == "và" or not tokens[j - 1].is_word):
        j -= 1  # a title does not end on "và" or a dash
    return j, has_head


def _lower_word_at(tokens: list[Token], index: int, limit: int) -> bool:
    return index < limit and tokens[index].is_word and not tokens[index].capitalised


def _admin_place_ahead(tokens: list[Token], index: int, limit: int,
                       name_starts: frozenset[int]) -> int | None:
    """Where an administrative unit word starts a few lower-case words ahead, if one does."""
    for k in range(index, min(limit, index + _MAX_PLACE_LOOKAHEAD + 1)):
        if k in name_starts or not tokens[k].is_word or tokens[k].capitalised:
            return None
        if _match(_ADMIN_PLACES, tokens, k, limit):
            return k
        if _match(_STOPS, tokens, k, limit) or _match(_PHRASES, tokens, k, limit):
            return None
    return None


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Keys of every province and district name, to recognise a name written with a dash."""
    g = gazetteer()
    return frozenset(g.province_keys) | frozenset(g.district_keys)


def _hyphenated_place_end(tokens: list[Token], dash: int, limit: int) -> int | None:
    """End of a place name written with a dash ("Bà Rịa - Vũng Tàu"), or None."""
    first = dash
    while first > 0 and tokens[first - 1].is_word and tokens[first - 1].capitalised:
        first -= 1
    if first == dash:
        return None
    known = _place_keys()
    last = dash + 1
    while last < min(limit, dash + 4) and tokens[last].is_word and tokens[last].capitalised:
        last += 1
    for end in range(last, dash + 1, -1):
        words = [t.text for t in tokens[first:dash]] + [t.text for t in tokens[dash + 1:end]]
        if name_key(" ".join(words)) in known:
            return end
    return None


def _dash_inside_name(tokens: list[Token], index: int, limit: int,
                      name_starts: frozenset[int]) -> bool:
    """A dash inside a department's name, not one that opens the next title or name."""
    if not _spaced(tokens, index):
        return True
    following = index + 1
    if following >= limit or following in name_starts or not tokens[following].capitalised:
        return False
    return not _parse_piece(tokens, following, limit, name_starts)[1]


def _spaced(tokens: list[Token], index: int) -> bool:
    """A dash with space on both sides separates pieces; one without joins words."""
    before = index > 0 and tokens[index - 1].end < tokens[index].start
    after = index + 1 < len(tokens) and tokens[index].end < tokens[index + 1].start
    return before and after


def title_before(tokens: list[Token], first: int, name_starts: frozenset[int]) -> int | None:
    """Index where a title written just before the name starts ("Bí thư Huyện ủy Lê Văn X")."""
    clause = first
    while clause > 0 and (tokens[clause - 1].is_word or
                          (tokens[clause - 1].text in _DASHES and not _spaced(tokens, clause - 1))):
        clause -= 1
    for start in range(clause, first):
        phrase = _match(_PHRASES, tokens, start, first)
        if phrase and phrase[1] in _TITLE_STARTS:
            end, has_head = _parse_piece(tokens, start, first, name_starts)
            if end == first and has_head:
                return start
    return None


def titles_before(tokens: list[Token], start: int, first: int, name_starts: frozenset[int],
                  name_ends: frozenset[int]) -> list[tuple[int, int]]:
    """(start, end) token spans of the titles written before the name at ``first``, in
    reading order.

    ``start`` opens the title right before the name (see :func:`title_before`);
    titles joined to it by commas come first: "Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư
    Huyện ủy, Chủ tịch HĐND huyện Nguyễn Văn A". When that run follows a name
    ("đồng chí B, Chủ tịch UBND huyện, Phó Bí thư Huyện ủy C"), the earlier titles are
    B's, written after B, and only the last one is C's.
    """
    spans = [(start, first)]
    opening = start
    while opening >= 2 and tokens[opening - 1].text == ",":
        earlier = title_before(tokens, opening - 1, name_starts)
        if earlier is None:
            break
        spans.insert(0, (earlier, opening - 1))
        opening = earlier
    if opening > 0 and tokens[opening - 1].text in (",", *_DASHES) and opening - 1 in name_ends:
        return spans[-1:]
    return spans


def titles_after(tokens: list[Token], index: int, line: str,
                  name_starts: frozenset[int]) -> list[str]:
    """Titles after a name: pieces after ',' or ' - ' that each name a position, or
    in brackets ("đồng chí A (Phó Chủ tịch UBND huyện)")."""
    titles: list[str] = []
    if index < len(tokens) and tokens[index].text == "(":
        return _bracketed_titles(tokens, index, line, name_starts)
    while index < len(tokens) and (
        tokens[index].text == "," or (tokens[index].text in _DASHES and _spaced(tokens, index))
    ):
        end, has_head = _parse_piece(tokens, index + 1, len(tokens), name_starts)
        if end == index + 1 or not has_head:
            break
        titles.append(line[tokens[index + 1].start:tokens[end - 1].end])
        index = end
    return titles


def _bracketed_titles(tokens: list[Token], index: int, line: str,
                      name_starts: frozenset[int]) -> list[str]:
    """Titles inside the brackets opening at ``index``, or none if the brackets hold more."""
    titles: list[str] = []
    while index < len(tokens) and tokens[index].text in ("(", ","):
        end, has_head = _parse_piece(tokens, index + 1, len(tokens), name_starts)
        if end == index + 1 or not has_head:
            return []
        titles.append(line[tokens[index + 1].start:tokens[end - 1].end])
        index = end
    return titles if index < len(tokens) and tokens[index].text == ")" else []
