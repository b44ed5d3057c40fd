variable "access_logs" {
  description = "Access logs of the load balancer: the S3 bucket (its policy must let Elastic Load Balancing write under prefix), the key prefix, and whether logging is on."
  type = object({
    bucket  = string
    enabled = optional(bool, true)
    prefix  = optional(string, "alb")
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_logs.bucket))
    error_message = "access_logs.bucket must be an S3 bucket name (3-63 lowercase letters, digits, '.' or '-')."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", var.access_logs.prefix)) && !startswith(lower(var.access_logs.prefix), "awslogs")
    error_message = "access_logs.prefix must be a key prefix without leading or trailing '/' and must not start with AWSLogs."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancer while this is true (on in production)."
  type        = bool
  default     = true
  nullable    = false
}

variable "domain_name" {
  description = "The origin host name CloudFront connects to (for example origin.proje.com): the load balancer's alias record and the name on its regional certificate."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lowercase DNS name such as origin.proje.com."
  }
}

variable "hosted_zone_id" {
  description = "Route 53 public zone that holds domain_name: it receives the alias record and the certificate's DNS validation record."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Z0-9]{1,32}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must be a bare Route 53 zone id such as Z0123456789ABC (no /hostedzone/ prefix)."
  }
}

variable "idle_timeout" {
  description = "Seconds an idle connection stays open. Keep it below the app's keep-alive timeout (75 s), so the load balancer never reuses a connection the app has closed."
  type        = number
  default     = 60
  nullable    = false

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000
    error_message = "idle_timeout must be between 1 and 4000 seconds."
  }
}

variable "name" {
  description = "Name of the load balancer and prefix of its other resources (at most 28 characters, so the target group name fits in 32)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,26}[a-z0-9]$", var.name))
    error_message = "name must hold 2-28 lowercase letters, digits or '-', start with a letter and not end with '-'."
  }
}

variable "origin_verify" {
  description = "The secret header CloudFront adds to every origin request; the listener forwards only requests that carry it. The value is generated into Secrets Manager and never printed; bump secret_version to rotate it (then re-apply the edge layer)."
  type = object({
    header_name          = optional(string, "X-Origin-Verify")
    recovery_window_days = optional(number, 7)
    secret_version       = optional(number, 1)
  })
  default  = {}
  nullable = false

  validation {
    condition     = can(regex("^[A-Za-z0-9-]{1,40}$", var.origin_verify.header_name))
    error_message = "origin_verify.header_name must be an HTTP header name of letters, digits and '-' (at most 40)."
  }

  validation {
    condition     = var.origin_verify.recovery_window_days == 0 || (var.origin_verify.recovery_window_days >= 7 && var.origin_verify.recovery_window_days <= 30)
    error_message = "origin_verify.recovery_window_days must be 0 (delete at once) or between 7 and 30."
  }

  validation {
    condition     = var.origin_verify.secret_version >= 1 && floor(var.origin_verify.secret_version) == var.origin_verify.secret_version
    error_message = "origin_verify.secret_version must be a whole number of at least 1."
  }
}

variable "security_group_ids" {
  description = "Security groups of the load balancer (the group that admits only CloudFront's origin-facing prefix list)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.security_group_ids) > 0 && alltrue([for id in var.security_group_ids : startswith(id, "sg-")])
    error_message = "security_group_ids must list at least one security group id (sg-...)."
  }
}

variable "subnet_ids" {
  description = "Public subnets of the internet-facing load balancer, one per Availability Zone."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids) && alltrue([for id in var.subnet_ids : startswith(id, "subnet-")])
    error_message = "subnet_ids must list at least 2 distinct subnet ids (subnet-...)."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "target" {
  description = "The instances behind the load balancer: the app port, the readiness path checked, and how long a deregistering instance may finish in-flight uploads."
  type = object({
    deregistration_delay = optional(number, 120)
    health_check_path    = optional(string, "/readyz")
    port                 = optional(number, 8000)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.target.port >= 1 && var.target.port <= 65535 && floor(var.target.port) == var.target.port
    error_message = "target.port must be a whole number between 1 and 65535."
  }

  validation {
    condition     = var.target.deregistration_delay >= 0 && var.target.deregistration_delay <= 3600
    error_message = "target.deregistration_delay must be between 0 and 3600 seconds."
  }

  validation {
    condition     = can(regex("^/[A-Za-z0-9._~/-]*$", var.target.health_check_path))
    error_message = "target.health_check_path must be an absolute URL path such as /readyz."
  }
}

variable "vpc_id" {
  description = "VPC of the target group."
  type        = string
  nullable    = false

  validation {
    condition     = startswith(var.vpc_id, "vpc-")
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}
