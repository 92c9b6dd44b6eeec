"""From plain text pulled out of a page to PageFields.

Such text starts with the site's chrome (site name, slogan, "Skip to main content",
menu words, category labels, "100%"), then the headline, a date line and the body,
and ends with a byline and maybe a "Các tin khác" list. Some documents instead open
with a head line written by the scraper: " date 2022-12 (Baonghean.vn) - <first
paragraph>" or " date 2023-06 <Headline>".

The body clean-up (:func:`tidy_body`) is shared with :mod:`crawler.extraction.page`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from crawler.extraction.byline import byline_in_segments, find_head_byline, find_tail_byline
from crawler.extraction.chrome import (
    is_caps_banner,
    is_category_label,
    is_chrome_line,
    is_date_stamp,
    is_related_heading,
    is_site_name_line,
    is_slogan_line,
)
from crawler.extraction.dates import date_from_url, parse_date_line
from crawler.extraction.types import Found, PageFields
from crawler.textnorm import fold, normalize_spaces, same_text

# Scene captions under press photos open or close with these words (folded).
CAPTION_OPENERS: tuple[tuple[str, str], ...] = (
    ("toan canh", "overall view"),
    ("quang canh", "scene"),
    ("khung canh", "scene"),
    ("cac dai bieu", "the delegates"),
    ("dai bieu", "delegates"),
    ("cac dai ", "the delegates (misspelt)"),
    ("cac dong chi", "the comrades"),
    ("lanh dao", "leaders"),
    ("hinh anh", "picture of"),
    ("anh:", "photo:"),
    ("anh minh hoa", "illustration"),
)
CAPTION_SCENE_ENDS: tuple[tuple[str, str], ...] = (
    ("hoi nghi", "conference"),
    ("ky hop", "council session"),
    ("phien hop", "meeting"),
    ("cuoc hop", "meeting"),
    ("dai hoi", "congress"),
    ("buoi lam viec", "working session"),
    ("buoi hop", "meeting"),
    ("buoi le", "ceremony"),
    ("hoi thao", "seminar"),
    ("toa dam", "round table"),
    ("le khai mac", "opening ceremony"),
    ("le be mac", "closing ceremony"),
    ("phien khai mac", "opening session"),
    ("phien be mac", "closing session"),
    ("buoi tiep xuc", "voter meeting"),
    ("chuong trinh", "programme"),
)
_CAPTION_OPENERS = tuple(text for text, _gloss in CAPTION_OPENERS)
_CAPTION_ENDS = tuple(text for text, _gloss in CAPTION_SCENE_ENDS)

_HEAD_LINE_RE = re.compile(r"^\s*date\b\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)?\s*(?P<rest>.*)$")
_SOURCE_LEAD_RE = re.compile(r"^\s*\(\s*(?P<source>[^()]{2,60}?)\s*\)\s*(?:[-–—]\s*)?")
_PHOTO_CREDIT_RE = re.compile(r"^\(?\s*(?:anh|video)\s*:")
_SENTENCE_END = (".", "!", "?", "…", '"', "”", ")")

MAX_CAPTION_WORDS = 15
MAX_HEADLINE_WORDS = 60
LEADING_ZONE_LINES = 20


@dataclass
class Body:
    """The article text once chrome, lists, captions and the byline are taken out."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    author: str | None = None
    author_raw: str | None = None
    source: str | None = None


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines with single spaces: one line is one paragraph in scraped text."""
    return [line for line in (normalize_spaces(raw) for raw in text.splitlines()) if line]


def is_prose(line: str) -> bool:
    """A body paragraph: a finished sentence, or longer than any headline."""
    words = len(line.split())
    return words > MAX_HEADLINE_WORDS or (words >= 8 and line.rstrip().endswith(_SENTENCE_END))


def is_headline_like(line: str) -> bool:
    words = len(line.split())
    return (
        3 <= words <= MAX_HEADLINE_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith((".", ":", ";", ","))
        and not is_chrome_line(line)
    )


def is_caption_line(line: str) -> bool:
    """A short scene caption: "Toàn cảnh hội nghị.", "Các đại biểu tham dự hội nghị"."""
    words = line.split()
    if not words or len(words) > MAX_CAPTION_WORDS or len(line) > 120:
        return False
    folded = fold(line)
    if _PHOTO_CREDIT_RE.match(folded):
        return True
    # A caption naming someone ("Đồng chí Lê Văn Trung phát biểu ...") is kept as prose:
    # it is often the only place that gives the person's name.
    if _has_name_run(words[1:]):
        return False
    core = folded.rstrip(" .")
    return core.startswith(_CAPTION_OPENERS) or core.endswith(_CAPTION_ENDS)


def _has_name_run(words: Sequence[str]) -> bool:
    """Two capitalised words in a row, as in a person's name."""
    run = 0
    for word in words:
        capitalised = word.isalpha() and word[0].isupper() and word[1:].islower()
        run = run + 1 if capitalised else 0
        if run >= 2:
            return True
    return False


