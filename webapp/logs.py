"""Structured JSON logs carrying the request id; callers log ids and sizes, never form values."""

from __future__ import annotations

import json
import logging
import logging.config
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else was passed through ``extra=`` and is logged as a field.
# uvicorn's ``color_message`` is the same text with terminal colours.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, so the log pipeline can index fields without parsing prose."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id is not None:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """A ``dictConfig`` for the app, uvicorn and gunicorn, all writing JSON to stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    quiet = {"level": "WARNING", "handlers": ["json"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "webapp.logs.JsonFormatter"}},
        "handlers": {"json": handler},
        "root": {"level": level.upper(), "handlers": ["json"]},
        "loggers": {
            "uvicorn": {"level": level.upper(), "handlers": ["json"], "propagate": False},
            "uvicorn.error": {"level": level.upper(), "handlers": ["json"], "propagate": False},
            # The app writes its own access line (with the request id and without client addresses).
            "uvicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
            "gunicorn.error": {"level": level.upper(), "handlers": ["json"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
            "botocore": quiet,
            "boto3": quiet,
            "urllib3": quiet,
            # It warns about every malformed multipart header; we answer 400 and that is enough.
            "python_multipart": {"level": "ERROR", "handlers": ["json"], "propagate": False},
            "alembic": {"level": "INFO", "handlers": ["json"], "propagate": False},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(level))
