"""A real PostgreSQL server on loopback for the storage tests.

The server is started from the installed binaries (``initdb``/``pg_ctl`` on
PATH or under /usr/lib/postgresql/*/bin) in a temporary directory, listens on
127.0.0.1 on a free port with its socket inside that directory, and is stopped
and removed at the end of the session. PostgreSQL refuses to run as root, so
as root it runs as ``nobody``. Tests that need it are skipped, with the reason,
when any of this is impossible.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_SERVER_USER = "nobody"
_SUPERUSER = "postgres"
_names = itertools.count(1)


def find_bin_dir() -> Path | None:
    """The directory that holds initdb and pg_ctl, or None."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates += [Path(found) for found in versions]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir = bin_dir
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                pytest.skip("running as root and runuser is absent: PostgreSQL refuses root")
            try:
                account = pwd.getpwnam(_SERVER_USER)
            except KeyError:
                pytest.skip(f"running as root and there is no {_SERVER_USER!r} user to run as")
            os.chown(root, account.pw_uid, account.pw_gid)
            self.as_user = [runuser, "-u", _SERVER_USER, "--"]

    def _run(self, tool: str, *args: str) -> None:
        command = [*self.as_user, str(self.bin_dir / tool), *args]
        done = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False
        )
        if done.returncode != 0:
            pytest.skip(f"{tool} failed ({done.returncode}): {done.stderr.strip()[-400:]}")

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", _SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        command = [*self.as_user, str(self.bin_dir / "pg_ctl"), "-D", str(self.data)]
        subprocess.run(
            [*command, "-m", "fast", "-w", "stop"], cwd=self.root, capture_output=True, timeout=60
        )

    def url(self, database: str = _SUPERUSER) -> str:
        return f"postgresql://{_SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"test_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"'.encode())
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    server: PostgresServer | None = None
    try:
        server = PostgresServer(bin_dir, root)
        server.start()
        yield server
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """URL of a fresh, empty database on the test server."""
    return postgres_server.create_database()
