"""Package data is read through importlib.resources, so a zipped egg (Scrapyd) can read it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from crawler.packagedata import read_package_json, read_package_text

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_ROOTS = ("crawler", "spiders", "pipelines")
# The suffixes pyproject.toml ships as package data.
DATA_SUFFIXES = (".json", ".html", ".txt", ".xml")


def _data_files() -> list[tuple[str, str]]:
    """(package, file name) of every data file inside a package directory of the project."""
    found = []
    for top in PACKAGE_ROOTS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in DATA_SUFFIXES or not (path.parent / "__init__.py").exists():
                continue
            package = ".".join(path.parent.relative_to(ROOT).parts)
            found.append((package, path.name))
    return found


DATA_FILES = _data_files()


def test_the_project_ships_its_gazetteer_and_source_lists() -> None:
    names = {name for _, name in DATA_FILES}
    assert {"gazetteer.json", "newspapers.json", "curated.json", "registry.json"} <= names


@pytest.mark.parametrize(("package", "name"), DATA_FILES, ids=lambda v: str(v))
def test_each_data_file_loads_through_importlib_resources(package: str, name: str) -> None:
    text = read_package_text(package, name)
    on_disk = (ROOT / package.replace(".", "/") / name).read_text(encoding="utf-8")
    assert text == on_disk
    if name.endswith(".json"):
        assert read_package_json(package, name) == json.loads(on_disk)
    assert resources.files(package).joinpath(name).is_file()


def test_a_missing_data_file_raises() -> None:
    with pytest.raises(FileNotFoundError):
        read_package_text("crawler.extraction.data", "no-such-file.json")


# Run inside a zip holding only the package: every reader must find its data there.
_ZIPPED_READERS = """
from crawler.extraction.hosts import host_info
from crawler.extraction.places import find_place, gazetteer
from crawler.sources.build import build_sources
from crawler.sources.registry import load_registry
assert crawler.__file__.startswith(ZIP), crawler.__file__
assert len(gazetteer().provinces) == 63
assert host_info("https://baothanhhoa.vn/").source_kind == "provincial_newspaper"
assert find_place("Hội nghị Huyện ủy Thọ Xuân", "").district == "Thọ Xuân"
assert len(load_registry()) > 700
assert len(build_sources()) > 700
print("ok")
"""


def test_readers_work_from_a_zipped_package(tmp_path: Path) -> None:
    archive = tmp_path / "crawler.egg"
    with zipfile.ZipFile(archive, "w") as egg:
        for path in sorted((ROOT / "crawler").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                egg.write(path, path.relative_to(ROOT).as_posix())
    script = f"import sys; sys.path.insert(0, {str(archive)!r}); ZIP = {str(archive)!r}\n"
    script += "import crawler\n" + _ZIPPED_READERS
    done = subprocess.run(
        [sys.executable, "-I", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