def _is_list_item(line: str) -> bool:
    """A headline in a related-articles list: no closing full stop, or short, or dated."""
    stripped = line.rstrip()
    if stripped.endswith(")") and parse_date_line(stripped[-14:]) is not None:
        return True
    words = len(stripped.split())
    return words <= 12 or (words <= 40 and not stripped.endswith((".", "!", "?", "…")))


def _drop_related_lists(paragraphs: list[str], dropped: list[str]) -> list[str]:
    """Remove "Các tin khác"-style headings with the list of headlines under them."""
    kept: list[str] = []
    in_list = False
    for line in paragraphs:
        if is_related_heading(line):
            in_list = True
            dropped.append(line)
            continue
        if in_list and _is_list_item(line):
            dropped.append(line)
            continue
        in_list = False
        kept.append(line)
    return kept


def _take_byline(lines: list[str], body: Body, signed: Collection[str]) -> list[str]:
    """Find the byline and take it out; at the foot of the text, what follows it is
    chrome or photo captions, and goes with it."""
    # Photo captions may follow the byline: look for it among the other lines.
    positions = [i for i, line in enumerate(lines) if not is_caption_line(line)]
    others = [lines[i] for i in positions]
    author, author_raw, found_at = find_tail_byline(others, signed)
    at_foot = author_raw is not None
    if not at_foot:
        author, author_raw, found_at = find_head_byline(others)
    if found_at is None:
        return lines
    index = positions[found_at]
    body.author, body.author_raw = author, author_raw
    after = lines[index + 1 :]
    if not at_foot:
        return lines[:index] + after  # a labelled byline above the text
    body.captions.extend(line for line in after if is_caption_line(line))
    body.dropped.extend(line for line in after if not is_caption_line(line))
    return lines[:index]


def tidy_body(paragraphs: Sequence[str], *, title: str = "", signed: Collection[str] = ()) -> Body:
    """Clean body paragraphs: lists, chrome, the repeated headline, captions, the byline.
    ``signed`` holds lines the page printed as a signature (see ``find_tail_byline``)."""
    body = Body()
    lines = _drop_related_lists([p for p in paragraphs if p.strip()], body.dropped)
    if lines:
        lead = _SOURCE_LEAD_RE.match(lines[0])
        if lead and len(lines[0]) > lead.end() + 40:
            body.source = lead.group("source")
            lines[0] = lines[0][lead.end() :]
    lines = _take_byline(lines, body, signed)
    for position, line in enumerate(lines):
        if is_chrome_line(line) or (position < 3 and title and same_text(line, title)):
            body.dropped.append(line)
        elif is_caption_line(line):
            body.captions.append(line)
        else:
            body.paragraphs.append(line)
    return body


@dataclass
class Leading:
    """What the lines before the body say: headline, date line, site header."""

    title: str = ""
    date: Found | None = None
    site_lines: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    end: int = 0
    #: A byline printed in the date line: "Ngày đăng: 05/08/2022 | Tác giả: X".
    author: str | None = None
    author_raw: str | None = None


def _dated_byline(line: str) -> tuple[str | None, str] | None:
    """The byline of a date line that also names the writer, when the rest is the date."""
    found = byline_in_segments(line)
    if found is None or not is_date_stamp(line.replace(found[1], " ")):
        return None
    return found


