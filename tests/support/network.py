"""Loopback port helpers shared by the service launchers."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request


def free_port() -> int:
    """Ask the kernel for a free loopback port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 30.0) -> None:
    """Block until ``url`` answers any HTTP status, or raise after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - loopback http only
            return
        except urllib.error.HTTPError:
            return
        except OSError as error:
            last_error = error
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout}s: {last_error}")
