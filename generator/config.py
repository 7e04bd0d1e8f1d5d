"""Stage 0: read and validate ``seeds/book.yml`` into a :class:`BookConfig`.

The schema is declared once, with a type, a default and a description per
key; the README's reference table is written from the same declarations.
Validation collects every problem before reporting, each naming the file,
the line and the key, so an author fixes the whole file in one go.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .base.errors import ConfigError
from .base.inputs import compose, not_a_file, read_bytes
from .base.slugs import RESERVED, SLUG_RE, WINDOWS_DEVICE_NAMES, slugify
from .model import BookConfig, SourceMeta, ThemeSpec
from .read import SOURCE_SUFFIXES

BOOK_FILE = "seeds/book.yml"


@dataclass(frozen=True)
class Key:
    """One key of book.yml: its name, its Python type and what it means."""

    name: str
    kind: type
    required: bool
    doc: str
    default: Any = None


BOOK_KEYS: tuple[Key, ...] = (
    Key("title", str, True, "Title of the book, shown on the home page and in the header."),
    Key("subtitle", str, False, "One line under the title.", ""),
    Key("description", str, False, "A short paragraph for the home page and the site's metadata.", ""),
    Key("language", str, False, "Language of the book, as a code such as `en` or `fr`.", "en"),
    Key("site_url", str, False, "Address the site will be published at, for the sitemap and canonical links.", ""),
    Key(
        "sources", list, False,
        "Files in `seeds/` to read, in order: names, or mappings with `file` and what to show about it (see the source keys)."
        " Default: every `.txt`, `.md`, `.html`, `.htm` and `.pdf` there, sorted by name.",
    ),
    Key("themes", list, True, "The themes, in display order; each gets one page. At least one."),
    Key("glossary", dict, False, "Term → definition, for the glossary; overrides what was detected in the text.", {}),
    Key("boilerplate", list, False, "Extra lines to drop from sources; `*` matches any text, case is ignored.", []),
    Key("acronyms", dict, False, "Short form → expansion: adds an acronym or corrects a detected expansion.", {}),
    Key("people", dict, False, "Name → `Role, Organisation`: adds a person or corrects a detected role.", {}),
    Key("organisations", dict, False, "Name → kind (`organisation`, `event` or `place`): adds a name the rules missed.", {}),
    Key("suppress", list, False, "Detected acronyms, terms, names, figures or dates to leave out (case ignored).", []),
    Key("cues", dict, False, "Extra cue words by kind (`organisation`, `event`, `place`, `role`), added to the built-ins.", {}),
    Key("pdf", dict, False, "Settings of the printed book (`briefbook pdf`, the print page); see the `pdf` keys.", {}),
    Key("encoding", str, False, "Encoding of sources that are not UTF-8, e.g. `windows-1252` or `gb18030`. Default: none.", ""),
)

CUE_KEYS: tuple[Key, ...] = (
    Key("organisation", list, False, "Words that make a capitalised name an organisation: `Ministry`, `Agency` …", []),
    Key("event", list, False, "Words that make a name an event: `Forum`, `Summit` …", []),
    Key("place", list, False, "Words that make a name a place: `Center`, `Park` …", []),
    Key("role", list, False, "Words that make a phrase next to a name a role: `Minister`, `Secretary` …", []),
)
ENTITY_KINDS = ("organisation", "event", "place")

PDF_KEYS: tuple[Key, ...] = (
    Key("page_size", str, False, "Paper size of the printed book: `A4` or `Letter`.", "A4"),
)

#: Paper sizes Chromium prints and CSS ``@page size`` understands, by their usual spelling.
PAGE_SIZES = ("A4", "Letter")

SOURCE_KEYS: tuple[Key, ...] = (
    Key("file", str, True, "The file in `seeds/`, e.g. `statement.html` or `factsheet.pdf`."),
    Key("title", str, False, "Title of the source's page; default: the file's own title (first line, `<title>`, PDF metadata).", ""),
    Key("publisher", str, False, "Who published it, shown on its page; default: the web page's site name.", ""),
    Key("date", str, False, "Date of publication, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`); default: the file's own date. Shown on the timeline as “Published: title” (unless the text gives that date) and as the home page's “as of” date.", ""),
    Key("url", str, False, "Address of the original (`http://` or `https://`), linked from its page; default: a web page's canonical URL.", ""),
)

THEME_KEYS: tuple[Key, ...] = (
    Key("title", str, True, "Title of the theme's page."),
    Key("slug", str, False, "Address of the page (`<slug>/`); default derived from the title. Only a-z, 0-9 and '-'."),
    Key("summary", str, False, "One or two sentences shown under the title and on the home page.", ""),
    Key("keywords", list, True, "Words and phrases that place a paragraph in this theme (case and plurals ignored)."),
)

_TYPE_NAMES: dict[type, str] = {str: "a string", list: "a list", dict: "a mapping"}


class _Report:
    """Collects problems as ``file:line: key: message`` lines."""

    def __init__(self, lines: dict[str, int]) -> None:
        self.lines = lines
        self.problems: list[str] = []

    def add(self, key: str, message: str) -> None:
        line = self.lines.get(key)
        parent = key
        while line is None and parent:  # fall back to the nearest enclosing key that has a line
            parent = re.sub(r"(\.[^.\[\]]+|\[\d+\]|^[^.\[\]]+)$", "", parent)
            line = self.lines.get(parent)
        where = f"{BOOK_FILE}:{line}" if line else BOOK_FILE
        self.problems.append(f"{where}: {key}: {message}" if key else f"{where}: {message}")


def _node_lines(root: yaml.Node | None, out: dict[str, int]) -> None:
    """Record the 1-based line of every key and list item in the YAML tree.

    Iterative, and each node is visited once: a node an alias points to again
    is not walked again (its line is where it was written), so a file of
    nested aliases costs what its text costs.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, path = stack.pop()
        out.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[tuple[yaml.Node, str]] = []
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = f"{path}.{key_node.value}" if path else str(key_node.value)
                out[child] = key_node.start_mark.line + 1
                children.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        stack.extend(reversed(children))


