"""Run `accessguard check` on the resources of a Pulumi stack and cache the report.

The policy pack calls `CheckRunner.check` once per policy. Every policy of one
`AnalyzeStack` request receives the same resources, so the runner starts accessguard
once for them and returns the cached report to the other policies.
"""

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from pulumi_policy import PolicyResource
from pulumi_policy.deserialize import serialize_properties
from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
)

POLICY_NAMES = (
    "no-public-access",
    "no-external-access",
    "no-new-external-access",
    "access-not-granted",
    "policy-validation",
    "undecidable-access",
    "unsupported-resources",
)

# Policy config properties that set accessguard's account context. They become the
# command-line options `--account` and `--organization`, not entries of `--config`.
ACCOUNTS_PROPERTY = "trustedAccounts"
ORGANIZATION_PROPERTY = "organization"
# The no-new-external-access property that names the deployment file to compare with.
# It becomes `--baseline`.
BASELINE_PROPERTY = "baseline"

# The Pulumi engine marks values that are unknown during a preview with one sentinel
# string per value type. accessguard reads the string sentinel as "unknown".
UNKNOWN = UNKNOWN_STRING_VALUE
_UNKNOWN_SENTINELS = frozenset((
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
))

logger = logging.getLogger("accessguard")

_EXIT_CODE_MEANINGS = {2: "the input could not be read", 3: "internal error"}

