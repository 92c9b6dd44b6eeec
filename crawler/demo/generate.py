"""Large synthetic district portals for benchmarks, built from sentence templates.

``generate_portal(host, n_pages, seed)`` returns a Site whose pages are
rendered on request: a home page, listing pages ``/tin-tuc?page=N`` (ten
articles each, newest first) and articles ``/tin-tuc/<slug>-<id>.html``,
about a fifth of them district meeting reports. Everything is a pure function
of (host, seed, article id), so two runs serve the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from crawler.demo.content import LABEL_DEFAULTS
from crawler.demo.content.templates import (
    CLOSINGS,
    COMMUNES,
    DISTRICTS,
    FIGURE_SENTENCES,
    GIVEN_NAMES,
    MEETING_KINDS,
    MIDDLE_NAMES,
    NEWS_KINDS,
    PURPOSES,
    ROLE_TITLES,
    SURNAMES,
)
from crawler.demo.families.base import (
    Article,
)
from crawler.demo.families.generic import ArticleLink, SiteChrome, article_page, listing_page
from crawler.demo.families.markup import (
    ascii_slug,
)
from crawler.demo.server import Resource, Site, html_resource

PAGE_SIZE = 10
MEETING_SHARE = 0.2
_NEWEST = datetime(2024, 6, 28, 16, 30)
_ARTICLE_PATH = re.compile(r"^/tin-tuc/([a-z0-9-]+)-(\d+)\.html$")
_LISTING_PATH = re.compile(r"^/tin-tuc(?:\?page=(\d+))?$")


def to_roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class Portal:
    """A synthetic district portal: its place, its leaders and its article count."""

    host: str
    seed: int
    district: str
    province: str
    n_articles: int
    leaders: tuple[tuple[str, tuple[str, ...]], ...]  # (name, titles) by role order

    @property
    def chrome(self) -> SiteChrome:
        name = f"Trang thông tin điện tử huyện {self.district}"
        return SiteChrome(
            host=self.host,
            name=name,
            slogan=f"Huyện {self.district} đoàn kết, đổi mới, phát triển bền vững",
            address=f"Trung tâm huyện {self.district}, tỉnh {self.province}",
        )

    def leader(self, role: str) -> tuple[str, tuple[str, ...]]:
        return self.leaders[list(ROLE_TITLES).index(role)]


def make_portal(host: str, n_articles: int, seed: int = 0) -> Portal:
    rng = _rng("portal", host, seed)
    district, province = rng.choice(DISTRICTS)
    names: set[str] = set()
    while len(names) < len(ROLE_TITLES):
        names.add(_person(rng))
    leaders = tuple(zip(sorted(names), ROLE_TITLES.values(), strict=True))
    return Portal(host, seed, district, province, n_articles, leaders)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def published_at(portal: Portal, number: int) -> datetime:
    """Article ``number`` (1 = oldest) was published this long before the newest one."""
    steps = portal.n_articles - number
    return _NEWEST - timedelta(hours=19 * steps + (number * 7) % 11)


@lru_cache(maxsize=65536)
def make_article(portal: Portal, number: int) -> Article:
    rng = _rng("article", portal.host, portal.seed, number)
    published = published_at(portal, number)
    meeting_day = published - timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    author = _person(rng)
    if rng.random() < MEETING_SHARE:
        title, paragraphs, labels = _meeting(portal, rng, meeting_day)
    else:
        title, paragraphs, labels = _news(portal, rng, meeting_day)
    expected = {
        **LABEL_DEFAULTS,
        "province": portal.province,
        "district": portal.district,
        "author": author,
        **labels,
    }
    return Article(
        id=number,
        category="tin-tuc",
        title=title,
        published=published,
        paragraphs=tuple(paragraphs),
        byline=f"{author} (Trung tâm Văn hóa - Thông tin huyện)",
        views=rng.randrange(40, 3000),
        expected=expected,
    )


def _meeting(
    portal: Portal, rng: random.Random, day: datetime
) -> tuple[str, list[str], dict[str, Any]]:
    kind_name, kind = rng.choice(list(MEETING_KINDS.items()))
    session = rng.randrange(2, 30)
    term = kind.term_number
    slots = {
        "district": portal.district,
        "n": session,
        "term": to_roman(term) if term else "",
        "d": day.day,
        "m": day.month,
        "y": day.year,
        "purpose": rng.choice(PURPOSES),
    }
    chair_name, chair_titles = portal.leader(kind.chair_role)
    guest_name, guest_titles = portal.leader(rng.choice(kind.guest_roles))
    paragraphs = [
        kind.opening.format(**slots),
        f"Đồng chí {chair_name}, {', '.join(chair_titles)} chủ trì {kind.event}. "
        f"Dự {kind.event} có đồng chí {guest_name}, {', '.join(guest_titles)}.",
        " ".join(_figures(rng, 3)),
        rng.choice(CLOSINGS).format(event=kind.event),
    ]
    labels = {
        "is_meeting_report": True,
        "level": "district",
        "body": kind.body,
        "meeting_type": kind_name,
        "meeting_date": day.date().isoformat(),
        "session_number": session if kind.numbered else None,
        "term_number": term if kind.numbered else None,
        "term_period": kind.term_period if kind.numbered else None,
        "officials": _officials((chair_name, chair_titles), (guest_name, guest_titles)),
    }
    return kind.title.format(**slots), paragraphs, labels


def _news(
    portal: Portal, rng: random.Random, day: datetime
) -> tuple[str, list[str], dict[str, Any]]:
    kind = rng.choice(NEWS_KINDS)
    slots = {
        "district": portal.district,
        "commune": rng.choice(COMMUNES),
        "d": day.day,
        "m": day.month,
        "y": day.year,
    }
    paragraphs = [sentence.format(**slots) for sentence in kind.sentences]
    if kind.figures:
        paragraphs.insert(1, " ".join(_figures(rng, kind.figures)))
    return kind.title.format(**slots), paragraphs, {"is_meeting_report": False}


def _figures(rng: random.Random, count: int) -> list[str]:
    chosen = rng.sample(FIGURE_SENTENCES, count)
    return [
        template.format(a=rng.randrange(12, 980), b=rng.randrange(1, 99), p=rng.randrange(51, 140))
        for template in chosen
    ]


def _officials(*people: tuple[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    seen: dict[str, list[str]] = {}
    for name, titles in people:
        seen.setdefault(name, list(titles))
    return [{"name": name, "titles": titles} for name, titles in seen.items()]


# -- URLs and pages ------------------------------------------------------------


@lru_cache(maxsize=65536)
def article_path(portal: Portal, number: int) -> str:
    return f"/tin-tuc/{ascii_slug(make_article(portal, number).title, max_length=90)}-{number}.html"


def listing_path(page: int) -> str:
    return "/tin-tuc" if page == 1 else f"/tin-tuc?page={page}"


def listing_count(portal: Portal) -> int:
    return max(1, -(-portal.n_articles // PAGE_SIZE))


def page_numbers(portal: Portal, page: int) -> range:
    """Article numbers on listing ``page``, newest first."""
    top = portal.n_articles - (page - 1) * PAGE_SIZE
    return range(top, max(0, top - PAGE_SIZE), -1)


def _link(portal: Portal, number: int) -> ArticleLink:
    article = make_article(portal, number)
    return ArticleLink(article_path(portal, number), article.title, article.published)


def render_listing(portal: Portal, page: int) -> str:
    links = [_link(portal, n) for n in page_numbers(portal, page)]
    last = listing_count(portal)
    # A window of page links around the current one, as real pagers show.
    window = {1, last, *range(max(1, page - 3), min(last, page + 3) + 1)}
    pages = [(listing_path(p), p) for p in sorted(window)]
    latest = [_link(portal, n) for n in page_numbers(portal, 1)][:5]
    return listing_page(portal.chrome, "Tin tức - Sự kiện", links, pages, page, latest)


def render_article(portal: Portal, number: int) -> str:
    article = make_article(portal, number)
    older = [_link(portal, n) for n in range(number - 1, max(0, number - 4), -1)]
    latest = [_link(portal, n) for n in page_numbers(portal, 1)][:5]
    return article_page(portal.chrome, article, older, latest, print_href=None)


def resolve(portal: Portal, path: str) -> Resource | None:
    if path in ("/", "/index.html"):
        return html_resource(render_listing(portal, 1))
    if path == "/robots.txt":
        return Resource(
            b"User-agent: *\nDisallow: /quantri/\n", headers={"Content-Type": "text/plain"}
        )
    listing = _LISTING_PATH.match(path)
    if listing:
        page = int(listing.group(1) or 1)
        return (
            html_resource(render_listing(portal, page))
            if 1 <= page <= listing_count(portal)
            else None
        )
    found = _ARTICLE_PATH.match(path)
    if found:
        number = int(found.group(2))
        if 1 <= number <= portal.n_articles and path == article_path(portal, number):
            return html_resource(render_article(portal, number))
    return None


def articles_for_pages(n_pages: int) -> int:
    """Most articles that fit in ``n_pages`` pages with the home and listing pages."""
    n_articles = max(1, (n_pages - 1) * PAGE_SIZE // (PAGE_SIZE + 1))
    while n_articles > 1 and 1 + n_articles + -(-n_articles // PAGE_SIZE) > n_pages:
        n_articles -= 1
    return n_articles


def generate_portal(host: str, n_pages: int, seed: int = 0) -> Site:
    """A synthetic portal of about ``n_pages`` pages, rendered on request."""
    portal = make_portal(host, articles_for_pages(n_pages), seed)
    return Site(resolver=lambda path: resolve(portal, path))


def synthetic_articles(host: str, n_pages: int, seed: int = 0) -> list[dict[str, Any]]:
    """URL and expected labels of every article ``generate_portal`` serves."""
    portal = make_portal(host, articles_for_pages(n_pages), seed)
    rows = []
    for number in range(portal.n_articles, 0, -1):
        article = make_article(portal, number)
        row = {"url": f"http://{host}{article_path(portal, number)}", "title": article.title}
        row.update(article.expected)
        rows.append(row)
    return rows
