"""Every platform fixture page parses into what the JSON beside it expects.

tests/platform_fixtures/<family>/<page>.html holds a page written for the
project in the family's markup; <page>.json holds its URL and the expected
detection, article links, next page, channel links, print view and the article's identity
URL (without parameters that only say where a listing showed it). No
per-family code: a new family only adds a folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from spiders.platforms import FAMILIES, detect_family, get_platform

FIXTURES = Path(__file__).resolve().parent / "platform_fixtures"
CASES = sorted(FIXTURES.glob("*/*.json"))


def _load(case: Path) -> tuple[dict[str, Any], str, HtmlResponse]:
    expected = json.loads(case.read_text(encoding="utf-8"))
    html = case.with_suffix(".html").read_text(encoding="utf-8")
    response = HtmlResponse(url=expected["url"], body=html.encode("utf-8"), encoding="utf-8")
    return expected, html, response


def test_every_family_has_a_listing_and_an_article_fixture() -> None:
    folders = {case.parent.name for case in CASES}
    assert folders == set(FAMILIES)
    for family in FAMILIES:
        names = {case.stem for case in CASES if case.parent.name == family}
        assert {"listing", "article"} <= names, family


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.parent.name}/{c.stem}")
def test_fixture_page(case: Path) -> None:
    expected, html, response = _load(case)
    platform = get_platform(case.parent.name)
    url = expected["url"]
    assert detect_family(html, url) == expected["family"]
    if expected["family"] != "generic":
        assert type(platform).detect(html, url)
    assert platform.is_article_url(url) == expected["is_article"]
    assert platform.article_links(response) == expected["article_links"]
    assert platform.next_page_url(response) == expected["next_page"]
    if "listing_links" in expected:
        assert platform.listing_links(response) == expected["listing_links"]
    if "print_url" in expected:
        assert platform.print_url(url, html) == expected["print_url"]
    if "identity_url" in expected:
        assert platform.article_key_url(url) == expected["identity_url"]
