"""Read a built site as a reader's browser would: pages, their ids, links and visible text."""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    path: str  # relative to the site root, e.g. "plan-overview/index.html"
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, set[str]]] = field(default_factory=list)  # (href, text, classes)
    text: str = ""
    main_text: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.chunks: list[str] = []
        self.main: list[str] = []
        self.skip = 0
        self.in_main = 0
        self.link: list[object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.page.ids.add(a["id"] or "")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "article":
            self.in_main += 1
        if tag == "a" and a.get("href") is not None:
            self.link = [a["href"], [], set((a.get("class") or "").split())]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "article":
            self.in_main -= 1
        if tag == "a" and self.link is not None:
            href, text, classes = self.link
            self.page.links.append((str(href), "".join(text).strip(), classes))  # type: ignore[arg-type]
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.chunks.append(data)
        if self.in_main:
            self.main.append(data)
        if self.link is not None:
            self.link[1].append(data)  # type: ignore[union-attr]


def read_page(site: Path, path: str) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed((site / path).read_text(encoding="utf-8"))
    page.text = " ".join("".join(parser.chunks).split())
    page.main_text = " ".join("".join(parser.main).split())
    return page


def read_site(site: Path) -> dict[str, Page]:
    return {str(p.relative_to(site)): read_page(site, str(p.relative_to(site))) for p in sorted(site.rglob("*.html"))}


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """The site file and fragment an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if path.endswith("/") or target == ".":
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    elif not posixpath.splitext(target)[1]:
        target = posixpath.join(target, "index.html")
    return target, parts.fragment


def broken_links(pages: dict[str, Page], site: Path) -> list[str]:
    """Every internal link whose page or #anchor does not exist."""
    problems = []
    for page in pages.values():
        if page.path == "404.html":  # served at any depth, so MkDocs gives it root-absolute links
            continue
        for href, _, _ in page.links:
            where = resolve(page.path, href)
            if where is None:
                continue
            target, fragment = where
            if target not in pages:
                if not (site / target).exists():
                    problems.append(f"{page.path}: {href} → no {target}")
                continue
            if fragment and fragment not in pages[target].ids:
                problems.append(f"{page.path}: {href} → no #{fragment} in {target}")
    return problems


def search_index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def visible(text: str) -> str:
    return " ".join(html.unescape(text).split())
