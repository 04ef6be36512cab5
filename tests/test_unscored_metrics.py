"""Every metric in the schema either feeds a shipped rule or says, in its description, why no
rule scores it (#17: 84 of 309 metrics fed no rule and said nothing)."""

from __future__ import annotations

from checker.engine import conditions as cond
from checker.inputs.metrics import catalogue
from checker.rules.loader import load_rulebook


def _read_by_rules() -> set[str]:
    read: set[str] = set()
    for rule in load_rulebook().rules:
        for leaf in cond.leaves(rule.when):
            read.add(leaf.metric)
            if isinstance(leaf, cond.Compare) and isinstance(leaf.operand, cond.MetricRef):
                read.add(leaf.operand.path)
    return read


def test_every_metric_feeds_a_rule_or_says_why_not() -> None:
    read = _read_by_rules()
    silent = sorted(path for path, metric in catalogue().items()
                    if path not in read and not metric.unscored)
    assert not silent, f"no rule reads these and they give no reason (unscored=...): {silent}"


def test_no_metric_a_rule_reads_claims_to_be_unscored() -> None:
    read = _read_by_rules()
    stale = sorted(path for path, metric in catalogue().items()
                   if path in read and metric.unscored)
    assert not stale, f"a rule reads these, so drop their unscored reason: {stale}"


def test_the_reason_is_in_the_description_a_user_reads() -> None:
    for metric in catalogue().values():
        if metric.unscored:
            assert f"No rule scores it: {metric.unscored.rstrip('.')}." in metric.description
