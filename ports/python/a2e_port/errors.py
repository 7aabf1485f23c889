"""One error tree; names match the TypeScript classes so a vector's `expect.error.type` maps by name."""


class A2EError(Exception):
    pass


class InvalidRequestError(A2EError):
    """The input could not become a request (a missing or dot-segment path parameter)."""


class APIError(A2EError):
    """The server answered with an error: a non-2xx status, or a non-zero `code` in the envelope."""

    def __init__(self, message, status, code, body, headers, operation_id):
        super().__init__(message)
        self.status = status
        self.code = code
        self.body = body  # already redacted
        self.headers = headers  # response headers only: request headers carry the key
        self.operation_id = operation_id


class BadRequestError(APIError): pass
class AuthenticationError(APIError): pass
class PermissionDeniedError(APIError): pass
class NotFoundError(APIError): pass
class UnprocessableEntityError(APIError): pass
class RateLimitError(APIError):
    """`retry_after_ms`: the wait the server asked for (None when it gave no valid one)."""

    def __init__(self, *args):
        super().__init__(*args)
        from .client import retry_after_ms  # the client's parser: one rule for retries and errors
        self.retry_after_ms = retry_after_ms(self.headers or {})
class InternalServerError(APIError): pass


class InvalidResponseError(A2EError):
    """The answer was not the JSON envelope (an HTML page, no `code`)."""

    def __init__(self, message, status, headers=None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}  # response headers, already redacted


class APIConnectionError(A2EError):
    """No answer: refused, reset, dropped."""


class APIConnectionTimeoutError(APIConnectionError):
    pass


class JobFailedError(A2EError):
    """`reason` and `job` (the last record) come redacted: a server may echo the key into them."""

    def __init__(self, family, job_id, status, reason, job=None):
        super().__init__(f'{family} job {job_id} ended with status "{status}"' + (f": {reason}" if reason else ""))
        self.family, self.job_id, self.status, self.job = family, job_id, status, job


class JobTimedOutError(A2EError):
    pass


_BY_STATUS = {400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
              422: UnprocessableEntityError, 429: RateLimitError}


def api_error(status, body, headers, operation_id):
    """Maps an error answer to its class; a bad key has been seen as HTTP 200 with code 401/403."""
    code = body.get("code") if isinstance(body, dict) else None
    effective = code if status == 200 and code in (401, 403) else status
    cls = _BY_STATUS.get(effective) or (InternalServerError if effective >= 500 else APIError)
    text = body.get("msg") or body.get("message") if isinstance(body, dict) else None
    message = f"{operation_id} failed: HTTP {status}" + (f", code {code}" if code is not None else "") + (f": {text}" if text else "")
    return cls(message, status, code, body, headers, operation_id)
