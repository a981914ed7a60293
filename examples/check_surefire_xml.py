#!/usr/bin/env python3
"""Checks the example project's Surefire XML the way a CI test report reads it.

Usage: check_surefire_xml.py REPORTS_DIR [--failing]

Each threshold's testcase must be named by its expression (with its request when it has one), each task's by its
method, the run's by its figures; the failing threshold must carry the figures in its failure message; and the
console summary (requests, percentiles, throughput, generator health, thresholds) must be in the system-out of one
testcase of each class. With --failing, BuggyBudgetLoadTest must have run and failed exactly its broken budget.
Python's standard XML parser, because CI already has python3 (Locust needs it) and it reads the XML exactly.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

COUNT = r"\d{1,3}(?:,\d{3})*"
RUN = re.compile(rf"^{COUNT} requests in [\d.]+ s \([\d.]+/s\), {COUNT} failed \([\d.]+%\)$")
problems = []


def check(condition, message):
    if not condition:
        problems.append(message)


def suite(reports, name):
    path = reports / f"TEST-com.example.quickstart.{name}.xml"
    if not path.is_file():
        problems.append(f"{path} is missing")
        return None
    return ET.parse(path).getroot()


def cases(root):
    return {case.get("name"): case for case in root.iter("testcase")}


def task(names, method):
    return any(re.fullmatch(rf"{re.escape(method)} {COUNT} runs?, no exceptions", n) for n in names)


def check_class(root, thresholds, tasks, tests, failing):
    label = root.get("name")
    by_name = cases(root)
    names = list(by_name)
    check(sum(1 for n in names if RUN.match(n)) == 1, f"{label}: no testcase named after the run's figures in {names}")
    for expression in thresholds:
        check(expression in by_name, f"{label}: no testcase named {expression!r} in {names}")
    for method in tasks:
        check(task(names, method), f"{label}: no testcase for the task {method} in {names}")
    for test in tests:
        check(test in by_name, f"{label}: no testcase named {test!r} in {names}")
    check(len(names) == 1 + len(thresholds) + len(tasks) + len(tests), f"{label}: unexpected testcases {names}")
    check(not any("verdicts" in n or "[1][" in n for n in names), f"{label}: template names leak into {names}")
    failed = sorted(n for n, case in by_name.items() if case.find("failure") is not None or case.find("error") is not None)
    check(failed == sorted(failing), f"{label}: failed testcases {failed}, expected {sorted(failing)}")
    outs = [case.findtext("system-out") or "" for case in by_name.values()]
    summaries = [out for out in outs if "Aggregated" in out]
    check(len(summaries) == 1, f"{label}: the console summary is in {len(summaries)} testcases' system-out, not 1")
    for summary in summaries:
        for part in ("Median", "p95", "p99", "req/s", "Load generator:", "Thresholds"):
            check(part in summary, f"{label}: the summary in system-out has no {part!r}")
    return by_name


def main():
    reports = Path(sys.argv[1])
    failing = "--failing" in sys.argv[2:]
    quick = suite(reports, "QuickstartLoadTest")
    if quick is not None:
        check_class(quick, ["p95 < 500ms", "failure_rate < 1% [GET /]"], ["home(Http)", "order(Http)"],
                    ["everyRequestNameWasMeasured(LoadTestResult)"], [])
    buggy = suite(reports, "BuggyBudgetLoadTest") if failing else None
    if buggy is not None:
        expression = "failure_rate < 1% [GET /buggy]"
        by_name = check_class(buggy, [expression, "p99 < 2s"], ["buggy(Http)"], [], [expression])
        failure = by_name.get(expression, ET.Element("x")).find("failure")
        message = failure.get("message") if failure is not None else ""
        figures = re.fullmatch(rf"failure_rate of GET /buggy was ([\d.]+)% \(({COUNT}) of ({COUNT}) failed\), "
                               r"budget < 1%", message)
        check(figures is not None, f"the failing threshold's message carries no figures: {message!r}")
        if figures:
            rate, failed, total = float(figures[1]), int(figures[2].replace(",", "")), int(figures[3].replace(",", ""))
            # The sample target fails /buggy requests 0, 5, 10, ... of its counter: ceil(n / 5) of n.
            check(failed == (total + 4) // 5, f"{failed} of {total} failed, not ceil(n/5): {message!r}")
            check(abs(rate - 100 * failed / total) < 0.01, f"the rate does not match the counts: {message!r}")
    if problems:
        print("Surefire XML check failed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"Surefire XML of {reports}: every threshold, task and run named as expected"
          + (", the failing threshold with its figures" if failing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
