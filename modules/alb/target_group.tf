resource "aws_lb_target_group" "this" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; the hop to the instances stays inside the VPC, and the web security group admits it only from the load balancer's group.
  name                 = local.target_group_name
  vpc_id               = var.vpc_id
  target_type          = "instance"
  protocol             = "HTTP"
  protocol_version     = "HTTP1"
  port                 = var.target.port
  deregistration_delay = var.target.deregistration_delay

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.target.health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge({ Name = local.target_group_name }, var.tags)
}
