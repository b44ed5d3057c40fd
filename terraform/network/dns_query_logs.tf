# Resolver query logs of a zone this stack owns. Route 53 delivers them only to CloudWatch Logs in
# us-east-1, whatever the stack's region.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  _query_log_group = "/aws/route53/${var.dns.domain}"
  _query_log_arn   = "arn:${data.aws_partition.current.partition}:logs:us-east-1:${data.aws_caller_identity.current.account_id}:log-group:${local._query_log_group}"
}

resource "aws_kms_key" "dns_query_logs" {
  count    = var.dns.create_zone ? 1 : 0
  provider = aws.us_east_1

  description         = "Encrypts the Route 53 query logs of ${var.dns.domain}"
  enable_key_rotation = true
  # A key policy's "*" resource means this key itself.
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
        Sid       = "CloudWatchLogsUsesKeyForQueryLogsOnly"
        Effect    = "Allow"
        Principal = { Service = "logs.us-east-1.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = { ArnEquals = { "kms:EncryptionContext:aws:logs:arn" = local._query_log_arn } }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "dns_query_logs" {
  count    = var.dns.create_zone ? 1 : 0
  provider = aws.us_east_1

  name              = local._query_log_group
  retention_in_days = var.flow_log_retention_days
  kms_key_id        = aws_kms_key.dns_query_logs[0].arn
}

data "aws_iam_policy_document" "dns_query_logs" {
  statement {
    sid       = "Route53WritesQueryLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local._query_log_arn}:*"]
    principals {
      type        = "Service"
      identifiers = ["route53.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "dns_query_logs" {
  count    = var.dns.create_zone ? 1 : 0
  provider = aws.us_east_1

  policy_name     = "${var.name_prefix}-route53-query-logs"
  policy_document = data.aws_iam_policy_document.dns_query_logs.json
}

resource "aws_route53_query_log" "this" {
  count = var.dns.create_zone ? 1 : 0

  zone_id                  = aws_route53_zone.this[0].zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns_query_logs[0].arn

  depends_on = [aws_cloudwatch_log_resource_policy.dns_query_logs]
}
