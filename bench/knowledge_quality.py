"""Print how well briefbook understands text: precision and recall per kind, on the dev and the test set.

Usage::

    .venv/bin/python bench/knowledge_quality.py                 # dev and test sets of tests/corpus
    .venv/bin/python bench/knowledge_quality.py --set dev -v    # dev only, with every error per text
    .venv/bin/python bench/knowledge_quality.py --set training  # the six books the rules were written against

The **test** set is the honest figure: its labels were written before
briefbook first ran on its texts and no rule was changed for its errors. The
**dev** set is what the rules are tuned on, and the **training** books
(tests/knowledge_expected.py) are what they were written against: both are
training scores. ``-v`` prints what was wrong and what was missed; use it on
dev only, since a test text whose errors someone has studied must move to dev.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

# Only the tests folder: `generator` must come from the installed package, so that a branch's
# own venv measures that branch even when it runs this script from another checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus_scoring import CORPUS, SetScore, load, rows, score_set  # noqa: E402


def training() -> int:
    from knowledge_expected import EXPECTED, score

    print(f"{'book':10} {'kind':32} {'found':>5} {'expect':>6} {'right':>5} {'P':>5} {'R':>5}")
    for name in EXPECTED:
        for s in score(name):
            print(f"{name:10} {s.kind:32} {s.found:5} {s.expected:6} {s.correct:5} {s.precision:5.2f} {s.recall:5.2f}")
            for item in s.wrong:
                print(f"{'':12}wrong: {item}")
            for item in s.missed:
                print(f"{'':12}missed: {item}")
    return 0


def details(score: SetScore) -> None:
    for t in score.texts:
        print(f"\n## {t.text.id} ({t.text.labels.get('publisher', '')})")
        for kind, s in t.kinds.items():
            if s.wrong or s.missed:
                print(f"  {kind}: P={s.precision:.2f} R={s.recall:.2f}")
                for item in s.wrong:
                    print(f"    wrong:  {item}")
                for item in s.missed:
                    print(f"    missed: {item}")
        for item in t.junk:
            print(f"  junk: {item}")
        for item in t.theme_errors:
            print(f"  theme: {item}")
        for item in t.themes_unmatched:
            print(f"  theme label matches no paragraph: “{item}”")


def as_json(score: SetScore) -> dict[str, object]:
    return {
        "texts": len(score.texts),
        "kinds": {
            kind: {"found": s.found, "labelled": s.expected, "precision": round(s.precision, 3), "recall": round(s.recall, 3)}
            for kind, s in score.kinds.items()
        },
        "themes_first_choice": round(score.themes_first, 3),
        "themes_any_acceptable": round(score.themes_any, 3),
        "most_junk_in_one_text": score.most_junk,
        "junk_per_text": {t.text.id: len(t.junk) for t in score.texts},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder (default: tests/corpus)")
    parser.add_argument("--set", choices=["dev", "test", "both", "training"], default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="every error, text by text")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    if args.set == "training":
        return training()
    out: dict[str, object] = {"date": datetime.date.today().isoformat()}
    for name in ("dev", "test") if args.set == "both" else (args.set,):
        texts = load(args.corpus, name)
        if not texts:
            print(f"no {name} texts in {args.corpus}")
            continue
        score = score_set(texts, name)
        print("\n".join(rows(score)))
        print()
        if args.verbose:
            details(score)
        out[name] = as_json(score)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
