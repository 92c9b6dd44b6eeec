"""Run one command in a subprocess and measure it: wall time, CPU, peak memory.

CPU is the user + system time of the process and of every child it waited
for (its extraction workers), from ``os.wait4``; peak memory is the largest
total PSS of the process tree, sampled every quarter second (bench.proctree).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.proctree import TreeSampler

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Measurement:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    #: CPU seconds of the top process alone (the crawl's reactor), when sampled.
    main_cpu: float
    returncode: int
    stdout: str
    stderr: str
    units: int = 0

    @property
    def rate(self) -> float:
        return self.units / self.wall if self.wall > 0 else 0.0

    @property
    def cpu_ms_per_unit(self) -> float:
        return 1000 * self.cpu / self.units if self.units else 0.0


def clean_environment() -> dict[str, str]:
    """This environment without proxies (every request goes to the local server)."""
    dropped = ("http_proxy", "https_proxy", "no_proxy", "all_proxy", "database_url")
    return {k: v for k, v in os.environ.items() if k.lower() not in dropped}


def run_measured(name: str, args: list[str], workdir: Path) -> Measurement:
    """Run ``python ARGS`` (this interpreter) in ``workdir``, capturing its output to files."""
    out_path, err_path = workdir / f"{name}.out", workdir / f"{name}.err"
    env = {**clean_environment(), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen([sys.executable, *args], stdout=out, stderr=err, env=env,
                                   cwd=ROOT)  # fmt: skip
        sampler = TreeSampler(process.pid).start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        name=name,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=sampler.peak_kb / 1024,
        main_cpu=sampler.root_cpu,
        returncode=process.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )
