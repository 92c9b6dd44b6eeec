"""The registry of sources: every site the crawler knows, as data.

A source is one site: its id (the host, lower-case, without "www."), its
SCHEMA.md ``source_kind``, the province and district it covers, the CMS
family that reads it (``platform``; null: detect from the first page), where
to start and which listing pages to watch, and whether it still publishes:

- ``active``: online and publishing; crawled by ``crawler crawl --all``;
- ``frozen``: online but no longer updated (district sites after 1 July 2025);
  re-checked cheaply by ``--all`` through conditional requests;
- ``archive-only``: reached through web archives (``archive-harvest``); not
  crawled live unless named;
- ``gone``: offline for good; kept so records still name their source.

The committed file is ``data/registry.json``, written by
``python -m crawler.sources.build`` from the gazetteer, the newspaper list and
the hand-kept ``data/curated.json``. ``CRAWLER_REGISTRY`` names another file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.extraction.hosts import SOURCE_KINDS, host_info
from crawler.extraction.places import gazetteer
from crawler.textnorm import fold

STATUSES = ("active", "frozen", "gone", "archive-only")
#: Statuses that `crawl --all` crawls live.
LIVE_STATUSES = ("active", "frozen")
#: CMS families with a platform spider (spiders/platforms); null means "detect".
PLATFORMS = (
    "sharepoint_portal", "liferay", "nukeviet", "aspnet_mvc", "drupal_langson", "phutho_cms",
    "quangbinh_3cms", "tuyenquang_cms", "dcs_vn", "newspaper", "generic",
)  # fmt: skip
REGISTRY_ENV = "CRAWLER_REGISTRY"
REGISTRY_FILE = "registry.json"


class RegistryError(ValueError):
    """The registry file cannot be read or a selection names no source."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    province: str | None
    district: str | None = None
    platform: str | None = None
    start_urls: tuple[str, ...] = ()
    category_urls: tuple[str, ...] = ()
    status: str = "active"
    notes: str = ""
    #: Other hosts the same site answers on (older domains, mirrors).
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Source:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(row) - known)
        if unknown:
            raise RegistryError(f"source {row.get('id')!r}: unknown fields {unknown}")
        values = dict(row)
        for name in ("start_urls", "category_urls", "aliases"):
            values[name] = tuple(values.get(name) or ())
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        for name in ("start_urls", "category_urls", "aliases"):
            row[name] = list(row[name])
        if not row["aliases"]:
            del row["aliases"]
        return row

    @property
    def hosts(self) -> frozenset[str]:
        """Hosts whose pages belong to this source."""
        urls = (*self.start_urls, *self.category_urls)
        return frozenset({self.id, *self.aliases, *(_host(u) for u in urls)})

    @property
    def listing_urls(self) -> tuple[str, ...]:
        """Where a crawl starts: the watched listings, else the start pages."""
        return self.category_urls or self.start_urls


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def default_registry_path() -> Path | None:
    value = os.environ.get(REGISTRY_ENV, "").strip()
    return Path(value) if value else None


def read_registry_text(path: str | Path | None = None) -> str:
    target = Path(path) if path else default_registry_path()
    if target is None:
        # importlib.resources also reads the file from a zipped egg (Scrapyd).
        return resources.files("crawler.sources.data").joinpath(REGISTRY_FILE).read_text("utf-8")
    try:
        return target.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"cannot read registry {target}: {exc}") from exc


def load_registry(path: str | Path | None = None) -> list[Source]:
    """Sources of the registry file (``path``, else $CRAWLER_REGISTRY, else the packaged one)."""
    try:
        document = json.loads(read_registry_text(path))
    except json.JSONDecodeError as exc:
        raise RegistryError(f"registry is not valid JSON: {exc}") from exc
    rows = document.get("sources") if isinstance(document, dict) else document
    if not isinstance(rows, list):
        raise RegistryError("registry must be a list of sources or {\"sources\": [...]}")
    return [Source.from_dict(row) for row in rows]


# -- validation --------------------------------------------------------------------------
def _url_problems(source: Source) -> list[str]:
    problems = []
    if not source.start_urls:
        problems.append(f"{source.id}: no start_urls")
    for url in (*source.start_urls, *source.category_urls):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append(f"{source.id}: not an http(s) URL: {url!r}")
        elif _host(url) not in {source.id, *source.aliases}:
            problems.append(f"{source.id}: URL on another host: {url}")
    return problems


