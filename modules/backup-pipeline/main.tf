data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id     = data.aws_caller_identity.current.account_id
  partition      = data.aws_partition.current.partition
  region         = data.aws_region.current.name
  log_group_name = "/aws/lambda/${var.name}"
  log_group_arn  = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"
  # AWS's rule for SQS event sources: at least six function timeouts plus the batching window, so a
  # message is not handed out again while a throttled or retried invocation still holds it.
  visibility_timeout_seconds = 6 * var.function.timeout_seconds + var.queue.maximum_batching_window_seconds
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_117:The function calls only S3 APIs, including the backup bucket in another region that an S3 gateway endpoint cannot reach; it touches nothing inside the VPC.
  #checkov:skip=CKV_AWS_272:The zip is built reproducibly by `infra package` and pinned by source_code_hash; AWS Signer profiles are not part of this deployment.
  function_name                  = var.name
  description                    = "Copies each new object of ${var.source_bucket.name} to ${var.destination_bucket.name}"
  role                           = aws_iam_role.this.arn
  filename                       = var.function_package.path
  source_code_hash               = var.function_package.base64sha256
  runtime                        = "python3.12"
  handler                        = "backup.handler"
  architectures                  = ["arm64"]
  memory_size                    = var.function.memory_mb
  timeout                        = var.function.timeout_seconds
  reserved_concurrent_executions = var.function.reserved_concurrency
  kms_key_arn                    = aws_kms_key.this.arn

  environment {
    variables = merge(var.function.environment, { BACKUP_BUCKET = var.destination_bucket.name })
  }

  tracing_config {
    mode = "Active"
  }

  # Catches failed asynchronous invocations (a direct S3 event); queue-fed failures use the redrive.
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }

  tags = merge({ Name = var.name }, var.tags)

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = aws_sqs_queue.this.arn
  function_name                      = aws_lambda_function.this.arn
  batch_size                         = var.queue.batch_size
  maximum_batching_window_in_seconds = var.queue.maximum_batching_window_seconds
  # Only the records the handler lists as failed return to the queue; the rest of the batch is done.
  function_response_types = ["ReportBatchItemFailures"]

  # Stay within the reserved concurrency so SQS messages are not throttled into extra receives.
  scaling_config {
    maximum_concurrency = var.function.reserved_concurrency
  }
}
