"""Nothing injected: a corpus of markup, template and include syntax, built into a real site.

tests/data/injection holds the corpus: a source whose every paragraph is an
attack (raw HTML, <script>, javascript: URLs, Markdown, Jinja, Python-Markdown
and pymdownx syntax, snippets of /etc/passwd, attribute lists, [TOC],
abbreviations, front matter, very long words, RTL and zero-width characters)
and a book.yml whose every value is one too. Each payload carries the marker
"zqx". The site is built for real, with the scaffold's extensions *plus* every
common syntax extension an author might switch on (snippets included), and
its HTML and search index are checked element by element against a clean
book's build.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import REPO, write_book
from tests.htmlcheck import SYNTAX_EXTENSIONS, Element, heading, norm, paragraphs, parse

CORPUS = Path(__file__).parent / "data" / "injection"
MARKER = "zqx"
SECRETS = ("ZQXSECRET", "ZQXOUTSIDE")
#: Attributes that legitimately carry a page's or book's title as text (escaped by the templates).
TEXT_ATTRIBUTES = {"title", "aria-label", "content", "id", "href", "data-md-component"}
#: Elements no page of the book has, whatever else the templates grow to show.
NEVER = {"iframe", "object", "embed", "base", "frame", "audio", "video", "math"}


def _passwd_line() -> str:
    try:
        return Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return "root:x:0:0"


@pytest.fixture(scope="session")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The injection book, built with a real MkDocs build."""
    base = tmp_path_factory.mktemp("injection")
    (base / "outside.txt").write_text("ZQXOUTSIDE: a file outside the book folder\n", encoding="utf-8")
    root = base / "book"
    (root / "seeds").mkdir(parents=True)
    for name in ("book.yml", "payloads.txt", "frontmatter.txt", "secret.txt"):
        shutil.copyfile(CORPUS / name, root / "seeds" / name)
    (root / "seeds" / "outside-link.txt").symlink_to(base / "outside.txt")  # present, but not a declared source
    # a file name is shown on its page too
    odd = "<i>zqx<i> [l](javascript:x) {{ 1 }}.txt"
    (root / "seeds" / odd).write_text("A paragraph from a file with an odd name.\n", encoding="utf-8")
    book = yaml.safe_load((root / "seeds" / "book.yml").read_text(encoding="utf-8"))
    book["sources"].append(odd)
    (root / "seeds" / "book.yml").write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((REPO / "templates" / "scaffold" / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] += SYNTAX_EXTENSIONS + [
        {"pymdownx.snippets": {"base_path": [str(root / "seeds"), str(base), "/etc", "/"], "check_paths": False}}
    ]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert main(["build", str(root), "--quiet"]) == 0
    return root


@pytest.fixture(scope="module")
def structured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean book whose source has headings and a list: the elements and attributes structure adds."""
    text = "Harbour Works\n\nNEW QUAY\n\nThe quay opens in May.\n\n- two cranes arrive\n- ten berths open\n\nThe quay is busy.\n"
    root = write_book(
        tmp_path_factory.mktemp("structured"),
        "title: Clean\nthemes:\n  - title: Quay\n    keywords: [quay, cranes, berths]\n",
        {"works.txt": text},
    )
    assert main(["build", str(root), "--quiet"]) == 0
    return root


def _pages(site: Path) -> dict[str, Element]:
    return {str(p.relative_to(site)): parse(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def _shape(pages: dict[str, Element]) -> tuple[set[str], set[tuple[str, str]]]:
    tags, attrs = set(), set()
    for root in pages.values():
        for element in root.iter():
            tags.add(element.tag)
            attrs.update((element.tag, name) for name in element.attrs)
    return tags, attrs


def test_the_html_has_no_element_or_attribute_from_a_source(injected: Path, built_second: Path, structured: Path) -> None:
    pages = _pages(injected / "site")
    clean_tags, clean_attrs = _shape(_pages(built_second / "site"))
    more_tags, more_attrs = _shape(_pages(structured / "site"))
    clean_tags, clean_attrs = clean_tags | more_tags, clean_attrs | more_attrs
    problems = []
    for name, root in pages.items():
        for element in root.iter():
            where = f"{name}: <{element.tag}>"
            if element.tag not in clean_tags or element.tag in NEVER or MARKER in element.tag:
                problems.append(f"{where} is not an element the book makes")
            for attr, value in element.attrs.items():
                if (element.tag, attr) not in clean_attrs or attr.startswith("on"):
                    problems.append(f"{where} has attribute {attr}={value!r}")
                if attr in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE):
                    problems.append(f"{where} links to {value!r}")
                # ids and links may carry a marker only through a slug (toc ids, page addresses)
                not_a_slug = attr in ("id", "href") and not re.fullmatch(r"#?[\w-]+|(\.\./)*([a-z0-9-]+/)*(#[\w-]+)?", value)
                if MARKER in value.lower() and (attr not in TEXT_ATTRIBUTES or not_a_slug):
                    problems.append(f"{where} has {attr}={value!r} from a source")
            if element.tag in ("script", "style") and MARKER in element.text().lower():
                problems.append(f"{where} runs {element.text()[:60]!r}")
    assert not problems, "\n".join(problems[:20])


def _blocks(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [norm(b) for b in re.split(r"\n[ \t]*\n", text) if b.strip()]


def _items_apart(blocks: list[str], text: str) -> list[str]:
    """The blocks as paragraphs: each list line ("- x", "1. x", "2) x") its own item, without its marker."""
    out = []
    for block, raw in zip(blocks, (b for b in re.split(r"\n[ \t]*\n", text) if b.strip()), strict=True):
        lines = raw.strip().split("\n")
        if all(re.match(r"(?:[-*•]|\d{1,3}[.)]) ", line) for line in lines):
            out.extend(norm(re.sub(r"^(?:[-*•]|\d{1,3}[.)]) ", "", line)) for line in lines)
        else:
            out.append(block)
    return out


def test_every_payload_is_one_paragraph_of_its_own_words(injected: Path) -> None:
    site = injected / "site"
    payloads = parse((site / "sources" / "payloads" / "index.html").read_text(encoding="utf-8"))
    blocks = _items_apart(_blocks("payloads.txt"), (CORPUS / "payloads.txt").read_text(encoding="utf-8"))
    # the first block is the source's title, the second its "Source:" attribution
    assert heading(payloads) == blocks[0]
    assert [t for _, t in paragraphs(payloads)] == blocks[2:]
    front = parse((site / "sources" / "frontmatter" / "index.html").read_text(encoding="utf-8"))
    assert [t for _, t in paragraphs(front)] == _blocks("frontmatter.txt")
    for page in (payloads, front):
        for para in (e for e in page.iter() if "bb-para" in e.classes):
            inner = [e for e in para.iter()][1:]
            assert all(e.tag in ("a", "span") for e in inner), [e.tag for e in inner]


def test_the_title_element_is_text_even_where_material_unescapes_it(injected: Path) -> None:
    html = (injected / "site" / "sources" / "payloads" / "index.html").read_text(encoding="utf-8")
    page = parse(html)
    titles = [e for e in page.iter() if e.tag == "title"]
    assert len(titles) == 1
    assert norm(titles[0].text()).startswith(_blocks("payloads.txt")[0] + " - ")
    assert html.count("<script>alert") == 0


def test_book_yml_values_are_shown_as_text(injected: Path) -> None:
    config = yaml.safe_load((CORPUS / "book.yml").read_text(encoding="utf-8"))
    home = parse((injected / "site" / "index.html").read_text(encoding="utf-8"))
    assert heading(home) == norm(config["title"])
    assert config["subtitle"] in norm(home.text())
    meta = next(e for e in home.iter() if e.tag == "meta" and e.attrs.get("name") == "description")
    assert meta.attrs["content"] == config["description"]
    for theme in config["themes"]:
        slug = theme.get("slug") or "never-matched"
        page = parse((injected / "site" / slug / "index.html").read_text(encoding="utf-8"))
        assert heading(page) == norm(theme["title"])


def test_no_file_that_is_not_a_declared_source_leaks_into_the_site(injected: Path) -> None:
    secrets = (*SECRETS, _passwd_line())
    for path in sorted((injected / "site").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            for secret in secrets:
                assert secret.encode() not in data, f"{path.name} contains {secret!r}"
    for path in sorted((injected / "docs").rglob("*")):
        if path.is_file():
            assert not any(s.encode() in path.read_bytes() for s in secrets), path


def test_the_search_index_holds_text_not_markup(injected: Path, built_second: Path) -> None:
    def index(root: Path) -> list[dict[str, str]]:
        text = (root / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
        docs: list[dict[str, str]] = json.loads(text)["docs"]
        return docs

    clean_tags = {e.tag for doc in index(built_second) for field in ("title", "text") for e in parse(doc[field]).iter()}
    for doc in index(injected):
        for field in ("title", "text"):
            for element in parse(doc[field]).iter():
                assert element.tag in clean_tags, (doc["location"], element.tag)
                bad = [a for a, v in element.attrs.items() if MARKER in v.lower() or a.startswith("on")]
                assert not bad, (doc["location"], element.attrs)
    located = {doc["location"] for doc in index(injected)}
    assert "sources/payloads/" in located


def test_an_odd_file_name_is_shown_as_text(injected: Path) -> None:
    page = parse((injected / "site" / "sources" / "i-zqx-i-l-javascript-x-1" / "index.html").read_text(encoding="utf-8"))
    assert heading(page) == "<i>zqx<i> [l](javascript:x) {{ 1 }}"
    assert "{{ 1 }}.txt" not in norm(page.text()), "the file name is for the author, not shown to readers"


def test_page_titles_read_as_text_in_labels_too(injected: Path) -> None:
    """Material escapes page titles again in aria-labels: no entity of the escaper may show there."""
    labels = []
    for root in _pages(injected / "site").values():
        labels += [
            e.attrs["aria-label"] for e in root.iter() if e.attrs.get("aria-label", "").startswith(("Next: ", "Previous: "))
        ]
    assert labels
    assert not [label for label in labels if re.search(r"&#\d+;", label)]
    assert "Previous: [zqx link](javascript:alert(1)) \u202eRTL\u200bzqx" in labels
