# The zone lives in the first layer because the compute layer validates the load balancer's
# regional certificate through it, before the edge layer exists.
resource "aws_route53_zone" "this" {
  #checkov:skip=CKV2_AWS_38:DNSSEC needs a DS record at the domain's registrar, which this stack does not control; enable signing together with that record.
  count = var.dns.create_zone ? 1 : 0

  name    = var.dns.domain
  comment = "Public zone of ${var.dns.domain} (${var.environment})"
}

data "aws_route53_zone" "existing" {
  count = var.dns.create_zone ? 0 : 1

  name         = var.dns.domain
  private_zone = false
}

locals {
  hosted_zone_id = var.dns.create_zone ? aws_route53_zone.this[0].zone_id : data.aws_route53_zone.existing[0].zone_id
}
