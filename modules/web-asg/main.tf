data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  _arn_prefix      = "arn:${data.aws_partition.current.partition}"
  _account_id      = data.aws_caller_identity.current.account_id
  artifact_key     = "${var.artifact.key_prefix}${var.artifact.sha256}.tar.gz"
  artifact_arn     = "${local._arn_prefix}:s3:::${var.artifact.bucket}/${local.artifact_key}"
  efs_arn          = "${local._arn_prefix}:elasticfilesystem:${data.aws_region.current.name}:${local._account_id}:file-system/${var.efs.file_system_id}"
  access_point_arn = "${local._arn_prefix}:elasticfilesystem:${data.aws_region.current.name}:${local._account_id}:access-point/${var.efs.access_point_id}"
}

resource "aws_autoscaling_group" "this" {
  name                = var.name
  vpc_zone_identifier = var.subnet_ids
  min_size            = var.scaling.min_size
  max_size            = var.scaling.max_size
  desired_capacity    = var.scaling.desired_capacity

  # Attached here and nowhere else: a second attachment (aws_autoscaling_attachment or traffic
  # sources) makes Terraform detach and re-attach the group on every other apply.
  target_group_arns         = var.target_group_arns
  health_check_type         = length(var.target_group_arns) > 0 ? "ELB" : "EC2"
  health_check_grace_period = var.scaling.health_check_grace_period
  default_instance_warmup   = var.scaling.instance_warmup
  capacity_rebalance        = true
  termination_policies      = ["OldestLaunchTemplate", "Default"]
  metrics_granularity       = "1Minute"
  enabled_metrics = [
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupMaxSize",
    "GroupMinSize",
    "GroupPendingInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
  ]

  launch_template {
    id = aws_launch_template.this.id
    # A concrete version (not $Latest), so a new template version starts an instance refresh.
    version = aws_launch_template.this.latest_version
  }

  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = var.scaling.min_healthy_percentage
      instance_warmup        = var.scaling.instance_warmup
      auto_rollback          = true
    }
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = var.name })

    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    # Scaling policies own the running size between min and max; an apply must not reset it.
    ignore_changes = [desired_capacity]
  }
}
