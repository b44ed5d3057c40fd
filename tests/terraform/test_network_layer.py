"""The network layer through the real CLI, real Terraform and provider, on moto server over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest

from tests.support.cli import run_infra
from tests.support.tfstack import LayerStack, resources_of_type

pytestmark = pytest.mark.terraform
NETWORK_VARS = {
    "environment": "test",
    "name_prefix": "imageupload-test",
    "region": "us-east-1",
    "tags": {"Project": "imageupload"},
    "dns": {"domain": "proje.com"},
    "availability_zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
}


def _ec2(endpoint: str):
    return boto3.client(
        "ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
    )


def test_network_plan_chains_security_groups(tmp_path: Path, moto_endpoint: str) -> None:
    plan = LayerStack(tmp_path, moto_endpoint).plan("network", NETWORK_VARS)
    ingress = resources_of_type(plan, "aws_vpc_security_group_ingress_rule")
    by_name = {address.split(".")[-1].split("[")[0]: values for address, values in ingress.items()}
    assert set(by_name) == {"alb_from_cloudfront", "web_from_alb", "db_from_web", "efs_from_web"}
    assert (
        by_name["alb_from_cloudfront"]["from_port"],
        by_name["alb_from_cloudfront"]["prefix_list_id"] is not None,
    ) == (
        443,
        True,
    )
    assert by_name["alb_from_cloudfront"].get("cidr_ipv4") is None
    assert by_name["db_from_web"]["from_port"] == 5432
    assert by_name["efs_from_web"]["from_port"] == 2049
    assert by_name["web_from_alb"]["from_port"] == 8000
    assert len(resources_of_type(plan, "aws_default_security_group")) == 1
    subnets = resources_of_type(plan, "aws_subnet")
    assert len({values["availability_zone"] for values in subnets.values()}) == 3
    assert not any(values["map_public_ip_on_launch"] for values in subnets.values())
    assert resources_of_type(plan, "aws_flow_log")
    log_groups = {values["name"]: values for values in resources_of_type(plan, "aws_cloudwatch_log_group").values()}
    assert log_groups["/vpc/imageupload-test/flow-logs"]["retention_in_days"] == 365
    assert resources_of_type(plan, "aws_route53_query_log")


def test_network_round_trip_through_the_cli(project_root: Path, fresh_moto_endpoint: str) -> None:
    env = {"INFRA_AWS_ENDPOINT": fresh_moto_endpoint}
    applied = run_infra(project_root, "apply", "local", "--layer", "network", "--auto-approve", env=env)
    assert applied.returncode == 0, applied.stdout[-3000:] + applied.stderr
    assert "[local/network]" in applied.stdout  # Terraform's output streamed through

    shown = run_infra(project_root, "output", "local", "--layer", "network", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    outputs = json.loads(shown.stdout)
    ec2 = _ec2(fresh_moto_endpoint)
    for kind in ("public_subnet_ids", "private_subnet_ids"):
        assert len(outputs[kind]) == 3
        subnets = ec2.describe_subnets(SubnetIds=outputs[kind])["Subnets"]
        assert {subnet["VpcId"] for subnet in subnets} == {outputs["vpc_id"]}
        assert len({subnet["AvailabilityZone"] for subnet in subnets}) == 3

    (default_group,) = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [outputs["vpc_id"]]}, {"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]
    assert default_group["IpPermissions"] == [] and default_group["IpPermissionsEgress"] == []

    replanned = run_infra(project_root, "plan", "local", "--layer", "network", env=env)
    assert replanned.returncode == 0, replanned.stderr
    assert "no changes" in replanned.stdout

    destroyed = run_infra(project_root, "destroy", "local", "--layer", "network", "--auto-approve", env=env)
    assert destroyed.returncode == 0, destroyed.stderr
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["imageupload-local"]}])["Vpcs"]
    assert vpcs == []
    assert ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [outputs["vpc_id"]]}])["Subnets"] == []
    route53 = boto3.client(
        "route53",
        endpoint_url=fresh_moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    assert route53.list_hosted_zones()["HostedZones"] == []
