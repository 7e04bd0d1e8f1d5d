"""Read generated pages the way a reader sees them: Markdown → HTML → elements and text.

Shared by the robustness tests. ``render_markdown`` runs Python-Markdown with
exactly the extensions of ``templates/scaffold/mkdocs.yml`` (what a real
build uses, without the cost of a whole MkDocs build); ``parse`` builds a
small element tree with the standard library's HTML parser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml

REPO = Path(__file__).resolve().parent.parent
SCAFFOLD = REPO / "templates" / "scaffold" / "mkdocs.yml"
#: Markdown extensions that give text a meaning (tables, footnotes, marks, blocks …): a user may switch any
#: of them on, so tests check that escaped source text stays text with all of them.
SYNTAX_EXTENSIONS = [
    "tables",
    "def_list",
    "footnotes",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.tasklist",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.magiclink",
    "pymdownx.keys",
    "pymdownx.critic",
    "pymdownx.betterem",
    "pymdownx.inlinehilite",
    "pymdownx.highlight",
    "pymdownx.tabbed",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.html",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def scaffold_extensions() -> tuple[list[str], dict[str, Any]]:
    """The ``markdown_extensions`` of the scaffold mkdocs.yml, as Python-Markdown arguments."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in yaml.safe_load(SCAFFOLD.read_text(encoding="utf-8"))["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


_NAMES, _CONFIGS = scaffold_extensions()


def render_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=_NAMES, extension_configs=_CONFIGS)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def text(self, skip: Callable[[Element], bool] = lambda e: False) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
        return "".join(parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def norm(text: str) -> str:
    """What a reader can compare: control characters shown as spaces, whitespace runs folded."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def _furniture(element: Element) -> bool:
    """Links and labels the book adds around a paragraph's own words."""
    return bool(element.classes & {"bb-cite", "bb-pnum", "bb-theme", "bb-shared", "headerlink"})


def paragraphs(root: Element) -> list[tuple[str, str]]:
    """``(anchor, text)`` of every book paragraph on a page, in order, without ¶ links and theme labels."""
    return [(p.attrs.get("id", ""), norm(p.text(_furniture))) for p in root.iter() if "bb-para" in p.classes]


def heading(root: Element, tag: str = "h1") -> str:
    return next(norm(e.text(_furniture)) for e in root.iter() if e.tag == tag)