#: How deep lists and mappings may nest in book.yml (the deepest real one is 3 or 4).
MAX_YAML_DEPTH = 32
#: How large book.yml may grow when its aliases (``*name``) are expanded, counted in
#: characters of text plus one per value: about ten times the largest real glossary.
MAX_YAML_EXPANDED = 5_000_000


def _check_shape(text: str) -> None:
    """Refuse, before anything is built from it, a book.yml nested too deep, expanding too far or with a duplicate key.

    One pass over the parser's events (an iterative state machine, so 5,000
    levels of ``[`` cannot exhaust the stack), keeping for each open list or
    mapping the size it grows to once aliases are expanded. An alias to a
    collection still open is a loop; a "billion laughs" file is stopped as
    soon as its expansion passes :data:`MAX_YAML_EXPANDED`, having cost only
    its own length. A syntax error is left to the parser that reports it.
    """
    for loader_class in dict.fromkeys((_LOADER, yaml.SafeLoader)):
        try:
            _scan_events(loader_class(text))
            return
        except yaml.YAMLError:
            continue  # libyaml stops at its own depth limit: the pure-Python parser says where and why


def _scan_events(loader: Any) -> None:
    """The pass of :func:`_check_shape` over one loader's events."""
    sizes: dict[str, int] = {}
    # per open collection: anchor, expanded size, keys seen (mappings), whether the next node is a key
    stack: list[tuple[str | None, list[int], set[str] | None, list[bool]]] = []
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line + 1
            size = 0
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)) and stack:
                _, _, keys, next_is_key = stack[-1]
                if keys is not None:
                    if next_is_key[0] and isinstance(event, yaml.ScalarEvent):
                        if event.value in keys:
                            raise ConfigError(
                                f"{BOOK_FILE}:{line}: '{event.value}' is a key twice in the same mapping:"
                                " the second would silently replace the first; merge them into one"
                            )
                        keys.add(event.value)
                    next_is_key[0] = not next_is_key[0]
            if isinstance(event, yaml.ScalarEvent):
                size = len(event.value) + 1
                if event.anchor:
                    sizes[event.anchor] = size
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, *_ in stack):
                    raise ConfigError(
                        f"{BOOK_FILE}:{line}: the alias *{event.anchor} refers to the list or mapping it is inside:"
                        " a value cannot contain itself; write it out instead"
                    )
                size = sizes.get(event.anchor or "", 0)
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_YAML_DEPTH:
                    raise ConfigError(
                        f"{BOOK_FILE}:{line}: lists and mappings nested more than {MAX_YAML_DEPTH} deep:"
                        " book.yml needs three or four levels; check the brackets and indentation"
                    )
                keys = set() if isinstance(event, yaml.MappingStartEvent) else None
                stack.append((event.anchor, [1], keys, [True]))
                continue
            elif isinstance(event, yaml.CollectionEndEvent) and stack:
                anchor, total, _, _ = stack.pop()
                size = total[0]
                if anchor:
                    sizes[anchor] = size
            else:
                continue
            if stack:
                stack[-1][1][0] += size
                size = stack[-1][1][0]
            if size > MAX_YAML_EXPANDED:
                raise ConfigError(
                    f"{BOOK_FILE}:{line}: aliases (*name) expand book.yml to more than {MAX_YAML_EXPANDED:,} characters:"
                    " write the values out, or use fewer aliases"
                )
    finally:
        loader.dispose()


