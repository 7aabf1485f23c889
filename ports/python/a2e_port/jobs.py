"""Job waiters over the poller: read one job's record with its family's status operation, and decide its
outcome. Mirrors packages/client/src/core/jobs.ts and job-outcome.ts: the family's own status field first,
then each alternative's; a status no reading lists (an unknown value) keeps the wait going."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from . import errors as e
from .operations import JobFamily
from .poll import PollOptions, PollStep, poll_until
from .redact import Redact

ReadStatus = Callable[[str, Mapping[str, Any], Mapping[str, str] | None], Any]  # (operationId, input, headers) → data


def outcome(family: JobFamily, record: Any) -> tuple[str, str | None]:
    """("success" | "failure" | "pending", status as the server spelled it)."""
    seen: str | None = None
    if not isinstance(record, dict):
        return "pending", None
    for r in [family, *family.get("alternatives", [])]:
        field = r.get("statusField")
        value = record.get(field) if field else None
        if not isinstance(value, str):
            continue
        seen = seen if seen is not None else value
        if value in r.get("success", []):
            return "success", value
        if value in r.get("failure", []):
            return "failure", value
    return "pending", seen


def failure_message(family: JobFamily, record: Any) -> str | None:
    fields = [m for r in [family, *family.get("alternatives", [])] for m in r.get("messageFields", [])]
    for m in fields:
        value = record.get(m) if isinstance(record, dict) else None
        if isinstance(value, str) and value:
            return value
    return None


def job_id_of(family: JobFamily, data: Any) -> str | None:
    """The job id in a start operation's `data` (the first record's, where a start answers several)."""
    row = data[0] if isinstance(data, list) and data else data
    value = row.get(family.get("idField") or family["idParam"]) if isinstance(row, dict) else None
    return value if isinstance(value, str) else None


def read_job(read: ReadStatus, family: JobFamily, job_id: str, headers: Mapping[str, str] | None = None) -> Any:
    """The job's record, wherever the status operation takes the id; a `list` family finds its row."""
    if family["idIn"] == "list":
        data = read(family["statusOperation"], {}, headers)
        rows = data if isinstance(data, list) else (data or {}).get("rows", [])
        match = family.get("matchField") or family["idParam"]
        return next((r for r in rows if isinstance(r, dict) and r.get(match) == job_id), None)
    data = read(family["statusOperation"], {family["idParam"]: job_id}, headers)
    return data[0] if isinstance(data, list) and data else data


def wait_for_job(read: ReadStatus, family: JobFamily, job_id: str, redact: Redact, options: PollOptions = PollOptions(),
                 headers_for: Callable[[int], Mapping[str, str]] | None = None) -> Any:
    """Polls until a success status (returns the record) or a failure status (raises JobFailedError);
    JobTimedOutError after `timeout_ms` (the job keeps running on the server)."""
    name = family["family"]
    state: dict[str, Any] = {"polls": 0, "last": None}

    def poll() -> PollStep[Any]:
        record = read_job(read, family, job_id, headers_for(state["polls"]) if headers_for else None)
        state["polls"] += 1
        state["last"] = record
        result, status = outcome(family, record)
        if result == "success":
            return PollStep(True, record)
        if result == "failure":
            raise e.JobFailedError(name, job_id, redact(status), redact(failure_message(family, record)), redact(record))
        return PollStep(False)

    def timed_out() -> Exception:
        return e.JobTimedOutError(f"{name} job {job_id} did not finish within {options.timeout_ms:g} ms (it keeps running on the server)")

    return poll_until(poll, timed_out, options)
