"""The client: an operation table read from the operation vectors, retries by kind, per-attempt timeouts,
typed errors, path encoding and redaction, and job waiters — the behaviours the vectors describe."""
import http.client
import json
import random
import socket
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlencode, urlsplit

from . import errors as e
from .vectors import operation_vectors

DOT_SEGMENT = {".", "..", "%2e", "%2e%2e", ".%2e", "%2e."}
MASK = "[redacted]"


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


def encode_segment(name, value):
    if value is None or value == "":
        raise e.InvalidRequestError(f'Missing path parameter "{name}"')
    text = str(value)
    # URL resolution treats `.`/`..` (even percent-encoded) as dot segments, so no encoding makes them safe.
    if text.lower() in DOT_SEGMENT:
        raise e.InvalidRequestError(f'Path parameter "{name}" cannot be "{text}"')
    return quote(text, safe="!'()*")  # the same set JavaScript's encodeURIComponent leaves alone


def query_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list)) else str(v)


def retry_after_ms(headers):
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return float(ms)
        except ValueError:
            pass
    after = headers.get("retry-after")
    if after is None:
        return None
    try:
        return float(after) * 1000
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(after).timestamp() - time.time()) * 1000)
        except (TypeError, ValueError):
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
                 initial_delay_ms=500, max_delay_ms=8000, logger=None):
        self.base = urlsplit(base_url)
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
                if not retryable or attempt >= self.max_retries:
                    return status, got, text
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
        initial, cap = self.delays
        asked = retry_after_ms(headers)
        if asked is not None:
            return min(asked, cap * 8)
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
                raw = response.read()
            except TimeoutError:
                raise Timeout() from None
            if time.monotonic() > deadline:
                raise Timeout()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, raw.decode("utf-8", "replace")
        finally:
            conn.close()

    def _parse(self, op, status, headers, text):
        ok = 200 <= status < 300
        try:
            parsed = None if text == "" else json.loads(text)
        except ValueError:
            if not ok:
                raise e.api_error(status, None, headers, op.id) from None
            raise e.InvalidResponseError(f"{op.id}: the answer is not JSON ({headers.get('content-type', 'no content-type')})", status) from None
        if not ok:
            raise e.api_error(status, self._redact(parsed), headers, op.id)
        code = parsed.get("code") if isinstance(parsed, dict) else None
        if not isinstance(code, (int, str)) or isinstance(code, bool):
            raise e.InvalidResponseError(f"{op.id}: the answer is not the A2E envelope (no code)", status)
        if code != 0:
            raise e.api_error(status, self._redact(parsed), headers, op.id)
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
                raise e.JobFailedError(name, job_id, status, reason)
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

    def job_id_of(self, name, data):
        row = data[0] if isinstance(data, list) and data else data
        value = row.get(self.family(name)["idField"]) if isinstance(row, dict) else None
        return value if isinstance(value, str) else None


def _scrub(value, secrets):
    if isinstance(value, str):
        for s in secrets:
            value = value.replace(s, MASK)
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, secrets) for k, v in value.items()}
    return value