def _suggest(name: str, known: tuple[Key, ...]) -> str:
    close = difflib.get_close_matches(name, [k.name for k in known], n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(k.name for k in known)})"


def _check_keys(mapping: dict[str, Any], keys: tuple[Key, ...], prefix: str, report: _Report) -> dict[str, Any]:
    """Type-check a mapping against its declared keys; return it with defaults filled in."""
    out: dict[str, Any] = {}
    for name in mapping:
        if not any(k.name == name for k in keys):
            report.add(f"{prefix}{name}", f"unknown key{_suggest(str(name), keys)}")
    for key in keys:
        full = f"{prefix}{key.name}"
        value = mapping.get(key.name)
        if value is None:
            if key.required:
                report.add(full if key.name in mapping else prefix.rstrip("."), f"'{key.name}' is required: {key.doc}")
            out[key.name] = key.default
            continue
        if key.kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # `title: 2035` is a title, not a mistake
        if not isinstance(value, key.kind):
            report.add(full, f"must be {_TYPE_NAMES[key.kind]}, not {type(value).__name__}: {key.doc}")
            out[key.name] = key.default
            continue
        if isinstance(value, str):
            value = value.strip()
            if key.required and not value:
                report.add(full, f"must not be empty: {key.doc}")
        out[key.name] = value
    return out


def _strings(values: list[Any], key: str, report: _Report) -> list[str]:
    out = []
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            report.add(f"{key}[{i}]", "must be a non-empty string")
        else:
            out.append(str(value).strip())
    return out


def _pairs(raw: dict[Any, Any] | None, key: str, what: str, report: _Report) -> list[tuple[str, str]]:
    """A mapping of non-empty strings to non-empty strings, in file order."""
    out = []
    for name, value in (raw or {}).items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            report.add(f"{key}.{name}", f"needs {what} (a non-empty string)")
        elif not str(name).strip():
            report.add(key, "has an empty name")
        else:
            out.append((str(name).strip(), " ".join(str(value).split())))
    return out


