# Emulator only (moto 5.2.5 with hashicorp/aws 5.100); copied into the staged stack of emulator
# environments by the CLI, never seen by real AWS. Each block silences a perpetual diff that comes
# from the emulator's answers, not from the configuration.

# moto copies the launch template's own tags into its TagSpecifications, so every plan sees an
# extra "launch-template" entry to remove.
resource "aws_launch_template" "this" {
  lifecycle {
    ignore_changes = [tag_specifications]
  }
}

# moto does not implement StartInstanceRefresh, and the provider retries it without end whenever a
# new launch template version (a new artifact) reaches the group: the emulator's group has no
# instance_refresh block. moto also does not store DefaultInstanceWarmup. desired_capacity repeats
# the module's own entry, because an override replaces the whole ignore_changes list.
resource "aws_autoscaling_group" "this" {
  dynamic "instance_refresh" {
    for_each = []

    content {
      strategy = "Rolling"
    }
  }

  lifecycle {
    ignore_changes = [desired_capacity, default_instance_warmup]
  }
}

# moto answers every scaling policy with Enabled=false and an empty predictive configuration.
resource "aws_autoscaling_policy" "scale_out" {
  lifecycle {
    ignore_changes = [enabled, predictive_scaling_configuration]
  }
}

resource "aws_autoscaling_policy" "scale_in" {
  lifecycle {
    ignore_changes = [enabled, predictive_scaling_configuration]
  }
}
