"""The production server: gunicorn supervising uvicorn workers, one app instance per worker.

Gunicorn restarts crashed or hung workers; on SIGTERM it stops accepting connections and lets
in-flight requests (uploads included) finish for up to ``graceful_timeout`` seconds.
"""

from __future__ import annotations

import gc
import warnings
from pathlib import Path
from typing import Any, ClassVar

from gunicorn.app.base import BaseApplication

from .config import Settings
from .logs import logging_config

with warnings.catch_warnings():
    # uvicorn marks its gunicorn worker as deprecated in favour of a separate package that is not a
    # dependency here; the class is still shipped and supported in the pinned uvicorn.
    warnings.simplefilter("ignore", DeprecationWarning)
    from uvicorn.workers import UvicornWorker


class Worker(UvicornWorker):
    CONFIG_KWARGS: ClassVar[dict[str, Any]] = {
        "loop": "uvloop",
        "http": "httptools",
        "lifespan": "on",
        "server_header": False,
    }


class WebApplication(BaseApplication):
    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        # Runs in each worker after the fork, so no engine or client is shared between processes.
        from .main import create_app

        return create_app(self.settings)


def _freeze_after_startup(_: object) -> None:
    """Move everything loaded so far out of the garbage collector's reach.

    A worker holds ~150k long-lived objects (modules, routes, models); a full collection walks them
    all and stalls every request for tens of milliseconds. Frozen, they are skipped.
    """
    gc.collect()
    gc.freeze()


def gunicorn_options(settings: Settings, *, host: str, port: int, workers: int) -> dict[str, Any]:
    # gunicorn's worker heartbeat file; on a RAM-backed mount a slow disk cannot stall the heartbeat.
    shm = Path("/dev/shm")  # noqa: S108
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": f"{Worker.__module__}.{Worker.__qualname__}",
        "timeout": 120,
        "graceful_timeout": settings.graceful_timeout_seconds,
        "keepalive": settings.keepalive_seconds,
        "logconfig_dict": logging_config(settings.log_level),
        "accesslog": None,
        "errorlog": "-",
        "loglevel": settings.log_level.lower(),
        "proc_name": "webapp",
        # Several servers may run on one host (tests, blue/green); no shared control socket path.
        "control_socket_disable": True,
        "worker_tmp_dir": str(shm) if shm.is_dir() else None,
        # In the master, freezing before the fork also keeps those pages shared with the workers.
        "when_ready": _freeze_after_startup,
        "post_worker_init": _freeze_after_startup,
    }


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    WebApplication(settings, gunicorn_options(settings, host=host, port=port, workers=workers)).run()
