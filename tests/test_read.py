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
