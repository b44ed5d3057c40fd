variable "aliases" {
  description = "Names the distribution answers to, for example [\"www.proje.com\"]; each must be covered by the certificate."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.aliases) > 0 && alltrue([for name in var.aliases : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", name))])
    error_message = "aliases must hold at least one lowercase fully qualified DNS name, such as www.proje.com."
  }
}

variable "cached_path_patterns" {
  description = "Path patterns whose responses the edge caches (managed CachingOptimized policy); everything else goes to the origin uncached."
  type        = list(string)
  default     = ["/images/*"]
  nullable    = false

  validation {
    condition     = alltrue([for pattern in var.cached_path_patterns : startswith(pattern, "/") && length(pattern) <= 255])
    error_message = "Every cached_path_patterns entry must start with / and be at most 255 characters, such as /images/*."
  }
}

variable "certificate_arn" {
  description = "ARN of the issued ACM certificate for the aliases; CloudFront requires it to be in us-east-1."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>)."
  }
}

variable "geo_restriction" {
  description = "Countries (ISO 3166-1 alpha-2) the distribution serves (whitelist) or refuses (blacklist); none serves everyone."
  type = object({
    locations = optional(list(string), [])
    type      = optional(string, "none")
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["none", "whitelist", "blacklist"], var.geo_restriction.type) && (var.geo_restriction.type == "none") == (length(var.geo_restriction.locations) == 0)
    error_message = "geo_restriction.type must be none (with no locations), or whitelist or blacklist (with at least one location)."
  }
  validation {
    condition     = alltrue([for code in var.geo_restriction.locations : can(regex("^[A-Z]{2}$", code))])
    error_message = "geo_restriction.locations must be two-letter upper-case country codes, such as DE or US."
  }
}

variable "logging" {
  description = "Access logs through CloudFront standard logging v2 into a KMS-encrypted CloudWatch log group, and the days they are kept."
  type = object({
    enabled        = optional(bool, true)
    retention_days = optional(number, 365)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logging.retention_days)
    error_message = "logging.retention_days must be a CloudWatch Logs retention value, such as 30, 90, 365 or 731."
  }
}

variable "name" {
  description = "Name of the distribution's resources (response headers policy, log group, log delivery)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", var.name))
    error_message = "name must be 1 to 40 letters, digits, hyphens or underscores, starting with a letter or digit."
  }
}

variable "origin" {
  description = "The load balancer origin: its DNS name (covered by its own valid certificate), the header that carries the shared secret, and how long to wait for a response."
  type = object({
    domain_name          = string
    read_timeout_seconds = optional(number, 60)
    verify_header_name   = string
  })
  nullable = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.origin.domain_name))
    error_message = "origin.domain_name must be a lowercase DNS name, such as origin.proje.com."
  }
  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,64}$", var.origin.verify_header_name)) && !startswith(lower(var.origin.verify_header_name), "x-amz-") && !startswith(lower(var.origin.verify_header_name), "x-edge-")
    error_message = "origin.verify_header_name must be an HTTP header name of letters, digits and hyphens, not starting with X-Amz- or X-Edge-, such as X-Origin-Verify."
  }
  validation {
    condition     = var.origin.read_timeout_seconds >= 1 && var.origin.read_timeout_seconds <= 180
    error_message = "origin.read_timeout_seconds must be between 1 and 180."
  }
}

variable "origin_verify_header_value" {
  description = "The shared secret CloudFront sends to the origin in origin.verify_header_name; never printed."
  type        = string
  sensitive   = true
  nullable    = false

  validation {
    condition     = length(var.origin_verify_header_value) >= 16 && length(var.origin_verify_header_value) <= 1783
    error_message = "origin_verify_header_value must be 16 to 1783 characters long."
  }
}

variable "price_class" {
  description = "Edge locations served: PriceClass_100 (North America, Europe), PriceClass_200 or PriceClass_All."
  type        = string
  default     = "PriceClass_100"
  nullable    = false

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "security_headers" {
  description = "Values of the security headers added to every response; HSTS (two years, subdomains, preload), nosniff and X-Frame-Options DENY are always set."
  type = object({
    content_security_policy = optional(string, "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests")
    referrer_policy         = optional(string, "strict-origin-when-cross-origin")
  })
  default  = {}
  nullable = false

  validation {
    condition     = length(var.security_headers.content_security_policy) > 0 && length(var.security_headers.content_security_policy) <= 1783
    error_message = "security_headers.content_security_policy must be 1 to 1783 characters (CloudFront's limit)."
  }
  validation {
    condition     = contains(["no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url"], var.security_headers.referrer_policy)
    error_message = "security_headers.referrer_policy must be a Referrer-Policy value CloudFront accepts, such as strict-origin-when-cross-origin."
  }
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "waf" {
  description = "The distribution's web ACL: requests one client IP may send in 5 minutes, the largest request body the application accepts, and whether allowed requests are logged too."
  type = object({
    log_all_requests    = optional(bool, false)
    max_body_bytes      = optional(number, 10485760)
    rate_limit_per_5min = optional(number, 2000)
  })
  default  = {}
  nullable = false
}

variable "wait_for_deployment" {
  description = "Whether apply waits until the distribution is deployed to every edge location (about 5 to 15 minutes)."
  type        = bool
  default     = true
  nullable    = false
}
