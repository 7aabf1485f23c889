"""When a failed attempt may be tried again, and after how long. Mirrors packages/client/src/core/retry.ts
(same defaults: 500 ms doubling to 8 s with jitter down to 75 %, server waits followed up to 60 s)."""
from __future__ import annotations

import random

from .errors import Headers, retry_after_ms

DEFAULT_INITIAL_DELAY_MS = 500
DEFAULT_MAX_DELAY_MS = 8000
DEFAULT_MAX_RETRY_AFTER_MS = 60_000  # the longest server-asked wait followed; a longer one is not retried


def retryable_status(status: int, kind: str) -> bool:
    """429 was refused before any work; 408 and 5xx may follow work, so only reads retry them."""
    if status == 429:
        return True
    if kind != "read":
        return False
    return status == 408 or status >= 500


def retryable_error(kind: str, timed_out: bool, not_sent: bool) -> bool:
    """A read always; a write or paid call only when the request provably never reached a server
    (refused connection, failed DNS lookup) — never after a timeout."""
    if kind == "read":
        return True
    if timed_out:
        return False
    return not_sent


def retry_delay_ms(attempt: int, headers: Headers | None, initial_delay_ms: float = DEFAULT_INITIAL_DELAY_MS,
                   max_delay_ms: float = DEFAULT_MAX_DELAY_MS,
                   max_retry_after_ms: float = DEFAULT_MAX_RETRY_AFTER_MS) -> float | None:
    """The server's wait when valid (None beyond max_retry_after_ms: no retry), else backoff with jitter."""
    asked = retry_after_ms(headers) if headers is not None else None
    if asked is not None:
        return asked if asked <= max_retry_after_ms else None
    base: float = min(initial_delay_ms * 2 ** attempt, max_delay_ms)
    return base * (1 - random.random() * 0.25)
