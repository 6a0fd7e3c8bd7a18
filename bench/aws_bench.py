"""AWS collector benchmark: 2,000 resources over 3 regions in a moto server, scanned in parallel and
sequentially (max_workers=1).

    python bench/aws_bench.py [--workers 16] [--json out.json]

moto runs as its own process on loopback (python -m moto.server) so the scanner and the server do not
share a GIL. Operations moto lacks are answered by botocore's Stubber (tests/collectors/aws/motohelp.py),
as in the tests. Prints the resource count and both timings.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.collectors.aws.motohelp import MotoSession, moto_config  # noqa: E402

ACCOUNT = "123456789012"
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ml-exec"
# Per region; plus IAM roles once. 633 x 3 + 100 = 1,999 resources.
PER_REGION = {
    "bucket": 40,
    "log_group": 120,
    "kms_key": 100,
    "ecr_repository": 60,
    "sagemaker_model": 150,
    "endpoint_config": 40,
    "endpoint": 30,
    "notebook": 30,
    "model_package_group": 20,
    "vpc_endpoint": 40,
    "trail": 3,
}
ROLES = 100


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("moto server did not start")


def seed(url: str) -> int:
    session = MotoSession(url, gaps=False)
    config = moto_config(url)

    def client(service: str, region: str) -> Any:
        return session.client(service, region_name=region, config=config)

    jobs: list[Any] = []
    for region in REGIONS:
        sm, s3, logs, kms, ecr, ec2, ct = (
            client(s, region) for s in ("sagemaker", "s3", "logs", "kms", "ecr", "ec2", "cloudtrail")
        )
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        location = (
            {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        )
        for i in range(PER_REGION["bucket"]):
            jobs.append(
                lambda s3=s3, i=i, r=region, loc=location: s3.create_bucket(Bucket=f"bench-{r}-{i}", **loc)
            )
        for i in range(PER_REGION["log_group"]):
            jobs.append(lambda logs=logs, i=i: logs.create_log_group(logGroupName=f"/bench/{i}"))
        for i in range(PER_REGION["kms_key"]):
            jobs.append(lambda kms=kms, i=i: kms.create_key(Description=f"bench {i}"))
        for i in range(PER_REGION["ecr_repository"]):
            jobs.append(lambda ecr=ecr, i=i: ecr.create_repository(repositoryName=f"bench/{i}"))
        for i in range(PER_REGION["sagemaker_model"]):
            jobs.append(
                lambda sm=sm, i=i: sm.create_model(
                    ModelName=f"m{i}",
                    ExecutionRoleArn=ROLE,
                    PrimaryContainer={"Image": "x"},
                    Tags=[{"Key": "k", "Value": "v"}],
                )
            )
        for i in range(PER_REGION["notebook"]):
            jobs.append(
                lambda sm=sm, i=i: sm.create_notebook_instance(
                    NotebookInstanceName=f"nb{i}",
                    InstanceType="ml.t3.medium",
                    RoleArn=ROLE,
                    Tags=[{"Key": "k", "Value": "v"}],
                )
            )
        for i in range(PER_REGION["model_package_group"]):
            jobs.append(
                lambda sm=sm, i=i: sm.create_model_package_group(
                    ModelPackageGroupName=f"g{i}", Tags=[{"Key": "k", "Value": "v"}]
                )
            )
        for i in range(PER_REGION["vpc_endpoint"]):
            jobs.append(
                lambda ec2=ec2, i=i, r=region, vpc=vpc: ec2.create_vpc_endpoint(
                    VpcId=vpc, ServiceName=f"com.amazonaws.{r}.s3", VpcEndpointType="Gateway"
                )
            )
        trail_bucket = f"bench-{region}-0"
        for i in range(PER_REGION["trail"]):
            jobs.append(lambda ct=ct, i=i, b=trail_bucket: ct.create_trail(Name=f"trail-{i}", S3BucketName=b))
        endpoint_jobs = []
        for i in range(PER_REGION["endpoint_config"]):
            variant = [
                {
                    "VariantName": "p",
                    "ModelName": f"m{i}",
                    "InitialInstanceCount": 1,
                    "InstanceType": "ml.m5.large",
                }
            ]
            endpoint_jobs.append(
                lambda sm=sm, i=i, v=variant: sm.create_endpoint_config(
                    EndpointConfigName=f"c{i}", ProductionVariants=v, Tags=[{"Key": "k", "Value": "v"}]
                )
            )
        for i in range(PER_REGION["endpoint"]):
            endpoint_jobs.append(
                lambda sm=sm, i=i: sm.create_endpoint(
                    EndpointName=f"e{i}", EndpointConfigName=f"c{i}", Tags=[{"Key": "k", "Value": "v"}]
                )
            )
        jobs.append(endpoint_jobs)
    iam = client("iam", "us-east-1")
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sagemaker.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )
    for i in range(ROLES):
        jobs.append(lambda i=i: iam.create_role(RoleName=f"role-{i}", AssumeRolePolicyDocument=trust))

    def run(job: Any) -> None:
        if isinstance(job, list):  # endpoints need their configurations first: in order
            for step in job:
                step()
        else:
            job()

    # Buckets first: trails need theirs.
    buckets = [j for j in jobs if not isinstance(j, list) and "create_bucket" in j.__code__.co_names]
    rest = [j for j in jobs if j not in buckets]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(run, buckets))
        list(pool.map(run, rest))
    return ROLES + len(REGIONS) * sum(PER_REGION.values())


def scan(url: str, workers: int) -> tuple[float, int, int]:
    from aipolicy.collectors.aws import AwsCollector

    collector = AwsCollector(
        MotoSession(url),
        regions=REGIONS,
        max_workers=workers,
        endpoint_url=url,
        client_config=moto_config(url),
    )
    started = time.perf_counter()
    view = collector.collect()[0]
    seconds = time.perf_counter() - started
    return seconds, len(view.resources), len(view.errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    process, url = start_moto()
    try:
        started = time.perf_counter()
        seeded = seed(url)
        print(
            f"seeded {seeded} resources over {len(REGIONS)} regions in {time.perf_counter() - started:.1f} s"
        )
        scan(url, args.workers)  # warm moto's lazily loaded backends so neither timing pays for them
        parallel = scan(url, args.workers)
        sequential = scan(url, 1)
    finally:
        process.terminate()
        process.wait(timeout=10)
    result = {
        "seeded": seeded,
        "regions": REGIONS,
        "view_resources": parallel[1],
        "errors": parallel[2],
        "parallel_workers": args.workers,
        "parallel_seconds": round(parallel[0], 2),
        "sequential_seconds": round(sequential[0], 2),
    }
    print(
        f"view: {parallel[1]} resources (configurations included), {parallel[2]} errors\n"
        f"parallel ({args.workers} workers): {parallel[0]:.1f} s\n"
        f"sequential (max_workers=1): {sequential[0]:.1f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
