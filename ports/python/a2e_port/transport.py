"""The one place a request goes out: a per-attempt timeout (connect, send and the whole body read inside
it), retries by the operation's kind, the answer-size limit, content decoding and log events. Mirrors
packages/client/src/core/transport.ts (defaults: 60 s per attempt, 2 retries, 32 MiB)."""
from __future__ import annotations

import http.client
import socket
import time
import zlib
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import SplitResult

from . import errors as e
from .redact import Redact
from .retry import retry_delay_ms, retryable_error, retryable_status

DEFAULT_TIMEOUT_MS = 60_000
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # far above any A2E answer

Logger = Callable[[dict[str, Any]], None]


class _Timeout(Exception):
    pass


class _NotSent(Exception):
    """The request provably never reached a server (refused, DNS failure), so even a paid call may be retried."""


@dataclass(frozen=True)
class TransportOptions:
    base: SplitResult
    timeout_ms: float = DEFAULT_TIMEOUT_MS
    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay_ms: float = 500
    max_delay_ms: float = 8000
    max_retry_after_ms: float = 60_000
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES


@dataclass(frozen=True)
class Exchange:
    status: int
    headers: dict[str, str]  # lower-cased names
    text: str


class Transport:
    def __init__(self, options: TransportOptions, redact: Redact, log: Logger) -> None:
        self.o = options
        self.redact = redact
        self.log = log

    def send(self, operation_id: str, kind: str, method: str, target: str, body: bytes | None,
             headers: dict[str, str]) -> Exchange:
        """Attempts until an answer that is not retryable, or the retries are spent. A server wait beyond
        max_retry_after_ms ends the retries: the answer (a RateLimitError later) carries the wait."""
        attempt = 0
        while True:
            failure: e.A2EError | None = None
            got: dict[str, str] = {}
            try:
                answer = self._attempt(method, target, body, headers)
                got = answer.headers
                if not retryable_status(answer.status, kind) or attempt >= self.o.max_retries or self._delay(attempt, got) is None:
                    return answer
            except _Timeout:
                failure = e.APIConnectionTimeoutError(f"Request timed out after {self.o.timeout_ms:g} ms")
                if not retryable_error(kind, timed_out=True, not_sent=False) or attempt >= self.o.max_retries:
                    raise failure from None
            except _NotSent as cause:
                failure = e.APIConnectionError(f"Connection failed before sending: {cause}")
                if attempt >= self.o.max_retries:
                    raise failure from None
            except (OSError, http.client.HTTPException) as cause:
                failure = e.APIConnectionError(f"Connection lost: {type(cause).__name__}")
                if not retryable_error(kind, timed_out=False, not_sent=False) or attempt >= self.o.max_retries:
                    raise failure from None
            delay = self._delay(attempt, got) or 0.0
            self.log({"event": "retry", "operation": operation_id, "attempt": attempt + 1, "delayMs": round(delay)})
            time.sleep(delay / 1000)
            attempt += 1

    def _delay(self, attempt: int, headers: dict[str, str]) -> float | None:
        return retry_delay_ms(attempt, headers, self.o.initial_delay_ms, self.o.max_delay_ms, self.o.max_retry_after_ms)

    def _attempt(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Exchange:
        base = self.o.base
        host, port = base.hostname or "", base.port or (443 if base.scheme == "https" else 80)
        cls = http.client.HTTPSConnection if base.scheme == "https" else http.client.HTTPConnection
        deadline = time.monotonic() + self.o.timeout_ms / 1000
        conn = cls(host, port, timeout=self.o.timeout_ms / 1000)
        try:
            try:
                conn.connect()
            except (ConnectionRefusedError, socket.gaierror) as cause:
                raise _NotSent(type(cause).__name__) from None
            except TimeoutError:
                raise _Timeout() from None
            try:
                conn.request(method, base.path.rstrip("/") + target, body=body, headers=headers)
                # One deadline for the whole attempt: each read gets only what is left of it.
                if conn.sock is not None:
                    conn.sock.settimeout(max(0.001, deadline - time.monotonic()))
                response = conn.getresponse()
                got = {k.lower(): v for k, v in response.getheaders()}
                raw = self._read_limited(response, got)
            except TimeoutError:
                raise _Timeout() from None
            if time.monotonic() > deadline:
                raise _Timeout()
            return Exchange(response.status, got, self._decode(response.status, got, raw))
        finally:
            conn.close()

    def _too_large(self, status: int, headers: dict[str, str]) -> e.InvalidResponseError:
        return e.InvalidResponseError(f"the answer is larger than max_response_bytes ({self.o.max_response_bytes} bytes)",
                                      status, self.redact(headers))

    def _read_limited(self, response: http.client.HTTPResponse, headers: dict[str, str]) -> bytes:
        """Reads at most max_response_bytes (+1 to see that there is more); the connection is closed after."""
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.o.max_response_bytes:
            raise self._too_large(response.status, headers)
        raw = response.read(self.o.max_response_bytes + 1)
        if len(raw) > self.o.max_response_bytes:
            raise self._too_large(response.status, headers)
        return raw

    def _decode(self, status: int, headers: dict[str, str], raw: bytes) -> str:
        """A body that is not the encoding it claims is an invalid answer, not a connection failure."""
        encoding = headers.get("content-encoding", "identity").lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            try:
                d = zlib.decompressobj(wbits=31 if "gzip" in encoding else 15)
                out = d.decompress(raw, self.o.max_response_bytes + 1)
                if len(out) > self.o.max_response_bytes:
                    raise self._too_large(status, headers)
                if not d.eof:
                    raise zlib.error("truncated")
                raw = out
            except zlib.error:
                raise e.InvalidResponseError(f"the answer's body could not be decoded (content-encoding {encoding})",
                                             status, self.redact(headers)) from None
        return raw.decode("utf-8", "replace")
