"""`meetlat synth`: determinism, the formats, the synthetic markers, rhythm and reply structure."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from meetlat.synth.service import SynthError, SynthOptions, generate

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
X_EPOCH_MS = 1288834974657


def _make(tmp_path_factory, format_name: str, posts: int, seed: int = 7, name: str = "data"):
    out = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_HOME", str(out / "no-workspace"))
        result = generate(
            SynthOptions(municipalities=8, posts=posts, format=format_name, out=out, seed=seed)
        )
    return result


@pytest.fixture(scope="module")
def x_data(tmp_path_factory):
    return _make(tmp_path_factory, "x-v2", 6000)


@pytest.fixture(scope="module")
def mastodon_data(tmp_path_factory):
    return _make(tmp_path_factory, "mastodon", 3000)


def _pages(result):
    for path in result.files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def _tweets(result):
    users = {}
    tweets = []
    for page in _pages(result):
        for user in page["includes"]["users"]:
            users[user["id"]] = user
        tweets.extend(page["data"])
    return tweets, users


def _ms(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def _digest(result) -> str:
    digest = hashlib.sha256()
    for path in sorted(result.files) + [result.out / "accounts.csv"]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_bytes_other_seed_other_data(tmp_path_factory):
    first = _make(tmp_path_factory, "x-v2", 1500, seed=3, name="a")
    again = _make(tmp_path_factory, "x-v2", 1500, seed=3, name="b")
    other = _make(tmp_path_factory, "x-v2", 1500, seed=4, name="c")
    assert _digest(first) == _digest(again)
    assert _digest(first) != _digest(other)


def test_exactly_the_posts_asked_for_in_pages_of_at_most_100(x_data):
    pages = list(_pages(x_data))
    assert sum(len(p["data"]) for p in pages) == x_data.posts == 6000
    assert all(1 <= len(p["data"]) <= 100 for p in pages)
    assert all(p["meta"]["result_count"] == len(p["data"]) for p in pages)
    assert len(x_data.files) >= 3  # April, May, June


def test_ids_are_unique_snowflakes_of_their_creation_time(x_data):
    tweets, _users = _tweets(x_data)
    ids = [t["id"] for t in tweets]
    assert len(set(ids)) == len(ids)
    for tweet in tweets:
        assert (int(tweet["id"]) >> 22) + X_EPOCH_MS == _ms(tweet["created_at"])
        assert tweet["created_at"].endswith(".000Z")
        assert tweet["lang"] == "nl"


def test_everything_says_it_is_synthetic(x_data, mastodon_data):
    for result in (x_data, mastodon_data):
        note = (result.out / "SYNTHETIC.md").read_text(encoding="utf-8")
        assert "synth" in note.lower()
    for page in _pages(x_data):
        assert page["meta"]["synthetic"] is True
        assert all(u["name"].endswith("(synthetisch)") for u in page["includes"]["users"])
        assert {"url", "version", "retrieved_at"} <= set(page["__twarc"])
    for status in _pages(mastodon_data):
        assert status["synthetic"] is True
        assert status["account"]["display_name"].endswith("(synthetisch)")


def test_every_reply_points_to_an_earlier_post_of_the_data(x_data):
    tweets, users = _tweets(x_data)
    by_id = {t["id"]: t for t in tweets}
    replies = [
        t for t in tweets if any(r["type"] == "replied_to" for r in t.get("referenced_tweets", []))
    ]
    assert len(replies) > 500
    for reply in replies:
        parent = by_id[reply["referenced_tweets"][0]["id"]]  # KeyError: points nowhere
        assert _ms(parent["created_at"]) < _ms(reply["created_at"])
        assert reply["in_reply_to_user_id"] == parent["author_id"]
        assert reply["conversation_id"] in by_id
    answers = [r for r in replies if r["author_id"] != r["in_reply_to_user_id"]]
    assert answers, "no answers to citizens"
    for answer in answers:
        question = by_id[answer["referenced_tweets"][0]["id"]]
        assert "?" in question["text"]
        municipal = users[answer["author_id"]]["username"]
        assert question["text"].startswith("@" + municipal + " ")
        assert answer["text"].startswith("@" + users[question["author_id"]]["username"] + " ")


def test_reaction_times_are_heavy_tailed_and_some_questions_stay_open(x_data):
    tweets, users = _tweets(x_data)
    by_id = {t["id"]: t for t in tweets}
    questions = [t for t in tweets if t["text"].startswith("@gemeente") and "?" in t["text"]]
    delays = []
    answered = set()
    for t in tweets:
        refs = t.get("referenced_tweets", [])
        if refs and refs[0]["type"] == "replied_to" and t["author_id"] != t["in_reply_to_user_id"]:
            parent = by_id[refs[0]["id"]]
            answered.add(parent["id"])
            delays.append((_ms(t["created_at"]) - _ms(parent["created_at"])) / 60000)
    delays = np.array(delays)
    assert np.median(delays) < delays.mean()  # skewed to the right
    assert (delays > 12 * 60).any()  # some wait for the next working day
    assert (delays < 30).any()
    open_questions = [q for q in questions if q["id"] not in answered]
    assert 0.05 < len(open_questions) / len(questions) < 0.6


def _local(tweet):
    return datetime.fromisoformat(tweet["created_at"].replace("Z", "+00:00")).astimezone(AMSTERDAM)


def test_municipal_posts_keep_office_hours_citizens_do_not(x_data):
    tweets, users = _tweets(x_data)
    municipal = [t for t in tweets if users[t["author_id"]]["username"].startswith("gemeente")]
    citizens = [t for t in tweets if "_" in users[t["author_id"]]["username"]]

    def office_share(posts):
        times = [_local(t) for t in posts]
        return sum(1 for t in times if t.weekday() < 5 and 8 <= t.hour < 17) / len(times)

    def weekend_share(posts):
        return sum(1 for t in posts if _local(t).weekday() >= 5) / len(posts)

    assert office_share(municipal) > 0.65
    assert office_share(citizens) < office_share(municipal) - 0.15
    assert weekend_share(municipal) < 2 / 7  # fewer than an even spread would give
    night = [t for t in municipal if _local(t).hour < 6]
    assert len(night) < 0.02 * len(municipal)


def test_followers_follow_population(x_data):
    import csv

    from meetlat import reference

    rows = list(csv.DictReader((x_data.out / "accounts.csv").open(encoding="utf-8")))
    corporate = {r["handle"]: r["municipality_code"] for r in rows if r["role"] == "corporate"}
    _tweets_, users = _tweets(x_data)
    pairs = []
    for user in users.values():
        code = corporate.get(user["username"])
        if code:
            inhabitants = reference.population(code, 2014).inhabitants
            pairs.append((inhabitants, user["public_metrics"]["followers_count"]))
    pairs = np.array(pairs, dtype=float)
    correlation = np.corrcoef(np.log(pairs[:, 0]), np.log(pairs[:, 1]))[0, 1]
    assert correlation > 0.5


def test_accounts_csv_is_a_valid_registry_of_the_authors(x_data):
    from meetlat import accounts, reference

    rows = accounts.read(x_data.out / "accounts.csv")  # raises InvalidFile on any bad row
    assert len(rows) == x_data.accounts >= 8
    existing = {m.code for m in reference.municipalities_on(date(2014, 4, 1))}
    assert {r["municipality_code"] for r in rows} <= existing
    assert len({r["municipality_code"] for r in rows}) == 8
    handles = {r["handle"] for r in rows}
    assert all(h.isascii() and h == h.lower() and h.isalnum() for h in handles)
    assert {r["role"] for r in rows} <= {"corporate", "council"}
    _tweets_, users = _tweets(x_data)
    usernames = {u["username"] for u in users.values()}
    assert handles <= usernames


def test_mastodon_ids_carry_their_time_and_replies_their_parents(mastodon_data):
    statuses = list(_pages(mastodon_data))
    assert len(statuses) == 3000
    by_id = {s["id"]: s for s in statuses}
    assert len(by_id) == len(statuses)
    for status in statuses:
        assert int(status["id"]) >> 16 == _ms(status["created_at"])
        if status["in_reply_to_id"] is not None:
            parent = by_id[status["in_reply_to_id"]]
            assert status["in_reply_to_account_id"] == parent["account"]["id"]
        if status["reblog"] is not None:
            assert status["content"] == ""
            assert int(status["reblog"]["id"]) >> 16 == _ms(status["reblog"]["created_at"])


def test_the_real_readers_take_both_formats(x_data, mastodon_data, workspace):
    from meetlat.importer import import_paths

    for result in (x_data, mastodon_data):
        summary = import_paths(workspace, [result.out / "posts"])
        assert summary.records_read == result.posts
        assert summary.posts_imported == result.posts
        assert summary.quarantined == 0 and not summary.problems


def test_options_that_cannot_work_are_refused(tmp_path):
    with pytest.raises(SynthError):
        generate(SynthOptions(municipalities=404, posts=10, format="x-v2", out=tmp_path / "a"))
    with pytest.raises(SynthError):
        generate(SynthOptions(municipalities=2, posts=10, format="csv", out=tmp_path / "b"))
    with pytest.raises(SynthError):
        generate(
            SynthOptions(
                municipalities=2,
                posts=10,
                format="x-v2",
                out=tmp_path / "c",
                start=date(2014, 6, 1),
                end=date(2014, 5, 1),
            )
        )


def test_cli_writes_and_reports_json(cli, tmp_path):
    result = cli(
        "synth", "--municipalities", "3", "--posts", "500", "--format", "mastodon",
        "--out", tmp_path / "out", "--seed", "5", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["posts"] == 500 and report["format"] == "mastodon"
    again = cli("synth", "--posts", "10", "--out", tmp_path / "out")
    assert again.exit_code == 2


def test_summer_time_and_holidays_in_the_calendar():
    from meetlat.synth.clock import calendar

    cal = calendar(date(2014, 3, 29), date(2014, 4, 22))
    # 2014-03-30: clocks go from 02:00 to 03:00; 10:00 local is 08:00 UTC that day.
    utc = cal.local_to_utc(1, np.array([10 * 3_600_000]))[0]
    assert datetime.fromtimestamp(utc / 1000, UTC).hour == 8
    utc = cal.local_to_utc(0, np.array([10 * 3_600_000]))[0]
    assert datetime.fromtimestamp(utc / 1000, UTC).hour == 9
    easter_monday = (date(2014, 4, 21) - date(2014, 3, 29)).days
    assert not cal.workday[easter_monday]
    assert cal.next_workday[easter_monday - 3] == easter_monday + 1  # Friday -> Tuesday
