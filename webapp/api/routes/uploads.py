"""The JSON API: create (multipart in, JSON out), list and fetch upload records."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import JSONResponse

from ... import crud
from ...models import ErrorBody, UploadPublic, UploadsPublic
from ..deps import ResourcesDep, SessionDep, receive_upload
from ..responses import error_response

router = APIRouter(prefix="/api/uploads", tags=["uploads"])

_MULTIPART_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["name", "email", "phone", "image"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": 100},
                        "email": {"type": "string", "format": "email"},
                        "phone": {"type": "string", "description": "Any common notation; stored as E.164"},
                        "image": {
                            "type": "string",
                            "format": "binary",
                            "description": "JPEG, PNG, WebP or GIF; judged by content, not by name",
                        },
                    },
                }
            }
        },
    }
}

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": description}
    for code, description in {
        400: "Malformed multipart body",
        413: "Image larger than the byte limit",
        415: "Not multipart, or not a supported image type",
        422: "A field failed validation; `errors` names each one",
        503: "A store is unavailable; nothing was stored",
    }.items()
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UploadPublic,
    responses=_ERRORS,
    openapi_extra=_MULTIPART_BODY,
)
async def create_upload(request: Request, response: Response, resources: ResourcesDep) -> UploadPublic:
    """Store the image on EFS and in S3, then commit its record; all three or none."""
    upload = await receive_upload(request, resources)
    response.headers["Location"] = f"/api/uploads/{upload.id}"
    return UploadPublic.model_validate(upload)


@router.get("", response_model=UploadsPublic, responses={422: {"model": ErrorBody}})
def list_uploads(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> UploadsPublic | JSONResponse:
    """Newest first; follow ``next_cursor`` for older pages."""
    try:
        rows, next_cursor = crud.list_uploads(session=session, limit=limit, cursor=cursor)
    except ValueError:
        return error_response(422, "Validation failed", {"cursor": "This cursor was not issued by this API."})
    return UploadsPublic(items=[UploadPublic.model_validate(row) for row in rows], next_cursor=next_cursor)


@router.get("/{upload_id}", response_model=UploadPublic, responses={404: {"model": ErrorBody}})
def get_upload(upload_id: uuid.UUID, session: SessionDep) -> UploadPublic:
    row = crud.get_upload(session=session, upload_id=upload_id)
    if row is None:
        raise HTTPException(status_code=404, detail="Upload not found")
    return UploadPublic.model_validate(row)
