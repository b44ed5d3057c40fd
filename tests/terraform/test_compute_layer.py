"""The compute layer (ALB, origin secret, web Auto Scaling group, CPU scaling) with real Terraform.

Plan tests read the plan JSON of the real root with the inputs the CLI renders. Apply tests stand
the layer up on a moto server of their own, after creating with boto3 what the network and data
layers would have made (VPC, public subnets, security groups, zone, buckets, EFS, DB secret), then
read the live resources back with boto3, plan again, and destroy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from tests.support.moto import moto_server
from tests.support.tfstack import LayerStack, resources_of_type

pytestmark = pytest.mark.terraform

REGION = "us-east-1"
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]
DOMAIN = "proje.com"


def _client(service: str, endpoint: str):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
    )


def webapp_package(directory: Path) -> dict[str, str]:
    """A small file standing in for build/artifacts/webapp.tar.gz, described as `infra package` does."""
    path = directory / "webapp.tar.gz"
    path.write_bytes(b"stand-in web app bundle " + directory.name.encode())
    return {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def compute_variables(name_prefix: str, upstream: dict[str, Any], package: dict[str, str]) -> dict[str, Any]:
    """Root variables as the CLI renders them for the local environment."""
    return {
        "environment": "local",
        "name_prefix": name_prefix,
        "region": REGION,
        "tags": {"Project": "imageupload", "Environment": "local"},
        "domain": DOMAIN,
        **upstream,
        "webapp_package": package,
        "instances": {
            "instance_type": "t3.small",
            "min_size": 3,
            "max_size": 5,
            "desired_capacity": 3,
            "scale_out_cpu_threshold": 90,
            "scale_in_cpu_threshold": 30,
            "health_check_grace_period": 300,
            "app_port": 8000,
            "python_version": "3.11",
        },
        "alb": {"deletion_protection": False},
    }


def placeholder_upstream(name: str) -> dict[str, Any]:
    """Upstream outputs shaped like the network and data layers', for plan-only tests."""
    return {
        "vpc_id": "vpc-0123456789abcdef0",
        "availability_zones": AZS,
        "public_subnet_ids": ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"],
        "security_group_ids": {
            "alb": "sg-0aaaaaaaaaaaaaaa1",
            "web": "sg-0bbbbbbbbbbbbbbb2",
            "db": "sg-0ccccccccccccccc3",
            "efs": "sg-0ddddddddddddddd4",
        },
        "hosted_zone_id": "Z0123456789ABCDEFGHIJ",
        "db_address": f"{name}.abcdefghij.us-east-1.rds.amazonaws.com",
        "db_port": 5432,
        "db_name": "webapp",
        "db_master_secret_arn": f"arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!{name}-AbCdEf",
        "efs_file_system_id": "fs-0123456789abcdef0",
        "efs_access_point_id": "fsap-0123456789abcdef0",
        "images_bucket": f"{name}-images",
        "images_bucket_arn": f"arn:aws:s3:::{name}-images",
        "images_bucket_kms_key_arn": None,
        "logs_bucket": f"{name}-logs",
        "artifacts_bucket": f"{name}-artifacts",
    }


