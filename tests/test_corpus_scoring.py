"""The corpus scorer measures what it claims: its folding, its figure reading and a whole text scored end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.corpus_scoring import figure_value, figure_values, fold, load, same_name, score_text


def test_folding_ignores_case_articles_dashes_and_quotes() -> None:
    assert fold("The Department of the Interior") == fold("department of interior")
    assert fold("Advanced Research Projects Agency–Energy") == fold("advanced research projects agency-energy")
    assert fold("Chief Auditor’s") == fold("chief auditor's")


def test_figure_values_are_read_as_a_reader_reads_them() -> None:
    assert figure_value("$7 billion") == 7e9
    assert figure_value("2 400 islands") == 2400
    assert figure_value("2,400 islands") == 2400
    assert figure_value("Forty per cent") == 40
    assert figure_value("$600-billion") == 6e11
    assert figure_value("none") is None
    assert sorted(figure_values("two thirds")) == pytest.approx(sorted([2 / 3, 200 / 3]))
    assert sorted(figure_values("Eight out of 10")) == pytest.approx(sorted([8, 0.8, 80]))
    assert sorted(figure_values("a quarter of a million people")) == pytest.approx(sorted([250_000]))
    assert sorted(figure_values("a million new homes")) == pytest.approx(sorted([1e6]))
    assert sorted(figure_values("the fourth-largest producer")) == pytest.approx(sorted([4]))
    assert sorted(figure_values("the first 50 videos")) == pytest.approx([50])
    assert sorted(figure_values("the first three missions")) == pytest.approx([3])
    assert sorted(figure_values("Half of the budget")) == pytest.approx(sorted([0.5, 50]))


def test_names_match_with_and_without_middle_initials_but_not_across_people() -> None:
    assert same_name("Jennifer M. Granholm", "Jennifer Granholm")
    assert same_name("Dr Ana Ruiz", "Ana Ruiz")
    assert not same_name("Li Na", "Li Wei")


def test_a_text_is_scored_against_its_labels(tmp_path: Path) -> None:
    """One invented text and its labels: what the pipeline finds is counted right, wrong or missed."""
    root = tmp_path / "pier-text"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "pier.txt").write_text(
        "New pier for Calder\n\n"
        "The Calder Port Authority (CPA) will spend €120 million on a new pier, said Harbour master Sofia Lindqvist.\n\n"
        "Work starts on 12 May 2023 and the pier opens in 2027.\n",
        encoding="utf-8",
    )
    (root / "seeds" / "book.yml").write_text(
        "title: Pier\nthemes:\n  - title: Pier\n    keywords: [pier]\n  - title: Money\n    keywords: [million]\n", encoding="utf-8"
    )
    labels = [{
        "id": "pier-text", "set": "dev",
        "acronyms": {"CPA": "Calder Port Authority"},
        "people": [{"name": "Sofia Lindqvist", "role": "Harbour master", "organisation": ""}],
        "entities": [{"name": "Calder Port Authority", "kind": "organisation"}],
        "dates": [{"start": "2023-05-12", "end": "2023-05-12"}, {"start": "2027", "end": "2027"}, {"start": "2030", "end": "2030"}],
        "figures": [{"number": "€120 million", "counts": "new pier", "key": True}],
        "terms": [],
        "themes": [{"starts": "The Calder Port Authority", "themes": ["Pier", "Money"]}, {"starts": "Work starts on", "themes": ["Money"]}],
    }]
    (tmp_path / "labels.yml").write_text(yaml.safe_dump(labels), encoding="utf-8")
    (text,) = load(tmp_path)
    scored = score_text(text)
    assert scored.kinds["acronyms"].recall == 1.0
    dates = scored.kinds["dates"]
    assert dates.expected == 3 and dates.correct_expected == 2 and dates.missed == ["2030/2030"]
    assert scored.kinds["figures"].correct_expected == 1 and scored.kinds["key figures"].expected == 1
    assert scored.themes_labelled == 2 and scored.themes_any == 1, scored.theme_errors
