# The latest Amazon Linux 2023 image, as AWS publishes it. A new image changes the launch template
# on the next apply, and the instance refresh then rolls it out.
data "aws_ssm_parameter" "al2023_ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

locals {
  user_data = templatefile("${path.module}/templates/user_data.sh.tftpl", {
    app_port            = var.app.port
    artifact_key        = local.artifact_key
    artifact_bucket     = var.artifact.bucket
    artifact_sha256     = var.artifact.sha256
    db_host             = var.database.address
    db_name             = var.database.name
    db_port             = var.database.port
    db_secret_arn       = var.database.secret_arn
    efs_access_point_id = var.efs.access_point_id
    efs_file_system_id  = var.efs.file_system_id
    efs_mount_point     = var.efs.mount_point
    images_bucket       = var.images_bucket.name
    python_version      = var.app.python_version
    region              = data.aws_region.current.name
  })
}

resource "aws_launch_template" "this" {
  #checkov:skip=CKV_AWS_88:The instances sit in public subnets with no NAT gateway, so a public address is their only egress (OS packages, AWS APIs); the web security group admits only the load balancer and no SSH.
  name                   = var.name
  description            = "Web instances of ${var.name}: Amazon Linux 2023, IMDSv2 only, encrypted root volume"
  image_id               = data.aws_ssm_parameter.al2023_ami.insecure_value
  instance_type          = var.instance.type
  ebs_optimized          = true
  update_default_version = true
  user_data              = base64encode(local.user_data)

  iam_instance_profile {
    arn = aws_iam_instance_profile.this.arn
  }

  # Public subnets have no implicit public addressing; the address is asked for explicitly here.
  network_interfaces {
    associate_public_ip_address = true
    delete_on_termination       = true
    security_groups             = var.security_group_ids
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_type           = "gp3"
      volume_size           = var.instance.root_volume_size
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge({ Name = var.name }, var.tags)
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge({ Name = var.name }, var.tags)
  }

  tags = merge({ Name = var.name }, var.tags)
}
