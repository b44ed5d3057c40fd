"""Server-side backup of images from the images bucket to the backup bucket.

The Lambda entry point is ``backup.handler``; this package holds the logic as plain functions that
take their S3 clients and settings as arguments, so tests and the local worker drive them directly.
"""
