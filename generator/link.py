"""Stage 4: decide every link in the book before any page is rendered.

First a registry maps each thing a page can point at (a theme, a source, a
paragraph) to its page and anchor; then references are resolved against it.
Cross-links: where a paragraph on one theme's page mentions another theme's
keyword, the first such mention in its section links to that theme's page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .base.matcher import Match
from .classify import keyword_matcher
from .model import Assignment, Paragraph, Source, Span, ThemeLinks, ThemeSpec


@dataclass(frozen=True)
class Registry:
    """Where each theme, source and paragraph lives, as docs-relative paths.

    A theme (or Other) with more text than one page should hold is split into
    parts: ``<slug>.md`` is the first, ``<slug>/2.md`` the second, and so on.
    """

    themes: dict[str, str]
    sources: dict[str, str]
    paragraphs: dict[str, str]  # anchor → "sources/<slug>.md#<anchor>"
    parts: dict[str | None, tuple[str, ...]] = field(default_factory=dict)  # theme slug (None: Other) → its pages
    placed: dict[str, str] = field(default_factory=dict)  # anchor → the theme or Other page part showing it
    shared: dict[tuple[str, str], str] = field(default_factory=dict)  # (anchor, sharing theme) → its page part

    def theme_page(self, slug: str) -> str:
        return self.themes[slug]

    def theme_parts(self, slug: str | None) -> tuple[str, ...]:
        """Every page of a theme (``None``: of Other), first one first."""
        default = (self.themes[slug],) if slug is not None else (OTHER_PATH,)
        return self.parts.get(slug, default)

    def theme_paragraph(self, anchor: str) -> str:
        """The page part (with ``#anchor``) where a paragraph appears under its theme or under Other."""
        return f"{self.placed[anchor]}#{anchor}"

    def placed_paragraph(self, anchor: str, slug: str) -> str:
        """Where the page of ``slug``, the paragraph's own theme, shows it: the part holding it when the page is split."""
        if anchor in self.placed:
            return self.theme_paragraph(anchor)
        return f"{self.theme_page(slug)}#{anchor}"

    def shared_paragraph(self, anchor: str, slug: str) -> str:
        """The page part (with ``#anchor``) where a theme that shares a paragraph shows it."""
        return f"{self.shared[(anchor, slug)]}#{anchor}"

    def source_page(self, slug: str) -> str:
        return self.sources[slug]

    def paragraph(self, anchor: str) -> str:
        return self.paragraphs[anchor]


def theme_path(slug: str) -> str:
    return f"{slug}.md"


def source_path(slug: str) -> str:
    return f"sources/{slug}.md"


OTHER_PATH = "other.md"

T = TypeVar("T")


#: Characters of paragraph text one theme page holds before the rest goes to a
#: next part: about 250 KB of HTML, so no page nears 1 MB however big the book.
PART_CHARS = 100_000


def part_path(first: str, number: int) -> str:
    """``harbours.md``, 2 → ``harbours/2.md``: later parts live under the first one's address."""
    return first if number == 1 else f"{first.removesuffix('.md')}/{number}.md"


def split_parts(assignments: tuple[Assignment, ...], budget: int | None = None) -> tuple[tuple[Assignment, ...], ...]:
    """Cut a page's paragraphs, in order, into parts of at most ``budget`` characters (one paragraph at least)."""
    return split_by_size(assignments, lambda a: len(a.paragraph.text), PART_CHARS if budget is None else budget)


def split_by_size(items: Sequence[T], size: Callable[[T], int], budget: int) -> tuple[tuple[T, ...], ...]:
    """Cut a page's items, in order, into parts whose ``size`` adds up to at most ``budget`` (one item at least)."""
    parts: list[tuple[T, ...]] = []
    current: list[T] = []
    total = 0
    for item in items:
        length = size(item)
        if current and total + length > budget:
            parts.append(tuple(current))
            current, total = [], 0
        current.append(item)
        total += length
    if current or not parts:
        parts.append(tuple(current))
    return tuple(parts)


def build_registry(
    themes: tuple[ThemeSpec, ...],
    sources: tuple[Source, ...],
    paragraphs: tuple[Paragraph, ...],
    assignments: tuple[Assignment, ...] = (),
) -> Registry:
    """Addresses of every page and paragraph; with ``assignments``, also the parts of long theme pages."""
    theme_pages = {t.slug: theme_path(t.slug) for t in themes}
    by_theme: dict[str | None, list[Assignment]] = {t.slug: [] for t in themes}
    for a in assignments:  # a shared paragraph is also shown on each sharing theme's page
        for slug in (a.theme, *a.also):
            by_theme.setdefault(slug, []).append(a)
    parts: dict[str | None, tuple[str, ...]] = {}
    placed: dict[str, str] = {}
    shared: dict[tuple[str, str], str] = {}
    for slug, mine in by_theme.items():
        first = theme_pages[slug] if slug is not None else OTHER_PATH
        chunks = split_parts(tuple(mine))
        parts[slug] = tuple(part_path(first, n) for n in range(1, len(chunks) + 1))
        for page, chunk in zip(parts[slug], chunks, strict=True):
            for a in chunk:
                if a.theme == slug:
                    placed[a.paragraph.anchor] = page
                elif slug is not None:
                    shared[(a.paragraph.anchor, slug)] = page
    return Registry(
        themes=theme_pages,
        sources={s.slug: source_path(s.slug) for s in sources},
        paragraphs={p.anchor: f"{source_path(p.source)}#{p.anchor}" for p in paragraphs},
        parts=parts,
        placed=placed,
        shared=shared,
    )


def cross_links(
    assignments: tuple[Assignment, ...],
    themes: tuple[ThemeSpec, ...],
    registry: Registry,
    matches: dict[str, list[Match]] | None = None,
) -> tuple[dict[str, tuple[Span, ...]], tuple[ThemeLinks, ...]]:
    """Links from each assigned paragraph to other themes, and the per-theme counts both ways.

    ``matches`` are the keyword matches classification already found (by anchor), so the
    text is not scanned twice; without them each paragraph is scanned here.
    """
    matcher = keyword_matcher(themes) if matches is None else None
    titles = {t.slug: t.title for t in themes}
    spans: dict[str, tuple[Span, ...]] = {}
    edges: Counter[tuple[str, str]] = Counter()
    linked_in_section: set[tuple[str, str, str]] = set()  # (page theme, source, target theme)
    for assignment in assignments:
        page = assignment.theme
        if page is None:
            continue
        paragraph = assignment.paragraph
        found = []
        for match in matcher.find(paragraph.text) if matcher is not None else (matches or {})[paragraph.anchor]:
            targets = sorted({key.split("\t", 1)[0] for key in match.keys})
            if page in targets:  # the page's own keyword: no link, and it hides other themes' claim
                continue
            target = targets[0] if len(targets) == 1 else min(targets, key=list(titles).index)
            section_key = (page, paragraph.source, target)
            if section_key in linked_in_section:
                continue
            linked_in_section.add(section_key)
            edges[(page, target)] += 1
            found.append(
                Span(match.start, match.end, registry.theme_page(target), "theme", titles[target])
            )
        if found:
            spans[paragraph.anchor] = tuple(found)
    order = list(titles)
    links = tuple(
        ThemeLinks(
            theme=slug,
            outgoing=tuple((t, edges[(slug, t)]) for t in order if edges[(slug, t)]),
            incoming=tuple((t, edges[(t, slug)]) for t in order if edges[(t, slug)]),
        )
        for slug in order
    )
    return spans, links
