"""Data files shipped inside the package, read through importlib.resources.

A file path built from ``__file__`` cannot be opened when the package runs from
a zipped egg (Scrapyd deploys one); ``importlib.resources`` reads the file from
wherever the package was imported from, zip archives included.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_package_text(package: str, name: str) -> str:
    """The UTF-8 text of data file ``name`` of ``package`` ("crawler.extraction.data")."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def read_package_json(package: str, name: str) -> Any:
    """The parsed JSON document of data file ``name`` of ``package``."""
    return json.loads(read_package_text(package, name))
