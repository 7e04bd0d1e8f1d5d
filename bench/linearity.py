"""Time the knowledge layer on adversarial paragraphs at n and 10n characters.

Usage: ``.venv/bin/python bench/linearity.py [--size 10000] [--names-only]``
(``--names-only``: the rules for people, acronyms and names without figures
and dates). Each shape is
a paragraph built to make a careless rule backtrack or recurse (issue 14,
item 3): repeated hyphenated capitalised words, names joined by "and",
a name and a comma followed by a long role, long runs of capitals,
parentheses after long runs of words. Linear extraction gives a ratio near
10 between the two sizes; quadratic gives near 100.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.extract import extract  # noqa: E402
from generator.extract.acronyms import find_definitions  # noqa: E402
from generator.extract.names import Cues, entity_candidates, term_candidates  # noqa: E402
from generator.extract.people import DEFAULT_ROLES, people_in  # noqa: E402
from generator.extract.text import lower_words  # noqa: E402
from generator.model import BookConfig, Paragraph, ThemeSpec  # noqa: E402


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: name → a function giving a paragraph of about n characters of that shape.
SHAPES: dict[str, Callable[[int], str]] = {
    "hyphenated capitals, one word": _repeat("Ab-Cd-"),
    "hyphenated capitals, spaced": _repeat("Alpha-Beta Gamma-Delta "),
    "X Forum and X Forum and": lambda n: "The " + _repeat("Harbour Forum and ")(n),
    "name, then a long role": lambda n: "Ana Ruiz, " + _repeat("director of the Port ")(n),
    "role words before names": _repeat("Minister of Ports Ana Ruiz "),
    "capitals without end": _repeat("Ana Ruiz Lena Holm "),
    "parentheses after words": _repeat("the port board (PB) and "),
    "open parentheses": _repeat("the port ( board "),
    "quotes and capitals": _repeat("“Harbour Forum” "),
    "apostrophes": _repeat("Lee’s O’Brien’s "),
}


def config() -> BookConfig:
    return BookConfig(root=Path("."), title="T", themes=(ThemeSpec("A", "a", ("alpha",)),), sources=())


def names_only(paragraph: Paragraph) -> None:
    """The rules for people, acronyms, names and quoted terms alone, without figures and dates."""
    cues = Cues.build()
    roles = frozenset(DEFAULT_ROLES)
    common = lower_words([paragraph.text])
    people_in(paragraph, roles, frozenset(cues.kinds), common, frozenset(cues.kinds))
    entity_candidates(paragraph, cues, common, roles)
    term_candidates(paragraph, cues)
    find_definitions((paragraph,))


def time_shape(make: Callable[[int], str], size: int, names: bool = False) -> float:
    paragraph = Paragraph("s", 1, "p-1", make(size))
    start = time.process_time()  # CPU seconds: steadier than wall time on a shared machine
    if names:
        names_only(paragraph)
    else:
        extract((paragraph,), config())
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="n: the smaller paragraph's length (default 10000)")
    parser.add_argument("--names-only", action="store_true", help="time only the rules for people, acronyms and names")
    args = parser.parse_args()
    n = args.size
    print(f"{'shape':32} {'n=' + format(n, ','):>12} {'10n':>10} {'ratio':>6}")
    worst = 0.0
    for name, make in SHAPES.items():
        small, big = time_shape(make, n, args.names_only), time_shape(make, 10 * n, args.names_only)
        ratio = big / max(small, 1e-6)
        worst = max(worst, ratio)
        print(f"{name:32} {small:11.3f}s {big:9.3f}s {ratio:6.1f}")
    print(f"worst ratio {worst:.1f} (10 is linear, 100 quadratic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
