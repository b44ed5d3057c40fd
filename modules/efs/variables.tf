variable "access_point" {
  description = "The application's access point: the POSIX uid/gid every client acts as, its root directory (created with that owner) and the directory's permissions."
  type = object({
    permissions    = optional(string, "0750")
    posix_gid      = number
    posix_uid      = number
    root_directory = string
  })
  nullable = false

  validation {
    condition     = var.access_point.posix_uid > 0 && var.access_point.posix_gid > 0
    error_message = "access_point.posix_uid and posix_gid must be positive: the application must not act as root."
  }

  validation {
    condition     = can(regex("^/[A-Za-z0-9._/-]+$", var.access_point.root_directory)) && var.access_point.root_directory != "/"
    error_message = "access_point.root_directory must be an absolute path below \"/\", for example \"/imageupload\"."
  }

  validation {
    condition     = can(regex("^0?[0-7]{3}$", var.access_point.permissions))
    error_message = "access_point.permissions must be an octal mode such as \"0750\"."
  }
}

variable "backup_policy_enabled" {
  description = "Enrol the file system in AWS Backup's default plan through an EFS backup policy."
  type        = bool
  default     = true
  nullable    = false
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the file system at rest."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:...)."
  }
}

variable "name" {
  description = "Name of the file system (creation token and Name tag)."
  type        = string
  nullable    = false

  validation {
    condition     = length(var.name) >= 1 && length(var.name) <= 64
    error_message = "name must be 1-64 characters (the limit of an EFS creation token)."
  }
}

variable "security_group_ids" {
  description = "Security groups of the mount targets; they should admit NFS (2049/tcp) from the clients only."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.security_group_ids) >= 1
    error_message = "security_group_ids must list at least one security group."
  }
}

variable "storage_tiering" {
  description = "Lifecycle: when idle files move to Infrequent Access, and when they come back to Standard."
  type = object({
    transition_to_ia                    = optional(string, "AFTER_30_DAYS")
    transition_to_primary_storage_class = optional(string, "AFTER_1_ACCESS")
  })
  default  = {}
  nullable = false

  validation {
    condition     = contains(["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS", "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"], var.storage_tiering.transition_to_ia)
    error_message = "storage_tiering.transition_to_ia must be one of AFTER_1_DAY, AFTER_7_DAYS, AFTER_14_DAYS, AFTER_30_DAYS, AFTER_60_DAYS, AFTER_90_DAYS, AFTER_180_DAYS, AFTER_270_DAYS or AFTER_365_DAYS."
  }

  validation {
    condition     = var.storage_tiering.transition_to_primary_storage_class == "AFTER_1_ACCESS"
    error_message = "storage_tiering.transition_to_primary_storage_class must be \"AFTER_1_ACCESS\" (the only value EFS accepts)."
  }
}

variable "subnet_ids_by_az" {
  description = "Subnet of the mount target in each AZ, keyed by AZ name."
  type        = map(string)
  nullable    = false

  validation {
    condition     = length(var.subnet_ids_by_az) >= 1
    error_message = "subnet_ids_by_az must map at least one AZ to a subnet."
  }
}

variable "tags" {
  description = "Tags for every resource, merged after their Name tag."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "throughput_mode" {
  description = "Throughput mode: \"elastic\" scales with load and suits bursty uploads; \"bursting\" is cheaper for steady light use."
  type        = string
  default     = "elastic"
  nullable    = false

  validation {
    condition     = contains(["bursting", "elastic"], var.throughput_mode)
    error_message = "throughput_mode must be \"bursting\" or \"elastic\"."
  }
}
