"""Scoring code (crawler.evaluate) and the labelled development set (tests/devset)."""

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

from crawler.evaluate import Case, format_report, load_cases, norm_text, same_value, score
from crawler.schema import BODIES, LEVELS, MEETING_FACT_FIELDS, MEETING_TYPES, SOURCE_KINDS

DEVSET = Path(__file__).resolve().parent / "devset"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# ---------------------------------------------------------------- small fixtures

CHROME_A = ["Các tin khác", "Skip to main content"]
EXPECTED: dict[str, dict[str, Any]] = {
    "a": {
        "title": "Hội nghị Ban Chấp hành lần thứ 16",
        "published": "2022-12-13",
        "is_meeting_report": True,
        "level": "district",
        "session_number": 16,
        "province": "Thanh Hóa",
        "officials": [
            {"name": "Lê Văn An", "titles": ["Tỉnh ủy viên", "Bí thư Huyện ủy"]},
            {"name": "Trần Thị Bình", "titles": ["Chủ tịch UBND huyện"]},
        ],
        "figures_include": [{"value": 8.62, "unit": "%"}, {"value": "15/15", "unit": "chỉ tiêu"}],
        "chrome": CHROME_A,
        "text_include": ["Câu thứ nhất của bài.", "Câu thứ hai của bài."],
    },
    "b": {
        "is_meeting_report": True,
        "level": "commune",
        "session_number": 7,
        "officials": [{"name": "Hà Văn Cường", "titles": ["Chủ tịch HĐND xã"]}],
    },
    "c": {"is_meeting_report": False, "level": None, "chrome": ["Đang truy cập"]},
}


def make_cases(tmp_path: Path) -> list[Case]:
    cases = []
    for name, expected in EXPECTED.items():
        page = tmp_path / f"{name}.txt"
        page.write_text(f"trang {name}", encoding="utf-8")
        cases.append(Case(name, page, "text", f"https://x.gov.vn/{name}", expected))
    return cases


def case_name(content: str | bytes) -> str:
    text = content.decode() if isinstance(content, bytes) else content
    return text.split()[-1]


def perfect(content: str | bytes, url: str | None, kind: str) -> dict[str, Any]:
    expected = EXPECTED[case_name(content)]
    record = {k: v for k, v in expected.items() if k not in ("chrome", "text_include")}
    record["figures"] = [dict(f, raw="") for f in expected.get("figures_include", [])]
    record["text"] = "\n\n".join(expected.get("text_include", []))
    return record


def always_wrong(content: str | bytes, url: str | None, kind: str) -> dict[str, Any]:
    expected = EXPECTED[case_name(content)]
    return {
        "title": "Trang chủ",
        "published": "1999-01-01",
        "is_meeting_report": not expected["is_meeting_report"],
        "level": "province",
        "session_number": 99,
        "province": "Hà Nội",
        "officials": [{"name": "Không Ai", "titles": []}],
        "figures": [{"value": 1, "unit": "ha", "raw": "1 ha"}],
        "text": "Các tin khác\nSkip to main content\nĐang truy cập",
    }


PARTLY: dict[str, dict[str, Any]] = {
    "a": {
        "title": "hội nghị  ban chấp hành LẦN THỨ 16",  # case and spacing differ: still right
        "published": "2022-12-13",
        "is_meeting_report": True,
        "level": "district",
        "session_number": 16.0,  # numbers compare as numbers
        "province": "Thanh Hoá",  # tone placement differs: still right
        "officials": [
            {"name": "Lê Văn An", "titles": ["Tỉnh uỷ viên"]},  # name right, titles short
            {"name": "Đỗ Văn Dũng", "titles": []},  # not in the label
        ],
        "figures": [{"value": 8.62, "unit": "%"}, {"value": "15 / 15", "unit": "chỉ tiêu"}],
        "text": "Câu thứ nhất  của bài.\n\nCác tin khác",
    },
    "b": {
        "is_meeting_report": False,
        "level": "commune",
        "session_number": None,
        "officials": [{"name": "Hà Văn Cường", "titles": ["Chủ tịch HĐND xã"]}],
    },
    "c": {"is_meeting_report": True, "level": None, "text": "Một bài khác."},
}


