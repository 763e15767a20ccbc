"""The texts of one municipality: every template filled in with its name, streets and dates.

Each template is rendered ``VARIANTS`` times per municipality, with other streets, days
and numbers, once, when the municipality first needs it; a post then only picks an index.
Indices are ``template * VARIANTS + variant``, so the plan can draw them as integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from meetlat.synth import texts

VARIANTS = 2
TIMES = ("10.00 uur", "14.00 uur", "16.30 uur", "19.00 uur", "19.30 uur", "20.00 uur")


def _flat(groups: list[tuple[str, ...]]) -> tuple[tuple[str, ...], list[int], list[int]]:
    """All templates of the groups in one tuple, with each group's start and length."""
    flat: list[str] = []
    starts: list[int] = []
    lengths: list[int] = []
    for group in groups:
        starts.append(len(flat))
        lengths.append(len(group))
        flat.extend(group)
    return tuple(flat), starts, lengths


@dataclass(frozen=True)
class Catalogue:
    """The templates as flat lists with the ranges of each topic (shared by all places)."""

    originals: tuple[str, ...]
    original_start: list[int]
    original_count: list[int]
    questions: tuple[str, ...]
    question_start: list[int]
    question_count: list[int]
    answers: tuple[str, ...]  # topic answers first, then the generic ones
    answer_start: list[int]
    answer_count: list[int]
    generic_answer_start: int
    tags: tuple[str, ...]  # all topic hashtags
    tag_start: list[int]
    tag_count: list[int]
    topic_names: tuple[str, ...]
    topic_paths: tuple[str, ...]


def catalogue() -> Catalogue:
    texts.check_templates()
    originals, o_start, o_count = _flat([t.originals for t in texts.TOPICS])
    questions, q_start, q_count = _flat([t.questions for t in texts.TOPICS])
    answers, a_start, a_count = _flat([t.answers for t in texts.TOPICS])
    tags, t_start, t_count = _flat([t.hashtags for t in texts.TOPICS])
    return Catalogue(
        originals=originals,
        original_start=o_start,
        original_count=o_count,
        questions=questions,
        question_start=q_start,
        question_count=q_count,
        answers=answers + texts.GENERIC_ANSWERS,
        answer_start=a_start,
        answer_count=a_count,
        generic_answer_start=len(answers),
        tags=tags,
        tag_start=t_start,
        tag_count=t_count,
        topic_names=tuple(t.name for t in texts.TOPICS),
        topic_paths=tuple(t.path for t in texts.TOPICS),
    )


CATALOGUE = catalogue()


class PlaceTexts:
    """The rendered texts of one municipality (``name``), seeded by ``seed``."""

    def __init__(self, name: str, seed: int):
        self.name = name
        self.seed = seed

    def _render(self, templates: tuple[str, ...], salt: int) -> list[str]:
        n = len(templates) * VARIANTS
        rng = np.random.default_rng([self.seed, salt])
        streets = rng.integers(0, len(texts.STREETS), n).tolist()
        wijken = rng.integers(0, len(texts.WIJKEN), n).tolist()
        days = rng.integers(0, len(texts.WEEKDAYS), n).tolist()
        dates = rng.integers(1, 29, n).tolist()
        months = rng.integers(0, 12, n).tolist()
        times = rng.integers(0, len(TIMES), n).tolist()
        numbers = rng.integers(2, 10, n).tolist()
        rendered: list[str] = []
        for i in range(n):
            template = templates[i // VARIANTS]
            if "{" not in template:
                rendered.append(template)
                continue
            rendered.append(
                template.format(
                    gemeente=self.name,
                    straat=texts.STREETS[streets[i]],
                    wijk=texts.WIJKEN[wijken[i]],
                    dag=texts.WEEKDAYS[days[i]],
                    datum=f"{dates[i]} {texts.MONTHS[months[i]]}",
                    tijd=TIMES[times[i]],
                    nummer=numbers[i],
                )
            )
        return rendered

    @cached_property
    def originals(self) -> list[str]:
        return self._render(CATALOGUE.originals, 1)

    @cached_property
    def questions(self) -> list[str]:
        return self._render(CATALOGUE.questions, 2)

    @cached_property
    def answers(self) -> list[str]:
        return self._render(CATALOGUE.answers, 3)

    @cached_property
    def threads(self) -> list[str]:
        return self._render(texts.THREAD_CONTINUATIONS, 4)

    @cached_property
    def quotes(self) -> list[str]:
        return self._render(texts.QUOTE_COMMENTS, 5)

    @cached_property
    def organisation_posts(self) -> list[str]:
        return self._render(texts.ORGANISATION_POSTS, 6)


POOL_SIZES = {
    "originals": len(CATALOGUE.originals) * VARIANTS,
    "questions": len(CATALOGUE.questions) * VARIANTS,
    "answers": len(CATALOGUE.answers) * VARIANTS,
    "threads": len(texts.THREAD_CONTINUATIONS) * VARIANTS,
    "quotes": len(texts.QUOTE_COMMENTS) * VARIANTS,
    "organisation_posts": len(texts.ORGANISATION_POSTS) * VARIANTS,
}
