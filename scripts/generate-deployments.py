#!/usr/bin/env python3
"""Writes large, realistic deployments for the benchmark: a Pulumi stack export and a
Terraform plan (`terraform show -json` of a plan) of about 20,000 resources each.

About 30 % of the resources are buckets and their policies. The rest are queues with
policies, KMS keys, IAM roles, Lambda functions with permissions, public access blocks, and
resources that configure no access. About 2 % of the policies grant public or cross-account
access. The output is the same for the same seed.

Usage: scripts/generate-deployments.py OUTPUT_FOLDER [--resources N] [--seed S]
"""

import argparse
import json
import os
import random

ACCOUNT = "111122223333"
PARTNER = "444455556666"
REGION = "eu-west-1"


def policy(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, separators=(",", ":"))


def bucket_statements(rng, arn):
    roll = rng.random()
    if roll < 0.02:
        return [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{arn}/*"}]
    if roll < 0.05:
        return [{"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
                 "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [arn, f"{arn}/*"]}]
    return [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [arn, f"{arn}/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        {"Sid": "Logs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": f"{arn}/logs/*", "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}}},
    ]


def queue_statements(rng, arn, topic_arn):
    if rng.random() < 0.02:
        return [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": arn}]
    return [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": arn,
             "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}}]


def key_statements(rng):
    statements = [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "kms:*", "Resource": "*"}]
    if rng.random() < 0.03:
        statements.append({"Sid": "PartnerDecrypt", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"},
                           "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"})
    return statements


def trust_statements(rng):
    if rng.random() < 0.02:
        return [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{PARTNER}:root"}, "Action": "sts:AssumeRole"}]
    return [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]


def plan_units(count, rng):
    """Yields (kind, index) pairs until about `count` resources are planned."""
    # Resources per unit: bucket + policy (2, 30 % of all), queue (1), key (1), role (1),
    # function + permission (2), public access block (1), resources without access (2).
    units = []
    produced = 0
    index = 0
    weights = [("bucket", 2, 0.30), ("queue", 1, 0.12), ("key", 1, 0.08), ("role", 1, 0.15),
               ("function", 2, 0.12), ("block", 1, 0.05), ("plain", 2, 0.18)]
    while produced < count:
        for kind, size, share in weights:
            repeat = max(1, round(share * 100 / size))
            for _ in range(repeat):
                if produced >= count:
                    break
                units.append((kind, index))
                index += 1
                produced += size
    rng.shuffle(units)
    return units


def pulumi_state(count, rng):
    resources = [{"urn": "urn:pulumi:prod::platform::pulumi:pulumi:Stack::platform-prod", "custom": False,
                  "type": "pulumi:pulumi:Stack"}]
    stack = resources[0]["urn"]
    buckets = []

    def add(kind, name, properties, id_value, dependencies=None):
        urn = f"urn:pulumi:prod::platform::{kind}::{name}"
        entry = {"urn": urn, "custom": True, "id": id_value, "type": kind, "parent": stack,
                 "inputs": properties, "outputs": properties}
        if dependencies:
            entry["dependencies"] = sorted({u for urns in dependencies.values() for u in urns})
            entry["propertyDependencies"] = dependencies
        resources.append(entry)
        return urn

    for kind, index in plan_units(count, rng):
        if kind == "bucket":
            name = f"data-{index:05d}-{rng.randrange(16**6):06x}"
            arn = f"arn:aws:s3:::{name}"
            urn = add("aws:s3/bucketV2:BucketV2", f"data-{index}", {"bucket": name, "arn": arn, "tags": {"team": f"t{index % 40}"}}, name)
            buckets.append((urn, name))
            add("aws:s3/bucketPolicy:BucketPolicy", f"data-{index}-policy",
                {"bucket": name, "policy": policy(bucket_statements(rng, arn))}, name, {"bucket": [urn]})
        elif kind == "queue":
            name = f"jobs-{index:05d}"
            arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
            url = f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"
            topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:events-{index % 50}"
            add("aws:sqs/queue:Queue", f"jobs-{index}", {"name": name, "arn": arn, "url": url,
                                                          "policy": policy(queue_statements(rng, arn, topic))}, url)
        elif kind == "key":
            key_id = f"{rng.randrange(16**8):08x}-{index:04x}-4000-8000-{rng.randrange(16**12):012x}"
            arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{key_id}"
            add("aws:kms/key:Key", f"key-{index}", {"arn": arn, "keyId": key_id, "policy": policy(key_statements(rng))}, key_id)
        elif kind == "role":
            name = f"service-{index:05d}"
            add("aws:iam/role:Role", f"role-{index}", {"name": name, "arn": f"arn:aws:iam::{ACCOUNT}:role/{name}",
                                                       "assumeRolePolicy": policy(trust_statements(rng))}, name)
        elif kind == "function":
            name = f"handler-{index:05d}"
            arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
            urn = add("aws:lambda/function:Function", f"handler-{index}", {"name": name, "arn": arn, "runtime": "python3.12"}, name)
            principal = "*" if rng.random() < 0.02 else "events.amazonaws.com"
            add("aws:lambda/permission:Permission", f"handler-{index}-invoke",
                {"action": "lambda:InvokeFunction", "function": name, "principal": principal,
                 "sourceArn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/r{index}"}, f"invoke-{index}", {"function": [urn]})
        elif kind == "block" and buckets:
            urn, name = buckets[rng.randrange(len(buckets))]
            add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", f"block-{index}",
                {"bucket": name, "blockPublicAcls": True, "blockPublicPolicy": True, "ignorePublicAcls": True,
                 "restrictPublicBuckets": True}, name, {"bucket": [urn]})
        else:
            add("aws:ec2/securityGroup:SecurityGroup", f"sg-{index}", {"name": f"sg-{index}", "ingress": []}, f"sg-{index:08x}")
            add("aws:cloudwatch/logGroup:LogGroup", f"logs-{index}", {"name": f"/app/{index}", "retentionInDays": 30}, f"/app/{index}")
    return {"version": 3, "deployment": {
        "manifest": {"time": "2026-12-01T00:00:00Z", "magic": "", "version": "v3.200.0"},
        "resources": resources}}


def terraform_plan(count, rng):
    planned = []
    changes = []
    configuration = []
    buckets = []

    def add(kind, name, values, unknown=None, references=None):
        address = f"{kind}.{name}"
        planned.append({"address": address, "mode": "managed", "type": kind, "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
                        "schema_version": 0, "values": values, "sensitive_values": {}})
        changes.append({"address": address, "mode": "managed", "type": kind, "name": name,
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "change": {"actions": ["create"], "before": None, "after": values, "after_unknown": unknown or {},
                                   "before_sensitive": False, "after_sensitive": {}}})
        expressions = {key: {"references": refs} for key, refs in (references or {}).items()}
        configuration.append({"address": address, "mode": "managed", "type": kind, "name": name,
                              "provider_config_key": "aws", "expressions": expressions, "schema_version": 0})
        return address

    for kind, index in plan_units(count, rng):
        if kind == "bucket":
            name = f"data-{index:05d}-{rng.randrange(16**6):06x}"
            arn = f"arn:aws:s3:::{name}"
            address = add("aws_s3_bucket", f"data_{index}", {"bucket": name, "force_destroy": False, "tags": {"team": f"t{index % 40}"}},
                          {"arn": True, "id": True})
            buckets.append((address, name))
            add("aws_s3_bucket_policy", f"data_{index}", {"bucket": name, "policy": policy(bucket_statements(rng, arn))},
                {"id": True}, {"bucket": [f"{address}.id", address]})
        elif kind == "queue":
            name = f"jobs-{index:05d}"
            arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
            topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:events-{index % 50}"
            add("aws_sqs_queue", f"jobs_{index}", {"name": name, "policy": policy(queue_statements(rng, arn, topic))},
                {"arn": True, "id": True, "url": True})
        elif kind == "key":
            add("aws_kms_key", f"key_{index}", {"description": f"key {index}", "policy": policy(key_statements(rng))},
                {"arn": True, "id": True, "key_id": True})
        elif kind == "role":
            name = f"service-{index:05d}"
            add("aws_iam_role", f"role_{index}", {"name": name, "assume_role_policy": policy(trust_statements(rng))},
                {"arn": True, "id": True, "unique_id": True})
        elif kind == "function":
            name = f"handler-{index:05d}"
            function = add("aws_lambda_function", f"handler_{index}", {"function_name": name, "runtime": "python3.12"},
                           {"arn": True, "id": True})
            principal = "*" if rng.random() < 0.02 else "events.amazonaws.com"
            add("aws_lambda_permission", f"handler_{index}", {"action": "lambda:InvokeFunction", "function_name": name,
                                                              "principal": principal,
                                                              "source_arn": f"arn:aws:events:{REGION}:{ACCOUNT}:rule/r{index}"},
                {"id": True}, {"function_name": [f"{function}.function_name", function]})
        elif kind == "block" and buckets:
            address, name = buckets[rng.randrange(len(buckets))]
            add("aws_s3_bucket_public_access_block", f"block_{index}",
                {"bucket": name, "block_public_acls": True, "block_public_policy": True, "ignore_public_acls": True,
                 "restrict_public_buckets": True}, {"id": True}, {"bucket": [f"{address}.id", address]})
        else:
            add("aws_security_group", f"sg_{index}", {"name": f"sg-{index}", "ingress": []}, {"id": True, "arn": True})
            add("aws_cloudwatch_log_group", f"logs_{index}", {"name": f"/app/{index}", "retention_in_days": 30}, {"arn": True})
    return {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {"resources": planned}},
            "resource_changes": changes,
            "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}},
                              "root_module": {"resources": configuration}}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="folder to write pulumi-state.json and terraform-plan.json into")
    parser.add_argument("--resources", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    os.makedirs(arguments.output, exist_ok=True)
    for name, build in [("pulumi-state.json", pulumi_state), ("terraform-plan.json", terraform_plan)]:
        document = build(arguments.resources, random.Random(arguments.seed))
        path = os.path.join(arguments.output, name)
        with open(path, "w", encoding="utf-8") as output:
            json.dump(document, output, indent=1)
        print(f"{path}: {os.path.getsize(path) / 1_048_576:.1f} MB")


if __name__ == "__main__":
    main()
