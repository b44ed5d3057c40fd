"""Request dependencies; tests swap them with ``app.dependency_overrides``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ..errors import StorageUnavailable
from ..forms import read_upload_form
from ..models import Upload
from ..resources import Resources


def get_resources(request: Request) -> Resources:
    return request.app.state.resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_session(resources: ResourcesDep) -> Iterator[Session]:
    with resources.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def receive_upload(request: Request, resources: Resources) -> Upload:
    """Stream the form in, then validate and store it off the event loop."""
    form = await read_upload_form(request, max_image_bytes=resources.settings.max_upload_bytes)
    try:
        return await to_thread.run_sync(
            resources.uploads.submit,
            form.values,
            form.errors,
            form.image,
            form.image_bytes,
            limiter=resources.upload_limiter,
        )
    except StorageUnavailable as error:
        error.values = dict(form.values)
        raise
    finally:
        form.close()
