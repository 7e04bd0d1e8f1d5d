"""A one-line progress bar on stderr for long work, shown only to a person at a terminal.

It stays silent when stderr is not a terminal (pipes, logs, tests), when the
``CI`` or ``BRIEFBOOK_NO_PROGRESS`` environment variable is set, after
:func:`silence` (``--quiet``), and for work that ends before ``delay`` seconds,
so small books never flicker. A dozen lines do not justify a dependency.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

_silenced = False


def silence(quiet: bool = True) -> None:
    """Turn every progress bar of this process off (``--quiet``) or back on."""
    global _silenced
    _silenced = quiet


def wanted(stream: TextIO) -> bool:
    """Whether a bar may be drawn on ``stream`` at all."""
    if _silenced or os.environ.get("CI") or os.environ.get("BRIEFBOOK_NO_PROGRESS"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """``with Progress("Rendering pages", 1033) as bar: ... bar.advance()``."""

    WIDTH = 30

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None, delay: float = 0.5) -> None:
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream)
        self.start = time.monotonic()
        self.delay = delay
        self.last_draw = 0.0
        self.drawn = False

    def advance(self, steps: int = 1) -> None:
        self.done = min(self.done + steps, self.total)
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last_draw < 0.1 and self.done < self.total):
            return
        self.last_draw = now
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar, so the lines printed after it start clean."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
