"""Database credentials from the Secrets Manager secret that RDS manages (and rotates).

Only the secret's ARN is configured; the password is fetched at connect time, cached, and fetched
again when PostgreSQL refuses it, so a rotation never needs a restart.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

CACHE_SECONDS = 300


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password=***)"


class RdsSecret:
    def __init__(self, client: Any, secret_arn: str, *, cache_seconds: float = CACHE_SECONDS) -> None:
        self._client = client
        self._secret_arn = secret_arn
        self._cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._cached: Credentials | None = None
        self._fetched_at = 0.0

    def get(self, *, refresh: bool = False) -> Credentials:
        with self._lock:
            stale = time.monotonic() - self._fetched_at > self._cache_seconds
            if refresh or stale or self._cached is None:
                self._cached = self._fetch()
                self._fetched_at = time.monotonic()
            return self._cached

    def _fetch(self) -> Credentials:
        value = self._client.get_secret_value(SecretId=self._secret_arn)["SecretString"]
        document = json.loads(value)
        return Credentials(username=document["username"], password=document["password"])
