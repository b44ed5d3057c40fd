variable "availability_zones" {
  description = "The AZs of the network layer, in the same order as private_subnet_ids."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 2 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list at least two distinct AZs."
  }
}

variable "backup_bucket_region" {
  description = "Region of the backup bucket (from the environment config); a region other than var.region keeps backups out of the primary region's failure domain."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.backup_bucket_region))
    error_message = "backup_bucket_region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "backup_function_package" {
  description = "The backup function's zip as built by `infra package` (build/artifacts/backup.zip): an absolute path (or one relative to this directory) and its base64-encoded SHA-256."
  type = object({
    base64sha256 = string
    path         = string
  })
  nullable = false
}

variable "backup_queue_max_receive_count" {
  description = "Receives of a backup message before it moves to the dead-letter queue."
  type        = number
  default     = 5
  nullable    = false

  validation {
    condition     = var.backup_queue_max_receive_count >= 1 && var.backup_queue_max_receive_count <= 1000 && floor(var.backup_queue_max_receive_count) == var.backup_queue_max_receive_count
    error_message = "backup_queue_max_receive_count must be a whole number between 1 and 1000."
  }
}

variable "database" {
  description = "PostgreSQL settings. The defaults are production-grade (Multi-AZ, deletion protection, final snapshot); throwaway environments turn those off. identifier overrides the default \"<name_prefix>-db\"."
  type = object({
    allocated_storage            = optional(number, 20)
    backup_retention_days        = optional(number, 7)
    db_name                      = optional(string, "imageupload")
    deletion_protection          = optional(bool, true)
    engine_version               = optional(string, "16")
    identifier                   = optional(string)
    instance_class               = optional(string, "db.t4g.medium")
    max_allocated_storage        = optional(number, 100)
    monitoring_interval          = optional(number, 60)
    multi_az                     = optional(bool, true)
    performance_insights_enabled = optional(bool, true)
    skip_final_snapshot          = optional(bool, false)
    username                     = optional(string, "imageupload_admin")
  })
  # Spelled out (not {}) so static scanners see the effective values; keep in step with the optionals.
  default = {
    allocated_storage            = 20
    backup_retention_days        = 7
    db_name                      = "imageupload"
    deletion_protection          = true
    engine_version               = "16"
    identifier                   = null
    instance_class               = "db.t4g.medium"
    max_allocated_storage        = 100
    monitoring_interval          = 60
    multi_az                     = true
    performance_insights_enabled = true
    skip_final_snapshot          = false
    username                     = "imageupload_admin"
  }
  nullable = false

  validation {
    condition     = can(regex("^16(\\.[0-9]+)?$", var.database.engine_version))
    error_message = "database.engine_version must be PostgreSQL 16: \"16\" or \"16.<minor>\"."
  }

  validation {
    condition     = var.database.backup_retention_days >= 7
    error_message = "database.backup_retention_days must be at least 7."
  }
}

variable "efs" {
  description = "Shared file system: the application's POSIX uid/gid and root directory on the access point, when idle files move to Infrequent Access, and whether AWS Backup's default plan covers it."
  type = object({
    backup_policy_enabled = optional(bool, true)
    posix_gid             = optional(number, 1000)
    posix_uid             = optional(number, 1000)
    root_directory        = optional(string, "/imageupload")
    transition_to_ia      = optional(string, "AFTER_30_DAYS")
  })
  default  = {}
  nullable = false
}

variable "environment" {
  description = "Environment name, for example \"local\", \"staging\" or \"prod\"."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.environment))
    error_message = "environment must be 1-16 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "force_destroy_buckets" {
  description = "Let destroy delete buckets that still hold objects, every version included. Only for throwaway environments."
  type        = bool
  default     = false
  nullable    = false
}

variable "log_retention_days" {
  description = "Days CloudWatch log groups keep events; S3 access logs expire after the same number of days."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value of at least a year: 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name, for example \"imageupload-local\"; bucket names add the account id and region."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.name_prefix)) && !strcontains(var.name_prefix, "--")
    error_message = "name_prefix must be 3-24 lowercase letters, digits or single hyphens, start with a letter and end with a letter or digit (bucket names are built from it)."
  }
}

variable "private_subnet_ids" {
  description = "Private subnets of the network layer, one per AZ, in the order of availability_zones."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.private_subnet_ids) >= 2 && length(distinct(var.private_subnet_ids)) == length(var.private_subnet_ids)
    error_message = "private_subnet_ids must list at least two distinct subnets."
  }

  validation {
    condition     = length(var.private_subnet_ids) == length(var.availability_zones)
    error_message = "private_subnet_ids must hold exactly one subnet per entry of availability_zones."
  }
}

variable "region" {
  description = "Region of the stack."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as \"eu-west-1\"."
  }
}

variable "security_group_ids" {
  description = "Security groups of the network layer; this layer uses db (PostgreSQL from the web tier) and efs (NFS from the web tier)."
  type = object({
    alb = string
    db  = string
    efs = string
    web = string
  })
  nullable = false
}

variable "tags" {
  description = "Tags applied to every resource through the provider's default_tags."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "vpc_id" {
  description = "VPC of the network layer; every private subnet must belong to it."
  type        = string
  nullable    = false
}
