"""Reads the conformance vectors from the installed @a2e-sdk/spec package (`dist/vectors/`, beside the
bundled `dist/openapi.json` their `expected.schema` pointers point into) and resolves those pointers."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def package_dist(start: str | Path) -> Path:
    """`node_modules/@a2e-sdk/spec/dist` found from `start` upwards, as Node would resolve the package."""
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        candidate = folder / "node_modules" / "@a2e-sdk" / "spec" / "dist"
        if (candidate / "vectors").is_dir():
            return candidate
    raise FileNotFoundError(f"no node_modules/@a2e-sdk/spec/dist above {here}: install @a2e-sdk/spec (npm i @a2e-sdk/spec)")


def _load(directory: Path) -> list[tuple[str, Any]]:
    return [(p.name, json.loads(p.read_text())) for p in sorted(directory.glob("*.json"))]


def operation_vectors(vectors_dir: str | Path) -> list[Any]:
    return [v for _, v in _load(Path(vectors_dir) / "operations")]


def behaviour_cases(vectors_dir: str | Path) -> list[tuple[str, Any]]:
    return _load(Path(vectors_dir) / "behaviour")


def resolve(doc: Any, pointer: str) -> Any:
    """`#/paths/~1a~1{id}/get/...` → the value it names (RFC 6901 escapes)."""
    node = doc
    for part in pointer.lstrip("#").split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node
