"""Serve the app, but let the process die right after the S3 write, before the row is committed.

Started by the fault-injection test as ``python -m tests.webapp.crash_server PORT``.
"""

from __future__ import annotations

import os
import signal
import sys

import uvicorn

from webapp.config import Settings
from webapp.main import create_app
from webapp.storage.s3 import S3Store

_real_put = S3Store.put


def _put_then_die(self: S3Store, *args: object, **kwargs: object) -> None:
    _real_put(self, *args, **kwargs)  # type: ignore[arg-type]
    os.kill(os.getpid(), signal.SIGKILL)


S3Store.put = _put_then_die  # type: ignore[method-assign]

if __name__ == "__main__":
    uvicorn.run(create_app(Settings()), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
