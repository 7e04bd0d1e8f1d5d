"""Fixes to the HTML that MkDocs and Material write, applied by the plugin.

Material's templates do not autoescape, name the search dialog nowhere, and
raw HTML in Markdown (the SVG pictures) escapes MkDocs' link rewriting;
each function here mends one of those in a page's finished HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from markupsafe import Markup

from ..pictures import LINK_CLASS


def safe_html_title(output: str, page_title: str | None, site_name: str) -> str:
    """Re-escape the ``<title>`` Material writes as ``page.title | striptags``.

    ``striptags`` also *unescapes* entities and Material does not autoescape, so
    a page titled ``&lt;/title&gt;&lt;script&gt;`` would get a real script in its
    head. The exact string Material produced is replaced by its escaped form.
    """
    if not page_title:
        return output
    plain = Markup(page_title).striptags()
    bad = f"<title>{plain} - {site_name}</title>"
    good = f"<title>{html.escape(plain, quote=False)} - {site_name}</title>"
    return output.replace(bad, good, 1) if bad != good else output


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def plain_line(text: str) -> str:
    """``text`` as one line with control characters as spaces: a title fit for ``<title>`` and ``aria-label``."""
    return " ".join(_CONTROL.sub(" ", text).split())


_PICTURE_LINK = re.compile(rf'(<a class="{LINK_CLASS}" href=")([^"#]*)((?:#[^"]*)?")')
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')
_SEARCH_LABEL = re.compile(r'<input [^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')
_SEARCH_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search")')


def picture_links(content: str, page_file: Any, files: Any) -> str:
    """Point the links inside generated SVG pictures at the pages' real URLs.

    Raw HTML is not seen by MkDocs' link rewriting, so the renderer writes
    docs-relative ``.md`` targets and they are resolved here, for whichever
    layout the site uses: ``plan/`` with directory URLs, ``plan.html`` without
    (the offline bundle). A target that is not a page of the site is left as is.
    """

    def fix(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_file.src_uri), match.group(2)))
        found = files.get_file_from_path(target)
        if found is None:
            return match.group(0)
        return match.group(1) + html.escape(found.url_relative_to(page_file), quote=True) + match.group(3)

    return _PICTURE_LINK.sub(fix, content)


def accessible_search(output: str) -> str:
    """Name Material's search dialog and its toggle after the search box's own (translated) label.

    Material 9 renders ``role="dialog"`` without an accessible name and, on
    pages without a search button, a checkbox without a label; axe-core
    reports both as serious. The label text is Material's, so it follows the
    book's language.
    """
    found = _SEARCH_LABEL.search(output)
    if found is None:
        return output
    label = found.group(1)
    output = _SEARCH_DIALOG.sub(lambda m: f'{m.group(1)} aria-label="{label}"{m.group(2)}', output, count=1)
    return _SEARCH_TOGGLE.sub(lambda m: f'{m.group(1)} aria-label="{label}"', output, count=1)
