"""Precision and recall of the knowledge layer against hand-made lists, per kind and book.

The bars are the issue's: every acronym defined in a text is found with
the right expansion and none is invented; people-with-role recall is at
least 0.9 over the books and no role is wrong. The other kinds must not
fall below what they measure today by more than a little. Run with ``-s``
to see the figures (or ``bench/knowledge_quality.py`` for the details).
"""

from __future__ import annotations

import pytest

from tests.knowledge_expected import EXPECTED, Score, score

SCORES: dict[str, list[Score]] = {}


def _scores(name: str) -> list[Score]:
    if name not in SCORES:
        SCORES[name] = score(name)
    return SCORES[name]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_defined_acronym_is_found_with_its_expansion_and_none_invented(name: str) -> None:
    acronyms = _scores(name)[0]
    print(f"\n{name}: acronyms P={acronyms.precision:.2f} R={acronyms.recall:.2f}")
    assert acronyms.wrong == () and acronyms.missed == ()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_no_person_has_a_wrong_role(name: str) -> None:
    people = _scores(name)[1]
    assert people.precision == 1.0, people.wrong


def test_people_with_role_recall_over_all_books() -> None:
    found = [_scores(name)[1] for name in EXPECTED]
    recall = sum(s.correct for s in found) / sum(s.expected for s in found)
    print(f"\npeople with role: R={recall:.2f}")
    assert recall >= 0.9, [m for s in found for m in s.missed]


@pytest.mark.parametrize("kind_index, precision, recall", [(2, 0.95, 0.85), (3, 0.95, 0.95), (4, 0.95, 0.95), (5, 0.95, 0.95)])
def test_names_terms_figures_and_dates_over_all_books(kind_index: int, precision: float, recall: float) -> None:
    found = [_scores(name)[kind_index] for name in EXPECTED]
    p = sum(s.correct for s in found) / max(1, sum(s.found for s in found))
    r = sum(s.correct for s in found) / max(1, sum(s.expected for s in found))
    print(f"\n{found[0].kind}: P={p:.2f} R={r:.2f}")
    assert p >= precision, [w for s in found for w in s.wrong]
    assert r >= recall, [m for s in found for m in s.missed]


def test_the_scoring_can_fail() -> None:
    """An extractor that finds nothing scores zero recall: the bars above are not vacuous."""
    from generator.knowledge import Knowledge

    empty = score("storage", Knowledge())
    assert all(s.recall == 0.0 for s in empty if s.expected)
