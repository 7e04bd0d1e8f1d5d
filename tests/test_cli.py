"""The command line: scaffolding, generating, and one clear line for every user mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BookFactory, run_cli, snapshot

GOOD_YML = "title: Harbour\nthemes:\n  - title: Ships\n    keywords: [ship]\n  - title: Money\n    keywords: [budget]\n"
GOOD_SOURCE = "Harbour news\n\nSource: Port Office\n\nTwo ships arrived.\n\nThe budget grew.\n"


def test_generate_then_generate_again_rewrites_nothing(make_book: BookFactory, capsys: pytest.CaptureFixture[str]):
    root = make_book(GOOD_YML, {"a.txt": GOOD_SOURCE})
    code, out, err = run_cli(capsys, "generate", str(root))
    assert code == 0, err
    assert "written: 10" in out  # home, about, 2 themes, 1 source, glossary, people, timeline, 2 stylesheets
    before = {p: (root / "docs" / p).stat().st_mtime_ns for p in snapshot(root / "docs")}
    code, out, _ = run_cli(capsys, "generate", str(root))
    assert "written: 0, unchanged: 10, removed: 0" in out
    assert {p: (root / "docs" / p).stat().st_mtime_ns for p in snapshot(root / "docs")} == before


def test_stale_pages_go_user_files_stay(make_book: BookFactory, capsys: pytest.CaptureFixture[str]):
    root = make_book(GOOD_YML, {"a.txt": GOOD_SOURCE})
    (root / "docs" / "notes.md").write_text("# My notes\n")
    assert run_cli(capsys, "generate", str(root))[0] == 0
    assert (root / "docs" / "money.md").exists()
    (root / "seeds" / "book.yml").write_text(GOOD_YML.replace("Money", "Finance"))
    code, out, _ = run_cli(capsys, "generate", str(root))
    assert code == 0 and "removed: 1" in out
    assert not (root / "docs" / "money.md").exists()
    assert (root / "docs" / "finance.md").exists()
    assert (root / "docs" / "notes.md").read_text() == "# My notes\n"


def test_a_users_file_in_the_way_is_not_overwritten(make_book: BookFactory, capsys: pytest.CaptureFixture[str]):
    root = make_book(GOOD_YML, {"a.txt": GOOD_SOURCE})
    (root / "docs" / "ships.md").write_text("mine\n")
    code, _, err = run_cli(capsys, "generate", str(root))
    assert code == 2
    assert err.strip() == (
        "briefbook: error: docs/ships.md: exists and was not written by briefbook: "
        "move it away or rename the theme or source that needs this page"
    )
    assert (root / "docs" / "ships.md").read_text() == "mine\n"


BAD_INPUTS = [
    ("missing seeds", None, None, "no seeds/ folder"),
    ("missing book.yml", None, {"a.txt": GOOD_SOURCE}, "book.yml: not found"),
    ("empty source", GOOD_YML, {"a.txt": "   \n\n"}, "seeds/a.txt: has no paragraphs of text"),
    ("theme without keywords", "title: T\nthemes:\n  - title: A\n", {"a.txt": GOOD_SOURCE}, "themes[0]: 'keywords' is required"),
    ("duplicate slugs", "title: T\nthemes:\n  - {title: A, keywords: [a]}\n  - {title: a, keywords: [b]}\n",
     {"a.txt": GOOD_SOURCE}, "'a' is already the slug of themes[0]"),
    ("slug with slash", "title: T\nthemes:\n  - {title: A, slug: a/b, keywords: [a]}\n", {"a.txt": GOOD_SOURCE}, "'a/b' may only contain"),
    ("slug with dots", "title: T\nthemes:\n  - {title: A, slug: '..', keywords: [a]}\n", {"a.txt": GOOD_SOURCE}, "'..' may only contain"),
    ("YAML syntax error", "title: T\nthemes: [\n", {"a.txt": GOOD_SOURCE}, "YAML syntax error"),
    ("binary source", GOOD_YML, {"a.txt": b"\x00\x01\x02"}, "contains NUL bytes"),
]


@pytest.mark.parametrize(("case", "yml", "sources", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_line_exit_2_and_docs_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, yml: str | None, sources: dict[str, str | bytes] | None, message: str
):
    root = tmp_path / "book"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("previous build\n")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    if sources is not None:
        (root / "seeds").mkdir()
        for name, text in sources.items():
            path = root / "seeds" / name
            path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text)
    if yml is not None:
        (root / "seeds" / "book.yml").write_text(yml)
    before = snapshot(root / "docs")
    for command in ("generate", "build"):
        code, out, err = run_cli(capsys, command, str(root))
        assert code == 2, (case, command)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefbook: error: ") and message in lines[0], err
        assert "Traceback" not in err
        assert snapshot(root / "docs") == before
        assert not (root / "site").exists()


def test_new_scaffolds_a_book_that_builds_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    article = tmp_path / "article.txt"
    article.write_text(
        "City Opens Night Library\n\nThe city library will open at night for students during exams.\n\n"
        "Students asked for quiet rooms at night, and the library agreed to a trial.\n\n"
        "The trial costs the city little, the mayor said, because volunteers staff the library.\n"
    )
    code, out, err = run_cli(capsys, "new", str(tmp_path / "night"), "--source", str(article))
    assert code == 0, err
    assert (tmp_path / "night" / "seeds" / "city-opens-night-library.txt").read_text() == article.read_text()
    code, out, err = run_cli(capsys, "build", str(tmp_path / "night"), "--strict")
    assert code == 0, err
    assert (tmp_path / "night" / "site" / "index.html").exists()
    code, _, err = run_cli(capsys, "new", str(tmp_path / "night"), "--source", str(article))
    assert code == 2 and "already holds a book" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]):
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.startswith("briefbook ")
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0 and "generate" in out and "build" in out and "new" in out and "serve" in out


def test_build_without_mkdocs_yml(make_book: BookFactory, capsys: pytest.CaptureFixture[str]):
    root = make_book(GOOD_YML, {"a.txt": GOOD_SOURCE})
    (root / "mkdocs.yml").unlink()
    code, _, err = run_cli(capsys, "build", str(root))
    assert code == 2 and "mkdocs.yml: not found" in err and len(err.strip().splitlines()) == 1


def test_serve_watches_seeds_and_templates(make_book: BookFactory):
    from mkdocs.config import load_config

    from generator.site.plugin import BriefbookPlugin

    root = make_book(GOOD_YML, {"a.txt": GOOD_SOURCE})
    (root / "templates").mkdir()
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config = load_config(config_file=str(root / "mkdocs.yml"))
    BriefbookPlugin().on_serve(Server(), config=config, builder=None)
    assert watched == [str(root / "seeds"), str(root / "templates")]
