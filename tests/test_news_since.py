"""Where "news" begins for an incremental run: after the last complete run of the source."""

from __future__ import annotations

from crawler.health import INTERRUPTED
from crawler.storage.state import RunRow
from spiders.source_run import news_since


def run(run_id: str, started: str, ended: str | None = None, flags: tuple[str, ...] = ()) -> RunRow:
    return RunRow(run_id, "a.gov.vn", started, ended, 0, 0, 0, 0, 0, {}, 0, list(flags), {})


def test_after_a_complete_run_news_begins_with_this_run() -> None:
    history = [run("r1", "2026-01-01", "2026-01-01"), run("r2", "2026-01-02")]
    assert news_since(history, "r2") == "2026-01-02"


def test_killed_and_interrupted_runs_since_the_last_complete_one_count_as_unfinished() -> None:
    history = [
        run("r1", "2026-01-01", "2026-01-01"),
        run("r2", "2026-01-02"),  # killed: never ended
        run("r3", "2026-01-03", "2026-01-03", flags=(INTERRUPTED,)),
        run("r4", "2026-01-04"),
    ]
    assert news_since(history, "r4") == "2026-01-02"


def test_a_first_run_and_an_unknown_run() -> None:
    assert news_since([run("r1", "2026-01-01")], "r1") == "2026-01-01"
    assert news_since([run("r1", "2026-01-01", "2026-01-01")], "other") is None
