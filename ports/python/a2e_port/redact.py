"""Masks the key wherever a server may echo it (bodies, headers, job records), at any depth. Mirrors the
client's redaction (packages/client/src/internal/redact.ts): the mask text and the 4-character minimum are the same."""
from __future__ import annotations

from typing import Any, Callable, Sequence

MASK = "[redacted]"

Redact = Callable[[Any], Any]


def scrub(value: Any, secrets: Sequence[str]) -> Any:
    """Keys and values, at any depth (no fixed limit: a server decides how deep it nests an echo)."""
    if isinstance(value, str):
        for s in secrets:
            value = value.replace(s, MASK)
        return value
    if isinstance(value, list):
        return [scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {scrub(k, secrets): scrub(v, secrets) for k, v in value.items()}
    return value


def redactor(api_key: str | None) -> Redact:
    secrets = [s for s in (api_key,) if s and len(s) >= 4]
    return lambda value: scrub(value, secrets)
