"""Stage 5: render every page of the book from Jinja2 templates.

Code computes, templates render: this module turns the :class:`Book` into
small typed view objects (counts, sorted lists, ready-made relative links)
and hands them to one template per page kind. The Jinja environment escapes
every plain string it prints as Markdown text, so a template cannot let
source text through as markup even by mistake; only :class:`Md` values
(built here from escaped pieces) are printed as they are.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import pictures
from .base.cache import code_digest
from .base.errors import TemplateError
from .base.escape import Md, attribute_text, escape, relative, with_links
from .base.inputs import read_bytes
from .base.progress import Progress
from .base.shipped import BUILTIN_TEMPLATES
from .extract.text import sentences
from .formats import HEADING, ITEM
from .link import OTHER_PATH, Registry
from .mentions import GLOSSARY_PATH, PEOPLE_PATH, TIMELINE_PATH, page_parts
from .model import Assignment, Book, OutputFile, Paragraph, Source, Span, ThemeSpec
from .outputs.printpage import PRINT_SRC
from .read import as_of
from .render_knowledge import Abbreviations, KnowledgeViews, distinct_events, human_date, published

ASSETS = ("assets/briefbook.css", "assets/print.css")


def _finalize(value: Any) -> Any:
    if isinstance(value, Md) or not isinstance(value, str):
        return value
    return escape(value)


class BookTemplateLoader(jinja2.BaseLoader):
    """Loads templates from the book's folder and briefbook's, and from nowhere else.

    A template reached through a symbolic link (the book's ``templates/`` itself,
    a file in it, or an include) must resolve inside the book folder or inside
    briefbook's own templates; anything else is refused, so a book cannot make
    the build read a file from elsewhere on the machine. Files are read through
    :mod:`generator.base.inputs`, so the cache fingerprints the very bytes rendered.
    """

    def __init__(self, dirs: list[Path], allowed: list[Path]) -> None:
        self.dirs = dirs
        self.allowed = [a.resolve() for a in allowed]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..' and absolute names
        path = next((d.joinpath(*pieces) for d in self.dirs if d.joinpath(*pieces).is_file()), None)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        if not any(path.resolve().is_relative_to(root) for root in self.allowed):
            raise TemplateError(f"templates/{template}: links outside the book folder: copy the template into the book's templates/")
        mtime = path.stat().st_mtime_ns
        try:
            source = read_bytes(path).decode("utf-8")
        except UnicodeDecodeError as err:
            raise TemplateError(f"templates/{template}: not UTF-8 (byte {err.start}): save the template as UTF-8") from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source.replace("\r\n", "\n").replace("\r", "\n"), str(path), uptodate


def environment(book_root: Path) -> jinja2.Environment:
    """Templates from the book's own ``templates/`` first, then briefbook's, file by file.

    A book's templates are code its author wrote, and a reader may build a book
    someone else wrote: they run in Jinja's immutable sandbox, which refuses
    Python internals (``__class__``, ``__globals__`` …) and changing any object.
    Every template of a book with anything in its ``templates/`` runs there (a
    built-in template may include one of the book's). Briefbook's own templates
    are trusted: a book without templates of its own renders without the
    sandbox's check on every attribute (a third of the render stage's time).
    """
    own = book_root / "templates"
    if own.is_dir() and not own.resolve().is_relative_to(book_root.resolve()):
        raise TemplateError("templates/: links outside the book folder: copy the templates into the book")
    dirs = [own, BUILTIN_TEMPLATES]
    unique = [d for i, d in enumerate(dirs) if d.is_dir() and d.resolve() not in {x.resolve() for x in dirs[:i]}]
    trusted = not (own.is_dir() and any(own.iterdir())) and own.resolve() != BUILTIN_TEMPLATES.resolve()
    kind = jinja2.Environment if trusted else ImmutableSandboxedEnvironment
    return kind(
        loader=BookTemplateLoader(unique, [book_root, BUILTIN_TEMPLATES]),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def template_problem(err: Exception, template: str, book_root: Path) -> TemplateError | None:
    """The one-line error for a template that fails to load or render; None when the failure is not in a template.

    Jinja puts the template's own file and line into the traceback of any
    exception raised while rendering, so a mistake in a book's template (a
    syntax error, an undefined name, a division by zero, a forbidden
    attribute) is named where it is; an exception from briefbook's own
    Python keeps its traceback, as a bug should.
    """
    if isinstance(err, TemplateError):
        return err
    where, line = f"templates/{template}", 0
    if isinstance(err, jinja2.TemplateSyntaxError):
        where, line = _template_name(err.filename or "", err.name or template, book_root), err.lineno
    else:
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            where, line = _template_name(frames[-1].filename, template, book_root), frames[-1].lineno or 0
        elif not isinstance(err, jinja2.TemplateError):
            return None
    what = err.message if isinstance(err, jinja2.TemplateError) and err.message else f"{type(err).__name__}: {err}"
    what = what.rstrip(".")
    if isinstance(err, jinja2.TemplateNotFound):
        what = f"includes '{err.name}', which is not a template in templates/ or briefbook's own"
    place = f"{where}:{line}" if line else where
    return TemplateError(f"{place}: {what}: fix the template, or delete it to use briefbook's own")


def _template_name(filename: str, fallback: str, book_root: Path) -> str:
    path = Path(filename)
    for base, shown in ((book_root / "templates", "templates"), (BUILTIN_TEMPLATES, "briefbook's templates")):
        if path.is_relative_to(base):
            return f"{shown}/{path.relative_to(base).as_posix()}"
    return f"templates/{fallback}"


@dataclass(frozen=True)
class SharedView:
    """Another theme page that shows the same paragraph, and the link to it there."""

    title: str
    url: Md


@dataclass(frozen=True)
class ParagraphView:
    number: int
    anchor: str
    text: Md
    source_title: str
    source_url: Md
    theme_title: str = ""
    theme_url: Md = Md("")
    why: str = ""
    shared: tuple[SharedView, ...] = ()  # the other themes that show this paragraph too
    kind: str = ""  # "" paragraph, "heading" or "item": what the block was in its file
    in_list: bool = False  # a list item followed by another: no blank line between them, so one Markdown list


@dataclass(frozen=True)
class GroupView:
    """Paragraphs under one heading of their source; ``heading`` is "" before the source's first heading."""

    heading: Md
    anchor: str  # the heading's own anchor when this page shows the heading as one of its paragraphs, else ""
    paragraphs: tuple[ParagraphView, ...]


