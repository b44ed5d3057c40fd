# Emulator only (moto 5.2.5 with hashicorp/aws 5.100); copied into the staged stack of emulator
# environments by the CLI, never seen by real AWS.

# moto turns every unmet policy condition into an explicit deny, so the TLS-only policy refuses every
# object request (the emulator speaks plain HTTP anyway). Locally a log bucket keeps only its
# log-delivery grant, unconditioned, which moto checks before it accepts PutBucketLogging; other
# buckets get no policy.
resource "aws_s3_bucket_policy" "this" {
  count = local.is_log_target ? 1 : 0
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowServerAccessLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.this.arn}/*"
    }]
  })
}

# moto drops an EventBridge-only notification configuration (its empty element parses as nothing),
# so every plan would turn EventBridge on again.
resource "aws_s3_bucket_notification" "this" {
  lifecycle {
    ignore_changes = [eventbridge]
  }
}
