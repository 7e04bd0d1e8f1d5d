"""Stage 1: read a source file into a :class:`Source`.

A plain-text source (``.txt``, and any file of no other known format) has an
optional title line, an optional ``Source:`` attribution line,
``(Photo Credit: …)`` lines, and paragraphs separated by blank lines.
Web pages, PDFs and Markdown are read by :mod:`generator.formats`, chosen by
the file's extension. For every format furniture is set aside, boilerplate is
dropped, whitespace inside a paragraph is folded to single spaces, and the
words themselves are never changed; what book.yml says about a source
(title, publisher, date, address) wins over what the file says.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .base.errors import SourceError
from .base.inputs import compose, read_bytes
from .base.linematch import LinePatterns
from .base.slugs import RESERVED, slugify, unique
from .formats import HEADING, ITEM, PARAGRAPH, Extracted
from .knowledge import TimelineEntry
from .model import BookConfig, Paragraph, PhotoCredit, Source, SourceMeta

#: Lines dropped from every source: trailers that news sites append to articles.
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    "advertisement",
    "advertisement recommendation",
    "recommended for you",
    "recommended reading",
    "related articles",
    "related news",
    "related stories",
    "share this article",
    "print this page",
    "back to top",
    "scan the qr code*",
)

_ATTRIBUTION = re.compile(r"^source\s*[:：]\s*(?P<who>\S.*)$", re.IGNORECASE)
_CREDIT = re.compile(r"^[(（]\s*(?:photo|image|picture)\s+credits?\s*[:：]\s*(?P<who>.*?)\s*[)）]$", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0\u3000]*\n")
_TITLE_MAX = 300
_SENTENCE_END = (".", ",", ";", ":", "!", "?", "。", "，", "；", "：", "！", "？", "…")
#: Lines that mark the end of a press release: dropped, never a paragraph.
END_MARKERS = frozenset({"###", "# # #", "-30-", "- 30 -", "END", "ENDS", "- END -", "-END-", "- ENDS -", "-ENDS-"})
# A list item's marker: "- ", "• ", "* ", "1. " or "1) " (bounded, so matching is linear).
_ITEM = re.compile(r"^(?:[-•*‣◦▪]|\d{1,3}[.)])\s+(?=\S)")
#: A heading in a plain-text source: one short line standing alone.
_HEADING_MAX_CHARS, _HEADING_MAX_WORDS = 90, 12
# Words a title-case heading leaves in lower case ("Jobs and Growth in the North").
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to vs via with".split()
)
#: Limits past which a file is not a briefing's prose (a missing blank line, a data dump):
#: refused with a clear message instead of a build that runs for many minutes.
MAX_PARAGRAPH_CHARS = 100_000
MAX_PARAGRAPHS = 20_000
#: Extensions of the formats read by :mod:`generator.formats`; any other file is plain text.
WEB_PAGE, PDF, MARKDOWN = (".html", ".htm", ".xhtml"), (".pdf",), (".md", ".markdown")
#: Files a book reads from seeds/ when book.yml lists no sources.
SOURCE_SUFFIXES = (".txt", *MARKDOWN, *WEB_PAGE, *PDF)


def line_patterns(patterns: Iterable[str]) -> LinePatterns:
    """Whole-line patterns, where ``*`` is any text, matched in linear time (see :mod:`generator.base.linematch`)."""
    return LinePatterns(patterns)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _is_heading(line: str) -> bool:
    """A line that stands alone as a heading: short, no closing punctuation, in capitals or title case."""
    words = line.split()
    if not words or len(line) > _HEADING_MAX_CHARS or len(words) > _HEADING_MAX_WORDS or line.endswith(_SENTENCE_END):
        return False
    if line in END_MARKERS or _ITEM.match(line):
        return False
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if not letters or 2 * len(letters) < len(words):  # "12 345", "2021 – 2025": numbers, not a heading
        return False
    if not any(c.isupper() for c in line):  # lower case, or a script without capitals: no sign of a heading
        return False
    if line.upper() == line:  # capitals: "PORT INVESTMENTS"
        return True
    if "," in line:  # a dateline ("Brussels, 3 March 2021") or a list of names, not a title-case heading
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.casefold() in _MINOR_WORDS for w in letters) and letters[0][:1].isupper()


def _looks_like_title(block: list[str]) -> bool:
    line = block[0].strip()
    return len(block) == 1 and len(line) <= _TITLE_MAX and not line.endswith(_SENTENCE_END)


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes, name: str, encoding: str = "") -> str:
    """Decode a source whose encoding is certain, or say which encoding was expected.

    Certain means: UTF-8 (with or without a byte-order mark), UTF-16/32 with a
    byte-order mark, or the ``encoding`` the book declares for files that are
    not UTF-8. Nothing is guessed: Latin-1, Windows-1252 and Windows-1250
    share most bytes, and a wrong guess would silently change the words.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as err:
                raise SourceError(
                    f"seeds/{name}: starts with a {codec.upper()} byte-order mark but is not {codec.upper()} (byte {err.start}):"
                    " save it as UTF-8"
                ) from None
    if b"\x00" in raw:
        raise SourceError(f"seeds/{name}: contains NUL bytes, so it is not a text file: give a text (.txt, .md), web page (.html) or PDF (.pdf) source, named with its extension")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if encoding:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as err2:
                raise SourceError(
                    f"seeds/{name}: neither UTF-8 nor the declared encoding {encoding} (byte {err2.start}):"
                    " check book.yml's 'encoding'"
                ) from None
        byte = raw[err.start : err.start + 1].hex().upper()
        raise SourceError(
            f"seeds/{name}: not UTF-8 (byte {err.start} is 0x{byte}): briefbook expects UTF-8; convert the file"
            f" (e.g. iconv -f WINDOWS-1252 -t UTF-8) or declare its encoding in book.yml, e.g. 'encoding: gb18030'"
        ) from None


