"""Typed objects passed between the pipeline stages.

Every stage takes some of these and returns new ones; none is mutated after
it is made, so a later stage can never change what an earlier one decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .knowledge import Knowledge


@dataclass(frozen=True)
class ThemeSpec:
    """A theme as declared in book.yml."""

    title: str
    slug: str
    keywords: tuple[str, ...]
    summary: str = ""


@dataclass(frozen=True)
class SourceMeta:
    """What book.yml says about one source file; each value set here wins over the file's own metadata."""

    file: str
    title: str = ""
    publisher: str = ""
    date: str = ""  # ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY
    url: str = ""  # http(s) address of the original


@dataclass(frozen=True)
class BookConfig:
    """The validated contents of ``seeds/book.yml``."""

    root: Path
    title: str
    themes: tuple[ThemeSpec, ...]
    sources: tuple[str, ...]
    subtitle: str = ""
    description: str = ""
    language: str = "en"
    site_url: str = ""
    glossary: tuple[tuple[str, str], ...] = ()
    boilerplate: tuple[str, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()  # short form → expansion, added or corrected
    people: tuple[tuple[str, str], ...] = ()  # name → "Role, Organisation"
    organisations: tuple[tuple[str, str], ...] = ()  # name → kind (organisation, event, place)
    suppress: tuple[str, ...] = ()  # detected names, terms or figures to leave out
    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()  # kind → extra cue words
    page_size: str = "A4"  # paper of the printed book: "A4" or "Letter"
    encoding: str = ""  # for sources that are not UTF-8; "" = UTF-8 only
    source_meta: tuple[SourceMeta, ...] = ()  # per-source title, publisher, date and address from book.yml

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"


@dataclass(frozen=True)
class PhotoCredit:
    """A ``(Photo Credit: …)`` line, kept with the paragraph it followed."""

    text: str
    after_paragraph: int  # display number of the paragraph before it; 0 = before the first


@dataclass(frozen=True)
class Source:
    """One source text after reading: prose split into paragraphs, furniture set aside."""

    slug: str
    filename: str
    title: str
    attribution: str
    credits: tuple[PhotoCredit, ...]
    paragraphs: tuple[str, ...]
    dropped_lines: int = 0
    publisher: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); "" when unknown
    url: str = ""  # http(s) address of the original; "" when unknown
    kinds: tuple[str, ...] = ()  # per paragraph: "" paragraph, "heading" or "item"; () = all paragraphs

    def kind(self, number: int) -> str:
        """The kind of block ¶``number`` (1-based) was in its file: "", "heading" or "item"."""
        return self.kinds[number - 1] if number <= len(self.kinds) else ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its place in the book: ¶number within its source and a stable anchor."""

    source: str  # source slug
    number: int
    anchor: str
    text: str


@dataclass(frozen=True)
class KeywordHit:
    """How often one keyword of one theme occurs in a paragraph."""

    theme: str
    keyword: str
    count: int
    weight: float  # what one mention tells apart: ln(1 + paragraphs / paragraphs holding the keyword)


@dataclass(frozen=True)
class Assignment:
    """Which theme a paragraph belongs to, and why."""

    paragraph: Paragraph
    theme: str | None  # None: matched no theme, listed under "Other"
    scores: tuple[tuple[str, float], ...]  # every theme's score (own keywords and context), in display order
    hits: tuple[KeywordHit, ...]
    runner_up: str | None = None
    also: tuple[str, ...] = ()  # themes that share the paragraph: it is shown on their pages too
    rule: str = ""  # what placed it: "keywords", or the context ("neighbours", "section", …)

    @property
    def score(self) -> float:
        return dict(self.scores).get(self.theme, 0.0) if self.theme else 0.0

    def shown_on(self, slug: str | None) -> bool:
        """Whether the paragraph appears on this theme's page: its own theme, or one that shares it."""
        return self.theme == slug or (slug is not None and slug in self.also)


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph's text that becomes a link."""

    start: int
    end: int
    target: str  # docs-relative path of the page, with #anchor if any
    kind: str  # "theme": cross-link to another theme; "acronym", "term", "person", "entity": to its entry
    title: str = ""


@dataclass(frozen=True)
class ThemeLinks:
    """A theme's cross-links to and from the other themes, with counts."""

    theme: str
    outgoing: tuple[tuple[str, int], ...]
    incoming: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Book:
    """Everything the renderer needs: the whole book gathered before any page is written."""

    config: BookConfig
    sources: tuple[Source, ...]
    paragraphs: tuple[Paragraph, ...]
    assignments: tuple[Assignment, ...]
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # anchor → links on its theme page
    links: tuple[ThemeLinks, ...] = ()
    knowledge: Knowledge = field(default_factory=Knowledge)
    source_spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # anchor → links on its source page

    def theme_paragraphs(self, slug: str | None) -> tuple[Assignment, ...]:
        """The paragraphs placed in a theme (``None``: in no theme); those it only shares are not counted."""
        return tuple(a for a in self.assignments if a.theme == slug)

    def shown_paragraphs(self, slug: str) -> tuple[Assignment, ...]:
        """Every paragraph a theme's page shows, in book order: its own and those it shares."""
        return tuple(a for a in self.assignments if a.shown_on(slug))

    @property
    def unassigned(self) -> tuple[Assignment, ...]:
        return self.theme_paragraphs(None)


@dataclass(frozen=True)
class OutputFile:
    """One generated file, relative to ``docs/``."""

    path: str
    content: bytes
