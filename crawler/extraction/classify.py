"""Is an article a meeting report, and which body, level and kind of meeting?

The headline and the lead (first two prose paragraphs) decide; the body text
only supports. In each sentence the first *event* counts: a meeting noun
("hội nghị", "kỳ họp", "phiên họp", "đại hội", "họp") that is not a reference
to another meeting ("Nghị quyết Đại hội ...", "trình kỳ họp"), or a
non-meeting event (a working visit, supervision, voter meeting, ceremony,
training, notice, digest...). "Bí thư Tỉnh ủy làm việc với Ban Thường vụ
Huyện ủy" is a visit even though a Party body is named.

The body is the one named right after the meeting noun ("Hội nghị Ban Chấp
hành Đảng bộ huyện"), else the subject before it ("UBND huyện tổ chức Hội
nghị"), never a person's title ("Bí thư Huyện ủy") or a guest. A congress
named after people who are no listed body ("Đại hội đại biểu các dân tộc
thiểu số") is of body "other", whoever organises it.

The words right after the noun set the kind: a briefing verb opening the
agenda ("hội nghị triển khai hướng dẫn kiểm điểm") makes a briefing whatever it
is about; a sitting called to prepare something ("phiên họp chuẩn bị kỳ họp")
is not a regular sitting unless it says so ("phiên họp thường kỳ"). A page
whose text lists headlines or documents (:mod:`crawler.extraction.listing`)
reports no meeting.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.extraction.data import cues
from crawler.extraction.listing import looks_like_listing
from crawler.extraction.meetingbody import (
    MEETING_NOUN_RE,
    MeetingMention,
    bodies,
    body_enum,
    body_level,
    body_of,
    choose_body,
    is_all_caps,
    named_after,
    same_body_level,
)
from crawler.extraction.session import (
    REFERENCE_BEFORE_RE,
    Sentence,
    compile_cues,
    cue_patterns,
    is_numbered_conference,
    level_words,
    match_key,
    split_paragraphs,
    split_sentences,
)
from crawler.textnorm import fold


@dataclass
class Classification:
    is_meeting_report: bool
    level: str | None  # "province" | "district" | "commune" | None
    body: str | None  # SCHEMA body enum or None
    meeting_type: str | None  # SCHEMA meeting_type enum or None
    score: float  # confidence in is_meeting_report, 0..1
    evidence: dict[str, str] = field(default_factory=dict)  # field -> deciding sentence


def _compile(entries: tuple[cues.Cue, ...], **affixes: str) -> re.Pattern[str]:
    return compile_cues(cue_patterns(entries), **affixes)


_REFERENCE_AFTER_RE = _compile(cues.REFERENCE_AFTER, prefix=r"\s+")
_NEGATIVE_MODIFIER_RE = _compile(cues.NEGATIVE_MODIFIERS, prefix=r"\s+(?:\S+\s+){0,2}?")
_NEGATIVE_EVENT_RE = _compile(cues.NEGATIVE_EVENTS)
_DOCUMENT_HEADLINE_RE = _compile(cues.DOCUMENT_HEADLINE_START, prefix=r"[\W\d_]*")
_HELD_BEFORE_RE = _compile(cues.HELD_BEFORE, suffix=r"(?:\s+\S+){0,2}\s*$")
_HELD_AFTER_RE = _compile(cues.HELD_AFTER, prefix=r"[^.;!?]{0,120}?")
_SUPPORT_RE = _compile(cues.SUPPORT_PHRASES)
_CONGRESS_NAMED_RE = _compile(cues.CONGRESS_NAMED_AFTER)
_EXECUTIVE_COMMITTEE_RE = re.compile(r"ban +chấp +hành|bch")
_SELF_CRITICISM_RE = _compile(cues.SELF_CRITICISM)
_REGULAR_RE = _compile(cues.REGULAR_MEETING)
_SITTING_RE = _compile(cues.SITTING)
_PREPARATION_RE = _compile(cues.PREPARATION_AFTER, prefix=r"\s+")
_REVIEW_RE = _compile(cues.REVIEW_CONFERENCE)
_BRIEFING_STRONG_RE = _compile(cues.BRIEFING_STRONG)
_BRIEFING_WEAK_RE = _compile(cues.BRIEFING_WEAK)
_PERSON_TITLE_RE = _compile(cues.PERSON_TITLE_BEFORE)
_GENERIC_BEFORE_RE = _compile(cues.LEVEL_GENERIC_BEFORE, suffix=r"[\s,]*$")
_CONGRESS_NOUNS = ("đại hội", "phiên trù bị")
_BRIEFING_GAP_CHARS = 40  # a briefing verb opening an agenda starts this close to the noun
_STRUCTURAL_TYPES = ("congress", "council_session", "plenum")
_DISTRICT_SOURCES = ("district_portal", "district_party_site")
_THRESHOLD = 1.45  # points at which a report is as likely as not
_DEFAULT_BODY = {"council_session": "peoples_council", "plenum": "party_committee"}


@dataclass(frozen=True)
class _Event:
    position: int
    sentence: Sentence
    mention: MeetingMention | None  # None for a non-meeting event


def _is_held(key: str, start: int, end: int) -> bool:
    return bool(_HELD_BEFORE_RE.search(key, max(0, start - 40), start)
                or _HELD_AFTER_RE.match(key, end))


def _ends_place_name(raw: str, start: int) -> bool:
    """Whether a capitalised "Kỳ" at ``start`` ends a name ("Tân Kỳ", "Nghĩa Kỳ")."""
    before = raw[:start].rstrip()
    if not raw[start:start + 1].isupper() or not before or not before[-1].isalpha():
        return False
    if is_all_caps(raw):  # an all-caps headline
        return False
    return before.split()[-1][:1].isupper()


@lru_cache(maxsize=256)
def _events(sentence: Sentence) -> tuple[_Event, ...]:
    key = sentence.key
    events: list[_Event] = []
    if sentence.is_title and _DOCUMENT_HEADLINE_RE.match(key):
        events.append(_Event(0, sentence, None))
    events.extend(_Event(m.start(), sentence, None) for m in _NEGATIVE_EVENT_RE.finditer(key))
    for match in MEETING_NOUN_RE.finditer(key):
        start, end = match.span()
        if match.group().startswith("kỳ") and _ends_place_name(sentence.raw, start):
            start = key.index("họp", start)  # "Tân Kỳ họp": a place, then the verb
        if REFERENCE_BEFORE_RE.search(key, max(0, start - 40), start):
            continue
        if _REFERENCE_AFTER_RE.match(key, end):
            continue
        if _NEGATIVE_MODIFIER_RE.match(key, end):
            events.append(_Event(start, sentence, None))
            continue
        held = _is_held(key, start, end)
        # A congress named in running text is usually a past one ("Đại hội ...
        # đã đề ra"): it is an event when held, or in a headline that names it.
        if match.group().startswith(_CONGRESS_NOUNS) and not (held or (
                sentence.is_title and _CONGRESS_NAMED_RE.search(key, end))):
            continue
        events.append(_Event(start, sentence, MeetingMention(sentence, start, end, held)))
    events.sort(key=lambda event: event.position)
    return tuple(events)


def _in_person_title(key: str, position: int) -> bool:
    """Whether the clause up to ``position`` is a person's title ("Giám đốc Sở ... tỉnh")."""
    clause_start = max(key.rfind(mark, 0, position) for mark in ",;:-–(") + 1
    titles = list(_PERSON_TITLE_RE.finditer(key, clause_start, position))
    # "Chủ tịch UBND tỉnh dự hội nghị ... của huyện": the title ends before the meeting.
    return bool(titles) and not MEETING_NOUN_RE.search(key, titles[-1].end(), position)


