"""The AccessGuard policy pack: reports AWS resources of a Pulumi stack that the public
or other accounts can reach, as found by `accessguard check`.

Each AccessGuard policy is a stack validation policy of the same name, so Pulumi's
per-policy enforcement levels and config apply to it. All policies share one
accessguard run per stack (see accessguard_runner.CheckRunner).
"""

from typing import Any, Dict, Optional

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyPack,
    ReportViolation,
    StackValidation,
    StackValidationArgs,
    StackValidationPolicy,
)

from accessguard_runner import ACCOUNTS_PROPERTY, ORGANIZATION_PROPERTY, CheckRunner

ACCOUNT_CONTEXT_SCHEMA: Dict[str, Dict[str, Any]] = {
    ACCOUNTS_PROPERTY: {
        "type": "array",
        "items": {"type": "string", "pattern": "^[0-9]{12}$"},
        "description": "AWS account IDs that count as your own; each is passed to accessguard as --account.",
    },
    ORGANIZATION_PROPERTY: {
        "type": "string",
        "pattern": "^o-[a-z0-9]{10,32}$",
        "description": "The AWS Organizations ID of your accounts, passed to accessguard as --organization.",
    },
}

ACTIONS_SCHEMA: Dict[str, Dict[str, Any]] = {
    "actions": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Actions, such as kms:Decrypt or s3:Get*, that no principal outside your accounts may be granted.",
    },
}

# Name, description, default enforcement level and policy-specific config properties.
POLICIES = [
    ("no-public-access",
     "No resource may be reachable by anonymous principals or by every AWS account.",
     EnforcementLevel.MANDATORY, {}),
    ("no-external-access",
     "No resource may grant access to principals outside the trusted accounts and organization.",
     EnforcementLevel.MANDATORY, {}),
    ("no-new-external-access",
     "A change may not grant access to outside principals that the deployed stack does not grant.",
     EnforcementLevel.MANDATORY, {}),
    ("access-not-granted",
     "No resource may grant the actions listed in the actions config property.",
     EnforcementLevel.MANDATORY, ACTIONS_SCHEMA),
    ("policy-validation",
     "IAM policy documents in the stack must be free of errors and security warnings.",
     EnforcementLevel.ADVISORY, {}),
    ("undecidable-access",
     "AccessGuard must be able to decide who can reach each resource. It reports values unknown "
     "during a preview that access depends on, and failures to run accessguard.",
     EnforcementLevel.MANDATORY, {}),
    ("unsupported-resources",
     "Resources that can grant access but whose type AccessGuard does not evaluate.",
     EnforcementLevel.ADVISORY, {}),
]

runner = CheckRunner()


def report(report_violation: ReportViolation, message: str, address: Optional[str]) -> None:
    """Report a violation on the resource with the URN `address`, or on the stack when it is no URN."""
    if address and address.startswith("urn:pulumi:"):
        report_violation(message, address)
    elif address:
        report_violation(f"{address}: {message}", None)
    else:
        report_violation(message, None)


def validation(policy_name: str) -> StackValidation:
    """Create the stack validation that reports the accessguard violations of one policy."""

    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        result = runner.check(args.resources, policy_name, args.get_config())
        if result.error is not None:
            # A policy that could not be checked must not pass, so every enabled policy reports the failure.
            report_violation(f"accessguard did not check the stack: {result.error}", None)
            return
        for violation in result.violations_of(policy_name):
            report(report_violation, str(violation.get("message", "")), violation.get("address"))
        if policy_name == "undecidable-access":
            for violation in result.violations_of_other_policies():
                message = f"accessguard policy {violation.get('policy')!r}: {violation.get('message', '')}"
                report(report_violation, message, violation.get("address"))

    return validate


PolicyPack(
    name="accessguard",
    description="Reports AWS resources that the public or other accounts can reach, using accessguard.",
    policies=[
        StackValidationPolicy(
            name=name,
            description=description,
            enforcement_level=level,
            config_schema=PolicyConfigSchema(properties={**ACCOUNT_CONTEXT_SCHEMA, **extra_schema}),
            validate=validation(name),
        )
        for name, description, level, extra_schema in POLICIES
    ],
)
