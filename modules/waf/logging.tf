data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  # WAF only delivers to log groups whose name starts with aws-waf-logs-.
  _log_group_name = "aws-waf-logs-${var.name}"
  _log_group_arn  = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:${local._log_group_name}"
}

resource "aws_kms_key" "logs" {
  description         = "Encrypts the WAF logs of ${var.name}"
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

  tags = merge({ Name = "${var.name}-waf-logs" }, var.tags)
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local._log_group_name
  retention_in_days = var.logging.retention_days
  kms_key_id        = aws_kms_key.logs.arn

  tags = merge({ Name = local._log_group_name }, var.tags)
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.this.arn]

  # Session cookies and credentials never reach the logs.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }
  redacted_fields {
    single_header {
      name = "cookie"
    }
  }

  # Logging every allowed request costs more than it tells; by default keep what WAF acted on.
  dynamic "logging_filter" {
    for_each = var.logging.all_requests ? [] : [true]
    content {
      default_behavior = "DROP"

      filter {
        behavior    = "KEEP"
        requirement = "MEETS_ANY"
        condition {
          action_condition {
            action = "BLOCK"
          }
        }
        condition {
          action_condition {
            action = "COUNT"
          }
        }
      }
    }
  }
}
