"""Emulator-only override files, kept in one place.

Files under ``overrides/`` mirror the repository layout (``modules/<name>/emulator_override.tf``)
and are copied into the staged stack of emulator environments only. The README's "Emulator
substitutions" table lists each one with its reason.
"""

from __future__ import annotations

from pathlib import Path

OVERRIDES_DIR = Path(__file__).parent / "overrides"


def emulator_override_files() -> dict[str, str]:
    """Map of staged relative path to content for every emulator override file."""
    return {
        str(path.relative_to(OVERRIDES_DIR)): path.read_text() for path in sorted(OVERRIDES_DIR.rglob("*_override.tf"))
    }