@dataclass(frozen=True)
class SectionView:
    """The paragraphs of one source on a theme's page."""

    title: str
    url: Md
    attribution: str
    paragraphs: tuple[ParagraphView, ...]
    groups: tuple[GroupView, ...] = ()  # the same paragraphs under the source's headings
    label: str = ""  # short: "Publisher, 2 April 2025", or the title cut to LABEL_MAX characters
    tooltip: Md = Md("")  # the full title, safe inside a quoted attribute


@dataclass(frozen=True)
class RelatedView:
    title: str
    url: Md
    to_it: int
    from_it: int


@dataclass(frozen=True)
class LeadView:
    """A theme's most central sentence, quoted on its home page card with its ¶."""

    text: str
    number: int
    url: Md


@dataclass(frozen=True)
class ThemeCard:
    title: str
    url: Md
    summary: str
    count: int
    lead: LeadView | None = None  # when the theme has no summary


@dataclass(frozen=True)
class SourceCard:
    title: str
    url: Md
    attribution: str
    filename: str
    count: int
    published: str = ""  # "Publisher, 18 March 2024"
    themes: str = ""  # on the Sources page: "Trade 4, Energy 2, no theme 1"


def original_link(url: str) -> Md:
    """A Markdown link to a source's original; ``url`` was checked to be http(s) with no character that ends a link."""
    from .formats import safe_url

    return Md(f"[{escape(url)}]({url})") if safe_url(url) == url and url else Md("")


@dataclass(frozen=True)
class PairView:
    """Two themes whose paragraphs mention each other, for the text next to the theme map."""

    a_title: str
    a_url: Md
    b_title: str
    b_url: Md
    count: int


@dataclass(frozen=True)
class CoverageRow:
    title: str
    url: Md
    cells: tuple[int, ...]  # one per source, in book order
    total: int


@dataclass(frozen=True)
class CoverageView:
    """Paragraphs per theme and per source: the coverage chart and the table that says the same in text."""

    chart: Md
    sources: tuple[str, ...]  # a column each; none in a big book, whose Sources page counts per source instead
    rows: tuple[CoverageRow, ...]
    totals: tuple[int, ...]
    total: int
    source_count: int = 0
    sources_url: Md = Md("")  # the Sources page, when the sources have no column here