def title_from_name(name: str) -> str:
    """A title for a source that gives none: its file name without extension, ``_`` and ``-`` as spaces."""
    return Path(name).stem.replace("_", " ").replace("-", " ").strip() or name


def _no_paragraphs(name: str) -> SourceError:
    return SourceError(f"seeds/{name}: has no paragraphs of text: add the article's text or remove the file from the book")


def parse_source(text: str, *, name: str, slug: str, boilerplate: LinePatterns) -> Source:
    """Split a decoded source text into title, attribution, photo credits and paragraphs."""
    text = compose(text.replace("\r\n", "\n").replace("\r", "\n"))  # "Gene\u0300ve" matches "Genève"
    blocks = [[line for line in block.split("\n") if line.strip()] for block in _BLANK_LINE.split(text)]
    blocks = [b for b in blocks if b]
    title = ""
    attribution = ""
    credits: list[PhotoCredit] = []
    paragraphs: list[str] = []
    dropped = 0
    # A short first line is the title, unless it is all the text there is.
    if len(blocks) > 1 and _looks_like_title(blocks[0]) and not _ATTRIBUTION.match(blocks[0][0].strip()):
        title = _fold(blocks.pop(0)[0])
    kinds: list[str] = []

    def flush(lines: list[str], kind: str) -> None:
        if lines:
            paragraphs.append(_fold(" ".join(lines)))
            kinds.append(kind)

    for block in blocks:
        kept: list[str] = []
        kind = PARAGRAPH
        if len(block) == 1 and _is_heading(_fold(block[0])):
            kind = HEADING
        for line in block:
            stripped = _fold(line)
            if not attribution and not paragraphs and not kept and (m := _ATTRIBUTION.match(stripped)):
                attribution = m["who"]
            elif m := _CREDIT.match(stripped):
                flush(kept, kind)  # a credit inside a block ends the paragraph above it
                kept, kind = [], PARAGRAPH
                credits.append(PhotoCredit(text=m["who"], after_paragraph=len(paragraphs)))
            elif boilerplate.match(stripped) or stripped in END_MARKERS:
                dropped += 1
            elif item := _ITEM.match(stripped):  # each list item is its own paragraph; lines after it continue it
                flush(kept, kind)
                kept, kind = [stripped[item.end() :]], ITEM
            else:
                kept.append(stripped)
        flush(kept, kind)
    if not paragraphs:
        raise _no_paragraphs(name)
    return Source(
        slug=slug,
        filename=name,
        title=title or title_from_name(name),
        attribution=attribution,
        credits=tuple(credits),
        paragraphs=tuple(paragraphs),
        dropped_lines=dropped,
        kinds=tuple(kinds) if any(kinds) else (),
    )


def from_extracted(extracted: Extracted, *, name: str, slug: str, boilerplate: LinePatterns) -> Source:
    """A :class:`Source` from a web page, PDF or Markdown file's blocks, with boilerplate dropped."""
    blocks = [b for b in extracted.blocks if not boilerplate.match(b.text)]
    dropped = len(extracted.blocks) - len(blocks)
    title = extracted.title
    if blocks and blocks[0].kind == HEADING and (not title or blocks[0].text.casefold() == title.casefold()):
        title = blocks.pop(0).text  # the document's own title heading, not a paragraph of it
    if not blocks:
        raise _no_paragraphs(name)
    return Source(
        slug=slug,
        filename=name,
        title=title or title_from_name(name),
        attribution="",
        credits=(),
        paragraphs=tuple(compose(b.text) for b in blocks),
        dropped_lines=dropped,
        publisher=extracted.publisher,
        date=extracted.date,
        url=extracted.url,
        kinds=tuple(b.kind for b in blocks) if any(b.kind for b in blocks) else (),
    )


