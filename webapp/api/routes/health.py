"""Liveness (the process answers) and readiness (all three stores usable); the ALB checks /readyz."""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from ...resources import Resources
from ..deps import ResourcesDep

router = APIRouter(tags=["health"])
logger = logging.getLogger(__name__)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "At least one store is unusable"}})
def readyz(resources: ResourcesDep) -> JSONResponse:
    checks = {name: _run(name, check, resources) for name, check in _CHECKS.items()}
    ready = all(result == "ok" for result in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks}, status_code=200 if ready else 503
    )


def _database(resources: Resources) -> None:
    with resources.engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def _efs(resources: Resources) -> None:
    resources.efs.check_writable()


def _s3(resources: Resources) -> None:
    resources.s3.check_reachable()


_CHECKS: dict[str, Callable[[Resources], None]] = {"database": _database, "efs": _efs, "s3": _s3}


def _run(name: str, check: Callable[[Resources], None], resources: Resources) -> str:
    try:
        check(resources)
    except Exception:
        # Details go to the log only: /readyz is reachable from outside through the load balancer.
        logger.warning("readiness check failed", extra={"check": name}, exc_info=True)
        return "failed"
    return "ok"
