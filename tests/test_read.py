"""Stage 1: reading a source text."""

from __future__ import annotations

from generator.read import DEFAULT_BOILERPLATE, line_patterns, parse_source, source_slugs

BOILERPLATE = line_patterns(DEFAULT_BOILERPLATE)


def parse(text: str, extra: tuple[str, ...] = ()):
    return parse_source(text, name="a.txt", slug="a", boilerplate=line_patterns(DEFAULT_BOILERPLATE + extra))


def test_title_attribution_credits_and_boilerplate_are_set_aside():
    source = parse(
        "Harbour Expansion Approved\n\nSource:Port Office\n\nFirst   paragraph\nwraps here.\n\n"
        "(Photo Credit: J. Doe)\n\nSecond paragraph.\n\nAdvertisement Recommendation\n"
    )
    assert source.title == "Harbour Expansion Approved"
    assert source.attribution == "Port Office"
    assert source.paragraphs == ("First paragraph wraps here.", "Second paragraph.")
    assert [(c.text, c.after_paragraph) for c in source.credits] == [("J. Doe", 1)]
    assert source.dropped_lines == 1


def test_words_are_never_changed_only_whitespace_folded():
    source = parse("Title\n\n  “Quoted” words,\tstay\u00a0exactly   as they were—dashes too.  \n")
    assert source.paragraphs == ("“Quoted” words, stay exactly as they were—dashes too.",)


def test_no_title_when_first_block_is_prose():
    source = parse("This text starts with a sentence.\n\nAnd goes on.\n")
    assert source.title == "a"
    assert source.paragraphs == ("This text starts with a sentence.", "And goes on.")


def test_crlf_and_cr_line_ends():
    source = parse("Title\r\n\r\nOne\r\nline.\r\n\r\nTwo.\rStill two.\r\r Three.")
    assert source.paragraphs == ("One line.", "Two. Still two.", "Three.")


def test_book_boilerplate_patterns_use_star_wildcards():
    source = parse("T\n\nKeep me.\n\nFollow us on Weibo and WeChat\n\nCopyright (c) 2021 X\n", ("follow us on *", "Copyright (c) *"))
    assert source.paragraphs == ("Keep me.",)
    assert source.dropped_lines == 2


def test_source_slugs_are_unique_and_avoid_reserved_names():
    assert source_slugs(["Index.txt", "a b.txt", "a-b.txt", "中文.txt"]) == {
        "Index.txt": "index-source",
        "a b.txt": "a-b",
        "a-b.txt": "a-b-2",
        "中文.txt": "source-4",
    }


def test_headings_list_items_and_end_markers_of_a_plain_text_source():
    source = parse(
        "Ferry Service Returns to the Islands\n\nFLEET AND TIMETABLE\n\nTwo ferries will sail daily from May.\n\n"
        "Fares and Concessions\n\n- children travel free\n- pensioners pay half,\n  on every route\n• cyclists pay a pound\n\n"
        "1. Book online.\n2) Board with the code.\n\nBrussels, 3 March 2021\n\nA short line.\n\nlower case line\n\n###\n"
    )
    assert source.title == "Ferry Service Returns to the Islands"
    assert list(zip(source.kinds, source.paragraphs, strict=True)) == [
        ("heading", "FLEET AND TIMETABLE"),
        ("", "Two ferries will sail daily from May."),
        ("heading", "Fares and Concessions"),
        ("item", "children travel free"),
        ("item", "pensioners pay half, on every route"),
        ("item", "cyclists pay a pound"),
        ("item", "Book online."),
        ("item", "Board with the code."),
        ("", "Brussels, 3 March 2021"),  # a dateline, not a heading
        ("", "A short line."),
        ("", "lower case line"),
    ]
    assert source.dropped_lines == 1  # the ### end marker


def test_end_markers_of_every_spelling_go_and_a_text_without_structure_has_no_kinds():
    for marker in ("-30-", "END", "- END -", "ENDS"):
        source = parse(f"Title Line\n\nThe first paragraph.\n\nThe second paragraph.\n\n{marker}\n")
        assert source.paragraphs == ("The first paragraph.", "The second paragraph.")
        assert source.kinds == ()


def test_a_long_or_numeric_line_is_not_a_heading():
    source = parse(
        "Title\n\nFirst paragraph here.\n\n"
        + "A Line Of Many Capitalised Words That Goes On And On Past Any Heading Length We Would Accept\n\n"
        + "2021 2022 2023\n"
    )
    assert source.kinds == ()


def test_reading_structure_is_linear_on_hostile_lines():
    import time

    line = "- " + "* " * 20_000 + "\n" + "1." * 20_000 + "\n\n" + "A" * 50_000 + "\n"
    started = time.perf_counter()
    parse("Title\n\n" + line * 5)
    assert time.perf_counter() - started < 2


def test_a_short_line_in_a_script_without_capitals_stays_a_paragraph():
    source = parse("标题\n\n中国对外贸易\n\n这是第一段。\n")
    assert source.paragraphs == ("中国对外贸易", "这是第一段。")
    assert source.kinds == ()
