data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  description        = "Runs the backup function ${var.name}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = merge({ Name = var.name }, var.tags)
}

locals {
  # Each key is usable only through the service that owns the data it protects.
  _kms_grants = concat(
    var.source_bucket.kms_key_arn == null ? [] : [{
      sid     = "DecryptSourceObjects"
      key     = var.source_bucket.kms_key_arn
      actions = ["kms:Decrypt"]
      via     = ["s3.${local.region}.amazonaws.com"]
    }],
    var.destination_bucket.kms_key_arn == null ? [] : [{
      sid = "EncryptBackupObjects"
      key = var.destination_bucket.kms_key_arn
      # Decrypt too: multipart copies re-read their parts to complete the upload.
      actions = ["kms:GenerateDataKey", "kms:Decrypt"]
      via     = ["s3.${var.destination_bucket.region}.amazonaws.com"]
    }],
    [{
      sid     = "UsePipelineKey"
      key     = aws_kms_key.this.arn
      actions = ["kms:GenerateDataKey", "kms:Decrypt"]
      via     = ["sqs.${local.region}.amazonaws.com", "lambda.${local.region}.amazonaws.com"]
    }],
  )
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }

  statement {
    sid = "ConsumeQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.this.arn]
  }

  statement {
    sid       = "SendFailedAsyncEventsToDlq"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }

  # ListBucket turns a missing key into 404 instead of 403, so a deleted source is told apart.
  statement {
    sid       = "ListSourceBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.source_bucket.arn]
  }

  statement {
    sid = "ReadSourceObjects"
    actions = [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:GetObjectTagging",
      "s3:GetObjectVersionTagging",
    ]
    resources = ["${var.source_bucket.arn}/*"]
  }

  statement {
    sid       = "ListBackupBucket"
    actions   = ["s3:ListBucket"]
    resources = [var.destination_bucket.arn]
  }

  # GetObject lets the function compare an existing backup before copying again.
  statement {
    sid = "WriteBackupObjects"
    actions = [
      "s3:PutObject",
      "s3:PutObjectTagging",
      "s3:GetObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = ["${var.destination_bucket.arn}/*"]
  }

  dynamic "statement" {
    for_each = local._kms_grants

    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = [statement.value.key]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = statement.value.via
      }
    }
  }

  # X-Ray trace segments cannot be scoped to a resource.
  statement {
    sid       = "WriteTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "backup"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
