"""Server-rendered pages: the form and gallery, the form's POST target, and one upload's page.

They work without JavaScript. Failed submissions re-render the form with each error next to its
field and the typed values kept.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from ... import crud
from ...errors import StorageUnavailable, UploadRejected
from ...images import CONTENT_TYPES
from ...resources import Resources
from ..deps import ResourcesDep, SessionDep, receive_upload

TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)

router = APIRouter(include_in_schema=False)
logger = logging.getLogger(__name__)

GALLERY_PAGE_SIZE = 12
_CSP = (
    "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STORAGE_ERROR = "We could not store your upload just now, and nothing was kept. Please try again."


def _render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = _CSP
    return response


def _gallery(resources: Resources, cursor: str | None) -> dict[str, Any]:
    """The gallery page; when the database is down the form still renders, without the gallery."""
    try:
        with resources.sessions() as session:
            try:
                uploads, next_cursor = crud.list_uploads(session=session, limit=GALLERY_PAGE_SIZE, cursor=cursor)
            except ValueError:
                cursor = None
                uploads, next_cursor = crud.list_uploads(session=session, limit=GALLERY_PAGE_SIZE)
    except SQLAlchemyError:
        logger.warning("gallery unavailable", exc_info=True)
        return {"uploads": [], "cursor": None, "next_cursor": None, "gallery_unavailable": True}
    return {"uploads": uploads, "cursor": cursor, "next_cursor": next_cursor}


def _form_context(resources: Resources, errors: dict[str, str], values: dict[str, str]) -> dict[str, Any]:
    settings = resources.settings
    return {
        "errors": errors,
        "values": values,
        "accept": ",".join(sorted(CONTENT_TYPES)),
        "max_upload_mb": f"{settings.max_upload_bytes / (1024 * 1024):g}",
        "phone_region": settings.default_phone_region,
    }


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request, resources: ResourcesDep, cursor: Annotated[str | None, Query(max_length=200)] = None
) -> HTMLResponse:
    return _render(request, "index.html", {**_form_context(resources, {}, {}), **_gallery(resources, cursor)})


@router.post("/uploads", response_class=HTMLResponse)
async def submit(request: Request, resources: ResourcesDep) -> Response:
    try:
        upload = await receive_upload(request, resources)
    except UploadRejected as rejection:
        errors, values, status_code = rejection.errors, rejection.values, rejection.status_code
    except StorageUnavailable as failure:
        errors, values, status_code = {"form": _STORAGE_ERROR}, failure.values, 503
    else:
        return RedirectResponse(f"/uploads/{upload.id}", status_code=303)
    gallery = await run_in_threadpool(_gallery, resources, None)
    return _render(request, "index.html", {**_form_context(resources, errors, values), **gallery}, status_code)


@router.get("/uploads/{upload_id}", response_class=HTMLResponse)
def upload_page(request: Request, upload_id: str, session: SessionDep) -> HTMLResponse:
    try:
        row = crud.get_upload(session=session, upload_id=uuid.UUID(upload_id))
    except ValueError:
        row = None
    if row is None:
        return _render(request, "not_found.html", {}, status_code=404)
    return _render(request, "upload.html", {"upload": row})
