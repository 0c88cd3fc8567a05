"""HTML -> article: trafilatura finds the article body and its metadata, drops navigation and link lists."""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def html_to_article(html: str, url: str | None = None) -> dict:
    """Return {"paragraphs": [...], "title", "outlet", "published"} extracted from a page."""
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               include_links=False, favor_precision=True, deduplicate=False)
    meta = trafilatura.extract_metadata(html, default_url=url)
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return {
        "paragraphs": paragraphs,
        "title": getattr(meta, "title", None) if meta else None,
        "outlet": getattr(meta, "sitename", None) if meta else None,
        "published": getattr(meta, "date", None) if meta else None,
    }
