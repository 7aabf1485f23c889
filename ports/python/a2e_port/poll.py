"""Calls `poll` until it reports done, sleeping in between. Mirrors packages/client/src/core/poll.ts, with
its defaults: first wait 5 s, growing ×1.5 to at most 30 s, giving up after one hour. As there, the last
sleep is cut to what is left, one more poll follows it, and only then does the timeout end the wait."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

DEFAULT_INTERVAL_MS = 5000
DEFAULT_BACKOFF_FACTOR = 1.5
DEFAULT_MAX_INTERVAL_MS = 30_000
DEFAULT_TIMEOUT_MS = 3_600_000  # lip-sync training takes about two hours; a caller raises it


@dataclass(frozen=True)
class PollOptions:
    interval_ms: float = DEFAULT_INTERVAL_MS
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR
    max_interval_ms: float = DEFAULT_MAX_INTERVAL_MS
    timeout_ms: float = DEFAULT_TIMEOUT_MS


@dataclass(frozen=True)
class PollStep(Generic[T]):
    done: bool
    value: T | None = None


def poll_until(poll: Callable[[], PollStep[T]], on_timeout: Callable[[], Exception], options: PollOptions = PollOptions()) -> T | None:
    deadline = time.monotonic() + options.timeout_ms / 1000
    wait = options.interval_ms
    while True:
        step = poll()
        if step.done:
            return step.value
        remaining = (deadline - time.monotonic()) * 1000
        if remaining <= 0:
            raise on_timeout()
        time.sleep(min(wait, remaining) / 1000)
        wait = min(wait * options.backoff_factor, options.max_interval_ms)
