"""Dates as Vietnamese pages print them. Always day-first, local time (Asia/Ho_Chi_Minh).

``parse_date_line`` reads a publication date line ("Đăng lúc: 13/12/2022
(GMT+7)", "Thứ ba, 07/02/2023", "Cập nhật, 10:20, Thứ Sáu, 01/07/2022",
"21:29 , 09/09/2022", "Thứ 4, 22.07.2020 | 08:13:00", "02-03-2020 10:50",
"2022-12-13T08:00:00+07:00"). ``date_from_url`` reads the dates CMSs put in
article paths. ``find_meeting_date`` finds the day a reported meeting was held.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from crawler.extraction.types import Found
from crawler.textnorm import fold_keep_marks, nfc

# Vietnam has kept UTC+7 without daylight saving since 1975.
LOCAL_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
YEAR_RANGE = range(1990, 2101)

# dd/mm/yyyy with "/", "-" or "." between the parts; a year of 4 digits.
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
# ISO dates from meta tags and JSON-LD: 2022-12-13T08:00:00+07:00.
_ISO_DATE = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+\-]\d{2}:?\d{2})?)?(?!\d)"
)
# "ngày 13 tháng 12 năm 2022"
_WORDED_DATE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE
)
# SharePoint portals: /portal/Pages/2021-5-7/<slug>.aspx (parts not zero-padded).
_URL_DAY = re.compile(r"/(\d{4})-(\d{1,2})-(\d{1,2})(?=/)")
# WordPress-like paths: /2021/05/07/<slug>.
_URL_SLASHED_DAY = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?=/)")
# Provincial papers: /chinh-tri/202211/<slug>-123/ (year and month only).
_URL_MONTH = re.compile(r"/(\d{4})(\d{2})(?=/)")


def make_iso(year: int, month: int, day: int) -> str | None:
    """ISO date string, or None when the parts do not form a real date."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def make_iso_month(year: int, month: int) -> str | None:
    """"YYYY-MM" for a date known only to the month, or None when invalid."""
    if year in YEAR_RANGE and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}"
    return None


def parse_date_line(line: str) -> Found | None:
    """The first real day-first date in ``line`` as ISO, with the raw match."""
    for pattern in (_FULL_DATE, _WORDED_DATE):
        for match in pattern.finditer(line):
            day, month, year = (int(g) for g in match.groups())
            iso = make_iso(year, month, day)
            if iso and year in YEAR_RANGE:
                return Found(value=iso, raw=match.group(0), evidence=line.strip())
    for match in _ISO_DATE.finditer(line):
        iso = _iso_match_local_date(match)
        if iso:
            return Found(value=iso, raw=match.group(0), evidence=line.strip())
    return None


def _iso_match_local_date(match: re.Match[str]) -> str | None:
    """The local calendar date of an ISO timestamp; an offset other than +07:00 is converted."""
    year, month, day = (int(g) for g in match.groups()[:3])
    if year not in YEAR_RANGE or not make_iso(year, month, day):
        return None
    hour, minute, second, offset = match.group(4, 5, 6, 7)
    if hour is None or offset is None:
        return make_iso(year, month, day)
    if offset == "Z":
        zone = UTC
    else:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        stamp = datetime(year, month, day, int(hour), int(minute), int(second or 0), tzinfo=zone)
    except ValueError:
        return make_iso(year, month, day)
    return stamp.astimezone(LOCAL_TZ).date().isoformat()


def date_from_url(url: str) -> Found | None:
    """A date carried by an article URL path: a day ("2021-05-07") or a month ("2022-11")."""
    path = re.split(r"[?#]", url, maxsplit=1)[0]
    for pattern in (_URL_DAY, _URL_SLASHED_DAY):
        for match in pattern.finditer(path):
            year, month, day = (int(g) for g in match.groups())
            iso = make_iso(year, month, day)
            if iso and year in YEAR_RANGE:
                return Found(value=iso, raw=match.group(0).strip("/"), evidence=url)
    for match in _URL_MONTH.finditer(path):
        iso_month = make_iso_month(int(match.group(1)), int(match.group(2)))
        if iso_month:
            return Found(value=iso_month, raw=match.group(0).strip("/"), evidence=url)
    return None



# ---------------------------------------------------------------------------
# The meeting date in a report's lead.
#
# Reports open with the event: "Sáng ngày 07/2, UBND huyện tổ chức Hội nghị",
# "Ngày 29-6, Ban Chấp hành ... tổ chức hội nghị", "... được tổ chức ngày 25/12".
# In-body dates usually lack the year, which then comes from the publication
# date. Dates of documents ("Chỉ thị số 19-CT/TW ngày 18/11/2022"), deadlines
# ("trước ngày 30/6") and work periods ("công tác tháng 01/2023") are not it.

