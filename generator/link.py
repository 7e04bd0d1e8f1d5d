"""Stage 4: decide every link in the book before any page is rendered.

First a registry maps each thing a page can point at (a theme, a source, a
paragraph) to its page and anchor; then references are resolved against it.
Cross-links: where a paragraph on one theme's page mentions another theme's
keyword, the first such mention in its section links to that theme's page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .classify import keyword_matcher
from .model import Assignment, Paragraph, Source, Span, ThemeLinks, ThemeSpec


@dataclass(frozen=True)
class Registry:
    """Where each theme, source and paragraph lives, as docs-relative paths."""

    themes: dict[str, str]
    sources: dict[str, str]
    paragraphs: dict[str, str]  # anchor → "sources/<slug>.md#<anchor>"

    def theme_page(self, slug: str) -> str:
        return self.themes[slug]

    def source_page(self, slug: str) -> str:
        return self.sources[slug]

    def paragraph(self, anchor: str) -> str:
        return self.paragraphs[anchor]


def theme_path(slug: str) -> str:
    return f"{slug}.md"


def source_path(slug: str) -> str:
    return f"sources/{slug}.md"


OTHER_PATH = "other.md"


def build_registry(themes: tuple[ThemeSpec, ...], sources: tuple[Source, ...], paragraphs: tuple[Paragraph, ...]) -> Registry:
    return Registry(
        themes={t.slug: theme_path(t.slug) for t in themes},
        sources={s.slug: source_path(s.slug) for s in sources},
        paragraphs={p.anchor: f"{source_path(p.source)}#{p.anchor}" for p in paragraphs},
    )


def cross_links(
    assignments: tuple[Assignment, ...], themes: tuple[ThemeSpec, ...], registry: Registry
) -> tuple[dict[str, tuple[Span, ...]], tuple[ThemeLinks, ...]]:
    """Links from each assigned paragraph to other themes, and the per-theme counts both ways."""
    matcher = keyword_matcher(themes)
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
        for match in matcher.find(paragraph.text):
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
