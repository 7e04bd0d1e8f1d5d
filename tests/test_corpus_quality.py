"""A floor under what briefbook gets right on the dev set of the evaluation corpus.

The dev set is what the rules are tuned on, so these are training figures:
they guard against a change that makes the rules worse, not a claim about new
text. The honest figures come from the test set, printed by
``bench/knowledge_quality.py`` and quoted in the README; no test asserts on the
test set, so that no rule is ever changed to make one pass.
"""

from __future__ import annotations

import pytest

from tests.corpus_scoring import SetScore, load, score_set

#: (kind, lowest precision, lowest recall) on the dev set, a little under what it measures.
FLOORS = (
    ("acronyms", 0.98, 0.79),
    ("people with role", 0.98, 0.92),
    ("organisations, events, places", 0.93, 0.43),
    ("key terms", 0.90, 0.20),
    ("dates", 0.95, 0.82),
    ("figures", 0.92, 0.90),
)
THEMES_ANY_FLOOR = 0.80

_SCORE: list[SetScore] = []


def dev() -> SetScore:
    if not _SCORE:
        _SCORE.append(score_set(load(which="dev"), "dev"))
    return _SCORE[0]


def test_the_dev_set_is_there() -> None:
    texts = load(which="dev")
    assert len(texts) >= 18 and len({t.labels["publisher"] for t in texts}) >= 3


@pytest.mark.parametrize(("kind", "precision", "recall"), FLOORS)
def test_dev_set_stays_above_its_floor(kind: str, precision: float, recall: float) -> None:
    score = dev().kinds[kind]
    print(f"\n{kind}: P={score.precision:.2f} R={score.recall:.2f}")
    assert score.precision >= precision, score.wrong
    assert score.recall >= recall, score.missed


def test_dev_paragraphs_go_to_an_acceptable_theme() -> None:
    assert dev().themes_any >= THEMES_ANY_FLOOR


def test_no_dev_text_shows_more_than_a_few_junk_names() -> None:
    worst = max(dev().texts, key=lambda t: len(t.junk))
    assert len(worst.junk) <= 3, (worst.text.id, worst.junk)


def test_the_sets_share_no_publisher() -> None:
    """Split by publisher: a rule that learns one house style cannot score on the test set for it."""
    dev_publishers = {t.labels["publisher"] for t in load(which="dev")}
    test_publishers = {t.labels["publisher"] for t in load(which="test")}
    assert len(load(which="test")) >= 12
    assert not dev_publishers & test_publishers
