"""Named officials and their titles, as a meeting report writes them.

Reports name officials in a few fixed ways: "đồng chí A, chức vụ, chức vụ;
đồng chí B - chức vụ", lists after "có các đồng chí:", "ông A, chức vụ", a
title before the name ("Bí thư Huyện ủy Lê Văn X phát biểu") and photo
captions of the same shape. A name is 2-5 capitalised syllables, led by a
family name or introduced by "đồng chí"/"ông"/"bà". A title is read phrase by
phrase with the vocabulary of :mod:`crawler.extraction.data.titles` and ends at
the first word that cannot belong to it (a verb, a lower-case word after a
place name), at ';' or '.', or where the next person's name begins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from crawler.extraction.data.titles import (
    NAME_TRIGGERS,
    NOT_OFFICIAL_NAMES,
    PLACE_BEFORE_NAME,
    SURNAMES,
    TITLE_PHRASES,
    TITLE_STOP_WORDS,
)
from crawler.extraction.types import Official
from crawler.textnorm import fold_keep_marks, nfc

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|\S")
_APOSTROPHE_RE = re.compile(r"['’]")
_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s)")
_DASHES = ("-", "–", "—")
# A capitalised word inside a department's name may be followed by this many
# lower-case syllables of the same word ("Lao động", "Phát triển nông thôn").
_MAX_CONTINUATION = 3
# What a phrase of each kind lets follow it (see the data module's docstring).
_NEXT_STATE = {"head": "head", "head_dept": "dept", "committee": "place", "dept": "dept",
               "place": "place"}
_TITLE_STARTS = ("head", "head_dept", "link")
# How far back a name's context is read: a list opened by "các đồng chí:" may
# run over several items; a place word sits right before the name.
_LIST_WINDOW, _PLACE_WINDOW = 400, 40
# Trailing lines shorter than this, without final punctuation, are bylines or chrome.
_BYLINE_MAX_WORDS = 12


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str
    is_word: bool
    capitalised: bool
    name_like: bool


@dataclass(frozen=True)
class _Name:
    first: int  # token index of the first syllable
    end: int  # token index after the last syllable
    text: str
    triggered: bool


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


def _ends_with_any(words: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted((fold_keep_marks(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")\s*$")


_PHRASES = _phrase_table([(phrase, kind) for phrase, kind, _gloss in TITLE_PHRASES])
_STOPS = _phrase_table([(word, "stop") for word, _gloss in TITLE_STOP_WORDS])
_SURNAMES = frozenset(nfc(name) for name, _gloss in SURNAMES)
_NOT_NAMES = frozenset(fold_keep_marks(name) for name, _gloss in NOT_OFFICIAL_NAMES)
# Words of titles and triggers: an unlisted family name is looked for after them.
_VOCABULARY_WORDS = frozenset(
    word
    for phrase in [p for p, _kind, _gloss in TITLE_PHRASES] + [t for t, _gloss in NAME_TRIGGERS]
    for word in fold_keep_marks(phrase).split()
)
_TRIGGERS = "|".join(re.escape(fold_keep_marks(word)) for word, _gloss in NAME_TRIGGERS)
# Cheap test for lines that may hold a name: a family name before a capitalised
# word, or a word that introduces a name.
_MAY_NAME_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _SURNAMES), key=len, reverse=True))
    + rf")\s+[^\W\d_]|(?i:(?<!\w)(?:{_TRIGGERS})(?!\w))"
)
_TRIGGER_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_TRIGGERS})\s*:?\s*$")
# "các đồng chí: A, ...; B, ..." - a list item after ':' or ';' of such a list.
_LIST_ITEM_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_TRIGGERS})(?!\w)[^.!?]*[:;]\s*$")
_INSTITUTION_BEFORE_RE = _ends_with_any([word for word, _gloss in PLACE_BEFORE_NAME])
# A two-syllable run right after a place or committee word is a place name
# ("huyện Hà Trung", "Tỉnh ủy Hà Tĩnh"), not a person.
_PLACE_BEFORE_RE = _ends_with_any(
    [phrase for phrase, kind, _gloss in TITLE_PHRASES if kind in ("place", "committee")]
)


def find_officials(text: str, captions: Sequence[str] = ()) -> list[Official]:
    """Every named official with titles, in order of first mention, merged by name."""
    found: dict[str, Official] = {}
    for chunk in [_without_byline(nfc(text or ""))] + [nfc(c) for c in captions]:
        for line in chunk.split("\n"):
            if not _MAY_NAME_RE.search(line):
                continue  # no family name before a capitalised word, no "đồng chí"/"ông"/"bà"
            for name, titles, evidence in _mentions(line):
                _merge(found, name, titles, evidence)
    return [official for official in found.values() if official.titles]


def _merge(found: dict[str, Official], name: str, titles: list[str], evidence: str) -> None:
    official = found.setdefault(fold_keep_marks(name), Official(name=name))
    known = {fold_keep_marks(title) for title in official.titles}
    for title in titles:
        if fold_keep_marks(title) not in known:
            official.titles.append(title)
            known.add(fold_keep_marks(title))
    if titles and official.evidence is None:
        official.evidence = evidence


def _without_byline(text: str) -> str:
    """The text without its closing byline ("Trần Hằng", "Hồng Hạ (Trung tâm VHTT)")."""
    lines = text.rstrip().split("\n")
    for _ in range(3):
        last = lines[-1].strip() if lines else ""
        if not last or (len(last.split()) <= _BYLINE_MAX_WORDS and last[-1] not in ".!?:;"):
            lines.pop()
            if not lines:
                break
        else:
            break
    return "\n".join(lines)


def _mentions(line: str) -> list[tuple[str, list[str], str]]:
    """(name, titles, sentence) for each name in one paragraph that is an official's."""
    tokens = _tokenize(line)
    names = _names(tokens, line)
    starts = frozenset(name.first for name in names)
    mentions = []
    for name in names:
        before = _title_before(tokens, name.first, starts)
        after = _titles_after(tokens, name.end, line, starts)
        if before is not None and not after and not name.triggered and name.end - name.first < 3:
            continue  # "Tỉnh ủy Hà Tĩnh": short runs after a title are places
        if before is not None or after or name.triggered:
            titles = ([line[tokens[before].start:tokens[name.first - 1].end]] if before is not None
                      else []) + after
            mentions.append((name.text, titles, _sentence_around(line, tokens[name.first].start)))
    return mentions


