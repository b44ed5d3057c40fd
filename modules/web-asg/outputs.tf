output "artifact_key" {
  description = "S3 key of the web app artifact the instances install."
  value       = aws_s3_object.artifact.key
}

output "asg_arn" {
  description = "ARN of the Auto Scaling group."
  value       = aws_autoscaling_group.this.arn
}

output "asg_name" {
  description = "Name of the Auto Scaling group."
  value       = aws_autoscaling_group.this.name
}

output "instance_role_arn" {
  description = "ARN of the instances' IAM role, for resource policies that must name it."
  value       = aws_iam_role.this.arn
}

output "launch_template_id" {
  description = "Id of the launch template."
  value       = aws_launch_template.this.id
}

output "scale_in_alarm_name" {
  description = "Name of the low-CPU alarm that removes one instance."
  value       = aws_cloudwatch_metric_alarm.cpu_low.alarm_name
}

output "scale_in_policy_arn" {
  description = "ARN of the step-scaling policy that removes one instance."
  value       = aws_autoscaling_policy.scale_in.arn
}

output "scale_out_alarm_name" {
  description = "Name of the high-CPU alarm that adds one instance."
  value       = aws_cloudwatch_metric_alarm.cpu_high.alarm_name
}

output "scale_out_policy_arn" {
  description = "ARN of the step-scaling policy that adds one instance."
  value       = aws_autoscaling_policy.scale_out.arn
}
