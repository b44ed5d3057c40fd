variable "alias_target" {
  description = "What the names point at: an AWS endpoint's DNS name and its Route 53 zone id (for a CloudFront distribution, its domain_name and hosted_zone_id). CloudFront targets cannot evaluate health."
  type = object({
    domain_name            = string
    evaluate_target_health = optional(bool, false)
    hosted_zone_id         = string
  })
  nullable = false

  validation {
    condition     = length(var.alias_target.domain_name) > 0 && length(var.alias_target.hosted_zone_id) > 0
    error_message = "alias_target.domain_name and alias_target.hosted_zone_id must both be set."
  }
}

variable "names" {
  description = "Fully qualified names that get an A and an AAAA alias record, for example [\"www.proje.com\", \"proje.com\"]."
  type        = set(string)
  nullable    = false

  validation {
    condition     = length(var.names) > 0 && alltrue([for name in var.names : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", name))])
    error_message = "names must hold at least one lowercase fully qualified DNS name, such as www.proje.com."
  }
}

variable "zone_id" {
  description = "Route 53 public hosted zone that holds the records."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Z0-9]{1,32}$", var.zone_id))
    error_message = "zone_id must be a bare Route 53 hosted zone id (upper-case letters and digits, no /hostedzone/ prefix), such as Z0123456789ABCDEFGHIJ."
  }
}
