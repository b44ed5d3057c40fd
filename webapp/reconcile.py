"""Find and remove what a crash left behind, and report what is missing.

An upload writes EFS, then S3, then commits its row. A process killed in between leaves a file or an
object without a row; those are orphans. They are removed only once older than the grace period, so
an upload still in flight on another instance is never touched. Rows whose file or object is gone
cannot be repaired here; they are reported (and make the command exit non-zero) for a person to look at.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field

from . import crud
from .resources import Resources
from .storage.efs import TEMP_PREFIX
from .storage.keys import parse_key

logger = logging.getLogger(__name__)


@dataclass
class ReconcileReport:
    dry_run: bool
    grace_seconds: int
    orphan_files: list[str] = field(default_factory=list)
    orphan_objects: list[str] = field(default_factory=list)
    rows_missing_file: list[str] = field(default_factory=list)
    rows_missing_object: list[str] = field(default_factory=list)
    removed_files: int = 0
    removed_objects: int = 0

    @property
    def consistent(self) -> bool:
        """True when every row has both copies (orphans are removed, so they do not count against it)."""
        return not (self.rows_missing_file or self.rows_missing_object)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "consistent": self.consistent}


def reconcile(resources: Resources, *, grace_seconds: int, dry_run: bool, now: float | None = None) -> ReconcileReport:
    cutoff = (time.time() if now is None else now) - grace_seconds
    report = ReconcileReport(dry_run=dry_run, grace_seconds=grace_seconds)

    # Rows first: every row listed here had its file and object written before it was committed.
    with resources.sessions() as session:
        rows = dict(crud.iter_keys(session=session))
    files = {item.key: item.modified for item in resources.efs.iter_files() if _ours(item.key)}
    objects = {item.key: item.modified for item in resources.s3.iter_objects() if parse_key(item.key)}

    known = set(rows.values())
    stale = {key for key, modified in (files | objects).items() if modified < cutoff and key not in known}
    if stale:
        # A row committed since the first query makes its file and object legitimate after all.
        with resources.sessions() as session:
            known |= crud.existing_keys(session=session, keys=stale)
    report.orphan_files = sorted(key for key in files if key in stale and key not in known)
    report.orphan_objects = sorted(key for key in objects if key in stale and key not in known)
    for upload_id, key in sorted(rows.items(), key=lambda item: item[1]):
        if key not in files:
            report.rows_missing_file.append(str(upload_id))
        if key not in objects:
            report.rows_missing_object.append(str(upload_id))

    if not dry_run:
        for key in report.orphan_files:
            resources.efs.delete_any(key)
            report.removed_files += 1
        for key in report.orphan_objects:
            resources.s3.delete(key)
            report.removed_objects += 1
    logger.info(
        "reconcile finished",
        extra={
            "dry_run": dry_run,
            "orphan_files": len(report.orphan_files),
            "orphan_objects": len(report.orphan_objects),
            "rows_missing_file": len(report.rows_missing_file),
            "rows_missing_object": len(report.rows_missing_object),
        },
    )
    return report


def _ours(key: str) -> bool:
    """Image files and the temp files an interrupted write leaves next to them."""
    return parse_key(key) is not None or key.rsplit("/", 1)[-1].startswith(TEMP_PREFIX)
