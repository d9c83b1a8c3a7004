"""Find the data files under data/ and read them without following links.

A pull request can add a symbolic link where a data file (or a page) belongs,
pointing at any file of the machine that builds it; reading through it would
publish that file, or print it in an error message in a public build log. So
a data file must be a regular file reached through real folders inside data/:
a link or anything else is refused with its own path, and its target is never
opened and never named. The same holds for the pages in docs/, which MkDocs
itself would read through links.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .yaml_strict import MAX_BYTES, Problem

REFUSED = ("is a symbolic link or not a regular file, so it is not read; data files and pages must be regular "
           "files inside their folder: replace it with the file itself")


def walk(data_dir: Path) -> Iterator[tuple[Path, bool]]:
    """Every file under data_dir, sorted, with whether it may be read: False for
    a symbolic link (to a file or a folder) or anything that is not a regular file."""
    if data_dir.is_symlink():
        yield data_dir, False
        return
    folders, found = [data_dir], []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        found.append((Path(entry.path), True))
                else:
                    found.append((Path(entry.path), False))
    yield from sorted(found)


def refused(folder: Path, display_root: Path) -> list[Problem]:
    """A problem for every link (or other file that is not a regular one) under folder."""
    return [Problem(path.relative_to(display_root).as_posix(), 1, 1, REFUSED) for path, readable in walk(folder) if not readable]


def read(path: Path, data_dir: Path) -> bytes:
    """A data file's bytes (at most MAX_BYTES + 1 of them); raise OSError if the path
    has become anything but a regular file inside data_dir since it was found."""
    if not os.path.realpath(path).startswith(os.path.realpath(data_dir) + os.sep):
        raise OSError(f"{path} is not inside {data_dir}")
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
        return stream.read(MAX_BYTES + 1)
