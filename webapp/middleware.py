"""Pure ASGI middleware: request ids and access logs, security headers, and the request body limit."""

from __future__ import annotations

import json
import logging
import string
import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import BodyTooLarge
from .logs import request_id_var

access_logger = logging.getLogger("webapp.access")

_REQUEST_ID_CHARS = frozenset(string.ascii_letters + string.digits + "-_.:")
_QUIET_PATHS = frozenset({"/healthz", "/readyz"})
_SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def _incoming_request_id(headers: Headers) -> str | None:
    value = headers.get("x-request-id")
    if value and len(value) <= 128 and set(value) <= _REQUEST_ID_CHARS:
        return value
    return None


class RequestContextMiddleware:
    """Tag the request with an id (logs, response header) and write one access line without personal data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(Headers(scope=scope)) or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["x-request-id"] = request_id
                for name, value in _SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            access_logger.log(
                logging.DEBUG if scope["path"] in _QUIET_PATHS else logging.INFO,
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Refuse bodies over ``max_body_bytes``: at once when Content-Length says so, else while streaming.

    Starlette has no body limit of its own. The declared length is checked before anything is read;
    a chunked body is counted as it arrives and the read is cut off at the limit, never buffered.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, limit_text: str) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limit_text = limit_text

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._refuse(headers, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, headers: Headers, send: Send) -> None:
        message = f"The image is larger than {self.limit_text}."
        if "text/html" in headers.get("accept", ""):
            body = (
                '<!doctype html><html lang="en"><meta charset="utf-8"><title>Upload too large</title>'
                f'<p role="alert">{message}</p><p><a href="/">Back to the upload form</a></p></html>'
            ).encode()
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": "Request body too large", "errors": {"image": message}}).encode()
            content_type = b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
