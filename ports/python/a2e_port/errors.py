"""The error tree. Mirrors packages/client/src/core/errors.ts: class names match the TypeScript ones, so a
behaviour vector's `expect.error.type` maps by name, and the hierarchy is the same (an authentication error
is an API error; a timeout is a connection error)."""
from __future__ import annotations

import re
import time
from email.utils import parsedate_to_datetime
from typing import Any, Mapping

Headers = Mapping[str, str]

DELTA_SECONDS = re.compile(r"\d+")
MILLISECONDS = re.compile(r"\d+(\.\d+)?")
# RFC 9110's three HTTP-date forms: IMF-fixdate, RFC 850, asctime.
HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"
                       r"|[A-Z][a-z]+day, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT"
                       r"|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}")


def retry_after_ms(headers: Headers) -> float | None:
    """The wait a server asked for (`retryAfterMs` in errors.ts). retry-after-ms: digits with an optional
    fraction; Retry-After: digits only, or an HTTP date. Anything else (0x10, 1e3, -5) is no wait."""
    ms = (headers.get("retry-after-ms") or "").strip()
    if MILLISECONDS.fullmatch(ms):
        return float(ms)
    after = (headers.get("retry-after") or "").strip()
    if DELTA_SECONDS.fullmatch(after):
        return int(after) * 1000
    if HTTP_DATE.fullmatch(after):
        try:
            return max(0.0, (parsedate_to_datetime(after).timestamp() - time.time()) * 1000)
        except (TypeError, ValueError):
            return None
    return None


class A2EError(Exception):
    pass


class InvalidRequestError(A2EError):
    """The input could not become a request (a missing or dot-segment path parameter, a bad key)."""


class APIError(A2EError):
    """The server answered with an error: a non-2xx status, or a non-zero `code` in the envelope."""

    def __init__(self, message: str, status: int, code: Any, body: Any, headers: Headers, operation_id: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.body = body  # already redacted
        self.headers = dict(headers)  # response headers only: request headers carry the key
        self.operation_id = operation_id


class BadRequestError(APIError):
    pass


class AuthenticationError(APIError):
    pass


class PermissionDeniedError(APIError):
    pass


class NotFoundError(APIError):
    pass


class UnprocessableEntityError(APIError):
    pass


class RateLimitError(APIError):
    """`retry_after_ms`: the wait the server asked for (None when it gave no valid one)."""

    def __init__(self, message: str, status: int, code: Any, body: Any, headers: Headers, operation_id: str) -> None:
        super().__init__(message, status, code, body, headers, operation_id)
        self.retry_after_ms = retry_after_ms(self.headers)


class InternalServerError(APIError):
    pass


class InvalidResponseError(A2EError):
    """The answer was not the JSON envelope (an HTML page, no `code`, too large, undecodable)."""

    def __init__(self, message: str, status: int, headers: Headers | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = dict(headers or {})  # response headers, already redacted


class APIConnectionError(A2EError):
    """No answer: refused, reset, dropped."""


class APIConnectionTimeoutError(APIConnectionError):
    pass


class JobFailedError(A2EError):
    """`reason` and `job` (the last record) come redacted: a server may echo the key into them."""

    def __init__(self, family: str, job_id: str, status: Any, reason: Any, job: Any = None) -> None:
        super().__init__(f'{family} job {job_id} ended with status "{status}"' + (f": {reason}" if reason else ""))
        self.family, self.job_id, self.status, self.job = family, job_id, status, job


class JobTimedOutError(A2EError):
    pass


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
    422: UnprocessableEntityError, 429: RateLimitError,
}


def api_error(status: int, body: Any, headers: Headers, operation_id: str) -> APIError:
    """Maps an error answer to its class (`APIError.generate` in errors.ts); a bad key has been seen as
    HTTP 200 with code 401/403. The text is the first non-empty string of `msg`, `message`, `error`."""
    code = body.get("code") if isinstance(body, dict) else None
    effective = code if status == 200 and code in (401, 403) else status
    cls = _BY_STATUS.get(effective) or (InternalServerError if effective >= 500 else APIError)
    fields = [body.get(k) for k in ("msg", "message", "error")] if isinstance(body, dict) else []
    text = next((t for t in fields if isinstance(t, str) and t), None)
    message = f"{operation_id} failed: HTTP {status}" + (f", code {code}" if code is not None else "") + (f" — {text}" if text else "")
    return cls(message, status, code, body, headers, operation_id)