# Only the opening of an article states when its meeting took place.
LEAD_CHARS = 2500

# Words that open an event date; a year-less "dd/mm" counts only after one of
# them, so that ratios such as "14/12 xã" are never read as dates.
_TIME_OF_DAY = (
    ("rạng sáng", "early morning"),
    ("sáng", "morning"),
    ("trưa", "noon"),
    ("chiều", "afternoon"),
    ("tối", "evening"),
    ("đêm", "night"),
)
_RELATIVE_DAY = (("hôm nay", "today"), ("hôm qua", "yesterday"), ("nay", "today"),
                 ("qua", "yesterday"), ("mai", "tomorrow"))
_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"  # Monday..Saturday, Sunday

# Words saying that a sentence reports the meeting being held (fold_keep_marks form).
MEETING_WORDS = (
    ("tổ chức", "holds / organises"),
    ("diễn ra", "takes place"),
    ("khai mạc", "opens"),
    ("bế mạc", "closes"),
    ("họp", "meets / meeting"),
    ("hội nghị", "conference"),
    ("kỳ họp", "session"),
    ("kì họp", "session (variant spelling)"),
    ("đại hội", "congress"),
    ("phiên họp", "sitting"),
    ("triệu tập", "convenes"),
    ("hội thảo", "workshop"),
    ("tọa đàm", "round table"),
)
# Words before a date that make it a deadline or the end of a period.
_DEADLINE_WORDS = (
    ("trước", "before"), ("đến", "until"), ("tới", "until"), ("hết", "through"),
    ("sau", "after"), ("chậm nhất", "at the latest"), ("hạn", "deadline"),
    ("kể từ", "since"), ("tính đến", "as of"), ("tính từ", "counting from"),
)
# Words that name a document, whose date follows its number.
_DOCUMENT_WORDS = (
    ("chỉ thị", "directive"), ("nghị quyết", "resolution"), ("quyết định", "decision"),
    ("thông báo", "notice"), ("công văn", "official letter"), ("kết luận", "conclusion"),
    ("hướng dẫn", "guidance"), ("nghị định", "decree"), ("thông tư", "circular"),
    ("quy định", "regulation"), ("tờ trình", "submission"), ("văn bản", "document"),
    ("luật", "law"), ("đề án", "scheme"),
)
# Words before "tháng M/YYYY" that make it the time of the event, not a work period.
_MONTH_LEAD_IN = (("vào", "in"), ("trong", "during"), ("cuối", "late"), ("đầu", "early"),
                  ("giữa", "mid"))


def _alternation(pairs: tuple[tuple[str, str], ...]) -> str:
    words = sorted((word for word, _gloss in pairs), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)


# The words before a date's digits: "Sáng ngày ", "Chiều nay (", "Thứ Ba, ngày ".
# Read backwards from the digits, so the date patterns only start at digits.
_PREFIX_RE = re.compile(
    rf"(?:(?<!\w)(?:{_alternation(_TIME_OF_DAY)})(?:\s+(?:{_alternation(_RELATIVE_DAY)}))?"
    rf"(?!\w)[\s,(]*)?(?:(?<!\w)(?:{_WEEKDAY})(?!\w)[\s,(]*)?"
    r"(?P<ngay>(?<!\w)ngày(?!\w)[\s,(]*)?$",
    re.IGNORECASE,
)
_PREFIX_WINDOW = 40  # characters; the longest prefix is "rạng sáng hôm nay, thứ bảy, ngày "
# "13/12/2022", "07/2", "10.1", "29-6", "22-5-2020"
_DAY_MONTH_RE = re.compile(
    r"(?<![\d.,/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![/.\-]?\d)"
)
# After "ngày": "21 và 22-5-2020", "14, 15/7", "8 đến ngày 10/12/2021" (the first day).
_DAY_RANGE_RE = re.compile(
    r"(?<![\d.,/])(?P<d>\d{1,2})\s*(?:,|và|-|–|đến|tới)\s*(?:ngày\s+)?\d{1,2}\s*"
    r"(?P<sep>[/.\-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>\d{4}))?(?![/.\-]?\d)",
    re.IGNORECASE,
)
# After "ngày": "13 tháng 12 năm 2022", "7 tháng 2".
_WORDED_DAY_RE = re.compile(
    r"(?<![\d.,/])(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm\s+|,\s*)(?P<y>\d{4}))?(?!\d)",
    re.IGNORECASE,
)
# "tháng 12 năm 2022", "tháng 12/2022": a date known to the month only.
_MONTH_ONLY_RE = re.compile(
    r"(?<!\w)tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|/|-)\s*(?P<y>\d{4})(?!\d)", re.IGNORECASE
)
# (pattern, needs "ngày" before it); earlier patterns win where matches overlap.
_DATE_PATTERNS = ((_DAY_RANGE_RE, True), (_WORDED_DAY_RE, True), (_DAY_MONTH_RE, False),
                  (_MONTH_ONLY_RE, False))
