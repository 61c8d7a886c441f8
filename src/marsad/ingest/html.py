"""HTML pages: the main text via trafilatura; title, date and url from the page's head.

The main text is found by a short cascade:

1. trafilatura's main-content extraction (comments, menus and boilerplate left out);
2. failing that, the visible text of the page (scripts, styles and navigation dropped).

The report text is the title, a blank line, then the main text, so that a report read from a
page reads like one from a ``.txt`` file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from marsad.errors import MalformedInputError
from marsad.ingest.base import make_report, parse_published
from marsad.model import Report

__all__ = ["PageMeta", "html_to_text", "page_meta", "parse_html_report"]

_SKIP = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "svg", "head", "title",
})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "blockquote", "pre", "hr", "dd", "dt", "figcaption",
})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


@dataclass
class PageMeta:
    """What the page's head says about it."""

    title: str | None = None
    og_title: str | None = None
    published: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta = PageMeta()
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): (value or "") for key, value in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "html" and values.get("lang"):
            self.meta.language = values["lang"].split("-")[0].lower()
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            content = values.get("content", "").strip()
            if not content:
                return
            if key == "og:title":
                self.meta.og_title = content
            elif key in {"article:published_time", "datepublished", "date", "pubdate"}:
                self.meta.published = self.meta.published or content
            elif key == "og:url":
                self.meta.url = content
            elif key == "og:site_name":
                self.meta.site_name = content
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.url = self.meta.url or values["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.meta.title = " ".join("".join(self._title).split()) or None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)


def page_meta(html: str) -> PageMeta:
    """Title (``og:title`` first, then ``<title>``), publication date, canonical url, site name."""
    parser = _MetaParser()
    parser.feed(html)
    parser.close()
    return parser.meta


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment, paragraphs apart by one blank line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _main_text(html: str) -> str:
    import trafilatura  # slow import: only when a page is read

    text = trafilatura.extract(
        html, favor_recall=True, include_comments=False, include_tables=False
    )
    if isinstance(text, str) and text.strip():
        return text.strip()
    return html_to_text(html)


def parse_html_report(
    html: str, *, origin: str, published: date | None = None, source: str | None = None
) -> Report:
    """One report from an HTML page; ``published``/``source`` fill in what the page lacks."""
    if "<" not in html or not re.search(r"<\s*[A-Za-z!]", html):
        raise MalformedInputError(origin, "not HTML: no tags found")
    meta = page_meta(html)
    body = _main_text(html)
    if not body:
        raise MalformedInputError(origin, "no main text found in the HTML page")
    title = meta.og_title or meta.title
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    try:
        page_date = parse_published(meta.published, origin)
    except MalformedInputError:
        page_date = None  # a page's odd meta date is not worth losing the report over
    return make_report(
        text,
        origin=origin,
        title=title,
        source=meta.site_name or source,
        url=meta.url,
        published=page_date or published,
        language=meta.language,
    )
