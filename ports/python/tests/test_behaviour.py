"""Replays every behaviour case against the scripted loopback server, as vectors/README.md describes."""
from __future__ import annotations

import json
import traceback
import unittest
from typing import Any

from a2e_port import Client, errors, load_operations
from a2e_port.scripted_server import ScriptedServer
from a2e_port.vectors import behaviour_cases
from config import VECTORS

OPERATIONS = load_operations(VECTORS)
CASES = behaviour_cases(VECTORS)


def emitted_text(error: BaseException | None, logs: list[Any]) -> str:
    """Everything an error or a log could show a person or a log store."""
    parts = [str(error), repr(error), json.dumps(logs)]
    if error is not None:
        parts += traceback.format_exception(error)
        parts.append(json.dumps(vars(error), default=repr))
    return "\n".join(parts)


def run_case(case: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any], str]:
    server = ScriptedServer(case["server"])
    logs: list[Any] = []
    out: dict[str, Any] = {"data": None, "error": None}
    settings = case.get("client", {})
    limits = {k: settings[v] for k, v in (("max_retry_after_ms", "maxRetryAfterMs"), ("max_response_bytes", "maxResponseBytes")) if v in settings}
    action = case["action"]
    try:
        # Made inside the try: refusing a bad key at creation is an outcome a case can expect.
        client = Client(server.url, OPERATIONS, api_key=settings.get("apiKey", "sk_behaviour_case_key"),
                        max_retries=settings.get("maxRetries", 2), timeout_ms=settings.get("timeoutMs", 5000),
                        initial_delay_ms=5, max_delay_ms=20, logger=logs.append, **limits)
        if "call" in action:
            out["data"] = client.call(action["call"], action.get("input")).data
        elif "paginate" in action:
            out["data"] = client.paginate(action["paginate"], action.get("input"), action["paging"], action.get("maxPages", 10_000))
        else:
            out["data"] = client.wait_for(action["waitFor"], action["id"], interval_ms=5, max_interval_ms=10, timeout_ms=5000)
    except errors.A2EError as error:
        out["error"] = error
    finally:
        server.close()
    return server.requests, out, emitted_text(out["error"], logs)


def mismatches(requests: list[dict[str, Any]], out: dict[str, Any], want: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if "requests" in want and len(requests) != want["requests"]:
        found.append(f"{len(requests)} requests, expected {want['requests']}")
    if "requestUrls" in want and [r["url"] for r in requests] != want["requestUrls"]:
        found.append(f"request URLs {[r['url'] for r in requests]}")
    error = out["error"]
    if "error" in want:
        w = want["error"]
        if error is None:
            found.append(f"expected {w['type']}, got data {out['data']!r}")
        else:
            if type(error).__name__ != w["type"]:
                found.append(f"error {type(error).__name__}, expected {w['type']}")
            if "status" in w and getattr(error, "status", None) != w["status"]:
                found.append(f"status {getattr(error, 'status', None)}, expected {w['status']}")
            if "code" in w and getattr(error, "code", None) != w["code"]:
                found.append(f"code {getattr(error, 'code', None)}, expected {w['code']}")
            if "messageContains" in w and w["messageContains"] not in str(error):
                found.append(f'message "{error}" lacks "{w["messageContains"]}"')
            if "retryAfterMs" in w and getattr(error, "retry_after_ms", None) != w["retryAfterMs"]:
                found.append(f"retryAfterMs {getattr(error, 'retry_after_ms', None)}, expected {w['retryAfterMs']}")
    else:
        if error is not None:
            found.append(f"unexpected {type(error).__name__}: {error}")
        if out["data"] != want.get("data"):
            found.append(f"data {out['data']!r}, expected {want.get('data')!r}")
    return found


class BehaviourCases(unittest.TestCase):
    def test_every_case(self) -> None:
        self.assertGreaterEqual(len(CASES), 10)
        passed = 0
        for name, case in CASES:
            with self.subTest(case=name):
                requests, out, emitted = run_case(case)
                found = mismatches(requests, out, case["expect"])
                canary = case["expect"].get("neverEmitted")
                if canary:
                    if not any(canary in r["headers"].get("authorization", "") for r in requests):
                        found.append("the canary was never sent, so the case proves nothing")
                    if canary in emitted:
                        found.append("the canary appears in what the client emitted")
                self.assertEqual(found, [], case["description"])
                passed += 1
        print(f"\nbehaviour cases replayed: {passed}/{len(CASES)}")
        self.assertEqual(passed, len(CASES))


class MismatchesCanFail(unittest.TestCase):
    """The comparison itself must catch a wrong outcome, or every case would pass vacuously."""

    def test_wrong_data_and_wrong_error_are_caught(self) -> None:
        self.assertTrue(mismatches([], {"data": {"a": 1}, "error": None}, {"requests": 1, "data": {"a": 2}}))
        wrong = errors.APIConnectionError("x")
        self.assertTrue(mismatches([{"url": "/"}], {"data": None, "error": wrong}, {"error": {"type": "APIConnectionTimeoutError"}}))

    def test_a_leaking_client_is_caught(self) -> None:
        leaked = errors.api_error(401, {"code": 401, "msg": "rejected Bearer sk_CANARY"}, {}, "getRemainingCoins")
        self.assertIn("sk_CANARY", emitted_text(leaked, []))


if __name__ == "__main__":
    unittest.main()
