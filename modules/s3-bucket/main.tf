locals {
  _kms = var.encryption.sse_algorithm == "aws:kms"
  # A bucket that receives access logs is the end of the chain: it never logs to itself.
  is_log_target = var.access_log_sources != null
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_145:SSE-S3 is accepted only for log-target buckets (validated on var.encryption) because S3 server access logging cannot deliver to SSE-KMS buckets; every other bucket is held to aws:kms.
  #checkov:skip=CKV_AWS_144:Cross-region copies of images are made by the backup pipeline into the backup bucket, which is itself the replica; access logs and build artifacts are reproducible and not replicated.
  bucket        = var.name
  force_destroy = var.force_destroy
  tags          = merge({ Name = var.name }, var.tags)
}

# ACLs are disabled: the bucket policy alone decides access.
resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    # Bucket keys cut KMS requests (and their cost) by caching a bucket-level data key.
    bucket_key_enabled = local._kms

    apply_server_side_encryption_by_default {
      sse_algorithm     = var.encryption.sse_algorithm
      kms_master_key_id = local._kms ? var.encryption.kms_key_arn : null
    }
  }
}
