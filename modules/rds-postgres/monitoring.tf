data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  count              = var.monitoring.interval > 0 ? 1 : 0
  name               = "${var.identifier}-monitoring"
  description        = "Lets RDS enhanced monitoring publish OS metrics for ${var.identifier}"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json
  tags               = merge({ Name = "${var.identifier}-monitoring" }, var.tags)
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count      = var.monitoring.interval > 0 ? 1 : 0
  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
