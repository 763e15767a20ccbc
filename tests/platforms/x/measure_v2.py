"""Measure the X v2 reader: tweets per second of records() + canonical() (not a test).

Run: .venv/bin/python tests/platforms/x/measure_v2.py [pages]

Writes a file of ``pages`` copies of the noflat.jsonl page (100 tweets each, default
1000 pages = 100k tweets) with new tweet ids, reads it with the x-v2 reader, and for
comparison parses the same file with DuckDB's read_json (when DuckDB is installed).
Then the same for lighter pages, closer to what a municipality's timeline looks like:
100 tweets of which 30 replies and 10 retweets, 20 users in ``includes``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import orjson

from meetlat.platforms.base import Source
from meetlat.platforms.x.v2 import XApiV2

FIXTURE = Path(__file__).parents[2] / "fixtures" / "x" / "noflat.jsonl"


def write_file(path: Path, pages: int) -> int:
    page = orjson.loads(FIXTURE.read_bytes().splitlines()[0])
    tweets = 0
    with path.open("wb") as out:
        for copy in range(pages):
            for position, tweet in enumerate(page["data"]):
                tweet["id"] = str(1380242611781386245 + copy * 1000 + position)
            out.write(orjson.dumps(page) + b"\n")
            tweets += len(page["data"])
    return tweets


def write_light_file(path: Path, pages: int) -> int:
    users = [
        {
            "id": str(1000 + n),
            "username": f"gemeente{n}",
            "name": f"Gemeente {n}",
            "created_at": "2012-05-01T08:00:00.000Z",
            "public_metrics": {
                "followers_count": 5000 + n,
                "following_count": 300,
                "tweet_count": 4000,
                "listed_count": 12,
            },
        }
        for n in range(20)
    ]
    tweets = 0
    with path.open("wb") as out:
        for copy in range(pages):
            data, included = [], []
            for position in range(100):
                tweet_id = str(1380242611781386245 + copy * 1000 + position)
                tweet = {
                    "id": tweet_id,
                    "text": "Vanaf maandag is de Stationsstraat afgesloten voor al het verkeer."
                    " Meer informatie op onze website. #verkeer",
                    "author_id": users[position % 20]["id"],
                    "created_at": "2021-04-08T09:34:16.000Z",
                    "conversation_id": tweet_id,
                    "lang": "nl",
                    "edit_history_tweet_ids": [tweet_id],
                    "public_metrics": {
                        "retweet_count": 1,
                        "reply_count": 2,
                        "like_count": 3,
                        "quote_count": 0,
                        "impression_count": 250,
                    },
                    "entities": {"hashtags": [{"start": 100, "end": 108, "tag": "verkeer"}]},
                }
                if position % 10 < 3:
                    target = str(int(tweet_id) - 1)
                    tweet["referenced_tweets"] = [{"type": "replied_to", "id": target}]
                    tweet["in_reply_to_user_id"] = users[(position + 1) % 20]["id"]
                    tweet["entities"]["mentions"] = [
                        {"start": 0, "end": 11, "username": users[(position + 1) % 20]["username"]}
                    ]
                elif position % 10 == 3:
                    original = str(int(tweet_id) - 500)
                    tweet["referenced_tweets"] = [{"type": "retweeted", "id": original}]
                    included.append(
                        {
                            **tweet,
                            "id": original,
                            "conversation_id": original,
                            "referenced_tweets": [],
                        }
                    )
                data.append(tweet)
            page = {
                "data": data,
                "includes": {"users": users, "tweets": included},
                "meta": {"result_count": 100},
                "__twarc": {"retrieved_at": "2021-04-09T10:00:00+00:00"},
            }
            out.write(orjson.dumps(page) + b"\n")
            tweets += 100
    return tweets


def read_all(path: Path) -> tuple[int, int]:
    reader = XApiV2()
    source = Source(str(path), lambda: path.open("rb"))
    records = rows = 0
    for record in reader.records(source):
        canonical = reader.canonical(record)
        records += 1
        rows += (
            len(canonical.posts)
            + len(canonical.metrics)
            + len(canonical.accounts)
            + len(canonical.snapshots)
        )
    return records, rows


def duckdb_seconds(path: Path) -> float | None:
    try:
        import duckdb
    except ModuleNotFoundError:
        return None
    start = time.perf_counter()
    duckdb.sql(
        f"select count(*) from read_json('{path}', format='newline_delimited',"
        " maximum_object_size=100000000)"
    ).fetchall()
    return time.perf_counter() - start


def measure(title: str, write, pages: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.jsonl"
        tweets = write(path, pages)
        size = path.stat().st_size
        start = time.perf_counter()
        records, rows = read_all(path)
        seconds = time.perf_counter() - start
        floor = duckdb_seconds(path)
    print(f"{title}: {tweets} tweets, {size / 1e6:.0f} MB, {records} records, {rows} rows")
    print(f"  x-v2 records()+canonical(): {seconds:.2f} s = {tweets / seconds:,.0f} tweets/s")
    if floor is not None:
        print(f"  duckdb read_json (parse only): {floor:.2f} s = {tweets / floor:,.0f} tweets/s")


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    measure("noflat pages", write_file, pages)
    measure("light pages", write_light_file, pages)


if __name__ == "__main__":
    main()
