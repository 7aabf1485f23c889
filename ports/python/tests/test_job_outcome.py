"""Job outcomes from the vectors alone: a record is over when the family's status field, or an
alternative's (`job.alternatives`), holds a terminal value. No server needed."""
import unittest

from a2e_port.client import Client
from a2e_port.vectors import operation_vectors
from config import VECTORS

JOBS = {v["job"]["family"]: v["job"] for v in operation_vectors(VECTORS) if v.get("job")}


class JobOutcome(unittest.TestCase):
    def test_main_status_field(self) -> None:
        self.assertEqual(Client.outcome(JOBS["dubbing"], {"current_status": "completed"}), ("success", "completed"))
        self.assertEqual(Client.outcome(JOBS["dubbing"], {"current_status": "processing"}), ("pending", "processing"))

    def test_alternative_status_field_ends_the_wait(self) -> None:
        veo = JOBS["veoVideo"]
        self.assertTrue(any(a.get("statusField") == "state" for a in veo["alternatives"]))
        self.assertEqual(Client.outcome(veo, {"state": "success", "video_output": "https://cdn/v.mp4"}), ("success", "success"))
        self.assertEqual(Client.outcome(veo, {"state": "fail", "fail_reason": "refused"}), ("failure", "fail"))
        self.assertEqual(Client.outcome(veo, {"state": "running"})[0], "pending")


if __name__ == "__main__":
    unittest.main()
