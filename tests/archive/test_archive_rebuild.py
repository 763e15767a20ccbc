"""`meetlat archive rebuild`: the warehouse made again from the archive, so that after a
part was deleted or altered `archive verify` is clean and `measure` gives what it gave."""

import json

import pyarrow.parquet as pq
import pytest

from meetlat.archive import manifest, store
from meetlat.warehouse import parts

MEASURE = ("measure", "--from", "2014-04-01", "--to", "2014-06-30", "--json")


def _said(result) -> str:
    return " ".join(result.output.split())


@pytest.fixture
def synthetic(cli, workspace, tmp_path):
    out = tmp_path / "synth"
    made = cli("synth", "--posts", "400", "--municipalities", "2", "--out", out)
    assert made.exit_code == 0, made.output
    assert cli("accounts", "import", out / "accounts.csv").exit_code == 0
    imported = cli("import", out / "posts")
    assert imported.exit_code == 0, imported.output
    return workspace


def test_rebuild_restores_a_deleted_and_an_altered_part(cli, synthetic):
    ws = synthetic
    before = cli(*MEASURE)
    assert before.exit_code == 0, before.output
    figures = json.loads(before.stdout)
    assert sum(row["posts_sent"] for row in figures) > 0
    listed = parts.read(ws.warehouse)["parts"]
    registry = parts.read(ws.warehouse)["registry"]
    assert list(registry) == ["registry/accounts.parquet"]
    posts = sorted(r for r in listed if r.startswith("posts/"))
    assert len(posts) >= 2
    deleted, altered = ws.warehouse / posts[0], ws.warehouse / posts[-1]
    deleted.unlink()
    table = pq.read_table(altered)
    pq.write_table(table.slice(0, table.num_rows // 2), altered)  # still valid Parquet
    broken = cli("archive", "verify", "--quick")
    assert broken.exit_code == 1
    assert f"warehouse/{posts[0]}: ontbreekt" in _said(broken)
    assert f"warehouse/{posts[-1]}: gewijzigd" in _said(broken)
    assert json.loads(cli(*MEASURE).stdout) != figures  # the loss shows in the figures

    rebuilt = cli("archive", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    entries = manifest.entries(ws.archive)
    assert f"Warehouse herbouwd uit het archief: {len(entries)} imports opnieuw gedaan" in _said(
        rebuilt
    )
    assert "Meetfeiten bijgewerkt" in rebuilt.output  # the facts were rebuilt too
    clean = cli("archive", "verify")
    assert clean.exit_code == 0, clean.output
    assert json.loads(cli(*MEASURE).stdout) == figures
    # the same parts under the same names, the registry kept, nothing left beside
    assert set(parts.read(ws.warehouse)["parts"]) == set(listed)
    assert parts.read(ws.warehouse)["registry"] == registry  # kept with its listing
    assert (ws.warehouse / "registry" / "accounts.parquet").exists()
    assert not list(ws.root.glob(".rebuild-*"))
    assert len(manifest.entries(ws.archive)) == len(entries)  # the archive only read


def test_rebuild_from_a_damaged_archive_is_refused_and_changes_nothing(cli, synthetic):
    ws = synthetic
    sha = manifest.entries(ws.archive)[0]["sha256"]
    path = store.object_path(ws.archive, sha)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes()[:-10])
    listed = parts.read(ws.warehouse)
    result = cli("archive", "rebuild")
    assert result.exit_code == 1
    said = _said(result)
    assert f"archive/objects/{sha[:2]}/{sha}: gewijzigd" in said
    assert "Het warehouse is niet herbouwd, er is niets veranderd" in said
    assert parts.read(ws.warehouse) == listed
    assert not list(ws.root.glob(".rebuild-*"))


def test_rebuild_as_json(cli, synthetic):
    result = cli("archive", "rebuild", "--json")
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    assert done["imports"] == len(manifest.entries(synthetic.archive))
    assert done["warehouse_parts"] == len(parts.read(synthetic.warehouse)["parts"])
    assert done["differences"] == []
    counted = sum(
        e["counts"]["posts_imported"] + e["counts"]["embedded_posts"]
        for e in manifest.entries(synthetic.archive)
    )
    assert done["posts"] == counted


def test_rebuild_gives_a_workspace_of_an_older_meetlat_its_lists(cli, synthetic):
    ws = synthetic
    parts.parts_path(ws.warehouse).unlink()
    manifest.head_path(ws.archive).unlink()
    said = _said(cli("archive", "verify", "--quick"))
    assert "archive/head.json: ontbreekt" in said and "warehouse/parts.json: ontbreekt" in said
    assert cli("archive", "rebuild").exit_code == 0
    assert cli("archive", "verify").exit_code == 0
    assert manifest.read_head(ws.archive) == manifest.head_of(ws.archive)
