locals {
  origin_domain_name = "${var.origin_host}.${var.domain}"
}

module "alb" {
  source = "../../modules/alb"

  name                = var.name_prefix
  vpc_id              = var.vpc_id
  subnet_ids          = var.public_subnet_ids
  security_group_ids  = [var.security_group_ids.alb]
  domain_name         = local.origin_domain_name
  hosted_zone_id      = var.hosted_zone_id
  deletion_protection = var.alb.deletion_protection

  access_logs = {
    bucket  = var.logs_bucket
    enabled = var.alb.access_logs_enabled
    prefix  = "alb/${var.name_prefix}"
  }

  origin_verify = {
    header_name = var.origin_verify_header_name
  }

  target = {
    port                 = var.instances.app_port
    deregistration_delay = var.alb.deregistration_delay
    health_check_path    = "/readyz"
  }
}

module "web_asg" {
  source = "../../modules/web-asg"

  name               = "${var.name_prefix}-web"
  subnet_ids         = var.public_subnet_ids
  security_group_ids = [var.security_group_ids.web]
  target_group_arns  = [module.alb.target_group_arn]
  tags               = var.tags

  instance = {
    type = var.instances.instance_type
  }

  app = {
    port           = var.instances.app_port
    python_version = var.instances.python_version
  }

  scaling = {
    min_size                  = var.instances.min_size
    max_size                  = var.instances.max_size
    desired_capacity          = var.instances.desired_capacity
    health_check_grace_period = var.instances.health_check_grace_period
    scale_out_cpu_threshold   = var.instances.scale_out_cpu_threshold
    scale_in_cpu_threshold    = var.instances.scale_in_cpu_threshold
  }

  artifact = {
    bucket      = var.artifacts_bucket
    source_path = var.webapp_package.path
    sha256      = var.webapp_package.sha256
  }

  database = {
    address     = var.db_address
    port        = var.db_port
    name        = var.db_name
    secret_arn  = var.db_master_secret_arn
    kms_key_arn = var.db_master_secret_kms_key_arn
  }

  efs = {
    file_system_id  = var.efs_file_system_id
    access_point_id = var.efs_access_point_id
  }

  images_bucket = {
    name        = var.images_bucket
    arn         = var.images_bucket_arn
    kms_key_arn = var.images_bucket_kms_key_arn
  }
}
