"""Stage 0: book.yml validation reports every problem with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.base.errors import ConfigError
from generator.config import load_book_config


def book(tmp_path: Path, yml: str, sources: tuple[str, ...] = ("a.txt",)) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "book.yml").write_text(yml, encoding="utf-8")
    for name in sources:
        (tmp_path / "seeds" / name).write_text("T\n\nText.\n", encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, yml: str, **kw) -> tuple[str, ...]:
    with pytest.raises(ConfigError) as info:
        load_book_config(book(tmp_path, yml, **kw))
    return info.value.problems


def test_minimal_book_and_defaults(tmp_path):
    config = load_book_config(book(tmp_path, "title: T\nthemes:\n  - title: Plan overview\n    keywords: [plan]\n", ("b.txt", "a.txt")))
    assert config.title == "T"
    assert config.language == "en"
    assert config.sources == ("a.txt", "b.txt")
    assert [(t.slug, t.keywords) for t in config.themes] == [("plan-overview", ("plan",))]


def test_every_problem_in_one_report_with_line_and_key(tmp_path):
    yml = (
        "title: T\n"
        "themse: []\n"           # line 2: typo
        "themes:\n"
        "  - title: One\n"
        "    keywords: [a]\n"
        "  - title: Two\n"
        "    slug: a/b\n"        # line 7
        "    keywords: [b]\n"
        "  - title: Three\n"
        "    slug: one\n"        # line 10: duplicate of the first theme's slug
        "    keywords: []\n"     # line 11: empty
        "  - title: Four\n"
        "    keywords: [c]\n"
        "    sumary: x\n"        # line 14: typo
    )
    found = problems(tmp_path, yml)
    assert "seeds/book.yml:2: themse: unknown key (did you mean 'themes'?)" in found
    assert "seeds/book.yml:7: themes[1].slug: 'a/b' may only contain a-z, 0-9 and '-' (not at the start or end)" in found
    assert "seeds/book.yml:10: themes[2].slug: 'one' is already the slug of themes[0]: slugs must be unique" in found
    assert "seeds/book.yml:11: themes[2].keywords: needs at least one word or phrase" in found
    assert "seeds/book.yml:14: themes[3].sumary: unknown key (did you mean 'summary'?)" in found
    assert len(found) == 5


@pytest.mark.parametrize(
    ("yml", "expected"),
    [
        ("themes: [{title: A, keywords: [a]}]\n", "seeds/book.yml:1: 'title' is required"),
        ("title: T\n", "'themes' is required"),
        ("title: T\nthemes: [{title: A}]\n", "themes[0]: 'keywords' is required"),
        ("title: T\nthemes: [{title: Index, keywords: [a]}]\n", "'index' is reserved"),
        ("title: T\nthemes: [{title: A, slug: ../x, keywords: [a]}]\n", "'../x' may only contain"),
        ("title: [1]\nthemes: [{title: A, keywords: [a]}]\n", "title: must be a string, not list"),
        ("title: T\nsources: [missing.txt]\nthemes: [{title: A, keywords: [a]}]\n", "no such file seeds/missing.txt"),
        ("title: T\nsources: [../etc/passwd]\nthemes: [{title: A, keywords: [a]}]\n", "must be a file inside seeds/"),
        ("title: T\nthemes: [{title: 中文, keywords: [a]}]\n", "gives no usable slug"),
        ("title: T\nlanguage: english!\nthemes: [{title: A, keywords: [a]}]\n", "is not a language code"),
    ],
)
def test_single_problems(tmp_path, yml, expected):
    assert any(expected in p for p in problems(tmp_path, yml)), problems


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    (found,) = problems(tmp_path, "title: T\nthemes:\n  - title: [unclosed\n")
    assert found.startswith("seeds/book.yml:4:1: YAML syntax error") or found.startswith("seeds/book.yml:3:")


def test_missing_book_yml_and_seeds(tmp_path):
    with pytest.raises(ConfigError, match="no seeds/ folder"):
        load_book_config(tmp_path)
    (tmp_path / "seeds").mkdir()
    with pytest.raises(ConfigError, match="book.yml: not found"):
        load_book_config(tmp_path)
