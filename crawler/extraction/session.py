"""Session number, term number and term period of a meeting report.

"Hội nghị BCH Đảng bộ huyện lần thứ XVI, khóa XXVII, nhiệm kỳ 2020-2025"
gives session 16, term 27, period "2020-2025". Only numbers that belong to the
meeting's own body count: the headline first, then sentences in order, and a
term or period is dropped when the words before it name another level
("Đại hội Đảng bộ tỉnh ... nhiệm kỳ 2020 - 2025" for a district meeting) or
another family of bodies (a Party congress for a People's Council session).

Also holds the text helpers the classifier shares: :func:`match_key` and
:class:`Sentence`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from crawler.extraction.data import cues
from crawler.extraction.numerals import NUMERAL_WORD_PATTERN, parse_numeral
from crawler.extraction.types import Found
from crawler.textnorm import nfc, normalize_tone_placement

# --- Match keys ---------------------------------------------------------------

# Word-final oa/oe/uy written with the mark on the second vowel ("hoà", "Uỷ")
# are rewritten with the mark on the first ("hòa", "Ủy"), two characters for
# two, so that a key stays aligned with the text it was made from.
_SECOND_VOWEL_TONED = "àáảãạèéẻẽẹỳýỷỹỵ"
_TONE_SHIFT: dict[str, str] = {}
for _first in "ou":
    for _second in _SECOND_VOWEL_TONED:
        _decomposed = unicodedata.normalize("NFD", _second)  # base letter + tone mark
        _TONE_SHIFT[_first + _second] = nfc(_first + _decomposed[1]) + _decomposed[0]
_TONE_SHIFT_RE = re.compile(r"(?<!q)[ou][" + _SECOND_VOWEL_TONED + r"](?!\w)")
_KEY_REPLACEMENTS = {
    "\u00d0": "đ", "\u00f0": "đ",  # Icelandic eth, typed for Đ on old sites
    "\t": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
    "\u200a": " ", "\u202f": " ", "\u3000": " ",
}
_KEY_REPLACE_RE = re.compile("[" + "".join(_KEY_REPLACEMENTS) + "]")


def match_key(text: str) -> str:
    """Lower-case, tone-normalised copy of NFC ``text``, aligned char for char.

    Same idea as :func:`crawler.textnorm.fold_keep_marks`, but spaces are not
    collapsed and no character changes length, so a span found in the key is
    the same span in the text.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lower-cases to two characters
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    lowered = _KEY_REPLACE_RE.sub(lambda m: _KEY_REPLACEMENTS[m.group()], lowered)
    return _TONE_SHIFT_RE.sub(lambda m: _TONE_SHIFT[m.group(0)], lowered)


def compile_cues(patterns: tuple[str, ...] | list[str], *, prefix: str = "",
                 suffix: str = "") -> re.Pattern[str]:
    """One regex for a cue list, whole words only, any run of spaces allowed."""
    body = "|".join(normalize_tone_placement(p).replace(" ", " +") for p in patterns)
    return re.compile(prefix + r"(?<!\w)(?:" + body + r")(?!\w)" + suffix)


def cue_patterns(entries: tuple[cues.Cue, ...]) -> tuple[str, ...]:
    return tuple(pattern for pattern, _gloss in entries)


@dataclass(frozen=True)
class Sentence:
    """A sentence as printed (NFC) and its match key."""

    raw: str
    key: str
    is_title: bool = False

    @classmethod
    def of(cls, raw: str, *, is_title: bool = False) -> Sentence:
        text = nfc(raw)
        return cls(text, match_key(text), is_title)


# A sentence ends at . ! ? … (maybe closed by a quote or bracket) before a
# capital letter, a digit or an opening quote.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’)]*\s+(?=[\"“‘(]?[^\W_a-zđ])")
# "TP. Hà Nội", "ThS. Lê", "Đ/c." are abbreviations, not sentence ends.
_ABBREVIATION_RE = re.compile(r"(?<!\w)(?:tp|tx|tt|th\.?s|ts|gs|pgs|bs|đ/c|st|q|p)$",
                              re.IGNORECASE)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of ``text`` (NFC), stripped."""
    return [line.strip() for line in nfc(text).splitlines() if line.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, as printed."""
    sentences: list[str] = []
    start = 0
    for boundary in _SENTENCE_END_RE.finditer(paragraph):
        if _ABBREVIATION_RE.search(paragraph, max(0, boundary.start() - 6), boundary.start()):
            continue
        piece = paragraph[start:boundary.end()].strip()
        if piece:
            sentences.append(piece)
        start = boundary.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


