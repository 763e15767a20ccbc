"""`activity` and `words` on hand-made posts, on both engines."""

from __future__ import annotations

from datetime import date

from meetlat.indicators.activity import activity
from meetlat.indicators.words import hashtags, stopwords, words

DAYS = (date(2014, 3, 1), date(2014, 4, 30))


def test_activity_in_amsterdam_time(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.register("GM0363", "amsterdam", account_id="2")
    warehouse.post(1, 1, "2014-04-04 14:50")  # Friday 16:50 CEST → (5, 16)
    warehouse.post(2, 1, "2014-03-28 15:50", "repost", repost_of_post_id="9")  # Fri 16:50 CET
    warehouse.post(3, 1, "2014-04-05 22:30", "reply", in_reply_to_post_id="9")  # Sun 00:30
    warehouse.post(4, 2, "2014-04-07 07:00")  # Monday 09:00, other municipality
    warehouse.post(5, 3, "2014-04-07 07:00")  # not a registry account
    ws = warehouse.write()
    grid = activity(ws, *DAYS, engine=engine)
    assert len(grid) == 7 * 24
    cells = {(r.weekday, r.hour): r.posts for r in grid.itertuples() if r.posts}
    assert cells == {(5, 16): 2, (7, 0): 1, (1, 9): 1}
    utrecht = activity(ws, *DAYS, municipality="GM0344", engine=engine)
    assert utrecht.posts.sum() == 3
    one = activity(ws, *DAYS, platform="x", handle="@Amsterdam", engine=engine)
    assert one.posts.sum() == 1


def test_words_and_hashtags(warehouse, engine):
    warehouse.register("GM0344", "utrecht", account_id="1")
    warehouse.post(1, 1, "2014-04-02 10:00",
                   text="De brug is dicht. Brug open om 10 uur! #Verkeer @rws_info https://t.co/x",
                   hashtags=["Verkeer"])  # fmt: skip
    warehouse.post(2, 1, "2014-04-03 10:00", "reply", in_reply_to_post_id="7",
                   text="@burger De brug gaat morgen open &amp; blijft open",
                   hashtags=[])  # fmt: skip
    warehouse.post(3, 1, "2014-04-03 11:00", text="Fijne #Koningsdag! #verkeer",
                   hashtags=["Koningsdag", "verkeer"])  # fmt: skip
    warehouse.post(4, 1, "2014-04-03 12:00", "repost", repost_of_post_id="8",
                   text="RT @x: brug brug brug", hashtags=[])  # fmt: skip
    ws = warehouse.write()
    top = words(ws, *DAYS, engine=engine)
    counted = dict(zip(top.word, top["count"], strict=True))
    # brug ×3 (the repost's text is not the account's), open ×3; "de", "is", "om", "gaat",
    # "en" … are stop words; "10" has no letter; links, mentions, hashtags, &amp; removed
    assert counted == {"brug": 3, "open": 3, "blijft": 1, "dicht": 1, "fijne": 1,
                       "morgen": 1, "uur": 1}  # fmt: skip
    assert top.word.tolist()[:2] == ["brug", "open"]  # ties alphabetically
    tags = hashtags(ws, *DAYS, engine=engine)
    assert tags.to_dict("records") == [
        {"hashtag": "verkeer", "count": 2},
        {"hashtag": "koningsdag", "count": 1},
    ]
    assert len(words(ws, *DAYS, top=1, engine=engine)) == 1


def test_stop_word_list_is_lower_case_dutch():
    words_ = stopwords()
    assert {"de", "het", "een", "en", "van", "rt"} <= words_
    assert all(w == w.lower() and " " not in w for w in words_)
