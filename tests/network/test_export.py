"""Export of a neighbourhood as GraphML and Cytoscape JSON, checked by reading both back."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.network import scenario
from tests.network.builders import leg, manifest, traveller
from waystation.exc import Forbidden
from waystation.network import (
    Neighbourhood,
    Purpose,
    QueryKind,
    Resolution,
    Subject,
    SubjectStatus,
    build_link_graph,
    collect_sightings,
    neighbourhood,
    resolve_persons,
    to_cytoscape,
    to_graphml,
)


@pytest.fixture(scope="module")
def karims() -> tuple[Neighbourhood, Resolution]:
    sightings = collect_sightings(scenario.messages())
    resolution = resolve_persons(sightings)
    graph = build_link_graph(sightings, resolution)
    karim = scenario.person_named(resolution, "KARIM BENALI")
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    subjects = [Subject(abdullah, SubjectStatus.LISTED, "QDi.900")]
    return neighbourhood(graph, karim, Purpose("analyst.aydin"), subjects=subjects), resolution


def _labels(graph: nx.Graph) -> dict[str, str]:
    return {node: data["label"] for node, data in graph.nodes(data=True)}


def test_neighbourhood_of_karim(karims: tuple[Neighbourhood, Resolution]) -> None:
    exported, _resolution = karims
    assert sorted(_labels(exported.graph).values()) == [
        "ABDULLAH AL-TUNISI", "AHMET KAYA", "KARIM BENALI", "SELIN DEMIR", "YUSUF DEMIR",
    ]  # fmt: skip
    assert exported.graph.number_of_edges() == 7  # Karim to four, and the group's three pairs
    assert exported.audit.kind is QueryKind.NEIGHBOURHOOD
    assert exported.audit.disclosed == tuple(sorted(exported.graph.nodes))


def test_graphml_round_trip(karims: tuple[Neighbourhood, Resolution]) -> None:
    exported, resolution = karims
    karim = scenario.person_named(resolution, "KARIM BENALI")
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    ahmet = scenario.person_named(resolution, "AHMET KAYA")
    data = to_graphml(exported.graph)
    assert data.startswith(b"<?xml")
    back = nx.read_graphml(io.BytesIO(data))
    assert _labels(back) == _labels(exported.graph)
    assert back.nodes[karim]["birth_date"] == "1994-02-11"
    assert back.nodes[karim]["documents"] == "FRA:1*******7"
    assert back.nodes[karim]["hops"] == 0
    assert back.nodes[abdullah]["subject"] == "listed QDi.900"
    edge = back.edges[karim, abdullah]
    assert edge["kinds"] == "phone"
    assert edge["explanation"] == "KARIM BENALI and ABDULLAH AL-TUNISI gave the same phone +33*******78"
    (link,) = json.loads(edge["links"])
    assert link["shown"] == "+33*******78"
    assert link["evidence"] == [
        "PNR-TK1830-20260314-72H|KB7Q2X|1 (PNR-TK1830-20260314-72H, segment 12 (IFT))",
        "PNR-TK2226-20260210-24H|ABU777|1 (PNR-TK2226-20260210-24H, segment 12 (IFT))",
    ]
    assert back.edges[ahmet, karim]["kinds"] == "card"
    assert b"18AB34567" not in data
    assert b"612345678" not in data


def test_cytoscape_round_trip(karims: tuple[Neighbourhood, Resolution]) -> None:
    exported, resolution = karims
    karim = scenario.person_named(resolution, "KARIM BENALI")
    ahmet = scenario.person_named(resolution, "AHMET KAYA")
    selin = scenario.person_named(resolution, "SELIN DEMIR")
    data = json.loads(json.dumps(to_cytoscape(exported.graph)))
    nodes = {n["data"]["id"]: n["data"] for n in data["elements"]["nodes"]}
    assert nodes[karim]["label"] == "KARIM BENALI"
    edges = {(e["data"]["source"], e["data"]["target"]): e["data"] for e in data["elements"]["edges"]}
    assert len(edges) == 7
    pair = (ahmet, selin) if (ahmet, selin) in edges else (selin, ahmet)
    assert sorted(link["kind"] for link in edges[pair]["links"]) == ["card", "co_travel"]
    back = nx.cytoscape_graph(data)
    assert set(back.nodes) == set(exported.graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in exported.graph.edges}
    assert back.nodes[karim]["documents"] == "FRA:1*******7"


def test_wider_export_needs_a_case_and_hubs_are_optional() -> None:
    sightings = collect_sightings(scenario.messages())
    resolution = resolve_persons(sightings)
    graph = build_link_graph(sightings, resolution)
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    with pytest.raises(Forbidden):
        neighbourhood(graph, abdullah, Purpose("analyst.aydin"), hops=2)
    wide = neighbourhood(graph, abdullah, Purpose("analyst.aydin", "CASE-2026-014"), hops=2)
    assert wide.audit.case_number == "CASE-2026-014"
    assert wide.graph.number_of_nodes() == 5  # Abdullah, Karim, and the group through Karim's card
    hubbed = neighbourhood(graph, abdullah, Purpose("analyst.aydin"), through_hubs=True)
    hubs = [n for n, d in hubbed.graph.nodes(data=True) if d["kind"] == "hub"]
    assert len(hubs) == 1
    assert hubbed.graph.nodes[hubs[0]]["shared_by"] == 64
    assert hubbed.graph.number_of_nodes() == 1 + 1 + 64  # hub, Karim, Abdullah and 63 on the hub
    back = nx.read_graphml(io.BytesIO(to_graphml(hubbed.graph)))
    assert back.nodes[hubs[0]]["label"] == "phone +90********01 (shared by 64)"


def test_a_person_without_any_link_exports_alone() -> None:
    """Found by the API fuzzer: a person with no link is no node of the link graph, and exporting
    their neighbourhood once raised KeyError instead of returning the person alone."""
    flight = leg("TK2228", "IST", "GZT", "2026-03-14T14:05")
    travellers = [
        traveller("1", "KAYA", "AHMET", dob="1990-01-02"),
        traveller("2", "DEMIR", "SELIN", dob="1992-03-04"),
    ]
    sightings = collect_sightings([manifest("M1", [flight], travellers)])
    resolution = resolve_persons(sightings)
    graph = build_link_graph(sightings, resolution)
    alone = sorted(p for p in resolution.persons if p not in graph.graph)
    assert len(alone) == 2
    exported = neighbourhood(graph, alone[0], Purpose("analyst.aydin"))
    assert list(exported.graph.nodes) == [alone[0]]
    assert exported.graph.number_of_edges() == 0
    assert exported.audit.disclosed == (alone[0],)
    assert to_cytoscape(exported.graph)["elements"]["edges"] == []
