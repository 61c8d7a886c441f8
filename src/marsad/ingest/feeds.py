"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one report per item or entry.

Feeds are parsed with the standard library's ElementTree after refusing any document that
declares a DTD or entities (``<!DOCTYPE``/``<!ENTITY``), so no entity expansion can happen.
An item's report text is its title, a blank line, then the visible text of its content
(``content:encoded``, Atom ``content``) or, failing that, its description/summary.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

from marsad.errors import InputError, MalformedInputError
from marsad.ingest.base import InputFailure, make_report, parse_published
from marsad.ingest.html import html_to_text
from marsad.model import Report

__all__ = ["parse_feed"]

_UNSAFE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ITEM_TAGS = frozenset({"item", "entry"})
_CONTENT_TAGS = ("encoded", "content", "description", "summary")
_DATE_TAGS = ("pubDate", "published", "date", "updated")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(element: ET.Element, name: str) -> str | None:
    child = _child(element, name)
    if child is None:
        return None
    text = "".join(child.itertext()).strip()
    return text or None


def _link(item: ET.Element) -> str | None:
    fallback = None
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href is None:  # RSS: the url is the element's text
            return (child.text or "").strip() or None
        if child.get("rel", "alternate") == "alternate":
            return href
        fallback = fallback or href
    return fallback


def _item_report(
    item: ET.Element, where: str, published: date | None, source: str | None
) -> Report:
    title = _child_text(item, "title")
    body = ""
    for name in _CONTENT_TAGS:
        raw = _child_text(item, name)
        if raw:
            body = html_to_text(raw)
            if body:
                break
    if not body and not title:
        raise MalformedInputError(where, "feed item has neither title nor content")
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}".strip()
    item_date = next(
        (d for d in (_child_text(item, tag) for tag in _DATE_TAGS) if d is not None), None
    )
    return make_report(
        text,
        origin=where,
        title=title,
        source=source,
        url=_link(item),
        published=parse_published(item_date, where) or published,
    )


def parse_feed(
    data: str, name: str, *, published: date | None = None, source: str | None = None
) -> Iterator[Report | InputFailure]:
    """Reports from a feed's decoded text; a bad item is one failure, the rest go on."""
    if _UNSAFE.search(data):
        raise MalformedInputError(name, "feed declares a DTD or entities; refused for safety")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MalformedInputError(name, f"malformed feed XML: {exc}") from None
    if _local(root.tag) not in {"rss", "feed", "RDF"}:
        raise MalformedInputError(
            name, f"not an RSS or Atom feed (root element <{_local(root.tag)}>)"
        )
    channel = _child(root, "channel")
    feed_title = _child_text(channel if channel is not None else root, "title")
    items = [el for el in root.iter() if _local(el.tag) in _ITEM_TAGS]
    if not items:
        raise MalformedInputError(name, "feed has no items")
    for index, item in enumerate(items):
        where = f"{name}#{index + 1}"
        try:
            yield _item_report(item, where, published, feed_title or source)
        except InputError as exc:
            yield InputFailure(where, exc)
