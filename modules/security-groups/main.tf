# Four groups chained so each tier admits only the tier in front of it:
# CloudFront -> alb:443 -> web:app_port -> db:5432 and efs:2049. Rules are separate resources
# so that groups referencing each other never form a dependency cycle.
locals {
  groups = {
    alb = "Load balancer: HTTPS from CloudFront only"
    web = "Web instances: app port from the load balancer only"
    db  = "PostgreSQL: 5432 from the web instances only"
    efs = "EFS: NFS 2049 from the web instances only"
  }
}

resource "aws_security_group" "this" {
  #checkov:skip=CKV2_AWS_5:The groups are attached by the data and compute layers (RDS, EFS mount targets, ALB, launch template), separate root configurations whose references checkov's graph cannot follow.
  for_each = local.groups

  name        = "${var.name}-${each.key}"
  description = each.value
  vpc_id      = var.vpc_id

  tags = merge({ Name = "${var.name}-${each.key}" }, var.tags)

  lifecycle {
    create_before_destroy = true
  }
}
