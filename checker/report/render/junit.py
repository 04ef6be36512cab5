"""The report as JUnit XML: one test suite per self-assessment, one test case per rule and
judgement area. A fired rule is a failure, a rule that could not be evaluated is skipped
(its data is missing), a rule that was evaluated and did not fire passes."""

from __future__ import annotations

from checker.core import junit
from checker.report.model import AreaInfo, Report
from checker.report.render import Options
from checker.report.render._common import citation, observation


def _cases(classname: str, area: AreaInfo) -> list[junit.Case]:
    cases = []
    for finding in area["findings"]:
        lines = [observation(step) for step in finding["observations"]]
        lines += [f"{citation(e)}: \"{e['quote']}\"" for e in finding["evidence"]]
        lines.append(f"What to do: {finding['recommendation']}")
        cases.append(junit.Case(classname, f"{finding['rule']} {finding['title']}", failure=(
            junit.Failure(finding["title"], "\n".join(lines), type=finding["severity"]))))
    unevaluable: dict[str, list[str]] = {}
    for gap in area["gaps"]:
        for rule_id in gap["rules"]:
            unevaluable.setdefault(rule_id, []).append(gap["metric"])
    cases += [junit.Case(classname, rule_id, skipped="not evaluable: missing " + ", ".join(metrics))
              for rule_id, metrics in sorted(unevaluable.items())]
    cases += [junit.Case(classname, rule_id) for rule_id in area["passed"]]
    return cases


def render(report: Report, options: Options) -> str:
    del options
    suites = []
    for assessment in report["assessments"]:
        suite = junit.Suite(f"{assessment['authority']['name']} ({assessment['source']})")
        for area in assessment["areas"]:
            suite.cases += _cases(f"{assessment['framework']['id']}.{area['key']}", area)
        suites.append(suite)
    return junit.write("checker", suites)
