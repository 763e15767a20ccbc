"""The composite ranking on screen: it fits the terminal and cuts nothing off."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console

from meetlat.cli.rank import ranking_table
from meetlat.ranking.rank import rank_column
from meetlat.ranking.rules import CORPORATE


def _frame():
    rows = []
    for position, name in enumerate(["Kollumerland en Nieuwkruisland", "Súdwest-Fryslân"], 1):
        row = {"position": position, "municipality_name": name, "total": 10 * position,
               "handle": f"gemeente{name.split()[0].lower()}"}  # fmt: skip
        row |= {rank_column(c): position for c in CORPORATE}
        rows.append(row)
    return pd.DataFrame(rows)


def _render(width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), highlight=False)
    console.print(ranking_table(_frame(), CORPORATE, 10, width))
    return console.file.getvalue().splitlines()


def test_a_narrow_terminal_gets_the_whole_table():
    lines = _render(80)
    assert max(len(line) for line in lines) <= 80
    borders = [line for line in lines if line.startswith(("┏", "┡", "└"))]
    assert all(line.endswith(("┓", "┩", "┘")) for line in borders)  # the right edge is there
    text = "".join(lines)
    assert "…" not in text  # nothing cut off with an ellipsis


def test_a_wide_terminal_keeps_the_headings_on_one_line():
    text = "\n".join(_render(200))
    assert "Plaats interactie" in text and "Kollumerland en Nieuwkruisland" in text


def test_size_classes_show_their_dutch_names():
    frame = _frame()
    frame["peer_group"] = ["under_20k", "20k_50k"]
    console = Console(width=200, file=io.StringIO(), highlight=False)
    console.print(ranking_table(frame, CORPORATE, 10, 200))
    text = console.file.getvalue()
    assert "minder dan 20.000 inwoners" in text or "20.000 inwoners" in text
    assert "under_20k" not in text


def _words_whole(lines, texts):
    """Every word of ``texts`` appears whole on one line of ``lines``."""
    return all(any(word in line for line in lines) for text in texts for word in text.split())


def test_at_80_columns_no_word_is_broken(narrow):
    frame = _frame()
    frame["peer_group"] = ["under_20k", "20k_50k"]
    console = Console(width=80, file=io.StringIO(), highlight=False)
    console.print(ranking_table(frame, CORPORATE, 10))  # the terminal's width: COLUMNS=80
    lines = console.file.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    names = ["Kollumerland en Nieuwkruisland", "Súdwest-Fryslân"]
    groups = ["minder dan 20.000 inwoners", "20.000 tot 50.000 inwoners"]
    headings = ["Plaats", "Gemeente", "Interactie", "Reactietijd", "Relatief bereik", "Totaal"]
    assert _words_whole(lines, names + groups + headings), "\n".join(lines)
    assert "…" not in "".join(lines)


def test_columns_give_way_in_order_as_the_terminal_narrows():
    wide = "\n".join(_render(200))
    assert "Account" in wide and "Plaats interactie" in wide
    middle = "\n".join(_render(110))
    assert "Account" in middle and "Plaats interactie" not in middle and "Interactie" in middle
    assert _words_whole(middle.splitlines(), ["gemeentekollumerland", "Nieuwkruisland"])
    small = "\n".join(_render(80))
    assert "Account" not in small and "Per indicator de plaats" in small
