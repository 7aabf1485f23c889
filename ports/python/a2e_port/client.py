"""The client: options with the TypeScript defaults, and `call`, `wait_for`, `paginate`, `job_id_of` over the
modules below it. Mirrors packages/client/src/client.ts."""
from __future__ import annotations

from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from . import errors as e
from . import jobs, paginate as paging
from .call import BAD_HEADER_VALUE, Result, call
from .operations import JobFamily, Operation, load_operations
from .poll import DEFAULT_INTERVAL_MS, DEFAULT_MAX_INTERVAL_MS, DEFAULT_TIMEOUT_MS, PollOptions
from .redact import redactor
from .retry import DEFAULT_INITIAL_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS
from .transport import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS as DEFAULT_REQUEST_TIMEOUT_MS
from .transport import Logger, Transport, TransportOptions

__all__ = ["Client", "Operation", "Result", "load_operations"]


class Client:
    def __init__(self, base_url: str, operations: Mapping[str, Operation], api_key: str | None = None,
                 max_retries: int = DEFAULT_MAX_RETRIES, timeout_ms: float = DEFAULT_REQUEST_TIMEOUT_MS,
                 initial_delay_ms: float = DEFAULT_INITIAL_DELAY_MS, max_delay_ms: float = DEFAULT_MAX_DELAY_MS,
                 logger: Logger | None = None, max_retry_after_ms: float = DEFAULT_MAX_RETRY_AFTER_MS,
                 max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES) -> None:
        # A key a header cannot carry (CR, LF, other controls) is refused here, never quoted in the error.
        if api_key is not None and (not isinstance(api_key, str) or BAD_HEADER_VALUE.search(api_key)):
            raise e.InvalidRequestError("api_key is not a valid header value (CR, LF and control characters are refused)")
        self._base_url = base_url
        self.operations = dict(operations)
        # Name-mangled and left out of __repr__: no error, log event or printed client carries the key.
        self.__key = api_key
        self._redact = redactor(api_key)
        options = TransportOptions(urlsplit(base_url), timeout_ms, max_retries, initial_delay_ms, max_delay_ms,
                                   max_retry_after_ms, max_response_bytes)
        self._transport = Transport(options, self._redact, logger or (lambda event: None))

    def __repr__(self) -> str:
        return f"Client({self._base_url!r})"

    def call(self, operation_id: str, input: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None) -> Result:
        return call(self._transport, self.operations[operation_id], input, self.__key, headers, self._redact)

    def family(self, name: str) -> JobFamily:
        for op in self.operations.values():
            if op.job and op.job["family"] == name:
                return op.job
        raise KeyError(f"no job family {name}")

    def _read(self, operation_id: str, input: Mapping[str, Any], headers: Mapping[str, str] | None) -> Any:
        return self.call(operation_id, input, headers).data

    def read_job(self, name: str, job_id: str, headers: Mapping[str, str] | None = None) -> Any:
        return jobs.read_job(self._read, self.family(name), job_id, headers)

    def wait_for(self, name: str, job_id: str, interval_ms: float = DEFAULT_INTERVAL_MS,
                 max_interval_ms: float = DEFAULT_MAX_INTERVAL_MS, timeout_ms: float = DEFAULT_TIMEOUT_MS,
                 headers_for: Callable[[int], Mapping[str, str]] | None = None) -> Any:
        options = PollOptions(interval_ms=interval_ms, max_interval_ms=max_interval_ms, timeout_ms=timeout_ms)
        return jobs.wait_for_job(self._read, self.family(name), job_id, self._redact, options, headers_for)

    @staticmethod
    def outcome(family: JobFamily, record: Any) -> tuple[str, str | None]:
        return jobs.outcome(family, record)

    def paginate(self, operation_id: str, input: Mapping[str, Any] | None, paging_: Mapping[str, str],
                 max_pages: int = paging.DEFAULT_MAX_PAGES) -> list[Any]:
        """Every row of a paged list (see paginate.py for where a walk ends)."""
        return list(paging.rows(lambda i: self.call(operation_id, i).body, operation_id, input, paging_, max_pages))

    def job_id_of(self, name: str, data: Any) -> str | None:
        return jobs.job_id_of(self.family(name), data)