def _sentence_level(mention: MeetingMention) -> str | None:
    """A level word near the meeting noun; not "các xã", "cấp tỉnh" or a guest's title."""
    key = mention.sentence.key
    after = level_words(key, mention.start, min(len(key), mention.end + 120))
    before = level_words(key, max(0, mention.start - 60), mention.start)[::-1]
    for position, level in after + before:
        if level == "national" or _GENERIC_BEFORE_RE.search(key, max(0, position - 12), position):
            continue
        if _in_person_title(key, position):
            continue
        return level
    return None


def _meeting_type(mention: MeetingMention, body: str | None) -> str:
    key, start, noun = mention.sentence.key, mention.start, mention.noun
    if noun.startswith(_CONGRESS_NOUNS):
        return "congress"
    if noun.startswith("kỳ họp"):
        return "council_session"
    self_criticism = _SELF_CRITICISM_RE.search(key, start, start + 120)
    if self_criticism and _briefs_first(key, mention.end, self_criticism.start()):
        self_criticism = None  # "hội nghị triển khai hướng dẫn kiểm điểm ...": a briefing
    if noun.startswith("hội nghị"):
        named = named_after(mention, bodies(mention.sentence))
        numbered = is_numbered_conference(key, start)
        # "Hội nghị Ban Chấp hành ...": a plenum of the Party (or of a mass
        # organisation's executive committee).
        plenum_named = named is not None and (
            named.enum == "party_committee"
            or bool(_EXECUTIVE_COMMITTEE_RE.match(key, named.start)))
        if (numbered and body == "party_committee") or plenum_named:
            return "self_criticism" if self_criticism and not numbered else "plenum"
    if self_criticism:
        return "self_criticism"
    if _REGULAR_RE.search(key, start, start + 60):
        return "regular_meeting"
    if _PREPARATION_RE.match(key, mention.end):
        return "other_meeting"  # a sitting called to prepare a session or a congress
    if _SITTING_RE.search(key, start, start + 60):
        return "regular_meeting"
    if _briefs_first(key, mention.end, len(key)):
        # The agenda opens with "quán triệt", "triển khai": a review it names is its topic.
        return "briefing"
    review = _REVIEW_RE.search(key, start)
    briefing = _BRIEFING_STRONG_RE.search(key, start)
    if review and (briefing is None or review.start() < briefing.start()):
        return "review_conference"
    if briefing or _BRIEFING_WEAK_RE.search(key, start):
        return "briefing"
    return "other_meeting"


