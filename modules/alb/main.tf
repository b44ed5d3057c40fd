locals {
  target_group_name = "${var.name}-web"
}

resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_28:Requests reach this load balancer only from CloudFront (security group on CloudFront's origin-facing prefix list plus the secret origin header), and CloudFront carries the WAF web ACL of the edge layer.
  name               = var.name
  load_balancer_type = "application"
  internal           = false
  ip_address_type    = "ipv4"
  subnets            = var.subnet_ids
  security_groups    = var.security_group_ids
  idle_timeout       = var.idle_timeout
  enable_http2       = true

  enable_deletion_protection = var.deletion_protection
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "strictest"

  access_logs {
    bucket  = var.access_logs.bucket
    prefix  = var.access_logs.prefix
    enabled = var.access_logs.enabled
  }

  tags = merge({ Name = var.name }, var.tags)
}
