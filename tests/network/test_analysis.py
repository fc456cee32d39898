"""Analysis on the Gaziantep file: explained paths, purpose limitation, alerts, groups."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.network import scenario
from waystation.exc import Forbidden
from waystation.network import (
    LinkGraph,
    LinkKind,
    Purpose,
    QueryKind,
    Resolution,
    Subject,
    SubjectStatus,
    build_link_graph,
    collect_sightings,
    communities,
    network_alert_candidates,
    paths_to_subjects,
    resolve_persons,
    travel_groups,
)

AT = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
CASE = Purpose("analyst.aydin", "CASE-2026-014", "facilitation network around QDi.900")
ROUTINE = Purpose("screening")


@pytest.fixture(scope="module")
def file() -> tuple[LinkGraph, Resolution, Subject]:
    sightings = collect_sightings(scenario.messages())
    resolution = resolve_persons(sightings)
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    return (
        build_link_graph(sightings, resolution),
        resolution,
        Subject(abdullah, SubjectStatus.LISTED, "QDi.900"),
    )


def _id(resolution: Resolution, name: str) -> str:
    return scenario.person_named(resolution, name)


def test_two_hop_path_from_yusuf_needs_a_case_and_explains_itself(
    file: tuple[LinkGraph, Resolution, Subject],
) -> None:
    graph, resolution, subject = file
    yusuf, karim = _id(resolution, "YUSUF DEMIR"), _id(resolution, "KARIM BENALI")
    with pytest.raises(Forbidden, match="needs a case number"):
        paths_to_subjects(graph, yusuf, [subject], ROUTINE)

    result = paths_to_subjects(graph, yusuf, [subject], CASE, at=AT)
    (path,) = result.paths
    assert path.nodes == (yusuf, karim, subject.person_id)
    assert path.hops == 2
    assert [[lk.kind for lk in step.links] for step in path.steps] == [[LinkKind.CARD], [LinkKind.PHONE]]
    assert path.explanation == (
        "YUSUF DEMIR and KARIM BENALI paid with the same card VI …4821. "
        "KARIM BENALI and ABDULLAH AL-TUNISI gave the same phone +33*******78. "
        "ABDULLAH AL-TUNISI is a listed subject (QDi.900)."
    )
    audit = result.audit
    assert (audit.kind, audit.requested_by, audit.case_number) == (
        QueryKind.PATHS,
        "analyst.aydin",
        "CASE-2026-014",
    )
    assert (audit.max_hops, audit.beyond_one_hop, audit.through_hubs, audit.at) == (2, True, False, AT)
    assert audit.started_from == (yusuf,)
    assert audit.subjects == 1
    assert audit.disclosed == tuple(sorted({yusuf, karim, subject.person_id}))


def test_one_hop_is_routine_and_finds_nothing_for_yusuf(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, subject = file
    result = paths_to_subjects(graph, _id(resolution, "YUSUF DEMIR"), [subject], ROUTINE, max_hops=1, at=AT)
    assert result.paths == ()
    assert (result.audit.case_number, result.audit.max_hops, result.audit.disclosed) == (None, 1, ())


def test_leyla_is_three_hops_away_through_selins_email(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, subject = file
    leyla = _id(resolution, "LEYLA AYDIN")
    assert paths_to_subjects(graph, leyla, [subject], CASE, max_hops=2).paths == ()
    (path,) = paths_to_subjects(graph, leyla, [subject], CASE, max_hops=3).paths
    assert [resolution.persons[n].label for n in path.nodes] == [
        "LEYLA AYDIN",
        "SELIN DEMIR",
        "KARIM BENALI",
        "ABDULLAH AL-TUNISI",
    ]


def test_query_limits_are_enforced() -> None:
    graph = LinkGraph(None, {}, {})
    with pytest.raises(Forbidden, match="name who asks"):
        paths_to_subjects(graph, "P-1", [], Purpose(" "), max_hops=1)
    with pytest.raises(Forbidden, match="between 1 and 4"):
        paths_to_subjects(graph, "P-1", [], CASE, max_hops=5)
    with pytest.raises(Forbidden, match="needs a case number"):
        paths_to_subjects(graph, "P-1", [], Purpose("analyst", "  "), max_hops=2)


def test_alerts_for_the_gaziantep_flight(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, subject = file
    on_board = sorted(
        resolution.person_of[s]
        for s in resolution.person_of
        if s.startswith(("API-TK2228-20260314|", "PNR-TK2228-20260314-AGENCY|"))
    )
    assert len(on_board) == 62  # Karim, Ayse and sixty agency customers
    result = network_alert_candidates(graph, on_board, [subject], ROUTINE, flight="TK2228/2026-03-14", at=AT)
    (alert,) = result.candidates
    assert alert.person_id == _id(resolution, "KARIM BENALI")
    assert (alert.flight, alert.hops, alert.subject) == ("TK2228/2026-03-14", 1, subject)
    assert alert.explanation == (
        "KARIM BENALI and ABDULLAH AL-TUNISI gave the same phone +33*******78. "
        "ABDULLAH AL-TUNISI is a listed subject (QDi.900)."
    )
    assert result.audit.kind is QueryKind.ALERTS
    assert result.audit.started_from == tuple(on_board)
    assert result.audit.disclosed == tuple(sorted({alert.person_id, subject.person_id}))

    through = network_alert_candidates(
        graph, on_board, [subject], ROUTINE, flight="TK2228/2026-03-14", through_hubs=True
    )
    assert len(through.candidates) == 61  # the agency's customers share its phone with Abdullah
    assert through.audit.through_hubs


def test_alerts_for_the_hatay_group_need_two_hops(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, subject = file
    names = ("AHMET KAYA", "YUSUF DEMIR", "SELIN DEMIR", "LEYLA AYDIN")
    on_board = [_id(resolution, n) for n in names]
    assert network_alert_candidates(graph, on_board, [subject], ROUTINE, flight="TK2246").candidates == ()
    with pytest.raises(Forbidden):
        network_alert_candidates(graph, on_board, [subject], ROUTINE, flight="TK2246", max_hops=2)
    result = network_alert_candidates(graph, on_board, [subject], CASE, flight="TK2246", max_hops=2)
    assert sorted(resolution.persons[c.person_id].label for c in result.candidates) == sorted(names[:3])
    assert {c.hops for c in result.candidates} == {2}


def test_a_subject_on_board_is_not_its_own_network_alert(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, subject = file
    karim = _id(resolution, "KARIM BENALI")
    result = network_alert_candidates(graph, [subject.person_id, karim], [subject], ROUTINE, flight="TK2226")
    assert [c.person_id for c in result.candidates] == [karim]


def test_groups_travelling_together(file: tuple[LinkGraph, Resolution, Subject]) -> None:
    graph, resolution, _ = file
    group = frozenset(_id(resolution, n) for n in ("AHMET KAYA", "YUSUF DEMIR", "SELIN DEMIR"))
    assert travel_groups(graph) == [group]
    assert communities(graph) == [group]
    assert travel_groups(graph, persons=list(group)[:2]) == [frozenset(list(group)[:2])]
    network, documents = travel_groups(graph, kinds=set(LinkKind))  # every kind: not travel groups any more
    assert sorted(resolution.persons[p].label for p in network) == [
        "ABDULLAH AL-TUNISI", "AHMET KAYA", "KARIM BENALI", "LEYLA AYDIN", "SELIN DEMIR", "YUSUF DEMIR",
    ]  # fmt: skip
    assert documents == frozenset(_id(resolution, n) for n in ("AYSE YILMAZ", "JOHN SMITH"))
