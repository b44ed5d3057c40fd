"""The text fields of an upload, checked with email-validator and phonenumbers rather than regexes."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

NAME_MAX_CHARS = 100
# Longer than any real phone number written with spaces and punctuation; stops parser abuse early.
PHONE_MAX_CHARS = 64


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str


def validate_contact(values: Mapping[str, str | None], *, default_region: str) -> tuple[Contact | None, dict[str, str]]:
    """The normalised contact, or None and a message per failing field."""
    errors: dict[str, str] = {}
    name = _check(errors, "name", values.get("name"), _name)
    email = _check(errors, "email", values.get("email"), _email)
    phone = _check(errors, "phone", values.get("phone"), lambda raw: _phone(raw, default_region))
    if errors or name is None or email is None or phone is None:
        return None, errors
    return Contact(name=name, email=email, phone=phone), errors


def _check(errors: dict[str, str], field: str, raw: str | None, check: Callable[[str], str]) -> str | None:
    if raw is None or not raw.strip():
        errors[field] = _REQUIRED[field]
        return None
    try:
        return check(raw)
    except ValueError as error:
        errors[field] = str(error)
        return None


_REQUIRED = {
    "name": "Enter your name.",
    "email": "Enter your e-mail address.",
    "phone": "Enter your phone number.",
}


def _name(raw: str) -> str:
    """Stored verbatim (after trimming): markup and quotes are escaped on output, not mangled on input."""
    name = raw.strip()
    if len(name) > NAME_MAX_CHARS:
        raise ValueError(f"Use at most {NAME_MAX_CHARS} characters for the name.")
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        raise ValueError("The name contains control characters.")
    return name


def _email(raw: str) -> str:
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(str(error)) from error


def _phone(raw: str, default_region: str) -> str:
    text = raw.strip()
    if len(text) > PHONE_MAX_CHARS:
        raise ValueError("Enter a valid phone number.")
    try:
        number = phonenumbers.parse(text, default_region.upper())
    except phonenumbers.NumberParseException as error:
        raise ValueError("Enter a valid phone number, with the country code if it is not local.") from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError("This phone number does not exist; check the digits and the country code.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
