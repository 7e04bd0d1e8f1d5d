"""``briefbook check``: everything a build would find wrong, without writing anything.

Meant for a book author's own CI: the whole pipeline runs in memory (config,
sources, classification, links, rendering), then the result is inspected for
what deserves a second look — paragraphs no theme claims, paragraphs whose
theme won only narrowly, themes left empty, links that would not resolve, and
pages that would overwrite a file briefbook did not write. It also lists what
the knowledge layer found but was not sure of (kept off the reader's pages),
each with the book.yml lines that accept or suppress it.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..base.errors import BriefbookError
from ..classify import RULE_INTRODUCES, RULE_KEYWORDS, RULE_LIST, RULE_NEIGHBOURS, RULE_SECTION, SHORT_WORDS, is_heading
from ..knowledge import Candidate
from ..model import Assignment, Book, OutputFile
from ..outputs.printpage import PRINT_SRC
from ..pipeline import assemble, warnings_for
from ..render import render
from ..write import check_ownership

#: A theme won "narrowly" when its runner-up (not sharing the paragraph) scored at least this share of its score.
NARROW_RATIO = 0.6
_EXCERPT = 70
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_ANCHOR = re.compile(r"\{:[^}]*#([A-Za-z][\w-]*)")
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found: errors stop a build, warnings do not (except with ``--strict``)."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    summary: str = ""
    explanations: tuple[str, ...] = ()  # with --explain: one line per paragraph, why it went where it did
    review: tuple[str, ...] = ()  # unsure knowledge, each with the book.yml lines that accept or suppress it
    notes: tuple[str, ...] = ()  # facts for the author that reader pages leave out, such as cross-link counts


def terminal_safe(text: str) -> str:
    """Show control (but newline) and bidi-override characters as ``<U+XXXX>``: source text must not drive the terminal."""
    return "".join(f"<U+{ord(c):04X}>" if (unicodedata.category(c) == "Cc" and c != "\n") or c in _BIDI else c for c in text)


def excerpt(text: str) -> str:
    short = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"
    return f"“{terminal_safe(short)}”"


def narrow_wins(book: Book) -> list[str]:
    """Paragraphs whose theme beat a runner-up that did not make it a shared paragraph, but came close."""
    out = []
    titles = {t.slug: t.title for t in book.config.themes}
    for a in book.assignments:
        scores = dict(a.scores)
        if (
            a.theme and a.runner_up and a.rule == RULE_KEYWORDS and a.runner_up not in a.also
            and scores[a.runner_up] >= NARROW_RATIO * scores[a.theme]
        ):
            p = a.paragraph
            out.append(
                f"sources/{p.source} ¶{p.number} went to '{terminal_safe(titles[a.theme])}' ({scores[a.theme]:g})"
                f" only just ahead of '{terminal_safe(titles[a.runner_up])}' ({scores[a.runner_up]:g}): {excerpt(p.text)}"
            )
    return out


def _evidence(a: Assignment, slug: str) -> str:
    """A theme's keywords in a paragraph with their weights: ``cargo 1.1, crane 0.92 ×2``."""
    listed = [
        f"{terminal_safe(h.keyword)} {h.weight:g}" + (f" ×{h.count}" if h.count > 1 else "") for h in a.hits if h.theme == slug
    ]
    return ", ".join(listed) if listed else "no keyword"


#: Each classification rule (generator/classify.py) as ``check --explain`` says it.
_BECAUSE = {
    RULE_KEYWORDS: "of its keywords",
    RULE_NEIGHBOURS: "of its neighbours",
    RULE_SECTION: "of its section",
    RULE_INTRODUCES: "it introduces the next paragraph",
    RULE_LIST: "of the line that opens its list",
}


def explain(book: Book) -> list[str]:
    """One line per paragraph, in book order: its theme(s), the rule and keywords that placed it, the runner-up."""
    titles = {t.slug: terminal_safe(t.title) for t in book.config.themes}
    scores_of = {a.paragraph.anchor: dict(a.scores) for a in book.assignments}
    out = []
    for a in book.assignments:
        p = a.paragraph
        scores = scores_of[p.anchor]
        where = f"sources/{p.source} ¶{p.number}"
        if a.theme is None:
            hint = max(book.config.themes, key=lambda t: scores.get(t.slug, 0.0))
            if scores.get(hint.slug, 0.0) <= 0:
                line = f"{where} → no theme: no keyword, and no theme around it"
            elif len(p.text.split()) > SHORT_WORDS and not is_heading(p.text):
                line = f"{where} → no theme: no keyword, and too long to follow the paragraphs around it ('{titles[hint.slug]}')"
            else:
                line = f"{where} → no theme: no keyword, and too little around it ('{titles[hint.slug]}' {scores[hint.slug]:g})"
        else:
            line = f"{where} → '{titles[a.theme]}' ({scores[a.theme]:g}) because {_BECAUSE[a.rule]} [{_evidence(a, a.theme)}]"
            for slug in a.also:
                line += f"; shared with '{titles[slug]}' ({scores[slug]:g}) [{_evidence(a, slug)}]"
            if a.runner_up and a.runner_up not in a.also:
                line += f"; runner-up '{titles[a.runner_up]}' ({scores[a.runner_up]:g}) [{_evidence(a, a.runner_up)}]"
            elif not a.runner_up:
                line += "; no runner-up"
        out.append(f"{line}: {excerpt(p.text)}")
    return out


