"""The load of ``bench_web``: simulated respondents answering the questionnaire online.

Each respondent opens its invitation link, opens the questionnaire's two aspect pages
and autosaves answers one by one as htmx does (POST .../antwoord/<question>/ with the
CSRF header), with think time between answers; some change an earlier answer. It keeps
the revision the server returned, as the page does. It records the latency and status of
every save and the last value the server acknowledged ("Bewaard.") per question.

A small HTTP/1.1 client on asyncio streams (keep-alive, cookies), so that 200 respondents
cost the machine little beside the server under test.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

REV = re.compile(rb'name="rev-([a-z_.]+)" value="(\d+)"')


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)  # seconds, autosaves only
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    acknowledged: dict[tuple[str, str], str] = field(default_factory=dict)  # (code, qid) -> value
    locked: int = 0  # saves answered with a "database is locked" page


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, body: bytes = b"", headers=None):
        """One request; a kept-alive connection the server closed while idle is opened
        again and the request sent once more, as a browser does."""
        reused = self.writer is not None
        try:
            return await self._request(method, path, body, headers)
        except (ConnectionError, asyncio.IncompleteReadError):
            if not reused:
                raise
            self.close()
            self.reader = self.writer = None
            return await self._request(method, path, body, headers)

    async def _request(self, method: str, path: str, body: bytes, headers):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Connection: keep-alive",
        ]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        for key, value in (headers or {}).items():
            lines.append(f"{key}: {value}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        response_headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            key, _sep, value = line.decode("latin-1").partition(":")
            key, value = key.strip().lower(), value.strip()
            response_headers[key] = value
            if key == "content-length":
                length = int(value)
            elif key == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif key == "connection" and value.lower() == "close":
                close = True
            elif key == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        if chunked:
            content = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    break
                content += await self.reader.readexactly(size)
                await self.reader.readline()
        else:
            content = await self.reader.readexactly(length) if length else b""
        if close:
            self.writer.close()
            self.reader = self.writer = None
        return status, response_headers, content

    def close(self):
        if self.writer is not None:
            self.writer.close()


async def respondent(base: str, link: str, code: str, questions: list[tuple[str, list[str]]],
                     stats: Stats, until: float, think: tuple[float, float], seed: int) -> None:  # fmt: skip
    rng = random.Random(seed)
    address = urlsplit(base)
    connection = Connection(address.hostname, address.port)
    try:
        status, headers, _body = await connection.request("GET", urlsplit(link).path)
        if status != 302:
            stats.errors.append(f"{code}: invitation gave {status}")
            return
        revisions: dict[str, int] = {}
        for group in ("interaction", "organisation"):
            status, _h, page = await connection.request(
                "GET", f"/vragenlijst/2014/{code}/pagina/{group}/"
            )
            if status != 200:
                stats.errors.append(f"{code}: page {group} gave {status}")
                return
            revisions.update({m[1].decode(): int(m[2]) for m in REV.finditer(page)})
        order = list(questions)
        rng.shuffle(order)
        order += rng.sample(questions, k=min(5, len(questions)))  # change some answers later
        for question_id, values in order:
            if time.monotonic() >= until:
                return
            await asyncio.sleep(rng.uniform(*think))
            value = rng.choice(values)
            body = f"{quote(question_id)}={quote(value)}&rev-{quote(question_id)}={revisions.get(question_id, 0)}".encode()
            began = time.perf_counter()
            status, _h, answer = await connection.request(
                "POST",
                f"/vragenlijst/2014/{code}/antwoord/{question_id}/",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": connection.cookies.get("csrftoken", ""),
                    "HX-Request": "true",
                    "Referer": base + "/",
                },
            )
            stats.latencies.append(time.perf_counter() - began)
            stats.statuses[status] = stats.statuses.get(status, 0) + 1
            found = REV.search(answer)
            if found:
                revisions[question_id] = int(found[2])
            if status == 200 and b"Bewaard." in answer:
                stats.acknowledged[(code, question_id)] = value
            elif b"database is locked" in answer:
                stats.locked += 1
            elif status >= 500:
                stats.errors.append(f"{code} {question_id}: {status}")
    except (OSError, ConnectionError, asyncio.IncompleteReadError) as error:
        stats.errors.append(f"{code}: {error!r}")
    finally:
        connection.close()


async def run(base: str, links: list[tuple[str, str]], questions, seconds: float,
              think: tuple[float, float]) -> Stats:  # fmt: skip
    stats = Stats()
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(respondent(base, link, code, questions, stats, until, think, seed)
          for seed, (code, link) in enumerate(links))
    )  # fmt: skip
    return stats
