"""The traveller page's network queries over HTTP: paths on request, the case rule, downloads."""

from __future__ import annotations

import html

import httpx
import networkx as nx

from tests.web.server import RunningServer
from tests.web.test_http import _client
from waystation.cases.vocab import AlertKind, Role
from waystation.services.alert_queue import alert_queue
from waystation.services.principal import Principal
from waystation.store import AlertFilter


def _linked(server: RunningServer) -> int:
    analyst = Principal("analyst.demo", Role.ANALYST)
    alert = alert_queue(server.workspace, analyst, AlertFilter(kind=AlertKind.NETWORK)).alerts[0]
    assert alert.traveller_id is not None
    return alert.traveller_id


def test_paths_on_request_and_the_case_rule(server: RunningServer) -> None:
    traveller_id = _linked(server)
    client, _ = _client(server, "analyst.demo")
    page = client.get(f"/travellers/{traveller_id}")
    assert page.status_code == 200
    assert f'href="/travellers/{traveller_id}/network.graphml"' in page.text
    assert f'href="/travellers/{traveller_id}/network.cyjs"' in page.text
    assert 'id="paths"' not in page.text  # paths only when asked for
    asked = client.get(f"/travellers/{traveller_id}?paths=1")
    text = html.unescape(asked.text)
    assert 'id="paths"' in text
    assert "is a listed subject (QDi." in text  # a network alert's traveller is one hop from a listed person
    assert 'id="groups"' in text
    refused = html.unescape(client.get(f"/travellers/{traveller_id}?paths=1&hops=2").text)
    assert 'id="paths-error"' in refused
    assert "needs an open case" in refused
    assert 'id="paths"' not in refused
    bad = html.unescape(client.get(f"/travellers/{traveller_id}?paths=1&hops=9").text)
    assert "hops must be a number from 1 to 4" in bad


def test_downloads_are_files_and_follow_the_same_rule(server: RunningServer) -> None:
    traveller_id = _linked(server)
    client, _ = _client(server, "analyst.demo")
    graphml = client.get(f"/travellers/{traveller_id}/network.graphml")
    assert graphml.status_code == 200
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert graphml.headers["content-disposition"] == (
        f'attachment; filename="traveller-{traveller_id}-network-1hop.graphml"'
    )
    graph = nx.parse_graphml(graphml.text)
    assert graph.number_of_nodes() >= 2
    assert any(data.get("subject", "").startswith("listed ") for _n, data in graph.nodes(data=True))
    cyjs = client.get(f"/travellers/{traveller_id}/network.cyjs")
    assert len(cyjs.json()["elements"]["nodes"]) == graph.number_of_nodes()
    assert client.get(f"/travellers/{traveller_id}/network.graphml?hops=2").status_code == 403
    anonymous = httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)
    assert anonymous.get(f"/travellers/{traveller_id}/network.graphml").status_code in (302, 303, 307)
