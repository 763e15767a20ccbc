"""The words of a planned post: its body text, hashtags and link, shared by both formats."""

from __future__ import annotations

from meetlat.synth import pools
from meetlat.synth.accounts import ORGANISATION, Accounts
from meetlat.synth.plan import (
    ANSWER,
    NO_TAG,
    ORIGINAL,
    PLACE_TAG,
    QUESTION,
    QUOTE,
    SELF_REPLY,
)

SYNTHETIC_BIO = (
    "Synthetisch account, gemaakt door Meetlat synth: geen echte persoon of organisatie."
)


class Composer:
    def __init__(self, accounts: Accounts, seed: int):
        self.accounts = accounts
        self.place_of = accounts.place.tolist()
        self.kind_of = accounts.kind.tolist()
        self.texts = [
            pools.PlaceTexts(p.name, seed * 7919 + i) for i, p in enumerate(accounts.places)
        ]
        self.place_tags = [p.slug for p in accounts.places]
        self.sites = [f"https://www.{p.slug}.nl/" for p in accounts.places]
        self.tags = pools.CATALOGUE.tags
        self.paths = pools.CATALOGUE.topic_paths

    def body(self, kind: int, author: int, target: int, text: int) -> str:
        """The text a post of ``kind`` says (without mentions, hashtags and links)."""
        if kind == QUESTION:  # about the municipality asked
            return self.texts[self.place_of[target]].questions[text]
        place_texts = self.texts[self.place_of[author]]
        if kind == ORIGINAL:
            return place_texts.originals[text]
        if kind == ANSWER:
            return place_texts.answers[text]
        if kind == SELF_REPLY:
            return place_texts.threads[text]
        if kind == QUOTE:
            return place_texts.quotes[text]
        raise ValueError(f"no body for kind {kind}")

    def shared_body(self, source: int, text: int) -> str:
        """The text of a reposted or quoted post by account ``source``."""
        place_texts = self.texts[self.place_of[source]]
        if self.kind_of[source] == ORGANISATION:
            return place_texts.organisation_posts[text]
        return place_texts.originals[text]

    def tag(self, code: int, place: int) -> str | None:
        if code == NO_TAG:
            return None
        if code == PLACE_TAG:
            return self.place_tags[place]
        return self.tags[code]

    def link(self, place: int, topic: int) -> str:
        return self.sites[place] + self.paths[topic]

    def subject_place(self, kind: int, author: int, target: int) -> int:
        """The municipality a post is about (a question is about the one it asks)."""
        return self.place_of[target] if kind == QUESTION else self.place_of[author]
