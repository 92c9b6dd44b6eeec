"""The sources registry: every site the crawler knows, its kind, place, CMS family and status."""

from crawler.sources.registry import (
    LIVE_STATUSES,
    PLATFORMS,
    STATUSES,
    RegistryError,
    Source,
    crawl_selection,
    load_registry,
    select_sources,
    validate_registry,
)

__all__ = [
    "LIVE_STATUSES",
    "PLATFORMS",
    "STATUSES",
    "RegistryError",
    "Source",
    "crawl_selection",
    "load_registry",
    "select_sources",
    "validate_registry",
]
