"""The knowledge pages as a reader sees them: real strict MkDocs builds, real HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.mentions import Entry, mention_links
from generator.model import Assignment, Paragraph, Span
from generator.pipeline import assemble
from tests.conftest import BOOKS, BookFactory, copy_book
from tests.sitecheck import read_site, resolve


@pytest.fixture(scope="module")
def built_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test books written for the knowledge layer, each built with ``--strict``."""
    out = {}
    for name in ("storage", "cleanair", "harbour", "sensors"):
        root = copy_book(BOOKS / name, tmp_path_factory.mktemp("built") / name)
        assert main(["build", str(root), "--strict", "--quiet"]) == 0
        out[name] = root
    return out


def page(root: Path, name: str) -> str:
    return (root / "site" / name / "index.html").read_text(encoding="utf-8") if name else (
        root / "site" / "index.html"
    ).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def block_after(doc: str, ident: str) -> str:
    """The HTML from the element with this id up to the next heading of any level."""
    start = doc.index(f'id="{ident}"')
    end = re.compile(r"<h[1-6]").search(doc, start + 1)
    return doc[start : end.start() if end else len(doc)]


def main_content(doc: str) -> str:
    return doc[doc.index('<article class="md-content__inner') : doc.index("</article>")]


def test_example_glossary_people_timeline_and_key_facts(built_example: Path) -> None:
    glossary = page(built_example, "glossary")
    assert "China International Fair for Trade in Services" in text_of(block_after(glossary, "g-ciftis"))
    people = page(built_example, "people")
    entry = text_of(block_after(people, "person-wang-bingnan"))
    assert "Vice Minister, Ministry of Commerce" in entry
    timeline = text_of(main_content(page(built_example, "timeline")))
    assert "2–7 September 2021" in timeline and "2035" in timeline
    assert timeline.index("2–7 September 2021") < timeline.index("2035 ·")
    overview = page(built_example, "plan-overview")
    facts = re.search(r'<div class="admonition info">(.*?)</div>', overview, re.S)
    assert facts and "Key facts" in facts.group(1)
    assert "45 key tasks" in text_of(facts.group(1)) and "6 aspects" in text_of(facts.group(1))
    assert overview.index("admonition info") < overview.index('class="bb-para"')  # at the top of the page
    assert "45 key tasks" in text_of(main_content(page(built_example, "")))  # key numbers on Home


def test_example_timeline_data_is_iso_and_chronological(example_book: Path) -> None:
    book, _ = assemble(example_book)
    spans = [(e.start, e.end) for e in book.knowledge.timeline]
    assert ("2021-09-02", "2021-09-07") in spans and ("2035", "2035") in spans
    assert spans == sorted(spans)


def paragraph_links(root: Path, names: tuple[str, ...]) -> int:
    """Check every link to a ¶ anchor on these pages resolves to an element with that id; return how many."""
    pages = read_site(root / "site")
    checked = 0
    for name in names:
        path = f"{name}/index.html" if name else "index.html"
        for href, _, _ in pages[path].links:
            where = resolve(path, href)
            if where and where[1].startswith("p-"):
                target, anchor = where
                assert target in pages and anchor in pages[target].ids, f"{path}: {href}"
                checked += 1
    return checked


def test_every_item_links_to_an_existing_paragraph_anchor(built_example: Path) -> None:
    names = ("glossary", "people", "timeline", "", "plan-overview", "digital-trade", "dual-carbon-forums")
    assert paragraph_links(built_example, names) > 20


def test_every_extracted_item_cites_a_paragraph_of_the_book(example_book: Path) -> None:
    book, _ = assemble(example_book)
    anchors = {p.anchor for p in book.paragraphs}
    k = book.knowledge
    items = [*k.acronyms, *k.terms, *k.people, *k.entities, *k.periods]
    assert items and all(i.anchors and set(i.anchors) <= anchors for i in items)
    assert all(f.anchor in anchors for f in k.figures) and all(t.anchor in anchors for t in k.timeline)
    assert all(a in anchors for f in k.figures for a in f.anchors)  # a figure stated again cites each paragraph


def test_hover_expansion_and_first_mention_link_per_page(built_example: Path) -> None:
    doc = main_content(page(built_example, "digital-trade"))
    assert '<abbr title="China International Fair for Trade in Services">CIFTIS</abbr>' in doc
    links = re.findall(r'<a class="bb-acronym" href="([^"]+)"', doc)
    assert links == ["../glossary/#g-ciftis"]  # once per page, the first mention
    people = re.findall(r'<a class="bb-person" href="([^"]+)"', doc)
    assert people == ["../people/#person-wang-bingnan"]
    source = main_content(page(built_example, "sources/china-foreign-trade-plan-and-ciftis-2021"))
    assert re.findall(r'<a class="bb-acronym" href="([^"]+)"', source) == ["../../glossary/#g-ciftis"]
    assert source.count('class="bb-person"') == 1 and source.count("<abbr") >= 4


@pytest.mark.parametrize("name", ["plan-overview", "digital-trade", "dual-carbon-forums", "glossary", "people"])
def test_no_link_inside_a_heading_or_another_link(built_example: Path, name: str) -> None:
    doc = main_content(page(built_example, name))
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", doc, re.S):
        assert re.findall(r"<a (?![^>]*headerlink)", heading) == [], heading
    for link in re.findall(r"<a [^>]*>(.*?)</a>", doc, re.S):
        assert "<a " not in link


