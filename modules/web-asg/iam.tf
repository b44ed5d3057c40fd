data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "Ec2AssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name_prefix        = "${var.name}-"
  description        = "Web instances of ${var.name}: app data, artifact, DB secret, EFS and Session Manager"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  tags = merge({ Name = var.name }, var.tags)
}

# Session Manager replaces SSH: no key pair, no port 22.
resource "aws_iam_role_policy_attachment" "ssm_core" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ReadWriteImagesUnderPrefix"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.images_bucket.arn}/${var.images_bucket.prefix}*"]
  }

  statement {
    sid       = "ListImagesPrefix"
    actions   = ["s3:ListBucket"]
    resources = [var.images_bucket.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [var.images_bucket.prefix, "${var.images_bucket.prefix}*"]
    }
  }

  statement {
    sid       = "ReadTheArtifact"
    actions   = ["s3:GetObject"]
    resources = [local.artifact_arn]
  }

  statement {
    sid       = "ReadTheDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.database.secret_arn]
  }

  statement {
    sid       = "MountEfsThroughTheAccessPoint"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [local.efs_arn]

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [local.access_point_arn]
    }
  }

  dynamic "statement" {
    for_each = var.images_bucket.kms_key_arn != null ? [var.images_bucket.kms_key_arn] : []

    content {
      sid       = "UseTheImagesBucketKeyThroughS3"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.database.kms_key_arn != null ? [var.database.kms_key_arn] : []

    content {
      sid       = "DecryptTheDatabaseSecretThroughSecretsManager"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "webapp"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_instance_profile" "this" {
  name_prefix = "${var.name}-"
  role        = aws_iam_role.this.name

  tags = merge({ Name = var.name }, var.tags)
}
