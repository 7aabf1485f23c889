"""Walks a paged list. Mirrors packages/client/src/core/paginate.ts: page size 20 and page 1 unless given,
at most 10,000 pages. A walk ends at an empty or short page, at the total, or at a page that repeats the
previous one (the server ignores the page number); still full pages after `max_pages` is an error."""
from __future__ import annotations

import json
from typing import Any, Callable, Iterator, Mapping

from . import errors as e

DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGES = 10_000

Paging = Mapping[str, str]  # page, size, items, total? (the operation's `x-a2e-paging`)
ReadBody = Callable[[Mapping[str, Any]], Any]  # input → the whole answer body


def at(value: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _whole_number(value: Any, name: str) -> int:
    """Checked before any request: 0 or a fraction would request pages for ever."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise e.InvalidRequestError(f'paginate: "{name}" must be a whole number of at least 1')
    return value


def rows(read: ReadBody, operation_id: str, input: Mapping[str, Any] | None, paging: Paging,
         max_pages: int = DEFAULT_MAX_PAGES) -> Iterator[Any]:
    given = dict(input or {})
    size = _whole_number(given.get(paging["size"], DEFAULT_PAGE_SIZE), paging["size"])
    page = _whole_number(given.get(paging["page"], 1), paging["page"])
    _whole_number(max_pages, "max_pages")

    def walk() -> Iterator[Any]:
        seen, previous, current = 0, "", page
        for count in range(1, max_pages + 1):
            body = read({**given, paging["page"]: current, paging["size"]: size})
            found = at(body, paging["items"])
            found = found if isinstance(found, list) else []
            fingerprint = json.dumps(found) if found else ""
            if found and fingerprint == previous:
                return
            previous = fingerprint
            yield from found
            seen += len(found)
            total = at(body, paging["total"]) if paging.get("total") else None
            if not found or len(found) < size or (isinstance(total, int) and seen >= total):
                return
            if count >= max_pages:
                raise e.InvalidResponseError(f"{operation_id}: still full pages after {max_pages} pages (raise maxPages)", 200)
            current += 1

    return walk()
