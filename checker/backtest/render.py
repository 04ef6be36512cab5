"""The backtest in each of its formats: text for the terminal, Markdown for the README, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.backtest.examples import COLUMNS, RANK_LABEL, BacktestResult, Scores

SHORT = {"outstanding": "outst.", "good": "good", "adequate / requires improvement": "adeq/RI",
         "inadequate": "inad.", "not predicted": "none"}


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _section(title: str, scores: Scores) -> list[str]:
    lines = [title, "=" * len(title), ""]
    width = max((len(f"{c.example} {c.key}") for c in scores.comparisons), default=20) + 2
    lines.append(f"{'example / judgement':<{width}} {'published':<10} {'predicted':<10} result")
    for c in scores.comparisons:
        predicted = SHORT[RANK_LABEL[c.predicted]] if c.predicted else "none"
        lines.append(f"{c.example + ' ' + c.key:<{width}} {SHORT[RANK_LABEL[c.published]]:<10} "
                     f"{predicted:<10} {c.verdict}")
    lines += ["", "Confusion matrix (rows published, columns predicted):", ""]
    lines.append(f"{'':<10}" + "".join(f"{SHORT[col]:>9}" for col in COLUMNS))
    for row, counts in scores.confusion().items():
        lines.append(f"{SHORT[row]:<10}" + "".join(f"{counts[col]:>9}" for col in COLUMNS))
    commonest, base_exact, base_near = scores.baseline()
    lines += [
        "",
        f"Judgements compared: {scores.total}; predicted: {scores.predicted}",
        f"Model:    exact {_pct(scores.rate(0))}, within one grade {_pct(scores.rate(1))}",
        f"Baseline (always '{RANK_LABEL.get(commonest, '-')}'): exact {_pct(base_exact)}, "
        f"within one grade {_pct(base_near)}",
        _on_predicted(scores),
        "",
    ]
    return lines


def _on_predicted(scores: Scores) -> str:
    """The same rates restricted to the judgements the model predicted, baseline alongside."""
    rates = scores.on_predicted()
    return (f"On the {rates['judgements']} predicted: model exact {_pct(rates['exact_rate'])}, "
            f"within one grade {_pct(rates['within_one_rate'])}; baseline exact "
            f"{_pct(rates['baseline_exact_rate'])}, within one grade "
            f"{_pct(rates['baseline_within_one_rate'])}")


def render_backtest(result: BacktestResult) -> str:
    lines: list[str] = []
    lines += _section("Published judgements, in each source's own framework", result.published)
    lines += _section("Mapped to the current framework (ILACS 2026)", result.current)
    lines.append("Examples:")
    for example in result.examples:
        skipped = example["judgements_not_modelled"]
        note = f"; not modelled: {', '.join(skipped)}" if skipped else ""
        lines.append(f"- {example['example']} ({example['source']}, {example['framework']}): "
                     f"{example['summary']}{note}")
    return "\n".join(lines) + "\n"


def _markdown_section(title: str, scores: Scores) -> list[str]:
    commonest, base_exact, base_near = scores.baseline()
    lines = [
        f"**{title}**: {scores.total} published judgements compared, {scores.predicted} "
        f"predicted. Model: exact {_pct(scores.rate(0))}, within one grade "
        f"{_pct(scores.rate(1))}. Baseline (always '{RANK_LABEL.get(commonest, '-')}'): "
        f"exact {_pct(base_exact)}, within one grade {_pct(base_near)}. "
        f"{_on_predicted(scores)}.",
        "",
        "| Example | Judgement | Published | Predicted | Result |",
        "|---|---|---|---|---|",
    ]
    for c in scores.comparisons:
        predicted = RANK_LABEL[c.predicted] if c.predicted else "none"
        lines.append(f"| {c.example} | {c.title} | {RANK_LABEL[c.published]} | {predicted} | "
                     f"{c.verdict} |")
    lines += ["", "| Published \\ predicted | " + " | ".join(COLUMNS) + " |",
              "|---" * (len(COLUMNS) + 1) + "|"]
    for row, counts in scores.confusion().items():
        lines.append(f"| {row} | " + " | ".join(str(counts[col]) for col in COLUMNS) + " |")
    return [*lines, ""]


def render_backtest_markdown(result: BacktestResult) -> str:
    lines = _markdown_section("Published judgements, in each source's own framework",
                              result.published)
    lines += _markdown_section("Mapped to the current framework", result.current)
    return "\n".join(lines).rstrip() + "\n"


def render_backtest_json(result: BacktestResult) -> str:
    return json.dumps(result.as_dict(), indent=2) + "\n"


#: Format name -> renderer; the first is the default.
FORMATS: dict[str, Callable[[BacktestResult], str]] = {
    "text": render_backtest,
    "json": render_backtest_json,
    "markdown": render_backtest_markdown,
}
