output "dlq_arn" {
  description = "ARN of the dead-letter queue that receives messages after max_receive_count failed receives."
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dlq.url
}

output "function_name" {
  description = "Name of the backup function."
  value       = aws_lambda_function.this.function_name
}

output "queue_arn" {
  description = "ARN of the queue that receives the source bucket's object-created events."
  value       = aws_sqs_queue.this.arn
}

output "queue_url" {
  description = "URL of the queue that receives the source bucket's object-created events."
  value       = aws_sqs_queue.this.url
}

output "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the queue: six function timeouts plus the batching window."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}
