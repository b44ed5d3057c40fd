"""Encode Python values as HCL literals for ``.tfvars`` files.

Strings become JSON string literals (valid HCL quoted strings) with Terraform's template sequences
``${`` and ``%{`` escaped, so no input — quotes, newlines, backslashes, interpolation — can change
the file's syntax or inject an expression.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

_IDENTIFIER_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def encode(value: Any) -> str:
    """Return the HCL literal for ``value`` (None, bool, int, float, str, mappings, sequences)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot encode non-finite number {value!r}")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{_string(str(key))} = {encode(item)}" for key, item in value.items())
        return "{" + items + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(encode(item) for item in value) + "]"
    raise TypeError(f"cannot encode {type(value).__name__} as HCL")
