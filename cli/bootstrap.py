"""Create the S3 bucket that holds a real environment's Terraform state."""

from __future__ import annotations

import json

from cli.config import EnvironmentConfig
from cli.errors import InfraError, UsageError


def _deny_insecure_transport(bucket: str) -> str:
    arn = f"arn:aws:s3:::{bucket}"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [arn, f"{arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
    )


def bootstrap_state_bucket(env: EnvironmentConfig, client=None) -> str:
    """Create (or bring up to standard) a versioned, encrypted, private state bucket; idempotent."""
    import boto3
    from botocore.exceptions import ClientError

    if env.state.backend != "s3" or not env.state.bucket:
        raise UsageError(f"{env.name} keeps its state locally; there is no state bucket to create")
    bucket, region = env.state.bucket, env.state.region or env.region
    s3 = client or boto3.Session(profile_name=env.aws_profile).client("s3", region_name=region)
    try:
        arguments = {"Bucket": bucket, "ObjectOwnership": "BucketOwnerEnforced"}
        if region != "us-east-1":
            arguments["CreateBucketConfiguration"] = {"LocationConstraint": region}
        s3.create_bucket(**arguments)
    except ClientError as error:
        code = error.response["Error"]["Code"]
        if code != "BucketAlreadyOwnedByYou":
            raise InfraError(f"cannot create state bucket {bucket}: {code}") from None
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}]
        },
    )
    s3.put_bucket_policy(Bucket=bucket, Policy=_deny_insecure_transport(bucket))
    return bucket