@dataclass(frozen=True)
class MapView:
    """The theme map and, for readers who do not see it, the cross-links it draws as a list."""

    picture: Md
    pairs: tuple[PairView, ...]
    telling: bool = True  # False when it says nothing: three or fewer themes, every one linked to every other


@dataclass(frozen=True)
class PartLink:
    number: int
    url: Md
    current: bool


@dataclass(frozen=True)
class PagerView:
    """Links between the parts of a page that was too long for one page: a theme, Other, the Glossary, People."""

    number: int
    total: int
    parts: tuple[PartLink, ...]


def _pager(pages: tuple[str, ...], part: int) -> PagerView | None:
    """The pager of part ``part`` (from 1) of a page split into ``pages``; None when it is one page."""
    if len(pages) == 1:
        return None
    page = pages[part - 1]
    return PagerView(part, len(pages), tuple(PartLink(n, relative(page, p), n == part) for n, p in enumerate(pages, start=1)))


@dataclass(frozen=True)
class CreditView:
    text: str


@dataclass(frozen=True)
class BookView:
    title: str
    subtitle: str
    description: str
    paragraph_count: int
    unassigned_count: int
    other_url: Md
    as_of: str = ""  # the newest source date, for reading; "" when no source is dated


#: The "About this book" page: the book's make-up, off the home page.
ABOUT_PATH = "about.md"
#: The longest quoted lead sentence on a home page card.
LEAD_WORDS = 40
#: The longest a theme page's section label may be: longer titles are cut at a word boundary.
LABEL_MAX = 60


def short_label(source: Source) -> str:
    """A source's label on theme pages: its publisher and date when known, else its title cut to ``LABEL_MAX``."""
    if source.publisher:
        return published(source)
    title = source.title
    if len(title) <= LABEL_MAX:
        return title
    cut = title[: LABEL_MAX - 1]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def _why(assignment: Assignment) -> str:
    hits = [h for h in assignment.hits if h.theme == assignment.theme]
    listed = ", ".join(f"{h.keyword} ×{h.count}" if h.count > 1 else h.keyword for h in hits)
    return f"{listed} (score {assignment.score})" if listed else ""


def _by_source(assignments: tuple[Assignment, ...]) -> dict[str, list[Assignment]]:
    """Assignments grouped by source slug, each group in book order."""
    groups: dict[str, list[Assignment]] = {}
    for a in assignments:
        groups.setdefault(a.paragraph.source, []).append(a)
    return groups


@dataclass
class PageMemo:
    """Pages rendered by an earlier run, by a digest of everything each was made from.

    A page's text is a function of its template (and every template it may
    include), its view context, the book-wide view and the book's abbreviations,
    and of briefbook's code and Jinja's: the digest covers all of them, so a page whose digest
    is known is the remembered text, byte for byte. After one source is edited,
    most pages of a big book have the same digest and skip Jinja and the
    abbreviation search. Anything that cannot be digested is rendered afresh.
    """

    before: dict[bytes, str] = field(default_factory=dict)  # from the last run
    now: dict[bytes, str] = field(default_factory=dict)  # this run's pages: the next run's ``before``
    reused: int = 0
    paths: dict[bytes, str] = field(default_factory=dict)  # this run's pages: digest → path
    # A paragraph's escaped text with its links, by (text, spans, page): a pure function of the three.
    texts_before: dict[tuple[str, tuple[Span, ...], str], Md] = field(default_factory=dict)
    texts_now: dict[tuple[str, tuple[Span, ...], str], Md] = field(default_factory=dict)

    def linked_text(self, text: str, spans: tuple[Span, ...], page: str) -> Md:
        """``with_links(text, spans, page)``, remembered."""
        key = (text, spans, page)
        out = self.texts_now.get(key)
        if out is None:
            out = self.texts_before.get(key)
            if out is None:
                out = with_links(text, spans, page)
            self.texts_now[key] = out
        return out


def _templates_digest(env: jinja2.Environment) -> bytes:
    """Every template file the environment can load (a page may include any), with the kind of environment."""
    digest = hashlib.sha256(f"{type(env).__module__}.{type(env).__qualname__}\n".encode())
    loader = env.loader
    assert isinstance(loader, BookTemplateLoader)
    for i, folder in enumerate(loader.dirs):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{i}\t{path.relative_to(folder).as_posix()}\t".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _digest(value: Any) -> bytes | None:
    """A digest of ``value``'s contents (None if it cannot be pickled).

    Pickled without the memo, so that equal values digest the same whether or not they share objects
    (a paragraph text reused from an earlier run's assignment, or read again).
    """
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a value is written out in full wherever it occurs
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(out.getbuffer()).digest()


