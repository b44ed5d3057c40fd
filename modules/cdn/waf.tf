# Every distribution built by this module is filtered by its own web ACL: there is no way to build
# one without it. The web ACL is a separate module so its rules can be read and tested alone.
module "waf" {
  source = "../waf"

  name                = var.name
  rate_limit_per_5min = var.waf.rate_limit_per_5min
  max_body_bytes      = var.waf.max_body_bytes
  logging = {
    all_requests   = var.waf.log_all_requests
    retention_days = var.logging.retention_days
  }
  tags = var.tags
}