def _classify(line: str) -> str:
    if is_date_stamp(line) or _dated_byline(line) is not None:
        return "date"
    if is_site_name_line(line) or is_slogan_line(line) or is_caps_banner(line):
        return "site"
    if is_chrome_line(line) or is_category_label(line) or len(line.split()) <= 3:
        return "chrome"
    return "headline" if is_headline_like(line) else "other"


def _pick_title(kinds: list[str]) -> int | None:
    headlines = [i for i, kind in enumerate(kinds) if kind == "headline"]
    if not headlines:
        return None
    date_at = kinds.index("date") if "date" in kinds else None
    before = [i for i in headlines if date_at is not None and i < date_at]
    # The headline sits right above the date line; without one, the first candidate.
    return before[-1] if before else headlines[0]


def read_leading_zone(paragraphs: Sequence[str], *, want_title: bool = True) -> Leading:
    """Split the header lines (up to the first prose paragraph) into title, date and chrome."""
    zone: list[str] = []
    for line in paragraphs[:LEADING_ZONE_LINES]:
        if is_prose(line):
            break
        zone.append(line)
    kinds = [_classify(line) for line in zone]
    title_at = _pick_title(kinds) if want_title else None
    leading = Leading(end=len(zone))
    for index, (line, kind) in enumerate(zip(zone, kinds, strict=True)):
        if index == title_at:
            leading.title = line
        elif kind == "date" and leading.date is None:
            leading.date = parse_date_line(line)
            leading.dropped.append(line)
            byline = _dated_byline(line)
            if byline is not None:
                leading.author, leading.author_raw = byline
        elif kind == "site":
            leading.site_lines.append(line)
            leading.dropped.append(line)
        elif kind == "chrome" or (title_at is not None and index < title_at):
            leading.dropped.append(line)
        else:
            leading.kept.append(line)
    return leading


@dataclass
class HeadLine:
    published: str | None = None
    source: str | None = None
    title: str = ""
    body: str = ""


def parse_head_line(line: str) -> HeadLine | None:
    """Read " date 2022-12 (Baonghean.vn) - <text>" or " date 2023-06 <Headline>"."""
    match = _HEAD_LINE_RE.match(line)
    if match is None:
        return None
    head = HeadLine(published=match.group("date"))
    rest = match.group("rest").strip()
    lead = _SOURCE_LEAD_RE.match(rest)
    if lead:
        # "(Source) - text": the paper's own lead-in, so the text is the first paragraph.
        head.source, head.body = lead.group("source"), rest[lead.end() :].strip()
    elif rest and not is_prose(rest) and is_headline_like(rest):
        head.title = rest
    else:
        head.body = rest
    return head


def extract_text_document(text: str, url: str | None = None) -> PageFields:
    """PageFields from scraped plain text: headline, date, byline, clean text, captions."""
    paragraphs = split_paragraphs(text)
    fields = PageFields()
    head = parse_head_line(paragraphs[0]) if paragraphs else None
    if head is not None:
        paragraphs = ([head.body] if head.body else []) + paragraphs[1:]
        fields.title = head.title
        fields.source_name = head.source
        fields.published = fields.published_raw = head.published
    leading = read_leading_zone(paragraphs, want_title=head is None)
    if head is None:
        fields.title = leading.title
    fields.title_raw = fields.title or None
    body = tidy_body(leading.kept + paragraphs[leading.end :], title=fields.title)
    if fields.published is None and leading.date is not None:
        fields.published, fields.published_raw = leading.date.value, leading.date.evidence
    if fields.published is None and url:
        found = date_from_url(url)
        if found is not None:
            fields.published, fields.published_raw = found.value, found.raw
    fields.author, fields.author_raw = body.author, body.author_raw
    if fields.author_raw is None:
        fields.author, fields.author_raw = leading.author, leading.author_raw
    fields.text = "\n\n".join(body.paragraphs)
    fields.captions = list(dict.fromkeys(body.captions))
    fields.site_lines = leading.site_lines
    fields.dropped_lines = leading.dropped + body.dropped
    if fields.source_name is None:
        fields.source_name = body.source or next(
            (line for line in leading.site_lines if is_site_name_line(line)), None
        )
    return fields
