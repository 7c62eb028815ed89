#!/usr/bin/env python3
"""Bounded-cost check: every input up to the size limit ends within 2 s and 200 MB.

Runs the release binary of payarch over the bad-input corpus plus generated large, deep, wide and
alias-heavy inputs, one process each, and prints wall time and peak resident memory per input.
Exits 1 when any run exceeds the budget or dies from a signal.

Usage: Benchmarks/bounded_cost.py [path/to/payarch]   (default: .build/release/payarch)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) == 2 else os.path.join(ROOT, ".build/release/payarch")
CORPUS = os.path.join(ROOT, "Tests/Fixtures/bad")
EXAMPLE_SPEC = os.path.join(ROOT, "examples/payment-gateway-idempotency-architect.prompt.yml")
LIMIT = 4 * 1024 * 1024
MAX_SECONDS = 2.0
MAX_MB = 200.0


def run(arguments):
    """Runs payarch; returns (seconds, peak MB, exit status or -signal)."""
    # posix_spawn, not fork: a forked child would start with this script's resident pages counted
    # in its peak memory.
    null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    start = time.monotonic()
    pid = os.posix_spawn(BINARY, [BINARY] + arguments, os.environ, file_actions=null)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024.0, code


def generated_inputs(directory):
    """Writes the generated inputs and yields (name, arguments)."""
    def write(name, text):
        path = os.path.join(directory, name)
        with open(path, "w") as handle:
            handle.write(text)
        return path

    spec = open(EXAMPLE_SPEC).read()
    room = LIMIT - len(spec) - 1024

    rails = "Stripe and PayPal, Adyen; ACH and SEPA. " * (room // 3 // 41)
    throughput = "10,000 TPS peak during flash sales, 500 rps sustained, P99 under 300 ms; " * (room // 3 // 75)
    consistency = "strict serializability for payment initiation; eventual consistency for the ledger; " * (room // 3 // 86)
    yield "large input (4 MiB of vocabulary)", ["generate", "--input", write("large.input.yml",
        "payment_rails: \"%s\"\nthroughput_requirements: \"%s\"\nconsistency_constraints: \"%s\"\n" % (rails, throughput, consistency))]
    cap = 64 * 1024 - 100
    yield "largest accepted input (3 x 64 KiB)", ["generate", "--input", write("capped.input.yml",
        "payment_rails: \"%s\"\nthroughput_requirements: \"%s\"\nconsistency_constraints: \"%s\"\n"
        % (rails[:cap], throughput[:cap], consistency[:cap]))]
    yield "largest accepted input, validate as JSON", ["validate", "--format", "json", "--document",
        write("capped-design.md", spec), "--case", "1"]
    yield "largest accepted input as JSON", ["generate", "--format", "json", "--input", os.path.join(directory, "capped.input.yml")]
    noise = "".join(chr(0x41 + (i * 7919) % 26) + ("," if i % 5 == 0 else " ") for i in range(room // 2))
    yield "large input of capitalised noise", ["generate", "--input", write("noise.input.yml",
        "payment_rails: \"Stripe %s\"\nthroughput_requirements: \"%s\"\nconsistency_constraints: strong\n" % (noise[: room // 2], noise[: room // 3]))]
    unknown = "".join("v%d: x\n" % i for i in range(room // 12))
    yield "input with 300k unknown variables", ["generate", "--input", write("unknown.input.yml",
        "payment_rails: Stripe\nthroughput_requirements: 1 TPS\nconsistency_constraints: strong\n" + unknown)]
    yield "spec with 4 MiB of metadata keys", ["validate", "--spec", write("wide.prompt.yml",
        spec.replace("metadata:\n", "metadata:\n" + "".join("  key%d: value\n" % i for i in range(room // 20)), 1))]
    yield "flow sequence of 1M items", ["generate", "--spec", write("flow.prompt.yml",
        "name: x\nmetadata: [" + ",".join("1" for _ in range(room // 2)) + "]\n")]
    yield "100k levels of nesting", ["generate", "--spec", write("deep.prompt.yml",
        "name: x\nmetadata: " + "[" * 100000 + "]" * 100000 + "\n")]
    yield "64 levels of nesting (at the limit)", ["generate", "--spec", write("deep64.prompt.yml",
        spec + "\nextra: " + "[" * 63 + "]" * 63 + "\n")]
    bomb = "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        "  %s: &%s [%s]\n" % (chr(98 + i), chr(98 + i), ", ".join(["*" + chr(97 + i)] * 10)) for i in range(12))
    yield "billion laughs in metadata", ["generate", "--spec", write("laughs.prompt.yml", "name: x\nmetadata:\n" + bomb)]
    yield "billion laughs in testData", ["validate", "--spec", write("laughs-testdata.prompt.yml",
        spec + "anchors:\n" + bomb.replace("  ", "  ", 1) + "testDataExtra: *m\n")]
    yield "alias bomb as an input value", ["generate", "--input", write("laughs.input.yml",
        "anchors:\n" + bomb + "payment_rails: *m\nthroughput_requirements: 1 TPS\nconsistency_constraints: strong\n")]
    yield "4 MiB single-line document", ["validate", "--document", write("line.md", "a" * (LIMIT - 1)), "--case", "1"]
    headings = "".join("## Transaction Flow %d\n\nprose %d\n\n" % (i, i) for i in range(room // 40))
    yield "document with 100k sections", ["validate", "--document", write("sections.md", "# T\n\n" + headings), "--case", "1"]
    code = "## Transaction Flow\n\n```\n" + "x\n" * (room // 2) + "```\n"
    yield "document with a 2 MiB code block", ["validate", "--document", write("code.md", code), "--lint-only"]
    yield "file over the size limit", ["generate", "--spec", write("huge.prompt.yml", "name: x\n" + "#" * (LIMIT + 10) + "\n")]


def corpus_inputs():
    for name in sorted(os.listdir(CORPUS)):
        path = os.path.join(CORPUS, name)
        if name.startswith("spec-"):
            yield "corpus " + name, ["validate", "--spec", path]
        elif name.startswith("input-"):
            yield "corpus " + name, ["generate", "--input", path]
        elif name.endswith(".md"):
            yield "corpus " + name, ["validate", "--document", path]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        # Child mode: write the inputs and print their runs as JSON. Generating in a separate process
        # keeps the measuring process small: a spawned child's peak memory starts from its parent's.
        print(json.dumps(list(generated_inputs(sys.argv[2]))))
        return
    if not os.access(BINARY, os.X_OK):
        sys.exit("build the release binary first: swift build -c release --product payarch")
    failures = 0
    print("%-44s %8s %9s %6s" % ("input", "seconds", "peak MB", "exit"))
    with tempfile.TemporaryDirectory() as directory:
        generated = json.loads(subprocess.run([sys.executable, os.path.abspath(__file__), "--generate", directory],
                                              check=True, capture_output=True, text=True).stdout)
        for name, arguments in list(corpus_inputs()) + generated:
            failures += report(name, arguments)
    print("%d runs over budget (limits: %.0f s, %.0f MB, no signals)" % (failures, MAX_SECONDS, MAX_MB))
    sys.exit(1 if failures else 0)


def report(name, arguments):
    """Runs one input, prints its line, returns 1 when it is over budget."""
    seconds, megabytes, code = run(arguments)
    over = seconds > MAX_SECONDS or megabytes > MAX_MB or code < 0
    print("%-44s %8.3f %9.1f %6d%s" % (name[:44], seconds, megabytes, code, "  OVER BUDGET" if over else ""), flush=True)
    return int(over)


if __name__ == "__main__":
    main()
