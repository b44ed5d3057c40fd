"""The edge layer (certificate, CloudFront, WAF, DNS aliases) read from its plan JSON and run on moto.

The network and compute layers own the hosted zone and the origin secret; here they are created
with boto3 so the edge root can be planned and applied on its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest

from cli.emulator.overrides import emulator_override_files
from cli.paths import repo_root
from cli.plugins import provider_plugin_dir
from tests.support.tfstack import LayerStack, planned_resources, resources_of_type

pytestmark = pytest.mark.terraform

REGION = "eu-central-1"
ORIGIN_SECRET = "origin-verify-0123456789abcdef-never-printed"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
MANAGED_RULE_GROUPS = {
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
}


def _client(service: str, endpoint: str, region: str = "us-east-1"):
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def _unique_domain() -> str:
    return f"edge{uuid.uuid4().hex[:10]}.com"


def _prerequisites(endpoint: str, domain: str) -> dict[str, str]:
    """What the network layer (zone) and the compute layer (origin secret) would have created."""
    zone = _client("route53", endpoint).create_hosted_zone(Name=domain, CallerReference=f"{domain}-zone")
    secret = _client("secretsmanager", endpoint, REGION).create_secret(
        Name=f"{domain}-origin-verify", SecretString=ORIGIN_SECRET
    )
    return {"hosted_zone_id": zone["HostedZone"]["Id"].split("/")[-1], "origin_secret_arn": secret["ARN"]}


def _edge_variables(domain: str, upstream: dict[str, str], **overrides: Any) -> dict[str, Any]:
    variables = {
        "environment": "local",
        "name_prefix": f"edge-{domain.split('.')[0][-10:]}",
        "region": REGION,
        "tags": {"Project": "imageupload", "Environment": "local"},
        "domain": domain,
        "origin_domain_name": f"origin.{domain}",
        "origin_verify_header_name": "X-Origin-Verify",
        "cloudfront": {"wait_for_deployment": False},
        **upstream,
    }
    variables.update(overrides)
    return variables


def _module_resources(plan: dict[str, Any], *path: str) -> dict[str, dict[str, Any]]:
    """Configuration of the resources of a (nested) module call, keyed by local address."""
    module = plan["configuration"]["root_module"]
    for name in path:
        module = module["module_calls"][name]["module"]
    return {resource["address"]: resource for resource in module["resources"]}


def _only(resources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    assert len(resources) == 1, list(resources)
    return next(iter(resources.values()))


def _shown_plan(stack: LayerStack, layer: str) -> str:
    """The plan as Terraform prints it to a person."""
    plan_file = stack.work_dir / "plans" / f"{layer}.tfplan"
    return stack.terraform(layer, "show", "-no-color", str(plan_file)).stdout


@pytest.fixture(scope="module")
def planned(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory):
    domain = _unique_domain()
    variables = _edge_variables(domain, _prerequisites(moto_endpoint, domain))
    stack = LayerStack(tmp_path_factory.mktemp("edge-plan"), moto_endpoint)
    return stack, variables, stack.plan("edge", variables)


def test_cloudfront_answers_www_with_an_https_only_origin_and_a_waf(planned) -> None:
    _, variables, plan = planned
    distribution = _only(resources_of_type(plan, "aws_cloudfront_distribution"))

    assert distribution["aliases"] == [f"www.{variables['domain']}"]
    (origin,) = distribution["origin"]
    assert origin["domain_name"] == f"origin.{variables['domain']}"
    (custom,) = origin["custom_origin_config"]
    assert custom["origin_protocol_policy"] == "https-only"
    assert custom["origin_ssl_protocols"] == ["TLSv1.2"]
    assert [header["name"] for header in origin["custom_header"]] == ["X-Origin-Verify"]
    assert distribution["http_version"] == "http2and3"
    (certificate,) = distribution["viewer_certificate"]
    assert certificate["minimum_protocol_version"] == "TLSv1.2_2021"
    assert certificate["ssl_support_method"] == "sni-only"

    # The web ACL's ARN is known only after apply: the plan shows where it comes from.
    config = _module_resources(plan, "cdn")["aws_cloudfront_distribution.this"]
    assert "module.waf.arn" in config["expressions"]["web_acl_id"]["references"]
    web_acl = _only(resources_of_type(plan, "aws_wafv2_web_acl"))
    assert web_acl["scope"] == "CLOUDFRONT"


def test_pages_are_never_cached_and_images_are(planned) -> None:
    _, _, plan = planned
    distribution = _only(resources_of_type(plan, "aws_cloudfront_distribution"))

    (default,) = distribution["default_cache_behavior"]
    assert default["viewer_protocol_policy"] == "redirect-to-https"
    assert "POST" in default["allowed_methods"]
    assert default["cache_policy_id"] == CACHING_DISABLED
    assert default["origin_request_policy_id"] == ALL_VIEWER_EXCEPT_HOST_HEADER
    assert default["compress"] is True
    (images,) = distribution["ordered_cache_behavior"]
    assert images["path_pattern"] == "/images/*"
    assert images["cache_policy_id"] == CACHING_OPTIMIZED
    assert images["viewer_protocol_policy"] == "redirect-to-https"


def test_www_has_a_and_aaaa_aliases_to_the_distribution(planned) -> None:
    _, variables, plan = planned
    records = resources_of_type(plan, "aws_route53_record")
    aliases = {
        (values["name"], values["type"]): values
        for address, values in records.items()
        if address.startswith("module.dns_records.")
    }

    site = f"www.{variables['domain']}"
    assert set(aliases) == {(site, "A"), (site, "AAAA")}
    assert all(values["zone_id"] == variables["hosted_zone_id"] for values in aliases.values())
    alias_target = plan["configuration"]["root_module"]["module_calls"]["dns_records"]["expressions"]["alias_target"]
    assert {"module.cdn.domain_name", "module.cdn.hosted_zone_id"} <= set(alias_target["references"])


def test_certificate_is_requested_in_us_east_1_and_validated_by_dns(planned) -> None:
    _, variables, plan = planned
    certificate = _only(resources_of_type(plan, "aws_acm_certificate"))
    assert certificate["domain_name"] == f"www.{variables['domain']}"
    assert certificate["validation_method"] == "DNS"

    providers = plan["configuration"]["provider_config"]
    module = _module_resources(plan, "certificate")
    for address in ("aws_acm_certificate.this", "aws_acm_certificate_validation.this"):
        key = module[address]["provider_config_key"]
        assert providers[key]["expressions"]["region"]["constant_value"] == "us-east-1"
    assert providers["aws"]["expressions"]["region"]["references"] == ["var.region"]
    assert plan["variables"]["region"]["value"] == REGION


def test_web_acl_has_managed_groups_rate_limit_and_body_size_rule(planned) -> None:
    _, _, plan = planned
    web_acl = _only(resources_of_type(plan, "aws_wafv2_web_acl"))
    rules = {rule["name"]: rule for rule in web_acl["rule"]}

    managed = {
        rule["statement"][0]["managed_rule_group_statement"][0]["name"]
        for rule in rules.values()
        if rule["statement"][0]["managed_rule_group_statement"]
    }
    assert managed >= MANAGED_RULE_GROUPS
    common = rules["AWSManagedRulesCommonRuleSet"]["statement"][0]["managed_rule_group_statement"][0]
    # The group's own 8 KB body rule would block every upload; it must only count.
    assert [override["name"] for override in common["rule_action_override"]] == ["SizeRestrictions_BODY"]

    (rate,) = rules["rate-limit-per-ip"]["statement"][0]["rate_based_statement"]
    assert rate["limit"] == 2000
    assert rate["aggregate_key_type"] == "IP"

    (body,) = rules["body-size-limit"]["statement"][0]["regex_match_statement"]
    assert body["field_to_match"][0]["single_header"][0]["name"] == "content-length"
    assert rules["body-size-limit"]["action"][0]["block"][0]["custom_response"][0]["response_code"] == 413
    limit = 10 * 1024 * 1024
    assert re.search(body["regex_string"], str(limit + 1))
    assert not re.search(body["regex_string"], str(limit))

    logging = _only(resources_of_type(plan, "aws_wafv2_web_acl_logging_configuration"))
    assert logging["redacted_fields"]


def test_origin_secret_is_never_printed_or_output(planned) -> None:
    stack, _, plan = planned
    assert ORIGIN_SECRET not in _shown_plan(stack, "edge")
    assert ORIGIN_SECRET not in json.dumps(plan["planned_values"].get("outputs", {}))
    assert set(plan["planned_values"]["outputs"]) == {
        "certificate_arn",
        "distribution_domain_name",
        "distribution_id",
        "site_url",
        "web_acl_arn",
    }
    assert (
        plan["planned_values"]["outputs"]["site_url"]["value"] == f"https://www.{plan['variables']['domain']['value']}"
    )


def test_apex_gets_certificate_alias_and_records_when_included(moto_endpoint: str, tmp_path: Path) -> None:
    domain = _unique_domain()
    variables = _edge_variables(domain, _prerequisites(moto_endpoint, domain), include_apex=True)
    plan = LayerStack(tmp_path, moto_endpoint).plan("edge", variables)

    distribution = _only(resources_of_type(plan, "aws_cloudfront_distribution"))
    assert sorted(distribution["aliases"]) == sorted([f"www.{domain}", domain])
    certificate = _only(resources_of_type(plan, "aws_acm_certificate"))
    assert certificate["domain_name"] == f"www.{domain}"
    # ACM lists the primary name among the alternative names too.
    assert sorted(certificate["subject_alternative_names"]) == sorted([f"www.{domain}", domain])
    records = {
        (values["name"], values["type"])
        for address, values in resources_of_type(plan, "aws_route53_record").items()
        if address.startswith("module.dns_records.")
    }
    assert records == {(name, kind) for name in (f"www.{domain}", domain) for kind in ("A", "AAAA")}
    validations = [address for address in planned_resources(plan) if ".aws_route53_record.validation[" in address]
    assert len(validations) == 2


def test_real_aws_gets_the_custom_security_headers_policy(moto_endpoint: str, tmp_path: Path) -> None:
    """Without the emulator's override files the distribution carries the project's own headers."""
    domain = _unique_domain()
    variables = _edge_variables(domain, _prerequisites(moto_endpoint, domain))
    stack = LayerStack(tmp_path, moto_endpoint)
    for relative in emulator_override_files():
        (stack.stack / relative).unlink()
    plan = stack.plan("edge", variables)

    policy = _only(resources_of_type(plan, "aws_cloudfront_response_headers_policy"))
    (headers,) = policy["security_headers_config"]
    (hsts,) = headers["strict_transport_security"]
    assert hsts["access_control_max_age_sec"] >= 31536000
    assert hsts["include_subdomains"] and hsts["override"]
    assert headers["content_type_options"][0]["override"] is True
    assert headers["frame_options"][0]["frame_option"] == "DENY"
    assert "default-src 'self'" in headers["content_security_policy"][0]["content_security_policy"]
    assert headers["referrer_policy"][0]["referrer_policy"] == "strict-origin-when-cross-origin"

    # Both behaviours take the id of the policy planned above, known only once it is created.
    (change,) = [item for item in plan["resource_changes"] if item["type"] == "aws_cloudfront_distribution"]
    unknown = change["change"]["after_unknown"]
    assert unknown["default_cache_behavior"][0]["response_headers_policy_id"] is True
    assert unknown["ordered_cache_behavior"][0]["response_headers_policy_id"] is True


# Limits around digit boundaries, with nines and zeros in every position.
BODY_LIMITS = [1, 9, 10, 65536, 10485760, 100000000, 999999999]


def _body_size_regexes(endpoint: str, work_dir: Path) -> dict[int, str]:
    """Plan one web ACL per limit in a throwaway root and collect each body-size regex."""
    root = work_dir / "root"
    root.mkdir()
    module_source = repo_root() / "modules" / "waf"
    (root / "main.tf").write_text(
        textwrap.dedent(
            f"""
            provider "aws" {{
              region = "us-east-1"
            }}

            module "waf" {{
              source   = "{module_source}"
              for_each = toset({json.dumps([str(limit) for limit in BODY_LIMITS])})

              name           = "limit-${{each.key}}"
              max_body_bytes = tonumber(each.key)
            }}
            """
        )
    )
    env = {
        **os.environ,
        "CHECKPOINT_DISABLE": "1",
        "TF_IN_AUTOMATION": "1",
        "TF_DATA_DIR": str(work_dir / "tfdata"),
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_MAX_ATTEMPTS": "1",
    }
    plugin_dir = provider_plugin_dir()
    extra = [f"-plugin-dir={plugin_dir}"] if plugin_dir else []
    for args in (["init", "-input=false", *extra], ["plan", "-input=false", "-out=plan.tfplan"]):
        subprocess.run(["terraform", f"-chdir={root}", *args], env=env, check=True, capture_output=True)
    shown = subprocess.run(
        ["terraform", f"-chdir={root}", "show", "-json", "plan.tfplan"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    plan = json.loads(shown.stdout)
    regexes = {}
    for address, values in resources_of_type(plan, "aws_wafv2_web_acl").items():
        limit = int(re.search(r'module\.waf\["(\d+)"\]', address).group(1))
        (rule,) = [rule for rule in values["rule"] if rule["name"] == "body-size-limit"]
        regexes[limit] = rule["statement"][0]["regex_match_statement"][0]["regex_string"]
    return regexes


def _neighbours(limit: int) -> set[int]:
    """Numbers that share a prefix with the limit and then take every digit, padded low and high."""
    digits = str(limit)
    values = {0, 1, limit - 1, limit, limit + 1, limit * 10, 10 ** len(digits), 10 ** len(digits) - 1}
    for position in range(len(digits)):
        rest = len(digits) - position - 1
        for digit in "0123456789":
            values.add(int(digits[:position] + digit + "0" * rest))
            values.add(int(digits[:position] + digit + "9" * rest))
    return {value for value in values if value >= 0}


def test_body_size_regex_matches_exactly_the_lengths_above_the_limit(moto_endpoint: str, tmp_path: Path) -> None:
    regexes = _body_size_regexes(moto_endpoint, tmp_path)
    assert set(regexes) == set(BODY_LIMITS)

    for limit, regex in regexes.items():
        assert len(regex) <= 200, (limit, regex)  # WAF's limit on a regex pattern
        for value in sorted(_neighbours(limit)):
            assert bool(re.search(regex, str(value))) == (value > limit), (limit, value, regex)
            assert bool(re.search(regex, "00" + str(value))) == (value > limit), (limit, value, regex)
        for text in ("", "abc", f"{limit + 1} ", f"-{limit + 1}", f"{limit + 1}.0"):
            assert not re.search(regex, text), (limit, text, regex)


@pytest.mark.slow
def test_emulator_apply_is_stable_and_destroys_clean(moto_endpoint: str, tmp_path: Path) -> None:
    endpoint = moto_endpoint
    domain = _unique_domain()
    upstream = _prerequisites(endpoint, domain)
    variables = _edge_variables(domain, upstream)
    stack = LayerStack(tmp_path, endpoint)

    outputs = stack.apply("edge", variables)

    assert outputs["site_url"] == f"https://www.{domain}"
    assert ":us-east-1:" in outputs["certificate_arn"]
    assert ORIGIN_SECRET not in json.dumps(outputs)
    cloudfront = _client("cloudfront", endpoint)
    config = cloudfront.get_distribution_config(Id=outputs["distribution_id"])["DistributionConfig"]
    assert config["Aliases"]["Items"] == [f"www.{domain}"]
    assert config["WebACLId"] == outputs["web_acl_arn"]
    (origin,) = config["Origins"]["Items"]
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert origin["CustomHeaders"]["Items"] == [{"HeaderName": "X-Origin-Verify", "HeaderValue": ORIGIN_SECRET}]
    acm = _client("acm", endpoint)
    assert acm.describe_certificate(CertificateArn=outputs["certificate_arn"])["Certificate"]["Status"] == "ISSUED"
    route53 = _client("route53", endpoint)
    records = route53.list_resource_record_sets(HostedZoneId=upstream["hosted_zone_id"])["ResourceRecordSets"]
    aliases = {
        record["Type"]: record["AliasTarget"]["DNSName"].rstrip(".")
        for record in records
        if record["Name"] == f"www.{domain}." and "AliasTarget" in record
    }
    assert aliases == {"A": outputs["distribution_domain_name"], "AAAA": outputs["distribution_domain_name"]}

    second = stack.plan("edge", variables)
    changes = [
        (change["address"], change["change"]["actions"])
        for change in second["resource_changes"]
        if change["change"]["actions"] != ["no-op"]
    ]
    assert changes == []

    stack.destroy("edge", variables)

    # The emulator may be shared with other tests: look only for what this apply created.
    distributions = cloudfront.list_distributions()["DistributionList"].get("Items", [])
    assert [item["Id"] for item in distributions if item["Id"] == outputs["distribution_id"]] == []
    web_acls = _client("wafv2", endpoint).list_web_acls(Scope="CLOUDFRONT")["WebACLs"]
    assert [acl["Name"] for acl in web_acls if acl["Name"] == variables["name_prefix"]] == []
    certificates = acm.list_certificates()["CertificateSummaryList"]
    assert [item for item in certificates if item["CertificateArn"] == outputs["certificate_arn"]] == []
    logs = _client("logs", endpoint)
    groups = [group["logGroupName"] for group in logs.describe_log_groups()["logGroups"]]
    assert [name for name in groups if variables["name_prefix"] in name] == []
    sources = [source["name"] for source in logs.describe_delivery_sources()["deliverySources"]]
    assert [name for name in sources if name.startswith(variables["name_prefix"])] == []
    remaining = route53.list_resource_record_sets(HostedZoneId=upstream["hosted_zone_id"])["ResourceRecordSets"]
    assert {record["Type"] for record in remaining} == {"NS", "SOA"}
