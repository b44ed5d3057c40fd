"""The application factory. Each call builds its own engine and clients: nothing lives at module level."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware import Middleware

from . import __version__
from .api.main import api_router
from .api.responses import DETAILS, error_response
from .config import Settings
from .errors import BodyTooLarge, StorageUnavailable, UploadRejected
from .middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from .resources import Resources, build_resources

STATIC_DIR = Path(__file__).resolve().parent / "static"
logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, resources: Resources | None = None) -> FastAPI:
    settings = settings or (resources.settings if resources else Settings())
    resources = resources or build_resources(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        resources.close()

    limit_mb = f"{settings.max_upload_bytes / (1024 * 1024):g} MB"
    app = FastAPI(
        title="Image upload",
        version=__version__,
        summary="Upload an image with your contact details; it is stored on EFS, in S3 and in the database.",
        lifespan=lifespan,
        middleware=[
            Middleware(RequestContextMiddleware),
            Middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes, limit_text=limit_mb),
        ],
    )
    app.state.resources = resources
    app.include_router(api_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_error_handlers(app, limit_mb)
    return app


def _add_error_handlers(app: FastAPI, limit_mb: str) -> None:
    @app.exception_handler(UploadRejected)
    async def _rejected(_: Request, rejection: UploadRejected) -> JSONResponse:
        return error_response(rejection.status_code, DETAILS.get(rejection.status_code, "Rejected"), rejection.errors)

    @app.exception_handler(StorageUnavailable)
    async def _unavailable(_: Request, failure: StorageUnavailable) -> JSONResponse:
        return error_response(503, DETAILS[503], {}, headers={"Retry-After": "5"})

    @app.exception_handler(BodyTooLarge)
    async def _too_large(_: Request, __: BodyTooLarge) -> JSONResponse:
        return error_response(413, DETAILS[413], {"image": f"The image is larger than {limit_mb}."})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        errors = {str(item["loc"][-1]): item["msg"] for item in error.errors() if item.get("loc")}
        return error_response(422, DETAILS[422], errors)
