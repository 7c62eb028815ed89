#!/usr/bin/env python3
"""Process start-up ratios: payarch against hello-world binaries built here, measured in the same run.

Usage: Benchmarks/startup_ratio.py [PAYARCH_BINARY] [--runs N] [--limit RATIO]

Builds two hello worlds with the same compiler and options as a release build (`import Foundation`,
and plain Swift), then times each command RUNS times, interleaved so that machine noise hits all of them
alike, and prints the median wall time of each and its ratio to the Foundation hello world. With
--limit, exits 1 when `payarch generate` is slower than RATIO × the Foundation hello world.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = {
    "hello (Swift)": 'print("hello")\n',
    "hello (Foundation)": 'import Foundation\nprint(Date.distantPast.timeIntervalSince1970 < 0 ? "hello" : "")\n',
}


def build_hellos(folder):
    binaries = {}
    for name, source in HELLO.items():
        stem = "hello_" + ("foundation" if "Foundation" in name else "swift")
        path = os.path.join(folder, stem + ".swift")
        with open(path, "w") as handle:
            handle.write(source)
        out = os.path.join(folder, stem)
        subprocess.run(["swiftc", "-O", path, "-o", out], check=True, cwd=folder)
        binaries[name] = [out]
    return binaries


def timed(command, cwd):
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main():
    args = sys.argv[1:]
    runs, limit, binary = 40, None, ".build/release/payarch"
    while args:
        arg = args.pop(0)
        if arg == "--runs":
            runs = int(args.pop(0))
        elif arg == "--limit":
            limit = float(args.pop(0))
        else:
            binary = arg
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.abspath(os.path.join(repo, binary) if not os.path.isabs(binary) else binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"startup_ratio: {binary} is not an executable; build it with `swift build -c release --product payarch`")
    with tempfile.TemporaryDirectory(prefix="payarch-hello-") as folder:
        commands = build_hellos(folder)
        commands.update({
            "payarch --help": [binary, "--help"],
            "payarch --version": [binary, "--version"],
            "payarch generate --case 1": [binary, "generate", "--case", "1"],
            "payarch generate --format json": [binary, "generate", "--case", "2", "--format", "json"],
            "payarch validate": [binary, "validate"],
        })
        samples = {name: [] for name in commands}
        for name, command in commands.items():  # warm the page cache
            timed(command, repo)
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(timed(command, repo))
    base = statistics.median(samples["hello (Foundation)"])
    print(f"{'command':34} {'median ms':>10} {'ratio':>7}   ({runs} runs each, {os.cpu_count()} cores)")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:34} {median * 1000:10.2f} {median / base:6.2f}×")
    ratio = statistics.median(samples["payarch generate --case 1"]) / base
    if limit is not None and ratio > limit:
        print(f"startup_ratio: payarch generate is {ratio:.2f}× a Foundation hello world, above the limit of {limit}×")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
