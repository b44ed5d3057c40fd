"""Configuration from the environment, and the multipart arithmetic that depends on it."""

from __future__ import annotations

import itertools

import pytest
from image_backup.copier import _is_later, part_ranges
from image_backup.settings import COPY_OBJECT_LIMIT, GIB, MIB, ConfigurationError, Settings


def test_defaults_use_copy_object_up_to_its_5_gib_limit() -> None:
    settings = Settings.from_env({"BACKUP_BUCKET": "backup"})
    assert settings.multipart_threshold == COPY_OBJECT_LIMIT == 5 * GIB
    assert settings.backup_region is None


def test_values_are_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "BACKUP_BUCKET": "backup",
            "BACKUP_BUCKET_REGION": "eu-west-1",
            "BACKUP_MULTIPART_THRESHOLD_BYTES": str(8 * MIB),
            "BACKUP_PART_SIZE_BYTES": str(16 * MIB),
            "BACKUP_MAX_WORKERS": "2",
        }
    )
    assert (settings.backup_region, settings.multipart_threshold, settings.part_size, settings.max_workers) == (
        "eu-west-1",
        8 * MIB,
        16 * MIB,
        2,
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "BACKUP_BUCKET is not set"),
        ({"BACKUP_BUCKET": "  "}, "BACKUP_BUCKET is not set"),
        ({"BACKUP_BUCKET": "b", "BACKUP_MULTIPART_THRESHOLD_BYTES": "lots"}, "must be an integer"),
        ({"BACKUP_BUCKET": "b", "BACKUP_MULTIPART_THRESHOLD_BYTES": str(6 * GIB)}, "THRESHOLD_BYTES must be between"),
        ({"BACKUP_BUCKET": "b", "BACKUP_PART_SIZE_BYTES": str(MIB)}, "PART_SIZE_BYTES must be between"),
        ({"BACKUP_BUCKET": "b", "BACKUP_MAX_WORKERS": "0"}, "MAX_WORKERS must be at least 1"),
    ],
)
def test_bad_settings_are_refused_with_the_variable_named(environ, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(environ)


def test_part_ranges_cover_the_object_without_gaps() -> None:
    assert part_ranges(9_000_000, 5 * MIB) == [(0, 5 * MIB - 1), (5 * MIB, 8_999_999)]
    assert part_ranges(5 * MIB, 5 * MIB) == [(0, 5 * MIB - 1)]


def test_part_ranges_widen_to_stay_within_10000_parts() -> None:
    size = 60 * 1024 * GIB
    ranges = part_ranges(size, 5 * MIB)
    assert len(ranges) <= 10_000
    assert ranges[0][0] == 0
    assert ranges[-1][1] == size - 1
    assert all(later[0] == earlier[1] + 1 for earlier, later in itertools.pairwise(ranges))


@pytest.mark.parametrize(
    ("stored", "incoming", "later"),
    [
        ("0055AED6DCD90281E6", "0055AED6DCD90281E5", True),
        ("0055AED6DCD90281E5", "0055AED6DCD90281E6", False),
        ("0100", "FF", True),
        ("00FF", "FF", False),
        (None, "FF", False),
        ("zz", "FF", False),
    ],
)
def test_sequencers_compare_as_left_padded_hex(stored, incoming, later: bool) -> None:
    assert _is_later(stored, incoming) is later
