"""Replays every operation vector against Prism, with the negative checks and job flows vectors/README.md
asks of every port."""
from __future__ import annotations

import json
import unittest
from typing import Any, Callable, Iterable

from a2e_port import Client, errors, load_operations, schema
from a2e_port.vectors import operation_vectors, resolve
from config import VECTORS, bundled_spec, required

VECTORS_BY_OP = {v["operation"]: v for v in operation_vectors(VECTORS)}
OPERATIONS = load_operations(VECTORS)


def input_of(v: Any) -> dict[str, Any]:
    return {**v["request"]["pathParams"], **v["request"]["query"], **(v["request"].get("body") or {})}


class OperationVectors(unittest.TestCase):
    doc: Any
    url: str
    client: Client

    @classmethod
    def setUpClass(cls) -> None:
        cls.doc = bundled_spec()
        cls.url = required("A2E_PRISM_URL")
        cls.client = Client(cls.url, OPERATIONS, api_key="sk_python_port_mock", max_retries=0)

    def replay(self, check: Callable[[Any], None], vectors: Iterable[Any]) -> int:
        passed = 0
        for v in vectors:
            with self.subTest(operation=v["operation"]):
                check(v)
                passed += 1
        return passed

    def test_every_operation_answers_its_example_and_schema(self) -> None:
        def check(v: Any) -> None:
            result = self.client.call(v["operation"], input_of(v), v["request"]["headers"])
            self.assertEqual(result.status, v["expected"]["status"])
            self.assertEqual(result.body, v["expected"]["body"])
            self.assertEqual(schema.errors(self.doc, resolve(self.doc, v["expected"]["schema"]), result.body), [])
            self.assertEqual(result.data, result.body.get("data"))
        passed = self.replay(check, VECTORS_BY_OP.values())
        print(f"\noperations exercised: {passed}/{len(VECTORS_BY_OP)}")
        self.assertGreater(passed, 250)

    def test_without_a_token_is_an_authentication_error(self) -> None:
        anonymous = Client(self.url, OPERATIONS, api_key=None, max_retries=0)

        def check(v: Any) -> None:
            with self.assertRaises(errors.AuthenticationError) as caught:
                anonymous.call(v["operation"], input_of(v), v["request"]["headers"])
            self.assertEqual(caught.exception.status, 401)
        self.assertGreater(self.replay(check, [v for v in VECTORS_BY_OP.values() if v["request"]["auth"]]), 250)

    def test_non_zero_code_under_200_is_an_api_error(self) -> None:
        def check(v: Any) -> None:
            with self.assertRaises(errors.APIError) as caught:
                self.client.call(v["operation"], input_of(v), {**v["request"]["headers"], "prefer": "example=nonZeroCode"})
            self.assertEqual((caught.exception.status, caught.exception.code), (200, 401))
        self.replay(check, VECTORS_BY_OP.values())

    def test_missing_required_body_field_is_refused(self) -> None:
        def check(v: Any) -> None:
            field = v["negative"]["missingBodyField"]
            fields = input_of(v)
            del fields[field]
            with self.assertRaises((errors.BadRequestError, errors.UnprocessableEntityError)) as caught:
                self.client.call(v["operation"], fields, v["request"]["headers"])
            violations = json.loads(caught.exception.headers["sl-violations"])
            self.assertTrue(any(field in x.get("message", "") for x in violations), violations)
        self.assertGreater(self.replay(check, [v for v in VECTORS_BY_OP.values() if "missingBodyField" in v["negative"]]), 50)

    def test_missing_path_parameter_is_refused_before_sending(self) -> None:
        def check(v: Any) -> None:
            fields = input_of(v)
            for name in v["request"]["pathParams"]:
                del fields[name]
            with self.assertRaises(errors.InvalidRequestError):
                self.client.call(v["operation"], fields)
        self.assertGreater(self.replay(check, [v for v in VECTORS_BY_OP.values() if v["request"]["pathParams"]]), 80)

    def test_job_flows(self) -> None:
        """Start each family's job, then walk the status operation through Prism's named examples."""
        families = [v for v in VECTORS_BY_OP.values() if "job" in v]
        for v in families:
            family = v["job"]["family"]
            with self.subTest(family=family):
                self.assertTrue({"processing", "completed", "failed"} <= set(v["negative"]["jobStates"]))
                start = VECTORS_BY_OP[v["job"]["startOperations"][0]]
                started = self.client.call(start["operation"], input_of(start), start["request"]["headers"])
                # Every start example carries the new id (vectors/README.md, Job flows): no fallback.
                job_id = self.client.job_id_of(family, started.data)
                self.assertIsInstance(job_id, str, f"{start['operation']} answered no {v['job']['idField']}")
                assert isinstance(job_id, str)  # narrows the type for mypy; the assertion above reports it
                states = ["processing", "processing", "completed"]
                record = self.client.wait_for(family, job_id, interval_ms=1, headers_for=lambda n: {"prefer": f"example={states[min(n, 2)]}"})
                self.assertIn(record[v["job"]["statusField"]], v["job"]["success"])
                with self.assertRaises(errors.JobFailedError) as caught:
                    self.client.wait_for(family, job_id, interval_ms=1, headers_for=lambda n: {"prefer": "example=failed"})
                self.assertIn(caught.exception.status, v["job"]["failure"])
        self.assertGreaterEqual(len(families), 10)


if __name__ == "__main__":
    unittest.main()
