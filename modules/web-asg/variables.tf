variable "app" {
  description = "The web application run on each instance: the TCP port it serves on and the Python version of its virtualenv."
  type = object({
    port           = optional(number, 8000)
    python_version = optional(string, "3.11")
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.app.port >= 1024 && var.app.port <= 65535 && floor(var.app.port) == var.app.port
    error_message = "app.port must be a whole number between 1024 and 65535 (the app runs unprivileged)."
  }

  validation {
    condition     = can(regex("^3\\.[0-9]{1,2}$", var.app.python_version))
    error_message = "app.python_version must be a Python 3 minor version such as 3.11."
  }
}

variable "artifact" {
  description = "The web app artifact built by `infra package` (a tar.gz holding the app wheel, wheelhouse/ and a hash-pinned requirements.txt): uploaded to this bucket under a key derived from its sha256, so a new build changes the user data and rolls the group."
  type = object({
    bucket      = string
    key_prefix  = optional(string, "webapp/")
    sha256      = string
    source_path = string
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-f0-9]{64}$", var.artifact.sha256))
    error_message = "artifact.sha256 must be 64 lowercase hexadecimal characters."
  }

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifact.bucket))
    error_message = "artifact.bucket must be an S3 bucket name (3-63 lowercase letters, digits, '.' or '-')."
  }

  validation {
    condition     = can(regex("^([A-Za-z0-9._-]+/)*$", var.artifact.key_prefix))
    error_message = "artifact.key_prefix must be empty or end with '/', using letters, digits, '.', '_' and '-' only."
  }
}

variable "database" {
  description = "The PostgreSQL database the app connects to. Only the ARN of the RDS-managed master secret reaches the instances, never the password; kms_key_arn is the key of that secret when it is not the AWS-managed one."
  type = object({
    address     = string
    kms_key_arn = optional(string)
    name        = string
    port        = optional(number, 5432)
    secret_arn  = string
  })
  nullable = false

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@!-]+$", var.database.secret_arn))
    error_message = "database.secret_arn must be a Secrets Manager secret ARN."
  }

  validation {
    condition     = var.database.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.database.kms_key_arn, "-")))
    error_message = "database.kms_key_arn must be null or a KMS key ARN."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9.-]+$", var.database.address)) && can(regex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", var.database.name))
    error_message = "database.address must be a host name and database.name a PostgreSQL identifier (letters, digits, '_')."
  }
}

variable "efs" {
  description = "The EFS file system and the access point (which enforces the app's POSIX identity and root directory) that every instance mounts over TLS at mount_point."
  type = object({
    access_point_id = string
    file_system_id  = string
    mount_point     = optional(string, "/mnt/webapp")
  })
  nullable = false

  validation {
    condition     = can(regex("^/[A-Za-z0-9._/-]+$", var.efs.mount_point)) && !strcontains(var.efs.mount_point, "..")
    error_message = "efs.mount_point must be an absolute path of letters, digits, '.', '_', '-' and '/', without '..'."
  }

  validation {
    condition     = can(regex("^fs-[a-f0-9]+$", var.efs.file_system_id)) && can(regex("^fsap-[a-f0-9]+$", var.efs.access_point_id))
    error_message = "efs.file_system_id must look like fs-0123abcd and efs.access_point_id like fsap-0123abcd."
  }
}

variable "images_bucket" {
  description = "The S3 bucket of uploaded images. Instances may read and write objects under prefix only; kms_key_arn is the bucket's KMS key when it uses SSE-KMS."
  type = object({
    arn         = string
    kms_key_arn = optional(string)
    name        = string
    prefix      = optional(string, "images/")
  })
  nullable = false

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.images_bucket.name)) && can(regex("^arn:aws[a-z-]*:s3:::", var.images_bucket.arn)) && endswith(var.images_bucket.arn, ":::${var.images_bucket.name}")
    error_message = "images_bucket.name must be an S3 bucket name and images_bucket.arn the ARN of that bucket."
  }

  validation {
    condition     = can(regex("^([A-Za-z0-9._-]+/)+$", var.images_bucket.prefix))
    error_message = "images_bucket.prefix must be a non-empty key prefix ending with '/', for example images/."
  }

  validation {
    condition     = var.images_bucket.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.images_bucket.kms_key_arn, "-")))
    error_message = "images_bucket.kms_key_arn must be null or a KMS key ARN."
  }
}

