"""A minimal A2E client in Python's standard library, built only to replay the SDK's conformance vectors."""
from .client import Client, Operation, load_operations
from .errors import *  # noqa: F401,F403 — the error tree is the public surface a test maps vector types onto
