"""Nothing lost: property-based tests over arbitrary Unicode sources and theme sets.

For every generated book, the rendered HTML (Python-Markdown with the
scaffold's extensions; a few cases through real MkDocs builds) must show
every paragraph of every source word for word on its source page, and on
exactly one theme page or the Other page, in agreement with the source page.
Settings are fixed (derandomized) so CI runs the same cases every time.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.base.escape import escape
from generator.cli import main
from generator.pipeline import generate
from generator.read import _ATTRIBUTION, _CREDIT, _ITEM, _SENTENCE_END, DEFAULT_BOILERPLATE, END_MARKERS, line_patterns
from tests.conftest import write_book
from tests.htmlcheck import SYNTAX_EXTENSIONS, Element, heading, norm, paragraphs, parse, render_markdown

FAST = settings(max_examples=120, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))

# Any character a decoded text file can hold, except the ones that end a line
# or a file (those are what the generator varies on purpose) and NUL (refused).
LETTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n")
SYNTAX = st.sampled_from(
    [
        "<",
        ">",
        "&",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "#",
        "!",
        "`",
        "|",
        "~",
        "^",
        "=",
        "+",
        "-",
        ":",
        ";",
        "'",
        '"',
        "\\",
        "--8<--",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        "{:",
        "!!!",
        "???",
        "[TOC]",
        "*[",
        "]:",
        "1.",
        "2)",
        "&amp;",
        "&#60;",
        "<script>",
        "javascript:",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\u00ad",
        "\x02",
        "\x1b",
    ]
)
WORD = (
    st.lists(st.one_of(SYNTAX, st.text(LETTERS, min_size=1, max_size=6)), min_size=1, max_size=3)
    .map("".join)
    .filter(lambda w: bool(w.split()) and w == w.strip())
)
SPACE = st.sampled_from([" ", " ", " ", "\t", "\u00a0", "\u3000", "  "])
BOILERPLATE = ("Sponsored content", "Subscribe to *")


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=12))
    text = ""
    for i, word in enumerate(words):
        text += word if i == 0 else draw(st.sampled_from([draw(SPACE), "\n"])) + word
    text += "."  # ends with a full stop: a paragraph, never taken for a title
    assume(not _ATTRIBUTION.match(norm(text)) and not _CREDIT.match(norm(text)))
    assume(not line_patterns(DEFAULT_BOILERPLATE + BOILERPLATE).match(norm(text)))
    assume(norm(text))
    # a line that starts a list item or is an end marker is structure, tested in test_read.py: not prose here
    assume(not any(_ITEM.match(norm(line)) or norm(line) in END_MARKERS for line in text.split("\n")))
    return text


@dataclass(frozen=True)
class GenSource:
    name: str
    title: str  # "" = none
    paragraphs: tuple[str, ...]
    raw: bytes


@st.composite
def source(draw: st.DrawFn, index: int) -> GenSource:
    paras = draw(st.lists(paragraph(), min_size=1, max_size=6))
    title = draw(st.one_of(st.just(""), st.lists(WORD, min_size=1, max_size=5).map(" ".join)))
    assume(not title or (norm(title) and not title.endswith(_SENTENCE_END) and not _ATTRIBUTION.match(norm(title))))
    assume(not title or not line_patterns(DEFAULT_BOILERPLATE + BOILERPLATE).match(norm(title)))
    blocks = ([title] if title else []) + list(paras)
    # Declared boilerplate between paragraphs must disappear; everything else must stay.
    for _ in range(draw(st.integers(0, 2))):
        line = draw(st.sampled_from(["Sponsored content", "Subscribe to our letter"]))
        blocks.insert(draw(st.integers(1 if title else 0, len(blocks))), line)
    text = "\n\n".join(blocks) + "\n"
    assume(not text.startswith("\ufeff"))  # at the start of a file, U+FEFF is a byte-order mark, not text
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    raw = draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + text.encode("utf-8")
    return GenSource(f"source-{index}.txt", title, tuple(paras), raw)


@st.composite
def book(draw: st.DrawFn) -> tuple[dict[str, object], list[GenSource]]:
    sources = [draw(source(i)) for i in range(draw(st.integers(1, 3)))]
    words = sorted({w for s in sources for p in s.paragraphs for w in p.split() if re.search(r"\w", w)})
    themes = []
    for i in range(draw(st.integers(1, 4))):
        picked = draw(st.lists(st.sampled_from(words), max_size=3)) if words else []
        extra = draw(st.lists(st.text(LETTERS, min_size=1, max_size=8).filter(lambda k: k.strip() != ""), max_size=2))
        keywords = [k.strip() for k in picked + extra] or ["unmatched"]
        title = draw(st.lists(WORD, min_size=1, max_size=4).map(" ".join))
        summary = draw(st.lists(WORD, max_size=4).map(" ".join))
        themes.append({"title": title, "slug": f"theme-{i + 1}", "keywords": keywords, "summary": summary})
    config = {
        "title": draw(st.lists(WORD, min_size=1, max_size=4).map(" ".join)),
        "sources": [s.name for s in sources],
        "boilerplate": list(BOILERPLATE),
        "themes": themes,
    }
    return config, sources


def _write(root: Path, config: dict[str, object], sources: list[GenSource]) -> Path:
    return write_book(root, yaml.safe_dump(config, allow_unicode=True, sort_keys=False), {s.name: s.raw for s in sources})


def _check_pages(pages: dict[str, Element], config: dict[str, object], sources: list[GenSource]) -> None:
    """The properties, on rendered pages keyed by their docs path without ``.md``."""
    themes = config["themes"]
    assert isinstance(themes, list)
    theme_pages = {t["slug"]: t for t in themes}
    placed: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    marked: dict[str, list[bool]] = {}  # anchor → on each page showing it, whether it is marked as shared
    for key, page in pages.items():
        if key in theme_pages or key == "other":
            for anchor, text in paragraphs(page):
                placed.setdefault(anchor, []).append(key)
                texts[anchor] = text
            for element in (e for e in page.iter() if "bb-para" in e.classes):
                shared = any("bb-shared" in e.classes for e in element.iter())
                marked.setdefault(element.attrs.get("id", ""), []).append(shared)
    for src in sources:
        page = pages[f"sources/{Path(src.name).stem}"]
        if src.title:
            assert heading(page) == norm(src.title), (heading(page), src.title, src.raw[:300])
        shown = paragraphs(page)
        # every paragraph, word for word, in order; the boilerplate lines are gone
        assert [text for _, text in shown] == [norm(p) for p in src.paragraphs], (shown, src.paragraphs, src.raw)
        for (anchor, text), element in zip(shown, [p for p in page.iter() if "bb-para" in p.classes], strict=True):
            # one theme, or Other, or several themes that share it (marked so on each); the source page says the same
            where = placed.get(anchor, [])
            assert len(where) == 1 or (len(where) > 1 and "other" not in where and all(marked[anchor])), (anchor, where)
            assert len(where) > 1 or not any(marked[anchor])
            assert texts[anchor] == text
            label = next(e for e in element.iter() if "bb-theme" in e.classes)
            if where == ["other"]:
                assert norm(label.text()) == "→ no theme"
            else:
                named = sorted(norm(e.text()) for e in label.iter() if e.tag == "a")
                assert named == sorted(norm(theme_pages[key]["title"]) for key in where), (named, where)
    for slug, theme in theme_pages.items():
        assert heading(pages[slug]) == norm(theme["title"])
    assert heading(pages["index"]) == norm(str(config["title"]))
    all_anchors = {a for key, page in pages.items() if key.startswith("sources/") for a, _ in paragraphs(page)}
    assert set(placed) == all_anchors


@FAST
@given(book())
def test_every_paragraph_is_in_the_rendered_book_once_or_marked_shared(generated: tuple[dict[str, object], list[GenSource]]) -> None:
    config, sources = generated
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp), config, sources)
        result = generate(root, write=False)
    pages = {f.path[:-3]: parse(render_markdown(f.content.decode("utf-8"))) for f in result.files if f.path.endswith(".md")}
    _check_pages(pages, config, sources)


@settings(max_examples=3, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(book())
def test_generated_books_survive_a_real_mkdocs_build(generated: tuple[dict[str, object], list[GenSource]]) -> None:
    config, sources = generated
    with tempfile.TemporaryDirectory() as tmp:
        root = _write(Path(tmp), config, sources)
        assert main(["build", str(root), "--quiet"]) == 0
        pages = {}
        for html in (root / "site").rglob("index.html"):
            key = str(html.parent.relative_to(root / "site")) if html.parent != root / "site" else "index"
            pages[key] = parse(html.read_text(encoding="utf-8"))
    _check_pages(pages, config, sources)


MD_SYNTAX_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "toc",
    "meta",
    "sane_lists",
    "fenced_code",
    "pymdownx.snippets",
    "pymdownx.emoji",
    "pymdownx.arithmatex",
    "pymdownx.saneheaders",
    *SYNTAX_EXTENSIONS,
]


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(SYNTAX, st.text(LETTERS, max_size=5), SPACE), max_size=25).map("".join))
def test_escaped_text_is_one_paragraph_of_exactly_that_text_even_with_every_extension_on(text: str) -> None:
    """An author may enable more extensions in mkdocs.yml than the scaffold: escaped text stays text under all of them."""
    import markdown

    assume(norm(text))
    md = markdown.Markdown(
        extensions=MD_SYNTAX_EXTENSIONS,
        extension_configs={"pymdownx.snippets": {"base_path": ["/", "/etc", "."], "check_paths": False}},
    )
    root = parse(md.convert(escape(text)))
    assert [e.tag for e in root.iter()][1:] == ["p"]
    assert norm(root.text()) == norm(text)
