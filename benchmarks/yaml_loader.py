"""The restricted YAML loader against PyYAML's own: a large pinyin.yaml, parsed.

Run on demand:

    python benchmarks/yaml_loader.py [--entries 20000] [--runs 5]

A `word: reading` mapping of `--entries` entries (about 30 bytes each, so 20,000 is some
0.6 MB, near MAX_YAML_BYTES) is parsed by (1) `sources.yamldoc.parse_yaml` (the restricted
loader: no aliases, bounded depth and integers, every scalar checked for unpublishable
characters, composed once and constructed from the node), (2) PyYAML's pure-Python
SafeLoader composing and loading it as the loader did before (two passes), (3) PyYAML's
SafeLoader once, (4) the libyaml CSafeLoader once. Medians of `--runs`, CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from publish.sources.yamldoc import parse_yaml


def _cpu(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    text = "".join(
        f"{han[i % 2000]}{han[(i * 7) % 2000]}{han[(i * 13) % 2000]}: lǜ yuán zi{i % 5}\n"
        for i in range(args.entries)
    )
    print(f"{args.entries:,} entries, {len(text.encode()) / 1e6:.2f} MB")
    cases: dict[str, Callable[[], object]] = {
        "restricted loader (parse_yaml)": lambda: parse_yaml(text, Path("pinyin.yaml")),
        "SafeLoader, compose + load (before)": lambda: (
            yaml.compose(text, Loader=yaml.SafeLoader),
            yaml.load(text, Loader=yaml.SafeLoader),
        ),
        "SafeLoader, load": lambda: yaml.load(text, Loader=yaml.SafeLoader),
        "CSafeLoader (libyaml), load": lambda: yaml.load(text, Loader=yaml.CSafeLoader),
    }
    for name, run in cases.items():
        print(f"  {name}: {_cpu(run, args.runs):.2f} s")


if __name__ == "__main__":
    main()
