"""One JSON object per line on stdout, which is what CloudWatch Logs stores per event."""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from typing import Any

_lock = threading.Lock()


def log(level: str, message: str, **fields: Any) -> None:
    """Write one structured line; ``None`` fields are left out so lines stay short."""
    line = {
        "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "message": message,
        **{name: value for name, value in fields.items() if value is not None},
    }
    text = json.dumps(line, default=str, ensure_ascii=False)
    with _lock:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def emit_metrics(namespace: str, counts: dict[str, int], **dimensions: str) -> None:
    """Publish counts as CloudWatch Embedded Metric Format, so alarms need no API call from here."""
    document: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(datetime.now(UTC).timestamp() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": namespace,
                    "Dimensions": [sorted(dimensions)],
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in sorted(counts)],
                }
            ],
        },
        **dimensions,
        **counts,
    }
    with _lock:
        sys.stdout.write(json.dumps(document) + "\n")
        sys.stdout.flush()