def live_upstream(endpoint: str, name: str) -> dict[str, Any]:
    """Create on the emulator what the network and data layers would, and return their outputs."""
    ec2 = _client("ec2", endpoint)
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{index}.0/24", AvailabilityZone=az)["Subnet"]["SubnetId"]
        for index, az in enumerate(AZS)
    ]
    groups = {
        tier: ec2.create_security_group(GroupName=f"{name}-{tier}", Description=f"{tier} tier", VpcId=vpc_id)["GroupId"]
        for tier in ("alb", "web", "db", "efs")
    }
    zone = _client("route53", endpoint).create_hosted_zone(Name=DOMAIN, CallerReference=name)["HostedZone"]
    s3 = _client("s3", endpoint)
    buckets = {role: f"{name}-{role}" for role in ("images", "logs", "artifacts")}
    for bucket in buckets.values():
        s3.create_bucket(Bucket=bucket)
    efs = _client("efs", endpoint)
    file_system = efs.create_file_system(CreationToken=name, Encrypted=True)["FileSystemId"]
    access_point = efs.create_access_point(
        FileSystemId=file_system,
        PosixUser={"Uid": 1000, "Gid": 1000},
        RootDirectory={"Path": "/images", "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"}},
    )["AccessPointId"]
    db_secret = _client("secretsmanager", endpoint).create_secret(
        Name=f"rds!{name}", SecretString=json.dumps({"username": "webapp", "password": uuid.uuid4().hex})
    )["ARN"]
    return {
        "vpc_id": vpc_id,
        "availability_zones": AZS,
        "public_subnet_ids": subnet_ids,
        "security_group_ids": groups,
        "hosted_zone_id": zone["Id"].rsplit("/", 1)[-1],
        "db_address": f"{name}.abcdefghij.us-east-1.rds.amazonaws.com",
        "db_port": 5432,
        "db_name": "webapp",
        "db_master_secret_arn": db_secret,
        "efs_file_system_id": file_system,
        "efs_access_point_id": access_point,
        "images_bucket": buckets["images"],
        "images_bucket_arn": f"arn:aws:s3:::{buckets['images']}",
        "images_bucket_kms_key_arn": None,
        "logs_bucket": buckets["logs"],
        "artifacts_bucket": buckets["artifacts"],
    }


def real_aws_stack(work_dir: Path, endpoint: str) -> LayerStack:
    """A staged stack without the emulator override files of this layer: the code real AWS plans."""
    stack = LayerStack(work_dir, endpoint)
    for folder in ("terraform/compute", "modules/alb", "modules/web-asg"):
        for override in (stack.stack / folder).glob("emulator_override.tf"):
            override.unlink()
    return stack


def _module_resources(plan: dict[str, Any], module: str) -> dict[str, dict[str, Any]]:
    """``{address: configuration}`` of one module call's resources, to read their references."""
    config = plan["configuration"]["root_module"]["module_calls"][module]["module"]
    return {resource["address"]: resource for resource in config["resources"]}


def _references(resource_config: dict[str, Any], argument: str) -> list[str]:
    return resource_config["expressions"][argument]["references"]


