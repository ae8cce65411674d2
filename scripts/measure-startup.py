#!/usr/bin/env python3
"""Measure the start-up cost of the accessguard executable.

Builds the release binary as the README installs it, then runs each command N times and prints the median wall time
and the peak resident memory of one run (from /usr/bin/time -v). The catalog-free
`--help` run is the baseline for the cost of loading the action catalog.

Usage: scripts/measure-startup.py [--runs N]
"""

import argparse
import pathlib
import re
import statistics
import subprocess
import time

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
BINARY = REPOSITORY / ".build/release/accessguard"
EXAMPLE = "Examples/policies/public-bucket-policy.json"
PARTNER = "Examples/policies/partner-bucket-policy.json"

COMMANDS = [
    ("--help (no catalog)", ["--help"]),
    ("--version (catalog index)", ["--version"]),
    ("validate example", ["validate", EXAMPLE]),
    ("actions '*' (whole catalog)", ["actions", "*"]),
    ("compare examples", ["compare", PARTNER, EXAMPLE]),
    ("analyze example", ["analyze", EXAMPLE, "--resource-type", "AWS::S3::Bucket",
                         "--resource", "arn:aws:s3:::example-bucket", "--account", "111122223333"]),
]


def median_milliseconds(arguments: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(BINARY), *arguments], cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def peak_memory_kilobytes(arguments: list[str]) -> int:
    result = subprocess.run(
        ["/usr/bin/time", "-v", str(BINARY), *arguments],
        cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return int(match.group(1)) if match else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="runs per command (default 31)")
    arguments = parser.parse_args()
    # Built as the README installs it, with the Swift runtime linked in.
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "accessguard"],
                   cwd=REPOSITORY, check=True)
    baseline = None
    print(f"{'command':32} {'median ms':>10} {'vs --help':>10} {'peak RSS KB':>12}")
    for label, command in COMMANDS:
        median = median_milliseconds(command, arguments.runs)
        baseline = baseline or median
        print(f"{label:32} {median:10.1f} {median / baseline:9.1f}x {peak_memory_kilobytes(command):12d}")


if __name__ == "__main__":
    main()