_BEFORE_WINDOW = 80  # characters read before a date for document numbers and deadlines
_MEETING_RE = re.compile(rf"(?<!\w)(?:{_alternation(MEETING_WORDS)})(?!\w)")
_DEADLINE_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_alternation(_DEADLINE_WORDS)})\s*$")
_DOCUMENT_BEFORE_RE = re.compile(
    r"(?:(?<!\w)số\s*\d[\w./\-]*|(?<!\w)\d+[\w.]*[/\-][^\W\d_][\w./\-]*"
    rf"|(?<!\w)(?:{_alternation(_DOCUMENT_WORDS)}))\s*,?\s*$"
)
# Words before a date that make it the last day of the meeting ("đã bế mạc chiều 13/7").
_CLOSING_WORDS = (("bế mạc", "closed"), ("kết thúc", "ended"), ("bế giảng", "closed (course)"))
_CLOSING_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:{_alternation(_CLOSING_WORDS)})(?:\s+(?:vào|trong|hôm))?[\s,(]*$"
)
# A meeting lasts a few days: an opening this much earlier than its close is the same meeting.
_MAX_MEETING_DAYS = 10
# "Sau 3 ngày làm việc", "sau 2,5 ngày làm việc": how long a closing meeting lasted.
_DURATION_RE = re.compile(
    r"(?<!\w)sau\s+(?P<n>\d{1,2}(?:[,.]5)?)\s+ngày\s+(?:làm\s+việc|họp)", re.IGNORECASE
)
_MONTH_LEAD_IN_RE = re.compile(rf"(?:^|(?<!\w)(?:{_alternation(_MONTH_LEAD_IN)}))\s*$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+|\n+")
_YEAR_RANGE_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d)")
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_PUBLISHED_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")

# Candidate tiers, best first: a day in a sentence that reports the meeting,
# then a month in such a sentence, then a day introduced by "ngày"/"Sáng"
# anywhere in the lead. Headline dates rank after the lead's.
_TIER_MEETING_DAY, _TIER_MEETING_MONTH, _TIER_PREFIXED_DAY = 0, 1, 2
_TITLE_TIER_OFFSET = 10


@dataclass(frozen=True)
class _DateMention:
    tier: int
    raw: str
    sentence: str
    day: int | None
    month: int
    year: int | None
    closing: bool = False  # the day the meeting closed, not the day it opened


def find_meeting_date(title: str, text: str, published: str | None) -> Found | None:
    """The day the reported meeting was held (its first day), ISO, or "YYYY-MM".

    A year-less date takes its year from ``published`` and is never later than
    it; without ``published`` it takes the one year the lead names, if only one.
    A report that leads with the closing day ("đã bế mạc chiều 13/7") gives the
    opening day it also names, else the closing day less the length it states
    ("Sau 3 ngày làm việc").
    """
    title, lead = nfc(title or ""), nfc((text or "")[:LEAD_CHARS])
    mentions = [m for s in _sentences(lead) for m in _mentions_in(s, in_title=False)]
    mentions += [m for s in _sentences(title) for m in _mentions_in(s, in_title=True)]
    lead_year = _single_year(f"{title}\n{lead}")
    resolved = [(m, v) for m in sorted(mentions, key=lambda m: m.tier)  # stable: text order
                if (v := _resolve(m, published, lead_year))]
    if not resolved:
        return None
    mention, value = resolved[0]
    if mention.closing:
        mention, value = _opening_before(mention, value, resolved)
    return Found(value=value, raw=mention.raw, evidence=mention.sentence)


