"""The print version of the book: every page of the nav, ready for paper.

A reader prints it from their own browser and ``briefbook pdf`` prints it
with a headless Chromium, so both get the same book: a cover, a table of
contents, then every page in nav order, each starting on a new sheet.

A book whose pages fit in :data:`PART_BYTES` of HTML prints from one page. A
bigger one would make a page of many megabytes (18.8 MB for 1,000 sources):
its print version is a front page (cover, contents, the list of parts) and
parts of whole pages (:func:`plan_parts`), each under a megabyte, which
``briefbook pdf`` joins into one PDF.

The pages are added to the MkDocs build as virtual files (nothing is written
into ``docs/``), kept out of the nav and the search index, and composed in
``on_env``: by then MkDocs has turned every page into HTML, so the print
version is generic over whatever the nav holds (themes, sources, pages other
parts of briefbook add) without rendering anything twice, and its size is
known before the parts are made.

Pages are joined, not nested, so their ids would clash (every theme page has
a "Related themes" heading; a paragraph's anchor is on its theme page and on
its source page). Each page's ids get a prefix (unique across all parts),
links between pages become links within the print version (to another part
when the target is there; other relative links are rewritten for where the
print page is), and since paper cannot be clicked every link to
another page is followed by where it points: "(→ Digital trade)". Links to
a source are short citations instead, "[S1 ¶12]", with the sources numbered
on the cover, so a glossary entry citing ten paragraphs does not repeat a
long title ten times.

The contents get page numbers in a second printing (see :mod:`generator.outputs.pdf`):
each entry has an empty ``bb-print-pageno`` slot, filled from where the first printing put its chapter.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..base.shipped import BUILTIN_TEMPLATES
from ..link import Registry
from ..mentions import MENTION_CLASSES
from ..model import Book, BookConfig
from ..render_knowledge import published

PRINT_SRC = "print.md"

# Front matter: Material leaves the page out of search and hides the sidebars on screen.
# No heading: the page's own table of contents stays empty (its content is all replaced).
_PRINT_MD = """---
title: Print version
search:
  exclude: true
hide:
  - navigation
  - toc
---
"""


#: The most chapter HTML one print page holds, in bytes. Material's page around it adds some 20 kB
#: (more with a long nav); a browser opens, searches and prints a page of this size without
#: strain, and no HTML page of the site is to pass 1 MB. A book whose chapters fit prints on one
#: page; a bigger one gets a front page (cover, contents) and as many parts as it needs.
PART_BYTES = 600_000


def print_file(config: Any) -> Any:
    """The print page as a virtual MkDocs file, outside the nav; its content is replaced by :func:`compose`."""
    from mkdocs.structure.files import File, InclusionLevel

    return File.generated(config, PRINT_SRC, content=_PRINT_MD, inclusion=InclusionLevel.NOT_IN_NAV)


def part_src(number: int) -> str:
    """The docs path of part ``number`` (from 2; the front page is part 1) of a print version in parts."""
    return f"print/part-{number}.md"


def part_file(config: Any, number: int, total: int) -> Any:
    """Part ``number`` of ``total`` as a virtual MkDocs file, outside the nav; filled by :func:`compose`."""
    from mkdocs.structure.files import File, InclusionLevel

    front = _PRINT_MD.replace("title: Print version", f"title: Print version, part {number} of {total}", 1)
    return File.generated(config, part_src(number), content=front, inclusion=InclusionLevel.NOT_IN_NAV)


def edition_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The date printed on the cover: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def page_key(src_uri: str) -> str:
    """A prefix for a page's ids on the print page: ``sources/a-b.md`` → ``sources-a-b``."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "page"


@dataclass(frozen=True)
class PrintPage:
    """One page of the nav as it appears in the print version."""

    key: str
    url: str  # the page's URL in the site, relative to the site root
    title: Markup  # MkDocs' title: already HTML (entities kept, no tags)
    part: int = 0  # which print page holds it: 0 is the front page


@dataclass(frozen=True)
class TocEntry:
    """A line of the table of contents: a page (``key`` set) or a section heading with children."""

    title: Markup
    key: str = ""
    children: tuple[TocEntry, ...] = ()
    href: str = ""  # "#key" on the same print page, else the part's URL and "#key"


@dataclass(frozen=True)
class PartView:
    """A later part of the print version as the front page lists it."""

    number: int
    href: str
    first: Markup  # the title of its first chapter
    last: Markup  # and of its last


@dataclass(frozen=True)
class SourceCredit:
    """A source as the cover lists it: its short name for citations ("S1"), title and attribution."""

    label: str
    title: str
    attribution: str
    published: str = ""  # "Publisher, 18 March 2024"


