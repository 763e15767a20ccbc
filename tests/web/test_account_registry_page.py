"""The researcher's account registry page: the registry listed and filtered, a registry
file imported with the CLI's code (a bad row refuses the whole file and is named), the
registry as CSV."""

from __future__ import annotations

import csv
import io

from meetlat.app import accounts

HEADER = "municipality_code,platform,handle,role,active_from,active_to,status\n"
GOOD = (
    HEADER
    + "GM0363,x,@Amsterdam,corporate,2010-01-01,,\n"
    + "GM0363,mastodon,@Amsterdam@mastodon.nl,council,,,parked\n"
    + "GM0344,x,@gemeenteutrecht,corporate,,,\n"
)


def upload(client, tmp_path, text: str, name: str = "register.csv"):
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    with file.open("rb") as handle:
        return client.post("/onderzoek/accountregister/", {"file": handle})


def test_import_list_filter_and_download(ws, researcher_client, tmp_path):
    empty = researcher_client.get("/onderzoek/accountregister/").content.decode()
    assert "0 accounts" in empty
    response = upload(researcher_client, tmp_path, GOOD)
    assert response.status_code == 302
    page = researcher_client.get(response.url).content.decode()
    assert "3 accounts geïmporteerd (3 nieuw, 0 vervangen); het register telt er 3." in page
    assert "amsterdam@mastodon.nl" in page and "Amsterdam (GM0363)" in page
    assert "raad" in page and "geparkeerd" in page  # the role and status by their labels
    only_x = researcher_client.get("/onderzoek/accountregister/?platform=x").content.decode()
    assert "gemeenteutrecht" in only_x and "mastodon.nl" not in only_x
    one = researcher_client.get("/onderzoek/accountregister/?municipality=344").content.decode()
    assert "1 account<" in one and "gemeenteutrecht" in one
    download = researcher_client.get("/onderzoek/accountregister/?role=council&format=csv")
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert rows == [
        {
            "municipality_code": "GM0363", "platform": "mastodon",
            "handle": "amsterdam@mastodon.nl", "role": "council", "active_from": "",
            "active_to": "", "status": "parked",
        }
    ]  # fmt: skip


def test_a_bad_row_refuses_the_file_and_is_named(ws, researcher_client, tmp_path):
    upload(researcher_client, tmp_path, GOOD)
    bad = HEADER + "GM0363,x,@Amsterdam,mayor,,,\nGM9999,x,@nergens,corporate,,,\n"
    response = upload(researcher_client, tmp_path, bad, "fout.csv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "fout.csv regel 2" in page and "fout.csv regel 3" in page
    assert 'aria-invalid="true"' in page
    assert len(accounts.list_accounts(ws)) == 3  # nothing of the bad file was stored
    assert accounts.list_accounts(ws, platform="x")[0]["role"] == "corporate"
