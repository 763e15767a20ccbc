"""The words of a planned post: its body text, hashtags and link, shared by both formats."""

from __future__ import annotations

import numpy as np

from meetlat.synth import pools
from meetlat.synth.accounts import ORGANISATION, Accounts
from meetlat.synth.plan import (
    ANSWER,
    NO_TAG,
    ORIGINAL,
    PLACE_TAG,
    QUESTION,
    QUOTE,
    REPOST,
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


POOLS = ("originals", "questions", "answers", "threads", "quotes", "organisation_posts")
ORIGINALS_POOL, QUESTIONS_POOL, ANSWERS_POOL, THREADS_POOL, QUOTES_POOL, ORGANISATION_POOL = range(
    6
)


class FlatTexts:
    """Every rendered text of every place in one list, and arrays that point into it.

    ``resolve(batch)`` turns a planned day into indices, so a writer's loop only looks
    strings up: ``body`` (the post's own words), ``shared`` (a reposted or quoted post's
    words), ``tag1``/``tag2`` (into ``tags``, -1 for none) and ``link`` (into ``links``).
    """

    def __init__(self, composer: Composer):
        self.c = composer
        acc = composer.accounts
        texts: list[str] = []
        offsets = np.zeros((len(acc.places), len(POOLS)), dtype=np.int64)
        for p, place_texts in enumerate(composer.texts):
            for k, pool in enumerate(POOLS):
                offsets[p, k] = len(texts)
                texts.extend(getattr(place_texts, pool))
        self.texts = texts
        self.offsets = offsets
        self.tags = list(composer.tags) + composer.place_tags
        self.n_topic_tags = len(composer.tags)
        self.n_topics = len(composer.paths)
        self.links = [site + path for site in composer.sites for path in composer.paths]
        self.place = acc.place
        self.is_organisation = acc.kind == ORGANISATION

    def resolve(self, batch) -> dict[str, np.ndarray]:
        kind, author = batch["kind"], batch["author"]
        target = np.maximum(batch["target"], 0)
        author_place = self.place[author]
        target_place = self.place[target]
        shared_pool = np.where(self.is_organisation[target], ORGANISATION_POOL, ORIGINALS_POOL)
        pool = np.select(
            [kind == QUESTION, kind == ANSWER, kind == SELF_REPLY, kind == QUOTE, kind == REPOST],
            [QUESTIONS_POOL, ANSWERS_POOL, THREADS_POOL, QUOTES_POOL, shared_pool],
            ORIGINALS_POOL,
        )
        about_target = (kind == QUESTION) | (kind == REPOST)
        body_place = np.where(about_target, target_place, author_place)
        body_text = np.where(kind == REPOST, batch["emb_text"], batch["text"])
        subject = np.where(kind == QUESTION, target_place, author_place)

        def tag(code):
            return np.where(code == PLACE_TAG, self.n_topic_tags + subject, code)

        return {
            "body": self.offsets[body_place, pool] + body_text,
            "shared": self.offsets[target_place, shared_pool] + batch["emb_text"],
            "tag1": tag(batch["tag1"].astype(np.int64)),
            "tag2": tag(batch["tag2"].astype(np.int64)),
            "link": subject * self.n_topics + batch["topic"],
        }