def test_knowledge_pages_sit_after_the_themes_and_before_the_sources(built_example: Path) -> None:
    nav = page(built_example, "")
    order = [nav.index(f'href="{target}"') for target in ("dual-carbon-forums/", "glossary/", "people/", "timeline/")]
    assert order == sorted(order)
    assert order[-1] < nav.index('href="sources/')


def test_mention_links_never_overlap_a_cross_link() -> None:
    text = "The CIFTIS forum met; CIFTIS again."
    p = Paragraph("s", 1, "p-1", text)
    a = Assignment(paragraph=p, theme="t", scores=(("t", 1),), hits=())
    theme = Span(4, 16, "u.md", "theme")  # "CIFTIS forum" is already a link
    entry = Entry("acronym:CIFTIS", ("CIFTIS",), True, "glossary.md#g-ciftis", "x")
    spans = mention_links((a,), (entry,), {"p-1": (theme,)})["p-1"]
    assert [(s.start, s.kind) for s in spans] == [(4, "theme"), (22, "acronym")]


def test_test_books_have_their_own_facts(built_books: dict[str, Path]) -> None:
    storage = built_books["storage"]
    glossary = page(storage, "glossary")
    assert "Advanced Research Projects Agency–Energy" in text_of(block_after(glossary, "g-arpa-e"))
    assert "Department of the Interior" in text_of(block_after(glossary, "g-doi"))  # corrected in book.yml
    assert "ShotTM" not in text_of(main_content(glossary))
    people = page(storage, "people")
    assert "Energy Secretary" in text_of(block_after(people, "person-jennifer-granholm"))
    assert "chief engineer, Prairie Wind Cooperative" in text_of(block_after(people, "person-ravi-okafor"))
    assert "Short form: DOE" in text_of(block_after(people, "org-u-s-department-of-energy"))  # its full name
    timeline = text_of(main_content(page(storage, "timeline")))
    assert timeline.index("July 2021") < timeline.index("14 March 2024") < timeline.index("1 April 2024 – 30 June 2024")
    money = text_of(main_content(page(storage, "money-and-targets")))
    assert "$2.4 billion" in money and "Key facts" in money

    cleanair = built_books["cleanair"]
    assert "Transport for Greater Norbury" in text_of(block_after(page(cleanair, "glossary"), "g-tfgn"))
    ellery = text_of(block_after(page(cleanair, "people"), "person-tom-ellery"))
    assert "director of public health, Norbury City Council" in ellery
    assert "1 March 2025" in text_of(main_content(page(cleanair, "timeline")))
    harbour = built_books["harbour"]
    assert "Calder Port Authority" in text_of(block_after(page(harbour, "glossary"), "g-cpa"))
    sensors = built_books["sensors"]
    assert "Fisheries Minister" in text_of(block_after(page(sensors, "people"), "person-tomas-lind"))
    assert "4 October 2022" in text_of(main_content(page(sensors, "timeline")))
    for root in built_books.values():
        assert paragraph_links(root, ("glossary", "people", "timeline", "")) > 5


def test_defined_terms_hover_everywhere(built_books: dict[str, Path]) -> None:
    root = built_books["cleanair"]
    for name in ("the-zone", "glossary", "sources/norbury-clean-air"):
        doc = main_content(page(root, name))
        assert re.search(r'<abbr title="A strip of streets[^"]*">clean air corridor</abbr>', doc), name


def test_abbreviation_definitions_cannot_inject(make_book: BookFactory) -> None:
    evil = "<img src=x onerror=alert(1)> **bold** [a](http://e.example) {: #x } *[ZZ]: pwned"
    root = make_book(
        "title: T\nthemes:\n  - title: A\n    keywords: [alpha]\n"
        f"acronyms:\n  XSS: '{evil}'\n"
        "glossary:\n  alpha term: \"one\\n*[ZZ]: two\\n<script>alert(1)</script>\"\n",
        {"a.txt": "Alpha\n\nThe alpha XSS plan and the ZZ group use an \"alpha term\" here.\n"},
    )
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    for name in ("a", "glossary"):
        doc = main_content(page(root, name))
        assert "<img" not in doc and "<script" not in doc and "<strong>bold" not in doc
        assert 'href="http://e.example"' not in doc
        assert "<abbr" in doc and not re.search(r'<abbr title="[^"]*">ZZ</abbr>', doc)
        assert re.search(r'<abbr title="one \*\[ZZ\]: two ‹script›alert\(1\)‹/script›">alpha term</abbr>', doc)


def test_a_book_with_no_acronyms_or_terms_says_so(built_second: Path) -> None:
    glossary = text_of(main_content(page(built_second, "glossary")))
    assert "No acronym is defined in the sources." in glossary and "No key term is quoted in the sources." in glossary
    people = page(built_second, "people")
    assert "chief ecologist, Northern Waters Regional Authority" in text_of(block_after(people, "person-amelia-hart"))
    timeline = text_of(main_content(page(built_second, "timeline")))
    assert timeline.index("2010") < timeline.index("2025")
