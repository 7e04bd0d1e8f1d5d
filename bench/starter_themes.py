"""Show the starter themes ``briefbook new`` proposes for each corpus text, for an analyst to judge.

Usage::

    .venv/bin/python bench/starter_themes.py --set test > /tmp/proposals.txt

For each text: every proposed theme with its keywords, its paragraph count and
what the mechanical part of the rubric (``generator.commands.propose.rubric_problems``)
finds wrong. Whether a title names a real topic needs a reader: the judgements
are kept in ``bench/starter_themes_judged.yml`` (keep / rename / drop per theme)
and ``--judged`` adds up the share an analyst would keep.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

# Only the tests folder: `generator` comes from the installed package (see knowledge_quality.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_scoring import CORPUS, load  # noqa: E402

from generator.classify import classify  # noqa: E402
from generator.commands.propose import propose_themes, rubric_problems  # noqa: E402
from generator.identify import identify  # noqa: E402
from generator.model import Source  # noqa: E402
from generator.read import DEFAULT_BOILERPLATE, line_patterns, read_source  # noqa: E402

JUDGED = Path(__file__).resolve().parent / "starter_themes_judged.yml"


def proposals(text_root: Path) -> tuple[list[str], list[str]]:
    """The proposal for one text as ``briefbook new`` makes it: lines to show, and rubric problems."""
    (path,) = [p for p in sorted((text_root / "seeds").iterdir()) if p.name != "book.yml"]
    source: Source = read_source(path.read_bytes(), name=path.name, slug="source-1", boilerplate=line_patterns(DEFAULT_BOILERPLATE))
    themes = propose_themes(list(source.paragraphs))
    assignments = classify(identify((source,)), themes)
    sizes = Counter(a.theme for a in assignments)
    lines = [f"  {t.title!r}: {sizes.get(t.slug, 0)} ¶ — {', '.join(t.keywords)}" for t in themes]
    return lines, rubric_problems(themes, assignments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--set", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--judged", action="store_true", help="add up the judgements in bench/starter_themes_judged.yml")
    args = parser.parse_args()
    if args.judged:
        judged = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
        verdicts = Counter(v for text in judged["texts"].values() for v in text.values())
        total = sum(verdicts.values())
        print(f"{total} themes proposed for {len(judged['texts'])} texts: " + ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())))
        print(f"kept as they are: {verdicts['keep'] / total:.2f}; kept after renaming: {(verdicts['keep'] + verdicts['rename']) / total:.2f}")
        return 0
    passed = total = 0
    for text in load(args.corpus, args.set):
        lines, problems = proposals(text.root)
        print(f"\n## {text.id}")
        print("\n".join(lines))
        for problem in problems:
            print(f"  rubric: {problem}")
        total += len(lines)
        passed += len(lines) - len({p.split("'")[1] for p in problems if "'" in p})
    print(f"\n{passed} of {total} proposed themes pass the mechanical rubric")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
