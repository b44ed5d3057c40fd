variable "logging" {
  description = "WAF logs in a KMS-encrypted CloudWatch log group: days kept, and whether allowed requests are logged too (otherwise only blocked and counted ones)."
  type = object({
    all_requests   = optional(bool, false)
    retention_days = optional(number, 365)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logging.retention_days)
    error_message = "logging.retention_days must be a CloudWatch Logs retention value, such as 30, 90, 365 or 731."
  }
}

variable "max_body_bytes" {
  description = "Largest request body, in bytes, the application accepts; requests declaring a larger Content-Length are answered 413 at the edge."
  type        = number
  default     = 10485760
  nullable    = false

  validation {
    condition     = floor(var.max_body_bytes) == var.max_body_bytes && var.max_body_bytes >= 1 && var.max_body_bytes <= 999999999
    error_message = "max_body_bytes must be a whole number of bytes between 1 and 999999999."
  }
}

variable "name" {
  description = "Name of the web ACL, also the prefix of its metric and log group names."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$", var.name))
    error_message = "name must be 1 to 100 letters, digits, hyphens or underscores, starting with a letter or digit."
  }
}

variable "rate_limit_per_5min" {
  description = "Requests one client IP may send in any 5-minute window before it is answered 429."
  type        = number
  default     = 2000
  nullable    = false

  validation {
    condition     = floor(var.rate_limit_per_5min) == var.rate_limit_per_5min && var.rate_limit_per_5min >= 10 && var.rate_limit_per_5min <= 2000000000
    error_message = "rate_limit_per_5min must be a whole number between 10 and 2000000000 (WAF's bounds for a rate-based rule)."
  }
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
  nullable    = false
}