def partly_right(content: str | bytes, url: str | None, kind: str) -> dict[str, Any]:
    return PARTLY[case_name(content)]


# ---------------------------------------------------------------- scoring


def test_perfect_extractor_scores_one_everywhere(tmp_path: Path) -> None:
    report = score(make_cases(tmp_path), perfect)
    for name in ("title", "published", "level", "session_number", "province"):
        assert report.fields[name].values == {"accuracy": 1.0}, name
        assert report.fields[name].failures == []
    for name in ("is_meeting_report", "officials", "officials_titles"):
        assert report.fields[name].values == {"precision": 1.0, "recall": 1.0, "f1": 1.0}, name
    assert report.fields["figures_include"].values == {"recall": 1.0}
    assert report.fields["chrome"].values == {"clean_share": 1.0}
    assert report.fields["text_include"].values == {"recall": 1.0}
    assert report.errors == []


def test_always_wrong_extractor_scores_zero(tmp_path: Path) -> None:
    report = score(make_cases(tmp_path), always_wrong)
    for name in ("title", "published", "level", "session_number", "province"):
        assert report.fields[name].values == {"accuracy": 0.0}, name
    assert report.fields["level"].cases == 3
    assert report.fields["is_meeting_report"].values == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report.fields["officials"].values == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report.fields["figures_include"].values == {"recall": 0.0}
    assert report.fields["chrome"].values == {"clean_share": 0.0}
    assert report.fields["text_include"].values == {"recall": 0.0}
    assert {f.case for f in report.fields["level"].failures} == {"a", "b", "c"}


