variable "alb" {
  description = "Load balancer settings: deletion protection (on in production), seconds a deregistering instance may finish in-flight uploads, and whether access logs go to the logs bucket."
  type = object({
    access_logs_enabled  = optional(bool, true)
    deletion_protection  = optional(bool, true)
    deregistration_delay = optional(number, 120)
  })
  default = {
    access_logs_enabled  = true
    deletion_protection  = true
    deregistration_delay = 120
  }
  nullable = false
}

variable "artifacts_bucket" {
  description = "S3 bucket (from the data layer) that receives the web app artifact."
  type        = string
  nullable    = false
}

variable "availability_zones" {
  description = "Availability Zones of the public subnets (from the network layer), in the same order."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 3 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list at least 3 distinct zones: the web tier runs one instance per zone."
  }
}

variable "db_address" {
  description = "Host name of the PostgreSQL instance (from the data layer)."
  type        = string
  nullable    = false
}

variable "db_master_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret of the master user (from the data layer). Only this ARN reaches the instances."
  type        = string
  nullable    = false
}

variable "db_master_secret_kms_key_arn" {
  description = "KMS key of the master user secret when the data layer uses a customer managed key; null for the AWS-managed key."
  type        = string
  default     = null
}

variable "db_name" {
  description = "Name of the application database (from the data layer)."
  type        = string
  nullable    = false
}

variable "db_port" {
  description = "Port of the PostgreSQL instance (from the data layer)."
  type        = number
  default     = 5432
  nullable    = false
}

variable "domain" {
  description = "The site's domain, for example proje.com; the load balancer answers as <origin_host>.<domain>."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a lowercase DNS name such as proje.com."
  }
}

variable "efs_access_point_id" {
  description = "EFS access point (from the data layer) that enforces the app's POSIX identity and root directory."
  type        = string
  nullable    = false
}

variable "efs_file_system_id" {
  description = "EFS file system of the uploaded images (from the data layer)."
  type        = string
  nullable    = false
}

variable "environment" {
  description = "Environment name (local, dev, prod)."
  type        = string
  nullable    = false
}

variable "hosted_zone_id" {
  description = "Route 53 public zone of the domain (from the network layer): holds the origin alias record and the certificate's validation record."
  type        = string
  nullable    = false
}

variable "images_bucket" {
  description = "Name of the images bucket (from the data layer)."
  type        = string
  nullable    = false
}

variable "images_bucket_arn" {
  description = "ARN of the images bucket (from the data layer)."
  type        = string
  nullable    = false
}

variable "images_bucket_kms_key_arn" {
  description = "KMS key of the images bucket when it uses SSE-KMS (from the data layer); null for S3-managed keys."
  type        = string
  default     = null
}

variable "instances" {
  description = "The web tier: instance type, group size (3/5/3), CPU percentages that add or remove one instance, seconds of health check grace, the app port and the Python version on the instances."
  type = object({
    app_port                  = optional(number, 8000)
    desired_capacity          = optional(number, 3)
    health_check_grace_period = optional(number, 300)
    instance_type             = optional(string, "t3.small")
    max_size                  = optional(number, 5)
    min_size                  = optional(number, 3)
    python_version            = optional(string, "3.11")
    scale_in_cpu_threshold    = optional(number, 30)
    scale_out_cpu_threshold   = optional(number, 90)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.instances.min_size <= var.instances.desired_capacity && var.instances.desired_capacity <= var.instances.max_size
    error_message = "instances must satisfy min_size <= desired_capacity <= max_size."
  }

  validation {
    condition     = var.instances.scale_in_cpu_threshold < var.instances.scale_out_cpu_threshold
    error_message = "instances.scale_in_cpu_threshold must be below instances.scale_out_cpu_threshold."
  }
}

variable "logs_bucket" {
  description = "S3 bucket (from the data layer) that receives the load balancer's access logs."
  type        = string
  nullable    = false
}

variable "name_prefix" {
  description = "Prefix of every resource name, for example imageupload-prod."
  type        = string
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must hold 3-25 lowercase letters, digits or '-' so that derived names fit AWS limits."
  }
}

variable "origin_host" {
  description = "Host label of the load balancer under the domain: CloudFront connects to <origin_host>.<domain>."
  type        = string
  default     = "origin"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.origin_host))
    error_message = "origin_host must be a single lowercase DNS label such as origin."
  }
}

variable "origin_verify_header_name" {
  description = "Header CloudFront adds to origin requests with the secret value; the load balancer forwards only requests that carry it."
  type        = string
  default     = "X-Origin-Verify"
  nullable    = false
}

variable "public_subnet_ids" {
  description = "Public subnets (from the network layer), one per Availability Zone, in the order of availability_zones."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.public_subnet_ids) >= 3 && length(var.public_subnet_ids) == length(var.availability_zones)
    error_message = "public_subnet_ids must list one subnet per Availability Zone in availability_zones (at least 3)."
  }
}

variable "region" {
  description = "AWS region of the stack."
  type        = string
  nullable    = false
}

variable "security_group_ids" {
  description = "Security groups by tier (from the network layer): alb, web, db, efs."
  type = object({
    alb = string
    db  = string
    efs = string
    web = string
  })
  nullable = false
}

variable "tags" {
  description = "Tags applied to every resource through the provider's default_tags, and propagated to the instances."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "vpc_id" {
  description = "The VPC id (from the network layer)."
  type        = string
  nullable    = false
}

variable "webapp_package" {
  description = "The web app artifact built by `infra package` (build/artifacts/webapp.tar.gz): its path and sha256."
  type = object({
    path   = string
    sha256 = string
  })
  nullable = false
}
