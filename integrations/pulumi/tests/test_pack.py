"""Tests of the AccessGuard policy pack, with the test acting as the Pulumi engine.

Like the Pulumi CLI, each test starts `python -u -m pulumi.policy <engine-address> .`
in the pack directory, reads the port from the first line of its standard output and
calls the Analyzer service over gRPC on 127.0.0.1. The engine address is required by
the command line but the policy server never connects to it, so it is 127.0.0.1:1.

The tests in RealAccessGuardTests run the real accessguard binary and are skipped until
`accessguard check --help` succeeds. The other tests need no binary: a missing binary
and small scripts that stand in for accessguard exercise the error handling and the
input that the pack sends.
"""

import json
import os
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import grpc
from google.protobuf import empty_pb2, json_format, struct_pb2
from pulumi.runtime.proto import analyzer_pb2, analyzer_pb2_grpc

PACK_DIRECTORY = Path(__file__).resolve().parent.parent
REPOSITORY = PACK_DIRECTORY.parent.parent
ACCOUNT = "111122223333"
ORGANIZATION = "o-a1b2c3d4e5"
UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2"
UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421"
POLICY_NAMES = {
    "no-public-access",
    "no-external-access",
    "no-new-external-access",
    "access-not-granted",
    "policy-validation",
    "undecidable-access",
    "unsupported-resources",
}
STARTUP_TIMEOUT_SECONDS = 60
ANALYZE_TIMEOUT_SECONDS = 300

BUCKET_TYPE = "aws:s3/bucket:Bucket"
BUCKET_POLICY_TYPE = "aws:s3/bucketPolicy:BucketPolicy"


def urn(resource_type: str, name: str) -> str:
    return f"urn:pulumi:dev::site::{resource_type}::{name}"


def real_accessguard() -> Optional[str]:
    """Return the accessguard binary that the pack would use, if its `check` subcommand works."""
    candidates = [os.environ.get("ACCESSGUARD"), shutil.which("accessguard"),
                  str(REPOSITORY / ".build/debug/accessguard")]
    for candidate in candidates:
        if not candidate or not os.access(candidate, os.X_OK):
            continue
        help_run = subprocess.run([candidate, "check", "--help"], capture_output=True, check=False)
        return candidate if help_run.returncode == 0 else None
    return None


def struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def analyzer_resource(resource_type: str, name: str, properties: Mapping[str, Any],
                      property_dependencies: Optional[Mapping[str, List[str]]] = None) -> analyzer_pb2.AnalyzerResource:
    dependencies = {
        key: analyzer_pb2.AnalyzerPropertyDependencies(urns=urns)
        for key, urns in (property_dependencies or {}).items()
    }
    all_dependencies = sorted({item for urns in (property_dependencies or {}).values() for item in urns})
    return analyzer_pb2.AnalyzerResource(
        type=resource_type,
        name=name,
        urn=urn(resource_type, name),
        properties=struct(properties),
        dependencies=all_dependencies,
        propertyDependencies=dependencies,
    )


