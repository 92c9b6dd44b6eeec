"""The command line works without the optional extras; commands that need one say which."""

from __future__ import annotations

import subprocess
import sys

# Runs the CLI with the extras' top modules made unimportable (None in sys.modules).
_RUN_WITHOUT = """
import sys
for name in {blocked!r}:
    sys.modules[name] = None
from crawler.cli import main
sys.exit(main({argv!r}))
"""


def _cli_without(blocked: list[str], argv: list[str]) -> subprocess.CompletedProcess[str]:
    code = _RUN_WITHOUT.format(blocked=blocked, argv=argv)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )


def test_help_needs_no_extra() -> None:
    result = _cli_without(["redis", "scrapy_redis", "datasketch", "pyarrow", "matplotlib"],
                          ["--help"])  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "worker" in result.stdout and "report" in result.stdout


def test_worker_without_the_distributed_extra_names_it() -> None:
    result = _cli_without(["redis", "scrapy_redis"], ["worker", "--wait", "1"])
    assert result.returncode == 2
    assert "vn-meetings-crawler[distributed]" in result.stderr
    assert "Traceback" not in result.stderr