def _opening_before(closing: _DateMention, closed: str,
                    resolved: list[tuple[_DateMention, str]]) -> tuple[_DateMention, str]:
    """A report that leads with the closing day: the opening day it names, if any, wins."""
    if len(closed) != 10:
        return closing, closed
    last = date.fromisoformat(closed)
    for mention, value in resolved:
        if mention.tier % _TITLE_TIER_OFFSET != _TIER_MEETING_DAY or mention.closing or len(
                value) != 10:
            continue
        if 0 < (last - date.fromisoformat(value)).days <= _MAX_MEETING_DAYS:
            return mention, value
    duration = _DURATION_RE.search(closing.sentence)
    if duration:
        days = math.ceil(float(duration.group("n").replace(",", ".")))
        if 1 <= days <= _MAX_MEETING_DAYS:
            return closing, (last - timedelta(days=days - 1)).isoformat()
    return closing, closed


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END_RE.split(text) if s and s.strip()]


def _mentions_in(sentence: str, in_title: bool) -> list[_DateMention]:
    """Date mentions of one sentence that may be the meeting date, in text order."""
    if not _DIGIT_RE.search(sentence):
        return []
    reports_meeting: bool | None = None  # read only once a date is found
    offset = _TITLE_TIER_OFFSET if in_title else 0
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, _DateMention]] = []
    for pattern, needs_ngay in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            prefix = _PREFIX_RE.search(sentence, max(0, match.start() - _PREFIX_WINDOW),
                                       match.start())
            start = prefix.start() if prefix else match.start()
            if needs_ngay and not (prefix and prefix.group("ngay")):
                continue
            if any(start < t_end and t_start < match.end() for t_start, t_end in taken):
                continue
            taken.append((start, match.end()))
            if reports_meeting is None:
                reports_meeting = bool(_MEETING_RE.search(fold_keep_marks(sentence)))
            tier = _tier(match, sentence, start, reports_meeting, in_title)
            if tier is None:
                continue
            groups = match.groupdict()
            before = fold_keep_marks(sentence[max(0, start - _BEFORE_WINDOW):start])
            found.append((start, _DateMention(
                tier=tier + offset, raw=sentence[start:match.end()].strip(" ,("),
                sentence=sentence, day=int(groups["d"]) if groups.get("d") else None,
                month=int(groups["m"]), year=int(groups["y"]) if groups["y"] else None,
                closing=bool(_CLOSING_BEFORE_RE.search(before)),
            )))
    return [mention for _start, mention in sorted(found, key=lambda item: item[0])]


def _tier(match: re.Match[str], sentence: str, start: int, reports_meeting: bool,
          in_title: bool) -> int | None:
    """How good a date match is as the meeting date, or None when it cannot be it."""
    before = fold_keep_marks(sentence[max(0, start - _BEFORE_WINDOW):start])
    if _DOCUMENT_BEFORE_RE.search(before) or _DEADLINE_BEFORE_RE.search(before):
        return None
    if match.groupdict().get("d") is None:  # month only
        if in_title or not reports_meeting or not _MONTH_LEAD_IN_RE.search(before):
            return None
        return _TIER_MEETING_MONTH
    prefixed = start < match.start()
    if not prefixed and match.group("y") is None:
        return None  # a bare "dd/mm" is as likely a ratio as a date
    if reports_meeting:
        return _TIER_MEETING_DAY
    return _TIER_PREFIXED_DAY if prefixed else None


def _resolve(mention: _DateMention, published: str | None, lead_year: int | None) -> str | None:
    year = mention.year
    if year is None and mention.day is not None:
        year = _year_before_published(mention.month, mention.day, published)
        if year is None and not _published_parts(published):
            year = _single_year(mention.sentence) or lead_year
    if year is None or year not in YEAR_RANGE:
        return None
    if mention.day is None:
        return make_iso_month(year, mention.month)
    return make_iso(year, mention.month, mention.day)


def _published_parts(published: str | None) -> tuple[int, int, int | None] | None:
    match = _PUBLISHED_RE.match(published or "")
    if not match:
        return None
    day = match.group(3)
    return int(match.group(1)), int(match.group(2)), int(day) if day else None


def _year_before_published(month: int, day: int, published: str | None) -> int | None:
    """The year that puts day/month on or before the publication date."""
    parts = _published_parts(published)
    if parts is None:
        return None
    pub_year, pub_month, pub_day = parts
    for year in (pub_year, pub_year - 1):
        if not make_iso(year, month, day):
            continue  # 29/02 outside a leap year
        if (year, month, day if pub_day else 0) <= (pub_year, pub_month, pub_day or 0):
            return year
    return None


def _single_year(text: str) -> int | None:
    """The one year ``text`` names (terms such as "2020-2025" left aside), else None."""
    years = {int(y) for y in _YEAR_RE.findall(_YEAR_RANGE_RE.sub(" ", text))}
    return years.pop() if len(years) == 1 else None
