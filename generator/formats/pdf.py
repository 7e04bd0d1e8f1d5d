"""PDF sources with a text layer: paragraphs rebuilt from the positioned lines of each page.

pdfminer.six reads the text with the position and size of every glyph and
groups the glyphs into lines in reading order (columns one after the other).
From the lines this module rebuilds what a reader sees:

* running headers, footers and page numbers are dropped: lines near the top
  or bottom edge whose text (digits aside) repeats on several pages, and page
  numbers such as ``7``, ``Page 7 of 12`` or ``- 7 -``;
* lines join into a paragraph until a larger gap than the usual line spacing,
  a change of type size or column, a bullet, or a short line that ends a
  sentence before an indented or new one;
* a word broken at a line end with a hyphen is joined again (a hyphen that the
  document also uses inside that word elsewhere is kept: "low-sulphur");
* a paragraph cut by a page or column break continues on the next page when it
  did not end a sentence and the next line starts in lower case;
* blocks in a larger type than the body text are headings.

The title and date come from the document's metadata when present. A PDF
with no text at all (a scan) is refused with one message: briefbook does no OCR.
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..base.errors import SourceError
from . import HEADING, ITEM, PARAGRAPH, Block, Extracted, fold

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_BULLETS = "•●▪■◦‣∙·–—*-"
_BULLET = re.compile(r"^[•●▪■◦‣∙*]\s{1,20}")
_PAGE_NUMBER = re.compile(r"^(?:(?:page|p\.|seite|pagina|página)\s{0,3})?[-–—(]?\s{0,3}#{1,6}\s{0,3}[-–—)]?(?:\s{0,3}(?:of|/|von|de|sur)\s{0,3}#{1,6})?$", re.IGNORECASE)
_TERMINAL = tuple('.!?:;"”’)]…。！？»')
_HYPHENS = ("\u00ad", "\u2010", "-")
_HYPHENATED = re.compile(r"\w{1,60}-\w{1,60}")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_EDGE = 0.12
#: Titles that name the file the PDF was printed from rather than the document.
_FILE_TITLE = re.compile(r"^(?:Microsoft (?:Word|PowerPoint|Excel) - )|\.(?:docx?|pptx?|xlsx?|odt|rtf|pdf|exe|indd|tmp|txt|html?)$", re.IGNORECASE)  # share of the page height at the top and at the bottom where running heads live


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    text: str
    bullet: bool
    page_height: float
    bold: bool


def _line_text(line: Any) -> tuple[str, bool]:
    """A line's characters as a reader sees them, and whether they are all in a bold face.

    Left out: glyphs that are not upright (a stamp printed up the margin) and the
    zero-width glyphs some printers emit for soft hyphens. A footnote mark in a
    smaller, raised type is set apart by spaces, as it looks on the page.
    """
    from pdfminer.layout import LTChar

    glyphs = [g for g in line if not isinstance(g, LTChar) or g.upright]
    chars = [g for g in glyphs if isinstance(g, LTChar)]
    if not chars:
        return "", False
    full = max(c.size for c in chars)
    out = []
    small = False
    for i, glyph in enumerate(glyphs):
        text = glyph.get_text()
        if isinstance(glyph, LTChar):
            if text.isspace():
                after = next((g for g in glyphs[i + 1 : i + 2] if isinstance(g, LTChar)), None)
                if after is not None and after.x0 < glyph.x0 + 0.5 * (glyph.x1 - glyph.x0):
                    continue  # drawn over by the next glyph: no space on the page
            raised = glyph.size < 0.75 * full and text.isdigit()
            if raised != small:
                out.append(" ")
                small = raised
        out.append(text)
    bold = all(_BOLD.search(c.fontname) for c in chars if not c.get_text().isspace())
    return "".join(out).translate(_LIGATURES).replace("\n", " "), bold


def _pages(raw: bytes, name: str) -> tuple[list[_Line], int, dict[str, Any]]:
    """Every line of text with its page and position, the page count and the document's metadata."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTCurve, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    # A wide char_margin keeps the words of justified lines together; columns are still told apart.
    params = LAParams(char_margin=6.0, word_margin=0.3, line_margin=0.5)
    lines: list[_Line] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
        info = _info(document)
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=params)
        interpreter = PDFPageInterpreter(manager, device)
        count = 0
        for number, page in enumerate(PDFPage.create_pages(document)):
            count += 1
            interpreter.process_page(page)
            layout = device.get_result()
            # Small drawn shapes just left of a line are list bullets (a browser draws them, not a glyph).
            marks: dict[int, list[float]] = {}  # rounded middle height → right edges, sorted
            for element in layout:
                if isinstance(element, LTCurve) and element.width < 8 and element.height < 8:
                    marks.setdefault(round((element.y0 + element.y1) / 2), []).append(element.x1)
            for edges in marks.values():
                edges.sort()
            for box in layout:
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    text, bold = _line_text(line)
                    if not text.strip():
                        continue
                    sizes = [c.size for c in line if isinstance(c, LTChar) and c.upright]
                    middle = round((line.y0 + line.y1) / 2)
                    bullet = any(_mark_between(marks.get(y, []), line.x0 - 30, line.x0) for y in range(middle - 4, middle + 5))
                    lines.append(
                        _Line(number, line.x0, line.x1, line.y0, line.y1, max(sizes) if sizes else line.height, text, bullet,
                              float(layout.height), bold)
                    )
        return lines, count, info
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError(f"seeds/{name}: the PDF is encrypted with a password: save a copy without the password") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as err:
        raise SourceError(f"seeds/{name}: not a readable PDF ({type(err).__name__}): save it again from the program that made it") from None


