"""Text fields: email-validator and phonenumbers decide, the name is kept verbatim."""

from __future__ import annotations

import pytest

from webapp.validation import validate_contact

VALID = {"name": "  Ada Lovelace ", "email": "Ada@Example.COM", "phone": "(202) 555-0143"}


def test_valid_contact_is_normalised() -> None:
    contact, errors = validate_contact(VALID, default_region="US")

    assert errors == {}
    assert contact is not None
    assert contact.name == "Ada Lovelace"
    assert contact.email == "Ada@example.com"
    assert contact.phone == "+12025550143"


def test_default_region_applies_to_national_numbers() -> None:
    contact, _ = validate_contact({**VALID, "phone": "020 7946 0958"}, default_region="GB")

    assert contact is not None and contact.phone == "+442079460958"


@pytest.mark.parametrize("length", [1, 100])
def test_name_length_bounds_are_inclusive(length: int) -> None:
    contact, errors = validate_contact({**VALID, "name": "x" * length}, default_region="US")

    assert errors == {} and contact is not None


def test_name_over_100_characters_after_trimming_fails() -> None:
    _, errors = validate_contact({**VALID, "name": "  " + "é" * 101 + "  "}, default_region="US")

    assert set(errors) == {"name"}


def test_every_missing_field_is_named() -> None:
    contact, errors = validate_contact({}, default_region="US")

    assert contact is None
    assert set(errors) == {"name", "email", "phone"}
