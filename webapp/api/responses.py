"""One error shape for every JSON failure: a summary and a message per failing field."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from ..models import ErrorBody


def error_response(
    status_code: int, detail: str, errors: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(detail=detail, errors=errors or {})
    return JSONResponse(body.model_dump(), status_code=status_code, headers=headers)


DETAILS = {
    400: "Malformed request",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Validation failed",
    503: "Storage unavailable; nothing was stored, retry later",
}
