"""Where the runner finds the vectors, the bundled spec and Prism (set by `pnpm test:ports`)."""
import json
import os
from pathlib import Path

VECTORS = Path(os.environ.get("A2E_VECTORS") or Path(__file__).resolve().parents[3] / "packages" / "conformance" / "vectors")


def required(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run `pnpm test:ports`, which bundles the spec and starts Prism")
    return value


def bundled_spec():
    return json.loads(Path(required("A2E_SPEC_JSON")).read_text())
