"""Mapped CSV files through ``meetlat import``: detection, the mapping beside the file, and
rows of the wrong shape set aside while the rest is imported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FOLDER = Path(__file__).parents[2] / "fixtures" / "csvmap"


def test_import_of_mapped_csv_files(workspace, cli, tmp_path):
    exports = tmp_path / "exports"
    shutil.copytree(FOLDER / "custom", exports)  # the .tsv with its meetlat-mapping.toml
    shutil.copy(FOLDER / "coosto_export.csv", exports)
    shutil.copy(FOLDER / "invalid" / "coosto_bad_rows.csv", exports)
    files = [exports / "coosto_export.csv", exports / "mastodon_posts.tsv"]
    files.append(exports / "coosto_bad_rows.csv")
    result = cli("import", *files, "--json")
    assert result.exit_code == 1, result.output  # bad rows were set aside
    summary = json.loads(result.stdout)
    assert summary["files"] == 3
    assert summary["records_read"] == 5 + 2 + 7
    assert summary["posts_imported"] == 5 + 2 + 1
    assert summary["quarantined"] == 6
    bad = [(p["line"], p["reason"]) for p in summary["problems"]]
    assert [line for line, _ in bad] == [2, 3, 4, 5, 6, 7]
    assert bad[0][1] == 'kolom "ID" is leeg (verwacht: het id van het bericht)'


def test_a_csv_without_mapping_is_set_aside_whole(workspace, cli, tmp_path):
    path = tmp_path / "onbekend.csv"
    path.write_text("kolom a;kolom b;kolom c\n1;2;3\n", encoding="utf-8")
    result = cli("import", path, "--json")
    assert result.exit_code == 2, result.output  # nothing of the file could be imported
    summary = json.loads(result.stdout)
    assert (summary["records_read"], summary["quarantined"]) == (1, 1)
    assert summary["error"] == "Er is niets geïmporteerd."  # --format would not help
    reason = summary["problems"][0]["reason"]
    assert "onbekend.csv.mapping.toml" in reason
    assert "ingebouwde coosto verwacht de kolommen ID, Datum, Bron, Auteur, Bericht" in reason