# The path of a development build, relative to this directory.
_DEVELOPMENT_BINARY = Path(__file__).resolve().parent / "../../.build/debug/accessguard"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one accessguard run."""

    violations: List[Dict[str, Any]]
    error: Optional[str] = None
    """The reason accessguard could not check the stack, or None when it did."""

    def violations_of(self, policy_name: str) -> List[Dict[str, Any]]:
        return [violation for violation in self.violations if violation.get("policy") == policy_name]

    def violations_of_other_policies(self) -> List[Dict[str, Any]]:
        """Return the violations whose policy name is not one of POLICY_NAMES."""
        return [violation for violation in self.violations if violation.get("policy") not in POLICY_NAMES]


def find_binary() -> Optional[str]:
    """Return the accessguard executable: $ACCESSGUARD, else `accessguard` on PATH, else the development build."""
    configured = os.environ.get("ACCESSGUARD")
    if configured:
        return configured
    on_path = shutil.which("accessguard")
    if on_path:
        return on_path
    if os.access(_DEVELOPMENT_BINARY, os.X_OK):
        return str(_DEVELOPMENT_BINARY.resolve())
    return None


def replace_unknowns(value: Any) -> Any:
    """Return a copy of a plain property value with every unknown sentinel turned into UNKNOWN."""
    if isinstance(value, str):
        return UNKNOWN if value in _UNKNOWN_SENTINELS else value
    if isinstance(value, Mapping):
        return {key: replace_unknowns(item) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_unknowns(item) for item in value]
    return value


def resource_entry(resource: PolicyResource) -> Dict[str, Any]:
    """Convert a resource of a stack validation into an element of accessguard's `resources` input.

    The SDK keeps unknown values as sentinel strings inside proxies that raise
    UnknownValueError when read. `serialize_properties` unwraps the proxies without
    reading through them, so the sentinels reach accessguard as values.
    """
    # NOTE: pulumi-policy 1.21 unwraps secrets before the pack receives them, so a secret
    # value reaches accessguard as its plain text, not as "[secret]".
    properties = replace_unknowns(serialize_properties(resource.props))
    dependencies = {
        name: [dependency.urn for dependency in resources]
        for name, resources in resource.property_dependencies.items()
    }
    return {
        "type": resource.resource_type,
        "urn": resource.urn,
        "name": resource.name,
        "properties": properties,
        "propertyDependencies": dependencies,
    }


def accessguard_config(policy_name: str, policy_config: Mapping[str, Any]) -> Dict[str, Any]:
    """Build the `--config` document for a run on behalf of one policy.

    The document contains the policy's properties other than the account context, unchanged.
    It sets no enforcement level, because accessguard reports the violations of advisory
    policies too and Pulumi applies the level from its own config.
    """
    properties = {
        key: value
        for key, value in policy_config.items()
        if key not in (ACCOUNTS_PROPERTY, ORGANIZATION_PROPERTY, BASELINE_PROPERTY, "enforcementLevel")
    }
    return {policy_name: properties} if properties else {}


def run_accessguard(
    binary: str,
    stack_input: str,
    accounts: Sequence[str],
    organization: Optional[str],
    config: Mapping[str, Any],
    baseline: Optional[str] = None,
) -> CheckResult:
    """Run `accessguard check` with the stack on standard input and parse its JSON report."""
    with tempfile.TemporaryDirectory(prefix="accessguard-pulumi-") as directory:
        config_path = Path(directory, "policy-pack-config.json")
        config_path.write_text(json.dumps(config), encoding="utf-8")
        command = [
            binary, "check", "-",
            "--input-format", "pulumi-resources",
            "--format", "json",
            "--config", str(config_path),
        ]
        for account in accounts:
            command += ["--account", account]
        if organization:
            command += ["--organization", organization]
        if baseline:
            command += ["--baseline", baseline]
        try:
            completed = subprocess.run(
                command, input=stack_input, capture_output=True, text=True, encoding="utf-8", check=False)
        except OSError as error:
            return CheckResult([], f"failed to start accessguard at {binary}: {error}. "
                                   "Set ACCESSGUARD to the path of the accessguard executable or put it on PATH.")

    code = completed.returncode
    if code not in (0, 1):
        meaning = _EXIT_CODE_MEANINGS.get(code, "unexpected exit code")
        details = completed.stderr.strip() or "no error output"
        return CheckResult([], f"accessguard exited with code {code} ({meaning}): {details}")
    try:
        violations = json.loads(completed.stdout)["violations"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        return CheckResult([], f"accessguard exited with code {code} but its output is not a JSON report "
                               f"with a violations list ({error}): {completed.stdout[:500]!r}")
    if not isinstance(violations, list) or not all(isinstance(item, dict) for item in violations):
        return CheckResult([], f"accessguard exited with code {code} but its violations are not a list of objects")
    return CheckResult(violations)


def file_digest(path: Optional[str]) -> Optional[str]:
    """Return the SHA-256 of a file's bytes, or None without a path or a readable file."""
    if not path:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class CheckRunner:
    """Runs accessguard once per resource set and options, and caches the result.

    The cache contains the results for the most recent resource set only. Policies whose
    configs set different accessguard options share the resource set but not a run. A
    baseline file counts by its content, so a changed file is read again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stack_digest: Optional[str] = None
        self._results: Dict[str, CheckResult] = {}

    def check(self, resources: Sequence[PolicyResource], policy_name: str,
              policy_config: Mapping[str, Any]) -> CheckResult:
        """Return accessguard's result for the resources, run with the options of one policy's config."""
        # Provider resources are left out because their inputs can contain credentials,
        # and accessguard ignores every resource type that starts with "pulumi:".
        entries = [
            resource_entry(resource)
            for resource in resources
            if not resource.resource_type.startswith("pulumi:providers:")
        ]
        stack_input = json.dumps({"resources": entries})
        accounts = list(policy_config.get(ACCOUNTS_PROPERTY) or [])
        organization = policy_config.get(ORGANIZATION_PROPERTY) or None
        baseline = policy_config.get(BASELINE_PROPERTY) or None
        config = accessguard_config(policy_name, policy_config)
        options_key = json.dumps([accounts, organization, baseline, file_digest(baseline), config], sort_keys=True)
        stack_digest = hashlib.sha256(stack_input.encode("utf-8")).hexdigest()

        with self._lock:
            if stack_digest != self._stack_digest:
                self._stack_digest = stack_digest
                self._results = {}
            if options_key not in self._results:
                binary = find_binary()
                if binary is None:
                    result = CheckResult([], "accessguard was not found. Set ACCESSGUARD to the path of the "
                                             "accessguard executable or put it on PATH.")
                else:
                    result = run_accessguard(binary, stack_input, accounts, organization, config, baseline)
                if result.error is not None:
                    logger.warning("accessguard check failed for %d resources (policy %s): %s",
                                   len(resources), policy_name, result.error)
                self._results[options_key] = result
            return self._results[options_key]