def _place_problems(source: Source) -> list[str]:
    g = gazetteer()
    if source.province is None:
        return [] if source.kind in ("national_media", "other") else [
            f"{source.id}: a {source.kind} needs a province"]  # fmt: skip
    if source.province not in g.provinces:
        return [f"{source.id}: unknown province {source.province!r}"]
    if source.district is None:
        return [f"{source.id}: a {source.kind} needs a district"] if source.kind in (
            "district_portal", "district_party_site") else []  # fmt: skip
    names = {d.name for d in g.districts if d.province == source.province}
    if source.district not in names:
        return [f"{source.id}: no district {source.district!r} in {source.province}"]
    return []


def _host_problems(source: Source) -> list[str]:
    """The host classifier and the entry must agree on the place when the host names one."""
    info = host_info(source.id)
    problems = []
    if info.province and source.province and info.province != source.province:
        problems.append(f"{source.id}: host says province {info.province}, "
                        f"entry says {source.province}")  # fmt: skip
    if info.district and source.district and info.district != source.district:
        problems.append(f"{source.id}: host says district {info.district}, "
                        f"entry says {source.district}")  # fmt: skip
    return problems


def source_problems(source: Source) -> list[str]:
    problems = []
    if not source.id or source.id != source.id.strip().lower() or source.id.startswith("www."):
        problems.append(f"{source.id!r}: id must be the lower-case host without www.")
    if not source.name.strip():
        problems.append(f"{source.id}: empty name")
    if source.kind not in SOURCE_KINDS:
        problems.append(f"{source.id}: kind {source.kind!r} is not a SCHEMA.md source_kind")
    if source.status not in STATUSES:
        problems.append(f"{source.id}: status {source.status!r} not in {STATUSES}")
    if source.platform is not None and source.platform not in PLATFORMS:
        problems.append(f"{source.id}: unknown platform {source.platform!r}")
    if source.status != "active" and not source.notes.strip():
        problems.append(f"{source.id}: a {source.status} source must say why in notes")
    return problems + _url_problems(source) + _place_problems(source) + _host_problems(source)


def validate_registry(sources: Sequence[Source] | None = None) -> list[str]:
    """Every problem of the registry, one line each; empty when it is sound."""
    sources = load_registry() if sources is None else sources
    problems: list[str] = []
    ids = Counter(s.id for s in sources)
    problems += [f"{i}: id used by {n} sources" for i, n in sorted(ids.items()) if n > 1]
    owners: dict[str, str] = {}
    for source in sources:
        problems += source_problems(source)
        for host in source.hosts:
            other = owners.setdefault(host, source.id)
            if other != source.id:
                problems.append(f"{source.id}: host {host} also belongs to {other}")
    return problems


# -- selection ---------------------------------------------------------------------------
def select_sources(
    sources: Iterable[Source],
    *,
    ids: Sequence[str] = (),
    province: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    platform: str | None = None,
) -> list[Source]:
    """Sources matching every filter given; ids must all exist."""
    chosen = list(sources)
    if ids:
        by_id = {s.id: s for s in chosen}
        wanted = [i.strip().lower().removeprefix("www.") for i in ids if i.strip()]
        missing = [i for i in wanted if i not in by_id]
        if missing:
            raise RegistryError(f"no source with id {', '.join(missing)} in the registry")
        chosen = [by_id[i] for i in dict.fromkeys(wanted)]
    if province:
        key = fold(province)
        chosen = [s for s in chosen if s.province and fold(s.province) == key]
    if kind:
        chosen = [s for s in chosen if s.kind == kind]
    if status:
        chosen = [s for s in chosen if s.status == status]
    if platform:
        chosen = [s for s in chosen if (s.platform or "") == platform]
    return chosen


def crawl_selection(
    sources: Iterable[Source],
    *,
    ids: Sequence[str] = (),
    province: str | None = None,
    everything: bool = False,
    kind: str | None = None,
    status: str | None = None,
) -> list[Source]:
    """What `crawl` crawls: named sources whatever their status, else live ones."""
    if not (ids or province or everything):
        raise RegistryError("name sources to crawl, or give --province or --all")
    chosen = select_sources(sources, ids=ids, province=province, kind=kind, status=status)
    if not ids and status is None:
        chosen = [s for s in chosen if s.status in LIVE_STATUSES]
    return chosen
