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

from accessguard_runner import ACCOUNTS_PROPERTY, BASELINE_PROPERTY, ORGANIZATION_PROPERTY, CheckRunner

# NOTE: Pulumi's policy config has no properties shared by all policies, and the Python
# SDK gives each policy only its own config, so every policy carries the account context.
# Policies whose account context differs get separate accessguard runs.
ACCOUNT_CONTEXT_SCHEMA: Dict[str, Dict[str, Any]] = {
    ACCOUNTS_PROPERTY: {
        "type": "array",
        "items": {"type": "string", "pattern": "^[0-9]{12}$"},
        "description": "Trusted AWS account IDs, the first being the account the stack deploys to. "
                       "Each is passed to accessguard as --account.",
    },
    ORGANIZATION_PROPERTY: {
        "type": "string",
        "pattern": "^o-[a-z0-9]{10,32}$",
        "description": "The AWS Organizations ID of your accounts, passed to accessguard as --organization.",
    },
}

ACCESS_NOT_GRANTED_SCHEMA: Dict[str, Dict[str, Any]] = {
    "actions": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Actions or action patterns, such as kms:Decrypt or s3:Delete*.",
    },
    "resources": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Resource ARNs or ARN patterns.",
    },
}

NEW_ACCESS_SCHEMA: Dict[str, Dict[str, Any]] = {
    BASELINE_PROPERTY: {
        "type": "string",
        "description": "Path of the deployment to compare with, such as the file `pulumi stack export` "
                       "writes before the change; passed to accessguard as --baseline. A relative path "
                       "starts from the directory the Pulumi CLI runs in.",
    },
}

# Name, description, default enforcement level and policy-specific config properties.
# The default levels are the ones `accessguard check` uses.
POLICIES = [
    ("no-public-access",
     "No resource may be reachable by anyone, and no resource may ask for public access that AWS rejects at deployment.",
     EnforcementLevel.MANDATORY, {}),
    ("no-external-access",
     "Reports every principal outside the trusted accounts and organization that a resource lets in, "
     "when the access is not public.",
     EnforcementLevel.ADVISORY, {}),
    ("no-new-external-access",
     "No resource may give outside principals access that the baseline deployment does not. Without "
     "the baseline property this policy reports nothing, because a stack analysis carries no prior state.",
     EnforcementLevel.MANDATORY, NEW_ACCESS_SCHEMA),
    ("access-not-granted",
     "The actions listed in the config, on the resources listed, may not be granted to anyone outside "
     "the trusted accounts and organization.",
     EnforcementLevel.MANDATORY, ACCESS_NOT_GRANTED_SCHEMA),
    ("policy-validation",
     "IAM policy documents must be valid and free of security warnings.",
     EnforcementLevel.MANDATORY, {}),
    ("undecidable-access",
     "Every resource's access must be decidable before deployment. Reports values unknown during a "
     "preview that access depends on, and failures to run accessguard.",
     EnforcementLevel.MANDATORY, {}),
    ("unsupported-resources",
     "Lists resources that can grant access but whose type AccessGuard does not evaluate.",
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