variable "instance" {
  description = "EC2 settings of the launch template: instance type and root volume size in GiB."
  type = object({
    root_volume_size = optional(number, 20)
    type             = optional(string, "t3.small")
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.instance.root_volume_size >= 8 && var.instance.root_volume_size <= 1024
    error_message = "instance.root_volume_size must be between 8 and 1024 GiB (the AL2023 image needs 8)."
  }

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.instance.type))
    error_message = "instance.type must be an EC2 instance type such as t3.small."
  }
}

variable "name" {
  description = "Name prefix of every resource of the group (at most 32 characters)."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,31}$", var.name))
    error_message = "name must start with a lowercase letter and hold 2-32 lowercase letters, digits or '-'."
  }
}

variable "scaling" {
  description = "Group size and CPU step scaling: +1 instance when the group's average CPU stays above scale_out_cpu_threshold for scale_out_periods minutes, -1 when it stays below scale_in_cpu_threshold for scale_in_periods minutes. Instance refresh replaces instances keeping min_healthy_percentage in service."
  type = object({
    desired_capacity          = optional(number, 3)
    health_check_grace_period = optional(number, 300)
    instance_warmup           = optional(number, 300)
    max_size                  = optional(number, 5)
    min_healthy_percentage    = optional(number, 66)
    min_size                  = optional(number, 3)
    scale_in_cpu_threshold    = optional(number, 30)
    scale_in_periods          = optional(number, 5)
    scale_out_cpu_threshold   = optional(number, 90)
    scale_out_periods         = optional(number, 2)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.scaling.min_size >= 1 && var.scaling.min_size <= var.scaling.desired_capacity && var.scaling.desired_capacity <= var.scaling.max_size
    error_message = "scaling must satisfy 1 <= min_size <= desired_capacity <= max_size."
  }

  validation {
    condition     = var.scaling.scale_in_cpu_threshold > 0 && var.scaling.scale_in_cpu_threshold < var.scaling.scale_out_cpu_threshold && var.scaling.scale_out_cpu_threshold < 100
    error_message = "scaling thresholds must satisfy 0 < scale_in_cpu_threshold < scale_out_cpu_threshold < 100 (percent CPU)."
  }

  validation {
    condition     = var.scaling.scale_out_periods >= 1 && var.scaling.scale_in_periods >= 1
    error_message = "scaling.scale_out_periods and scaling.scale_in_periods must be at least 1 (minutes)."
  }

  validation {
    condition     = var.scaling.min_healthy_percentage >= 0 && var.scaling.min_healthy_percentage <= 100
    error_message = "scaling.min_healthy_percentage must be between 0 and 100."
  }

  validation {
    condition     = var.scaling.health_check_grace_period >= 0 && var.scaling.instance_warmup >= 0
    error_message = "scaling.health_check_grace_period and scaling.instance_warmup must not be negative (seconds)."
  }
}

variable "security_group_ids" {
  description = "Security groups of the instances (the web tier group, which admits only the load balancer)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.security_group_ids) > 0 && alltrue([for id in var.security_group_ids : startswith(id, "sg-")])
    error_message = "security_group_ids must list at least one security group id (sg-...)."
  }
}

variable "subnet_ids" {
  description = "Subnets the group spreads its instances over, one per Availability Zone (the public subnets)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.subnet_ids) > 0 && length(distinct(var.subnet_ids)) == length(var.subnet_ids) && alltrue([for id in var.subnet_ids : startswith(id, "subnet-")])
    error_message = "subnet_ids must list distinct subnet ids (subnet-...), at least one."
  }
}

variable "tags" {
  description = "Tags added to every resource and propagated to the instances and their volumes."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "target_group_arns" {
  description = "Load balancer target groups the group registers its instances in. This is the only place they are attached."
  type        = list(string)
  default     = []
  nullable    = false
}