@lru_cache(maxsize=4)
def article_sentences(title: str, text: str) -> tuple[Sentence, ...]:
    """The headline and every sentence of the text, read once for all the finders."""
    return tuple(iter_sentences(title, text))


def iter_sentences(title: str, text: str) -> Iterator[Sentence]:
    """The headline, then every sentence of the text in order."""
    if title.strip():
        yield Sentence.of(title.strip(), is_title=True)
    for paragraph in split_paragraphs(text):
        for sentence in split_sentences(paragraph):
            yield Sentence.of(sentence)


# --- Levels of places named before a number -------------------------------------

_LEVEL_RE = re.compile("|".join(
    f"(?P<{level}>{compile_cues((pattern,)).pattern})" for level, pattern, _g in cues.LEVEL_WORDS
))
_CENTRAL_CITY_RE = compile_cues(cue_patterns(cues.CENTRAL_CITIES), prefix=r"[\s.]*")


def level_of_match(key: str, match: re.Match[str]) -> str:
    """The level a LEVEL_WORDS hit names; a city is a province if centrally run."""
    level = match.lastgroup or ""
    if level != "city":
        return level
    return "province" if _CENTRAL_CITY_RE.match(key, match.end()) else "district"


def level_words(key: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """(position, level) of every level word lying inside ``key[start:end]``.

    The search runs on the whole key so that look-aheads see past ``end``
    ("xã hội" is not "xã").
    """
    stop = len(key) if end is None else end
    found: list[tuple[int, str]] = []
    for match in _LEVEL_RE.finditer(key, start):
        if match.end() > stop:
            break
        found.append((match.start(), level_of_match(key, match)))
    return found


def nearest_level_before(key: str, position: int, window: int = 90) -> str | None:
    found = level_words(key, max(0, position - window), position)
    return found[-1][1] if found else None


# --- Numbers ----------------------------------------------------------------------

_NUM = (r"(?P<num>\d{1,3}(?![\d/.,]\d)|[ivxlc]{1,8}(?!\w)|"
        rf"{NUMERAL_WORD_PATTERN}(?!\w)(?: +{NUMERAL_WORD_PATTERN}(?!\w)){{0,4}})")
_KY_HOP_RE = re.compile(rf"(?<!\w)(?P<lead>kỳ họp(?: +lần)? +thứ) +{_NUM}")
_PHIEN_RE = re.compile(
    r"(?<!\w)(?P<lead>phiên(?: +họp)?(?: +(?:thường kỳ|thường lệ|định kỳ))?(?: +lần)? +thứ)"
    rf" +{_NUM}"
)
_HOI_NGHI_RE = re.compile(rf"(?<!\w)hội nghị(?P<gap>[^.;!?]{{0,100}}?)(?P<lead>lần +thứ) +{_NUM}")
_CONGRESS_RE = re.compile(rf"(?<!\w)đại hội(?P<gap>[^.;!?]{{0,100}}?)(?P<lead>lần +thứ) +{_NUM}")
_KHOA_RE = re.compile(rf"(?<!\w)(?P<lead>khóa) +{_NUM}")
_PERIOD_RE = re.compile(r"(?<!\w)nhiệm kỳ +(?P<a>(?:19|20)\d\d) *[-–—] *(?P<b>(?:19|20)\d\d)(?!\d)")

_WORD_RE = re.compile(r"\S+")
_GAP_STOP_RE = compile_cues(cue_patterns(cues.SESSION_GAP_STOP))
_CONGRESS_GAP_STOP_RE = compile_cues(("hội nghị", *cue_patterns(cues.NEGATIVE_MODIFIERS)))
_NATIONAL_AFTER_RE = re.compile(r"[\s,]*(?:của|khóa \w+ của)? *đảng(?! +bộ| +ủy)(?!\w)")
REFERENCE_BEFORE_RE = compile_cues(cue_patterns(cues.REFERENCE_BEFORE), suffix=r"\s*$")
_MEETING_NOUN_RE = compile_cues(cue_patterns(cues.MEETING_NOUNS))
_HOLDER_WINDOW = 90
_TERM_WORD_RE = re.compile(r"(?<!\w)(?:khóa|lần +thứ)(?!\w)")
_CONGRESS_WORD_RE = re.compile(r"(?<!\w)đại +hội(?!\w)")
# Nouns of a meeting that is not a congress, named between a congress and a term.
_OWN_MEETING_NOUN_RE = compile_cues(("hội nghị", "kỳ họp", "phiên họp", "cuộc họp"))
_OWNER_RE = re.compile("|".join(
    f"(?P<{family}>{compile_cues((pattern,)).pattern})" for family, pattern, _g in cues.TERM_OWNERS
))

_SESSION_PATTERNS: dict[str | None, tuple[re.Pattern[str], ...]] = {
    "council_session": (_KY_HOP_RE,),
    "plenum": (_HOI_NGHI_RE,),
    "regular_meeting": (_PHIEN_RE, _HOI_NGHI_RE),
}
_ALL_SESSION_PATTERNS = (_HOI_NGHI_RE, _KY_HOP_RE, _PHIEN_RE)
# A meeting of a known type other than a council session never takes a "kỳ họp thứ N":
# that is the session it prepares or reviews.
_OTHER_SESSION_PATTERNS = (_HOI_NGHI_RE, _PHIEN_RE)
_PARTY_TYPES = {"plenum", "congress", "self_criticism"}
_FAMILY_OF_BODY = {
    "party_committee": "party", "party_standing_committee": "party", "party_other": "party",
    "peoples_council": "council", "peoples_council_standing": "council",
    "peoples_committee": "council", "fatherland_front": "front",
}


def _number_at(sentence: Sentence, match: re.Match[str], limit: int) -> Found | None:
    """Parse the numeral of a hit; multi-word hits shrink until they parse."""
    words = list(_WORD_RE.finditer(sentence.raw, *match.span("num")))
    while words:
        value = parse_numeral(" ".join(word.group() for word in words))
        if value is not None:
            if not 1 <= value <= limit:
                return None
            raw = sentence.raw[match.start("lead"):words[-1].end()]
            return Found(value=value, raw=raw, evidence=sentence.raw)
        words.pop()
    return None


def _is_reference(key: str, position: int) -> bool:
    return bool(REFERENCE_BEFORE_RE.search(key, max(0, position - 40), position))


def is_numbered_conference(key: str, start: int) -> bool:
    """Whether the "hội nghị" at ``start`` carries a number ("Hội nghị ... lần thứ 12")."""
    match = _HOI_NGHI_RE.match(key, start)
    return match is not None and not _GAP_STOP_RE.search(match.group("gap"))


def find_session_number(title: str, text: str, meeting_type: str | None = None) -> Found | None:
    """'lần thứ XVI' of a plenum, 'kỳ họp thứ Chín', 'phiên họp thường kỳ lần thứ 27'."""
    if meeting_type == "congress":  # a congress number is its term, not a session
        return None
    default = _ALL_SESSION_PATTERNS if meeting_type is None else _OTHER_SESSION_PATTERNS
    patterns = _SESSION_PATTERNS.get(meeting_type, default)
    for sentence in article_sentences(title, text):
        for pattern in patterns:
            for match in pattern.finditer(sentence.key):
                gap = match.groupdict().get("gap")
                if gap is not None and _GAP_STOP_RE.search(gap):
                    continue
                if _is_reference(sentence.key, match.start()):
                    continue
                found = _number_at(sentence, match, limit=200)
                if found is not None:
                    return found
    return None


# --- Terms ------------------------------------------------------------------------

@dataclass(frozen=True)
class _TermContext:
    level: str | None
    family: str | None
    congress: bool = False  # the meeting is itself a congress


def _meeting_family(meeting_type: str | None, body: str | None) -> str | None:
    if body in _FAMILY_OF_BODY:
        return _FAMILY_OF_BODY[body]
    if meeting_type in _PARTY_TYPES:
        return "party"
    if meeting_type == "council_session":
        return "council"
    return None


def _belongs(sentence: Sentence, position: int, context: _TermContext, end: int) -> bool:
    """Whether a term/period at ``position`` is the meeting's own body's."""
    key = sentence.key
    level = nearest_level_before(key, position)
    if _NATIONAL_AFTER_RE.match(key, end):  # "Đại hội lần thứ XIII của Đảng"
        return False
    if level == "national":
        return False
    if level and context.level and level != context.level:
        return False
    owners = list(_OWNER_RE.finditer(key, max(0, position - 90), position))
    owner = owners[-1].lastgroup if owners else None
    if owner and context.family and owner != context.family:
        return False
    if level is None and context.level is not None:
        # An unplaced term counts only where the meeting itself is named.
        return sentence.is_title or bool(_MEETING_NOUN_RE.search(key))
    return True


def _first_term(sentences: list[Sentence], pattern: re.Pattern[str],
                context: _TermContext) -> Found | None:
    for sentence in sentences:
        for match in pattern.finditer(sentence.key):
            gap = match.groupdict().get("gap")
            if gap is not None and _CONGRESS_GAP_STOP_RE.search(gap):
                continue
            if not _belongs(sentence, match.start("lead"), context, match.end()):
                continue
            found = _number_at(sentence, match, limit=60)
            if found is not None:
                return found
    return None


def _names_its_holder(key: str, position: int) -> bool:
    """Whether the words before a "nhiệm kỳ" name a body, a meeting or a term ("khóa XX").

    "HĐND huyện khóa XX, nhiệm kỳ 2021 - 2026" is the council's term; "nhân sự cấp ủy
    nhiệm kỳ 2020 - 2025" or "mục tiêu nhiệm kỳ" speaks of a term, not of who met.
    """
    window = key[max(0, position - _HOLDER_WINDOW):position]
    return bool(_OWNER_RE.search(window) or _TERM_WORD_RE.search(window))


def _other_congress_holds(key: str, position: int, term: Found | None) -> bool:
    """Whether the "nhiệm kỳ" at ``position`` is that of a congress other than the meeting.

    For a meeting that is not a congress, "trình Đại hội Đảng bộ huyện lần thứ XXIV, nhiệm
    kỳ 2025 - 2030" names the next congress's term, not the term of the body that met. The
    congress that elected the body shares its term: its number equals the body's "khóa".
    """
    window_start = max(0, position - _HOLDER_WINDOW)
    congresses = list(_CONGRESS_WORD_RE.finditer(key, window_start, position))
    if not congresses:
        return False
    congress = congresses[-1]
    if _OWN_MEETING_NOUN_RE.search(key, congress.end(), position):
        return False  # "Đại hội ..., Hội nghị BCH khóa mới nhiệm kỳ ...": the meeting is nearer
    numbered = _CONGRESS_RE.match(key, congress.start())
    if numbered is None or numbered.end() > position or term is None:
        return True
    number = parse_numeral(numbered.group("num"))
    return number != term.value


def _first_period(sentences: list[Sentence], context: _TermContext,
                  term: Found | None = None) -> Found | None:
    for sentence in sentences:
        for match in _PERIOD_RE.finditer(sentence.key):
            first, last = int(match.group("a")), int(match.group("b"))
            if last - first not in (4, 5) or not _names_its_holder(sentence.key, match.start()):
                continue
            if not _belongs(sentence, match.start(), context, match.end()):
                continue
            if not context.congress and _other_congress_holds(sentence.key, match.start(), term):
                continue
            return Found(value=f"{first}-{last}", raw=sentence.raw[match.start():match.end()],
                         evidence=sentence.raw)
    return None


def find_term(title: str, text: str, meeting_type: str | None = None,
              level: str | None = None, *, body: str | None = None
              ) -> tuple[Found | None, Found | None]:
    """(term_number, term_period): 'khóa XXVII' -> 27, 'nhiệm kỳ 2020 - 2025' -> '2020-2025'.

    A congress's own number ('Đại hội Đảng bộ huyện lần thứ XXVI') is a term
    number, first choice for a congress and a fallback for other meetings.
    """
    sentences = list(article_sentences(title, text))
    context = _TermContext(level=level, family=_meeting_family(meeting_type, body),
                           congress=meeting_type == "congress")
    order = (_CONGRESS_RE, _KHOA_RE) if meeting_type == "congress" else (_KHOA_RE, _CONGRESS_RE)
    term: Found | None = None
    for pattern in order:
        term = _first_term(sentences, pattern, context)
        if term is not None:
            break
    return term, _first_period(sentences, context, term)
