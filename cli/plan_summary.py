"""Read a saved plan's JSON: counts per action, and the stateful resources it would destroy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Losing one of these loses data: a plan that deletes or replaces them needs explicit consent.
STATEFUL_TYPES = frozenset(
    {"aws_db_instance", "aws_rds_cluster", "aws_efs_file_system", "aws_s3_bucket", "aws_dynamodb_table"}
)


@dataclass
class PlanSummary:
    add: int = 0
    change: int = 0
    destroy: int = 0
    replace: int = 0
    stateful_losses: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any((self.add, self.change, self.destroy, self.replace))


def summarize(plan: dict[str, Any]) -> PlanSummary:
    summary = PlanSummary()
    for change in plan.get("resource_changes", []):
        if change.get("mode") != "managed":
            continue
        actions = change["change"]["actions"]
        if actions == ["create"]:
            summary.add += 1
        elif actions == ["update"]:
            summary.change += 1
        elif actions == ["delete"]:
            summary.destroy += 1
        elif sorted(actions) == ["create", "delete"]:
            summary.replace += 1
        else:
            continue
        if "delete" in actions and change["type"] in STATEFUL_TYPES:
            summary.stateful_losses.append(change["address"])
    return summary
