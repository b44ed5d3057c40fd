variable "destination_bucket" {
  description = "The backup bucket: name, ARN, region, and the KMS key ARN of its default encryption (null for S3-managed keys)."
  type = object({
    arn         = string
    kms_key_arn = optional(string)
    name        = string
    region      = string
  })
  nullable = false
}

variable "function" {
  description = "The function's memory, timeout, reserved concurrency (also the event source's maximum concurrency, so at least 2) and extra environment variables; BACKUP_BUCKET is always set to the destination bucket."
  type = object({
    environment          = optional(map(string), {})
    memory_mb            = optional(number, 256)
    reserved_concurrency = optional(number, 5)
    timeout_seconds      = optional(number, 60)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.function.memory_mb >= 128 && var.function.memory_mb <= 10240
    error_message = "function.memory_mb must be between 128 and 10240."
  }

  validation {
    condition     = var.function.timeout_seconds >= 1 && var.function.timeout_seconds <= 900
    error_message = "function.timeout_seconds must be between 1 and 900."
  }

  validation {
    condition     = var.function.reserved_concurrency >= 2 && var.function.reserved_concurrency <= 1000
    error_message = "function.reserved_concurrency must be between 2 and 1000 (the range of an SQS event source's maximum concurrency)."
  }

  validation {
    condition     = !contains(keys(var.function.environment), "BACKUP_BUCKET")
    error_message = "function.environment must not set BACKUP_BUCKET; it always names the destination bucket."
  }
}

variable "function_package" {
  description = "The deployment zip built by `infra package`: its path (absolute, or relative to the root module) and its base64-encoded SHA-256, used as source_code_hash so an unchanged zip never shows a diff."
  type = object({
    base64sha256 = string
    path         = string
  })
  nullable = false

  validation {
    condition     = endswith(var.function_package.path, ".zip")
    error_message = "function_package.path must point to a .zip file."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9+/]{43}=$", var.function_package.base64sha256))
    error_message = "function_package.base64sha256 must be a base64-encoded SHA-256 digest (44 characters ending in \"=\")."
  }
}

variable "log_retention_days" {
  description = "Days the function's log group keeps events."
  type        = number
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "name" {
  description = "Name of the function, its role, key alias and queue (the dead-letter queue adds \"-dlq\")."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,60}$", var.name))
    error_message = "name must be 1-60 letters, digits, hyphens or underscores (leaving room for the \"-dlq\" suffix)."
  }
}

variable "queue" {
  description = "Queue behaviour: messages per batch, the batching window, receives before a message moves to the dead-letter queue, and how long each queue keeps messages."
  type = object({
    batch_size                      = optional(number, 10)
    dlq_message_retention_seconds   = optional(number, 1209600)
    max_receive_count               = optional(number, 5)
    maximum_batching_window_seconds = optional(number, 5)
    message_retention_seconds       = optional(number, 345600)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.queue.batch_size >= 1 && var.queue.batch_size <= 10
    error_message = "queue.batch_size must be between 1 and 10."
  }

  validation {
    condition     = var.queue.max_receive_count >= 1 && var.queue.max_receive_count <= 1000
    error_message = "queue.max_receive_count must be between 1 and 1000."
  }

  validation {
    condition     = var.queue.maximum_batching_window_seconds >= 0 && var.queue.maximum_batching_window_seconds <= 300
    error_message = "queue.maximum_batching_window_seconds must be between 0 and 300."
  }

  validation {
    condition = alltrue([
      for seconds in [var.queue.message_retention_seconds, var.queue.dlq_message_retention_seconds] : seconds >= 60 && seconds <= 1209600
    ])
    error_message = "queue message retention must be between 60 seconds and 14 days (1209600 seconds)."
  }

  validation {
    condition     = var.queue.dlq_message_retention_seconds >= var.queue.message_retention_seconds
    error_message = "queue.dlq_message_retention_seconds must be at least message_retention_seconds, or messages could expire on their way to the dead-letter queue."
  }
}

variable "source_bucket" {
  description = "The bucket whose new objects are backed up: name, ARN, and the KMS key ARN of its default encryption (null for S3-managed keys). Its notification configuration is owned here."
  type = object({
    arn         = string
    kms_key_arn = optional(string)
    name        = string
  })
  nullable = false
}

variable "tags" {
  description = "Tags for every resource, merged after their Name tag."
  type        = map(string)
  default     = {}
  nullable    = false
}
