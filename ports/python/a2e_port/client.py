"""The client: an operation table read from the operation vectors, retries by kind, per-attempt timeouts,
typed errors, path encoding and redaction, and job waiters — the behaviours the vectors describe."""
import http.client
import json
import math
import random
import re
import socket
import time
import zlib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlencode, urlsplit

from . import errors as e
from .vectors import operation_vectors

DOT_SEGMENT = {".", "..", "%2e", "%2e%2e", ".%2e", "%2e."}
MASK = "[redacted]"
MAX_RETRY_AFTER_MS = 60_000  # the longest server-asked wait followed; a longer one is not retried
MAX_RESPONSE_BYTES = 32 * 1024 * 1024  # far above any A2E answer
MAX_PAGES = 10_000
BAD_HEADER_VALUE = re.compile(r"[^\t\x20-\x7e\x80-\xff]")
DELTA_SECONDS = re.compile(r"\d+")
MILLISECONDS = re.compile(r"\d+(\.\d+)?")
# RFC 9110's three HTTP-date forms: IMF-fixdate, RFC 850, asctime.
HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT"
                       r"|[A-Z][a-z]+day, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT"
                       r"|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}")


@dataclass
class Operation:
    id: str
    method: str
    path: str
    kind: str
    auth: bool
    path_names: list
    query_names: list
    sends_body: bool
    job: dict | None


def load_operations(vectors_dir):
    """Everything a request needs comes from the vectors: no spec parsing, no generated code."""
    ops = {}
    for v in operation_vectors(vectors_dir):
        i = v["input"]
        ops[v["operation"]] = Operation(v["operation"], v["request"]["method"], v["request"]["path"], v["kind"],
                                        v["request"]["auth"], i["path"], i["query"], i["body"], v.get("job"))
    return ops


def _well_formed(text):
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form
        return False


def encode_segment(name, value):
    if value is None or value == "":
        raise e.InvalidRequestError(f'Missing path parameter "{name}"')
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not isinstance(value, str) and not number:
        raise e.InvalidRequestError(f'Path parameter "{name}" must be a string or a number')
    text = str(value)
    if not _well_formed(text):
        raise e.InvalidRequestError(f'Path parameter "{name}" is not well-formed Unicode (a lone surrogate)')
    # URL resolution treats `.`/`..` (even percent-encoded) as dot segments, so no encoding makes them safe.
    if text.lower() in DOT_SEGMENT:
        raise e.InvalidRequestError(f'Path parameter "{name}" cannot be "{text}"')
    return quote(text, safe="!'()*")  # the same set JavaScript's encodeURIComponent leaves alone


def query_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list)) else str(v)


def retry_after_ms(headers):
    """retry-after-ms: digits with an optional fraction; Retry-After: digits only, or an HTTP date.
    Anything else (0x10, 1e3, -5) is not a wait and is ignored."""
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


class Timeout(Exception):
    pass


class NotSent(Exception):
    """The request provably never reached a server, so even a paid call may be retried."""


@dataclass
class Result:
    data: object
    body: object
    status: int
    headers: dict


