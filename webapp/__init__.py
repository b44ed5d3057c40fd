"""Image-upload web application: one request stores an image on EFS, in S3 and its record in the database."""

__version__ = "0.1.0"