def _info(document: Any) -> dict[str, Any]:
    """Title and date from the document information dictionary."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, Any] = {}
    for info in document.info or ():
        for key in ("Title", "CreationDate"):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip() and key not in out:
                out[key] = value.strip()
    return out


def _pdf_date(value: str) -> str:
    """``D:20240318093000+01'00'`` → ``2024-03-18``; "" if it is not a date."""
    from . import iso_day

    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    return iso_day(f"{m[1]}-{m[2]}-{m[3]}") if m else ""


def _drop_running_heads(lines: list[_Line], pages: int) -> list[_Line]:
    """Lines that are not running headers, footers or page numbers."""

    def key(line: _Line) -> str:
        return re.sub(r"\d", "#", fold(line.text)).casefold()

    def at_edge(line: _Line) -> bool:
        return line.y0 > line.page_height * (1 - _EDGE) or line.y1 < line.page_height * _EDGE

    seen: Counter[str] = Counter()
    for k in {(line.page, key(line)) for line in lines if at_edge(line)}:
        seen[k[1]] += 1
    repeats = max(2, int(pages * 0.4))
    return [
        line
        for line in lines
        if not (at_edge(line) and (_PAGE_NUMBER.match(key(line)) or (pages > 1 and seen[key(line)] >= repeats)))
    ]


def _mark_between(edges: list[float], low: float, high: float) -> bool:
    """Whether a sorted list of right edges has one in (low, high]: a bisection, whatever the page draws."""
    at = bisect.bisect_right(edges, low)
    return at < len(edges) and edges[at] <= high


def _join(left: str, right: str, hyphenated: set[str]) -> str:
    """Two pieces of one paragraph: a word broken at the end of ``left`` is joined again.

    Only the ends of the pieces are looked at, so joining the lines of a long paragraph stays linear.
    """
    left, right = left.rstrip(), right.lstrip()
    if len(left) > 1 and left.endswith(_HYPHENS) and left[-2].isalpha() and right[:1].islower():
        stem = left.rstrip("".join(_HYPHENS))
        head = re.split(r"\W", stem[-60:])[-1]
        tail = re.split(r"\W", right[:60], maxsplit=1)[0]
        if left[-1] == "-" and f"{head}-{tail}".casefold() in hyphenated:
            return f"{stem}-{right}"
        return stem + right
    return f"{left} {right}"


def _joined(lines: list[_Line], hyphenated: set[str]) -> str:
    """The lines of one paragraph as one text; each line is joined to the next by looking at their ends only."""
    pieces: list[str] = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if i + 1 < len(lines):
            pair = _join(text, lines[i + 1].text.strip()[:60], hyphenated)
            # the end of this line as joined with the next: "manu-" + "fac…" → "manu", "low-" + "sul…" → "low-"
            keep = len(pair) - len(lines[i + 1].text.strip()[:60])
            text = pair[:keep]
        pieces.append(text)
    return "".join(pieces)


def _blocks(lines: list[_Line]) -> list[Block]:
    """Group lines into paragraphs, headings and list items; join paragraphs cut by a page or column."""
    if not lines:
        return []
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0]
    gaps = sorted(
        round(a.y0 - b.y1, 1)
        for a, b in zip(lines, lines[1:])  # noqa: B905 - pairs of neighbours
        if a.page == b.page and 0 <= a.y0 - b.y1 < 3 * body and abs(a.x0 - b.x0) < body
    )
    usual_gap = gaps[len(gaps) // 4] if gaps else body * 0.3
    hyphenated = {w.casefold() for line in lines for w in _HYPHENATED.findall(line.text)}

    groups: list[list[_Line]] = []
    width = 0.0  # the widest line of the paragraph being built, kept as it grows
    for line in lines:
        prev = groups[-1][-1] if groups else None
        new = prev is None or line.page != prev.page or line.bullet or bool(_BULLET.match(line.text.lstrip()))
        if prev is not None and not new:
            width = max(width, prev.x1 - prev.x0)
            new = (
                abs(line.size - prev.size) > 0.1 * prev.size
                or line.bold != prev.bold  # a bold heading run into its paragraph's first line
                or line.y1 > prev.y1 + 1  # back up the page: the next column
                or line.x0 > prev.x1  # to the right: the next column
                or prev.y0 - line.y1 > usual_gap + 0.5 * prev.size
                or (
                    prev.text.rstrip().endswith(_TERMINAL)
                    and (prev.x1 - prev.x0 < 0.75 * width or line.x0 > groups[-1][0].x0 + 0.8 * line.size)
                )
            )
        if new:
            groups.append([line])
            width = 0.0
        else:
            groups[-1].append(line)

    blocks: list[tuple[str, str, float]] = []  # kind, text, type size
    for group in groups:
        text = _joined(group, hyphenated)
        first = group[0]
        if first.bullet or _BULLET.match(text):
            kind, text = ITEM, _BULLET.sub("", text)
        elif first.size > body * 1.15 or (first.bold and len(group) <= 3 and not text.rstrip().endswith(".")):
            kind = HEADING
        else:
            kind = PARAGRAPH
        text = fold(text)
        if not text:
            continue
        if kind == PARAGRAPH and text[:1].islower() and (at := _continues(blocks, first.size)) is not None:
            # A paragraph cut by a page or column break (and the footnotes set below it): one paragraph again.
            before = blocks[at]
            blocks[at] = (before[0], fold(_join(before[1], text, hyphenated)), before[2])
            continue
        blocks.append((kind, text, first.size))
    return [Block(kind, text) for kind, text, _ in blocks]


def _continues(blocks: list[tuple[str, str, float]], size: float) -> int | None:
    """The block a paragraph starting in lower case continues: the last one, or the last before its footnotes."""
    for at in range(len(blocks) - 1, max(-1, len(blocks) - 16), -1):
        kind, text, block_size = blocks[at]
        if abs(block_size - size) <= 0.1 * size:
            return at if kind in (PARAGRAPH, ITEM) and not text.endswith(_TERMINAL) else None
        if block_size > size:  # a heading in between: the paragraph above is finished
            return None
    return None


def read_pdf(raw: bytes, name: str) -> Extracted:
    """Paragraphs, headings, title and date of a PDF with a text layer."""
    lines, pages, info = _pages(raw, name)
    if not any(line.text.strip() for line in lines):
        raise SourceError(
            f"seeds/{name}: this PDF has no text layer ({pages} page{'s' if pages != 1 else ''} of images, a scan?):"
            " briefbook does not do OCR; use a PDF with text, or run OCR first (e.g. ocrmypdf)"
        )
    blocks = _blocks(_drop_running_heads(lines, pages))
    title = fold(info.get("Title", ""))
    if _FILE_TITLE.search(title):  # "Microsoft Word - report.docx", "10811.exe": the file, not the document
        title = ""
    return Extracted(blocks=tuple(blocks), title=title, date=_pdf_date(info.get("CreationDate", "")))
