"""MkDocs glue: ``mkdocs build`` and ``mkdocs serve`` generate the book first.

Registered as the ``briefbook`` plugin by entry point. All the work is in
:mod:`generator.pipeline`; this file only passes the result to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from ..base.errors import BriefbookError
from ..base.progress import Progress
from ..base.reproducible import book_date
from ..outputs.printpage import PRINT_SRC, compose, edition_date, part_file, plan_parts, print_file
from ..pipeline import Result, generate
from ..render import ASSETS, nav_pages
from .fastmd import FastParagraphs
from .htmlfix import accessible_search, picture_links, plain_line, safe_html_title
from .serve import Preview

#: Where Material's search splits words. Its English default splits only at spaces and hyphens, so
#: "$45" and "2030–2035" were words of their own and a search for "45" or "2035" missed them.
#: Here currency signs, dashes, brackets, quotes and slashes split too, and so do . , : ; ! ? %
#: unless a digit follows: "12.5" and "3,400" stay whole, "12.5%" is found by "12.5".
SEARCH_SEPARATOR = r'[\s\-\u2010-\u2015/()\[\]"\u201c\u201d$\u00a2-\u00a5\u20ac]+|[.,:;!?%](?!\d)'


def search_separator(config: MkDocsConfig) -> None:
    """Make Material's search split numbers from signs and dashes, unless the book's mkdocs.yml chose a separator.

    Runs before the search plugin's own ``on_config`` (see the priority of
    :meth:`BriefbookPlugin.on_config`): that is where it reads the separator.
    """
    for name in ("material/search", "search"):
        search = config.plugins.get(name)
        if search is not None and not search.config.get("separator"):
            search.config.separator = SEARCH_SEPARATOR


def add_fast_paragraphs(config: MkDocsConfig) -> None:
    """Let Python-Markdown build the renderer's own paragraphs without its inline patterns (see :mod:`generator.site.fastmd`)."""
    if not any(isinstance(ext, FastParagraphs) for ext in config.markdown_extensions):
        config.markdown_extensions.append(FastParagraphs())


class BriefbookPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Generates ``docs/`` from ``seeds/`` and gives MkDocs the book's nav, title and language."""

    result: Result | None = None
    date = ""
    edition: dt.date | None = None
    preview: Preview | None = None  # set by 'briefbook serve': rebuilds only what an edit changed (see generator.site.serve)

    def __init__(self) -> None:
        super().__init__()
        self.hidden: frozenset[str] = frozenset()
        self.bar: Progress | None = None
        self.nav: Any = None
        self.printed: dict[str, str] = {}  # docs path of each print page → its content

    @event_priority(50)  # before Material's search plugin, which takes the book's language and separator on_config
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            result = generate(root, docs=Path(config.docs_dir))  # after 'briefbook build': reused, not redone
            self.edition = book_date(result.config).date()
            self.date = self.edition.isoformat()
        except BriefbookError as err:
            raise PluginError(str(err)) from None
        self.result = result
        listed = set(nav_pages(result.nav))
        self.hidden = frozenset(f.path for f in result.files if f.path.endswith(".md") and f.path not in listed)
        book = result.config
        # Material prints these without escaping, in <title>, aria-label and <meta>: escape them
        # here, and fold control characters to spaces as the pages' own text does.
        config.site_name = html.escape(plain_line(book.title))
        if book.description and not config.site_description:
            config.site_description = html.escape(plain_line(book.description))
        if book.site_url and not config.site_url:
            config.site_url = book.site_url
        config.theme["language"] = book.language
        search_separator(config)
        if not config.nav:
            config.nav = result.nav
        for asset in ASSETS:
            if asset.endswith(".css") and asset not in config.extra_css:
                config.extra_css.append(asset)
        add_fast_paragraphs(config)
        return config

    def on_page_content(self, content: str, /, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        # MkDocs takes the title from the H1's HTML, keeping the numeric entities the
        # escaper wrote for '#', '{', '[' …; Material then escapes it again in
        # attributes (aria-label "Next: &#35;…"). Keep only the escaping HTML needs.
        if page.title:
            page.title = html.escape(html.unescape(page.title), quote=False)
        return picture_links(content, page.file, files)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if self.bar is not None:
            self.bar.advance()
        if self.preview is not None:
            self.preview.keep(page, config)
        output = safe_html_title(output, page.title, config.site_name)
        if page.file.src_uri == PRINT_SRC:  # the printed book's title, and so the PDF's, is the book's own
            output = output.replace(f"<title>{page.title} - {config.site_name}</title>", f"<title>{config.site_name}</title>", 1)
        return accessible_search(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return accessible_search(output_content)  # 404.html is a template, not a page

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Adds the print page; generated pages the nav leaves out (later parts, a big book's sources)
        are built but not in the nav."""
        if files.get_file_from_path(PRINT_SRC) is None:  # a book's own print.md wins
            files.append(print_file(config))
        for file in files:
            if file.src_uri in self.hidden:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        if self.preview is not None:
            self.preview.hold_generated(files)  # the print page: recomposed once the author pauses
        return files

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Composes the print version: every page's HTML exists now, and no page has been written yet.

        A big book's print version is in parts (see :func:`generator.outputs.printpage.plan_parts`); how
        many is known only from the pages' HTML, so the parts join the build here.
        """
        self.printed = {}
        front = files.get_file_from_path(PRINT_SRC)
        if front is None or not front.generated_by or front.page is None or self.result is None or self.nav is None:
            return env
        pages = {f.src_uri: f.page for f in files if f.page is not None}  # later parts of split pages
        # From what the run kept, not result.book: a cached result would rebuild its whole Book for this.
        facts = self.result.print_facts
        plan = plan_parts(facts, self.nav, pages)
        parts = [front]
        if self.bar is not None:
            self.bar.total += len(plan.parts) - 1  # the parts are pages to build too
        for number in range(2, len(plan.parts) + 1):
            parts.append(_add_page(part_file(config, number, len(plan.parts)), config, files))
        urls = tuple(f.page.url if f.page is not None else f.url for f in parts)
        composed = compose(facts, plan, self.nav, self.edition or edition_date(), urls)
        self.printed = {f.src_uri: html for f, html in zip(parts, composed, strict=True)}
        return env

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self.printed:
            page.content = self.printed[page.file.src_uri]
        return context

    def on_pre_page(self, page: Any, /, *, config: MkDocsConfig, files: Any) -> Any:
        # MkDocs dates every page "today" (sitemap lastmod, sitemap.xml.gz mtime):
        # use the book's own date so that two builds give the same bytes.
        page.update_date = self.date
        return page

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.bar = Progress("Building pages", len(files.documentation_pages()))
        self.nav = nav
        if self.preview is not None:
            self.preview.restore(files, config)  # 'briefbook serve': the pages a dirty build will not read
        return nav

    def _close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    @event_priority(-100)  # after Material's search has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close_bar()
        if self.preview is not None:
            self.preview.write_search_index(config.site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        self._close_bar()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).parent
        for folder in (root / "seeds", root / "templates"):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _add_page(file: Any, config: MkDocsConfig, files: Files) -> Any:
    """Add a generated page to a build whose pages have been read: read it as MkDocs reads every page."""
    from mkdocs.structure.pages import Page

    files.append(file)
    page = config.plugins.on_pre_page(Page(None, file, config), config=config, files=files)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    page.render(config, files)
    page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
    return file