def _briefs_first(key: str, noun_end: int, agenda_start: int) -> bool:
    """Whether a briefing verb opens the agenda right after the noun, before ``agenda_start``."""
    window_end = min(agenda_start, noun_end + _BRIEFING_GAP_CHARS)
    for regex in (_BRIEFING_STRONG_RE, _BRIEFING_WEAK_RE):
        found = regex.search(key, noun_end, window_end)
        # "hội nghị triển khai", "hội nghị trực tuyến quán triệt": at most two words between.
        if found and len(key[noun_end:found.start()].split()) <= 2:
            return True
    return False


def _lead_and_rest(title: str, paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """First two prose paragraphs after the headline, and the paragraphs after it."""
    start = 0
    title_fold = fold(title)
    if len(title_fold) >= 15:
        for index, paragraph in enumerate(paragraphs[:15]):
            # The headline line itself (maybe with a date glued to it), not a
            # lead sentence that happens to repeat the headline's words.
            if len(paragraph) > len(title) + 60:
                continue  # folding keeps lengths close; a long paragraph cannot be it
            paragraph_fold = fold(paragraph)
            position = paragraph_fold.find(title_fold)
            extra = len(paragraph_fold) - len(title_fold) - position
            if 0 <= position <= 20 and extra <= 40:
                start = index + 1
                break
    body = paragraphs[start:]
    lead_indexes: list[int] = []
    for index, paragraph in enumerate(body):
        if _is_prose(paragraph):
            lead_indexes.append(index)
            if len(lead_indexes) == 2:
                break
    lead = [body[i] for i in lead_indexes]
    rest = [paragraph for i, paragraph in enumerate(body) if i not in lead_indexes]
    return lead, rest


def _is_prose(paragraph: str) -> bool:
    """A paragraph of running text: long enough, not an all-caps slogan or a caption."""
    if len(paragraph) < 40 or paragraph == paragraph.upper():
        return False
    return paragraph.rstrip("\"”)’").endswith((".", "!", "?", "…")) or len(paragraph) >= 150


def _first_event(sentences: list[Sentence]) -> _Event | None:
    for sentence in sentences:
        events = _events(sentence)
        if events:
            return events[0]
    return None


def _best_lead_mention(sentences: list[Sentence]) -> MeetingMention | None:
    mentions = [e.mention for s in sentences for e in _events(s) if e.mention is not None]
    held = [m for m in mentions if m.held]
    return (held or mentions)[0] if mentions else None


def _names_meeting_agenda(headline: Sentence | None) -> bool:
    """A headline without a meeting noun that still names one's agenda ("... tổng kết năm")."""
    if headline is None:
        return False
    key = headline.key
    return any(regex.search(key) for regex in (_REVIEW_RE, _SELF_CRITICISM_RE,
                                               _BRIEFING_STRONG_RE, _REGULAR_RE))


def _points(headline: _Event | None, lead: _Event | None, lead_mention: MeetingMention | None,
            support: int, agenda_headline: bool) -> float:
    points = 0.0
    if headline is not None:
        points += 2.0 if headline.mention is not None else -3.0
    if lead is not None and lead.mention is not None:
        strong = lead_mention is not None and (lead_mention.held or body_of(lead_mention))
        points += 1.5 if strong else 1.0
        if headline is None and agenda_headline:
            points += 0.5
    elif lead is not None:
        points -= 2.0 if headline is None else 0.7
    return points + min(1.0, 0.3 * support)


def classify(title: str, text: str, *, source_kind: str | None = None) -> Classification:
    """Classify one article; see the module docstring for the rules."""
    paragraphs = split_paragraphs(text)
    headline = Sentence.of(title, is_title=True) if title.strip() else None
    lead, rest = _lead_and_rest(title, paragraphs)
    lead_sentences = [Sentence.of(s) for paragraph in lead for s in split_sentences(paragraph)]
    headline_event = _first_event([headline]) if headline else None
    lead_event = _first_event(lead_sentences)
    lead_mention = _best_lead_mention(lead_sentences)
    support = sum(len(_SUPPORT_RE.findall(match_key(p))) for p in rest)
    points = _points(headline_event, lead_event, lead_mention, support,
                     _names_meeting_agenda(headline))
    if looks_like_listing(paragraphs):
        points -= 5.0
    score = round(1.0 / (1.0 + math.exp(-1.5 * (points - _THRESHOLD))), 3)
    deciding = headline_event or lead_event
    evidence = {"is_meeting_report": deciding.sentence.raw} if deciding else {}
    if score < 0.5:
        return Classification(False, None, None, None, score, evidence)
    mentions = [m for m in (headline_event and headline_event.mention, lead_mention) if m]
    if not mentions:
        return Classification(False, None, None, None, score, evidence)
    return _describe(mentions, score, evidence, source_kind)


def _describe(mentions: list[MeetingMention], score: float, evidence: dict[str, str],
              source_kind: str | None) -> Classification:
    """Body, level and meeting type of a meeting report from its main mentions."""
    typed = [(m, _meeting_type(m, body_enum(m))) for m in mentions]
    structural = [pair for pair in typed if pair[1] in _STRUCTURAL_TYPES]
    specific = [pair for pair in typed if pair[1] != "other_meeting"]
    deciding, meeting_type = (structural or specific or typed)[0]
    evidence["meeting_type"] = deciding.sentence.raw
    ordered = [deciding] + [m for m in mentions if m is not deciding]
    hit = choose_body(ordered)
    body = hit.enum if hit else _DEFAULT_BODY.get(meeting_type)
    level = (body_level(hit) or same_body_level(hit)) if hit else None
    if hit:
        evidence["body"] = hit.sentence.raw
    if level == "national":  # Chính phủ, Quốc hội: no local level
        return Classification(True, None, body, meeting_type, score, evidence)
    if level is not None and hit is not None:
        evidence["level"] = hit.sentence.raw
    for mention in ordered:
        if level is None:
            level = _sentence_level(mention)
            if level is not None:
                evidence["level"] = mention.sentence.raw
    if level is None and source_kind in _DISTRICT_SOURCES:
        level = "district"
    return Classification(True, level, body, meeting_type, score, evidence)


