"""The book as a briefing: sources keep their headings and lists, theme pages show them (real strict builds)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import write_book

FERRY = (
    "Island Ferry Service Returns With Two New Vessels After a Winter of Repairs at the Northern Yard\n\n"
    "FLEET AND TIMETABLE\n\n"
    "Two ferries will sail daily from May, carrying 600 passengers a day across the sound.\n\n"
    "Fares and Concessions\n\n"
    "- children travel free on every ferry\n"
    "- pensioners pay half fare on every ferry\n"
    "• cyclists pay a pound\n\n"
    "Harbour workers repaired both hulls over the winter.\n\n"
    "###\n"
)
MILL = (
    "Mill Reopens\n\n"
    "The old mill reopens as a museum, and its staff of 12 workers will guide visitors.\n\n"
    "-30-\n"
)
BOOK_YML = (
    "title: Islands brief\n"
    "sources:\n"
    "  - file: ferry.txt\n    publisher: Island Council\n    date: 2025-04-02\n"
    "  - mill.txt\n"
    "themes:\n"
    "  - title: Ferries\n    keywords: [ferry, ferries, fare, passengers]\n"
    "  - title: Work\n    keywords: [workers, staff, hulls]\n"
)


def text_of(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)  # the permalink of a heading
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def content(root: Path, name: str) -> str:
    doc = (root / "site" / name / "index.html").read_text(encoding="utf-8")
    return doc[doc.index('<article class="md-content__inner') : doc.index("</article>")]


@pytest.fixture(scope="module")
def islands(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_book(tmp_path_factory.mktemp("islands"), BOOK_YML, {"ferry.txt": FERRY, "mill.txt": MILL})
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    return root


def test_a_source_page_shows_its_headings_as_headings_and_its_list_as_a_list(islands: Path) -> None:
    page = content(islands, "sources/ferry")
    headings = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]
    assert headings == ["FLEET AND TIMETABLE", "Fares and Concessions"]
    lists = re.findall(r"<ul>(.*?)</ul>", page, re.S)
    assert len(lists) == 1
    items = [text_of(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", lists[0], re.S)]
    assert [re.sub(r"^¶\d+ | →.*$", "", i) for i in items] == [
        "children travel free on every ferry", "pensioners pay half fare on every ferry", "cyclists pay a pound",
    ]
    shown = text_of(page)
    assert "###" not in shown and "• " not in shown and "- children" not in shown
    assert "-30-" not in text_of(content(islands, "sources/mill"))


def test_a_theme_page_groups_paragraphs_under_their_source_headings(islands: Path) -> None:
    page = content(islands, "ferries")
    page = page[page.index("<h2") :]  # the sections, after the key facts
    text = text_of(page)
    assert text.index("FLEET AND TIMETABLE") < text.index("Two ferries will sail") < text.index("Fares and Concessions")
    assert text.index("Fares and Concessions") < text.index("children travel free")
    h3 = [text_of(h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", page, re.S)]
    assert "Fares and Concessions" in h3
    assert re.search(r"<li[^>]*>\s*children travel free", page)
    work = text_of(content(islands, "work"))
    assert "Harbour workers repaired both hulls" in work


def test_theme_sections_carry_a_short_label_with_the_full_title_as_tooltip(islands: Path) -> None:
    ferries = content(islands, "ferries")
    sections = re.findall(r"<h2([^>]*)>(.*?)</h2>", ferries, re.S)
    labels = [text_of(body) for _, body in sections]
    assert labels[0] == "Island Council, 2 April 2025"  # publisher and date from book.yml
    assert 'title="Island Ferry Service Returns With Two New Vessels After a Winter of Repairs at the Northern Yard"' in sections[0][0]
    work = content(islands, "work")
    labels = [text_of(body) for body in re.findall(r"<h2[^>]*>(.*?)</h2>", work, re.S)]
    assert "Mill Reopens" in labels  # no publisher: the title, short enough to stay whole
    assert all(len(label) <= 60 for label in labels)
    # the table of contents shows the label, never the long title
    doc = (islands / "site" / "ferries" / "index.html").read_text(encoding="utf-8")
    toc = doc[doc.index('class="md-nav md-nav--secondary"') :]
    assert "Island Council, 2 April 2025" in toc and "Northern Yard" not in text_of(toc[: toc.index("</nav>")])


def test_a_long_title_is_cut_at_a_word_boundary_and_a_tooltip_is_never_markup() -> None:
    from generator.base.escape import attribute_text
    from generator.model import Source
    from generator.render import LABEL_MAX, short_label

    title = "Northern Rail Electrification Reaches the Coast After Twelve Years of Planning and Building"
    label = short_label(Source(slug="s", filename="s.txt", title=title, attribution="", credits=(), paragraphs=("x",)))
    assert label == "Northern Rail Electrification Reaches the Coast After…"
    assert len(label) <= LABEL_MAX and title.startswith(label[:-1])
    for hostile in ('a"} onclick="x', "{: #id }", "<script>x</script>", "&amp; `c` *e*"):
        assert not set(attribute_text(hostile)) & set('"{}<>`*#&')
    assert attribute_text("Trade & Investment: a plan") == "Trade & Investment: a plan"


def test_a_dated_source_is_on_the_timeline_as_published_and_a_dateline_is_not_repeated(
    islands: Path, tmp_path: Path
) -> None:
    timeline = content(islands, "timeline")
    rows = [text_of(li) for li in re.findall(r'<li class="bb-event-published">(.*?)</li>', timeline, re.S)]
    assert rows == [
        "2 April 2025 — Published: Island Ferry Service Returns With Two New Vessels After a Winter of Repairs"
        " at the Northern Yard (Island Council) ¶1"
    ]
    assert "Mill Reopens" not in text_of(timeline)  # no date known: not on the timeline
    # a source whose text gives its own release date (a dateline) keeps one row for that date
    dated = "Town Hall Reopens\n\nThe town hall reopened on 5 June 2024 after repairs to its roof and its walls.\n"
    root = write_book(
        tmp_path / "hall",
        "title: Hall\nsources:\n  - {file: hall.txt, date: 2024-06-05}\nthemes:\n  - title: Hall\n    keywords: [hall]\n",
        {"hall.txt": dated},
    )
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    page = content(root, "timeline")
    rows = [text_of(li) for li in re.findall(r"<li(?:\s[^>]*)?>(.*?)</li>", page, re.S)]
    assert [r for r in rows if r.startswith("5 June 2024")] == [
        "5 June 2024 · Hall — The town hall reopened on 5 June 2024 after repairs to its roof and its walls. ¶1"
    ]
    assert "Published:" not in text_of(page)


PORT = (
    "Port Plan\n\n"
    "The port has 12 cranes and 300 staff on its quays.\n\n"
    "The board will spend $45 million on a new quay by 2027, the board said.\n\n"
    "Again: the board will spend $45 million on the new quay, it said at the harbour.\n\n"
    "Ships now wait 30% less at the quay than a year ago, the board said.\n"
)


def rows_of(table: str) -> list[list[str]]:
    return [[text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)][1:]


def test_home_is_a_summary_key_numbers_ranked_once_each_in_whole_clauses_and_each_theme_with_a_lead(tmp_path: Path) -> None:
    root = write_book(
        tmp_path / "port",
        "title: Port brief\nsources:\n  - {file: port.txt, date: 2026-01-15, publisher: Port Board}\nthemes:\n"
        "  - title: Quays\n    keywords: [quay, quays, cranes]\n  - title: Ships\n    keywords: [ships, wait]\n",
        {"port.txt": PORT},
    )
    assert main(["build", str(root), "--strict", "--quiet"]) == 0
    home = content(root, "")
    text = text_of(home)
    assert "As of 15 January 2026, the date of the newest source." in text
    table = home[home.index("Key numbers") : home.index("</table>")]
    rows = rows_of(table)
    figures = [r[0] for r in rows]
    assert figures[:2] == ["$45 million", "30%"]  # money and shares first, counts after, though the text gives counts first
    assert figures.count("$45 million") == 1  # stated twice, one row
    assert "12 cranes, 300 staff" in figures[2:]
    first = rows[0]
    assert first[1].startswith("The board will spend $45 million on a new quay by 2027")  # a whole clause, not a fragment
    assert first[2] == "2027" and first[3] == "¶2"
    # each theme card leads with its most central sentence, quoted with its ¶
    cards = home[home.index('class="grid cards') : home.index("</div>", home.index('class="grid cards'))]
    assert "“Ships now wait 30% less at the quay than a year ago, the board said.” ¶4" in text_of(cards)
    # the book's make-up is on About, linked from Home; pictures are not on Home
    assert "bb-picture" not in home and "Coverage" not in text
    assert 'href="about/"' in home
    about = content(root, "about")
    assert "bb-coverage" in about
    assert "bb-map" not in about  # two themes that link each other: the map would say nothing
    assert "Every theme's paragraphs mention every other theme" in text_of(about) or "No theme's paragraphs" in text_of(about)


def test_example_home_has_key_numbers_and_about_keeps_the_coverage(built_example: Path) -> None:
    home = content(built_example, "")
    assert "Key numbers" in text_of(home) and "45 key tasks" in text_of(home)
    assert "bb-picture" not in home
    about = content(built_example, "about")
    assert "bb-coverage" in about and "bb-map" not in about  # three themes, each linked to the others
    assert "All paragraphs" in text_of(about)
