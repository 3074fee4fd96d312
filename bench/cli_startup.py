"""Start-up cost of the command line: CPU seconds of ``skyledger --help`` and of a few
commands' ``--help``, against a bare ``python -c pass`` measured in the same run (the floor:
the interpreter itself), and against importing the whole package as the commands used to.

    .venv/bin/python bench/cli_startup.py [--rounds 15]

Each figure is the median CPU time (user + system) of the child processes over the rounds;
the ratios to the floor are the machine-independent figures.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys

CASES: dict[str, list[str]] = {
    "python -c pass (floor)": [sys.executable, "-c", "pass"],
    "skyledger --help": [sys.executable, "-m", "skyledger", "--help"],
    "skyledger ingest --help": [sys.executable, "-m", "skyledger", "ingest", "--help"],
    "skyledger export --help": [sys.executable, "-m", "skyledger", "export", "--help"],
    "import the whole stack": [
        sys.executable,
        "-c",
        "import skyledger.api, skyledger.ingest, skyledger.export.parquet, skyledger.scoring.run",
    ],
}


def cpu_seconds(command: list[str]) -> float:
    """The CPU time one run of ``command`` takes (user + system, of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.rounds):  # interleaved, so a slow spell hits every case alike
        for name, command in CASES.items():
            times[name].append(cpu_seconds(command))
    floor = statistics.median(times["python -c pass (floor)"])
    print(f"median CPU seconds over {args.rounds} rounds")
    print(f"{'case':<28} {'CPU s':>7} {'× floor':>8}")
    for name, found in times.items():
        median = statistics.median(found)
        print(f"{name:<28} {median:>7.3f} {median / floor:>8.1f}")


if __name__ == "__main__":
    main()
