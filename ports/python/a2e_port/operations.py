"""The operation table, read from the operation vectors (no spec parsing, no generated code). Mirrors the
runtime table the TypeScript client is generated with (packages/client/src/generated/api.gen.ts): method,
path, kind, auth, how a flat input splits, and the job family a status operation polls."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .vectors import operation_vectors

JobFamily = dict[str, Any]  # a vector's `job`: family, idParam, idField, idIn, statusField, success, …


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    kind: str  # read | write | paid (`x-a2e-kind`): decides the retry policy
    auth: bool
    path_names: list[str]
    query_names: list[str]
    header_names: list[str]
    sends_body: bool
    job: JobFamily | None


def load_operations(vectors_dir: str | Path) -> dict[str, Operation]:
    ops: dict[str, Operation] = {}
    for v in operation_vectors(vectors_dir):
        i = v["input"]
        ops[v["operation"]] = Operation(v["operation"], v["request"]["method"], v["request"]["path"], v["kind"],
                                        v["request"]["auth"], list(i["path"]), list(i["query"]),
                                        list(i.get("header", [])), bool(i["body"]), v.get("job"))
    return ops
