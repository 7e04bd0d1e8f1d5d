"""MkDocs glue: ``mkdocs build`` and ``mkdocs serve`` generate the book first.

Registered as the ``briefbook`` plugin by entry point. All the work is in
:mod:`generator.pipeline`; this file only passes the result to MkDocs.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import BriefbookError
from .pipeline import generate
from .render import ASSETS


class BriefbookPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Generates ``docs/`` from ``seeds/`` and gives MkDocs the book's nav, title and language."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            result = generate(root)
        except BriefbookError as err:
            raise PluginError(str(err)) from None
        book = result.book.config
        # Material prints these without escaping: escape them here.
        config.site_name = html.escape(book.title)
        if book.description and not config.site_description:
            config.site_description = html.escape(book.description)
        if book.site_url and not config.site_url:
            config.site_url = book.site_url
        config.theme["language"] = book.language
        if not config.nav:
            config.nav = result.nav
        for asset in ASSETS:
            if asset.endswith(".css") and asset not in config.extra_css:
                config.extra_css.append(asset)
        return config

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).parent
        for folder in (root / "seeds", root / "templates"):
            if folder.is_dir():
                server.watch(str(folder))
        return server
