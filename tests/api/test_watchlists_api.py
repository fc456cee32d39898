"""Watchlists through the API: stored lists, versions, searchable entries, uploads, diffs, and
national entries kept as new versions of the national list."""

from __future__ import annotations

from tests.api.conftest import Served
from waystation.cases.vocab import Role

HEADER = b"id,names,birth_dates,nationalities\n"
NATIONAL_V1 = HEADER + b'N-1,"HADDAD, Karim",1981-05-02,SYR\nN-2,"SALEH, Omar",1979,IRQ\n'
NATIONAL_V2 = HEADER + b'N-1,"HADDAD, Karim|Abu Karim",1981-05-02,SYR\nN-3,"NOURI, Ali",1990,IRQ\n'


def _upload(served: Served, data: bytes, name: str, role: Role = Role.SUPERVISOR) -> dict[str, object]:
    response = served.client.post(
        "/v1/watchlists",
        files={"file": ("national.csv", data, "text/csv")},
        data={"name": name, "format": "national_csv"},
        headers=served.headers(role),
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def test_the_un_list_is_listed_and_its_entries_searchable(served: Served) -> None:
    lists = {v["list_name"]: v for v in served.get("/v1/watchlists", Role.ANALYST).json()}
    assert lists["un-consolidated"]["entry_count"] == 1009
    assert lists["un-consolidated"]["source_format"] == "un_xml"
    page = served.get("/v1/watchlists/un-consolidated/entries?q=ghamdi&limit=5", Role.ANALYST).json()
    assert "QDi.292" in [e["entry_id"] for e in page["entries"]]
    entry = served.get("/v1/watchlists/un-consolidated/entries/QDi.292", Role.ANALYST).json()
    assert entry["names"][0] == "OTHMAN AHMED OTHMAN AL-GHAMDI"
    assert served.get("/v1/watchlists/un-consolidated/entries/QDi.000000").status_code == 404
    assert served.get("/v1/watchlists/un-consolidated/entries", Role.CARRIER).status_code == 403
    refused = served.get("/v1/watchlists", Role.CARRIER)
    assert refused.status_code == 403
    assert refused.json()["message"] == "a carrier may not read watchlists"


def test_an_upload_is_a_version_and_the_diff_says_what_changed(served: Served) -> None:
    name = f"upload-{served.reference().lower()}"
    first = _upload(served, NATIONAL_V1, name)
    assert first["created"] is True
    again = _upload(served, NATIONAL_V1, name)
    assert again["created"] is False
    second = _upload(served, NATIONAL_V2, name)
    changes = {(c["entry_id"], c["change"]) for c in second["changes"]}  # type: ignore[union-attr]
    assert changes == {("N-1", "changed"), ("N-2", "removed"), ("N-3", "added")}
    versions = served.get(f"/v1/watchlists/{name}/versions", Role.ANALYST).json()
    assert [v["seq"] for v in versions] == [1, 2]
    diff = served.get(f"/v1/watchlists/{name}/diff", Role.ANALYST).json()
    assert {(c["entry_id"], c["change"]) for c in diff["changes"]} == changes
    since = served.get(f"/v1/watchlists/{name}/diff?since={versions[0]['version']}", Role.ANALYST).json()
    assert {(c["entry_id"], c["change"]) for c in since["changes"]} == changes


def test_national_entries_are_added_and_removed_as_new_versions(served: Served) -> None:
    name = f"national-{served.reference().lower()}"
    body = {"names": "AL-TIKRITI, Abu Omar|~Abu Omar", "birth_dates": "1984-03-02", "nationalities": "IRQ"}
    added = served.client.put(
        f"/v1/national-entries/NW-7?list={name}", json=body, headers=served.headers(Role.SUPERVISOR)
    )
    assert added.status_code == 200, added.text
    assert added.json()["version"]["entry_count"] == 1
    entry = served.get(f"/v1/watchlists/{name}/entries/NW-7", Role.ANALYST).json()
    assert entry["names"] == ["Abu Omar AL-TIKRITI", "Abu Omar"]
    assert entry["birth_dates"] == ["1984-03-02"]
    assert entry["nationalities"] == ["IRQ"]
    refused = served.client.put(
        f"/v1/national-entries/NW-8?list={name}", json=body, headers=served.headers(Role.ANALYST)
    )
    assert refused.status_code == 403
    removed = served.client.delete(
        f"/v1/national-entries/NW-7?list={name}", headers=served.headers(Role.SUPERVISOR)
    )
    assert removed.json()["version"]["entry_count"] == 0
    assert [c["change"] for c in removed.json()["changes"]] == ["removed"]
    missing = served.client.delete(
        f"/v1/national-entries/NW-7?list={name}", headers=served.headers(Role.SUPERVISOR)
    )
    assert missing.status_code == 404
    log = served.get("/v1/audit?event_type=list_import&limit=1000", Role.AUDITOR).json()["records"]
    assert [r["payload"]["list_name"] for r in log].count(name) == 2


def test_a_national_entry_with_a_bad_value_is_refused_naming_it(served: Served) -> None:
    bad_date = served.put(
        "/v1/national-entries/NW-9?list=national-bad", {"names": "DOE, John", "listed_on": "x"}
    )
    assert bad_date.status_code == 200  # lenient per value: the bad date is left out
    unknown = served.put(
        "/v1/national-entries/NW-9?list=national-bad", {"names": "DOE, John", "unknown": "1"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["location"]["field"] == "unknown"
