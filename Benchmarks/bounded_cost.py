#!/usr/bin/env python3
"""Bounded-cost check: every input up to the size limit ends within 2 s and 200 MB.

Runs the release binary of payarch over the bad-input corpus plus generated large, deep, wide and
alias-heavy inputs, one process each, and prints wall time and peak resident memory per input.
Exits 1 when any run exceeds the budget or dies from a signal.

Usage: Benchmarks/bounded_cost.py [path/to/payarch]   (default: .build/release/payarch)
"""
import json
import shutil
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
    yield from attack_inputs(directory, write, spec)


def attack_inputs(directory, write, spec):
    """The reproductions of the attack run behind issue #7, one process each."""
    sparse = os.path.join(directory, "sparse.input.yml")
    with open(sparse, "wb") as handle:
        handle.truncate(1 << 30)
    yield "1 GB sparse input (refused from its size)", ["generate", "--input", sparse]
    yield "1 GB sparse document", ["validate", "--document", sparse, "--lint-only"]
    yield "5 MB one-line input with a syntax error", ["generate", "--max-input-bytes", "6000000", "--input",
        write("oneline.input.yml", "payment_rails: [" + "x," * 2500000 + "\n")]
    yield "60,000-digit TPS figure", ["generate", "--input", write("digits.input.yml",
        "payment_rails: Stripe\nthroughput_requirements: \"%s TPS, 5x the average\"\nconsistency_constraints: strong\n" % ("9" * 60000))]
    start = spec.index("testData:")
    end = spec.index("evaluators:")
    cases = spec[start + len("testData:\n"):end]
    yield "validate with 200 testData cases (the limit)", ["validate", "--spec", write("cases.prompt.yml",
        spec[:start] + "testData:\n" + cases * 100 + spec[end:])]
    yield "1,000 testData cases (refused)", ["validate", "--spec", write("cases1000.prompt.yml",
        spec[:start] + "testData:\n" + cases * 500 + spec[end:])]
    yield "lint on 200,000 bold lines", ["validate", "--lint-only", "--document", write("bold.md", "**x**\n" * 200000)]
    chain = "".join("      v%d: \"{{v%d}}{{v%d}}\"\n" % (i, i + 1, i + 1) for i in range(40)) + "      v40: \"x\"\n"
    templated = ("name: t\nvariables:\n" + "".join("  - name: v%d\n" % i for i in range(41))
                 + "testData:\n  - input:\n" + chain
                 + "evaluators:\n  - name: s\n    string:\n      contains: \"{{v0}}\"\n")
    yield "second-order templating chain", ["validate", "--spec", write("chain.prompt.yml", templated),
        "--document", write("chain.md", "{{v1}}{{v1}}"), "--case", "1"]
    big = "x" * 60000
    blowup = ("name: t\nvariables:\n  - name: v\ntestData:\n  - input:\n      v: \"%s\"\n" % big
              + "evaluators:\n  - name: s\n    string:\n      contains: \"%s\"\n" % ("{{v}}" * 20000))
    yield "string operand expanding to 1.2 GB", ["validate", "--spec", write("blowup.prompt.yml", blowup),
        "--document", write("blowup.md", "y" * (LIMIT // 2)), "--case", "1"]
    for number, pattern in enumerate(["(.|\\\\s)*X", ".*.*.*.*.*.*.*.*.*.*X", "(\\\\w+\\\\s?){1,60}X", "^(a?){40}a{40}$"]):
        regex = spec.replace('pattern: "(Outbox Pattern', 'pattern: "%s|(Outbox Pattern' % pattern)
        yield "regex %s" % pattern.replace("\\\\", "\\"), ["validate", "--spec", write("regex%d.prompt.yml" % number, regex),
            "--document", write("regex%d.md" % number, ("a " * 1000000)[:LIMIT - 10] if number < 3 else "a" * 40)]
    templates = os.path.join(directory, "templates-deep")
    shutil.copytree(os.path.join(ROOT, "templates"), templates)
    with open(os.path.join(templates, "sections", "tracing.mustache"), "w") as handle:
        handle.write("{{#s}}" * 5000 + "{{/s}}" * 5000)
    yield "template with 5,000 nested sections", ["generate", "--templates", templates]
    inheriting = os.path.join(directory, "templates-cycle")
    shutil.copytree(os.path.join(ROOT, "templates"), inheriting)
    with open(os.path.join(inheriting, "design.mustache"), "w") as handle:
        handle.write("{{<design}}{{/design}}\n")
    yield "template inheriting from itself", ["generate", "--templates", inheriting]
    rules = os.path.join(directory, "rules-wide")
    shutil.copytree(os.path.join(ROOT, "rules"), rules)
    with open(os.path.join(rules, "rail-classes.yml")) as handle:
        classes = handle.read()
    with open(os.path.join(rules, "rail-classes.yml"), "w") as handle:
        handle.write(classes.replace("families:\n", "families:\n" + "".join("  - {id: f%d, name: f%d}\n" % (i, i) for i in range(1507)), 1))
    with open(os.path.join(rules, "throughput.yml")) as handle:
        throughput = handle.read()
    bands = "".join("  - {id: b%d, name: b%d, from: %d, to: %d}\n" % (i, i, 25000 + i, 25001 + i) for i in range(2004))
    throughput = throughput.replace("    from: 25000\n    to: .inf\n", "    from: 25000\n    to: 25000\n" + bands
                                    + "  - {id: last, name: last, from: 27004, to: .inf}\n", 1)
    with open(os.path.join(rules, "throughput.yml"), "w") as handle:
        handle.write(throughput)
    yield "decision tables over 1,507 x 2,005 keys", ["generate", "--rules", rules]
    yield from second_attack_inputs(directory, write, spec)
    yield "2,000 --var arguments", ["generate"] + ["--var", "payment_rails=Stripe"] * 998 + ["--var", "throughput_requirements=1 TPS"]
    yield "6,000 --var arguments (refused)", ["generate"] + ["--var", "payment_rails=Stripe"] * 3000


def second_attack_inputs(directory, write, spec):
    """The reproductions of the second attack run (after issue #8), one process each."""
    head, rest = spec.split("testData:\n")
    evaluators = rest[rest.index("evaluators:"):]
    distinct = "".join('  - input: {payment_rails: "Stripe and PayPal.", throughput_requirements: "%d TPS peak.", '
                       'consistency_constraints: "Strict serializability required."}\n    expected: "Pattern"\n' % (i + 1) for i in range(200))
    yield "200 distinct testData cases", ["validate", "--spec", write("distinct200.prompt.yml", head + "testData:\n" + distinct + evaluators)]
    aliased = ('testData:\n  - &c\n    input:\n      payment_rails: "Stripe and PayPal."\n      throughput_requirements: "10,000 TPS peak."\n'
               '      consistency_constraints: "Strict serializability required."\n    expected: "' + "Z" * 300000 + '"\n' + "  - *c\n" * 199)
    yield "200 aliases of a case with 300 kB expected", ["validate", "--format", "json", "--spec", write("bigexpected.prompt.yml", head + aliased + evaluators)]
    start = spec.index("evaluators:")
    document = write("big4m.md", "# T\n" + ("word " * 800000)[:LIMIT - 100] + "\n")
    yield "100 equals evaluators on a 4 MB document", ["validate", "--document", document, "--spec", write("eq100.prompt.yml",
        spec[:start] + "evaluators:\n" + "".join("  - {name: e%d, string: {equals: \"x\"}}\n" % k for k in range(100)))]
    yield "100 regex evaluators on a 4 MB document", ["validate", "--document", document, "--spec", write("re100.prompt.yml",
        spec[:start] + "evaluators:\n" + "".join("  - {name: e%d, type: regex, pattern: \"zz%d\"}\n" % (k, k) for k in range(100)))]
    yield "100 contains with 10 kB near-miss operands", ["validate", "--document", write("a50k.md", "a" * 50000 + "\n"), "--spec",
        write("long-operand.prompt.yml", spec[:start] + "evaluators:\n" + "".join(
            "  - {name: e%d, string: {contains: \"%s\"}}\n" % (k, "a" * 10000 + "b") for k in range(100)))]
    yield "backreference pattern (refused)", ["validate", "--document", write("line5000.md", "# T\n" + "a" * 5000 + "\n"), "--spec",
        write("backref.prompt.yml", spec[:start] + "evaluators:\n  - name: br\n    type: regex\n    pattern: \"(.*)\\\\1b\"\n")]
    def templates(name, files):
        folder = os.path.join(directory, name)
        shutil.copytree(os.path.join(ROOT, "templates"), folder)
        for file, text in files.items():
            with open(os.path.join(folder, file), "w") as handle:
                handle.write(text)
        return folder
    yield "8 nested sections over a list (refused)", ["generate", "--templates", templates("t-nested",
        {"design.mustache": "# X\n" + "{{#basis}}" * 8 + "x" + "{{/basis}}" * 8 + "\n"})]
    fan = {"design.mustache": "# X\n" + "{{>p1}}" * 10 + "\n", "p8.mustache": "x"}
    fan.update({"p%d.mustache" % i: "{{>p%d}}" % (i + 1) * 10 for i in range(1, 8)})
    yield "partial fan-out of 10^8 (refused)", ["generate", "--templates", templates("t-fan", fan)]
    chain = {"design.mustache": "# X\n{{>p1}}\n", "p300.mustache": "x"}
    chain.update({"p%d.mustache" % i: "{{#outbox}}" * 30 + "{{>p%d}}" % (i + 1) + "{{/outbox}}" * 30 for i in range(1, 300)})
    yield "300-template chain of nested sections", ["generate", "--templates", templates("t-chain", chain)]
    yield "10 unused 4 MB templates (refused)", ["generate", "--templates", templates("t-big",
        {"junk%d.mustache" % i: "x" * 4000000 for i in range(10)})]
    rules = os.path.join(directory, "rules-aliased")
    shutil.copytree(os.path.join(ROOT, "rules"), rules)
    lines = ["id: junk", "title: Junk", "order: 99", "hitPolicy: unique", "keys: [apState]", "outputs: [o]", 'summary: "{o}"', "rows:",
             "  - id: r0\n    when: {apState: [cp-only]}\n    then: {o: x}\n    rationale: x\n    examples: &ex"]
    lines += ["      - given: {apState: ap-allowed}"] * 50
    lines += ["  - {id: r%d, when: {apState: [cp-only]}, then: {o: x}, rationale: x, examples: *ex}" % i for i in range(1, 1000)]
    with open(os.path.join(rules, "decisions", "zz-junk.yml"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    yield "1,000 rows sharing 50 aliased examples", ["generate", "--rules", rules]
    facts_rules = os.path.join(directory, "rules-facts")
    shutil.copytree(os.path.join(ROOT, "rules"), facts_rules)
    catalogue = os.path.join(facts_rules, "rails", "psp-card-api.yml")
    with open(catalogue) as handle:
        text = handle.read()
    first = text.index("    facts:\n")
    after = text.index("  - id:", first)
    facts = ('    facts:\n      - {topic: conflict, text: &T "' + "Q" * 20000 + '", source: "https://x.example"}\n'
             + '      - {topic: conflict, text: *T, source: "https://x.example"}\n' * 4999)
    with open(catalogue, "w") as handle:
        handle.write(text[:first] + facts + text[after:])
    yield "5,000 aliased 20 kB rail facts (refused)", ["generate", "--rules", facts_rules]
    big_rules = os.path.join(directory, "rules-big")
    shutil.copytree(os.path.join(ROOT, "rules"), big_rules)
    for i in range(6):
        with open(os.path.join(big_rules, "decisions", "zz%d.yml" % i), "w") as handle:
            handle.write("# " + "r" * 3900000 + "\nid: junk%d\n" % i)
    yield "6 rules files of 4 MB (refused)", ["generate", "--rules", big_rules]
    yield "99,000 YAML anchors (refused)", ["generate", "--input", write("anchors.input.yml",
        "x:\n" + "".join("  - &a%d v\n" % j for j in range(99000)))]


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
