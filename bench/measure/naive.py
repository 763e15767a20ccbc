"""The same two figures as a researcher would compute them with pandas.

Read the needed columns of every posts file, keep the registry accounts' posts of the
period, merge each reply with the post it answers, and group by account.

Run: ``python -m bench.measure.naive WAREHOUSE START END OUT.parquet``
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bench.measure.period import KEYS, X_EPOCH_MS, X_MIN_SNOWFLAKE, bounds

POST_COLUMNS = [
    "platform",
    "post_id",
    "account_id",
    "created_at",
    "kind",
    "in_reply_to_post_id",
    "in_reply_to_account_id",
]


def read_table(folder: Path, columns: list[str]):
    import pandas as pd

    files = sorted(folder.rglob("*.parquet"))
    return pd.concat([pd.read_parquet(f, columns=columns) for f in files], ignore_index=True)


def x_id_time(ids):
    """Creation time encoded in X snowflake ids (NaT where the id is not one)."""
    import pandas as pd

    numbers = pd.to_numeric(ids, errors="coerce").astype("Int64")
    numbers = numbers.where(numbers >= X_MIN_SNOWFLAKE)
    return pd.to_datetime((numbers // 2**22) + X_EPOCH_MS, unit="ms", utc=True)


def run(warehouse: Path, start: date, end: date):
    import pandas as pd

    first, after = bounds(start, end)

    registry = pd.read_parquet(warehouse / "registry" / "accounts.parquet")
    active = (registry.active_from.isna() | (registry.active_from <= end)) & (
        registry.active_to.isna() | (registry.active_to >= start)
    )
    registry = registry[active].assign(handle=registry.handle.str.lower())
    registry = registry[KEYS].drop_duplicates()

    accounts = read_table(warehouse / "accounts", ["platform", "account_id", "handle"])
    accounts["handle"] = accounts.handle.str.lower()
    measured = registry.merge(accounts.drop_duplicates(), on=["platform", "handle"])

    posts = read_table(warehouse / "posts", POST_COLUMNS)
    in_period = (posts.created_at >= first) & (posts.created_at < after)
    sent = posts[in_period].merge(measured, on=["platform", "account_id"])

    parents = posts[["platform", "post_id", "account_id", "created_at"]].rename(
        columns={
            "post_id": "in_reply_to_post_id",
            "account_id": "parent_account_id",
            "created_at": "parent_created_at",
        }
    )
    replies = sent[sent.kind == "reply"].merge(
        parents, on=["platform", "in_reply_to_post_id"], how="left"
    )
    answered = replies.in_reply_to_account_id.fillna(replies.parent_account_id)
    replies = replies[answered.isna() | (answered != replies.account_id)]
    asked = replies.parent_created_at.fillna(x_id_time(replies.in_reply_to_post_id))
    minutes = (replies.created_at - asked).dt.total_seconds() / 60
    replies = replies.assign(minutes=minutes.where(asked <= replies.created_at))

    per_account = sent.groupby(KEYS).size().rename("posts_sent").reset_index()
    reply_figures = (
        replies.groupby(KEYS)
        .agg(
            replies_sent=("post_id", "size"),
            replies_timed=("minutes", "count"),
            reaction_time_mean_min=("minutes", "mean"),
        )
        .reset_index()
    )
    result = registry.merge(per_account, on=KEYS, how="left").merge(
        reply_figures, on=KEYS, how="left"
    )
    for column in ("posts_sent", "replies_sent", "replies_timed"):
        result[column] = result[column].fillna(0).astype("int64")
    result["interaction_pct"] = 100 * result.replies_sent / result.posts_sent.replace(0, pd.NA)
    result["interaction_pct"] = result.interaction_pct.astype("float64")
    return result.sort_values(KEYS).reset_index(drop=True)


def main(argv: list[str]) -> None:
    warehouse, start, end, out = argv
    frame = run(Path(warehouse), date.fromisoformat(start), date.fromisoformat(end))
    frame.to_parquet(out, index=False)
    print(len(frame))


if __name__ == "__main__":
    main(sys.argv[1:])
