"""A municipality report's HTML in Debian's chromium: zero axe-core violations of WCAG 2.1
A and AA (the check of the national report, test_national_report_axe.py)."""

from __future__ import annotations

import os

import pytest
from reportexpect import GENERATED, PERIOD
from test_national_report_axe import ARGS, AXE, CHROMIUM

pytestmark = pytest.mark.browser


def test_the_municipality_report_has_no_accessibility_violations(meetlat, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    folder = tmp_path / "gemeenten"
    result = meetlat("report", "municipality", "--all", "--period", PERIOD, "--out", folder,
                     "--generated-at", GENERATED)  # fmt: skip
    assert result.exit_code == 0, result.output
    report = sorted(folder.iterdir())[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="nl-NL")
            page.goto(report.as_uri())
            page.evaluate(AXE.read_text(encoding="utf-8"))
            found = page.evaluate(
                "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
        finally:
            browser.close()
    assert found["passes"], "axe-core did not run"
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found["violations"]
    ]
    assert not problems, "; ".join(problems)
