"""PDFs printed by Debian's Chromium from HTML written here, for the PDF reader's tests.

The fact sheet has what real fact sheets have: justified text, words broken
at a line end with a hyphen, a part in two columns, paragraphs that run over
a page break, and a running header and page numbers on every page. Its
paragraphs are known, so a test can compare what the reader rebuilt with
them one by one.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

TITLE = "Harbour Air Quality Fact Sheet"
HEADER = "Port Authority of Kessen · Air quality fact sheet"

# Soft hyphens (U+00AD) mark where the long words may break; Chromium prints a hyphen there.
SH = "\u00ad"
SINGLE = (
    ("heading", "Why the harbour measures its air"),
    ("", f"Ships at berth run their auxiliary engines to make electri{SH}city, and the exhaust drifts over the "
     f"neigh{SH}bour{SH}hoods to the east of the quays. Since 2019 the authority has recorded nitrogen dioxide, "
     f"fine particles and sulphur dioxide at six stations, and publishes every reading within an hour."),
    ("", f"The readings show that concen{SH}trations are highest on calm mornings in late summer, when cruise "
     f"ships call most often and the sea breeze has not yet started. On those mornings the station at the "
     f"ferry terminal has measured up to three times the yearly average of the city centre."),
    ("heading", "What the authority will change"),
    ("", f"From 2026 every berth used by cruise ships and ferries will offer shore power, so that a ship can "
     f"switch off its engines while it is moored. The first two berths were electri{SH}fied in 2024 at a cost "
     f"of 18 million euros, shared between the port, the region and the national climate fund."),
    ("item", "Shore power at the cruise and ferry berths by 2026."),
    ("item", "Low-sulphur fuel for the harbour's own tugs and pilot boats from next spring."),
    ("item", "A seventh measuring station at the container terminal."),
)
COLUMNS = (
    f"The container terminal is harder to electrify: its cranes already run on mains power, but the "
    f"straddle carriers and the trucks that queue at the gates burn diesel. The authority is testing "
    f"battery carriers from two manu{SH}fac{SH}turers and will decide on a fleet by the end of 2025.",
    "Trucks that wait at the gates with their engines running cause a large share of the particles "
    "measured there. A booking system for arrival times has cut the average queue from forty minutes "
    "to twelve, and idling at the gates is now forbidden, with fines for drivers who leave engines on.",
    "Residents can follow every station's readings on the authority's website and sign up for an "
    "alert on days when the forecast expects nitrogen dioxide above the European limit value; on such "
    "days the port asks ships at anchor to delay their arrival where the schedule allows.",
    "The measurements are checked each quarter by the national environment agency, which calibrates "
    "the instruments and publishes its own yearly report on the harbour's air, comparing it with the "
    "other large ports of the country and with the targets set in the regional clean air plan.",
)


def fact_sheet_paragraphs() -> list[tuple[str, str]]:
    """The fact sheet's blocks as a reader should rebuild them: (kind, text), soft hyphens gone."""
    blocks = [*SINGLE, ("heading", "The container terminal"), *(("", p) for p in COLUMNS)]
    return [(kind, text.replace(SH, "")) for kind, text in blocks]


def fact_sheet_html() -> str:
    parts = []
    for kind, text in SINGLE:
        tag = {"heading": "h2", "item": "li", "": "p"}[kind]
        parts.append(f"<{tag}>{html.escape(text)}</{tag}>")
    body = "\n".join(parts).replace("</p>\n<li>", "</p>\n<ul><li>", 1).replace("</li>\n<h2>", "</li></ul>\n<h2>")
    if body.endswith("</li>"):
        body += "</ul>"
    columns = "\n".join(f"<p>{html.escape(p)}</p>" for p in COLUMNS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>
<style>
  body {{ font: 11pt/1.45 "DejaVu Serif", serif; margin: 0; }}
  p, li {{ text-align: justify; hyphens: manual; }}
  h1 {{ font-size: 20pt; }} h2 {{ font-size: 14pt; margin-top: 1.2em; }}
  .columns {{ column-count: 2; column-gap: 1.2cm; }}
  .main {{ width: 9cm; }}
</style></head><body>
<h1>{html.escape(TITLE)}</h1>
<div class="main">{body}</div>
<h2>The container terminal</h2>
<div class="columns">{columns}</div>
</body></html>"""


def print_pdf(browser: Any, html_text: str, target: Path, *, header: str | None = HEADER) -> Path:
    """Print ``html_text`` to ``target`` with a running header and "Page N of M" footer on every page (none if ``header`` is None)."""
    source = target.with_suffix(".html")
    source.write_text(html_text, encoding="utf-8")
    # The tests' one Chromium (conftest's ``browser``): Playwright's sync API cannot start a second one inside it.
    page = browser.new_page()
    try:
        page.goto(source.as_uri(), wait_until="load")
        page.pdf(
            path=str(target),
            format="A5",
            margin={"top": "2cm", "bottom": "2cm", "left": "1.5cm", "right": "1.5cm"},
            display_header_footer=header is not None,
            header_template=f'<div style="font-size:8pt;width:100%;text-align:center">{html.escape(header or "")}</div>',
            footer_template='<div style="font-size:8pt;width:100%;text-align:center">'
            'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
        )
    finally:
        page.close()
    source.unlink()
    return target
