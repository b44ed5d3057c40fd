# The key carries the artifact's sha256: a new build is a new object, which changes the user data,
# which makes a new launch template version, which starts an instance refresh.
resource "aws_s3_object" "artifact" {
  bucket       = var.artifact.bucket
  key          = local.artifact_key
  source       = var.artifact.source_path
  source_hash  = var.artifact.sha256
  content_type = "application/gzip"

  tags = merge({ Name = "${var.name}-webapp" }, var.tags)

  lifecycle {
    # Instances still on the previous template version keep downloading the old key until the refresh ends.
    create_before_destroy = true

    precondition {
      condition     = filesha256(var.artifact.source_path) == var.artifact.sha256
      error_message = "artifact.sha256 does not match the file at artifact.source_path; rebuild it with `infra package`."
    }
  }
}
