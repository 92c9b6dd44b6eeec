"""The held-out labelled pages (tests/holdout): label validity and regression floors.

The held-out set measures extraction on pages no rule was written from. Its
precise per-field figures are reported by ``python -m crawler eval tests/holdout``;
this module asserts only that the labels are well formed and that the
extractor stays above loose floors.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from labels import DATE_RE, DISTRICT_PREFIXES, PROVINCES
from parsel import Selector

from crawler.evaluate import format_report, load_cases, norm_text, score
from crawler.schema import BODIES, LEVELS, MEETING_FACT_FIELDS, MEETING_TYPES, SOURCE_KINDS

HOLDOUT = Path(__file__).resolve().parent / "holdout"

MEETING_KEYS = MEETING_FACT_FIELDS  # what a non-report leaves empty
REQUIRED_KEYS = (
    "url",
    "source_kind",
    "is_meeting_report",
    *MEETING_KEYS,
    "province",
    "district",
    "chrome",
    "text_include",
)
PERIOD_RE = re.compile(r"^\d{4}-\d{4}$")
#: Floor for the meeting-report flag: far enough below the measured value that
#: only a real regression trips it.
MEETING_FLAG_F1_FLOOR = 0.85
SHORT_BODY_CHARS = 250

pytestmark = pytest.mark.skipif(not HOLDOUT.is_dir(), reason="tests/holdout not present")


def holdout_labels() -> list[tuple[str, dict[str, Any], str]]:
    """(name, label, html) for every held-out page."""
    out = []
    for label_path in sorted(HOLDOUT.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        html = label_path.with_suffix(".html").read_text(encoding="utf-8")
        out.append((label_path.stem, label, html))
    return out


def page_texts(html: str, article_css: list[str]) -> tuple[str, str]:
    """Normalised text of the whole page body and of the article region."""
    page = Selector(text=html)
    whole = " ".join(page.xpath("//body//text()[not(ancestor::script)]").getall())
    region = " ".join(
        " ".join(node.css("::text").getall()) for css in article_css for node in page.css(css)
    )
    return norm_text(whole), norm_text(region)


def test_holdout_loads_as_labelled_html_pages() -> None:
    cases = load_cases(HOLDOUT)
    assert len(cases) >= 45
    assert all(c.kind == "html" for c in cases)
    assert all(c.url and c.url == c.expected["url"] for c in cases)
    for case in cases:
        missing = [key for key in REQUIRED_KEYS if key not in case.expected]
        assert not missing, (case.name, missing)


def test_holdout_labels_use_schema_values() -> None:
    for name, label, _ in holdout_labels():
        exp = label["expected"]
        assert exp["source_kind"] in SOURCE_KINDS, name
        assert isinstance(exp["is_meeting_report"], bool), name
        if exp["is_meeting_report"]:
            assert exp["level"] in LEVELS, name
            assert exp["body"] in BODIES, name
            assert exp["meeting_type"] in MEETING_TYPES, name
            assert exp["meeting_date"] is None or DATE_RE.match(exp["meeting_date"]), name
            assert isinstance(exp["officials"], list), name
        else:
            assert all(exp[key] is None for key in MEETING_KEYS), name
            assert "officials" not in exp, f"{name}: negative pages carry no officials label"
        for key in ("session_number", "term_number"):
            assert exp[key] is None or type(exp[key]) is int, (name, key)
        assert exp["term_period"] is None or PERIOD_RE.match(exp["term_period"]), name
        assert exp.get("published") is None or DATE_RE.match(exp["published"]), name
        assert exp["province"] is None or exp["province"] in PROVINCES, name
        district = exp["district"]
        assert district is None or not district.lower().startswith(DISTRICT_PREFIXES), name


def test_holdout_meeting_date_never_after_publication() -> None:
    for name, label, _ in holdout_labels():
        exp = label["expected"]
        meeting, published = exp.get("meeting_date"), exp.get("published")
        if meeting and len(meeting) == 10:
            date.fromisoformat(meeting)  # a real calendar date
        if meeting and published:
            shared = min(len(meeting), len(published))
            assert meeting[:shared] <= published[:shared], name


def test_holdout_strings_occur_where_labelled() -> None:
    for name, label, html in holdout_labels():
        exp = label["expected"]
        whole, article = page_texts(html, label["article_css"])
        assert article, f"{name}: article_css {label['article_css']} matches nothing"
        for sentence in exp["text_include"]:
            assert norm_text(sentence) in article, (name, sentence)
        for chrome in exp["chrome"]:
            assert norm_text(chrome) in whole, (name, chrome)
            assert norm_text(chrome) not in article, (name, chrome)
        if exp.get("title"):
            assert norm_text(exp["title"]) in whole, name
        for official in exp.get("officials", []):
            for part in [official["name"], *official["titles"]]:
                assert norm_text(part) in article, (name, part)
        for figure in exp.get("figures_include", []):
            assert norm_text(figure["unit"]) in article, (name, figure)
            if isinstance(figure["value"], str):
                assert figure["value"] in article, (name, figure)


def test_holdout_mix_of_pages() -> None:
    labels = [(name, label["expected"], html, label) for name, label, html in holdout_labels()]
    negatives = [name for name, exp, _, _ in labels if not exp["is_meeting_report"]]
    assert 0.2 <= len(negatives) / len(labels) <= 0.4, negatives
    levels = Counter(exp["level"] for _, exp, _, _ in labels if exp["is_meeting_report"])
    assert levels["commune"] >= 2 and levels["province"] >= 2, levels
    assert all(exp["chrome"] for _, exp, _, _ in labels), "every page labels some chrome"
    short = [
        name
        for name, exp, html, label in labels
        if exp["text_include"] and len(page_texts(html, label["article_css"])[1]) < SHORT_BODY_CHARS
    ]
    assert short, "no page with a short body"


def test_extraction_on_holdout_stays_above_floors() -> None:
    from crawler.extraction.record import extract_record

    report = score(load_cases(HOLDOUT), extract_record)
    print(format_report(report, failures=False))
    assert report.errors == [], [f"{e.case}: {e.got}" for e in report.errors]
    f1 = report.fields["is_meeting_report"].values["f1"]
    assert f1 is not None and f1 >= MEETING_FLAG_F1_FLOOR, format_report(report)