def read_source(raw: bytes, *, name: str, slug: str, boilerplate: LinePatterns, encoding: str = "") -> Source:
    """Read one source file's bytes by its format (the extension of ``name``)."""
    suffix = Path(name).suffix.lower()
    if suffix in WEB_PAGE:
        from .formats.html import read_html

        return from_extracted(read_html(raw, name), name=name, slug=slug, boilerplate=boilerplate)
    if suffix in PDF:
        from .formats.pdf import read_pdf

        return from_extracted(read_pdf(raw, name), name=name, slug=slug, boilerplate=boilerplate)
    if raw.startswith(b"%PDF-"):
        raise SourceError(f"seeds/{name}: is a PDF named as another format: rename it to end in .pdf")
    text = decode(raw, name, encoding)
    if suffix in MARKDOWN:
        from .formats.markdown import read_markdown

        return from_extracted(read_markdown(text), name=name, slug=slug, boilerplate=boilerplate)
    return parse_source(text, name=name, slug=slug, boilerplate=boilerplate)


def with_meta(source: Source, meta: SourceMeta | None) -> Source:
    """The source with what book.yml says about it, which wins over the file's own metadata."""
    if meta is None:
        return source
    return replace(
        source,
        title=meta.title or source.title,
        publisher=meta.publisher or source.publisher,
        date=meta.date or source.date,
        url=meta.url or source.url,
    )


def source_slugs(names: Iterable[str]) -> dict[str, str]:
    """Unique, reserved-word-free slugs for source files, from their names."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for i, name in enumerate(names, start=1):
        base = slugify(Path(name).stem) or f"source-{i}"
        if base in RESERVED:
            base = f"{base}-source"
        slugs[name] = unique(base, taken)
    return slugs


def read_sources(config: BookConfig) -> tuple[Source, ...]:
    """Read every source the book lists; raise SourceError naming each one that cannot be used."""
    boilerplate = line_patterns(DEFAULT_BOILERPLATE + config.boilerplate)
    slugs = source_slugs(config.sources)
    seeds = config.seeds_dir.resolve()
    meta = {m.file: m for m in config.source_meta}
    sources: list[Source] = []
    problems: list[str] = []
    for name in config.sources:
        path = config.seeds_dir / name
        try:
            if not path.resolve().is_relative_to(seeds):
                raise SourceError(f"seeds/{name}: links outside the book folder: copy the file into seeds/")
            source = read_source(read_bytes(path), name=name, slug=slugs[name], boilerplate=boilerplate, encoding=config.encoding)
            sources.append(with_meta(source, meta.get(name)))
        except SourceError as err:
            problems.extend(err.problems)
        except OSError as err:
            problems.append(f"seeds/{name}: cannot be read ({err.strerror}): check that it exists and is a file")
    for source in sources:
        for number, text in enumerate(source.paragraphs, start=1):
            if len(text) > MAX_PARAGRAPH_CHARS:
                problems.append(
                    f"seeds/{source.filename}: ¶{number} is {len(text):,} characters long, more than {MAX_PARAGRAPH_CHARS:,}:"
                    " separate its paragraphs with blank lines"
                )
                break
    total = sum(len(s.paragraphs) for s in sources)
    if total > MAX_PARAGRAPHS:
        problems.append(
            f"{total:,} paragraphs in the sources, more than {MAX_PARAGRAPHS:,}:"
            " a briefing book this long would take minutes to build; split it into several books"
        )
    if problems:
        raise SourceError(*problems)
    return tuple(sources)


#: The kind of timeline entry that is a source's own release date, not an event its text gives.
PUBLISHED = "published"


def publication_events(
    sources: Iterable[Source], paragraphs: Iterable[Paragraph], timeline: Iterable[TimelineEntry] = ()
) -> list[TimelineEntry]:
    """A "Published: <title>" timeline entry for each dated source, citing its first paragraph.

    A source whose own text already gives its release date (a dateline) adds nothing: that date is on the timeline.
    """
    first: dict[str, str] = {}
    source_of: dict[str, str] = {}
    for p in paragraphs:
        first.setdefault(p.source, p.anchor)
        source_of[p.anchor] = p.source
    given = {(source_of.get(e.anchor, ""), e.start) for e in timeline if e.start == e.end}
    events = []
    for source in sources:
        if source.date and source.slug in first and (source.slug, source.date) not in given:
            by = f" ({source.publisher})" if source.publisher else ""
            label = f"Published: {source.title}{by}"
            events.append(TimelineEntry(source.date, source.date, source.date, label, first[source.slug], PUBLISHED))
    return events


def as_of(sources: Iterable[Source]) -> str:
    """The book's "as of" date: the newest source date, "" when no source is dated."""
    return max((s.date for s in sources if s.date), default="")
