"""One operation call: the flat input split into path, query, headers and JSON body as the vector's `input`
says, path segments encoded (and dot segments refused), then the answer read as the A2E envelope.
Mirrors packages/client/src/core/call.ts."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import quote, urlencode

from . import errors as e
from .operations import Operation
from .redact import Redact
from .transport import Exchange, Transport

DOT_SEGMENT = {".", "..", "%2e", "%2e%2e", ".%2e", "%2e."}
BAD_HEADER_VALUE = re.compile(r"[^\t\x20-\x7e\x80-\xff]")


@dataclass(frozen=True)
class Result:
    data: Any
    body: Any
    status: int
    headers: dict[str, str]


def _well_formed(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form
        return False


def encode_segment(name: str, value: Any) -> str:
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


def query_value(v: Any) -> str:
    """Booleans as true/false; objects as compact JSON; null as `null` (as String(null) in TypeScript); the
    rest as text (arrays are split by the caller)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list)) else str(v)


def build_request(op: Operation, input: Mapping[str, Any] | None) -> tuple[str, bytes | None]:
    """(path and query, JSON body or None). Names in `input.path` fill the path, `input.query` the query;
    the rest is the JSON body when one is declared, else query. Header parameters (`input.header`) are not
    taken from the input: they are per-call headers, as in TypeScript's `call(op, input, { headers })`."""
    fields = dict(input or {})
    path = op.path
    for name in op.path_names:
        path = path.replace("{" + name + "}", encode_segment(name, fields.pop(name, None)))
    body: bytes | None = None
    if op.sends_body and op.method not in ("GET", "DELETE"):
        query = {k: fields.pop(k) for k in op.query_names if k in fields}
        body = json.dumps(fields).encode()  # a bodiless POST/PUT still sends `{}`, as the client does
    else:
        query = fields
    pairs = [(k, query_value(x)) for k, v in query.items() for x in (v if isinstance(v, list) else [v])]
    for k, text in pairs:
        if not _well_formed(text):
            raise e.InvalidRequestError(f'Query parameter "{k}" is not well-formed Unicode (a lone surrogate)')
    return path + ("?" + urlencode(pairs) if pairs else ""), body


def parse_answer(op: Operation, answer: Exchange, redact: Redact) -> Result:
    """The status decides first (a non-2xx is an API error even with an HTML body); then the envelope:
    a non-JSON body or one without `code` is an invalid answer, a non-zero `code` an API error."""
    status, headers, text = answer.status, answer.headers, answer.text
    ok = 200 <= status < 300
    try:
        parsed: Any = None if text == "" else json.loads(text)
    except ValueError:
        # Everything from the answer that reaches an error is redacted, the quoted content-type too.
        if not ok:
            raise e.api_error(status, None, redact(headers), op.id) from None
        kind = redact(headers.get("content-type", "no content-type"))
        raise e.InvalidResponseError(f"{op.id}: the answer is not JSON ({kind})", status, redact(headers)) from None
    if not ok:
        raise e.api_error(status, redact(parsed), redact(headers), op.id)
    code = parsed.get("code") if isinstance(parsed, dict) else None
    if not isinstance(code, (int, str)) or isinstance(code, bool):
        raise e.InvalidResponseError(f"{op.id}: the answer is not the A2E envelope (no code)", status, redact(headers))
    if code != 0:
        raise e.api_error(status, redact(parsed), redact(headers), op.id)
    return Result(parsed.get("data"), parsed, status, headers)


def call(transport: Transport, op: Operation, input: Mapping[str, Any] | None, key: str | None,
         headers: Mapping[str, str] | None, redact: Redact) -> Result:
    target, body = build_request(op, input)
    sent = {"accept": "application/json", **(headers or {})}
    if body is not None:
        sent["content-type"] = "application/json"
    if key:
        sent["authorization"] = f"Bearer {key}"
    return parse_answer(op, transport.send(op.id, op.kind, op.method, target, body, sent), redact)
