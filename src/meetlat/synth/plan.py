"""What happens on each day: which account posts what, when, in reply to which post.

The plan walks the period one local day at a time and gives, per day, a *batch*: a dict
of equally long numpy arrays, one entry per post, sorted by time. A day gets its share of
the requested number of posts (workdays more than weekends and holidays), so the total
is exact. Posts are drawn in *units*: an original, a thread (an original and one to three
self-replies within minutes), a repost, a quote, or a citizen's question with the
municipality's answer. An answer comes after a lognormal delay; out of office hours it
often waits for the next working morning; some questions are never answered. Answers
that fall on a later day wait in ``pending`` until that day; answers after the period
are dropped (a collection of the period would not hold them).

Ids encode the creation time as the platform does (X snowflakes, Mastodon ids), so the
answered post's time can always be read from the answer's ``in_reply_to`` id.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from meetlat.synth import pools
from meetlat.synth.accounts import CITIZEN, ORGANISATION, Accounts, Behaviour
from meetlat.synth.clock import (
    DAY_MS,
    MINUTE_MS,
    NEXT_DAY_START_MS,
    RHYTHM,
    Calendar,
)

ORIGINAL, SELF_REPLY, REPOST, QUOTE, QUESTION, ANSWER = range(6)
KIND_NAMES = ("original", "self_reply", "repost", "quote", "question", "answer")
UNIT_ORIGINAL, UNIT_THREAD, UNIT_REPOST, UNIT_QUOTE, UNIT_QUESTION = range(5)

X_EPOCH_MS = 1288834974657
NO_TAG, PLACE_TAG = -1, -2  # tag codes besides an index into the catalogue's tags
ANSWER_DELAY_SIGMA = 1.25  # spread of log reaction times
MAX_DELAY_MS = 12 * DAY_MS
THREAD_ROOM_MS = 45 * MINUTE_MS  # a thread starts this long before midnight at the latest

FIELDS = {
    "post_id": np.int64,
    "ms": np.int64,  # creation time, UTC ms
    "kind": np.int8,
    "author": np.int32,  # account index
    "target": np.int32,  # the account mentioned / answered / reposted, or -1
    "ref_id": np.int64,  # the post replied to (or 0)
    "conv_id": np.int64,  # the conversation's first post
    "text": np.int32,  # index into the pool of the kind (see pools)
    "topic": np.int16,
    "tag1": np.int16,
    "tag2": np.int16,
    "link": np.bool_,
    "emb_id": np.int64,  # reposted / quoted post (embedded), or 0
    "emb_ms": np.int64,
    "emb_text": np.int32,
    "emb_reposts": np.int32,
    "emb_likes": np.int32,
    "likes": np.int32,
    "reposts": np.int32,
    "replies": np.int32,
    "quotes": np.int32,
}

Batch = dict[str, np.ndarray]


def empty_batch() -> Batch:
    return {name: np.empty(0, dtype=dtype) for name, dtype in FIELDS.items()}


def concat(*batches: Batch) -> Batch:
    return {name: np.concatenate([b[name] for b in batches]) for name in FIELDS}


def typed(batch: Batch) -> Batch:
    return {name: batch[name].astype(dtype, copy=False) for name, dtype in FIELDS.items()}


def take(batch: Batch, index) -> Batch:
    return {name: values[index] for name, values in batch.items()}


def batch_len(batch: Batch) -> int:
    return len(batch["ms"])


def make_ids(platform: str, ms: np.ndarray, seq: np.ndarray, embedded: bool) -> np.ndarray:
    """Post ids that encode ``ms`` as the platform does; ``seq`` keeps them unique."""
    if platform == "x":
        low = (seq & 0x1FFFFF) | (0x200000 if embedded else 0)
        return ((ms - X_EPOCH_MS) << 22) + low
    low = (seq & 0x7FFF) | (0x8000 if embedded else 0)
    return (ms << 16) + low


class Plan:
    def __init__(
        self,
        accounts: Accounts,
        behaviour: Behaviour,
        cal: Calendar,
        posts: int,
        platform: str,
        rng: np.random.Generator,
    ):
        self.accounts = accounts
        self.behaviour = behaviour
        self.cal = cal
        self.platform = platform
        self.rng = rng
        self.resolution = 1000 if platform == "x" else 1  # X times are whole seconds
        self.targets = np.round(np.cumsum(cal.day_weights()) * posts).astype(np.int64)
        self.targets[-1] = posts
        self.seq = 0
        self.emitted = 0
        self.pending = empty_batch()
        self.n_places = len(accounts.places)
        cat = pools.CATALOGUE
        self.original_start = np.array(cat.original_start)
        self.original_count = np.array(cat.original_count)
        self.question_start = np.array(cat.question_start)
        self.question_count = np.array(cat.question_count)
        self.answer_start = np.array(cat.answer_start)
        self.answer_count = np.array(cat.answer_count)
        self.tag_start = np.array(cat.tag_start)
        self.tag_count = np.array(cat.tag_count)
        self.n_generic = len(cat.answers) - cat.generic_answer_start
        self.generic_start = cat.generic_answer_start

    # -- the days -----------------------------------------------------------------

    def days(self) -> Iterator[tuple[int, Batch]]:
        """(day index, the day's posts sorted by time) for every day of the period."""
        for day in range(self.cal.period_days):
            yield day, self.day(day)

    def day(self, day: int) -> Batch:
        end = self.cal.day_start_utc[day + 1]
        due = self.pending["ms"] < end
        arrived = take(self.pending, due)
        self.pending = take(self.pending, ~due)
        need = int(self.targets[day] - self.emitted - batch_len(arrived))
        if need < 0:  # more late answers than the day's share: drop some (never answered)
            keep = np.sort(self.rng.choice(batch_len(arrived), batch_len(arrived) + need, False))
            arrived = take(arrived, keep)
            need = 0
        today, later = self._new_posts(day, need)
        self.pending = concat(self.pending, later)
        batch = concat(arrived, today)
        batch = take(batch, np.argsort(batch["ms"], kind="stable"))
        self.emitted += batch_len(batch)
        return batch

    def _new_posts(self, day: int, need: int) -> tuple[Batch, Batch]:
        """Exactly ``need`` new posts on ``day``, plus their answers on later days."""
        today: list[Batch] = []
        later: list[Batch] = []
        while need > 0:
            units = self._units(day, int(need / 1.15) + 16)
            counts = units.pop("_today")
            fits = np.cumsum(counts) <= need
            if not fits.all():
                # Keep the units that fit; fill the rest of the day's share with originals.
                chosen = np.flatnonzero(fits)
                gap = need - int(counts[chosen].sum())
                in_day, after = self._posts(day, take(units, chosen))
                today.append(in_day)
                later.append(after)
                while gap > 0:
                    singles = self._units(day, gap, only_originals=True)
                    singles.pop("_today")
                    in_day, after = self._posts(day, singles)
                    today.append(in_day)
                    gap -= batch_len(in_day)
                break
            in_day, after = self._posts(day, units)
            today.append(in_day)
            later.append(after)
            need -= int(counts.sum())
        return (
            concat(empty_batch(), *today),
            concat(empty_batch(), *later),
        )

    # -- units --------------------------------------------------------------------

    def _units(self, day: int, n: int, only_originals: bool = False) -> dict[str, np.ndarray]:
        """``n`` units on ``day``: who, what, when; ``_today`` counts their posts that day."""
        rng, cal, b = self.rng, self.cal, self.behaviour
        workday = bool(cal.workday[day])
        account = rng.choice(len(b.activity), size=n, p=b.activity)
        if only_originals:
            unit = np.zeros(n, dtype=np.int8)
        else:
            cum = (b.unit_cum_work if workday else b.unit_cum_free)[account]
            unit = (rng.random(n)[:, None] > cum[:, :-1]).sum(axis=1).astype(np.int8)
        question = unit == UNIT_QUESTION
        local = RHYTHM.draw(rng, workday, question)
        start = cal.local_to_utc(day, local)
        begin, end = cal.day_start_utc[day], cal.day_start_utc[day + 1]
        thread = unit == UNIT_THREAD
        start = np.where(thread, np.clip(start, begin, end - THREAD_ROOM_MS), start)
        start = start - start % self.resolution

        continuations = np.where(thread, rng.choice([1, 2, 3], n, p=[0.5, 0.35, 0.15]), 0)
        answered = question & (rng.random(n) < b.answer_p[account])
        delay = np.exp(
            np.log(b.delay_median_min[account]) + ANSWER_DELAY_SIGMA * rng.standard_normal(n)
        )
        answer_ms = start + np.clip(delay * MINUTE_MS, MINUTE_MS, MAX_DELAY_MS).astype(np.int64)
        answer_ms = self._office_hours(answer_ms, account, rng)
        answer_ms = answer_ms - answer_ms % self.resolution
        answer_ms = np.maximum(answer_ms, start + self.resolution)
        today = 1 + continuations + (answered & (answer_ms < end))
        return {
            "account": account,
            "unit": unit,
            "start": start,
            "continuations": continuations,
            "answered": answered,
            "answer_ms": answer_ms,
            "_today": today,
        }

    def _office_hours(self, ms: np.ndarray, account: np.ndarray, rng) -> np.ndarray:
        """Answers out of office hours often wait for the next working morning."""
        cal = self.cal
        day, ms_of_day = cal.utc_to_local(ms)
        wait = ~cal.in_office_hours(day, ms_of_day) & (
            rng.random(len(ms)) < self.behaviour.strict[account]
        )
        morning = cal.next_office_morning(day, ms_of_day)
        minutes = np.minimum(rng.exponential(50.0, len(ms)), 360.0)
        local = NEXT_DAY_START_MS + (minutes * MINUTE_MS).astype(np.int64)
        waited = cal.local_to_utc(morning, local)
        return np.where(wait & (waited > ms), waited, ms)

    # -- posts --------------------------------------------------------------------

    def _next_seq(self, n: int) -> np.ndarray:
        seq = np.arange(self.seq, self.seq + n, dtype=np.int64)
        self.seq += n
        return seq

    def _posts(self, day: int, units: dict[str, np.ndarray]) -> tuple[Batch, Batch]:
        """The posts of ``units``: (those on ``day``, those on later days)."""
        rng, acc = self.rng, self.accounts
        n = len(units["unit"])
        account, unit, start = units["account"], units["unit"], units["start"]
        place = acc.place[account]
        question = unit == UNIT_QUESTION

        # The first post of every unit.
        roots = self._blank(n)
        roots["ms"] = start
        roots["post_id"] = make_ids(self.platform, start, self._next_seq(n), False)
        roots["conv_id"] = roots["post_id"]
        kind = np.select(
            [unit == UNIT_REPOST, unit == UNIT_QUOTE, question], [REPOST, QUOTE, QUESTION], ORIGINAL
        )
        roots["kind"] = kind
        citizen = self._citizen(place, rng)
        roots["author"] = np.where(question, citizen, account)
        topic = self._topics(account, rng)
        roots["topic"] = topic
        roots["text"] = np.select(
            [question, kind == QUOTE],
            [
                self._pick(self.question_start[topic], self.question_count[topic], rng),
                rng.integers(0, pools.POOL_SIZES["quotes"], n),
            ],
            self._pick(self.original_start[topic], self.original_count[topic], rng),
        )
        shared = (kind == REPOST) | (kind == QUOTE)
        source = self._source(place, rng)
        roots["target"] = np.select([question, shared], [account, source], -1)
        self._embedded(roots, shared, source, rng)
        self._tags(roots, kind, topic, rng)
        roots["link"] = np.where(kind == ORIGINAL, rng.random(n) < 0.35, kind == QUOTE)
        self._metrics(roots, rng)

        # Self-replies of threads, a few minutes apart.
        reps = units["continuations"]
        owner = np.repeat(np.arange(n), reps)
        conts = self._blank(len(owner))
        if len(owner):
            step = np.cumsum(rng.integers(40_000, 480_000, len(owner)))
            first_of = np.repeat(np.cumsum(reps) - reps, reps)
            previous_step = np.concatenate([[0], step])[first_of]
            conts["ms"] = start[owner] + step - previous_step
            conts["ms"] -= conts["ms"] % self.resolution
            conts["post_id"] = make_ids(
                self.platform, conts["ms"], self._next_seq(len(owner)), False
            )
            position = np.arange(len(owner)) - first_of
            prior = np.where(position == 0, roots["post_id"][owner], np.roll(conts["post_id"], 1))
            conts["ref_id"] = prior
            conts["conv_id"] = roots["post_id"][owner]
            conts["kind"][:] = SELF_REPLY
            conts["author"] = account[owner]
            conts["target"] = account[owner]
            conts["topic"] = topic[owner]
            conts["text"] = rng.integers(0, pools.POOL_SIZES["threads"], len(owner))
            self._metrics(conts, rng)

        # The municipality's answers to questions.
        asked = np.flatnonzero(units["answered"])
        answers = self._blank(len(asked))
        if len(asked):
            answers["ms"] = units["answer_ms"][asked]
            answers["post_id"] = make_ids(
                self.platform, answers["ms"], self._next_seq(len(asked)), False
            )
            answers["kind"][:] = ANSWER
            answers["author"] = account[asked]
            answers["target"] = roots["author"][asked]
            answers["ref_id"] = roots["post_id"][asked]
            answers["conv_id"] = roots["post_id"][asked]
            t = topic[asked]
            specific = rng.random(len(asked)) < 0.6
            answers["text"] = np.where(
                specific,
                self._pick(self.answer_start[t], self.answer_count[t], rng),
                self._pick(
                    np.full(len(asked), self.generic_start),
                    np.full(len(asked), self.n_generic),
                    rng,
                ),
            )
            answers["topic"] = t
            answers["link"] = rng.random(len(asked)) < 0.2
            self._metrics(answers, rng)

        posts = typed(concat(roots, conts, answers))
        end = self.cal.day_start_utc[day + 1]
        in_day = posts["ms"] < end
        return take(posts, in_day), take(posts, ~in_day)

    def _blank(self, n: int) -> Batch:
        batch = {name: np.zeros(n, dtype=dtype) for name, dtype in FIELDS.items()}
        batch["target"][:] = -1
        batch["tag1"][:] = NO_TAG
        batch["tag2"][:] = NO_TAG
        return batch

    @staticmethod
    def _pick(starts: np.ndarray, counts: np.ndarray, rng) -> np.ndarray:
        """A rendered text: template ``start + r % count`` and one of its variants."""
        template = starts + rng.integers(0, 1 << 30, len(starts)) % counts
        return template * pools.VARIANTS + rng.integers(0, pools.VARIANTS, len(starts))

    def _topics(self, account: np.ndarray, rng) -> np.ndarray:
        cum = self.behaviour.topic_cum[account]
        return (rng.random(len(account))[:, None] > cum[:, :-1]).sum(axis=1).astype(np.int16)

    def _citizen(self, place: np.ndarray, rng) -> np.ndarray:
        """A citizen of the municipality, or (one in ten) of anywhere."""
        acc = self.accounts
        local = acc.citizen_block_start[place] + (
            rng.integers(0, 1 << 30, len(place)) % acc.citizen_block_count[place]
        )
        n_citizens = len(acc) - acc.citizen_start
        anywhere = acc.citizen_start + rng.integers(0, n_citizens, len(place))
        return np.where(rng.random(len(place)) < 0.1, anywhere, local).astype(np.int32)

    def _source(self, place: np.ndarray, rng) -> np.ndarray:
        """Whose post is reposted or quoted: a local organisation or another municipality."""
        acc = self.accounts
        organisation = acc.organisation_start + place * 2 + rng.integers(0, 2, len(place))
        municipality = rng.integers(0, self.n_places, len(place))
        return np.where(rng.random(len(place)) < 0.65, organisation, municipality).astype(np.int32)

    def _embedded(self, roots: Batch, shared, source, rng) -> None:
        n = len(shared)
        age = np.clip(rng.lognormal(np.log(90), 1.2, n), 1, 20_000) * MINUTE_MS
        emb_ms = roots["ms"] - age.astype(np.int64)
        emb_ms -= emb_ms % self.resolution
        seq = self._next_seq(n)
        emb_id = make_ids(self.platform, emb_ms, seq, True)
        by_organisation = self.accounts.kind[np.maximum(source, 0)] == ORGANISATION
        pool = np.where(
            by_organisation,
            pools.POOL_SIZES["organisation_posts"],
            pools.POOL_SIZES["originals"],
        )
        roots["emb_id"] = np.where(shared, emb_id, 0)
        roots["emb_ms"] = np.where(shared, emb_ms, 0)
        roots["emb_text"] = np.where(shared, rng.integers(0, 1 << 30, n) % pool, 0)
        followers = self.accounts.followers[np.maximum(source, 0)]
        roots["emb_reposts"] = np.where(
            shared, 1 + rng.poisson(followers * 0.002 * rng.lognormal(0, 1, n)), 0
        )
        roots["emb_likes"] = np.where(
            shared, rng.poisson(followers * 0.004 * rng.lognormal(0, 1, n)), 0
        )

    def _tags(self, roots: Batch, kind, topic, rng) -> None:
        n = len(kind)
        u = rng.random(n)
        count = np.select(
            [kind == ORIGINAL, kind == QUESTION, kind == QUOTE],
            [(u < 0.45).astype(int) + (u < 0.12), (u < 0.15).astype(int), (u < 0.2).astype(int)],
            0,
        )
        topic_tag = self.tag_start[topic] + rng.integers(0, 1 << 30, n) % self.tag_count[topic]
        second = self.tag_start[topic] + rng.integers(0, 1 << 30, n) % self.tag_count[topic]
        first = np.where(rng.random(n) < 0.3, PLACE_TAG, topic_tag)
        roots["tag1"] = np.where(count >= 1, first, NO_TAG)
        roots["tag2"] = np.where((count >= 2) & (second != first), second, NO_TAG)

    def _metrics(self, batch: Batch, rng) -> None:
        n = batch_len(batch)
        followers = self.accounts.followers[batch["author"]]
        by_citizen = self.accounts.kind[batch["author"]] == CITIZEN
        reposting = batch["kind"] == REPOST
        scale = rng.lognormal(0.0, 1.0, n)
        batch["likes"] = np.where(
            reposting, 0, rng.poisson(np.where(by_citizen, 0.3, followers * 0.0008) * scale)
        )
        batch["reposts"] = np.where(
            reposting, 0, rng.poisson(np.where(by_citizen, 0.05, followers * 0.0004) * scale)
        )
        batch["replies"] = np.where(reposting, 0, rng.poisson(0.3 * scale))
        batch["quotes"] = np.where(reposting, 0, rng.poisson(0.03 * scale))
