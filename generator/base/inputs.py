"""Reading a book's input files, remembering a digest of exactly the bytes each stage parsed.

The cache stores a run's result under a fingerprint of its inputs. Taken
from the disk before the run, that fingerprint would name the old text of a
source edited while the run read it, and a later build of the old text would
be served the new one. So every stage reads its files through
:func:`read_bytes`, and while :func:`recording` is active each read leaves
the SHA-256 of its bytes behind; the fingerprint stored with the result is
made from those digests (see :func:`generator.base.cache.fingerprint`).
"""

from __future__ import annotations

import hashlib
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

#: Resolved path → SHA-256 of the bytes read, for the run being recorded (None: not recording).
_digests: ContextVar[dict[str, str] | None] = ContextVar("briefbook_input_digests", default=None)


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; recorded when a run is being recorded."""
    data = Path(path).read_bytes()
    digests = _digests.get()
    if digests is not None:
        digests[str(Path(path).resolve())] = hashlib.sha256(data).hexdigest()
    return data


@contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Record every :func:`read_bytes` in this context: yields resolved path → digest of what was read."""
    digests: dict[str, str] = {}
    token = _digests.set(digests)
    try:
        yield digests
    finally:
        _digests.reset(token)


def not_a_file(path: Path) -> str:
    """What ``path`` is when it is not a regular file, in words ("a folder", "a named pipe (FIFO)" …).

    Reading a FIFO waits for a writer forever and a device such as /dev/zero
    never ends, so such a path is named and refused rather than opened.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return "missing"
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def compose(text: str) -> str:
    """Compose each letter typed with combining accents ("e" + U+0301) into one character ("é").

    Text typed decomposed (as macOS file names and some PDF exports are)
    would never match a keyword typed composed: the matcher reads words, and
    a combining mark is not part of one. Only a character followed by combining
    marks is normalised (NFC), so what the reader sees does not change; a
    character on its own (U+F900, U+212B ANGSTROM SIGN) stays exactly as written.
    One pass over the text.
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    out: list[str] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        if j - i > 1:
            out.append(text[start:i])
            out.append(unicodedata.normalize("NFC", text[i:j]))
            start = j
        i = j
    out.append(text[start:])
    return "".join(out)
