"""Detect local state that belongs to an emulator which has since restarted empty.

An in-memory emulator forgets everything when it restarts, while the local state files remember.
Each emulator gets a session marker (an SSM parameter); the local environment records the marker
it applied against. When they differ, the old state describes nothing that exists any more, so it
is moved aside and the environment starts over instead of failing on missing resources.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from pathlib import Path

MARKER_PARAMETER = "/infra/emulator-session"


def _ssm(endpoint: str, region: str):
    import boto3

    return boto3.client(
        "ssm",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 - the emulator's fixed dummy credentials
    )


def _emulator_marker(endpoint: str, region: str) -> str:
    client = _ssm(endpoint, region)
    try:
        return client.get_parameter(Name=MARKER_PARAMETER)["Parameter"]["Value"]
    except client.exceptions.ParameterNotFound:
        marker = uuid.uuid4().hex
        client.put_parameter(Name=MARKER_PARAMETER, Value=marker, Type="String", Overwrite=False)
        return marker


def reconcile_session(endpoint: str, region: str, env_dir: Path, state_dir: Path) -> Path | None:
    """Align local state with the running emulator; returns where stale state was moved, if any."""
    marker = _emulator_marker(endpoint, region)
    record = env_dir / "emulator-session"
    recorded = record.read_text().strip() if record.is_file() else None
    moved_to: Path | None = None
    has_state = state_dir.is_dir() and any(state_dir.glob("*.tfstate"))
    if recorded != marker and has_state:
        moved_to = env_dir / f"stale-state-{time.strftime('%Y%m%d-%H%M%S')}"
        shutil.move(str(state_dir), moved_to)
        for stale_plans in (env_dir / "plans",):
            shutil.rmtree(stale_plans, ignore_errors=True)
    env_dir.mkdir(parents=True, exist_ok=True)
    record.write_text(marker)
    return moved_to


def forget_session(endpoint: str, region: str) -> None:
    """Remove the marker, so a fully destroyed stack leaves nothing behind in the emulator."""
    client = _ssm(endpoint, region)
    with contextlib.suppress(client.exceptions.ParameterNotFound):
        client.delete_parameter(Name=MARKER_PARAMETER)