@dataclass(frozen=True)
class PrintFacts:
    """What the print page needs from the book besides the pages MkDocs rendered.

    Small enough to keep in a cached result, so composing the print page of an
    unchanged book never runs the pipeline again to get at its :class:`Book`.
    """

    config: BookConfig
    paragraphs: tuple[tuple[str, int], ...]  # (anchor, ¶ number) of every paragraph
    sources: tuple[SourceCredit, ...]  # in book order, unlabelled
    source_pages: tuple[str, ...]  # the docs path of each source's page, in the same order
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a split page's first part → its later parts (not in the nav)

    @staticmethod
    def of(book: Book, registry: Registry, split: tuple[tuple[str, ...], ...] = ()) -> PrintFacts:
        """``split``: the parts of every page the generator split (theme pages are known to ``registry``)."""
        pages = [*(registry.theme_parts(t.slug) for t in book.config.themes), registry.theme_parts(None), *split]
        return PrintFacts(
            book.config,
            tuple((p.anchor, p.number) for p in book.paragraphs),
            tuple(SourceCredit("", s.title, s.attribution, published(s)) for s in book.sources),
            tuple(registry.source_page(s.slug) for s in book.sources),
            tuple((parts[0], parts[1:]) for parts in pages if len(parts) > 1),
        )


@dataclass(frozen=True)
class Chapter:
    key: str
    html: Markup
    title: Markup = Markup("")  # MkDocs' title of the page (HTML)
    label: str = ""  # a source's short name, "S1", printed above its chapter so that citations find it


