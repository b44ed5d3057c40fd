"""The shared file system (EFS in production, a local folder otherwise).

Writes go to a temporary file in the final directory, are fsynced, then renamed into place, so a
reader never sees a half-written image under its final name.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .keys import PREFIX, parse_key

TEMP_PREFIX = ".tmp-"
_PROBE_NAME = ".ready-probe"


@dataclass(frozen=True)
class StoredFile:
    key: str
    modified: float


class EfsStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, key: str) -> Path:
        """The file for a key; only keys we generate are accepted, so no path comes from input."""
        if parse_key(key) is None:
            raise ValueError(f"not an image key: {key!r}")
        return self.root / key

    def write(self, key: str, data: bytes) -> None:
        final = self.path_for(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}-{final.name}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o640)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.rename(temp, final)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_directory(final.parent)

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def iter_files(self) -> Iterator[StoredFile]:
        """Every file below ``images/``, including temp files and strays, with its mtime."""
        base = self.root / PREFIX
        for directory, _, names in os.walk(base):
            for name in names:
                path = Path(directory) / name
                try:
                    modified = path.lstat().st_mtime
                except FileNotFoundError:
                    continue
                yield StoredFile(key=path.relative_to(self.root).as_posix(), modified=modified)

    def delete_any(self, key: str) -> None:
        """Remove a file found by ``iter_files`` (which may be a temp file, not an image key)."""
        path = (self.root / key).resolve()
        if not path.is_relative_to((self.root / PREFIX).resolve()):
            raise ValueError(f"refusing to delete outside the image folder: {key!r}")
        path.unlink(missing_ok=True)

    def check_writable(self) -> None:
        """Create, fsync and remove a small file: proves the mount is there and writable."""
        self.root.mkdir(parents=True, exist_ok=True)
        probe = self.root / f"{_PROBE_NAME}-{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable, not only the file's bytes."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
