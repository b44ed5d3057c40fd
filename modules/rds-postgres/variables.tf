variable "db_name" {
  description = "Name of the database created on the instance."
  type        = string
  default     = "app"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must start with a lowercase letter and hold at most 63 lowercase letters, digits or underscores."
  }
}

variable "engine_version" {
  description = "PostgreSQL version: a major version (\"16\") lets automatic minor upgrades proceed without drift; a full version (\"16.8\") pins the starting minor."
  type        = string
  default     = "16"
  nullable    = false

  validation {
    condition     = can(regex("^[0-9]{2}(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must look like \"16\" or \"16.8\"."
  }
}

variable "identifier" {
  description = "DB instance identifier; also names the subnet group, parameter group, monitoring role and log groups."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,48}[a-z0-9]$", var.identifier)) && !strcontains(var.identifier, "--")
    error_message = "identifier must be 2-50 lowercase letters, digits or single hyphens, start with a letter and not end with a hyphen."
  }
}

variable "instance_class" {
  description = "Instance class, for example db.t4g.medium."
  type        = string
  default     = "db.t4g.medium"
  nullable    = false

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS class such as \"db.t4g.medium\"."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key for storage, snapshots and Performance Insights."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:...)."
  }
}

variable "monitoring" {
  description = "Observability: enhanced monitoring interval in seconds (0 turns it off), Performance Insights and its retention, exported log types, and the retention and KMS key of their log groups."
  type = object({
    interval                            = optional(number, 60)
    log_exports                         = optional(list(string), ["postgresql", "upgrade"])
    log_kms_key_arn                     = optional(string)
    log_retention_days                  = optional(number, 365)
    performance_insights_enabled        = optional(bool, true)
    performance_insights_retention_days = optional(number, 7)
  })
  # Spelled out (not {}) so static scanners see the effective values; keep in step with the optionals.
  default = {
    interval                            = 60
    log_exports                         = ["postgresql", "upgrade"]
    log_kms_key_arn                     = null
    log_retention_days                  = 365
    performance_insights_enabled        = true
    performance_insights_retention_days = 7
  }
  nullable = false

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring.interval)
    error_message = "monitoring.interval must be one of 0, 1, 5, 10, 15, 30 or 60."
  }

  validation {
    condition     = alltrue([for log in var.monitoring.log_exports : contains(["postgresql", "upgrade", "iam-db-auth-error"], log)])
    error_message = "monitoring.log_exports may only contain \"postgresql\", \"upgrade\" and \"iam-db-auth-error\"."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.monitoring.log_retention_days)
    error_message = "monitoring.log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }

  validation {
    condition     = var.monitoring.performance_insights_retention_days == 7 || (var.monitoring.performance_insights_retention_days % 31 == 0 && var.monitoring.performance_insights_retention_days <= 713) || var.monitoring.performance_insights_retention_days == 731
    error_message = "monitoring.performance_insights_retention_days must be 7, a multiple of 31 up to 713, or 731."
  }
}

variable "network" {
  description = "Placement: the private subnets of the subnet group (two AZs at least) and the security groups of the instance."
  type = object({
    security_group_ids = list(string)
    subnet_ids         = list(string)
  })
  nullable = false

  validation {
    condition     = length(var.network.subnet_ids) >= 2
    error_message = "network.subnet_ids must list at least two subnets in different AZs (RDS requires it)."
  }

  validation {
    condition     = length(var.network.security_group_ids) >= 1
    error_message = "network.security_group_ids must list at least one security group."
  }
}

variable "parameters" {
  description = "Extra or overriding DB parameters by name. The defaults force TLS 1.2+ and log connections, DDL and statements slower than 1 s."
  type = map(object({
    apply_method = optional(string, "immediate")
    value        = string
  }))
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for p in values(var.parameters) : contains(["immediate", "pending-reboot"], p.apply_method)])
    error_message = "parameters.*.apply_method must be \"immediate\" or \"pending-reboot\"."
  }

  validation {
    condition     = try(var.parameters["rds.force_ssl"].value, "1") == "1"
    error_message = "parameters must not turn off rds.force_ssl: connections have to use TLS."
  }
}

variable "protection" {
  description = "Resilience per environment: Multi-AZ, days of automated backups (7-35), deletion protection, and whether destroy skips the final snapshot."
  type = object({
    backup_retention_days = optional(number, 7)
    deletion_protection   = optional(bool, true)
    multi_az              = optional(bool, true)
    skip_final_snapshot   = optional(bool, false)
  })
  # Spelled out (not {}) so static scanners see the effective values; keep in step with the optionals.
  default = {
    backup_retention_days = 7
    deletion_protection   = true
    multi_az              = true
    skip_final_snapshot   = false
  }
  nullable = false

  validation {
    condition     = var.protection.backup_retention_days >= 7 && var.protection.backup_retention_days <= 35
    error_message = "protection.backup_retention_days must be between 7 and 35."
  }
}

variable "storage" {
  description = "Storage in GiB: the initial gp3 allocation and the ceiling for storage autoscaling."
  type = object({
    allocated_gb     = optional(number, 20)
    max_allocated_gb = optional(number, 100)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.storage.allocated_gb >= 20 && var.storage.max_allocated_gb >= var.storage.allocated_gb
    error_message = "storage.allocated_gb must be at least 20 and storage.max_allocated_gb at least allocated_gb."
  }
}

variable "tags" {
  description = "Tags for every resource, merged after their Name tag."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "username" {
  description = "Master user name. Its password is generated and kept by RDS in Secrets Manager."
  type        = string
  default     = "app_admin"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.username)) && var.username != "rdsadmin"
    error_message = "username must start with a lowercase letter, hold at most 63 lowercase letters, digits or underscores, and not be \"rdsadmin\", which RDS reserves."
  }
}
