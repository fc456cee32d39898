"""Sharing over HTTP: the admin adds a partner, a supervisor shares a national entry under a mark,
the partner's account reads exactly that package (document and digest) and nobody else's."""

from __future__ import annotations

import hashlib
import json

from tests.api.conftest import Served
from waystation.cases.vocab import Role
from waystation.services.users import create_user


def test_a_partner_reads_what_was_shared_with_it(served: Served) -> None:
    reader = create_user(served.workspace, "partner-api-reader", Role.PARTNER)
    other = create_user(served.workspace, "partner-api-other", Role.PARTNER)
    for org, account in (("API-NCB", reader.user.name), ("API-OTHER", other.user.name)):
        body = {"org_id": org, "name": f"{org} liaison", "personal_data": True, "account": account}
        added = served.post("/v1/partners", body, Role.ADMIN)
        assert added.status_code == 201, added.text
    put = served.client.put(
        "/v1/national-entries/NAT-API?list=api-share",
        json={"names": "ROE, Richard", "birth_dates": "1975"},
        headers=served.headers(Role.SUPERVISOR),
    )
    assert put.status_code < 300, put.text
    shared = served.post(
        "/v1/shares",
        {
            "partner": "API-NCB",
            "kind": "watchlist_entry",
            "subject": "api-share:NAT-API",
            "mark": "TLP:AMBER+STRICT",
            "purpose": "the listed facilitator may travel through your airports",
        },
        Role.SUPERVISOR,
    )
    assert shared.status_code == 201, shared.text
    package = shared.json()
    assert (package["partner"], package["mark"], package["sender"]) == ("API-NCB", "TLP:AMBER+STRICT", "PIU")
    seen = served.client.get("/v1/shares", headers={"Authorization": f"Bearer {reader.token}"}).json()
    assert [s["package_id"] for s in seen] == [package["package_id"]]
    (item,) = seen[0]["document"]["items"]
    assert (item["entry_id"], item["names"], item["birth_dates"]) == ("NAT-API", ["Richard ROE"], ["1975"])
    body = json.dumps(seen[0]["document"], sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert "sha256:" + hashlib.sha256(body.encode()).hexdigest() == seen[0]["digest"]
    assert served.client.get("/v1/shares", headers={"Authorization": f"Bearer {other.token}"}).json() == []
    passed = served.client.post(
        f"/v1/shares/{package['id']}/reshare",
        json={"to": "API-OTHER", "purpose": "the other agency should know this"},
        headers={"Authorization": f"Bearer {reader.token}"},
    )
    assert passed.status_code == 403
    assert "TLP:AMBER+STRICT stays within API-NCB" in passed.json()["message"]
    assert served.get("/v1/shares", Role.ANALYST).status_code == 403
