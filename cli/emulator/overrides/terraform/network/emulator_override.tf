# Emulator only (moto 5.2.5): CreateQueryLoggingConfig there accepts only the log group ARN with a
# trailing ":*", while AWS takes the group's plain ARN.
resource "aws_route53_query_log" "this" {
  cloudwatch_log_group_arn = "${aws_cloudwatch_log_group.dns_query_logs[0].arn}:*"
}
