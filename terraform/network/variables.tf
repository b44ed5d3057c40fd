variable "app_port" {
  description = "TCP port of the web application behind the load balancer."
  type        = number
  default     = 8000
  nullable    = false
}

variable "availability_zones" {
  description = "The Availability Zones the VPC spans, by name. Pinned, so a zone AWS adds later never changes the layout."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 3 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must name at least 3 distinct zones: the architecture spans 3."
  }
}

variable "dns" {
  description = "The public hosted zone of the domain: created here, or looked up when it already exists."
  type = object({
    create_zone = optional(bool, true)
    domain      = string
  })
  nullable = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.dns.domain))
    error_message = "dns.domain must be a lowercase DNS name such as proje.com."
  }
}

variable "environment" {
  description = "Environment name (local, dev, prod)."
  type        = string
  nullable    = false
}

variable "flow_log_retention_days" {
  description = "Days to keep VPC flow logs in CloudWatch Logs."
  type        = number
  default     = 365
  nullable    = false
}

variable "name_prefix" {
  description = "Prefix of every resource name, for example imageupload-prod."
  type        = string
  nullable    = false
}

variable "region" {
  description = "AWS region of the stack."
  type        = string
  nullable    = false
}

variable "tags" {
  description = "Tags applied to every resource through the provider's default_tags."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC."
  type        = string
  default     = "10.20.0.0/16"
  nullable    = false
}
