# Step scaling on the group's average CPU. Each policy moves the group by one instance and the
# group's min/max bound the result. The estimated warm-up keeps a launching instance counted in
# the group's capacity, so one sustained spike adds one instance, not one per alarm evaluation.
resource "aws_autoscaling_policy" "scale_out" {
  name                      = "${var.name}-cpu-scale-out"
  autoscaling_group_name    = aws_autoscaling_group.this.name
  policy_type               = "StepScaling"
  adjustment_type           = "ChangeInCapacity"
  metric_aggregation_type   = "Average"
  estimated_instance_warmup = var.scaling.instance_warmup

  step_adjustment {
    scaling_adjustment          = 1
    metric_interval_lower_bound = 0
  }
}

resource "aws_autoscaling_policy" "scale_in" {
  name                    = "${var.name}-cpu-scale-in"
  autoscaling_group_name  = aws_autoscaling_group.this.name
  policy_type             = "StepScaling"
  adjustment_type         = "ChangeInCapacity"
  metric_aggregation_type = "Average"

  step_adjustment {
    scaling_adjustment          = -1
    metric_interval_upper_bound = 0
  }
}

resource "aws_cloudwatch_metric_alarm" "cpu_high" {
  alarm_name          = "${var.name}-cpu-high"
  alarm_description   = "Average CPU of ${var.name} above ${var.scaling.scale_out_cpu_threshold}% for ${var.scaling.scale_out_periods} minute(s): add one instance."
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = var.scaling.scale_out_periods
  datapoints_to_alarm = var.scaling.scale_out_periods
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.scaling.scale_out_cpu_threshold
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = [aws_autoscaling_policy.scale_out.arn]

  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.this.name
  }

  tags = merge({ Name = "${var.name}-cpu-high" }, var.tags)
}

resource "aws_cloudwatch_metric_alarm" "cpu_low" {
  alarm_name          = "${var.name}-cpu-low"
  alarm_description   = "Average CPU of ${var.name} below ${var.scaling.scale_in_cpu_threshold}% for ${var.scaling.scale_in_periods} minute(s): remove one instance."
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = var.scaling.scale_in_periods
  datapoints_to_alarm = var.scaling.scale_in_periods
  comparison_operator = "LessThanThreshold"
  threshold           = var.scaling.scale_in_cpu_threshold
  treat_missing_data  = "notBreaching"
  actions_enabled     = true
  alarm_actions       = [aws_autoscaling_policy.scale_in.arn]

  dimensions = {
    AutoScalingGroupName = aws_autoscaling_group.this.name
  }

  tags = merge({ Name = "${var.name}-cpu-low" }, var.tags)
}
