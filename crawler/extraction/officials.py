"""Named officials and their titles, as a meeting report writes them.

Reports name officials in a few fixed ways: "đồng chí A, chức vụ, chức vụ;
đồng chí B - chức vụ", lists after "có các đồng chí:", "ông A, chức vụ", a
title before the name ("Bí thư Huyện ủy Lê Văn X phát biểu") and photo
captions of the same shape. A name is 2-5 capitalised syllables, led by a
family name or introduced by "đồng chí"/"ông"/"bà". Titles are read by
:mod:`crawler.extraction.titlepieces`. A list of names after a plural title
shares it ("các đồng chí Phó Chủ tịch UBND tỉnh: A, B"). An official's titles
are those written at the first mention that has any.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crawler.extraction.data.titles import (
    LIST_JOINERS,
    NAME_TRIGGERS,
    NOT_OFFICIAL_NAMES,
    PLACE_BEFORE_NAME,
    SURNAMES,
    TITLE_PHRASES,
)
from crawler.extraction.session import match_key
from crawler.extraction.titlepieces import (
    Token,
    title_before,
    titles_after,
    titles_before,
    tokenize,
)
from crawler.extraction.types import Official
from crawler.textnorm import fold_keep_marks, nfc

_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s)")
# How far back a name's context is read: a list opened by "các đồng chí:" may
# run over several items; a place word sits right before the name.
_LIST_WINDOW, _PLACE_WINDOW = 400, 40
_LIST_JOINERS = frozenset(word for word, _gloss in LIST_JOINERS)
# Trailing lines shorter than this, without final punctuation, are bylines or chrome.
_BYLINE_MAX_WORDS = 12


@dataclass(frozen=True)
class _Name:
    first: int  # token index of the first syllable
    end: int  # token index after the last syllable
    text: str
    triggered: bool


def _spaced_escape(phrase: str) -> str:
    """A literal phrase as a regex whose spaces match any run of spaces (match keys keep them)."""
    return re.escape(fold_keep_marks(phrase)).replace(r"\ ", r"\s+")


def _ends_with_any(words: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=lambda w: len(fold_keep_marks(w)), reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(_spaced_escape(w) for w in ordered) + r")\s*$")


_SURNAMES = frozenset(nfc(name) for name, _gloss in SURNAMES)
_NOT_NAMES = frozenset(fold_keep_marks(name) for name, _gloss in NOT_OFFICIAL_NAMES)
# Words of titles and triggers: an unlisted family name is looked for after them.
_VOCABULARY_WORDS = frozenset(
    word
    for phrase in [p for p, _kind, _gloss in TITLE_PHRASES] + [t for t, _gloss in NAME_TRIGGERS]
    for word in fold_keep_marks(phrase).split()
)
_TRIGGERS = "|".join(_spaced_escape(word) for word, _gloss in NAME_TRIGGERS)
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
    if official.titles:
        return  # titles are those written at the first mention that has any
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
    tokens = tokenize(line)
    names = _names(tokens, line, match_key(line))
    starts = frozenset(name.first for name in names)
    ends = {name.end: name for name in names}
    name_ends = frozenset(ends)
    mentions = []
    for name in names:
        before = title_before(tokens, name.first, starts)
        after = titles_after(tokens, name.end, line, starts)
        if before is not None and not after and not name.triggered and name.end - name.first < 3:
            continue  # "Tỉnh ủy Hà Tĩnh": short runs after a title are places
        spans = (
            [] if before is None else titles_before(tokens, before, name.first, starts, name_ends)
        )
        titles = [line[tokens[start].start : tokens[end - 1].end] for start, end in spans] + after
        if not titles:
            titles = _shared_title(tokens, name.first, ends, starts, line)
        if titles or name.triggered:
            mentions.append((name.text, titles, _sentence_around(line, tokens[name.first].start)))
    return mentions


def _shared_title(tokens: list[Token], first: int, ends: dict[int, _Name],
                  name_starts: frozenset[int], line: str) -> list[str]:
    """The title a list of names shares: "các đồng chí Phó Chủ tịch UBND tỉnh: A, B và C"."""
    index = first - 1
    while index >= 0 and tokens[index].text != ":":
        if index + 1 in ends and ends[index + 1].first <= index:
            earlier = ends[index + 1].first
            plural = _plural_title_before(tokens, earlier, name_starts)
            if plural is not None:  # "các đồng chí Phó Chủ tịch UBND huyện A, B"
                return [line[tokens[plural].start:tokens[earlier - 1].end]]
            index = earlier - 1  # an earlier name of the same list
        elif tokens[index].text == "," or tokens[index].key in _LIST_JOINERS:
            index -= 1
        else:
            return []
    if index <= 0:
        return []
    start = title_before(tokens, index, name_starts)
    return [] if start is None else [line[tokens[start].start:tokens[index - 1].end]]


def _plural_title_before(tokens: list[Token], first: int,
                         name_starts: frozenset[int]) -> int | None:
    """Start of a title written before a name and opened by "các (đồng chí)": a shared title."""
    start = title_before(tokens, first, name_starts)
    if start is None:
        return None
    before = [token.key for token in tokens[max(0, start - 3):start]]
    return start if before[-1:] == ["các"] or before[-3:] == ["các", "đồng", "chí"] else None


def _names(tokens: list[Token], line: str, key: str) -> list[_Name]:
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
            name = _name_in_run(tokens, index, end, line, key)
            if name:
                names.append(name)
            index = end
        else:
            index += 1
    return names


def _only_spaces_between(line: str, left: Token, right: Token) -> bool:
    gap = line[left.end:right.start]
    return bool(gap) and not gap.strip(" \t\u00a0")


def _name_in_run(tokens: list[Token], first: int, end: int, line: str,
                 key: str) -> _Name | None:
    """The personal name at the end of a capitalised run, or None.

    ``key`` is the line's match key (lower case, aligned with ``line``) for the
    look-backs at what precedes the name.
    """
    start = next((i for i in range(first, end) if tokens[i].text in _SURNAMES), None)
    if start is None:  # an unlisted family name counts only after "đồng chí", "ông", "bà"
        start = next((i for i in range(first, end) if tokens[i].key not in _VOCABULARY_WORDS),
                     None)
        if start is None or not _is_triggered(key, tokens[start].start):
            return None
    later = [i for i in range(start + 1, end) if tokens[i].text in _SURNAMES and 3 <= end - i <= 4]
    if end - start >= 5 and later:
        start = later[0]  # "Hà Tĩnh Hoàng Trung Dũng": a place name, then the person
    if not 2 <= end - start <= 5:
        return None
    text = line[tokens[start].start:tokens[end - 1].end]
    before = key[max(0, tokens[start].start - _PLACE_WINDOW):tokens[start].start]
    if fold_keep_marks(text) in _NOT_NAMES or _INSTITUTION_BEFORE_RE.search(before):
        return None
    if end - start == 2 and _PLACE_BEFORE_RE.search(before):
        return None
    return _Name(start, end, text, _is_triggered(key, tokens[start].start))


def _is_triggered(key: str, position: int) -> bool:
    before = key[max(0, position - _LIST_WINDOW):position]
    return bool(_TRIGGER_BEFORE_RE.search(before) or _LIST_ITEM_BEFORE_RE.search(before))


def _sentence_around(line: str, position: int) -> str:
    starts = [m.end() for m in _SENTENCE_END_RE.finditer(line, 0, position)]
    end_match = _SENTENCE_END_RE.search(line, position)
    return line[starts[-1] if starts else 0:end_match.end() if end_match else len(line)].strip()
