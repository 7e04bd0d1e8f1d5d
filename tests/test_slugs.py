"""Slugs: the addresses of themes, sources and downloads."""

from __future__ import annotations

import pytest

from generator.base.slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Plan overview", "plan-overview"),
        ("Dual-carbon forums", "dual-carbon-forums"),
        ("China's foreign trade", "chinas-foreign-trade"),
        ("Côte d’Ivoire: cocoa", "cote-divoire-cocoa"),
        ("  --Weird__spacing--  ", "weird-spacing"),
        ("中文", ""),
    ],
)
def test_slugify(title: str, slug: str):
    assert slugify(title) == slug
