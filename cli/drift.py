"""Read drift out of a plan: which resources changed behind Terraform's back, and how.

A plan (which refreshes first) lists every difference between the real resources and the state
under ``resource_drift``, including noise: attributes that are only computed on the first
refresh, or that the configuration deliberately ignores. A drift counts here only when Terraform
would act on it, that is when the same resource has a planned change on the same attributes (or
was deleted outside Terraform and would be created again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Drift:
    address: str
    action: str
    attributes: tuple[str, ...]


def _changed_attributes(before: Any, after: Any) -> set[str]:
    if not isinstance(before, dict) or not isinstance(after, dict):
        return set()
    return {key for key in set(before) | set(after) if before.get(key) != after.get(key)}


def drifted_resources(plan: dict[str, Any]) -> list[Drift]:
    """One entry per drifted resource that the plan would put back."""
    planned = {
        item["address"]: item["change"]
        for item in plan.get("resource_changes", [])
        if item["change"]["actions"] not in (["no-op"], ["read"])
    }
    found = []
    for item in plan.get("resource_drift", []):
        address, change = item["address"], item["change"]
        if address not in planned:
            continue
        if change["actions"] == ["delete"]:
            found.append(Drift(address, "deleted", ()))
            continue
        drifted = _changed_attributes(change.get("before"), change.get("after"))
        reverted = _changed_attributes(planned[address].get("before"), planned[address].get("after"))
        attributes = tuple(sorted(drifted & reverted))
        if attributes:
            found.append(Drift(address, "changed", attributes))
    return found
