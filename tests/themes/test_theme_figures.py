"""Theme profiles, activity before and after a day, the interactive share: on real X
posts (tests/fixtures/x), every expected figure counted by hand from the posts."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from meetlat.app import importing
from meetlat.app import themes as use_case

DAY = date(2021, 4, 8)


@pytest.fixture
def noflat(workspace, fixtures):
    importing.import_files(workspace, [fixtures / "x" / "noflat.jsonl"])
    workspace.reference.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixtures / "themes" / "lexicon-en.csv", workspace.reference / "themes.csv")
    return workspace


def test_groups_file_keeps_good_lines_and_names_the_bad(fixtures):
    groups = use_case.read_groups(fixtures / "themes" / "groups.csv")
    assert groups.names == ["A", "B", "C"]
    assert groups.accounts[("x", "ron55967579")] == "A"  # lower case, without @
    assert [(p.line, p.message) for p in groups.problems] == [
        (10, "onbekend platform 'twitter'; verwacht: een van x, mastodon, bluesky, facebook."),
        (11, "de handle of de groep is leeg."),
        (12, "dit account staat al in groep A."),  # a handle is never echoed
    ]


def test_theme_profiles_by_hand(noflat, fixtures):
    found = use_case.profiles(noflat, fixtures / "themes" / "groups.csv", DAY, DAY)
    assert found.themes == ["obama", "guns", "media", "politics"]
    a, b, c = found.groups
    # A: PDXPapaG's and ron55967579's replies, JenATweeter's quote (her repost left out)
    assert (a.group, a.posts, a.themed) == ("A", 3, 3)
    assert a.counts == {"obama": 3, "guns": 1, "media": 0, "politics": 0}
    assert a.share_of_posts == {"obama": 100.0, "guns": 33.3, "media": 0.0, "politics": 0.0}
    assert a.share_of_themes == {"obama": 75.0, "guns": 25.0, "media": 0.0, "politics": 0.0}
    # B: DWDrummer13's original ("gun salesman ... Obama"), RickFerran's ("GHOST GUNS
    # Obama/Biden"), Trichiemd's (Malia Obama), LauraisOmitted's three replies (politics
    # and Obama; Obama; none)
    assert (b.posts, b.themed) == (6, 5)
    assert b.counts == {"obama": 5, "guns": 2, "media": 0, "politics": 1}
    assert b.share_of_posts["obama"] == 83.3 and b.share_of_posts["politics"] == 16.7
    assert b.share_of_themes == {"obama": 62.5, "guns": 25.0, "media": 0.0, "politics": 12.5}
    assert (c.posts, c.share_of_posts["obama"]) == (0, None)
    assert len(found.problems) == 3


def test_the_interactive_share_by_hand(noflat, fixtures):
    found = use_case.interaction(noflat, fixtures / "themes" / "groups.csv", DAY, DAY)
    a, b, c = found.groups
    # A: two replies, a repost, a quote without mentions: 2 of 4
    assert (a.posts, a.replies, a.reposts, a.quotes, a.interactive, a.share) == (
        4, 2, 1, 1, 2, 50.0,
    )  # fmt: skip
    # B: DWDrummer13's original mentions @POTUS (interactive), his repost is not;
    # RickFerran and Trichiemd mention no one; LauraisOmitted's three replies: 4 of 7
    assert (b.posts, b.originals, b.replies, b.reposts, b.interactive, b.share) == (
        7, 3, 3, 1, 4, 57.1,
    )  # fmt: skip
    assert (c.posts, c.share) == (0, None)
    assert (found.total.posts, found.total.interactive, found.total.share) == (11, 6, 54.5)


def test_a_period_without_the_posts(noflat, fixtures):
    before = DAY.replace(day=7)
    found = use_case.interaction(noflat, fixtures / "themes" / "groups.csv", before, before)
    assert found.total.posts == 0


@pytest.fixture
def timeline(workspace, fixtures):
    importing.import_files(
        workspace,
        [fixtures / "x" / "v1_user_timeline.jsonl", fixtures / "x" / "v1_home_timeline.json"],
    )
    return workspace


def test_before_and_after_a_day_by_hand(timeline, fixtures):
    groups = fixtures / "themes" / "timeline-groups.csv"
    found = use_case.before_after(timeline, groups, date(2019, 7, 4), 7)
    assert (found.before_start, found.after_end) == (date(2019, 6, 28), date(2019, 7, 11))
    d, t = found.groups
    # @Twitter before: three posts of 28 June local time (one at 23:00 UTC on the 27th)
    # and 3 July; after: 5, 9, 10 and 11 July. @TweepyDev posted on 13 July only.
    assert (t.group, t.before, t.after, t.before_per_day, t.change) == ("T", 4, 4, 0.57, 0.0)
    assert (d.before, d.after, d.change) == (0, 0, None)
    found = use_case.before_after(timeline, groups, date(2019, 7, 4), 9)
    d, t = found.groups
    # nine days: 26 June - 4 July adds @Twitter's two posts of 27 June; 5-13 July
    # adds @TweepyDev's nine test posts
    assert (t.before, t.after, t.change) == (6, 4, -33.3)
    assert (d.before, d.after, d.change, d.after_per_day) == (0, 9, None, 1.0)
    with pytest.raises(ValueError, match="minstens 1"):
        use_case.before_after(timeline, groups, date(2019, 7, 4), 0)


def test_a_groups_file_without_columns(workspace, tmp_path):
    bad = tmp_path / "groepen.csv"
    bad.write_text("handle;partij\n@a;VVD\n")
    with pytest.raises(use_case.BadGroups, match="groepen.csv, regel 1: .*platform,handle,group"):
        use_case.read_groups(bad)
