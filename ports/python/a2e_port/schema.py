"""A JSON Schema 2020-12 validator for the keywords the spec uses. An unknown keyword is an error, not
a pass: a validator that skips what it does not understand would prove nothing."""
from __future__ import annotations

import re
from typing import Any, Callable

from .vectors import resolve

Check = Callable[[Any, Any, Any, Any, str], list[str]]  # (doc, schema, keyword value, value, where) → problems

ANNOTATIONS = {"description", "title", "examples", "example", "default", "deprecated", "readOnly", "writeOnly",
               "format", "$comment", "contentMediaType", "contentEncoding", "discriminator", "$schema", "$id"}
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer(),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def errors(doc: Any, schema: Any, value: Any, at: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (refs resolve within `doc`); empty when it is valid."""
    if schema is True or schema == {}:
        return []
    if schema is False:
        return [f"{at}: no value is allowed here"]
    found: list[str] = []
    for key, want in schema.items():
        if key in ANNOTATIONS or key.startswith("x-"):
            continue
        check = KEYWORDS.get(key)
        if check is None:
            raise ValueError(f"unsupported JSON Schema keyword {key!r} at {at}")
        found += check(doc, schema, want, value, at)
    return found


def _type(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    names = want if isinstance(want, list) else [want]
    return [] if any(TYPES[n](v) for n in names) else [f"{at}: expected {want}, got {type(v).__name__}"]


def _properties(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    if not isinstance(v, dict):
        return []
    return [m for k, sub in want.items() if k in v for m in errors(doc, sub, v[k], f"{at}.{k}")]


def _additional(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    if not isinstance(v, dict):
        return []
    known, patterns = s.get("properties", {}), s.get("patternProperties", {})
    extra = [k for k in v if k not in known and not any(re.search(p, k) for p in patterns)]
    return [m for k in extra for m in errors(doc, want, v[k], f"{at}.{k}")]


def _pattern_properties(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    if not isinstance(v, dict):
        return []
    return [m for p, sub in want.items() for k in v if re.search(p, k) for m in errors(doc, sub, v[k], f"{at}.{k}")]


def _required(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return [f"{at}: missing {k}" for k in want if isinstance(v, dict) and k not in v]


def _items(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    start = len(s.get("prefixItems", []))
    return [m for i, x in enumerate(v[start:], start) for m in errors(doc, want, x, f"{at}[{i}]")] if isinstance(v, list) else []


def _prefix_items(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return [m for i, (sub, x) in enumerate(zip(want, v)) for m in errors(doc, sub, x, f"{at}[{i}]")] if isinstance(v, list) else []


def _ref(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return errors(doc, resolve(doc, want), v, at)


def _one_of(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    passing = len([sub for sub in want if not errors(doc, sub, v, at)])
    return [] if passing == 1 else [f"{at}: matches {passing} of oneOf, expected exactly 1"]


def _any_of(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return [] if any(not errors(doc, sub, v, at) for sub in want) else [f"{at}: matches none of anyOf"]


def _all_of(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return [m for sub in want for m in errors(doc, sub, v, at)]


def _not(doc: Any, s: Any, want: Any, v: Any, at: str) -> list[str]:
    return [f"{at}: matches a schema under not"] if not errors(doc, want, v, at) else []


def _bound(test: Callable[[Any, Any], bool], text: str, applies: Callable[[Any], bool]) -> Check:
    return lambda doc, s, want, v, at: [f"{at}: {text} {want}"] if applies(v) and not test(v, want) else []


def _same(a: Any, b: Any) -> bool:
    # Python's True == 1; JSON's true is not 1.
    return a == b and (isinstance(a, bool) == isinstance(b, bool))


def _is_num(v: Any) -> bool:
    return TYPES["number"](v)


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_list(v: Any) -> bool:
    return isinstance(v, list)


def _is_obj(v: Any) -> bool:
    return isinstance(v, dict)


KEYWORDS: dict[str, Check] = {
    "type": _type, "properties": _properties, "additionalProperties": _additional, "required": _required,
    "patternProperties": _pattern_properties, "items": _items, "prefixItems": _prefix_items, "$ref": _ref,
    "oneOf": _one_of, "anyOf": _any_of, "allOf": _all_of, "not": _not,
    "enum": lambda doc, s, want, v, at: [] if any(_same(v, w) for w in want) else [f"{at}: {v!r} not in {want}"],
    "const": lambda doc, s, want, v, at: [] if _same(v, want) else [f"{at}: expected {want!r}"],
    "minimum": _bound(lambda v, w: bool(v >= w), "below minimum", _is_num),
    "maximum": _bound(lambda v, w: bool(v <= w), "above maximum", _is_num),
    "exclusiveMinimum": _bound(lambda v, w: bool(v > w), "not above", _is_num),
    "exclusiveMaximum": _bound(lambda v, w: bool(v < w), "not below", _is_num),
    "multipleOf": _bound(lambda v, w: bool((v / w).is_integer()), "not a multiple of", _is_num),
    "minLength": _bound(lambda v, w: bool(len(v) >= w), "shorter than", _is_str),
    "maxLength": _bound(lambda v, w: bool(len(v) <= w), "longer than", _is_str),
    "pattern": _bound(lambda v, w: re.search(w, v) is not None, "does not match", _is_str),
    "minItems": _bound(lambda v, w: bool(len(v) >= w), "fewer items than", _is_list),
    "maxItems": _bound(lambda v, w: bool(len(v) <= w), "more items than", _is_list),
    "uniqueItems": _bound(lambda v, w: not w or len({repr(x) for x in v}) == len(v), "items not unique:", _is_list),
    "minProperties": _bound(lambda v, w: bool(len(v) >= w), "fewer properties than", _is_obj),
    "maxProperties": _bound(lambda v, w: bool(len(v) <= w), "more properties than", _is_obj),
}
