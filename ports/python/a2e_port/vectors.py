"""Reads the conformance vectors and resolves JSON pointers into the bundled spec."""
import json
from pathlib import Path


def _load(directory):
    return [(p.name, json.loads(p.read_text())) for p in sorted(Path(directory).glob("*.json"))]


def operation_vectors(vectors_dir):
    return [v for _, v in _load(Path(vectors_dir) / "operations")]


def behaviour_cases(vectors_dir):
    return _load(Path(vectors_dir) / "behaviour")


def resolve(doc, pointer):
    """`#/paths/~1a~1{id}/get/...` → the value it names (RFC 6901 escapes)."""
    node = doc
    for part in pointer.lstrip("#").split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node
