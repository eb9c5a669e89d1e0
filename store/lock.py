"""The single-writer lock: one process at a time may write a store."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from store.durable import open_no_follow

LOCK = "lock"


class StoreLock:
    """An exclusive flock on ``lock``, held for the life of the writer.

    flock dies with its process, so a lock left by a killed process is free
    again at once; the pid written inside only serves the read-only message.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK
        self._fd = -1
        self.holder: int | None = None

    def acquire(self) -> bool:
        fd = open_no_follow(self.path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            try:
                self.holder = int(os.pread(fd, 32, 0).decode().strip() or 0) or None
            except ValueError:
                self.holder = None
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


