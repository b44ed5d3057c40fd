resource "aws_vpc_security_group_ingress_rule" "alb_from_cloudfront" {
  for_each = toset(var.alb_ingress_prefix_list_ids)

  security_group_id = aws_security_group.this["alb"].id
  description       = "HTTPS from the CloudFront origin-facing prefix list"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_web" {
  security_group_id            = aws_security_group.this["alb"].id
  description                  = "Forward to the web instances"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this["web"].id
}

resource "aws_vpc_security_group_ingress_rule" "web_from_alb" {
  security_group_id            = aws_security_group.this["web"].id
  description                  = "App port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this["alb"].id
}

resource "aws_vpc_security_group_egress_rule" "web_to_db" {
  security_group_id            = aws_security_group.this["web"].id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.this["db"].id
}

resource "aws_vpc_security_group_egress_rule" "web_to_efs" {
  security_group_id            = aws_security_group.this["web"].id
  description                  = "NFS over TLS to EFS"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.this["efs"].id
}

# Instances reach AWS APIs (Secrets Manager, SSM, CloudWatch) and the OS package mirrors over
# HTTPS; there are no interface endpoints, so this one egress must be open to the internet.
resource "aws_vpc_security_group_egress_rule" "web_https_out" {
  security_group_id = aws_security_group.this["web"].id
  description       = "HTTPS to AWS APIs and OS package repositories"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.this["db"].id
  description                  = "PostgreSQL from the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.this["web"].id
}

resource "aws_vpc_security_group_ingress_rule" "efs_from_web" {
  # Created after db_from_web: both name the web group as source, and some AWS API emulators
  # reject two such calls in flight at once as duplicates.
  depends_on = [aws_vpc_security_group_ingress_rule.db_from_web]

  security_group_id            = aws_security_group.this["efs"].id
  description                  = "NFS from the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = aws_security_group.this["web"].id
}
