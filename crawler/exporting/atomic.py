"""Files that appear under their name only when complete.

Every export file is written beside its target as ``NAME.part`` (or a hidden
``.NAME.part`` inside a corpus folder) and moved in place by one rename at the
end, so an interrupted or failed export never leaves a half-written file under
the target name, and a reader never sees one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(
    target: Path, *, binary: bool = False, partial_name: str | None = None
) -> Iterator[IO[Any]]:
    """A handle on a partial file in ``target``'s folder, renamed to ``target`` on success.

    On any failure the partial file is removed and the error goes on; a file
    already under the target name (an older export) is left as it was.
    """
    partial = target.with_name(partial_name or target.name + ".part")
    # A leftover partial file goes; exclusive creation then refuses to follow a
    # symlink planted under the partial name. The final rename replaces a link
    # under the target name itself, never the file it points to.
    partial.unlink(missing_ok=True)
    handle: IO[Any] = (
        partial.open("xb") if binary else partial.open("x", encoding="utf-8", newline="")
    )
    try:
        with handle:
            yield handle
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
