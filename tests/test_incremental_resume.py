"""An incremental crawl cut short (killed or stopped) is completed by the next run."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from test_incremental import PORTAL, ROOT, FixtureWeb, article_requests, fixture_web

from crawler.storage import open_storage

__all__ = ["fixture_web"]  # the fixture, imported for pytest to find


def stored_urls(web: FixtureWeb) -> set[str]:
    storage = open_storage(str(web.db))
    try:
        return {row["url"] for row in storage.iter_articles()}
    finally:
        storage.close()


def crawl_and_kill(web: FixtureWeb, after_articles: int) -> None:
    """Start `crawler crawl` of the portal; SIGKILL it once it has asked for that many articles."""
    process = subprocess.Popen(web.crawl_args(PORTAL), env=web.env(), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    try:
        while len(article_requests(web, PORTAL)) < after_articles:
            assert process.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline, "the crawl made no progress"
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)


def test_a_killed_crawl_is_completed_by_the_next_run(fixture_web: FixtureWeb) -> None:
    web = fixture_web
    for path in web.portal.site.paths():
        if "/portal/Pages/20" in path:  # articles answer a little slowly: room to kill
            web.portal.site.resources[path].delay = 0.1
    everything = set(web.portal.article_urls.values())
    crawl_and_kill(web, after_articles=len(everything) // 4)
    assert stored_urls(web) < everything  # cut short: some stored, not all

    resumed = web.crawl(PORTAL)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert stored_urls(web) == everything

    # Once complete, the next night costs little again.
    web.web.reset_log()
    quiet = web.crawl(PORTAL)
    assert quiet.returncode == 0, quiet.stderr[-2000:]
    assert not article_requests(web, PORTAL)