#: What a path of ``site_url`` may hold as it is: RFC 3986's unreserved characters, '/', '%'
#: and the sub-delimiters that mean nothing to HTML, JavaScript or XML. Everything
#: else is refused, so the value needs no escaping wherever MkDocs and Material write it
#: (canonical links, the sitemap, the 404 page's links and scripts).
_URL_PATH_SAFE = "-._~/%!$*+,;=:@"
_URL_PATH_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + _URL_PATH_SAFE)
_HOST_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_URL_FIX = "give the address the site is published at, e.g. 'https://example.org/briefings/'"


def check_site_url(value: str) -> tuple[str, str]:
    """``site_url`` as briefbook writes it, and the problem with it ('' when there is none).

    Accepted: ``http`` or ``https``, a host name (or IPv4 address) with an optional
    port, and a path; no user name, query or fragment. A path with non-ASCII
    letters is percent-encoded; a quote, angle bracket, backslash, space or control
    character anywhere is refused, since such a value could end an attribute or a
    script string in the pages that carry it.
    """
    bad = sorted({c for c in value if c in "\"'<>`\\{}|^" or c.isspace() or unicodedata.category(c) in ("Cc", "Cf")})
    if bad:
        shown = ", ".join(f"U+{ord(c):04X}" if not c.isprintable() or c.isspace() else repr(c) for c in bad)
        return value, f"may not contain {shown}: {_URL_FIX}"
    try:
        parts = urllib.parse.urlsplit(value)
        port = parts.port
    except ValueError as err:
        return value, f"is not a web address ({err}): {_URL_FIX}"
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(f"{parts.scheme.lower()}://"):
        return value, f"'{value}' must start with http:// or https://: {_URL_FIX}"
    host = parts.hostname or ""
    if "@" in parts.netloc or len(host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        return value, f"'{value}' has no valid host name after '://': {_URL_FIX}"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return value, f"'{value}' may not have a query ('?') or fragment ('#'): {_URL_FIX}"
    path = urllib.parse.quote(parts.path, safe=_URL_PATH_SAFE)
    if not set(path) <= _URL_PATH_CHARS:
        return value, f"'{value}' has characters a web address cannot hold: {_URL_FIX}"
    netloc = host.lower() + (f":{port}" if port is not None else "")
    return f"{parts.scheme.lower()}://{netloc}{path or '/'}", ""


#: More themes than this and the site's size grows out of hand: each of N theme pages
#: carries a nav of N links (2,000 themes: 109 s and 1 GB). A reader cannot use so many either.
MAX_THEMES = 200
#: Characters a keyword may hold besides letters, digits and spaces: the matcher reads words,
#: and these only join or separate them ("high-quality", "Lee's", "R&D", "U.S.", "and/or").
_KEYWORD_JOINERS = frozenset("-‐‑–'’.,&/_")


def keyword_problem(keyword: str) -> str:
    """Why a keyword cannot match what its author meant ('' when it can).

    Paragraphs are matched word by word (letters and digits), so a keyword of
    symbols alone never matches, and one whose symbols carry meaning ("C++",
    "C#", "100%") would match the bare word everywhere ("C", "100").
    """
    if not any(c.isalnum() for c in keyword):
        return f"'{keyword}' has no letter or digit, so it can never match a paragraph: use words"
    ignored = sorted({c for c in keyword if not c.isalnum() and not c.isspace() and c not in _KEYWORD_JOINERS})
    if ignored:
        bare = " ".join("".join(c if c.isalnum() else " " for c in keyword).split())
        shown = ", ".join(f"'{c}'" for c in ignored)
        return (
            f"'{keyword}' would match every '{bare}': keywords are matched by their words, and {shown} is not part of"
            f" a word; write '{bare}' if that is meant, or a phrase that names it in words"
        )
    return ""


def _themes(raw: list[Any], report: _Report) -> tuple[ThemeSpec, ...]:
    themes: list[ThemeSpec] = []
    seen: dict[str, int] = {}
    if not raw:
        report.add("themes", "needs at least one theme, each with a title and keywords")
    if len(raw) > MAX_THEMES:
        report.add(
            "themes",
            f"has {len(raw):,} themes, more than {MAX_THEMES}: every page carries the list of themes, so the site would"
            " grow with the square of their number; merge themes, or split the book into several books",
        )
        return ()
    for i, item in enumerate(raw):
        key = f"themes[{i}]"
        if not isinstance(item, dict):
            report.add(key, "must be a mapping with title, keywords and optionally slug and summary")
            continue
        values = _check_keys(item, THEME_KEYS, f"{key}.", report)
        keywords = _strings(values["keywords"] or [], f"{key}.keywords", report)
        if values["keywords"] is not None and not values["keywords"] and isinstance(values["keywords"], list):
            report.add(f"{key}.keywords", "needs at least one word or phrase")
        title = values["title"] or ""
        slug = values["slug"]
        if slug is None:
            slug = slugify(title)
            if title and not slug:
                report.add(f"{key}.title", f"'{title}' gives no usable slug: add 'slug' with a-z, 0-9 and '-'")
        elif not SLUG_RE.match(slug):
            report.add(f"{key}.slug", f"'{slug}' may only contain a-z, 0-9 and '-' (not at the start or end)")
        if slug and slug in WINDOWS_DEVICE_NAMES:
            report.add(
                f"{key}.slug",
                f"'{slug}' is a device name on Windows, which could not unpack the offline bundle's page: choose another slug",
            )
        elif slug and slug in RESERVED:
            report.add(f"{key}.slug", f"'{slug}' is reserved for a page of the book: choose another slug")
        elif slug and slug in seen:
            report.add(f"{key}.slug", f"'{slug}' is already the slug of themes[{seen[slug]}]: slugs must be unique")
        if slug:
            seen.setdefault(slug, i)
        themes.append(ThemeSpec(title=title, slug=slug or "", keywords=tuple(keywords), summary=values["summary"]))
    return tuple(themes)


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL = re.compile(r"https?://[^\s\"'<>()\[\]{}\\`^|]{1,2000}")


def _source_date(value: Any, key: str, report: _Report) -> str:
    """A publication date as ISO 8601 text; YAML reads ``2023-04-03`` as a date already."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    if m:
        try:
            datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
            return text
        except ValueError:
            pass
    report.add(key, f"'{text}' is not a date: write it as YYYY-MM-DD (e.g. 2023-04-03), YYYY-MM or YYYY")
    return ""


def _source_entry(item: Any, i: int, report: _Report) -> tuple[str, SourceMeta | None]:
    """One item of ``sources``: a file name, or a mapping with ``file`` and the source's metadata."""
    key = f"sources[{i}]"
    if not isinstance(item, dict):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
            report.add(key, "must be a file name, or a mapping with 'file' and optionally title, publisher, date and url")
            return "", None
        return str(item).strip(), None
    raw = dict(item)
    date = raw.pop("date", None)  # checked below: YAML gives a date object, not a string
    values = _check_keys({k: v for k, v in raw.items()}, SOURCE_KEYS, f"{key}.", report)
    for name in ("title", "publisher"):
        values[name] = " ".join((values[name] or "").split())
    url = values["url"] or ""
    if url and not _URL.fullmatch(url):
        report.add(
            f"{key}.url",
            f"'{url}' must be an http:// or https:// address without spaces, quotes, brackets or angle brackets",
        )
        url = ""
    meta = SourceMeta(
        file=values["file"] or "",
        title=values["title"],
        publisher=values["publisher"],
        date=_source_date(date, f"{key}.date", report) if date is not None else "",
        url=url,
    )
    return meta.file, meta


def _sources(raw: list[Any] | None, seeds: Path, report: _Report) -> tuple[tuple[str, ...], tuple[SourceMeta, ...]]:
    if raw is None:
        found = sorted(p.name for p in seeds.glob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
        for odd in sorted(p.name for p in seeds.glob("*") if p.suffix.lower() in SOURCE_SUFFIXES and not p.is_file()):
            report.add("", f"seeds/{odd}: is {not_a_file(seeds / odd)}, not a source file: rename or remove it")
        if not found:
            report.add("", "no sources: put *.txt files in seeds/ (or .md, .html, .htm, .pdf) or list them under 'sources'")
        return tuple(found), ()
    entries = [_source_entry(item, i, report) for i, item in enumerate(raw)]
    names = [name for name, _ in entries]
    metas = tuple(meta for _, meta in entries if meta is not None and meta.file)
    for i, name in enumerate(names):
        if not name:
            continue
        path = seeds / name
        if name in names[:i]:
            report.add(f"sources[{i}]", f"'{name}' is listed twice")
        elif Path(name).is_absolute() or ".." in Path(name).parts:
            report.add(f"sources[{i}]", f"'{name}' must be a file inside seeds/, given relative to it")
        elif path.exists() and not path.is_file():
            report.add(f"sources[{i}]", f"seeds/{name} is {not_a_file(path)}, not a source file: list a file")
        elif not path.is_file():
            present = [p.name for p in seeds.glob("*") if p.is_file() and p.name != "book.yml"]
            close = difflib.get_close_matches(name, sorted(present), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            report.add(f"sources[{i}]", f"no such file seeds/{name}{hint}")
        elif not path.resolve().is_relative_to(seeds.resolve()):
            report.add(f"sources[{i}]", f"'{name}' links outside the book folder: copy the file into seeds/")
    if not raw:
        report.add("sources", "is empty: list at least one file, or remove the key to read every source file in seeds/")
    return tuple(n for n in names if n), metas


#: libyaml's parser when PyYAML was built with it: a glossary of thousands of
#: terms parses many times faster than with the pure-Python one.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for line numbers) and the data built from it.

    A syntax error is reported by the pure-Python parser, whose messages are
    the ones users and tests know; only valid files take the fast path.
    """
    for loader_class in dict.fromkeys((_LOADER, yaml.SafeLoader)):
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            return node, loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            if loader_class is yaml.SafeLoader:
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable: the pure-Python loader returns or raises")


def load_book_config(root: Path) -> BookConfig:
    """Read ``root/seeds/book.yml`` and return the validated config, or raise ConfigError with every problem."""
    path = root / BOOK_FILE
    if not (root / "seeds").is_dir():
        raise ConfigError(f"{root}: no seeds/ folder: a book folder needs seeds/ with book.yml and the source texts (try 'briefbook new')")
    if not path.is_file():
        raise ConfigError(f"{path}: not found: write a book.yml with a title and themes (see the README's book.yml reference)")
    try:
        # "Genève" typed with a combining accent is the same keyword as the composed one.
        text = compose(read_bytes(path).decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ConfigError(f"{BOOK_FILE}: not UTF-8 (byte {err.start}): save the file as UTF-8") from None
    _check_shape(text)
    try:
        node, data = _parse_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{BOOK_FILE}:{mark.line + 1}:{mark.column + 1}" if mark else BOOK_FILE
        problem = getattr(err, "problem", None) or str(err)
        raise ConfigError(f"{where}: YAML syntax error: {problem}") from None
    except ValueError as err:  # YAML reads 2024-13-40 as a date and fails to make it one
        raise ConfigError(
            f"{BOOK_FILE}: a date that is not a real day ({err}): write dates as YYYY-MM-DD, e.g. 2023-04-03"
        ) from None
    lines: dict[str, int] = {}
    _node_lines(node, lines)
    report = _Report(lines)
    if not isinstance(data, dict):
        raise ConfigError(f"{BOOK_FILE}: must be a mapping with at least 'title' and 'themes'")
    values = _check_keys(data, BOOK_KEYS, "", report)
    themes = _themes(values["themes"] or [], report)
    sources, source_meta = _sources(values["sources"], root / "seeds", report)
    glossary = []
    for term, definition in (values["glossary"] or {}).items():
        if not isinstance(definition, str) or not definition.strip():
            report.add(f"glossary.{term}", "needs a definition (a non-empty string)")
        else:
            glossary.append((str(term).strip(), definition.strip()))
    boilerplate = _strings(values["boilerplate"] or [], "boilerplate", report)
    acronyms = _pairs(values["acronyms"], "acronyms", "an expansion", report)
    people = _pairs(values["people"], "people", "a role such as 'Deputy Director, Coastal Survey Office'", report)
    organisations = _pairs(values["organisations"], "organisations", "a kind", report)
    for i, (name, kind) in enumerate(organisations):
        if kind not in ENTITY_KINDS:
            close = difflib.get_close_matches(kind, ENTITY_KINDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(ENTITY_KINDS)}"
            report.add(f"organisations.{name}", f"unknown kind '{kind}': {hint}")
            organisations[i] = (name, "organisation")
    suppress = _strings(values["suppress"] or [], "suppress", report)
    cue_values = _check_keys(values["cues"] or {}, CUE_KEYS, "cues.", report)
    cues = tuple((k.name, tuple(_strings(cue_values[k.name] or [], f"cues.{k.name}", report))) for k in CUE_KEYS)
    pdf = _check_keys(values["pdf"] or {}, PDF_KEYS, "pdf.", report)
    page_size = next((size for size in PAGE_SIZES if size.lower() == str(pdf["page_size"]).lower()), None)
    if page_size is None:
        report.add("pdf.page_size", f"'{pdf['page_size']}' is not a paper size briefbook prints: use {' or '.join(PAGE_SIZES)}")
    language = values["language"]
    if language and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        report.add("language", f"'{language}' is not a language code such as 'en' or 'pt-BR'")
    encoding = values["encoding"]
    if encoding:
        known = "such as 'windows-1252', 'latin-1' or 'gb18030'"
        try:
            codec = codecs.lookup(encoding)
        except LookupError:
            report.add("encoding", f"'{encoding}' is not an encoding Python knows, {known}")
        else:
            # rot13, zlib, base64, hex … are codecs too, but turn text into text or bytes into bytes.
            if not getattr(codec, "_is_text_encoding", True):
                report.add("encoding", f"'{encoding}' is a transformation, not a text encoding: name one {known}")
            encoding = codec.name
    site_url = values["site_url"]
    if site_url:
        site_url, problem = check_site_url(site_url)
        if problem:
            report.add("site_url", problem)
    if report.problems:
        raise ConfigError(*report.problems)
    return BookConfig(
        root=root,
        title=values["title"],
        subtitle=values["subtitle"],
        description=values["description"],
        language=language or "en",
        site_url=site_url,
        sources=sources,
        themes=themes,
        glossary=tuple(glossary),
        boilerplate=tuple(boilerplate),
        acronyms=tuple(acronyms),
        people=tuple(people),
        organisations=tuple(organisations),
        suppress=tuple(suppress),
        cues=tuple((kind, words) for kind, words in cues if words),
        page_size=page_size or PAGE_SIZES[0],
        encoding=encoding,
        source_meta=source_meta,
    )


def reference_table() -> str:
    """The book.yml reference as Markdown tables, for the README (a test keeps them in step)."""

    def rows(keys: tuple[Key, ...]) -> str:
        return "\n".join(f"| `{k.name}` | {'yes' if k.required else 'no'} | {k.doc} |" for k in keys)

    head = "| key | required | meaning |\n|---|---|---|\n"
    return (
        f"Book keys:\n\n{head}{rows(BOOK_KEYS)}\n\nKeys of each theme:\n\n{head}{rows(THEME_KEYS)}\n"
        f"\nKeys of `cues`:\n\n{head}{rows(CUE_KEYS)}\n"
        f"\nKeys of `pdf`:\n\n{head}{rows(PDF_KEYS)}\n"
        f"\nKeys of each source (an item of `sources` may be a file name or a mapping of these):\n\n{head}{rows(SOURCE_KEYS)}\n"
    )


if __name__ == "__main__":
    print(reference_table(), end="")
