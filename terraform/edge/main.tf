locals {
  site_name = "${var.host}.${var.domain}"
  # The apex, when served, gets the same certificate, aliases and records as the site name.
  viewer_names = var.include_apex ? [local.site_name, var.domain] : [local.site_name]
}

# Read from the compute layer's secret at plan time and passed on as a sensitive value only.
data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id = var.origin_secret_arn
}

module "certificate" {
  source = "../../modules/edge-certificate"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  domain_name               = local.site_name
  subject_alternative_names = var.include_apex ? [var.domain] : []
  zone_id                   = var.hosted_zone_id
}

module "cdn" {
  source    = "../../modules/cdn"
  providers = { aws = aws.us_east_1 }

  name            = var.name_prefix
  aliases         = local.viewer_names
  certificate_arn = module.certificate.arn
  origin = {
    domain_name        = var.origin_domain_name
    verify_header_name = var.origin_verify_header_name
  }
  origin_verify_header_value = data.aws_secretsmanager_secret_version.origin_verify.secret_string
  price_class                = var.cloudfront.price_class
  wait_for_deployment        = var.cloudfront.wait_for_deployment
  logging = {
    enabled        = var.cloudfront.logging_enabled
    retention_days = var.log_retention_days
  }
  waf = {
    rate_limit_per_5min = var.waf.rate_limit_per_5min
    max_body_bytes      = var.waf.max_body_bytes
  }
}

module "dns_records" {
  source = "../../modules/dns-records"

  zone_id = var.hosted_zone_id
  names   = local.viewer_names
  alias_target = {
    domain_name    = module.cdn.domain_name
    hosted_zone_id = module.cdn.hosted_zone_id
  }
}
