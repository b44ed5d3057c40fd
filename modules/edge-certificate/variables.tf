variable "domain_name" {
  description = "Primary name of the certificate, for example www.proje.com."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lowercase fully qualified DNS name without a wildcard, such as www.proje.com."
  }
}

variable "key_algorithm" {
  description = "Key algorithm of the certificate; CloudFront accepts RSA_2048 and EC_prime256v1."
  type        = string
  default     = "RSA_2048"
  nullable    = false

  validation {
    condition     = contains(["RSA_2048", "EC_prime256v1"], var.key_algorithm)
    error_message = "key_algorithm must be RSA_2048 or EC_prime256v1, the algorithms CloudFront viewer certificates support."
  }
}

variable "subject_alternative_names" {
  description = "Further names the certificate covers, for example the apex proje.com."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition = alltrue([
      for name in var.subject_alternative_names : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", name))
    ])
    error_message = "Every subject_alternative_names entry must be a lowercase fully qualified DNS name without a wildcard."
  }
}

variable "tags" {
  description = "Tags added to the certificate."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "zone_id" {
  description = "Route 53 public hosted zone that holds the DNS validation records."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Z0-9]{1,32}$", var.zone_id))
    error_message = "zone_id must be a bare Route 53 hosted zone id (upper-case letters and digits, no /hostedzone/ prefix), such as Z0123456789ABCDEFGHIJ."
  }
}
