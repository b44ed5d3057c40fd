data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  _account_id     = data.aws_caller_identity.current.account_id
  _partition      = data.aws_partition.current.partition
  _flow_log_group = "/vpc/${var.name}/flow-logs"
}

resource "aws_kms_key" "flow_logs" {
  description         = "Encrypts the VPC flow logs of ${var.name}"
  enable_key_rotation = true
  # A key policy's "*" resource means this key itself.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local._partition}:iam::${local._account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsUsesKeyForThisGroupOnly"
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnEquals = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local._partition}:logs:${data.aws_region.current.name}:${local._account_id}:log-group:${local._flow_log_group}"
          }
        }
      },
    ]
  })

  tags = merge({ Name = "${var.name}-flow-logs" }, var.tags)
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = local._flow_log_group
  retention_in_days = var.flow_logs.retention_days
  kms_key_id        = aws_kms_key.flow_logs.arn

  tags = merge({ Name = "${var.name}-flow-logs" }, var.tags)
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local._account_id]
    }
  }
}

data "aws_iam_policy_document" "flow_logs_write" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "${var.name}-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs_write.json
}

resource "aws_flow_log" "this" {
  vpc_id               = aws_vpc.this.id
  traffic_type         = var.flow_logs.traffic_type
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = aws_iam_role.flow_logs.arn

  tags = merge({ Name = "${var.name}-flow-logs" }, var.tags)
}