def _normal(url: str) -> str:
    """A site URL with the spellings of the same page folded: ``a/``, ``a/index.html``, ``a.html``."""
    path = urlsplit(url).path
    path = posixpath.normpath(path).lstrip("/") if path else ""
    if path in (".", ""):
        return ""
    for suffix in ("/index.html", "index.html", ".html"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path


class _Rewriter(HTMLParser):
    """Copies one page's HTML, prefixing ids and pointing links at the print page.

    Python's HTML tokenizer finds the tags; everything else is copied byte for
    byte (entities stay entities), so nothing from a source can become markup.
    """

    def __init__(
        self,
        page: PrintPage,
        pages: dict[str, PrintPage],
        paragraphs: Mapping[str, int],
        sources: Mapping[str, str] | None = None,
        part_urls: tuple[str, ...] = (),
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.part_urls = part_urls  # the site URL of each print page, when the print version is in parts
        self.pages = pages
        self.paragraphs = paragraphs
        self.sources = sources or {}  # page key of a source → its label on the cover, "S1"
        self.out: list[str] = []
        self.link_to: tuple[str, int | None] | None = None  # (title, ¶) of the page the current <a> points to
        self.cite: tuple[str, int | None] | None = None  # (label, ¶) when the current <a> points into a source
        self.link_at = 0  # where the current <a>'s start tag is in ``out``
        self.link_text: list[str] = []
        self.svg_depth = 0  # inside an <svg> only SVG elements may appear: no label is added there

    def _target(self, href: str) -> tuple[PrintPage, str] | None:
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("//"):
            return None  # another site, mailto:, data:
        path, _, fragment = href.partition("#")
        if not path:
            return self.page, fragment
        base = posixpath.dirname("/" + self.page.url) if not self.page.url.endswith("/") else "/" + self.page.url
        target = self.pages.get(_normal(posixpath.join(base, path)))
        return (target, fragment) if target else None

    def _rebased(self, href: str) -> str:
        """A relative link of the page, written relative to the print page it is now on ("" if it needs no change)."""
        if re.match(r"[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith(("//", "/", "#")):
            return ""
        path, hash_, fragment = href.partition("#")
        base = posixpath.dirname("/" + self.page.url) if not self.page.url.endswith("/") else "/" + self.page.url
        where = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
        if path.endswith("/") and where:
            where += "/"
        return _relative(self.part_urls[self.page.part], where) + hash_ + fragment

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        new: list[tuple[str, str | None]] = []
        to = None
        cite = None
        for name, value in attrs:
            if name == "id" and value:
                value = f"{self.page.key}--{value}"
            elif name == "href" and value and tag == "a" and (found := self._target(value)):
                target, fragment = found
                value = f"#{target.key}--{fragment}" if fragment else f"#{target.key}"
                if target.part != self.page.part:  # a chapter on another print page
                    value = _relative(self.part_urls[self.page.part], self.part_urls[target.part]) + value
                if target is not self.page and target.key in self.sources:
                    cite = (self.sources[target.key], self.paragraphs.get(fragment))
                elif target is not self.page and target.title:
                    to = (str(target.title), self.paragraphs.get(fragment))
            elif name in ("href", "src") and value and self.part_urls and (moved := self._rebased(value)):
                value = moved  # a page the print version leaves out (a big book's sources), or a picture
            new.append((name, value))
        if MENTION_CLASSES & set((dict(attrs).get("class") or "").split()):
            to = cite = None  # a glossary or people look-up inside a sentence: a label would break the sentence
        if tag == "svg" and not close:
            self.svg_depth += 1
        if self.svg_depth:
            to = cite = None  # a <span> inside a picture is not SVG: the browser would drop the picture's shapes
        if tag == "a":
            self.link_to, self.cite, self.link_text, self.link_at = to, cite, [], len(self.out)
        rendered = "".join(f' {n}="{_attr(v)}"' if v is not None else f" {n}" for n, v in new)
        self.out.append(f"<{tag}{rendered}{close}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1
        if tag == "a" and self.cite:
            label, number = self.cite
            text = " ".join("".join(self.link_text).split())
            if number and text == f"¶{number}":  # "¶7" reads "[S1 ¶7]", the brackets around the link
                self.out[self.link_at] = f'<span class="bb-print-cite">[{label} </span>{self.out[self.link_at]}'
                self.out.append('<span class="bb-print-cite">]</span>')
            else:
                where = f"{label} ¶{number}" if number else label
                self.out.append(f'<span class="bb-print-to"> [{where}]</span>')
            self.cite = None
        if tag == "a" and self.link_to:
            label = _label(*self.link_to, " ".join("".join(self.link_text).split()))
            if label:
                self.out.append(f'<span class="bb-print-to"> (→ {label})</span>')
            self.link_to = None

    def handle_data(self, data: str) -> None:
        self.out.append(data)
        if self.link_to is not None or self.cite is not None:
            self.link_text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")
        if self.link_to is not None or self.cite is not None:
            self.link_text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")
        if self.link_to is not None or self.cite is not None:
            self.link_text.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _label(title: str, number: int | None, text: str) -> str:
    """Where a link points, minus what its own text already says ("Digital trade", "¶12")."""
    if text == " ".join(title.split()):
        return ""
    title = _short(title)
    if number and f"¶{number}" in text:
        return title
    return f"{title} ¶{number}" if number else title


def _short(title: str, limit: int = 48) -> str:
    """A long title cut after a word, so a label after every ¶ does not fill the line."""
    words = title.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    out: list[str] = []
    for word in words:
        if len(" ".join([*out, word])) > limit - 2 and out:
            break
        out.append(word)
    return " ".join(out).rstrip(",;:") + "…"


def _relative(here: str, there: str) -> str:
    """A link from the page at site URL ``here`` to the page at ``there`` (both as MkDocs spells them)."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(there or ".", here or ".")


def rewrite(
    html: str,
    page: PrintPage,
    pages: dict[str, PrintPage],
    paragraphs: Mapping[str, int],
    sources: Mapping[str, str] | None = None,
    part_urls: tuple[str, ...] = (),
) -> Markup:
    """One page's HTML as a chapter of the print version; ``sources`` maps a source page's key to its label ("S1").

    ``part_urls``: the URL of each print page when the print version is in parts (``page.part`` indexes it).
    """
    parser = _Rewriter(page, pages, paragraphs, sources, part_urls)
    parser.feed(html)
    parser.close()
    return Markup("".join(parser.out))


def _toc(items: Iterable[Any], keys: dict[int, str], hrefs: Mapping[str, str]) -> tuple[TocEntry, ...]:
    """The table of contents from MkDocs' nav items: sections keep their pages under them."""
    out = []
    for item in items:
        if getattr(item, "is_page", False) and id(item) in keys:
            key = keys[id(item)]
            out.append(TocEntry(Markup(item.title or ""), key, href=hrefs[key]))
        elif getattr(item, "is_section", False):
            children = _toc(item.children, keys, hrefs)
            if children:
                out.append(TocEntry(Markup.escape(item.title or ""), "", children))
    return tuple(out)


def _environment() -> jinja2.Environment:

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class PrintPlan:
    """Which chapters each print page holds, decided from the size of each page's HTML.

    ``parts[0]`` is the front page: cover and contents, and every chapter when
    the book fits on one page. Otherwise the front page holds no chapter and
    each later part holds whole pages in nav order: a page with its later
    parts (a long theme) stays on one print page when it fits, and small pages
    (Timeline, About) share one.
    """

    chapters: tuple[Any, ...]  # MkDocs pages, in print order
    keys: tuple[str, ...]  # each chapter's id prefix, unique in the whole print version
    parts: tuple[tuple[int, ...], ...]  # indexes into ``chapters``, per print page


def plan_parts(facts: PrintFacts, nav: Any, pages_by_path: Mapping[str, Any] | None = None, budget: int | None = None) -> PrintPlan:
    """Put every nav page (and the later parts of split pages, found in ``pages_by_path``) on a print page.

    ``budget``: the most chapter HTML, in bytes, on one print page; :data:`PART_BYTES` unless given.
    """
    budget = PART_BYTES if budget is None else budget
    later = dict(facts.parts)
    groups: list[list[Any]] = []
    for page in (p for p in nav.pages if p.file.src_uri != PRINT_SRC):
        groups.append([page, *(part for path in later.get(page.file.src_uri, ()) if (part := (pages_by_path or {}).get(path)))])
    chapters = [page for group in groups for page in group]
    taken = {"bb-print-cover", "bb-print-toc"}
    keys = []
    for p in chapters:
        key = base = page_key(p.file.src_uri)
        n = 1
        while key in taken:  # "sources/a.md" and a theme "sources-a" would share a key
            n += 1
            key = f"{base}-{n}"
        taken.add(key)
        keys.append(key)
    sizes = [len((p.content or "").encode("utf-8")) for p in chapters]
    # The cover lists every source, the contents every chapter: a line of each is well under 300 bytes.
    if sum(sizes) + 300 * (len(facts.sources) + len(chapters)) <= budget:
        return PrintPlan(tuple(chapters), tuple(keys), (tuple(range(len(chapters))),))
    parts: list[tuple[int, ...]] = [()]
    current: list[int] = []
    size = 0
    index = 0
    for group in groups:
        if current and size + sum(sizes[index : index + len(group)]) > budget:
            parts.append(tuple(current))
            current, size = [], 0
        for _ in group:  # a group too long for one print page goes on as many as it needs, whole pages each
            if current and size + sizes[index] > budget:
                parts.append(tuple(current))
                current, size = [], 0
            current.append(index)
            size += sizes[index]
            index += 1
    if current:
        parts.append(tuple(current))
    return PrintPlan(tuple(chapters), tuple(keys), tuple(parts))


def compose(facts: PrintFacts, plan: PrintPlan, nav: Any, edition: dt.date, urls: tuple[str, ...]) -> tuple[str, ...]:
    """The HTML of each print page of ``plan``, at the site URLs ``urls``: the front page first.

    Links to the sources' pages (``facts.source_pages``) print as short citations
    ("[S1 ¶7]") keyed to the numbered list on the cover. A link to a chapter on
    another print page goes to that page; the contents link to every chapter.
    """
    source_pages = facts.source_pages
    part_of = {i: n for n, indexes in enumerate(plan.parts) for i in indexes}
    # A link to the print page itself (the home page has one) leads to its cover.
    pages: dict[str, PrintPage] = {_normal(urls[0]): PrintPage("bb-print-cover", urls[0], Markup(""))}
    for i, (p, key) in enumerate(zip(plan.chapters, plan.keys, strict=True)):
        pages[_normal(p.url)] = PrintPage(key, p.url, Markup(p.title or key), part_of[i])
    paragraphs = dict(facts.paragraphs)
    labels = {path: f"S{i}" for i, path in enumerate(source_pages, 1)}
    cited = {key: labels[p.file.src_uri] for p, key in zip(plan.chapters, plan.keys, strict=True) if p.file.src_uri in labels}
    hrefs = {
        key: f"#{key}" if not part_of[i] else f"{_relative(urls[0], urls[part_of[i]])}#{key}" for i, key in enumerate(plan.keys)
    }
    config = facts.config
    template = _environment().get_template("print.html.j2")
    total = len(plan.parts)
    toc = _toc(nav.items, {id(p): k for p, k in zip(plan.chapters, plan.keys, strict=True)}, hrefs)
    sources = tuple(replace(s, label=f"S{i}" if source_pages else "") for i, s in enumerate(facts.sources, 1))
    later = tuple(
        PartView(n + 1, _relative(urls[0], urls[n]), Markup(plan.chapters[ix[0]].title or ""), Markup(plan.chapters[ix[-1]].title or ""))
        for n, ix in enumerate(plan.parts)
        if n and ix
    )
    out = []
    for number, indexes in enumerate(plan.parts):
        chapters = tuple(
            Chapter(
                plan.keys[i],
                rewrite(plan.chapters[i].content or "", pages[_normal(plan.chapters[i].url)], pages, paragraphs, cited, urls),
                Markup(plan.chapters[i].title or ""),
                cited.get(plan.keys[i], ""),
            )
            for i in indexes
        )
        out.append(
            template.render(
                front=not number,
                number=number + 1,
                total=total,
                front_href=_relative(urls[number], urls[0]),
                title=config.title,
                subtitle=config.subtitle,
                description=config.description,
                edition=edition.isoformat(),
                page_size=config.page_size,
                sources=sources,
                toc=toc,
                parts=later,
                chapters=chapters,
            )
        )
    return tuple(out)