def _tokenize(line: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(line):
        word = match.group(0)
        is_word = word[0].isalpha()
        capitalised = is_word and word[0].isupper()
        name_like = capitalised and all(
            part[:1].isupper() and (len(part) == 1 or part[1:].islower())
            for part in _APOSTROPHE_RE.split(word)  # "H'Bia", "K'Ré"
        )
        tokens.append(_Token(word, match.start(), match.end(), _word_key(word), is_word,
                             capitalised, name_like))
    return tokens


@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    """fold_keep_marks of one word; reports reuse a small vocabulary, so this is cached."""
    return fold_keep_marks(word)


def _names(tokens: list[_Token], line: str) -> list[_Name]:
    """Personal names: runs of name-like words only spaces apart."""
    names = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and tokens[end].name_like and (
            end == index or _only_spaces_between(line, tokens[end - 1], tokens[end])
        ):
            end += 1
        if end > index:
            name = _name_in_run(tokens, index, end, line)
            if name:
                names.append(name)
            index = end
        else:
            index += 1
    return names


def _only_spaces_between(line: str, left: _Token, right: _Token) -> bool:
    gap = line[left.end:right.start]
    return bool(gap) and not gap.strip(" \t\u00a0")


def _name_in_run(tokens: list[_Token], first: int, end: int, line: str) -> _Name | None:
    """The personal name at the end of a capitalised run, or None."""
    start = next((i for i in range(first, end) if tokens[i].text in _SURNAMES), None)
    if start is None:  # an unlisted family name counts only after "đồng chí", "ông", "bà"
        start = next((i for i in range(first, end) if tokens[i].key not in _VOCABULARY_WORDS),
                     None)
        if start is None or not _is_triggered(line, tokens[start].start):
            return None
    later = [i for i in range(start + 1, end) if tokens[i].text in _SURNAMES and 3 <= end - i <= 4]
    if end - start >= 5 and later:
        start = later[0]  # "Hà Tĩnh Hoàng Trung Dũng": a place name, then the person
    if not 2 <= end - start <= 5:
        return None
    text = line[tokens[start].start:tokens[end - 1].end]
    before = fold_keep_marks(line[max(0, tokens[start].start - _PLACE_WINDOW):tokens[start].start])
    if fold_keep_marks(text) in _NOT_NAMES or _INSTITUTION_BEFORE_RE.search(before):
        return None
    if end - start == 2 and _PLACE_BEFORE_RE.search(before):
        return None
    return _Name(start, end, text, _is_triggered(line, tokens[start].start))


def _is_triggered(line: str, position: int) -> bool:
    before = fold_keep_marks(line[max(0, position - _LIST_WINDOW):position])
    return bool(_TRIGGER_BEFORE_RE.search(before) or _LIST_ITEM_BEFORE_RE.search(before))


def _match(table: _PhraseTable, tokens: list[_Token], index: int,
           limit: int) -> tuple[int, str] | None:
    """(length, kind) of the longest phrase of ``table`` starting at ``index``."""
    for words, kind in table.get(tokens[index].key, ()):
        if index + len(words) <= limit and all(
            tokens[index + k].key == word for k, word in enumerate(words)
        ):
            return len(words), kind
    return None


def _parse_piece(tokens: list[_Token], index: int, limit: int,
                 name_starts: frozenset[int]) -> tuple[int, bool]:
    """Where one title piece starting at ``index`` ends, and whether it names a position."""
    state, has_head, j = "head", False, index
    continuation = 0  # lower-case syllables the current word may still take
    plain_capital = False  # the previous word was capitalised and not vocabulary
    while j < limit and not (j > index and j in name_starts):
        token = tokens[j]
        if not token.is_word:
            if token.text in _DASHES and state == "dept" and _dash_inside_name(
                tokens, j, limit, name_starts
            ):
                j += 1  # "Ban Kinh tế - Xã hội", "Phòng Tài chính-Kế hoạch"
                continue
            break
        phrase = _match(_PHRASES, tokens, j, limit)
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
            j, continuation, plain_capital = j + 1, continuation - 1, False
        else:
            break
    while j > index and (tokens[j - 1].key == "và" or not tokens[j - 1].is_word):
        j -= 1  # a title does not end on "và" or a dash
    return j, has_head


def _dash_inside_name(tokens: list[_Token], index: int, limit: int,
                      name_starts: frozenset[int]) -> bool:
    """A dash inside a department's name, not one that opens the next title or name."""
    if not _spaced(tokens, index):
        return True
    following = index + 1
    if following >= limit or following in name_starts or not tokens[following].capitalised:
        return False
    return not _parse_piece(tokens, following, limit, name_starts)[1]


def _spaced(tokens: list[_Token], index: int) -> bool:
    """A dash with space on both sides separates pieces; one without joins words."""
    before = index > 0 and tokens[index - 1].end < tokens[index].start
    after = index + 1 < len(tokens) and tokens[index].end < tokens[index + 1].start
    return before and after


def _title_before(tokens: list[_Token], first: int, name_starts: frozenset[int]) -> int | None:
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


def _titles_after(tokens: list[_Token], index: int, line: str,
                  name_starts: frozenset[int]) -> list[str]:
    """Titles after a name: pieces after ',' or ' - ' that each name a position."""
    titles: list[str] = []
    while index < len(tokens) and (
        tokens[index].text == "," or (tokens[index].text in _DASHES and _spaced(tokens, index))
    ):
        end, has_head = _parse_piece(tokens, index + 1, len(tokens), name_starts)
        if end == index + 1 or not has_head:
            break
        titles.append(line[tokens[index + 1].start:tokens[end - 1].end])
        index = end
    return titles


def _sentence_around(line: str, position: int) -> str:
    starts = [m.end() for m in _SENTENCE_END_RE.finditer(line, 0, position)]
    end_match = _SENTENCE_END_RE.search(line, position)
    return line[starts[-1] if starts else 0:end_match.end() if end_match else len(line)].strip()
