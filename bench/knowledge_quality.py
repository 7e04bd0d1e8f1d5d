"""Print precision and recall of the knowledge layer per kind, per test book.

Usage: ``.venv/bin/python bench/knowledge_quality.py``. The expected lists
are hand-made (tests/knowledge_expected.py); tests/test_knowledge_quality.py
asserts the bars, this script shows the figures and what was missed or wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from knowledge_expected import EXPECTED, score  # noqa: E402


def main() -> int:
    totals: dict[str, list[int]] = {}
    print(f"{'book':10} {'kind':32} {'found':>5} {'expect':>6} {'right':>5} {'P':>5} {'R':>5}")
    for name in EXPECTED:
        for s in score(name):
            print(f"{name:10} {s.kind:32} {s.found:5} {s.expected:6} {s.correct:5} {s.precision:5.2f} {s.recall:5.2f}")
            for item in s.wrong:
                print(f"{'':12}wrong: {item}")
            for item in s.missed:
                print(f"{'':12}missed: {item}")
            t = totals.setdefault(s.kind, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + s.found, t[1] + s.expected, t[2] + s.correct
    print()
    for kind, (found, expected, correct) in totals.items():
        p = correct / found if found else 1.0
        r = correct / expected if expected else 1.0
        print(f"{'all':10} {kind:32} {found:5} {expected:6} {correct:5} {p:5.2f} {r:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
