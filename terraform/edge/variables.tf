variable "cloudfront" {
  description = "CloudFront settings: edge locations served, whether apply waits for the global deployment, and whether access logs are kept."
  type = object({
    logging_enabled     = optional(bool, true)
    price_class         = optional(string, "PriceClass_100")
    wait_for_deployment = optional(bool, true)
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cloudfront.price_class)
    error_message = "cloudfront.price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "domain" {
  description = "The registered domain whose zone the network layer holds, for example proje.com."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a lowercase DNS name such as proje.com."
  }
}

variable "environment" {
  description = "Environment name (local, dev, prod)."
  type        = string
  nullable    = false
}

variable "host" {
  description = "Host label of the site under the domain; the site is served at https://<host>.<domain>."
  type        = string
  default     = "www"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.host))
    error_message = "host must be a single lowercase DNS label such as www."
  }
}

variable "hosted_zone_id" {
  description = "Route 53 public zone of the domain (network layer output)."
  type        = string
  nullable    = false
}

variable "include_apex" {
  description = "Whether the bare domain is served too (certificate name, CloudFront alias and A/AAAA records)."
  type        = bool
  default     = false
  nullable    = false
}

variable "log_retention_days" {
  description = "Days to keep the CloudFront access logs and the WAF logs in CloudWatch Logs."
  type        = number
  default     = 365
  nullable    = false
}

variable "name_prefix" {
  description = "Prefix of every resource name, for example imageupload-prod."
  type        = string
  nullable    = false
}

variable "origin_domain_name" {
  description = "DNS name of the load balancer origin, covered by its regional certificate (compute layer output), for example origin.proje.com."
  type        = string
  nullable    = false
}

variable "origin_secret_arn" {
  description = "ARN of the Secrets Manager secret whose value CloudFront sends in the origin verify header (compute layer output)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.origin_secret_arn))
    error_message = "origin_secret_arn must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)."
  }
}

variable "origin_verify_header_name" {
  description = "Name of the header the load balancer requires, for example X-Origin-Verify (compute layer output)."
  type        = string
  nullable    = false
}

variable "region" {
  description = "AWS region of the stack; the edge's global pieces go to us-east-1 regardless."
  type        = string
  nullable    = false
}

variable "tags" {
  description = "Tags applied to every resource through the providers' default_tags."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "waf" {
  description = "Web ACL limits: requests per client IP in 5 minutes, and the largest request body the application accepts (its 10 MB upload limit)."
  type = object({
    max_body_bytes      = optional(number, 10485760)
    rate_limit_per_5min = optional(number, 2000)
  })
  default  = {}
  nullable = false
}
