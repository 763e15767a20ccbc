"""What `report municipality` gathers for every municipality at once (activity, words and
hashtags in one pass, the assessments placed once) equals what the per-municipality use
cases give, so the reports of --all are those of `activity`, `words` and `assess`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from meetlat import workspace
from meetlat.app import accounts, measuring, questionnaire

START, END = date(2014, 4, 1), date(2014, 6, 30)


@pytest.fixture(scope="module")
def ws(report_home):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEETLAT_HOME", str(report_home))
        yield workspace.current()


@pytest.fixture(scope="module")
def codes(ws):
    return sorted({row["municipality_code"] for row in accounts.load(ws).to_pylist()})


def test_activity_of_all_equals_activity_of_each(ws, codes):
    found = measuring.activity_by_municipality(ws, START, END)
    assert sorted(found) == codes
    assert any(int(frame["posts"].sum()) for frame in found.values())
    for code in codes:
        pd.testing.assert_frame_equal(found[code], measuring.activity(ws, START, END, None, code))


@pytest.mark.parametrize("top", [3, 15])
def test_words_of_all_equal_words_of_each(ws, codes, top):
    found_words, found_tags = measuring.top_words_by_municipality(ws, START, END, top=top)
    assert found_words and found_tags
    for code in codes:
        words, tags = measuring.top_words(ws, START, END, None, code, top=top)
        assert len(words) <= top
        if len(words):
            pd.testing.assert_frame_equal(found_words[code], words)
        else:
            assert code not in found_words
        if len(tags):
            pd.testing.assert_frame_equal(found_tags[code], tags)
        else:
            assert code not in found_tags


def test_assessments_without_signals_equal_assess(ws):
    chosen = questionnaire.edition("2014", ws)
    every = questionnaire.assess_all(ws, chosen, with_signals=False)
    assert every
    for found in every:
        single = questionnaire.assess(ws, found.municipality_code, "2014")
        assert found.signals == []
        expected = single.as_dict() | {"signals": []}
        assert found.as_dict() == expected
