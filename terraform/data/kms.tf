locals {
  _account_root = "arn:${local.partition}:iam::${local.account_id}:root"

  # Key policies need Resource "*" (it means "this key"), so they are written out rather than generated.
  _account_administers_key = {
    Sid       = "AccountAdministersKeyThroughIam"
    Effect    = "Allow"
    Principal = { AWS = local._account_root }
    Action    = "kms:*"
    Resource  = "*"
  }

  primary_keys = {
    database = {
      description = "RDS storage, snapshots, Performance Insights and exported logs of ${local.db_identifier}"
      # CloudWatch Logs encrypts the exported PostgreSQL logs, and only those groups.
      extra_statements = [{
        Sid       = "LogsEncryptDatabaseLogGroups"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:/aws/rds/instance/${local.db_identifier}/*"
          }
        }
      }]
    }
    files = {
      description      = "EFS file system ${var.name_prefix}-files"
      extra_statements = []
    }
    images = {
      description      = "Images bucket ${local.bucket_names.images}"
      extra_statements = []
    }
  }
}

resource "aws_kms_key" "this" {
  for_each                = local.primary_keys
  description             = "${each.value.description} (${var.environment})"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat([local._account_administers_key], each.value.extra_statements)
  })

  tags = { Name = "${var.name_prefix}-${each.key}" }
}

resource "aws_kms_alias" "this" {
  for_each      = local.primary_keys
  name          = "alias/${var.name_prefix}-${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

resource "aws_kms_key" "backup" {
  provider                = aws.backup
  description             = "Backup bucket ${local.bucket_names.backup} (${var.environment})"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local._account_administers_key]
  })

  tags = { Name = "${var.name_prefix}-backup" }
}

resource "aws_kms_alias" "backup" {
  provider      = aws.backup
  name          = "alias/${var.name_prefix}-backup"
  target_key_id = aws_kms_key.backup.key_id
}
