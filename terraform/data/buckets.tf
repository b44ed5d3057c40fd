# Images and backups are user data: customer managed keys let key policy and IAM both gate access and
# leave an audit trail of every decrypt. Artifacts use the AWS managed key: the wheelhouse holds no
# secrets and any role allowed to read the object can decrypt it. Log buckets use S3-managed keys,
# the only default encryption S3 server access logging can deliver to.

module "logs" {
  source = "../../modules/s3-bucket"

  name          = local.bucket_names.logs
  force_destroy = var.force_destroy_buckets
  encryption    = { sse_algorithm = "AES256" }

  access_log_sources = {
    account_id = local.account_id
    bucket_arns = concat(
      [local.bucket_arns.images, local.bucket_arns.artifacts],
      local.backup_in_primary_region ? [local.bucket_arns.backup] : [],
    )
  }

  lifecycle_policy = {
    current_version_expiration_days    = var.log_retention_days
    noncurrent_version_expiration_days = 30
  }
}

module "backup_logs" {
  source    = "../../modules/s3-bucket"
  count     = local.backup_in_primary_region ? 0 : 1
  providers = { aws = aws.backup }

  name          = local.bucket_names.backup_logs
  force_destroy = var.force_destroy_buckets
  encryption    = { sse_algorithm = "AES256" }

  access_log_sources = {
    account_id  = local.account_id
    bucket_arns = [local.bucket_arns.backup]
  }

  lifecycle_policy = {
    current_version_expiration_days    = var.log_retention_days
    noncurrent_version_expiration_days = 30
  }
}

module "images" {
  source = "../../modules/s3-bucket"

  name          = local.bucket_names.images
  force_destroy = var.force_destroy_buckets
  encryption    = { kms_key_arn = aws_kms_key.this["images"].arn }
  access_logs   = { bucket = module.logs.name }
  # The backup pipeline owns this bucket's notification configuration.
  eventbridge_notifications = false
}

module "artifacts" {
  source = "../../modules/s3-bucket"

  name          = local.bucket_names.artifacts
  force_destroy = var.force_destroy_buckets
  encryption    = { sse_algorithm = "aws:kms" }
  access_logs   = { bucket = module.logs.name }

  lifecycle_policy = {
    noncurrent_version_expiration_days = 30
  }
}

module "backup" {
  source    = "../../modules/s3-bucket"
  providers = { aws = aws.backup }

  name          = local.bucket_names.backup
  force_destroy = var.force_destroy_buckets
  encryption    = { kms_key_arn = aws_kms_key.backup.arn }
  access_logs   = { bucket = local.backup_in_primary_region ? module.logs.name : module.backup_logs[0].name }

  # Backups outlive the images they copy: overwritten or deleted versions stay for a year.
  lifecycle_policy = {
    noncurrent_version_expiration_days = 365
  }
}
