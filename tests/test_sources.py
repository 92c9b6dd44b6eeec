"""The sources registry: schema, validation, the build script, selection, start requests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from crawler.cli import build_parser
from crawler.cli import main as cli_main
from crawler.sources import build
from crawler.sources.registry import (
    RegistryError,
    Source,
    crawl_selection,
    load_registry,
    select_sources,
    validate_registry,
)
from crawler.textnorm import fold

REGISTRY = load_registry(build.REGISTRY_PATH)


def test_committed_registry_is_what_the_build_script_writes() -> None:
    assert build.REGISTRY_PATH.read_text(encoding="utf-8") == build.render_registry(
        build.build_sources()
    ), "run: python -m crawler.sources.build"


def test_registry_validates() -> None:
    assert validate_registry(REGISTRY) == []


def test_registry_covers_every_province_and_district() -> None:
    from crawler.extraction.places import gazetteer

    g = gazetteer()
    papers = {s.province for s in REGISTRY if s.kind == "provincial_newspaper"}
    assert papers == set(g.provinces)
    portals = {(s.province, s.district) for s in REGISTRY if s.kind == "district_portal"}
    assert portals == {(d.province, d.name) for d in g.districts}
    party = [s for s in REGISTRY if s.kind == "district_party_site"]
    assert any(s.id.endswith(".dcs.vn") for s in party)
    assert sum(s.kind == "council_site" for s in REGISTRY) >= 5


def test_generated_district_portals_follow_the_domain_scheme_and_are_archive_only() -> None:
    portal = next(s for s in REGISTRY if s.id == "yenthe.bacgiang.gov.vn")
    assert (portal.province, portal.district, portal.status) == ("Bắc Giang", "Yên Thế",
                                                                "archive-only")  # fmt: skip
    assert portal.start_urls == ("https://yenthe.bacgiang.gov.vn/",)
    assert "2025-07-01" in portal.notes
    # A sister site of a province whose template is known inherits its family.
    assert next(s for s in REGISTRY if s.id == "nongcong.thanhhoa.gov.vn").platform == (
        "sharepoint_portal")  # fmt: skip
    # Curated entries replace generated ones.
    hauloc = next(s for s in REGISTRY if s.id == "hauloc.thanhhoa.gov.vn")
    assert hauloc.status == "frozen" and hauloc.platform == "sharepoint_portal"


def test_newspapers_use_todays_domain_and_note_the_merger() -> None:
    bac_ninh = next(s for s in REGISTRY if s.kind == "provincial_newspaper"
                    and s.province == "Bắc Ninh")  # fmt: skip
    assert bac_ninh.id == "baobacninhtv.vn" and "baobacninh.com.vn" in bac_ninh.aliases
    ha_giang = next(s for s in REGISTRY if s.kind == "provincial_newspaper"
                    and s.province == "Hà Giang")  # fmt: skip
    assert "Tuyên Quang" in ha_giang.notes


def _good() -> Source:
    return Source(id="thoxuan.thanhhoa.gov.vn", name="Cổng TTĐT huyện Thọ Xuân",
                  kind="district_portal", province="Thanh Hóa", district="Thọ Xuân",
                  platform=None, start_urls=("http://thoxuan.thanhhoa.gov.vn/",))  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "portal"}, "not a SCHEMA.md source_kind"),
        ({"status": "closed"}, "status 'closed'"),
        ({"status": "frozen"}, "must say why in notes"),
        ({"platform": "wordpress"}, "unknown platform"),
        ({"province": "Thanh Hoá Province"}, "unknown province"),
        ({"district": "Hậu Lộc"}, "host says district Thọ Xuân"),
        ({"district": "Ba Đình"}, "no district 'Ba Đình' in Thanh Hóa"),
        ({"district": None}, "needs a district"),
        ({"start_urls": ()}, "no start_urls"),
        ({"start_urls": ("ftp://thoxuan.thanhhoa.gov.vn/",)}, "not an http(s) URL"),
        ({"category_urls": ("http://example.com/tin-tuc",)}, "URL on another host"),
        ({"id": "WWW.Thoxuan.thanhhoa.gov.vn"}, "lower-case host"),
    ],
)
def test_validation_reports_each_kind_of_mistake(change: dict[str, object], problem: str) -> None:
    assert validate_registry([_good()]) == []
    problems = validate_registry([dataclasses.replace(_good(), **change)])  # type: ignore[arg-type]
    assert any(problem in p for p in problems), problems


def test_validation_reports_duplicates() -> None:
    problems = validate_registry([_good(), _good()])
    assert any("id used by 2 sources" in p for p in problems)


def test_unknown_fields_and_bad_files_are_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sources": [{**_good().to_dict(), "colour": "red"}]}), "utf-8")
    with pytest.raises(RegistryError, match="unknown fields"):
        load_registry(bad)
    bad.write_text("{not json", "utf-8")
    with pytest.raises(RegistryError, match="not valid JSON"):
        load_registry(bad)


def test_selection_filters() -> None:
    thanh_hoa = select_sources(REGISTRY, province="thanh hoa", kind="district_portal")
    assert thanh_hoa and all(s.province == "Thanh Hóa" for s in thanh_hoa)
    assert all(fold(s.province or "") == "thanh hoa" for s in thanh_hoa)
    named = select_sources(REGISTRY, ids=["www.baonghean.vn"])
    assert [s.id for s in named] == ["baonghean.vn"]
    with pytest.raises(RegistryError, match="no source with id"):
        select_sources(REGISTRY, ids=["nowhere.example"])
    live = crawl_selection(REGISTRY, everything=True)
    assert live and {s.status for s in live} <= {"active", "frozen"}
    # A named source is crawled whatever its status.
    assert crawl_selection(REGISTRY, ids=["yenthe.bacgiang.gov.vn"])[0].status == "archive-only"
    with pytest.raises(RegistryError):
        crawl_selection(REGISTRY)


def test_every_registered_source_builds_its_start_requests() -> None:
    from spiders.incremental import IncrementalSpider
    from spiders.source_run import SourceRun

    spider = IncrementalSpider(sources=[s.id for s in REGISTRY], registry=str(build.REGISTRY_PATH))
    assert len(spider.sources) == len(REGISTRY)
    for source in spider.sources:
        requests = spider.initial_requests(SourceRun(source))
        assert requests, source.id
        for request in requests:
            assert request.url.startswith(("http://", "https://")), request.url
            assert request.callback == spider.parse_listing
            assert request.meta["source_id"] == source.id


def test_sources_commands(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["sources", "--province", "Lạng Sơn",
                                               "--status", "frozen"])  # fmt: skip
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "bacson.langson.gov.vn" in out and "drupal_langson" in out
    assert "baolangson.vn" not in out  # active, filtered out
    check = build_parser().parse_args(["sources", "check"])
    assert check.handler(check) == 0


def test_sources_check_fails_on_a_broken_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "registry.json"
    row = {**_good().to_dict(), "kind": "blog"}
    broken.write_text(json.dumps({"sources": [row]}), "utf-8")
    assert cli_main(["sources", "check", "--registry", str(broken)]) == 1
    assert "not a SCHEMA.md source_kind" in capsys.readouterr().out
    assert cli_main(["crawl", "--registry", str(broken)]) == 2  # nothing named