def test_partly_right_extractor_matches_hand_computed_values(tmp_path: Path) -> None:
    fields = score(make_cases(tmp_path), partly_right).fields
    # Only case a has a title, published date and province: 1 of 1 right each.
    assert (fields["title"].cases, fields["title"].values["accuracy"]) == (1, 1.0)
    assert fields["province"].values["accuracy"] == 1.0
    assert fields["level"].values["accuracy"] == 1.0  # district, commune, null: all right
    assert (fields["session_number"].cases, fields["session_number"].values["accuracy"]) == (2, 0.5)
    # a: true positive; b: missed (FN); c: false alarm (FP) -> P = R = F1 = 1/2.
    assert fields["is_meeting_report"].values == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    # Names: a has 1 right, 1 extra, 1 missed; b 1 right -> tp 2, fp 1, fn 1.
    assert fields["officials"].values == pytest.approx(
        {"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3}
    )
    # Names with titles: a has none right (2 extra, 2 missed); b 1 right -> tp 1, fp 2, fn 2.
    assert fields["officials_titles"].values == pytest.approx(
        {"precision": 1 / 3, "recall": 1 / 3, "f1": 1 / 3}
    )
    # "15 / 15" is not the ratio "15/15": one of two figures found.
    assert fields["figures_include"].values == {"recall": 0.5}
    # a leaks "Các tin khác", c is clean.
    assert fields["chrome"].values == {"clean_share": 0.5}
    assert [f.case for f in fields["chrome"].failures] == ["a"]
    assert fields["text_include"].values == {"recall": 0.5}
    failing = {f.case: (f.expected, f.got) for f in fields["session_number"].failures}
    assert failing == {"b": (7, None)}


def test_extractor_errors_are_reported_not_raised(tmp_path: Path) -> None:
    def broken(content: str | bytes, url: str | None, kind: str) -> dict[str, Any]:
        if case_name(content) == "b":
            raise RuntimeError("no body found")
        return perfect(content, url, kind)

    report = score(make_cases(tmp_path), broken)
    assert [(e.case, e.got) for e in report.errors] == [("b", "RuntimeError: no body found")]
    assert report.fields["level"].values["accuracy"] == pytest.approx(2 / 3)
    assert "ERROR b: RuntimeError: no body found" in format_report(report)


def test_extractor_receives_url_kind_and_bytes_for_html(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes("<p>Hội nghị</p>".encode())
    seen: list[tuple[Any, ...]] = []

    def spy(content: str | bytes, url: str | None, kind: str) -> dict[str, Any]:
        seen.append((content, url, kind))
        return {}

    score([Case("p", page, "html", "https://h.gov.vn/p", {"level": None})], spy)
    assert seen == [("<p>Hội nghị</p>".encode(), "https://h.gov.vn/p", "html")]


def test_same_value_rules() -> None:
    assert same_value("Ủy ban nhân dân", "UỶ BAN  NHÂN\nDÂN")
    assert same_value(16, 16.0)
    assert not same_value(16, "16")
    assert not same_value(True, 1)
    assert same_value(None, "")
    assert not same_value(None, "district")
    assert not same_value("2020-2025", None)


def test_format_report_lists_fields_and_failures(tmp_path: Path) -> None:
    text = format_report(score(make_cases(tmp_path), partly_right))
    assert re.search(r"is_meeting_report\s+3\s+precision/recall/f1\s+0\.500 / 0\.500", text)
    assert "session_number: 1 failing" in text
    assert "b: expected 7 | got None" in text
    assert "b: expected" not in format_report(score(make_cases(tmp_path), perfect))


# ---------------------------------------------------------------- loading


def write_pair(folder: Path, name: str, label: Any, suffix: str = ".html") -> None:
    write_raw(folder, name, json.dumps(label), suffix)


def write_raw(folder: Path, name: str, label_text: str, suffix: str = ".html") -> None:
    (folder / f"{name}{suffix}").write_text("<p>x</p>", encoding="utf-8")
    (folder / f"{name}.json").write_text(label_text, encoding="utf-8")


def test_load_pairs(tmp_path: Path) -> None:
    write_pair(tmp_path, "b", {"url": "https://b.vn/1", "expected": {"level": None}})
    write_pair(tmp_path, "a", {"url": None, "expected": {"url": "https://a.vn/2"}}, ".txt")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    cases = load_cases(tmp_path)
    assert [(c.name, c.kind, c.url) for c in cases] == [
        ("a", "text", None),
        ("b", "html", "https://b.vn/1"),
    ]
    assert cases[1].read() == b"<p>x</p>" and cases[0].read() == "<p>x</p>"


def test_load_gold_folder(tmp_path: Path) -> None:
    (tmp_path / "001.txt").write_text("văn bản", encoding="utf-8")
    gold = {"_about": "notes", "001.txt": {"url": "https://h.vn/x", "level": "district"}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    [case] = load_cases(tmp_path)
    assert (case.name, case.kind, case.url, case.expected["level"]) == (
        "001",
        "text",
        "https://h.vn/x",
        "district",
    )


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "a.html").write_text("x"), "without a NAME.json"),
        (lambda d: (d / "a.json").write_text('{"expected": {}}'), "without a NAME.html"),
        (lambda d: write_pair(d, "a", {"url": "u"}), "'expected' object"),
        (lambda d: write_pair(d, "a", {"url": 3, "expected": {}}), "'url' must be"),
        (lambda d: write_raw(d, "a", "{"), "not valid JSON"),
        (lambda d: (d / "gold.json").write_text('{"missing.txt": {}}'), "not an .html/.txt"),
        (lambda d: (d / "gold.json").write_text("[]"), "want an object"),
        (lambda d: None, "no labelled pages"),
    ],
)
def test_load_errors(tmp_path: Path, setup: Any, message: str) -> None:
    setup(tmp_path)
    with pytest.raises(ValueError, match=message):
        load_cases(tmp_path)


def test_load_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a directory"):
        load_cases(tmp_path / "nowhere")


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared seed folder not available")
def test_load_seed_gold() -> None:
    cases = load_cases(SHARED / "seeds")
    assert len(cases) == 5 and all(c.kind == "text" for c in cases)
    assert cases[0].url and cases[0].url.startswith("https://baonghean.vn/")


# ---------------------------------------------------------------- the development set

MEETING_KEYS = MEETING_FACT_FIELDS  # what a non-report leaves empty

devset_only = pytest.mark.skipif(not DEVSET.is_dir(), reason="tests/devset not present")


