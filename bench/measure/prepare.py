"""The benchmark's data, made once per scale and cached under bench/out/.

``meetlat synth`` writes one year of X API v2 pages (twarc2) and an accounts.csv; a fresh
workspace gets that registry (``meetlat accounts import``) and the pages (``meetlat
import``). None of this is timed. When ``prepared.json`` is present the workspace is reused;
a half-made folder (no ``prepared.json``) is removed and made again. The generated pages
are deleted after the import (the archive in the workspace keeps their bytes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure.scale import Scale

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / "bench" / "out"
MARKER = "prepared.json"


class PreparationFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Prepared:
    folder: Path
    workspace: Path
    facts: dict  # what was made: counts from synth and import, seconds taken

    @property
    def warehouse(self) -> Path:
        return self.workspace / "warehouse"


def meetlat_command() -> list[str]:
    """The ``meetlat`` console script of the running Python's environment."""
    script = Path(sys.executable).parent / "meetlat"
    if not script.exists():
        raise PreparationFailed(f"{script} not found: install the project (make install) first")
    return [str(script)]


def _meetlat(args: list[str], home: Path, log: Path) -> str:
    env = dict(os.environ, MEETLAT_HOME=str(home), MEETLAT_LANG="en")
    command = meetlat_command() + [str(a) for a in args]
    with log.open("ab") as err:
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=err, check=False)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise PreparationFailed(f"{' '.join(command)} exited with {done.returncode}:\n{tail}")
    return done.stdout.decode("utf-8")


def synth_args(scale: Scale, out: Path) -> list[str]:
    return [
        "synth",
        "--municipalities", scale.municipalities,
        "--posts", scale.posts,
        "--format", "x-v2",
        "--start", scale.start.isoformat(),
        "--end", scale.end.isoformat(),
        "--seed", 1,
        "--out", out,
    ]  # fmt: skip


def prepared_workspace(scale: Scale, cache: Path = CACHE, say=print) -> Prepared:
    """The workspace of ``scale``, from the cache or made now."""
    folder = cache / f"measure-{scale.key}"
    home = folder / "workspace"
    marker = folder / MARKER
    if marker.exists():
        return Prepared(folder, home, json.loads(marker.read_text(encoding="utf-8")))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    synth_dir, log = folder / "synth", folder / "prepare.log"
    facts: dict = {"posts_asked": scale.posts, "municipalities": scale.municipalities}

    began = time.perf_counter()
    say(f"synth: {scale.posts} posts, {scale.municipalities} municipalities → {synth_dir}")
    _meetlat(["init", "--home", home], home, log)
    _meetlat(synth_args(scale, synth_dir), home, log)
    facts["synth_seconds"] = round(time.perf_counter() - began, 1)

    accounts_csv = synth_dir / "accounts.csv"
    if not accounts_csv.exists():
        raise PreparationFailed(f"meetlat synth wrote no {accounts_csv}")
    _meetlat(["accounts", "import", accounts_csv], home, log)

    began = time.perf_counter()
    pages = synth_dir / "posts" if (synth_dir / "posts").is_dir() else synth_dir
    facts["synth_bytes"] = sum(p.stat().st_size for p in pages.rglob("*") if p.is_file())
    say(f"import: {pages} → {home}")
    summary = json.loads(_meetlat(["import", pages, "--format", "x-v2", "--json"], home, log))
    facts["import_seconds"] = round(time.perf_counter() - began, 1)
    facts["import"] = {k: v for k, v in summary.items() if k != "problems"}
    facts["import_problems"] = len(summary.get("problems", []))
    facts |= warehouse_counts(home / "warehouse")

    shutil.copy(accounts_csv, folder / "accounts.csv")
    shutil.rmtree(synth_dir)
    marker.write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    return Prepared(folder, home, facts)


def warehouse_counts(warehouse: Path) -> dict:
    """Rows of posts and registry, and the posts' files and bytes on disk."""
    import duckdb

    files = sorted((warehouse / "posts").rglob("*.parquet"))
    con = duckdb.connect()
    posts = con.execute(
        "SELECT count(*) FROM read_parquet($f, hive_partitioning = false)",
        {"f": [str(f) for f in files]},
    ).fetchone()[0]
    registry = con.execute(
        "SELECT count(*) FROM read_parquet($f)",
        {"f": str(warehouse / "registry" / "accounts.parquet")},
    ).fetchone()[0]
    return {
        "warehouse_posts": posts,
        "warehouse_post_files": len(files),
        "warehouse_post_bytes": sum(f.stat().st_size for f in files),
        "registry_accounts": registry,
    }
