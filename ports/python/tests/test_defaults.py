"""The port's defaults are the TypeScript client's. Each is read from the client's source (found by its
pattern anywhere under packages/client/src, so moving a file there does not break this check) and compared
with the Python constant: a default changed on one side only fails here."""
from __future__ import annotations

import re
import unittest
from pathlib import Path

from a2e_port import paginate, poll, retry, transport

CLIENT_SRC = Path(__file__).resolve().parents[3] / "packages" / "client" / "src"
SOURCE = "\n".join(p.read_text() for p in sorted(CLIENT_SRC.rglob("*.ts")) if "generated" not in p.parts)


def ts_number(pattern: str) -> float:
    """The number the first match of `pattern` captures (`60_000`, `32 * 1024 * 1024` and `1.5` forms)."""
    found = re.search(pattern, SOURCE)
    if found is None:
        raise AssertionError(f"no match for {pattern!r} under {CLIENT_SRC}: the TypeScript default moved or was renamed")
    text = found.group(1).replace("_", "")
    value = 1.0
    for factor in text.split("*"):
        value *= float(factor.strip())
    return value


NUMBER = r"([\d_.]+(?:\s*\*\s*[\d_.]+)*)"
CASES = [
    (r"intervalMs = " + NUMBER, poll.DEFAULT_INTERVAL_MS),
    (r"backoffFactor = " + NUMBER, poll.DEFAULT_BACKOFF_FACTOR),
    (r"maxIntervalMs = " + NUMBER, poll.DEFAULT_MAX_INTERVAL_MS),
    (r"maxIntervalMs = [\d_]+, timeoutMs = " + NUMBER, poll.DEFAULT_TIMEOUT_MS),
    (r"initialDelayMs = " + NUMBER, retry.DEFAULT_INITIAL_DELAY_MS),
    (r"maxDelayMs = " + NUMBER, retry.DEFAULT_MAX_DELAY_MS),
    (r"DEFAULT_MAX_RETRY_AFTER_MS = " + NUMBER, retry.DEFAULT_MAX_RETRY_AFTER_MS),
    (r"options\.timeoutMs \?\? " + NUMBER, transport.DEFAULT_TIMEOUT_MS),
    (r"maxRetries: options\.maxRetries \?\? " + NUMBER, transport.DEFAULT_MAX_RETRIES),
    (r"DEFAULT_MAX_RESPONSE_BYTES = " + NUMBER, transport.DEFAULT_MAX_RESPONSE_BYTES),
    (r"DEFAULT_PAGE_SIZE = " + NUMBER, paginate.DEFAULT_PAGE_SIZE),
    (r"DEFAULT_MAX_PAGES = " + NUMBER, paginate.DEFAULT_MAX_PAGES),
]


class DefaultsMatchTypeScript(unittest.TestCase):
    def test_each_default(self) -> None:
        for pattern, python_value in CASES:
            with self.subTest(pattern=pattern):
                self.assertEqual(python_value, ts_number(pattern))

    def test_the_check_can_fail(self) -> None:
        self.assertNotEqual(1000, ts_number(r"intervalMs = " + NUMBER))  # the old port's waiter interval
        with self.assertRaises(AssertionError):
            ts_number(r"noSuchDefault = " + NUMBER)


if __name__ == "__main__":
    unittest.main()
