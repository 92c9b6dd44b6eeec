"""Which body held a meeting: the body a meeting noun names, or the one holding it.

The body is the one named right after the meeting noun ("Hội nghị Ban Chấp
hành Đảng bộ huyện"), else the subject before it ("UBND huyện tổ chức Hội
nghị"), never a person's title ("Bí thư Huyện ủy") or a guest. A congress
named after people who are no listed body ("Đại hội đại biểu các dân tộc
thiểu số") is of body "other", whoever organises it. The level of a body is
the level word written right after it ("Huyện ủy", "HĐND tỉnh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crawler.extraction.data import cues
from crawler.extraction.numerals import NUMERAL_WORD_PATTERN
from crawler.extraction.session import Sentence, compile_cues, cue_patterns, level_words


def _compile(entries: tuple[cues.Cue, ...], **affixes: str) -> re.Pattern[str]:
    return compile_cues(cue_patterns(entries), **affixes)


MEETING_NOUN_RE = _compile(cues.MEETING_NOUNS)
_CHAIRED_RE = _compile(cues.CHAIRED)
_NOT_ACTOR_BEFORE_RE = _compile(cues.PERSON_TITLE_BEFORE + cues.LOCATION_BEFORE, suffix=r"\s*$")
_DOCUMENT_OF_BEFORE_RE = _compile(cues.DOCUMENT_OF_BEFORE)
_BODY_ENUMS = tuple(enum for enum, _pattern, _gloss in cues.BODIES)
_BODY_RE = re.compile("|".join(
    f"(?P<b{index}>{compile_cues((pattern,)).pattern})"
    for index, (_enum, pattern, _gloss) in enumerate(cues.BODIES)
))
# What may stand between a meeting noun and the body it names: "Hội nghị lần
# thứ XVI, Ban Chấp hành ...", "phiên họp thường kỳ tháng 5 của UBND ...".
_NOUN_BODY_GAP_RE = re.compile(
    r"(?:[\s,:()\-–]+|lần|thứ|thường kỳ|thường lệ|định kỳ|lệ kỳ|mở rộng|tháng|quý|năm|của"
    r"|đại biểu|khóa|[0-9]+(?:/[0-9]+)*|[ivxlc]+|" + NUMERAL_WORD_PATTERN + ")*"
)
# The name after "Đại hội (đại biểu)": who holds the congress.
_CONGRESS_NAME_RE = re.compile(r" +(?:đại +biểu +)?(?P<name>\w+(?: +\w+){0,5})")
_CONGRESS_NOT_NAME = frozenset(word for word, _gloss in cues.CONGRESS_NOT_NAME)
_RANK_NAMED, _RANK_SUBJECT, _RANK_AFTER, _RANK_PERSON = range(4)
# A body that is a more specific part of another one.
_REFINES = {"party_standing_committee": "party_committee", "party_other": "party_committee",
            "peoples_council_standing": "peoples_council"}


@dataclass(frozen=True)
class MeetingMention:
    """A meeting noun in a sentence that names an event, not a reference."""

    sentence: Sentence
    start: int
    end: int
    held: bool

    @property
    def noun(self) -> str:
        return self.sentence.key[self.start:self.end]


@dataclass(frozen=True)
class BodyHit:
    sentence: Sentence
    start: int
    end: int
    enum: str
    is_actor: bool  # False when it is a person's title or a place


def is_all_caps(raw: str) -> bool:
    letters = [ch for ch in raw if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


@lru_cache(maxsize=256)
def bodies(sentence: Sentence) -> tuple[BodyHit, ...]:
    key = sentence.key
    hits: list[BodyHit] = []
    for match in _BODY_RE.finditer(key):
        start, end = match.span()
        if hits and not key[hits[-1].end:start].strip():
            # "Ủy ban Kiểm tra Huyện ủy", "Ban Tuyên giáo Tỉnh ủy": one name,
            # the first part says which body it is.
            last = hits[-1]
            hits[-1] = BodyHit(sentence, last.start, end, last.enum, last.is_actor)
            continue
        is_actor = not _NOT_ACTOR_BEFORE_RE.search(key, max(0, start - 30), start)
        enum = _BODY_ENUMS[int((match.lastgroup or "b0")[1:])]
        hits.append(BodyHit(sentence, start, end, enum, is_actor))
    return tuple(hits)


def named_after(mention: MeetingMention, hits: tuple[BodyHit, ...]) -> BodyHit | None:
    """The body named right after the noun: "Hội nghị lần thứ XVI, Ban Chấp hành ..."."""
    key = mention.sentence.key
    after = [hit for hit in hits if hit.start >= mention.end]
    # The gap is narrow enough that a person's title cannot hide in it; only
    # "đại biểu" may ("Đại hội đại biểu Đảng bộ huyện").
    if after and _NOUN_BODY_GAP_RE.fullmatch(key, mention.end, after[0].start):
        return after[0]
    return None


def body_of(mention: MeetingMention) -> tuple[BodyHit, int] | None:
    """The body holding the meeting and how it was found (lower rank = surer)."""
    key = mention.sentence.key
    hits = bodies(mention.sentence)
    named = named_after(mention, hits)
    if named is not None:
        return named, _RANK_NAMED
    if mention.noun.startswith("đại hội"):
        others = _congress_of_others(mention)
        if others is not None:
            return others, _RANK_NAMED
    subjects = [hit for hit in hits if hit.end <= mention.start and hit.is_actor
                and not MEETING_NOUN_RE.search(key, hit.end, mention.start)]
    if subjects:
        return subjects[-1], _RANK_SUBJECT
    for hit in hits:
        if hit.start >= mention.end and hit.is_actor and not _DOCUMENT_OF_BEFORE_RE.search(
                key, max(mention.end, hit.start - 40), hit.start):
            return hit, _RANK_AFTER
    # "Chủ tịch UBND huyện chủ trì hội nghị": the chair's body, as a last resort.
    persons = [hit for hit in hits if not hit.is_actor]
    if persons and _CHAIRED_RE.search(key):
        return persons[0], _RANK_PERSON
    return None


def _congress_of_others(mention: MeetingMention) -> BodyHit | None:
    """A congress named after people who are not one of the listed bodies:
    "Đại hội đại biểu các dân tộc thiểu số huyện", "Đại hội Hội Người cao tuổi".

    Its body is "other", whoever organises it; a bare "Đại hội lần thứ XX" or
    "Đại hội đã bầu ..." names no one and is left to the other rules.
    """
    key, raw = mention.sentence.key, mention.sentence.raw
    match = _CONGRESS_NAME_RE.match(key, mention.end)
    if match is None:
        return None
    start, end = match.span("name")
    first_word = key[start:end].split()[0]
    # A capital opens a name ("Đại hội Hội Người cao tuổi"), except in an all-caps headline.
    named = first_word == "các" or (raw[start:start + 1].isupper() and not is_all_caps(raw))
    if first_word in _CONGRESS_NOT_NAME or not named:
        return None
    levels = level_words(key, start, end)
    end = levels[0][0] if levels else end
    if not key[start:end].strip():
        return None
    return BodyHit(mention.sentence, start, len(key[:end].rstrip()), "other", True)


def body_enum(mention: MeetingMention) -> str | None:
    found = body_of(mention)
    return found[0].enum if found else None


def choose_body(mentions: list[MeetingMention]) -> BodyHit | None:
    """The surest body over the main mentions; on a tie the more specific one
    ("Huyện ủy" in the headline, "Ban Thường vụ Huyện ủy" in the lead)."""
    best: tuple[BodyHit, int] | None = None
    for mention in mentions:
        found = body_of(mention)
        if found is None:
            continue
        if best is None or found[1] < best[1] or (
                found[1] == best[1] and _REFINES.get(found[0].enum) == best[0].enum):
            best = found
    return best[0] if best else None


def body_level(hit: BodyHit) -> str | None:
    key = hit.sentence.key
    for position, level in level_words(key, hit.start, min(len(key), hit.end + 20)):
        if position > hit.end and key[hit.end:position].strip(" ,"):
            break
        return level
    return None


def same_body_level(hit: BodyHit) -> str | None:
    """Level of a later mention of the same body: "Ban Thường vụ ... Ban Thường vụ Huyện ủy"."""
    for other in bodies(hit.sentence):
        if other.enum == hit.enum and other.start > hit.start:
            level = body_level(other)
            if level not in (None, "national"):
                return level
    return None
