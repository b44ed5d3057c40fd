variable "alb_ingress_prefix_list_ids" {
  description = "Managed prefix lists allowed to reach the load balancer on 443 (CloudFront's origin-facing list)."
  type        = list(string)
  nullable    = false

  validation {
    condition     = length(var.alb_ingress_prefix_list_ids) > 0 && alltrue([for id in var.alb_ingress_prefix_list_ids : startswith(id, "pl-")])
    error_message = "alb_ingress_prefix_list_ids must list at least one prefix list id (pl-...)."
  }
}

variable "app_port" {
  description = "TCP port the web application listens on behind the load balancer."
  type        = number
  default     = 8000
  nullable    = false

  validation {
    condition     = var.app_port >= 1024 && var.app_port <= 65535 && floor(var.app_port) == var.app_port
    error_message = "app_port must be a whole number between 1024 and 65535."
  }
}

variable "name" {
  description = "Name prefix of the security groups."
  type        = string
  nullable    = false
}

variable "tags" {
  description = "Tags added to every security group."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "vpc_id" {
  description = "VPC the security groups belong to."
  type        = string
  nullable    = false
}
