resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-noncurrent-and-abandoned-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.lifecycle_policy.abort_incomplete_multipart_upload_days
    }

    noncurrent_version_expiration {
      noncurrent_days = var.lifecycle_policy.noncurrent_version_expiration_days
    }

    # Without a current-version expiry, delete markers left behind by expired versions are swept.
    expiration {
      days                         = var.lifecycle_policy.current_version_expiration_days
      expired_object_delete_marker = var.lifecycle_policy.current_version_expiration_days == null ? true : null
    }
  }

  # Lifecycle rules on noncurrent versions need versioning in place first.
  depends_on = [aws_s3_bucket_versioning.this]
}