def bucket_policy_document(principal: str, bucket: str) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": principal},
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{bucket}/*",
        }],
    })


class PolicyServer:
    """A `python -m pulumi.policy` process serving the pack, and an Analyzer stub connected to it."""

    def __init__(self, accessguard: str) -> None:
        environment = dict(os.environ, ACCESSGUARD=accessguard)
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "pulumi.policy", "127.0.0.1:1", "."],
            cwd=PACK_DIRECTORY, env=environment, stdout=subprocess.PIPE, stderr=self.stderr)
        try:
            port = self._read_port()
        except Exception:
            self.close()
            raise
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(self.channel).result(timeout=STARTUP_TIMEOUT_SECONDS)
        self.stub = analyzer_pb2_grpc.AnalyzerStub(self.channel)

    def _read_port(self) -> int:
        readable, _, _ = select.select([self.process.stdout], [], [], STARTUP_TIMEOUT_SECONDS)
        line = self.process.stdout.readline() if readable else b""
        if not line.strip().isdigit():
            raise RuntimeError(f"the policy server printed {line!r} instead of a port within "
                               f"{STARTUP_TIMEOUT_SECONDS} s; its error output: {self.error_output()}")
        return int(line)

    def error_output(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def configure(self, levels: Mapping[str, int], properties: Mapping[str, Any]) -> None:
        """Send the reconciled policy config, as the CLI does: every policy with its level and properties."""
        policy_config = {
            name: analyzer_pb2.PolicyConfig(enforcementLevel=level, properties=struct(properties))
            for name, level in levels.items()
        }
        self.stub.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig=policy_config))
        self.stub.ConfigureStack(analyzer_pb2.AnalyzerStackConfigureRequest(
            stack="dev", project="site", organization="organization", dry_run=True))

    def analyze_stack(self, resources: List[analyzer_pb2.AnalyzerResource]) -> List[analyzer_pb2.AnalyzeDiagnostic]:
        request = analyzer_pb2.AnalyzeStackRequest(resources=resources)
        response = self.stub.AnalyzeStack(request, timeout=ANALYZE_TIMEOUT_SECONDS)
        return list(response.diagnostics)

    def close(self) -> None:
        if getattr(self, "channel", None) is not None:
            self.channel.close()
        self.process.kill()
        self.process.wait()
        self.process.stdout.close()
        self.stderr.close()


def start_configured_server(test: unittest.TestCase, accessguard: str) -> PolicyServer:
    """Start a server, configure every policy at its default level with the account context, and stop it after the test."""
    server = PolicyServer(accessguard)
    test.addCleanup(server.close)
    info = server.stub.GetAnalyzerInfo(empty_pb2.Empty())
    levels = {policy.name: policy.enforcementLevel for policy in info.policies}
    server.configure(levels, {"trustedAccounts": [ACCOUNT], "organization": ORGANIZATION})
    return server


def describe(diagnostics: List[analyzer_pb2.AnalyzeDiagnostic]) -> str:
    return "\n".join(
        f"{item.policyName} {analyzer_pb2.EnforcementLevel.Name(item.enforcementLevel)} {item.urn}: {item.message}"
        for item in diagnostics) or "no diagnostics"


def public_bucket_stack() -> List[analyzer_pb2.AnalyzerResource]:
    return [analyzer_resource(BUCKET_TYPE, "site", {"bucket": "site-1a2b", "acl": "public-read"})]


def private_bucket_stack() -> List[analyzer_pb2.AnalyzerResource]:
    bucket_urn = urn(BUCKET_TYPE, "data")
    return [
        analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
        analyzer_resource(
            BUCKET_POLICY_TYPE, "data-policy",
            {"bucket": "data-1a2b", "policy": bucket_policy_document(f"arn:aws:iam::{ACCOUNT}:root", "data-1a2b")},
            {"bucket": [bucket_urn]}),
    ]


def unknown_policy_stack() -> List[analyzer_pb2.AnalyzerResource]:
    bucket_urn = urn(BUCKET_TYPE, "data")
    return [
        analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
        analyzer_resource(
            BUCKET_POLICY_TYPE, "data-policy",
            {"bucket": "data-1a2b", "policy": UNKNOWN_STRING},
            {"bucket": [bucket_urn]}),
    ]


def stack_export(resources: List[analyzer_pb2.AnalyzerResource]) -> Dict[str, Any]:
    """The `pulumi stack export` document of a stack whose resources have these properties as outputs."""
    entries = []
    for resource in resources:
        properties = json.loads(json_format.MessageToJson(resource.properties))
        entries.append({"urn": resource.urn, "custom": True, "type": resource.type,
                        "id": properties.get("bucket", resource.name), "inputs": properties, "outputs": properties})
    return {"version": 3, "deployment": {"manifest": {"time": "2026-12-01T00:00:00Z", "magic": "", "version": "v3.200.0"},
                                         "resources": entries}}


@unittest.skipUnless(real_accessguard(), "accessguard with a working `check` subcommand was not found")
class RealAccessGuardTests(unittest.TestCase):
    def setUp(self) -> None:
        self.server = start_configured_server(self, real_accessguard())

    def test_public_bucket_is_mandatory_violation(self) -> None:
        diagnostics = self.server.analyze_stack(public_bucket_stack())
        matches = [item for item in diagnostics
                   if item.policyName == "no-public-access" and item.urn == urn(BUCKET_TYPE, "site")]
        self.assertTrue(matches, describe(diagnostics))
        self.assertEqual(matches[0].enforcementLevel, analyzer_pb2.MANDATORY, describe(diagnostics))
        self.assertEqual(matches[0].policyPackName, "accessguard")

    def test_clean_stack_has_no_diagnostics(self) -> None:
        diagnostics = self.server.analyze_stack(private_bucket_stack())
        self.assertEqual(diagnostics, [], describe(diagnostics))

    def test_unknown_policy_is_undecidable(self) -> None:
        diagnostics = self.server.analyze_stack(unknown_policy_stack())
        undecidable = [item for item in diagnostics if item.policyName == "undecidable-access"]
        self.assertTrue(undecidable, describe(diagnostics))
        self.assertIn(undecidable[0].urn, {urn(BUCKET_TYPE, "data"), urn(BUCKET_POLICY_TYPE, "data-policy")},
                      describe(diagnostics))
        self.assertEqual(undecidable[0].enforcementLevel, analyzer_pb2.MANDATORY)

    def test_property_dependency_links_policy(self) -> None:
        # The policy's bucket is the new bucket's ID, unknown during a preview, so only the
        # property dependency links the policy to the bucket.
        bucket_urn = urn(BUCKET_TYPE, "data")
        diagnostics = self.server.analyze_stack([
            analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
            analyzer_resource(
                BUCKET_POLICY_TYPE, "data-policy",
                {"bucket": UNKNOWN_STRING, "policy": bucket_policy_document("*", "data-1a2b")},
                {"bucket": [bucket_urn]}),
        ])
        public = [item for item in diagnostics if item.policyName == "no-public-access"]
        self.assertTrue(public, describe(diagnostics))
        self.assertEqual({item.urn for item in public}, {bucket_urn}, describe(diagnostics))
        self.assertNotIn("undecidable-access", {item.policyName for item in diagnostics}, describe(diagnostics))

    def test_advisory_level_from_config(self) -> None:
        levels = {name: analyzer_pb2.MANDATORY for name in POLICY_NAMES}
        levels["no-public-access"] = analyzer_pb2.ADVISORY
        self.server.configure(levels, {"trustedAccounts": [ACCOUNT]})
        diagnostics = self.server.analyze_stack(public_bucket_stack())
        public = [item for item in diagnostics if item.policyName == "no-public-access"]
        self.assertTrue(public, describe(diagnostics))
        self.assertEqual({item.enforcementLevel for item in public}, {analyzer_pb2.ADVISORY}, describe(diagnostics))

    def test_baseline_reports_new_external_access(self) -> None:
        # The baseline has the bucket with a policy for its own account; the stack gives
        # another account access, which only the baseline shows to be new.
        directory = tempfile.TemporaryDirectory(prefix="accessguard-baseline-")
        self.addCleanup(directory.cleanup)
        baseline = Path(directory.name, "baseline.json")
        baseline.write_text(json.dumps(stack_export(private_bucket_stack())), encoding="utf-8")
        levels = {name: analyzer_pb2.MANDATORY for name in POLICY_NAMES}
        levels["no-external-access"] = analyzer_pb2.ADVISORY
        self.server.configure(levels, {"trustedAccounts": [ACCOUNT], "baseline": str(baseline)})
        bucket_urn = urn(BUCKET_TYPE, "data")
        partner = "arn:aws:iam::444455556666:root"
        diagnostics = self.server.analyze_stack([
            analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
            analyzer_resource(
                BUCKET_POLICY_TYPE, "data-policy",
                {"bucket": "data-1a2b", "policy": bucket_policy_document(partner, "data-1a2b")},
                {"bucket": [bucket_urn]}),
        ])
        new = [item for item in diagnostics if item.policyName == "no-new-external-access"]
        self.assertEqual({item.urn for item in new}, {bucket_urn}, describe(diagnostics))
        self.assertEqual({item.enforcementLevel for item in new}, {analyzer_pb2.MANDATORY}, describe(diagnostics))
        self.assertIn("444455556666", new[0].message, describe(diagnostics))

        # Against itself, the stack adds nothing.
        baseline.write_text(json.dumps(stack_export(private_bucket_stack())).replace(
            f"arn:aws:iam::{ACCOUNT}:root", partner), encoding="utf-8")
        diagnostics = self.server.analyze_stack([
            analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
            analyzer_resource(
                BUCKET_POLICY_TYPE, "data-policy",
                {"bucket": "data-1a2b", "policy": bucket_policy_document(partner, "data-1a2b")},
                {"bucket": [bucket_urn]}),
        ])
        self.assertNotIn("no-new-external-access", {item.policyName for item in diagnostics}, describe(diagnostics))

    def test_disabled_policy_reports_nothing(self) -> None:
        levels = {name: analyzer_pb2.MANDATORY for name in POLICY_NAMES}
        levels["no-public-access"] = analyzer_pb2.DISABLED
        self.server.configure(levels, {"trustedAccounts": [ACCOUNT]})
        diagnostics = self.server.analyze_stack(public_bucket_stack())
        self.assertNotIn("no-public-access", {item.policyName for item in diagnostics}, describe(diagnostics))


class AnalyzerInfoTests(unittest.TestCase):
    def setUp(self) -> None:
        self.server = PolicyServer(str(REPOSITORY / "no-such-directory/accessguard"))
        self.addCleanup(self.server.close)

    def test_analyzer_info_lists_policies(self) -> None:
        info = self.server.stub.GetAnalyzerInfo(empty_pb2.Empty())
        self.assertEqual(info.name, "accessguard")
        self.assertTrue(info.supportsConfig)
        self.assertEqual({policy.name for policy in info.policies}, POLICY_NAMES)
        for policy in info.policies:
            with self.subTest(policy=policy.name):
                self.assertEqual(policy.policy_type, analyzer_pb2.POLICY_TYPE_STACK)
                self.assertIn("trustedAccounts", policy.configSchema.properties)
                self.assertIn("organization", policy.configSchema.properties)

    def test_default_levels(self) -> None:
        info = self.server.stub.GetAnalyzerInfo(empty_pb2.Empty())
        levels = {policy.name: policy.enforcementLevel for policy in info.policies}
        self.assertEqual(levels["no-public-access"], analyzer_pb2.MANDATORY)
        self.assertEqual(levels["no-external-access"], analyzer_pb2.ADVISORY)
        self.assertEqual(levels["policy-validation"], analyzer_pb2.MANDATORY)
        self.assertEqual(levels["undecidable-access"], analyzer_pb2.MANDATORY)
        self.assertEqual(levels["unsupported-resources"], analyzer_pb2.ADVISORY)


class FailureTests(unittest.TestCase):
    """A failed accessguard run must show up as a violation, never as a clean stack."""

    def setUp(self) -> None:
        directory = tempfile.TemporaryDirectory(prefix="accessguard-pack-test-")
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)

    def write_stand_in(self, exit_code: int, stderr_text: str) -> str:
        """Write an executable that prints `stderr_text` to standard error and exits with `exit_code`."""
        path = self.directory / "accessguard"
        path.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.write({stderr_text!r})\nsys.exit({exit_code})\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
        return str(path)

    def assert_failure_reported(self, diagnostics: List[analyzer_pb2.AnalyzeDiagnostic], text: str) -> None:
        undecidable = [item for item in diagnostics if item.policyName == "undecidable-access"]
        self.assertEqual(len(undecidable), 1, describe(diagnostics))
        self.assertEqual(undecidable[0].enforcementLevel, analyzer_pb2.MANDATORY)
        self.assertIn(text, undecidable[0].message)
        self.assertEqual({item.policyName for item in diagnostics}, POLICY_NAMES, describe(diagnostics))

    def test_missing_binary(self) -> None:
        missing = str(self.directory / "missing/accessguard")
        server = start_configured_server(self, missing)
        diagnostics = server.analyze_stack(public_bucket_stack())
        self.assert_failure_reported(diagnostics, missing)

    def test_unreadable_input_exit_code(self) -> None:
        server = start_configured_server(self, self.write_stand_in(2, "error: resources[0] has no type"))
        diagnostics = server.analyze_stack(public_bucket_stack())
        self.assert_failure_reported(diagnostics, "code 2 (the input could not be read): error: resources[0] has no type")

    def test_internal_error_exit_code(self) -> None:
        server = start_configured_server(self, self.write_stand_in(3, "internal error: solver crashed"))
        diagnostics = server.analyze_stack(public_bucket_stack())
        self.assert_failure_reported(diagnostics, "code 3 (internal error): internal error: solver crashed")

    def test_output_without_report(self) -> None:
        server = start_configured_server(self, self.write_stand_in(0, ""))
        diagnostics = server.analyze_stack(public_bucket_stack())
        self.assert_failure_reported(diagnostics, "not a JSON report")


class StackInputTests(unittest.TestCase):
    """Checks the input and options that the pack gives accessguard, through a stand-in that records them."""

    def setUp(self) -> None:
        directory = tempfile.TemporaryDirectory(prefix="accessguard-pack-test-")
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)
        self.record = self.directory / "runs.jsonl"
        self.bucket_urn = urn(BUCKET_TYPE, "data")
        self.policy_urn = urn(BUCKET_POLICY_TYPE, "data-policy")
        report = {
            "summary": {"mandatory": 2, "advisory": 0, "suppressed": 0},
            "violations": [
                {"policy": "no-public-access", "enforcementLevel": "mandatory", "message": "public through the ACL",
                 "address": self.bucket_urn, "resourceType": BUCKET_TYPE},
                {"policy": "future-policy", "enforcementLevel": "mandatory", "message": "a new kind of finding",
                 "address": self.policy_urn, "resourceType": BUCKET_POLICY_TYPE},
            ],
            "findings": [], "diagnostics": [],
        }
        stand_in = self.directory / "accessguard"
        stand_in.write_text(textwrap.dedent(f"""\
            #!{sys.executable}
            import json, sys
            arguments = sys.argv[1:]
            config_path = arguments[arguments.index("--config") + 1]
            with open(config_path, encoding="utf-8") as config_file:
                config = json.load(config_file)
            run = {{"arguments": arguments, "config": config, "input": json.load(sys.stdin)}}
            with open({str(self.record)!r}, "a", encoding="utf-8") as record:
                record.write(json.dumps(run) + "\\n")
            print(json.dumps({report!r}))
            sys.exit(1)
            """))
        stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
        self.server = start_configured_server(self, str(stand_in))

    def runs(self) -> List[Dict[str, Any]]:
        return [json.loads(line) for line in self.record.read_text(encoding="utf-8").splitlines()]

    def analyze(self) -> List[analyzer_pb2.AnalyzeDiagnostic]:
        return self.server.analyze_stack([
            analyzer_resource("pulumi:pulumi:Stack", "site-dev", {}),
            analyzer_resource("pulumi:providers:aws", "default", {"region": "us-east-1", "secretKey": "provider-secret"}),
            analyzer_resource(BUCKET_TYPE, "data", {"bucket": "data-1a2b", "acl": "private"}),
            analyzer_resource(
                BUCKET_POLICY_TYPE, "data-policy",
                {"bucket": "data-1a2b", "policy": UNKNOWN_STRING,
                 "tags": {"owners": UNKNOWN_ARRAY, "list": ["a", UNKNOWN_NUMBER]}},
                {"bucket": [self.bucket_urn]}),
        ])

    def test_one_run_for_all_policies(self) -> None:
        self.analyze()
        self.assertEqual(len(self.runs()), 1)

    def test_same_stack_reuses_run(self) -> None:
        self.analyze()
        self.analyze()
        self.assertEqual(len(self.runs()), 1)

    def test_arguments(self) -> None:
        self.analyze()
        arguments = self.runs()[0]["arguments"]
        self.assertEqual(arguments[:6], ["check", "-", "--input-format", "pulumi-resources", "--format", "json"])
        self.assertIn("--account", arguments)
        self.assertEqual(arguments[arguments.index("--account") + 1], ACCOUNT)
        self.assertEqual(arguments[arguments.index("--organization") + 1], ORGANIZATION)

    def test_config_file(self) -> None:
        self.analyze()
        self.assertEqual(self.runs()[0]["config"], {})

    def test_unknowns_become_string_sentinel(self) -> None:
        self.analyze()
        resources = {item["urn"]: item for item in self.runs()[0]["input"]["resources"]}
        properties = resources[self.policy_urn]["properties"]
        self.assertEqual(properties["policy"], UNKNOWN_STRING)
        self.assertEqual(properties["tags"]["owners"], UNKNOWN_STRING)
        self.assertEqual(properties["tags"]["list"], ["a", UNKNOWN_STRING])
        self.assertEqual(properties["bucket"], "data-1a2b")

    def test_resource_fields(self) -> None:
        self.analyze()
        resources = {item["urn"]: item for item in self.runs()[0]["input"]["resources"]}
        policy = resources[self.policy_urn]
        self.assertEqual(policy["type"], BUCKET_POLICY_TYPE)
        self.assertEqual(policy["name"], "data-policy")
        self.assertEqual(policy["propertyDependencies"], {"bucket": [self.bucket_urn]})
        self.assertEqual(resources[self.bucket_urn]["propertyDependencies"], {})
        self.assertIn(urn("pulumi:pulumi:Stack", "site-dev"), resources)

    def test_provider_resources_left_out(self) -> None:
        self.analyze()
        self.assertNotIn("provider-secret", json.dumps(self.runs()[0]["input"]))

    def test_violations_reported_per_policy(self) -> None:
        diagnostics = self.analyze()
        public = [item for item in diagnostics if item.policyName == "no-public-access"]
        self.assertEqual(len(public), 1, describe(diagnostics))
        self.assertEqual(public[0].urn, self.bucket_urn)
        self.assertIn("public through the ACL", public[0].message)

    def test_unknown_policy_name_goes_to_undecidable(self) -> None:
        diagnostics = self.analyze()
        undecidable = [item for item in diagnostics if item.policyName == "undecidable-access"]
        self.assertEqual(len(undecidable), 1, describe(diagnostics))
        self.assertEqual(undecidable[0].urn, self.policy_urn)
        self.assertIn("future-policy", undecidable[0].message)

    def test_policy_properties_get_own_run(self) -> None:
        self.server.stub.Configure(analyzer_pb2.ConfigureAnalyzerRequest(policyConfig={
            **{name: analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.MANDATORY,
                                               properties=struct({"trustedAccounts": [ACCOUNT]}))
               for name in POLICY_NAMES},
            "access-not-granted": analyzer_pb2.PolicyConfig(
                enforcementLevel=analyzer_pb2.MANDATORY,
                properties=struct({"trustedAccounts": [ACCOUNT], "actions": ["kms:Decrypt"]})),
        }))
        self.analyze()
        configs = [run["config"] for run in self.runs()]
        self.assertEqual(len(configs), 2)
        self.assertIn({"access-not-granted": {"actions": ["kms:Decrypt"]}}, configs)
        self.assertIn({}, configs)


if __name__ == "__main__":
    unittest.main()
