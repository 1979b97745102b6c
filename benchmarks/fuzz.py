"""Fuzzing for a fixed time: the targets of tests/fuzz, round after round, each with a new seed.

Run on demand (the test run itself does 30 examples per target):

    python benchmarks/fuzz.py --minutes 30 [--examples 400]

Each round is one pytest process over tests/fuzz with PUBLISH_FUZZ_EXAMPLES examples per target
and `--hypothesis-seed` set to the round number, so a failing round can be replayed exactly.
It prints the examples run per target (Hypothesis' statistics: passing examples of the
generate phase) and every round that failed, with the exception; a failure is any exception
other than PublishError, which the targets let through.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TARGET = re.compile(r"^tests/fuzz/test_fuzz\.py::(\w+):")
_PASSING = re.compile(r"(\d+) passing examples?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--examples", type=int, default=400, help="examples per target a round")
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    examples: Counter[str] = Counter()
    failures: list[str] = []
    rounds = 0
    started = time.monotonic()
    while time.monotonic() < deadline:
        rounds += 1
        result = subprocess.run(
            [
                sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider",
                f"--hypothesis-seed={rounds}", "--hypothesis-show-statistics",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PUBLISH_FUZZ_EXAMPLES": str(args.examples)},
        )  # fmt: skip
        target, generating = "", False
        for line in result.stdout.splitlines():
            if found := _TARGET.match(line.strip()):
                target = found.group(1)
            elif "phase" in line:
                generating = "generate phase" in line
            elif (count := _PASSING.search(line)) and target and generating:
                examples[target] += int(count.group(1))
        if result.returncode != 0:
            failures.append(f"round {rounds} (seed {rounds}):\n{result.stdout[-3000:]}")
        print(
            f"round {rounds}: {'ok' if result.returncode == 0 else 'FAILED'}, "
            f"{sum(examples.values()):,} examples in {(time.monotonic() - started) / 60:.1f} min",
            flush=True,
        )
    print(f"\n{rounds} rounds in {(time.monotonic() - started) / 60:.1f} min")
    for target, count in sorted(examples.items()):
        print(f"  {target}: {count:,} examples")
    print(f"  total: {sum(examples.values()):,} examples, {len(failures)} failing round(s)")
    for failure in failures:
        print(failure)


if __name__ == "__main__":
    main()
