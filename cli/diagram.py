"""Draw an environment's architecture with the ``diagrams`` library (Graphviz, AWS icons)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cli.config import EnvironmentConfig


def _zones(env: EnvironmentConfig, network: dict[str, Any]) -> list[str]:
    if network.get("availability_zones"):
        return list(network["availability_zones"])
    return env.availability_zones


def draw(env: EnvironmentConfig, outputs: dict[str, dict[str, Any]], out_dir: Path) -> list[Path]:
    """Write ``architecture.png`` and ``architecture.svg`` into ``out_dir``; return their paths."""
    from diagrams import Cluster, Diagram, Edge
    from diagrams.aws.compute import EC2, AutoScaling, Lambda
    from diagrams.aws.database import RDS
    from diagrams.aws.integration import SQS
    from diagrams.aws.network import ALB, CloudFront, Route53
    from diagrams.aws.security import WAF, CertificateManager
    from diagrams.aws.storage import EFS, S3
    from diagrams.onprem.client import Users

    network, data = outputs.get("network", {}), outputs.get("data", {})
    compute = env.compute
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / "architecture"
    graph = {"fontsize": "20", "pad": "0.4", "nodesep": "0.5", "ranksep": "0.9"}
    title = f"imageupload · {env.name} · {env.dns.site_name}"
    with Diagram(title, filename=str(base), outformat=["png", "svg"], show=False, graph_attr=graph, direction="LR"):
        users = Users("users")
        with Cluster("Global edge (us-east-1)"):
            dns = Route53(env.dns.site_name)
            cdn = CloudFront("CloudFront\nHTTP/2+3, TLSv1.2_2021")
            waf = WAF("WAFv2\nmanaged rules, rate limit")
            certificate = CertificateManager(f"ACM {env.dns.site_name}")
        with Cluster(f"Region {env.region}"):
            with Cluster(f"VPC {env.network.vpc_cidr}"):
                alb = ALB("ALB\nHTTPS, TLS 1.3\nCloudFront prefix list only")
                group = AutoScaling(
                    f"Auto Scaling group\nmin {compute.min_size} / max {compute.max_size}\n"
                    f"+1 when CPU > {compute.scale_out_cpu}%"
                )
                instances, mount_targets = [], []
                database = None
                for index, zone in enumerate(_zones(env, network)):
                    with Cluster(f"AZ {zone}"):
                        with Cluster("public subnet"):
                            instances.append(EC2(f"web {index + 1}\nFastAPI"))
                        with Cluster("private subnet"):
                            mount_targets.append(EFS("EFS mount target"))
                            if index == 0:
                                database = RDS(f"RDS PostgreSQL\n{env.database.instance_class}")
                            elif index == 1 and env.database.multi_az:
                                RDS("RDS standby\n(Multi-AZ)")
            images = S3(data.get("images_bucket", "images bucket"))
            queue = SQS("backup queue\n+ DLQ")
            backup_function = Lambda("backup function")
        with Cluster(f"Region {env.backup.bucket_region}"):
            backup = S3(data.get("backup_bucket", "backup bucket"))

        users >> dns >> cdn >> Edge(label="HTTPS + origin header") >> alb
        cdn - waf
        cdn - certificate
        alb >> group >> instances
        for instance, mount_target in zip(instances, mount_targets, strict=True):
            instance >> Edge(color="darkgreen") >> database
            instance >> Edge(color="darkorange", label="NFS/TLS") >> mount_target
            instance >> Edge(color="blue") >> images
        images >> Edge(label="ObjectCreated") >> queue >> backup_function >> Edge(label="CopyObject") >> backup
    return [base.with_suffix(".png"), base.with_suffix(".svg")]