class Renderer:
    """Renders the pages of one book; every method returns an :class:`OutputFile`."""

    def __init__(self, book: Book, registry: Registry, memo: PageMemo | None = None) -> None:
        self.book = book
        self.registry = registry
        self.env = environment(book.config.root)
        self.memo = memo if memo is not None else PageMemo()
        self.sources = {s.slug: s for s in book.sources}
        self.themes = {t.slug: t for t in book.config.themes}
        counts: dict[str | None, int] = {}
        for a in book.assignments:
            counts[a.theme] = counts.get(a.theme, 0) + 1
        self.counts = counts
        self.knowledge = KnowledgeViews(book, registry)
        self.abbreviations = Abbreviations(book)
        # Grouped once: a page that scanned every assignment would make the book quadratic in its sources.
        self.by_source = _by_source(book.assignments)
        self.by_theme: dict[str | None, list[Assignment]] = {}  # what each theme page shows, shared paragraphs too
        self.by_page: dict[str, list[Assignment]] = {}
        for a in book.assignments:
            self.by_theme.setdefault(a.theme, []).append(a)
            if (where := registry.placed.get(a.paragraph.anchor)) is not None:
                self.by_page.setdefault(where, []).append(a)
            for slug in a.also:
                self.by_theme.setdefault(slug, []).append(a)
                self.by_page.setdefault(registry.shared[(a.paragraph.anchor, slug)], []).append(a)
        # The source heading each paragraph sits under ("" before the first), so theme pages keep the sources' sections.
        self.heading_of: dict[str, Paragraph | None] = {}
        current: Paragraph | None = None
        for p in book.paragraphs:
            if current is not None and current.source != p.source:
                current = None
            if self.sources[p.source].kind(p.number) == HEADING:
                current = p
            self.heading_of[p.anchor] = current
        self.book_view = BookView(
            title=book.config.title,
            subtitle=book.config.subtitle,
            description=book.config.description,
            paragraph_count=len(book.paragraphs),
            unassigned_count=counts.get(None, 0),
            other_url=Md(OTHER_PATH),
            as_of=human_date(newest, newest) if (newest := as_of(book.sources)) else "",
        )
        # What every page depends on besides its own context (see PageMemo).
        self.common = _digest(
            (code_digest(), jinja2.__version__, _templates_digest(self.env), self.book_view, self.abbreviations.items)
        )

    def _key(self, template: str, path: str, context: dict[str, Any]) -> bytes | None:
        if self.common is None:  # what every page shares could not be digested: nothing is reused
            return None
        return _digest((self.common, template, path, sorted(context.items())))

    def _page(self, template: str, path: str, **context: Any) -> OutputFile:
        key = self._key(template, path, context)
        text = self.memo.before.get(key) if key is not None else None
        if text is not None:
            self.memo.reused += 1
        else:
            try:
                text = self.env.get_template(template).render(book=self.book_view, page_path=path, **context)
            except Exception as err:
                problem = template_problem(err, template, self.book.config.root)
                if problem is None:
                    raise
                raise problem from None
            text += self.abbreviations(text)
        if key is not None:
            self.memo.now[key] = text
            self.memo.paths[key] = path
        return OutputFile(path, text.encode("utf-8"))

    def _paragraph(self, a: Assignment, page: str, linked: bool, shown_on: str | None = None) -> ParagraphView:
        """A paragraph as ``page`` shows it; ``shown_on``: the theme whose page that is."""
        p = a.paragraph
        source = self.sources[p.source]
        spans = self.book.spans.get(p.anchor, ()) if linked else ()
        if page == self.registry.source_page(p.source):  # a source page links first mentions to their entries
            spans = self.book.source_spans.get(p.anchor, ())
        theme = self.themes.get(a.theme) if a.theme else None
        shared: tuple[SharedView, ...] = ()
        if shown_on is None and a.also and page == self.registry.source_page(p.source):  # "→ Ships, Workers"
            shared = tuple(SharedView(self.themes[slug].title, relative(page, self._shown(p.anchor, slug))) for slug in a.also)
        elif shown_on is not None and a.also:
            # The links were worked out for the paragraph's own theme page: none may point at the page it is on.
            own_page = self.registry.theme_page(shown_on)
            spans = tuple(s for s in spans if not (s.kind == "theme" and s.target == own_page))
            shared = tuple(
                SharedView(self.themes[slug].title, relative(page, self._shown(p.anchor, slug)))
                for slug in (a.theme or "", *a.also)
                if slug != shown_on
            )
        return ParagraphView(
            number=p.number,
            anchor=p.anchor,
            text=self.memo.linked_text(p.text, tuple(spans), page),
            source_title=source.title,
            source_url=relative(page, self.registry.paragraph(p.anchor)),
            theme_title=theme.title if theme else "",
            theme_url=relative(page, self.registry.placed_paragraph(p.anchor, theme.slug)) if theme else Md(""),
            why=_why(a),
            shared=shared,
        )

    def _shown(self, anchor: str, slug: str) -> str:
        """Where the page of ``slug`` shows a paragraph, as its own or as one it shares."""
        if (anchor, slug) in self.registry.shared:
            return self.registry.shared_paragraph(anchor, slug)
        return self.registry.placed_paragraph(anchor, slug)

    def _part(self, slug: str | None, part: int) -> tuple[str, tuple[Assignment, ...], PagerView | None]:
        """The page path of one part of a theme (None: Other), its paragraphs, and the pager if there are parts."""
        pages = self.registry.theme_parts(slug)
        page = pages[part - 1]
        if len(pages) == 1:
            return page, tuple(self.by_theme.get(slug, ())), None
        return page, tuple(self.by_page.get(page, ())), _pager(pages, part)

    def _sections(
        self, assignments: tuple[Assignment, ...], page: str, linked: bool, shown_on: str | None = None
    ) -> tuple[SectionView, ...]:
        sections = []
        groups = _by_source(assignments)
        for source in self.book.sources:
            mine = groups.get(source.slug)
            if mine:
                views = tuple(
                    replace(self._paragraph(a, page, linked, shown_on), kind=source.kind(a.paragraph.number)) for a in mine
                )
                sections.append(
                    SectionView(
                        title=source.title,
                        url=relative(page, self.registry.source_page(source.slug)),
                        attribution=source.attribution,
                        paragraphs=views,
                        groups=self._groups(mine, views),
                        label=short_label(source),
                        tooltip=attribute_text(source.title),
                    )
                )
        return tuple(sections)

    def _groups(self, mine: list[Assignment], views: tuple[ParagraphView, ...]) -> tuple[GroupView, ...]:
        """A section's paragraphs grouped under their source's headings; a heading on this page leads its group."""
        groups: list[tuple[Md, str, list[ParagraphView]]] = []
        under: Paragraph | None = None
        for a, view in zip(mine, views, strict=True):
            heading = self.heading_of.get(a.paragraph.anchor)
            if heading is not None and heading.anchor == a.paragraph.anchor:  # the heading itself: it opens the group
                groups.append((escape(heading.text), heading.anchor, []))
            elif not groups or heading is not under:
                groups.append((escape(heading.text) if heading else Md(""), "", [view]))
            else:
                groups[-1][2].append(view)
            under = heading
        for _, _, paragraphs in groups:  # items next to each other in their source stay one list
            for i, view in enumerate(paragraphs[:-1]):
                after = paragraphs[i + 1]
                if view.kind == ITEM and after.kind == ITEM and after.number == view.number + 1:
                    paragraphs[i] = replace(view, in_list=True)
        return tuple(GroupView(text, anchor, tuple(paragraphs)) for text, anchor, paragraphs in groups)

    def home(self) -> OutputFile:
        """The executive summary: what the book is, its key numbers, its themes each with a lead, its sources."""
        page = "index.md"
        themes = tuple(
            ThemeCard(
                t.title, relative(page, self.registry.theme_page(t.slug)), t.summary, self.counts.get(t.slug, 0),
                None if t.summary else self._lead(t.slug, page),
            )
            for t in self.book.config.themes
        )
        # A big book's sources are listed on the Sources page: on Home they would outweigh the summary.
        listed = lists_sources_in_nav(self.book)
        return self._page(
            "index.md.j2", page, themes=themes, sources=self._source_cards(page) if listed else (),
            source_count=len(self.book.sources), sources_url=relative(page, SOURCES_INDEX),
            numbers=self.knowledge.key_numbers(page), about_url=relative(page, ABOUT_PATH),
            print_url=relative(page, PRINT_SRC),
        )

    def _lead(self, slug: str, page: str) -> LeadView | None:
        """The theme's most central sentence: in its paragraph with the most of its keywords, the sentence naming most."""
        best: Assignment | None = None
        best_score = 0
        for a in self.by_theme.get(slug, ()):
            if a.theme != slug or self.sources[a.paragraph.source].kind(a.paragraph.number):
                continue  # a heading or a list item is no lead
            score = sum(h.count for h in a.hits if h.theme == slug)
            if score > best_score:
                best, best_score = a, score
        if best is None:
            return None
        keywords = {h.keyword.casefold() for h in best.hits if h.theme == slug}
        candidates = [s.text for s in sentences(best.paragraph.text) if len(s.text.split()) >= 4] or [best.paragraph.text]
        _, _, lead = max((sum(1 for k in keywords if k in s.casefold()), -i, s) for i, s in enumerate(candidates))
        words = lead.split()
        if len(words) > LEAD_WORDS:
            lead = " ".join(words[:LEAD_WORDS]) + " …"
        p = best.paragraph
        return LeadView(lead, p.number, relative(page, self.registry.paragraph(p.anchor)))

    def about(self) -> OutputFile:
        """How the book is made up: paragraphs per theme and source, and the theme map when it tells something."""
        page = ABOUT_PATH
        return self._page(
            "about.md.j2", page, theme_map=self._theme_map(page), coverage=self._coverage(page),
            home_url=relative(page, "index.md"),
        )

    def _theme_map(self, page: str) -> MapView:
        themes = self.book.config.themes
        index = {t.slug: i for i, t in enumerate(themes)}
        weights: dict[tuple[int, int], int] = {}
        for links in self.book.links:
            for target, count in links.outgoing:
                a, b = sorted((index[links.theme], index[target]))
                weights[(a, b)] = weights.get((a, b), 0) + count
        nodes = [
            pictures.MapNode(t.title, self.counts.get(t.slug, 0), relative(page, self.registry.theme_page(t.slug)))
            for t in themes
        ]
        edges = [pictures.MapEdge(a, b, w) for (a, b), w in sorted(weights.items())]
        pairs = tuple(
            PairView(nodes[e.a].title, Md(nodes[e.a].target), nodes[e.b].title, Md(nodes[e.b].target), e.weight) for e in edges
        )
        n = len(themes)
        telling = not (n <= 3 and len(pairs) == n * (n - 1) // 2)
        picture = pictures.theme_map(nodes, edges, title=f"Theme map of {self.book.config.title}") if telling else Md("")
        return MapView(picture, pairs, telling)

    def _coverage(self, page: str) -> CoverageView:
        sources = self.book.sources
        per: dict[tuple[str | None, str], int] = {}
        for a in self.book.assignments:
            key = (a.theme, a.paragraph.source)
            per[key] = per.get(key, 0) + 1
        rows = [
            CoverageRow(
                t.title,
                relative(page, self.registry.theme_page(t.slug)),
                tuple(per.get((t.slug, s.slug), 0) for s in sources),
                self.counts.get(t.slug, 0),
            )
            for t in self.book.config.themes
        ]
        unassigned = self.counts.get(None, 0)
        rows.append(
            CoverageRow(
                "No theme",
                relative(page, OTHER_PATH) if unassigned else Md(""),
                tuple(per.get((None, s.slug), 0) for s in sources),
                unassigned,
            )
        )
        by_theme = [pictures.Bar(r.title, r.total) for r in rows[:-1]] + [pictures.Bar("No theme", 0, unassigned)]
        per_source: dict[str, int] = {}  # one pass: a sum over every (theme, source) pair per source was quadratic
        for (_, slug), n in per.items():
            per_source[slug] = per_source.get(slug, 0) + n
        totals = tuple(per_source.get(s.slug, 0) for s in sources)
        by_source = [
            pictures.Bar(s.title, total - per.get((None, s.slug), 0), per.get((None, s.slug), 0))
            for s, total in zip(sources, totals, strict=True)
        ]
        if not lists_sources_in_nav(self.book):
            # A column and a bar per source would make this page megabytes long in a big book:
            # the Sources page gives each source's paragraphs per theme instead.
            chart = pictures.coverage_chart(by_theme, [], title=f"Coverage of {self.book.config.title}")
            rows = [replace(r, cells=()) for r in rows]
            return CoverageView(
                chart, (), tuple(rows), (), len(self.book.paragraphs), len(sources), relative(page, SOURCES_INDEX)
            )
        chart = pictures.coverage_chart(by_theme, by_source, title=f"Coverage of {self.book.config.title}")
        return CoverageView(chart, tuple(s.title for s in sources), tuple(rows), totals, len(self.book.paragraphs), len(sources))

    def _source_cards(self, page: str) -> tuple[SourceCard, ...]:
        return tuple(
            SourceCard(
                s.title, relative(page, self.registry.source_page(s.slug)), s.attribution, s.filename, len(s.paragraphs),
                published(s),
            )
            for s in self.book.sources
        )

    def sources_index(self) -> OutputFile:
        """One page listing every source: the nav's Sources entry in a big book."""
        per: dict[str, dict[str | None, int]] = {}
        for a in self.book.assignments:
            counts = per.setdefault(a.paragraph.source, {})
            counts[a.theme] = counts.get(a.theme, 0) + 1
        titles = [(t.slug, t.title) for t in self.book.config.themes] + [(None, "no theme")]

        def spread(slug: str) -> str:
            counts = per.get(slug, {})
            return ", ".join(f"{title} {counts[theme]}" for theme, title in titles if counts.get(theme))

        cards = self._source_cards(SOURCES_INDEX)
        cards = tuple(replace(card, themes=spread(s.slug)) for card, s in zip(cards, self.book.sources, strict=True))
        return self._page("sources.md.j2", SOURCES_INDEX, sources=cards)

    def theme(self, spec: ThemeSpec, part: int = 1) -> OutputFile:
        page, mine, pager = self._part(spec.slug, part)
        links = next(link for link in self.book.links if link.theme == spec.slug)
        outgoing, incoming = dict(links.outgoing), dict(links.incoming)
        related = tuple(
            RelatedView(t.title, relative(page, self.registry.theme_page(t.slug)), outgoing.get(t.slug, 0), incoming.get(t.slug, 0))
            for t in self.book.config.themes
            if t.slug in outgoing or t.slug in incoming
        )
        return self._page(
            "theme.md.j2",
            page,
            theme=spec,
            count=len(self.by_theme.get(spec.slug, ())),
            shared_count=sum(1 for a in self.by_theme.get(spec.slug, ()) if a.also),
            source_count=len({a.paragraph.source for a in self.by_theme.get(spec.slug, ())}),
            sections=self._sections(mine, page, linked=True, shown_on=spec.slug),
            related=related,
            facts=self.knowledge.key_facts(spec.slug, page),
            pager=pager,
        )

    def glossary(self) -> list[OutputFile]:
        """The Glossary: one page, or parts when it is long (see :data:`generator.mentions.PART_BYTES`)."""
        pages = page_parts(self.knowledge.entries, GLOSSARY_PATH)
        return [
            self._page("glossary.md.j2", page, pager=_pager(pages, n), **self.knowledge.glossary(page))
            for n, page in enumerate(pages, start=1)
        ]

    def people(self) -> list[OutputFile]:
        """People & organisations: one page, or parts when it is long."""
        pages = page_parts(self.knowledge.entries, PEOPLE_PATH)
        return [
            self._page("people.md.j2", page, pager=_pager(pages, n), **self.knowledge.people(page))
            for n, page in enumerate(pages, start=1)
        ]

    def timeline(self) -> OutputFile:
        page = TIMELINE_PATH
        events = []
        for entry in distinct_events(self.book.knowledge.timeline):
            start, end = pictures.iso_span(entry.start, entry.end)
            target = relative(page, self.registry.paragraph(entry.anchor))
            events.append(pictures.TimelineEvent(start, entry.label, target, end, human_date(entry.start, entry.end)))
        picture = pictures.timeline(events, title=f"Timeline of {self.book.config.title}")
        return self._page("timeline.md.j2", page, picture=picture, **self.knowledge.timeline(page))

    def source(self, source: Source) -> OutputFile:
        page = self.registry.source_page(source.slug)
        paragraphs = [
            replace(self._paragraph(a, page, linked=False), kind=source.kind(a.paragraph.number))
            for a in self.by_source.get(source.slug, [])
        ]
        credited = {c.after_paragraph for c in source.credits}  # a credit between two items ends the list
        for i, view in enumerate(paragraphs[:-1]):
            if view.kind == ITEM and paragraphs[i + 1].kind == ITEM and view.number not in credited:
                paragraphs[i] = replace(view, in_list=True)
        items: list[ParagraphView | CreditView] = []
        for credit in (c for c in source.credits if c.after_paragraph == 0):
            items.append(CreditView(credit.text))
        for view in paragraphs:
            items.append(view)
            items.extend(CreditView(c.text) for c in source.credits if c.after_paragraph == view.number)
        return self._page(
            "source.md.j2",
            page,
            source=source,
            count=len(paragraphs),
            items=tuple(items),
            home_url=relative(page, "index.md"),
            published=published(source),
            original=original_link(source.url),
        )

    def other(self, part: int = 1) -> OutputFile:
        page, mine, pager = self._part(None, part)
        return self._page(
            "other.md.j2",
            page,
            sections=self._sections(mine, page, linked=False),
            themes=tuple(
                ThemeCard(t.title, relative(page, self.registry.theme_page(t.slug)), t.summary, 0)
                for t in self.book.config.themes
            ),
            pager=pager,
        )

    def assets(self) -> list[OutputFile]:
        loader = self.env.loader
        assert loader is not None
        out = []
        for name in ASSETS:
            source, _, _ = loader.get_source(self.env, name)
            out.append(OutputFile(name, source.encode("utf-8")))
        return out


def render(book: Book, registry: Registry, memo: PageMemo | None = None) -> tuple[OutputFile, ...]:
    """Every file the generator owns in ``docs/``, sorted by path.

    ``memo``: pages an earlier run rendered, reused where everything they were made from is the same
    (see :class:`PageMemo`); this run's pages are left in ``memo.now``.
    """
    renderer = Renderer(book, registry, memo)
    jobs: list[Callable[[], OutputFile]] = [renderer.home]
    jobs += [functools.partial(renderer.source, s) for s in book.sources]
    for spec in book.config.themes:
        jobs += [functools.partial(renderer.theme, spec, n) for n in range(1, len(registry.theme_parts(spec.slug)) + 1)]
    if not lists_sources_in_nav(book):
        jobs.append(renderer.sources_index)
    if book.unassigned:
        jobs += [functools.partial(renderer.other, n) for n in range(1, len(registry.theme_parts(None)) + 1)]
    files = []
    with Progress("Rendering pages", len(jobs)) as bar:
        for job in jobs:
            files.append(job())
            bar.advance()
    files += [*renderer.glossary(), *renderer.people(), renderer.timeline(), renderer.about()]
    files.extend(renderer.assets())
    return tuple(sorted(files, key=lambda f: f.path))


#: Up to this many sources, the Sources section of the nav lists them all;
#: beyond, it is one page, ``sources/index.md``, that lists them.
SOURCES_IN_NAV = 50
SOURCES_INDEX = "sources/index.md"


def lists_sources_in_nav(book: Book) -> bool:
    """Whether each source page is an entry of the nav.

    With ``navigation.prune`` a page carries the nav of its own branch, so
    1,000 sources listed in the nav put 1,000 links on each of 1,000 source
    pages (hundreds of MB of HTML). A big book lists them on one page instead.
    """
    return len(book.sources) <= SOURCES_IN_NAV


def nav(book: Book, registry: Registry) -> list[Any]:
    """The MkDocs ``nav``: home, the themes in book.yml order, Other if needed, the knowledge pages, the sources.

    Pages the nav leaves out (later parts of long theme pages, the sources of a
    big book) are still built; the plugin marks them "not in nav" for MkDocs.
    """
    # Pages are listed by path only: MkDocs then titles each from its first
    # heading, which this renderer has already escaped. A title given here
    # would reach Material's templates unescaped.
    entries: list[Any] = [{"Home": "index.md"}]
    themes = [registry.theme_page(t.slug) for t in book.config.themes]
    if lists_sources_in_nav(book):
        entries += themes
    else:  # a big book: its many source pages carry one "Themes" entry each, not every theme
        entries.append({"Themes": themes})
    if book.unassigned:
        entries.append(OTHER_PATH)
    entries += [GLOSSARY_PATH, PEOPLE_PATH, TIMELINE_PATH, ABOUT_PATH]
    if lists_sources_in_nav(book):
        entries.append({"Sources": [registry.source_page(s.slug) for s in book.sources]})
    else:
        entries.append({"Sources": SOURCES_INDEX})
    return entries


def nav_pages(entries: Any) -> list[str]:
    """Every page path listed in a nav (nested lists of paths and {title: entries})."""
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, dict):
        return [p for value in entries.values() for p in nav_pages(value)]
    if isinstance(entries, list):
        return [p for entry in entries for p in nav_pages(entry)]
    return []
