resource "aws_s3_bucket_logging" "this" {
  count         = var.access_logs == null ? 0 : 1
  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_logs.bucket
  target_prefix = coalesce(var.access_logs.prefix, "${var.name}/")
}
