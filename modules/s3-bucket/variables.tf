variable "access_log_sources" {
  description = "Makes this bucket a server access log target: the account and the source bucket ARNs (wildcards allowed) whose access logs the S3 logging service may write here. Null for an ordinary bucket."
  type = object({
    account_id  = string
    bucket_arns = list(string)
  })
  default = null

  validation {
    condition     = var.access_log_sources == null || can(regex("^[0-9]{12}$", var.access_log_sources.account_id))
    error_message = "access_log_sources.account_id must be a 12-digit AWS account id."
  }

  validation {
    condition     = var.access_log_sources == null || length(try(var.access_log_sources.bucket_arns, [])) > 0
    error_message = "access_log_sources.bucket_arns must list at least one source bucket ARN."
  }
}

variable "access_logs" {
  description = "Where this bucket's server access logs go: a log bucket in the same region and an optional key prefix (defaults to \"<name>/\"). Only a log target bucket (access_log_sources set) may leave this null, since a log bucket must not log to itself."
  type = object({
    bucket = string
    prefix = optional(string)
  })
  default = null

  validation {
    condition     = var.access_logs != null || var.access_log_sources != null
    error_message = "access_logs is required unless the bucket is itself a log target (access_log_sources set)."
  }
}

variable "encryption" {
  description = "Default encryption. \"aws:kms\" with kms_key_arn uses that customer managed key; \"aws:kms\" without one uses the AWS managed key aws/s3. \"AES256\" (S3-managed keys) is allowed only for a log target bucket, because S3 server access logging cannot deliver to SSE-KMS buckets."
  type = object({
    kms_key_arn   = optional(string)
    sse_algorithm = optional(string, "aws:kms")
  })
  # Spelled out (not {}) so static scanners see the effective values; keep in step with the optionals.
  default = {
    kms_key_arn   = null
    sse_algorithm = "aws:kms"
  }
  nullable = false

  validation {
    condition     = contains(["aws:kms", "AES256"], var.encryption.sse_algorithm)
    error_message = "encryption.sse_algorithm must be \"aws:kms\" or \"AES256\"."
  }

  validation {
    condition     = var.encryption.sse_algorithm == "aws:kms" || var.access_log_sources != null
    error_message = "encryption.sse_algorithm = \"AES256\" is only allowed for a log target bucket (access_log_sources set); use \"aws:kms\"."
  }

  validation {
    condition     = var.encryption.kms_key_arn == null || var.encryption.sse_algorithm == "aws:kms"
    error_message = "encryption.kms_key_arn can only be set with sse_algorithm = \"aws:kms\"."
  }

  validation {
    condition     = var.encryption.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.encryption.kms_key_arn))
    error_message = "encryption.kms_key_arn must be a full KMS key ARN (arn:aws:kms:...), as S3 requires for service operations."
  }
}

variable "eventbridge_notifications" {
  description = "Send this bucket's object events to Amazon EventBridge. Turn off when another configuration owns the bucket's notifications (S3 keeps one per bucket)."
  type        = bool
  default     = true
  nullable    = false
}

variable "force_destroy" {
  description = "Allow destroy to delete every object version in the bucket. Keep false wherever the data matters."
  type        = bool
  default     = false
  nullable    = false
}

variable "lifecycle_policy" {
  description = "Lifecycle: days before incomplete multipart uploads are aborted, how long noncurrent versions are kept, and an optional expiry of current versions (for example for logs)."
  type = object({
    abort_incomplete_multipart_upload_days = optional(number, 7)
    current_version_expiration_days        = optional(number)
    noncurrent_version_expiration_days     = optional(number, 90)
  })
  default  = {}
  nullable = false

  validation {
    condition = alltrue([
      var.lifecycle_policy.abort_incomplete_multipart_upload_days >= 1,
      var.lifecycle_policy.noncurrent_version_expiration_days >= 1,
      var.lifecycle_policy.current_version_expiration_days == null || try(var.lifecycle_policy.current_version_expiration_days >= 1, false),
    ])
    error_message = "lifecycle_policy day counts must be at least 1."
  }
}

variable "name" {
  description = "Globally unique bucket name."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 3-63 characters of lowercase letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "tags" {
  description = "Tags for the bucket, merged after its Name tag."
  type        = map(string)
  default     = {}
  nullable    = false
}
