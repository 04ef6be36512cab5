"""The HTML report in a real browser: headless Chromium renders it to PNG and PDF, the chart
is in the DOM, and the page makes no network requests (read from Chromium's net log)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.app import cli
from tests.conftest import EXAMPLES, OPERATORS_PACK, assessment

pytestmark = pytest.mark.browser
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium when it can)")


def _run(browser: str, tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args,
                           page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=90, check=False)


def _page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (browser housekeeping has no page initiator)."""
    log = json.loads(net_log.read_text())
    types = {value: key for key, value in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log["events"]:
        params = event.get("params", {})
        if types.get(event["type"]) == "URL_REQUEST_START_JOB" and params.get("url") and \
                params.get("initiator") != "not an origin":
            found.append(params["url"])
    return found


def _reports(tmp_path: Path) -> list[Path]:
    runner = CliRunner()
    inputs = sorted(EXAMPLES.glob("*.json"))
    generated = tmp_path / "generated.json"
    generated.write_text(json.dumps(assessment(
        workforce={"vacancy_rate_pct": 30},
        safer_recruitment={"positive_disclosure_signoff_level": "team_manager"})))
    pages = []
    for source in [*inputs, generated]:
        target = tmp_path / f"{source.stem}.html"
        args = ["check", str(source), "--format", "html", "-o", str(target)]
        if source == generated:
            args += ["--rules", str(OPERATORS_PACK)]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        pages.append(target)
    return pages


def test_the_detector_sees_requests_a_page_makes(tmp_path: Path) -> None:
    """A control page with an external image and stylesheet: the net-log check must see both,
    or a clean result for the report would prove nothing."""
    browser = _chromium()
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://127.0.0.1:9/x.png">'
                       '<link rel="stylesheet" href="https://fonts.example.org/a.css">'
                       "</body></html>")
    log = tmp_path / "control-net.json"
    _run(browser, tmp_path, control, f"--log-net-log={log}", "--dump-dom")
    requested = _page_requests(log)
    assert "http://127.0.0.1:9/x.png" in requested
    assert "https://fonts.example.org/a.css" in requested


def test_reports_render_without_network_and_show_the_chart(tmp_path: Path) -> None:
    browser = _chromium()
    for page in _reports(tmp_path):
        log = tmp_path / f"{page.stem}-net.json"
        dom = _run(browser, tmp_path, page, f"--log-net-log={log}", "--dump-dom")
        assert dom.returncode == 0, dom.stderr[-1000:]
        assert "<svg" in dom.stdout and 'role="img"' in dom.stdout
        assert "Summary of predicted risk" in dom.stdout
        assert _page_requests(log) == [], page.name
        png = tmp_path / f"{page.stem}.png"
        shot = _run(browser, tmp_path, page, f"--screenshot={png}", "--window-size=1280,2000")
        assert shot.returncode == 0 and png.stat().st_size > 20_000, shot.stderr[-1000:]
        pdf = tmp_path / f"{page.stem}.pdf"
        printed = _run(browser, tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        assert printed.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), \
            printed.stderr[-1000:]
        assert pdf.stat().st_size > 10_000


#: A board paper: at most this many A4 pages without the appendix.
MAX_PAGES = 6


def _pages(pdf: Path) -> int:
    """Pages of a PDF Chromium printed: the page tree's largest /Count (its root's)."""
    counts = [int(found) for found in re.findall(rb"/Count (\d+)", pdf.read_bytes())]
    assert counts, f"{pdf.name} has no page tree"
    return max(counts)


def test_the_board_paper_prints_to_at_most_six_pages(tmp_path: Path) -> None:
    browser = _chromium()
    runner = CliRunner()
    prefilled = tmp_path / "cornwall-2024.yaml"
    result = runner.invoke(cli, ["prefill", "Cornwall", "--as-of", "2024-01-01", "-o",
                                 str(prefilled)])
    assert result.exit_code == 0, result.output
    counts = {}
    for source in [*sorted(EXAMPLES.glob("*.json")), prefilled]:
        for appendix in (False, True):
            page = tmp_path / f"{source.stem}{'-appendix' if appendix else ''}.html"
            args = ["check", str(source), "--format", "html", "-o", str(page)]
            result = runner.invoke(cli, args + (["--appendix"] if appendix else []))
            assert result.exit_code == 0, result.output
            pdf = page.with_suffix(".pdf")
            printed = _run(browser, tmp_path, page, f"--print-to-pdf={pdf}",
                           "--no-pdf-header-footer")
            assert printed.returncode == 0, printed.stderr[-1000:]
            counts[page.stem] = _pages(pdf)
    for name, count in counts.items():
        if not name.endswith("-appendix"):
            assert count <= MAX_PAGES, counts
            assert counts[f"{name}-appendix"] >= count, counts
