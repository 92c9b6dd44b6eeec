"""Articles of the demo sites, one JSON file per site, with the labels each should get.

Every article carries ``expected``: the meeting fields of SCHEMA.md a correct
extractor gives it. Fields left out of a file take the defaults below (a
non-meeting article, placed in the site's own province and district).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from crawler.demo.families.base import Article, Category, Image, SiteInfo
from crawler.schema import BODIES, LEVELS, MEETING_TYPES, SOURCE_KINDS

LABEL_DEFAULTS: dict[str, Any] = {
    "is_meeting_report": False,
    "level": None,
    "body": None,
    "meeting_type": None,
    "meeting_date": None,
    "session_number": None,
    "term_number": None,
    "term_period": None,
    "author": None,
    "officials": [],
    "figures_include": [],
}
_ENUM_FIELDS = {"level": LEVELS, "body": BODIES, "meeting_type": MEETING_TYPES}


def site_files() -> list[Traversable]:
    # importlib.resources, not __file__: the package may run from a zipped egg (Scrapyd).
    files = resources.files(__name__).iterdir()
    return sorted((item for item in files if item.name.endswith(".json")), key=lambda f: f.name)


@cache
def load_site(name: str) -> tuple[SiteInfo, tuple[Article, ...]]:
    """The site and articles of content file ``name`` ("baothanhhoa.json")."""
    data = json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
    info = _site_info(data["site"])
    articles = tuple(_article(info, raw) for raw in data["articles"])
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{name}: duplicate article ids")
    return info, articles


def load_all() -> list[tuple[SiteInfo, tuple[Article, ...]]]:
    return [load_site(item.name) for item in site_files()]


def _site_info(raw: dict[str, Any]) -> SiteInfo:
    if raw["source_kind"] not in SOURCE_KINDS:
        raise ValueError(f"{raw['host']}: unknown source_kind {raw['source_kind']!r}")
    return SiteInfo(
        host=raw["host"],
        family=raw["family"],
        source_kind=raw["source_kind"],
        name=raw["name"],
        owner=raw["owner"],
        province=raw["province"],
        district=raw.get("district"),
        slogan=raw["slogan"],
        address=raw["address"],
        phone=raw["phone"],
        email=raw["email"],
        categories=tuple(Category(slug, name) for slug, name in raw["categories"]),
        page_size=int(raw.get("page_size", 3)),
        links=tuple((label, url) for label, url in raw.get("links", [])),
    )


def _article(info: SiteInfo, raw: dict[str, Any]) -> Article:
    expected = {**LABEL_DEFAULTS, "province": info.province, "district": info.district}
    expected.update(raw.get("expected", {}))
    for name, allowed in _ENUM_FIELDS.items():
        if expected[name] is not None and expected[name] not in allowed:
            raise ValueError(f"{info.host} #{raw['id']}: {name}={expected[name]!r}")
    if expected["is_meeting_report"] and expected["level"] is None:
        raise ValueError(f"{info.host} #{raw['id']}: a meeting report needs its level")
    return Article(
        id=int(raw["id"]),
        category=raw["category"],
        title=raw["title"],
        published=datetime.fromisoformat(raw["published"]),
        paragraphs=tuple(raw["paragraphs"]),
        byline=raw.get("byline"),
        sapo=raw.get("sapo"),
        images=tuple(
            Image(file=i["file"], caption=i["caption"], after=int(i.get("after", 0)))
            for i in raw.get("images", [])
        ),
        views=int(raw.get("views", 0)),
        expected=expected,
    )
