data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  # The /aws/vendedlogs/ prefix keeps log delivery from growing the account's log resource policy.
  _log_group_name = "/aws/vendedlogs/cloudfront/${var.name}"
  _log_group_arn  = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${local._log_group_name}"
  _logging        = var.logging.enabled ? { access_logs = true } : {}
}

resource "aws_kms_key" "logs" {
  for_each = local._logging

  description         = "Encrypts the CloudFront access logs of ${var.name}"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsUsesKeyForThisGroupOnly"
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = { ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = local._log_group_arn } }
      },
    ]
  })

  tags = merge({ Name = "${var.name}-cloudfront-logs" }, var.tags)
}

resource "aws_cloudwatch_log_group" "access_logs" {
  for_each = local._logging

  name              = local._log_group_name
  retention_in_days = var.logging.retention_days
  kms_key_id        = aws_kms_key.logs[each.key].arn

  tags = merge({ Name = "${var.name}-cloudfront-logs" }, var.tags)
}

# Standard logging v2: CloudFront hands its access logs to CloudWatch Logs delivery, which needs
# neither an ACL-enabled bucket nor the awslogsdelivery account's grant.
resource "aws_cloudwatch_log_delivery_source" "access_logs" {
  for_each = local._logging

  name         = "${var.name}-cloudfront"
  log_type     = "ACCESS_LOGS"
  resource_arn = aws_cloudfront_distribution.this.arn

  tags = var.tags

  lifecycle {
    precondition {
      condition     = data.aws_region.current.name == "us-east-1"
      error_message = "CloudFront log delivery must be set up in us-east-1: pass a us-east-1 provider to this module."
    }
  }
}

resource "aws_cloudwatch_log_delivery_destination" "access_logs" {
  for_each = local._logging

  name          = "${var.name}-cloudfront-logs"
  output_format = "json"

  delivery_destination_configuration {
    destination_resource_arn = aws_cloudwatch_log_group.access_logs[each.key].arn
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_delivery" "access_logs" {
  for_each = local._logging

  delivery_source_name     = aws_cloudwatch_log_delivery_source.access_logs[each.key].name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.access_logs[each.key].arn

  tags = var.tags
}