class Client:
    def __init__(self, base_url, operations, api_key=None, max_retries=2, timeout_ms=60_000,
                 initial_delay_ms=500, max_delay_ms=8000, logger=None,
                 max_retry_after_ms=MAX_RETRY_AFTER_MS, max_response_bytes=MAX_RESPONSE_BYTES):
        # A key a header cannot carry (CR, LF, other controls) is refused here, never quoted in the error.
        if api_key is not None and (not isinstance(api_key, str) or BAD_HEADER_VALUE.search(api_key)):
            raise e.InvalidRequestError("api_key is not a valid header value (CR, LF and control characters are refused)")
        self.base = urlsplit(base_url)
        self.max_retry_after_ms = max_retry_after_ms
        self.max_response_bytes = max_response_bytes
        self.operations = operations
        self.max_retries = max_retries
        self.timeout_ms = timeout_ms
        self.delays = (initial_delay_ms, max_delay_ms)
        self.log = logger or (lambda event: None)
        # Name-mangled and left out of __repr__: no error, log event or printed client carries the key.
        self.__key = api_key
        secrets = [s for s in (api_key,) if s and len(s) >= 4]
        self._redact = lambda v: _scrub(v, secrets)

    def __repr__(self):
        return f"Client({self.base.geturl()!r})"

    def call(self, operation_id, input=None, headers=None):
        op = self.operations[operation_id]
        fields = dict(input or {})
        path = op.path
        for name in op.path_names:
            path = path.replace("{" + name + "}", encode_segment(name, fields.pop(name, None)))
        if op.sends_body:
            query = {k: fields.pop(k) for k in op.query_names if k in fields}
            body = json.dumps(fields).encode()
        else:
            query, body = fields, None
        pairs = [(k, query_value(x)) for k, v in query.items() if v is not None for x in (v if isinstance(v, list) else [v])]
        for k, v in pairs:
            if not _well_formed(v):
                raise e.InvalidRequestError(f'Query parameter "{k}" is not well-formed Unicode (a lone surrogate)')
        target = path + ("?" + urlencode(pairs) if pairs else "")
        sent = {"accept": "application/json", **(headers or {})}
        if body is not None:
            sent["content-type"] = "application/json"
        if self.__key:
            sent["authorization"] = f"Bearer {self.__key}"
        status, got, text = self._send(op, target, body, sent)
        return self._parse(op, status, got, text)

    def _send(self, op, target, body, headers):
        attempt = 0
        while True:
            retryable, failure = False, None
            try:
                status, got, text = self._attempt(op.method, target, body, headers)
                if status == 429 or (op.kind == "read" and (status == 408 or status >= 500)):
                    retryable = True  # a 429 was refused before any work; 408/5xx may follow work, so reads only
                if not retryable or attempt >= self.max_retries or self._delay(attempt, got) is None:
                    return status, got, text  # None: the server asked for longer than the ceiling
            except Timeout:
                failure = e.APIConnectionTimeoutError(f"Request timed out after {self.timeout_ms} ms")
                retryable, got = op.kind == "read", {}
            except NotSent as cause:
                failure = e.APIConnectionError(f"Connection failed before sending: {cause}")
                retryable, got = True, {}
            except (OSError, http.client.HTTPException) as cause:
                failure = e.APIConnectionError(f"Connection lost: {type(cause).__name__}")
                retryable, got = op.kind == "read", {}
            if failure and (not retryable or attempt >= self.max_retries):
                raise failure
            delay = self._delay(attempt, got)
            self.log({"event": "retry", "operation": op.id, "attempt": attempt + 1, "delayMs": round(delay)})
            time.sleep(delay / 1000)
            attempt += 1

    def _delay(self, attempt, headers):
        """The server's wait when valid (None beyond max_retry_after_ms: no retry), else backoff with jitter."""
        initial, cap = self.delays
        asked = retry_after_ms(headers)
        if asked is not None:
            return asked if asked <= self.max_retry_after_ms else None
        return min(initial * 2 ** attempt, cap) * (1 - random.random() * 0.25)

    def _attempt(self, method, target, body, headers):
        host, port = self.base.hostname, self.base.port or (443 if self.base.scheme == "https" else 80)
        cls = http.client.HTTPSConnection if self.base.scheme == "https" else http.client.HTTPConnection
        deadline = time.monotonic() + self.timeout_ms / 1000
        conn = cls(host, port, timeout=self.timeout_ms / 1000)
        try:
            try:
                conn.connect()
            except (ConnectionRefusedError, socket.gaierror) as cause:
                raise NotSent(type(cause).__name__) from None
            except TimeoutError:
                raise Timeout() from None
            try:
                conn.request(method, self.base.path.rstrip("/") + target, body=body, headers=headers)
                # The timeout counts per attempt from sending, so each read gets only what is left of it.
                conn.sock.settimeout(max(0.001, deadline - time.monotonic()))
                response = conn.getresponse()
                got = {k.lower(): v for k, v in response.getheaders()}
                raw = self._read_limited(response, got)
            except TimeoutError:
                raise Timeout() from None
            if time.monotonic() > deadline:
                raise Timeout()
            return response.status, got, self._decode(response.status, got, raw)
        finally:
            conn.close()

    def _too_large(self, status, headers):
        return e.InvalidResponseError(f"the answer is larger than max_response_bytes ({self.max_response_bytes} bytes)",
                                      status, self._redact(headers))

    def _read_limited(self, response, headers):
        """Reads at most max_response_bytes (+1 to see that there is more); the connection is closed after."""
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
            raise self._too_large(response.status, headers)
        raw = response.read(self.max_response_bytes + 1)
        if len(raw) > self.max_response_bytes:
            raise self._too_large(response.status, headers)
        return raw

    def _decode(self, status, headers, raw):
        """A body that is not the encoding it claims is an invalid answer, not a connection failure."""
        encoding = headers.get("content-encoding", "identity").lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            try:
                d = zlib.decompressobj(wbits=31 if "gzip" in encoding else 15)
                out = d.decompress(raw, self.max_response_bytes + 1)
                if len(out) > self.max_response_bytes:
                    raise self._too_large(status, headers)
                if not d.eof:
                    raise zlib.error("truncated")
                raw = out
            except zlib.error:
                raise e.InvalidResponseError(f"the answer's body could not be decoded (content-encoding {encoding})",
                                             status, self._redact(headers)) from None
        return raw.decode("utf-8", "replace")

    def _parse(self, op, status, headers, text):
        ok = 200 <= status < 300
        try:
            parsed = None if text == "" else json.loads(text)
        except ValueError:
            # Everything from the answer that reaches an error is redacted, the quoted content-type too.
            if not ok:
                raise e.api_error(status, None, self._redact(headers), op.id) from None
            kind = self._redact(headers.get("content-type", "no content-type"))
            raise e.InvalidResponseError(f"{op.id}: the answer is not JSON ({kind})", status, self._redact(headers)) from None
        if not ok:
            raise e.api_error(status, self._redact(parsed), self._redact(headers), op.id)
        code = parsed.get("code") if isinstance(parsed, dict) else None
        if not isinstance(code, (int, str)) or isinstance(code, bool):
            raise e.InvalidResponseError(f"{op.id}: the answer is not the A2E envelope (no code)", status, self._redact(headers))
        if code != 0:
            raise e.api_error(status, self._redact(parsed), self._redact(headers), op.id)
        return Result(parsed.get("data"), parsed, status, headers)

    def family(self, name):
        for op in self.operations.values():
            if op.job and op.job["family"] == name:
                return op.job
        raise KeyError(f"no job family {name}")

    def read_job(self, name, job_id, headers=None):
        f = self.family(name)
        if f["idIn"] == "list":
            data = self.call(f["statusOperation"], {}, headers).data
            rows = data if isinstance(data, list) else (data or {}).get("rows", [])
            return next((r for r in rows if isinstance(r, dict) and r.get(f["matchField"]) == job_id), None)
        data = self.call(f["statusOperation"], {f["idParam"]: job_id}, headers).data
        return data[0] if isinstance(data, list) and data else data

    def wait_for(self, name, job_id, interval_ms=1000, max_interval_ms=30_000, timeout_ms=3_600_000, headers_for=None):
        """Polls until a success status (returns the record) or a failure status (raises JobFailedError)."""
        f = self.family(name)
        deadline, interval, polls = time.monotonic() + timeout_ms / 1000, interval_ms, 0
        while True:
            record = self.read_job(name, job_id, headers_for(polls) if headers_for else None)
            polls += 1
            state, status = self.outcome(f, record)
            if state == "success":
                return record
            if state == "failure":
                fields = [m for r in [f, *f.get("alternatives", [])] for m in r.get("messageFields", [])]
                reason = next((record[m] for m in fields if isinstance(record.get(m), str) and record[m]), None)
                raise e.JobFailedError(name, job_id, self._redact(status), self._redact(reason), self._redact(record))
            if time.monotonic() + interval / 1000 > deadline:
                raise e.JobTimedOutError(f"{name} job {job_id} did not finish within {timeout_ms} ms (it keeps running on the server)")
            time.sleep(interval / 1000)
            interval = min(interval * 1.5, max_interval_ms)

    @staticmethod
    def outcome(f, record):
        """("success" | "failure" | "pending", status): the family's own status field first, then each
        alternative's (the vectors' `job.alternatives`); the first terminal value decides."""
        if not isinstance(record, dict):
            return "pending", None
        for r in [f, *f.get("alternatives", [])]:
            status = record.get(r["statusField"]) if r.get("statusField") else None
            if status in r.get("success", []):
                return "success", status
            if status in r.get("failure", []):
                return "failure", status
        return "pending", record.get(f["statusField"])

    def paginate(self, operation_id, input, paging, max_pages=MAX_PAGES):
        """Every row of a paged list. Ends at a short or empty page, at the total, or at a page that repeats
        the previous one; full pages past max_pages are an error. Bad paging input is refused before sending."""
        given = dict(input or {})
        size, page = given.get(paging["size"], 20), given.get(paging["page"], 1)
        for name, value in ((paging["size"], size), (paging["page"], page), ("max_pages", max_pages)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise e.InvalidRequestError(f'paginate: "{name}" must be a whole number of at least 1')
        rows, previous = [], None
        for count in range(1, max_pages + 1):
            body = self.call(operation_id, {**given, paging["page"]: page, paging["size"]: size}).body
            found = _at(body, paging["items"])
            found = found if isinstance(found, list) else []
            if found and found == previous:
                return rows  # the server ignores the page number
            previous = found
            rows += found
            total = _at(body, paging["total"]) if paging.get("total") else None
            if not found or len(found) < size or (isinstance(total, int) and len(rows) >= total):
                return rows
            page += 1
        raise e.InvalidResponseError(f"{operation_id}: still full pages after {max_pages} pages (raise maxPages)", 200)

    def job_id_of(self, name, data):
        row = data[0] if isinstance(data, list) and data else data
        value = row.get(self.family(name)["idField"]) if isinstance(row, dict) else None
        return value if isinstance(value, str) else None


def _at(value, dotted):
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _scrub(value, secrets):
    """Keys and values, at any depth (no fixed limit: a server decides how deep it nests an echo)."""
    if isinstance(value, str):
        for s in secrets:
            value = value.replace(s, MASK)
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, secrets): _scrub(v, secrets) for k, v in value.items()}
    return value
