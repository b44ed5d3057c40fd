"""Helpers that start real services (moto server, PostgreSQL) for the test suite."""
