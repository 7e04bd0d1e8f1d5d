"""A full disk, a read-only folder: what the file system refuses, said as one line.

These are not bugs but the machine's state, so the CLI reports them like a
book's mistakes (one line, exit status 2) instead of a traceback. Output is
always staged next to its place and swapped in whole (see
:mod:`generator.write`), so when a write fails the earlier docs/, site/ and
dist/ files are still exactly as they were.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager

_FIXES: dict[int, str] = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EFBIG: "the file would be larger than the file system allows: build on another disk",
    errno.EROFS: "the file system is read-only: copy the book to a writable folder and build it there",
    errno.EACCES: "permission denied: make the book folder and its docs/, site/ and dist/ writable",
    errno.EPERM: "not permitted: make the book folder writable (and check 'lsattr' for the immutable flag)",
}


def output_problem(err: OSError) -> str | None:
    """The one-line report of a write the file system refused; None for any other error (a bug keeps its traceback)."""
    fix = _FIXES.get(err.errno or 0)
    if fix is None:
        return None
    where = err.filename if err.filename is not None else "output"
    return f"{where}: cannot write ({err.strerror or fix.split(':')[0]}): {fix}; the previous output is left as it was"


#: MkDocs logs these before re-raising any error while it builds a page.
_PAGE_ERRORS = ("Error building page", "Error reading page")


class _Hold(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.held: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and str(record.msg).startswith(_PAGE_ERRORS):
            self.held.append(record)
            return False
        return True


@contextmanager
def mkdocs_page_errors_held() -> Iterator[None]:
    """Hold back MkDocs' "Error building page" lines while it builds.

    When the build fails because the file system refused a write, that line
    would be a second report of the same problem; for any other failure the
    held lines are printed after all.
    """
    log = logging.getLogger("mkdocs.commands.build")
    hold = _Hold()
    log.addFilter(hold)
    try:
        yield
    except OSError as err:
        log.removeFilter(hold)
        if output_problem(err) is None:
            _release(log, hold)
        raise
    except BaseException:
        log.removeFilter(hold)
        _release(log, hold)
        raise
    log.removeFilter(hold)
    _release(log, hold)


def _release(log: logging.Logger, hold: _Hold) -> None:
    for record in hold.held:
        log.handle(record)
