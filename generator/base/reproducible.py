"""The one date a build may depend on, so that the same book gives the same bytes.

MkDocs stamps every page with today's date (sitemap ``lastmod``, the gzip
header of ``sitemap.xml.gz``). A book instead takes ``SOURCE_DATE_EPOCH`` when
set (the reproducible-builds convention; CI sets it from the last commit),
otherwise the newest modification time of its own inputs: the date the book's
content last changed, which does not move when it is merely rebuilt.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from ..model import BookConfig
from .errors import ConfigError


def book_date(config: BookConfig) -> datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the latest mtime of book.yml and the sources (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH={epoch!r}: must be whole seconds since 1970-01-01 UTC, e.g. 1700000000"
            ) from None
    paths = [config.seeds_dir / "book.yml", *(config.seeds_dir / name for name in config.sources)]
    newest = max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)
    return datetime.fromtimestamp(int(newest), timezone.utc)
