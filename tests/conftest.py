"""Shared fixtures: the sample web on loopback, the shared seed folder, CLI runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "gold.json").exists():
        pytest.skip(f"the shared seed documents are not beside the project ({SEEDS} is absent)")
    return SEEDS


@pytest.fixture(scope="session")
def gold(seeds_dir: Path) -> dict:
    data = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    return {name: fields for name, fields in data.items() if not name.startswith("_")}


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m crawler ARGS` in a fresh process (one Twisted reactor per crawl)."""
    # No request of a test may leave the machine, whatever the environment says:
    # proxies come only from the test itself.
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in ("http_proxy", "https_proxy", "no_proxy", "database_url")
    }
    full_env = {**inherited, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crawler", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or ROOT,
    )


@pytest.fixture
def cli() -> object:
    return run_cli


@pytest.fixture
def demo_web() -> Iterator[tuple[object, str]]:
    from crawler.demo.server import VirtualWeb
    from crawler.demo.sites import build_demo_web

    with VirtualWeb(build_demo_web()) as web:
        proxy = web.start()
        yield web, proxy
