"""Alembic migrations for the web app's schema (a package so they ship inside the wheel)."""
