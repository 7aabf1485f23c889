"""Where the runner finds the vectors, the bundled spec and Prism. The vectors and the spec come from the
installed @a2e-sdk/spec package (`node_modules/@a2e-sdk/spec/dist`), as an outside port reads them;
`A2E_VECTORS` / `A2E_SPEC_JSON` point elsewhere, and `pnpm test:ports` sets `A2E_PRISM_URL`."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from a2e_port.vectors import package_dist

_ENV_VECTORS = os.environ.get("A2E_VECTORS")
DIST = package_dist(Path(__file__).parent) if not _ENV_VECTORS else Path(_ENV_VECTORS).parent
VECTORS = Path(_ENV_VECTORS) if _ENV_VECTORS else DIST / "vectors"


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run `pnpm test:ports`, which starts Prism on the package's spec")
    return value


def bundled_spec() -> Any:
    """The spec the vectors' `expected.schema` pointers point into: the package's `dist/openapi.json`."""
    return json.loads(Path(os.environ.get("A2E_SPEC_JSON") or DIST / "openapi.json").read_text())
