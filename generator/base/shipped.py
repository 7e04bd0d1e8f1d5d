"""Where the files briefbook ships with itself are: its templates, assets and scaffold.

A module of its own so that every stage that needs them (rendering, the print
page, the offline bundle, ``briefbook new``) can import it without importing
each other.
"""

from __future__ import annotations

from pathlib import Path

#: Inside the package when installed from a wheel; the repository's own ``templates/`` in a source checkout.
_PACKAGED = Path(__file__).parent.parent / "templates"
BUILTIN_TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).parent.parent.parent / "templates"
