"""Serve stored images from EFS. The path comes from the database row, never from the request."""

from __future__ import annotations

import logging
import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response

from ... import crud
from ..deps import ResourcesDep, SessionDep

router = APIRouter(tags=["images"])
logger = logging.getLogger(__name__)

# The bytes behind an id never change, so caches may keep them for good.
_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


@router.head("/images/{upload_id}", include_in_schema=False)
@router.get("/images/{upload_id}", response_class=FileResponse, responses={304: {}, 404: {}})
def get_image(upload_id: uuid.UUID, request: Request, session: SessionDep, resources: ResourcesDep) -> Response:
    row = crud.get_upload(session=session, upload_id=upload_id)
    if row is None:
        raise HTTPException(status_code=404, detail="Image not found")
    etag = f'"{row.sha256}"'
    headers = {"ETag": etag, "Cache-Control": _CACHE_CONTROL}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    path = resources.efs.path_for(row.s3_key)
    if not path.is_file():
        logger.warning("image file missing on EFS", extra={"upload_id": str(row.id), "key": row.s3_key})
        raise HTTPException(status_code=404, detail="Image not found")
    return FileResponse(path, media_type=row.content_type, headers=headers)
