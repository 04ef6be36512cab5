"""The report as JUnit XML: one test suite per self-assessment, one test case per rule and
judgement area. A fired rule is a failure, a rule that could not be evaluated is skipped
(its data is missing), a rule that was evaluated and did not fire passes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from checker.report.render import Options
from checker.report.render.common import citation, observation


def render(report: dict[str, Any], options: Options) -> str:
    del options
    root = ET.Element("testsuites", name="checker")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for assessment in report["assessments"]:
        suite = ET.SubElement(root, "testsuite", name=(
            f"{assessment['authority']['name']} ({assessment['source']})"))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for area in assessment["areas"]:
            classname = f"{assessment['framework']['id']}.{area['key']}"
            for finding in area["findings"]:
                case = ET.SubElement(suite, "testcase", classname=classname,
                                     name=f"{finding['rule']} {finding['title']}")
                failure = ET.SubElement(case, "failure", type=finding["severity"],
                                        message=finding["title"])
                lines = [observation(step) for step in finding["observations"]]
                lines += [f"{citation(e)}: \"{e['quote']}\"" for e in finding["evidence"]]
                lines.append(f"What to do: {finding['recommendation']}")
                failure.text = "\n".join(lines)
                counts["failures"] += 1
                counts["tests"] += 1
            unevaluable: dict[str, list[str]] = {}
            for gap in area["gaps"]:
                for rule_id in gap["rules"]:
                    unevaluable.setdefault(rule_id, []).append(gap["metric"])
            for rule_id, metrics in sorted(unevaluable.items()):
                case = ET.SubElement(suite, "testcase", classname=classname, name=rule_id)
                ET.SubElement(case, "skipped",
                              message="not evaluable: missing " + ", ".join(metrics))
                counts["skipped"] += 1
                counts["tests"] += 1
            for rule_id in area["passed"]:
                ET.SubElement(suite, "testcase", classname=classname, name=rule_id)
                counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