def devset_labels() -> list[tuple[str, dict[str, Any], str]]:
    """(name, label, html) for every dev-set page."""
    out = []
    for label_path in sorted(DEVSET.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        html = label_path.with_suffix(".html").read_text(encoding="utf-8")
        out.append((label_path.stem, label, html))
    return out


def texts(html: str, article_css: list[str]) -> tuple[str, str]:
    """Normalised text of the whole page body and of the article region."""
    page = Selector(text=html)
    whole = " ".join(page.xpath("//body//text()[not(ancestor::script)]").getall())
    region = " ".join(
        " ".join(node.css("::text").getall()) for css in article_css for node in page.css(css)
    )
    return norm_text(whole), norm_text(region)


@devset_only
def test_devset_loads() -> None:
    cases = load_cases(DEVSET)
    assert len(cases) >= 66
    assert all(c.kind == "html" and c.url == c.expected["url"] for c in cases)


@devset_only
def test_devset_labels_use_valid_values() -> None:
    for name, label, _ in devset_labels():
        exp = label["expected"]
        assert exp["source_kind"] in SOURCE_KINDS, name
        assert isinstance(exp["is_meeting_report"], bool), name
        if exp["is_meeting_report"]:
            assert exp["level"] in LEVELS, name
            assert exp["body"] in BODIES, name
            assert exp["meeting_type"] in MEETING_TYPES, name
            assert DATE_RE.match(exp["meeting_date"]), name
            assert isinstance(exp["officials"], list), name
        else:
            assert all(exp[k] is None for k in MEETING_KEYS), name
        for key in ("session_number", "term_number"):
            assert exp.get(key) is None or isinstance(exp[key], int), (name, key)
        assert exp.get("term_period") is None or re.match(r"^\d{4}-\d{4}$", exp["term_period"])
        assert exp.get("published") is None or DATE_RE.match(exp["published"]), name
        if "province" in exp:
            assert exp["province"] is None or exp["province"] in PROVINCES, name
        district = exp.get("district")
        assert district is None or not district.lower().startswith(DISTRICT_PREFIXES), name


def test_province_list_is_complete() -> None:
    assert len(PROVINCES) == 63


@devset_only
def test_devset_meeting_date_never_after_publication() -> None:
    for name, label, _ in devset_labels():
        exp = label["expected"]
        if exp.get("meeting_date") and exp.get("published"):
            published = exp["published"]
            assert exp["meeting_date"][: len(published)] <= published, name
            date.fromisoformat(exp["meeting_date"])  # a real calendar date


@devset_only
def test_devset_balance() -> None:
    labels = [label["expected"] for _, label, _ in devset_labels()]
    negatives = sum(not exp["is_meeting_report"] for exp in labels)
    assert 0.28 <= negatives / len(labels) <= 0.40
    positives = [exp for exp in labels if exp["is_meeting_report"]]
    bodies = Counter(exp["body"] for exp in positives)
    types = Counter(exp["meeting_type"] for exp in positives)
    assert all(bodies[b] >= 2 for b in BODIES), bodies
    assert all(types[t] >= 2 for t in MEETING_TYPES), types
    levels = Counter(exp["level"] for exp in positives)
    assert levels["commune"] >= 2 and levels["province"] >= 2, levels
    assert len({exp["source_kind"] for exp in labels}) == len(SOURCE_KINDS)


@devset_only
def test_devset_strings_occur_where_labelled() -> None:
    for name, label, html in devset_labels():
        exp = label["expected"]
        whole, article = texts(html, label["article_css"])
        assert article, f"{name}: article_css {label['article_css']} matches nothing"
        for sentence in exp.get("text_include", []):
            assert norm_text(sentence) in article, (name, sentence)
        for chrome in exp.get("chrome", []):
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


@devset_only
def test_devset_has_a_short_notice_and_chrome_for_every_page() -> None:
    short = []
    for name, label, html in devset_labels():
        assert label["expected"]["chrome"], f"{name}: no chrome strings labelled"
        if label["expected"].get("text_include"):
            article = texts(html, label["article_css"])[1]
            short += [name] if len(article) < 250 else []
    assert short, "no page with a short (<250 chars) body"
