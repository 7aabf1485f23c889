"""The validator must be able to fail, or 261 schema checks would prove nothing."""
import unittest

from a2e_port.schema import errors

DOC = {"components": {"schemas": {"Row": {"type": "object", "required": ["_id"], "properties": {"_id": {"type": "string"}}}}}}
ROWS = {"type": "array", "items": {"$ref": "#/components/schemas/Row"}}


class Validator(unittest.TestCase):
    def test_accepts_a_valid_value(self) -> None:
        self.assertEqual(errors(DOC, ROWS, [{"_id": "a"}]), [])

    def test_reports_through_refs(self) -> None:
        self.assertEqual(errors(DOC, ROWS, [{"_id": 1}, {}]), ["$[0]._id: expected string, got int", "$[1]: missing _id"])

    def test_json_true_is_not_one(self) -> None:
        self.assertTrue(errors(DOC, {"enum": [1]}, True))
        self.assertTrue(errors(DOC, {"type": "integer"}, False))

    def test_one_of_needs_exactly_one(self) -> None:
        self.assertTrue(errors(DOC, {"oneOf": [{"type": "number"}, {"type": "integer"}]}, 3))

    def test_an_unknown_keyword_is_an_error_not_a_pass(self) -> None:
        with self.assertRaises(ValueError):
            errors(DOC, {"dependentSchemas": {}}, {})


if __name__ == "__main__":
    unittest.main()
