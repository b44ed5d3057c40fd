# S3 validates the destination when the configuration is written, so the queue policy comes first.
resource "aws_s3_bucket_notification" "source" {
  bucket = var.source_bucket.name

  queue {
    id        = "backup-new-objects"
    queue_arn = aws_sqs_queue.this.arn
    events    = ["s3:ObjectCreated:*"]
  }

  depends_on = [aws_sqs_queue_policy.this, aws_kms_key.this]
}