def _only(resources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    assert len(resources) == 1, f"expected one resource, got {sorted(resources)}"
    return next(iter(resources.values()))


# --- plan --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    name = f"cplan{uuid.uuid4().hex[:6]}"
    package = webapp_package(tmp_path_factory.mktemp("package"))
    return compute_variables(name, placeholder_upstream(name), package)


@pytest.fixture(scope="module")
def plan(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory, plan_inputs: dict[str, Any]) -> dict:
    stack = real_aws_stack(tmp_path_factory.mktemp("compute-plan"), moto_endpoint)
    return stack.plan("compute", plan_inputs)


def test_asg_runs_three_to_five_instances_over_the_three_public_subnets(plan: dict, plan_inputs: dict) -> None:
    asg = _only(resources_of_type(plan, "aws_autoscaling_group"))
    assert (asg["min_size"], asg["max_size"], asg["desired_capacity"]) == (3, 5, 3)
    assert sorted(asg["vpc_zone_identifier"]) == sorted(plan_inputs["public_subnet_ids"])
    assert len(plan_inputs["public_subnet_ids"]) == len(set(plan_inputs["availability_zones"])) == 3
    assert asg["health_check_type"] == "ELB"
    assert asg["health_check_grace_period"] == 300
    assert asg["capacity_rebalance"] is True
    (refresh,) = asg["instance_refresh"]
    assert refresh["strategy"] == "Rolling"
    assert 0 < refresh["preferences"][0]["min_healthy_percentage"] < 100


def test_target_group_is_attached_only_on_the_asg(plan: dict) -> None:
    for other in ("aws_autoscaling_attachment", "aws_autoscaling_traffic_source_attachment"):
        assert resources_of_type(plan, other) == {}
    asg = _module_resources(plan, "web_asg")["aws_autoscaling_group.this"]
    assert "var.target_group_arns" in _references(asg, "target_group_arns")
    call = plan["configuration"]["root_module"]["module_calls"]["web_asg"]
    assert "module.alb.target_group_arn" in call["expressions"]["target_group_arns"]["references"]


def test_cpu_alarm_above_90_fires_the_plus_one_scale_out_policy_of_the_asg(plan: dict) -> None:
    asg = _only(resources_of_type(plan, "aws_autoscaling_group"))
    alarm = resources_of_type(plan, "aws_cloudwatch_metric_alarm")[
        "module.web_asg.aws_cloudwatch_metric_alarm.cpu_high"
    ]
    assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == ("AWS/EC2", "CPUUtilization", "Average")
    assert alarm["comparison_operator"] == "GreaterThanThreshold"
    assert alarm["threshold"] == 90
    assert (alarm["period"], alarm["evaluation_periods"]) == (60, 2)
    assert alarm["dimensions"] == {"AutoScalingGroupName": asg["name"]}
    config = _module_resources(plan, "web_asg")
    assert _references(config["aws_cloudwatch_metric_alarm.cpu_high"], "alarm_actions") == [
        "aws_autoscaling_policy.scale_out.arn",
        "aws_autoscaling_policy.scale_out",
    ]
    policy = resources_of_type(plan, "aws_autoscaling_policy")["module.web_asg.aws_autoscaling_policy.scale_out"]
    assert policy["autoscaling_group_name"] == asg["name"]
    assert (policy["policy_type"], policy["adjustment_type"]) == ("StepScaling", "ChangeInCapacity")
    (step,) = policy["step_adjustment"]
    assert (step["scaling_adjustment"], step["metric_interval_lower_bound"]) == (1, "0")
    assert policy["estimated_instance_warmup"] > 0


def test_cpu_alarm_below_the_low_threshold_fires_the_minus_one_scale_in_policy(plan: dict) -> None:
    asg = _only(resources_of_type(plan, "aws_autoscaling_group"))
    alarm = resources_of_type(plan, "aws_cloudwatch_metric_alarm")["module.web_asg.aws_cloudwatch_metric_alarm.cpu_low"]
    assert (alarm["metric_name"], alarm["comparison_operator"], alarm["threshold"]) == (
        "CPUUtilization",
        "LessThanThreshold",
        30,
    )
    assert alarm["dimensions"] == {"AutoScalingGroupName": asg["name"]}
    config = _module_resources(plan, "web_asg")
    assert "aws_autoscaling_policy.scale_in.arn" in _references(
        config["aws_cloudwatch_metric_alarm.cpu_low"], "alarm_actions"
    )
    policy = resources_of_type(plan, "aws_autoscaling_policy")["module.web_asg.aws_autoscaling_policy.scale_in"]
    assert policy["autoscaling_group_name"] == asg["name"]
    (step,) = policy["step_adjustment"]
    assert (step["scaling_adjustment"], step["metric_interval_upper_bound"]) == (-1, "0")


def test_alb_is_internet_facing_over_the_public_subnets_and_redirects_http(plan: dict, plan_inputs: dict) -> None:
    alb = _only(resources_of_type(plan, "aws_lb"))
    assert alb["internal"] is False
    assert alb["load_balancer_type"] == "application"
    assert sorted(alb["subnets"]) == sorted(plan_inputs["public_subnet_ids"])
    assert alb["security_groups"] == [plan_inputs["security_group_ids"]["alb"]]
    assert alb["drop_invalid_header_fields"] is True
    assert alb["desync_mitigation_mode"] == "strictest"
    assert alb["enable_deletion_protection"] is False  # local; the production default is true
    (logs,) = alb["access_logs"]
    assert (logs["enabled"], logs["bucket"]) == (True, plan_inputs["logs_bucket"])

    listeners = {values["port"]: values for values in resources_of_type(plan, "aws_lb_listener").values()}
    assert sorted(listeners) == [80, 443]
    (redirect_action,) = listeners[80]["default_action"]
    assert redirect_action["type"] == "redirect"
    (redirect,) = redirect_action["redirect"]
    assert (redirect["protocol"], redirect["port"], redirect["status_code"]) == ("HTTPS", "443", "HTTP_301")
    assert listeners[443]["protocol"] == "HTTPS"
    assert listeners[443]["ssl_policy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"


def test_only_requests_with_the_origin_header_reach_the_instances(plan: dict) -> None:
    https = next(v for v in resources_of_type(plan, "aws_lb_listener").values() if v["port"] == 443)
    (default,) = https["default_action"]
    assert default["type"] == "fixed-response"
    assert default["fixed_response"][0]["status_code"] == "403"
    rule = _only(resources_of_type(plan, "aws_lb_listener_rule"))
    (condition,) = rule["condition"]
    assert condition["http_header"][0]["http_header_name"] == "X-Origin-Verify"
    (action,) = rule["action"]
    assert action["type"] == "forward"
    config = _module_resources(plan, "alb")
    assert "data.aws_secretsmanager_secret_version.origin_verify.secret_string" in json.dumps(
        config["aws_lb_listener_rule.origin_verified"]["expressions"]["condition"]
    )
    version = _only(resources_of_type(plan, "aws_secretsmanager_secret_version"))
    assert version.get("secret_string") in (None, "")
    assert version["secret_string_wo_version"] == 1


def test_target_group_checks_readyz_on_the_app_port(plan: dict) -> None:
    group = _only(resources_of_type(plan, "aws_lb_target_group"))
    assert (group["port"], group["protocol"]) == (8000, "HTTP")
    assert group["health_check"][0]["path"] == "/readyz"
    assert group["deregistration_delay"] == "120"


def test_origin_certificate_is_dns_validated_for_origin_host(plan: dict) -> None:
    certificate = _only(resources_of_type(plan, "aws_acm_certificate"))
    assert (certificate["domain_name"], certificate["validation_method"]) == (f"origin.{DOMAIN}", "DNS")
    records = resources_of_type(plan, "aws_route53_record")
    alias = records["module.alb.aws_route53_record.origin"]
    assert (alias["name"], alias["type"]) == (f"origin.{DOMAIN}", "A")
    assert alias["alias"][0]["evaluate_target_health"] is True


def test_launch_template_is_locked_down(plan: dict) -> None:
    template = _only(resources_of_type(plan, "aws_launch_template"))
    assert template["image_id"].startswith("ami-")  # from the public AL2023 SSM parameter
    (metadata,) = template["metadata_options"]
    assert (metadata["http_tokens"], metadata["http_put_response_hop_limit"]) == ("required", 1)
    (volume,) = template["block_device_mappings"]
    assert volume["ebs"][0]["encrypted"] == "true"
    assert template["monitoring"] == [{"enabled": True}]
    assert template.get("key_name") in (None, "")
    assert template["iam_instance_profile"]


def test_instance_role_is_scoped_to_the_app_resources(plan: dict, plan_inputs: dict) -> None:
    policy = json.loads(
        resources_of_type(plan, "aws_iam_role_policy")["module.web_asg.aws_iam_role_policy.app"]["policy"]
    )
    resources = {statement["Sid"]: statement["Resource"] for statement in policy["Statement"]}
    assert all(isinstance(resource, str) and resource != "*" for resource in resources.values())
    assert resources["ReadWriteImagesUnderPrefix"] == f"{plan_inputs['images_bucket_arn']}/images/*"
    assert resources["ReadTheDatabaseSecret"] == plan_inputs["db_master_secret_arn"]
    assert resources["ReadTheArtifact"].endswith(f"/webapp/{plan_inputs['webapp_package']['sha256']}.tar.gz")
    attachments = resources_of_type(plan, "aws_iam_role_policy_attachment")
    assert [a["policy_arn"] for a in attachments.values()] == ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]


def test_a_new_artifact_changes_the_user_data(
    moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory, plan: dict, plan_inputs: dict
) -> None:
    rebuilt = webapp_package(tmp_path_factory.mktemp("rebuilt"))
    assert rebuilt["sha256"] != plan_inputs["webapp_package"]["sha256"]
    stack = real_aws_stack(tmp_path_factory.mktemp("compute-plan-rebuilt"), moto_endpoint)
    second = stack.plan("compute", {**plan_inputs, "webapp_package": rebuilt})
    first_template = _only(resources_of_type(plan, "aws_launch_template"))
    second_template = _only(resources_of_type(second, "aws_launch_template"))
    assert first_template["user_data"] != second_template["user_data"]
    (artifact,) = resources_of_type(second, "aws_s3_object").values()
    assert artifact["key"] == f"webapp/{rebuilt['sha256']}.tar.gz"


# --- apply on the emulator ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto server of this module's own, loading AWS managed policies (for Session Manager's)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
        with moto_server(tmp_path_factory.mktemp("moto-compute")) as endpoint:
            yield endpoint


@pytest.fixture(scope="module")
def applied(emulator: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    name = f"capp{uuid.uuid4().hex[:6]}"
    variables = compute_variables(name, live_upstream(emulator, name), webapp_package(tmp_path_factory.mktemp("pkg")))
    stack = LayerStack(tmp_path_factory.mktemp("compute-apply"), emulator)
    outputs = stack.apply("compute", variables)
    state = {"stack": stack, "variables": variables, "outputs": outputs, "destroyed": False}
    yield state
    if not state["destroyed"]:
        stack.destroy("compute", variables)


@pytest.mark.slow
def test_live_asg_subnets_span_three_azs(applied: dict, emulator: str) -> None:
    outputs = applied["outputs"]
    (group,) = _client("autoscaling", emulator).describe_auto_scaling_groups(
        AutoScalingGroupNames=[outputs["asg_name"]]
    )["AutoScalingGroups"]
    assert (group["MinSize"], group["MaxSize"], group["DesiredCapacity"]) == (3, 5, 3)
    assert group["HealthCheckType"] == "ELB"
    assert group["TargetGroupARNs"] == [outputs["target_group_arn"]]
    subnet_ids = group["VPCZoneIdentifier"].split(",")
    subnets = _client("ec2", emulator).describe_subnets(SubnetIds=subnet_ids)["Subnets"]
    # The emulator starts every instance in the first subnet, so the spread is read from the group.
    assert len(subnet_ids) == 3
    assert {subnet["AvailabilityZone"] for subnet in subnets} == set(AZS)


@pytest.mark.slow
def test_live_alarms_act_on_the_asg_policies(applied: dict, emulator: str) -> None:
    outputs = applied["outputs"]
    policies = _client("autoscaling", emulator).describe_policies(AutoScalingGroupName=outputs["asg_name"])[
        "ScalingPolicies"
    ]
    by_arn = {policy["PolicyARN"]: policy for policy in policies}
    alarms = {
        alarm["AlarmName"]: alarm
        for alarm in _client("cloudwatch", emulator).describe_alarms(
            AlarmNames=[outputs["scale_out_alarm_name"], outputs["scale_in_alarm_name"]]
        )["MetricAlarms"]
    }
    high = alarms[outputs["scale_out_alarm_name"]]
    assert (high["MetricName"], high["ComparisonOperator"], high["Threshold"]) == (
        "CPUUtilization",
        "GreaterThanThreshold",
        90.0,
    )
    assert high["Dimensions"] == [{"Name": "AutoScalingGroupName", "Value": outputs["asg_name"]}]
    assert high["AlarmActions"] == [outputs["scale_out_policy_arn"]]
    scale_out = by_arn[outputs["scale_out_policy_arn"]]
    assert scale_out["AutoScalingGroupName"] == outputs["asg_name"]
    assert [step["ScalingAdjustment"] for step in scale_out["StepAdjustments"]] == [1]

    low = alarms[outputs["scale_in_alarm_name"]]
    assert (low["ComparisonOperator"], low["Threshold"]) == ("LessThanThreshold", 30.0)
    (scale_in_arn,) = low["AlarmActions"]
    assert by_arn[scale_in_arn]["AutoScalingGroupName"] == outputs["asg_name"]
    assert [step["ScalingAdjustment"] for step in by_arn[scale_in_arn]["StepAdjustments"]] == [-1]


@pytest.mark.slow
def test_live_listener_rule_matches_the_generated_secret_which_is_never_printed(applied: dict, emulator: str) -> None:
    outputs = applied["outputs"]
    secret = _client("secretsmanager", emulator).get_secret_value(SecretId=outputs["origin_secret_arn"])["SecretString"]
    assert len(secret) == 48
    elbv2 = _client("elbv2", emulator)
    listeners = elbv2.describe_listeners(LoadBalancerArn=outputs["alb_arn"])["Listeners"]
    https = next(listener for listener in listeners if listener["Port"] == 443)
    rules = [rule for rule in elbv2.describe_rules(ListenerArn=https["ListenerArn"])["Rules"] if not rule["IsDefault"]]
    (rule,) = rules
    (condition,) = rule["Conditions"]
    assert condition["HttpHeaderConfig"] == {"HttpHeaderName": "X-Origin-Verify", "Values": [secret]}
    assert rule["Actions"][0]["TargetGroupArn"] == outputs["target_group_arn"]

    stack = applied["stack"]
    assert secret not in json.dumps(outputs)
    assert secret not in stack.terraform("compute", "output", "-json").stdout
    assert secret not in stack.terraform("compute", "show", "-no-color").stdout


@pytest.mark.slow
def test_second_plan_has_no_changes(applied: dict) -> None:
    plan = applied["stack"].plan("compute", applied["variables"])
    changes = [
        (change["address"], change["change"]["actions"])
        for change in plan["resource_changes"]
        if change["change"]["actions"] not in (["no-op"], ["read"])
    ]
    assert changes == []


@pytest.mark.slow
def test_live_new_artifact_rolls_the_group_to_a_new_launch_template_version(
    applied: dict, emulator: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outputs = applied["outputs"]
    rebuilt = {**applied["variables"], "webapp_package": webapp_package(tmp_path_factory.mktemp("pkg-rebuilt"))}
    applied["stack"].apply("compute", rebuilt)
    applied["variables"] = rebuilt
    (group,) = _client("autoscaling", emulator).describe_auto_scaling_groups(
        AutoScalingGroupNames=[outputs["asg_name"]]
    )["AutoScalingGroups"]
    template = group["LaunchTemplate"]
    assert template["Version"] == "2"
    (version,) = _client("ec2", emulator).describe_launch_template_versions(
        LaunchTemplateId=template["LaunchTemplateId"], Versions=["2"]
    )["LaunchTemplateVersions"]
    user_data = base64.b64decode(version["LaunchTemplateData"]["UserData"]).decode()
    assert f"/webapp/{rebuilt['webapp_package']['sha256']}.tar.gz'" in user_data
    keys = [
        item["Key"] for item in _client("s3", emulator).list_objects_v2(Bucket=rebuilt["artifacts_bucket"])["Contents"]
    ]
    assert keys == [f"webapp/{rebuilt['webapp_package']['sha256']}.tar.gz"]


@pytest.mark.slow
def test_destroy_leaves_no_compute_resources(applied: dict, emulator: str) -> None:
    outputs = applied["outputs"]
    applied["stack"].destroy("compute", applied["variables"])
    applied["destroyed"] = True
    assert _client("autoscaling", emulator).describe_auto_scaling_groups()["AutoScalingGroups"] == []
    assert _client("elbv2", emulator).describe_load_balancers()["LoadBalancers"] == []
    assert _client("elbv2", emulator).describe_target_groups()["TargetGroups"] == []
    assert _client("ec2", emulator).describe_launch_templates()["LaunchTemplates"] == []
    assert _client("cloudwatch", emulator).describe_alarms()["MetricAlarms"] == []
    assert _client("acm", emulator).list_certificates()["CertificateSummaryList"] == []
    assert _client("iam", emulator).list_roles()["Roles"] == []
    assert _client("iam", emulator).list_instance_profiles()["InstanceProfiles"] == []
    secrets = [s["ARN"] for s in _client("secretsmanager", emulator).list_secrets()["SecretList"]]
    assert outputs["origin_secret_arn"] not in secrets
    objects = _client("s3", emulator).list_objects_v2(Bucket=applied["variables"]["artifacts_bucket"])
    assert objects.get("KeyCount", 0) == 0
    zone_id = applied["variables"]["hosted_zone_id"]
    records = _client("route53", emulator).list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert sorted(record["Type"] for record in records) == ["NS", "SOA"]
