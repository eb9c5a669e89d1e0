"""Writing files so that a crash or a reader sees the old bytes or the new, never half, and never through a link.

Every file alliances-tui writes inside a store goes through here: the
snapshots, the seals, the journal's archive, backups and exports. A link in
the last component is refused rather than followed: it is not a file this
program made, and whoever made it expects its target to stay as it is.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from store.errors import StoreError

# --- no writing through links ---------------------------------------------------
class LinkRefused(StoreError):
    """A file of the store is a symbolic link: writing would change its target, outside the store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is a symbolic link; alliances-tui does not write through links inside a store: "
            "replace it with the file it points to"
        )


def refuse_link(path: Path) -> None:
    """Raise LinkRefused if ``path`` itself (not its folder) is a symbolic link.

    Only the last component: the store folder may be a link of the user's
    (``--db`` pointing at a folder elsewhere), and is written through.
    """
    if os.path.islink(path):
        raise LinkRefused(path)


def open_no_follow(path: Path, flags: int, mode: int = 0o644) -> int:
    """``os.open`` that never follows a link in the last component, even a dangling one."""
    try:
        return os.open(path, flags | os.O_NOFOLLOW, mode)
    except OSError:
        # ELOOP is Linux's answer for a link; some systems say EMLINK or EFTYPE.
        if os.path.islink(path):
            raise LinkRefused(path) from None
        raise


# --- durable file writes -----------------------------------------------------

def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX leaves it in the page cache)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader or a crash sees old or new, never half.

    A link at ``path`` is refused, not replaced: it is not a file this program
    made, and whoever made it expects its target to be the one written.
    """
    refuse_link(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the temp files a crash left; only regular files, which are what atomic_write makes.

    A link or a folder of that name is someone else's: left alone, and no
    reason to refuse to write.
    """
    for tmp in folder.glob(".*.tmp"):
        try:
            if stat.S_ISREG(tmp.lstat().st_mode):
                tmp.unlink()
        except FileNotFoundError:
            pass


