"""Failures the HTTP layer turns into answers: bad input (4xx) or a store that is down (503)."""

from __future__ import annotations

# When several fields fail, the answer's status is the most specific problem.
_PRECEDENCE = (413, 415, 400, 422)


class UploadRejected(Exception):
    """The client sent something we will not store; ``errors`` names each failing field."""

    def __init__(self, status_code: int, errors: dict[str, str], values: dict[str, str] | None = None) -> None:
        super().__init__(f"upload rejected ({status_code}): {sorted(errors)}")
        self.status_code = status_code
        self.errors = errors
        # What the user typed, so a re-rendered form can keep it.
        self.values = values or {}


class StorageUnavailable(Exception):
    """A store failed mid-upload; whatever was already written has been undone."""

    def __init__(self, store: str) -> None:
        super().__init__(f"{store} is unavailable")
        self.store = store
        self.values: dict[str, str] = {}


class BodyTooLarge(Exception):
    """The request body passed the configured limit while it was being read."""


def most_specific(statuses: set[int]) -> int:
    for status in _PRECEDENCE:
        if status in statuses:
            return status
    return 422