def cross_link_counts(book: Book) -> list[str]:
    """Per theme, how many cross-links other themes send it and it sends them: for the author, not the reader."""
    titles = {t.slug: t.title for t in book.config.themes}
    order = {slug: i for i, slug in enumerate(titles)}
    out = []
    for links in sorted(book.links, key=lambda link: order[link.theme]):
        to_it, from_it = sum(n for _, n in links.incoming), sum(n for _, n in links.outgoing)
        out.append(
            f"theme '{terminal_safe(titles[links.theme])}': {to_it} cross-link(s) to it from other themes,"
            f" {from_it} from it to others"
        )
    return out


def broken_links(files: tuple[OutputFile, ...], docs: Path) -> list[str]:
    """Relative links in the generated Markdown whose page or ``#anchor`` would not exist."""
    pages = {f.path: f.content.decode("utf-8") for f in files if f.path.endswith(".md")}
    anchors = {path: set(_ANCHOR.findall(text)) for path, text in pages.items()}
    out = []
    for path, text in sorted(pages.items()):
        for target in sorted(set(_LINK.findall(text))):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue  # an external address: not ours to check offline
            file_part, _, anchor = target.partition("#")
            dest = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part)) if file_part else path
            if dest not in pages and dest != PRINT_SRC and not (docs / dest).is_file():  # the plugin adds print.md
                out.append(f"docs/{path}: link to '{target}' points at no page")
            elif anchor and dest in anchors and anchor not in anchors[dest]:
                out.append(f"docs/{path}: link to '{target}' points at no anchor on that page")
    return out


def _yaml_line(key: str, value: object) -> str:
    """One line of book.yml in flow style, quoted where YAML needs it: ``acronyms: {CA: Chief Auditor}``."""
    text = yaml.safe_dump({key: value}, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False)
    return text.strip()[1:-1]  # the outer braces of the one-key mapping


def _accept_line(c: Candidate) -> str:
    if c.kind == "acronym":
        return _yaml_line("acronyms", {c.name: c.detail})
    if c.kind == "person":
        return _yaml_line("people", {c.name: c.detail or "Role, Organisation"})
    if c.kind == "term":
        return _yaml_line("glossary", {c.name: "What it means."})
    return _yaml_line("organisations", {c.name: c.kind})


def to_review(book: Book) -> list[str]:
    """What the rules were unsure of, one block each: what, where, why, and the two book.yml lines to choose from."""
    where = {p.anchor: f"sources/{p.source} ¶{p.number}" for p in book.paragraphs}
    out = []
    for c in book.knowledge.unsure:
        what = f"{c.kind} “{c.name}”" + (f" = “{c.detail}”" if c.kind == "acronym" else f" ({c.detail})" if c.detail else "")
        out.append(terminal_safe(
            f"{what} in {where.get(c.anchor, 'book.yml')}: {c.reason}\n"
            f"    to accept: {_accept_line(c)}\n"
            f"    to leave out: {_yaml_line('suppress', [c.name])}"
        ))
    return out


def check_book(root: Path, *, explained: bool = False) -> CheckReport:
    """Run the pipeline in memory and report every error and warning; never writes.

    ``explained``: also say, paragraph by paragraph, why each went where it did.
    """
    try:
        book, registry = assemble(root)
        files = render(book, registry)
    except BriefbookError as err:
        return CheckReport(errors=err.problems, warnings=())
    errors: list[str] = []
    try:
        check_ownership(root / "docs", files)
    except BriefbookError as err:
        errors.extend(err.problems)
    # The build's own warnings, each unassigned paragraph shown with the start of its text.
    texts = {f"sources/{a.paragraph.source} ¶{a.paragraph.number} ": a.paragraph.text for a in book.unassigned}
    warnings = []
    for warning in warnings_for(book):
        where = re.match(r"sources/\S+ ¶\d+ ", warning)
        text = texts.get(where.group()) if where else None
        warnings.append(terminal_safe(warning) + (f": {excerpt(text)}" if text is not None else ""))
    warnings += narrow_wins(book)
    warnings += broken_links(files, root / "docs")
    summary = (
        f"{len(book.sources)} source(s), {len(book.paragraphs)} paragraphs, {len(book.config.themes)} themes,"
        f" {len(book.unassigned)} unassigned, {len(files)} pages would be written"
    )
    explanations = tuple(explain(book)) if explained else ()
    review = to_review(book)
    if review:
        summary += f", {len(review)} unsure finding(s) to review"
    return CheckReport(
        errors=tuple(errors),
        warnings=tuple(warnings),
        summary=summary,
        explanations=explanations,
        review=tuple(review),
        notes=tuple(cross_link_counts(book)),
    )
