"""The issue pages of a municipality (/webcare/<code>/kwesties/, docs/issues.md): the
workspace's issue files (``<workspace>/issues/<slug>.toml``) of the municipality, and
each issue's report (meetlat.reports.issue) inside the site and as PDF.

The teneur comes from the labels of the web application's coding jobs, read from the
database and handed to the use case as the mapping the CLI reads from a coding export
(``app.issues.collect_labels``, the one conversion for both): every label, of every
coding job, on a post of the issue's platforms in the issue's period. Each coder counts
as coder ``<job>-<number>``, so the coders of two jobs stay apart; a post coded in two
jobs has the labels of both, and the majority of them all counts. Labels on posts that
are not the issue's are left out by the use case.
"""

from __future__ import annotations

from meetlat.app import issues
from meetlat.i18n import _
from meetlat.indicators.periods import period_bounds
from meetlat.web.models import CodingLabel


def visible(files: list[issues.IssueFile], code: str, researcher: bool) -> list[issues.IssueFile]:
    """The files the page of ``code`` lists: those naming the municipality, and for the
    researcher also the files whose municipality cannot be read (they see every one)."""
    return [
        f
        for f in files
        if f.municipality_code == code or (researcher and f.municipality_code is None)
    ]


def may_show(found: issues.IssueFile | None, code: str, researcher: bool) -> bool:
    return found is not None and bool(visible([found], code, researcher))


def labels(issue: issues.Issue) -> dict[tuple[str, str], dict[str, str]]:
    """The coders' labels on posts of the issue's platforms and period (see above)."""
    first, after = period_bounds(issue.start, issue.end)
    found = CodingLabel.objects.filter(unit__created_at__gte=first, unit__created_at__lt=after)
    if issue.platforms:
        found = found.filter(unit__platform__in=list(issue.platforms))
    rows = found.order_by("unit__job_id", "unit__position", "coder__number").values_list(
        "unit__job_id", "unit__position", "unit__platform", "unit__post_id", "coder__number",
        "teneur",
    )  # fmt: skip
    return issues.collect_labels(
        (
            _("coding job {job}, post {position}").format(job=job, position=position),
            platform,
            post_id,
            f"{job}-{coder}",
            teneur,
        )
        for job, position, platform, post_id, coder, teneur in rows
    )
