"""Linear in the input: a bounded, derandomized fuzz run over book.yml and sources (issue 14).

Each case is a small hostile unit drawn by Hypothesis (aliases, nesting,
star patterns, long runs of one character, combining marks …), repeated k
and 8·k times. The config, read and boilerplate stages must do at most about
8 times the work on the 8-times-larger input. Work is counted, not timed:
the Python lines executed (``sys.settrace``), which a quadratic loop, a
recursion over the text or a walk over expanded aliases would multiply; the
C-level matching of boilerplate lines (``str.find``) is checked by CPU time
on top, with a wide margin.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_book_config
from generator.read import DEFAULT_BOILERPLATE, line_patterns, parse_source, read_sources
from tests.conftest import write_book

FUZZ = settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
SCALE = 8
#: Allowed excess over exactly linear growth: fixed costs make small inputs relatively dearer, never cheaper.
SLACK = 1.25


def work(run: Callable[[], Any]) -> int:
    """Python lines executed by ``run()``: a measure of work that does not depend on the machine's load."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return local

    def calls(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return local

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def assert_linear(small: int, large: int, what: str) -> None:
    assert large <= SCALE * SLACK * small, f"{what}: {large:,} lines of work for {SCALE}× the input, against {small:,}"


def test_the_work_counter_sees_a_quadratic_loop() -> None:
    def pairs(n: int) -> int:
        return sum(1 for i in range(n) for j in range(n) if i < j)

    small, large = work(lambda: pairs(20)), work(lambda: pairs(20 * SCALE))
    assert large > SCALE * SLACK * small * 4  # what assert_linear would refuse


# --- book.yml ---------------------------------------------------------------------------

KEYWORD = st.text(st.sampled_from("abcdeé \u0301-'*&+"), min_size=1, max_size=12).filter(lambda k: k.strip() != "")
DEFINITION = st.text(st.sampled_from("ab <>&[]{}*#\u0301\u202e"), min_size=1, max_size=40).filter(lambda d: d.strip() != "")


@st.composite
def book_unit(draw: st.DrawFn) -> Callable[[int], str]:
    """A function of k: a book.yml with k themes, k glossary entries (half of them aliases) and k nested lists."""
    keywords = draw(st.lists(KEYWORD, min_size=1, max_size=4))
    definition = draw(DEFINITION)
    depth = draw(st.integers(1, 6))
    star = draw(st.text(st.sampled_from("ab*x"), min_size=1, max_size=10).filter(lambda p: p.strip() != ""))

    def make(k: int) -> str:
        lines = ["title: A book", "themes:"]
        for i in range(k):
            lines += [f"  - title: Theme {i}", f"    slug: theme-{i}", f"    keywords: {json.dumps(keywords)}"]
        lines.append("glossary:")
        for i in range(k):
            lines.append(f"  term {i}: &d{i} {json.dumps(definition)}" if i % 2 == 0 else f"  term {i}: *d{i - 1}")
        lines.append("suppress: [" + ", ".join("[" * depth + f"s{i}" + "]" * depth for i in range(k)) + "]")
        lines.append("boilerplate: " + json.dumps([star] * k))
        # An alias chain one level deeper every 5 units: its expansion grows as 3^(k/5), its text as k.
        lines.append("laughs:")
        lines.append("  l0: &l0 [lol, lol, lol]")
        lines += [f"  l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}]" for i in range(1, k // 5 + 1)]
        return "\n".join(lines) + "\n"

    return make


@FUZZ
@given(book_unit())
def test_reading_book_yml_is_linear_in_its_size(make: Callable[[int], str]) -> None:
    def load(k: int) -> int:
        root = write_book(_fresh(), make(k), {"a.txt": "The river rose.\n"})
        try:
            return work(lambda: _load_or_refuse(root))
        finally:
            _remove(root)

    assert_linear(load(10), load(10 * SCALE), "book.yml")


def _load_or_refuse(root: Path) -> None:
    from generator.base.errors import ConfigError

    with contextlib.suppress(ConfigError):  # a refusal (nested lists are not strings) must be as linear as an acceptance
        load_book_config(root)


# --- sources ----------------------------------------------------------------------------

FRAGMENT = st.sampled_from(
    [
        "The ", "Forum ", "and ", "X-Y-Z ", "Genève ", "Gene\u0301ve ", "*", "a", "x", "-", "  ", "\t", "\n", "\n\n",
        "Source: ", "(Photo Credit: A)", "Advertisement", "Scan the QR code ", "1 January 2021 ", "\u202e", "\x1b", "&lt;",
    ]
)


@st.composite
def source_unit(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A piece of source text to repeat, and the book's boilerplate patterns."""
    text = "".join(draw(st.lists(FRAGMENT, min_size=1, max_size=30)))
    pattern = st.text(st.sampled_from("ax*- "), min_size=1, max_size=12).filter(lambda p: p.replace("*", "").strip() != "")
    patterns = draw(st.lists(pattern, max_size=4))
    return text + ".\n\n", patterns


@FUZZ
@given(source_unit())
def test_reading_a_source_is_linear_in_its_size(unit: tuple[str, list[str]]) -> None:
    text, patterns = unit
    boilerplate = line_patterns((*DEFAULT_BOILERPLATE, *patterns))

    def parse(k: int) -> int:
        return work(lambda: _parse_or_refuse("Title line\n\n" + text * k, boilerplate))

    assert_linear(parse(20), parse(20 * SCALE), "parse_source")


@FUZZ
@given(source_unit())
def test_reading_the_sources_of_a_book_is_linear_in_their_size(unit: tuple[str, list[str]]) -> None:
    text, patterns = unit

    def read(k: int) -> int:
        book_yml = "title: A\nthemes:\n  - title: Rivers\n    keywords: [river]\nboilerplate: " + json.dumps(patterns) + "\n"
        root = write_book(_fresh(), book_yml, {"a.txt": ("Heading\n\n" + text * k).encode("utf-8")})
        try:
            config = load_book_config(root)
            return work(lambda: _read_or_refuse(config))
        finally:
            _remove(root)

    assert_linear(read(20), read(20 * SCALE), "read_sources")


def _parse_or_refuse(text: str, boilerplate: Any) -> None:
    from generator.base.errors import SourceError

    with contextlib.suppress(SourceError):  # every line boilerplate: refused, as linearly
        parse_source(text, name="a.txt", slug="a", boilerplate=boilerplate)


def _read_or_refuse(config: Any) -> None:
    from generator.base.errors import SourceError

    with contextlib.suppress(SourceError):
        read_sources(config)


# --- boilerplate lines --------------------------------------------------------------------


#: Patterns of the shape that made the old regex backtrack: '*a*a*x' against a long line of 'a'.
STARRED = st.lists(st.sampled_from(["a", "b", "x", "ab", "aa"]), min_size=2, max_size=6).map(lambda parts: "*" + "*".join(parts))


@FUZZ
@given(st.lists(st.one_of(STARRED, st.text(st.sampled_from("ab*x"), min_size=1, max_size=16)), min_size=1, max_size=6), st.sampled_from("abx"))
def test_boilerplate_matching_is_linear_in_the_line(patterns: list[str], letter: str) -> None:
    matcher = line_patterns(patterns)

    def cpu(length: int) -> float:
        line = (letter * (length - 1)) + "b"
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for _ in range(20):
                matcher.match(line)
            best = min(best, time.process_time() - start)
        return best

    # Python does a few steps per part of a pattern, whatever the line's length; the line itself is scanned by str.find.
    parts = sum(p.count("*") + 1 for p in patterns)
    for length in (10_000, 80_000):
        line = letter * length
        assert work(lambda: matcher.match(line)) <= 12 * parts + 20, (patterns, length)  # noqa: B023 - called at once
    small, large = cpu(2_000), cpu(2_000 * SCALE)
    assert large <= SCALE * 4 * small + 0.02, (patterns, small, large)


# --- helpers ------------------------------------------------------------------------------

_COUNTER = [0]


def _fresh() -> Path:
    import tempfile

    _COUNTER[0] += 1
    return Path(tempfile.mkdtemp(prefix=f"briefbook-linear-{_COUNTER[0]}-")) / "book"


def _remove(root: Path) -> None:
    import shutil

    shutil.rmtree(root.parent, ignore_errors=True)
