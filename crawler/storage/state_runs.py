"""How the shares of one run's workers add up in the run's row.

In a distributed crawl (``crawl --distributed``) the feeder and every worker
open each source's run under the job's run id and end it with what their own
share saw. The row keeps the totals: counts, HTTP errors and the numbers in
the details are added; a name in the details (the platform) keeps the first
value given. Health flags are those the totals raise: a flag one share raised
stands unless the totals contradict it, which gives the flags
:func:`crawler.health.run_flags` raises on the summed metrics (a worker that
was handed none of the listings is not "unreachable" when another one read
them).
"""

from __future__ import annotations

from typing import Any

from crawler.health import (
    CHALLENGE,
    EMPTY_LISTING,
    FLAG_ORDER,
    LAYOUT_DRIFT,
    NO_ARTICLES,
    UNREACHABLE,
)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _added(old: Any, new: Any) -> Any:
    if old is None:
        return new
    if new is None:
        return old
    if _is_number(old) and _is_number(new):
        return old + new
    if isinstance(old, dict) and isinstance(new, dict):
        return added_up(old, new)
    return old


def added_up(total: dict[str, Any], share: dict[str, Any]) -> dict[str, Any]:
    """``total`` with a share added: numbers summed, mappings added key by key."""
    result = dict(total)
    for key, value in share.items():
        result[key] = _added(total.get(key), value)
    return result


def combined_flags(total: list[str], share: list[str], details: dict[str, Any]) -> list[str]:
    """The flags of a run's shares together; ``details`` are the run's summed details."""
    flags = list(dict.fromkeys([*total, *share]))
    challenged = CHALLENGE in flags
    answered = details.get("listings_read", 0) + details.get("listings_unchanged", 0)
    saw_articles = details.get("article_links", 0) > 0 or details.get("listings_unchanged", 0) > 0
    contradicted = set()
    if answered or challenged:
        contradicted.add(UNREACHABLE)
    if challenged:  # a bot wall explains empty listings
        contradicted.update((LAYOUT_DRIFT, EMPTY_LISTING))
    if saw_articles:
        contradicted.add(NO_ARTICLES)
    kept = [flag for flag in flags if flag not in contradicted]
    # In the order run_flags gives them; flags it does not know follow as they came.
    known = [flag for flag in FLAG_ORDER if flag in kept]
    return known + [flag for flag in kept if flag not in FLAG_ORDER]
