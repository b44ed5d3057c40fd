# Emulator only (moto 5.2.5 with hashicorp/aws 5.100); copied into the staged stack of emulator
# environments by the CLI, never seen by real AWS.

# moto re-serialises the redrive policy with different whitespace, so every plan would rewrite it
# (and an update through SetQueueAttributes also drops the queue policy).
resource "aws_sqs_queue" "this" {
  lifecycle {
    ignore_changes = [redrive_policy]
  }
}

# moto does not store DeadLetterConfig, so every plan would add it again.
resource "aws_lambda_function" "this" {
  lifecycle {
    ignore_changes = [dead_letter_config]
  }
}

# moto runs an enabled mapping itself: every SendMessage makes it receive the batch and invoke the
# function in Docker, which is absent, so each message gains receives it never had and reaches the
# dead-letter queue early. Locally the CLI's backup worker plays the mapping's part.
resource "aws_lambda_event_source_mapping" "this" {
  enabled = false
}
