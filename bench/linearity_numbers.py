"""Time figures and dates on adversarial paragraphs at n and 10n characters (issue 14, item 3).

Usage: ``.venv/bin/python bench/linearity_numbers.py [--size 10000]``. The
shapes (tests/adversarial_numbers.py) are paragraphs built to make a
careless figure or date rule backtrack or go quadratic: repeated date
phrases, endless digits, thousands grouped by spaces, many figures in one
clause. Each goes through the whole knowledge layer (``extract``). A linear
rule gives a ratio near 10 between the two sizes; a quadratic one near 100.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.extract import extract  # noqa: E402
from generator.model import BookConfig, Paragraph, ThemeSpec  # noqa: E402
from tests.adversarial_numbers import SHAPES  # noqa: E402

BOOK = BookConfig(root=ROOT, title="Linearity", themes=(ThemeSpec("Numbers", "numbers", ("figure",)),), sources=())


def seconds(text: str) -> float:
    """Wall time of ``extract`` on one paragraph holding ``text``."""
    began = time.perf_counter()
    extract((Paragraph("bench", 1, "p-bench", text),), BOOK)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="n, the shorter paragraph in characters (default 10000)")
    n = parser.parse_args().size
    print(f"{'shape':34} {'n=' + format(n, ','):>11} {'10n':>9} {'ratio':>6}")
    ratios = []
    for name in sorted(SHAPES):
        short, long = seconds(SHAPES[name](n)), seconds(SHAPES[name](10 * n))
        ratios.append(long / max(short, 1e-6))
        print(f"{name:34} {short:10.3f}s {long:8.3f}s {ratios[-1]:6.1f}")
    print(f"worst ratio {max(ratios):.1f} (10 is linear, 100 quadratic)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
