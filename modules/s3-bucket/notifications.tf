# Object-level events go to EventBridge so audits and alerts can subscribe without touching the bucket.
# A bucket holds a single notification configuration, so a caller that needs its own (for example an SQS
# queue) turns this off and owns the configuration itself.
resource "aws_s3_bucket_notification" "this" {
  count       = var.eventbridge_notifications ? 1 : 0
  bucket      = aws_s3_bucket.this.id
  eventbridge = true
}
