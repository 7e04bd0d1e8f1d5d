"""Material's search index without running Python's HTML parser over every page a second time.

Material's search plugin (``material/plugins/search/plugin.py``) feeds each page's
HTML to a subclass of :class:`html.parser.HTMLParser` whose handlers divide it into
sections (a heading and the text under it). Most of that time is the generic parser
itself: a handful of regular expressions and line counting per tag. The HTML of a
book's page is simple (what Python-Markdown serializes: quoted attributes, escaped
text), so :func:`events` splits it into the same start tag, end tag and text events
with one linear scan, and :class:`FastSearchIndex` hands them to Material's own
parser's handlers: the sections, and so the entries, come out of Material's code.
A page with anything the scan does not know (a comment, a script, an unquoted
attribute, a ``<`` that starts no tag …) is parsed by Material as before.

It relies on Material's ``SearchIndex`` and ``Parser`` (internal classes), so
pyproject.toml pins the Material versions it was checked against; with any
other, :func:`install` leaves the search plugin alone.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .fastmd import enabled

try:  # Material's internals; without them search works exactly as Material ships it
    from material import __version__ as _MATERIAL
    from material.plugins.search.plugin import Parser, SearchIndex
except ImportError:  # pragma: no cover
    Parser = SearchIndex = None
    _MATERIAL = ""

#: The Material versions whose search parser this was checked against (tests/test_fastpath.py).
CHECKED = ("9.8.",)

# A tag: its name, then everything up to ">" with no "<" or ">" inside (so no quoted ">").
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]{0,60})([^<>]{0,100000})>")
# One attribute: a name, and a value in double quotes or none.
_ATTRIBUTE = re.compile(r'\s{1,40}([a-zA-Z_:][a-zA-Z0-9_.:-]{0,100})(?:="([^"]{0,100000})")?')
_END_OF_TAG = re.compile(r"\s{0,40}(/?)")
# Elements whose content Python's HTML parser reads as raw text (in some Python version or other).
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())

Event = tuple[str, Any, Any]


def events(page_html: str) -> list[Event] | None:
    """The start tag, end tag and text events Python's ``HTMLParser`` gives for ``page_html``
    (``convert_charrefs`` on), or None when the page holds something this scan does not know."""
    out: list[Event] = []
    pos = 0
    size = len(page_html)
    unescape = html.unescape
    while pos < size:
        at = page_html.find("<", pos)
        if at < 0:
            at = size
        if at > pos:
            out.append(("data", unescape(page_html[pos:at]), None))
        if at == size:
            break
        tag = _TAG.match(page_html, at)
        if tag is None:
            return None
        closing, name, rest = tag.groups()
        name = name.lower()
        if name in _RAW_TEXT:
            return None
        if closing:
            if rest.strip():
                return None
            out.append(("end", name, None))
        else:
            attributes: list[tuple[str, str | None]] = []
            inner = 0
            while (attribute := _ATTRIBUTE.match(rest, inner)) is not None:
                value = attribute.group(2)
                attributes.append((attribute.group(1).lower(), unescape(value) if value else value))
                inner = attribute.end()
            tail = _END_OF_TAG.match(rest, inner)
            assert tail is not None  # it matches the empty string
            if tail.end() != len(rest):
                return None
            out.append(("startend" if tail.group(1) else "start", name, attributes))
        pos = tag.end()
    return out


def _sections(page_html: str) -> Any:
    """Material's parser with the page fed in: by the scan's events, or by itself when the scan declines."""
    parser = Parser()
    found = events(page_html)
    if found is None:
        parser.feed(page_html)
        parser.close()
        return parser
    for kind, first, second in found:
        if kind == "data":
            parser.handle_data(first)
        elif kind == "start":
            parser.handle_starttag(first, second)
        elif kind == "end":
            parser.handle_endtag(first)
        else:
            parser.handle_startendtag(first, second)
    return parser


if SearchIndex is not None:

    class FastSearchIndex(SearchIndex):  # type: ignore[misc,valid-type]
        """Material's search index; only the way a page's HTML is read differs."""

        def add_entry_from_context(self, page: Any) -> None:
            search = page.meta.get("search") or {}
            if search.get("exclude"):
                return
            for section in _sections(page.content).data:
                if not section.is_excluded():
                    self.create_entry_for_section(section, page.toc, page.url, page)


def install(config: MkDocsConfig) -> None:
    """Give Material's search plugin (when it is on, and is the one this was checked against) the fast index."""
    if SearchIndex is None or not enabled() or not _MATERIAL.startswith(CHECKED):
        return
    for name in ("material/search", "search"):
        search = config.plugins.get(name)
        index: Any = getattr(search, "search_index", None)
        if search is not None and type(index) is SearchIndex:
            fast = FastSearchIndex(**index.config)
            fast.entries = index.entries
            search.search_index = fast
