"""Memory and CPU of a process and its descendants, read from /proc (Linux).

``psutil`` is not needed: /proc/<pid>/stat gives the parent of each process
and /proc/<pid>/smaps_rollup its proportional set size (PSS), which shares
pages between the crawl process and its spawned workers fairly instead of
counting the same library pages once per process. Where PSS cannot be read,
the resident set size (RSS) stands in.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

_PROC = Path("/proc")
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after it.
    return text[text.rindex(")") + 2 :].split()


def children_map() -> dict[int, list[int]]:
    """parent pid -> child pids, for every process visible now."""
    tree: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields:
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    tree = children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def memory_kb(pid: int) -> int:
    """PSS of one process in KiB (RSS when smaps_rollup is unreadable), 0 if gone."""
    try:
        for line in (_PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    fields = _stat_fields(pid)
    return int(fields[21]) * _PAGE_KB if fields else 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one live process (not of its children)."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / _TICKS if fields else 0.0


@dataclass
class TreeSampler:
    """Samples a process tree's memory in a background thread; keeps the peak.

    Also keeps each process's last CPU reading, so the split of CPU time
    between the crawl process and its workers can be shown.
    """

    root: int
    interval: float = 0.25
    peak_kb: int = 0
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeSampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            pids = descendants(self.root)
            self.peak_kb = max(self.peak_kb, sum(memory_kb(pid) for pid in pids))
            for pid in pids:
                seconds = cpu_seconds(pid)
                if seconds:
                    self.cpu_by_pid[pid] = seconds

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def root_cpu(self) -> float:
        return self.cpu_by_pid.get(self.root, 0.0)
