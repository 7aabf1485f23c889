"""A small A2E client in Python's standard library, one module per TypeScript module it mirrors, built to
replay the SDK's conformance vectors (read from the installed @a2e-sdk/spec package)."""
from .client import Client, Operation, Result, load_operations
from .errors import *  # noqa: F401,F403 — the error tree is the public surface a test maps vector types onto

__all__ = ["Client", "Operation", "Result", "load_operations"]
