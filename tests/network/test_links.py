"""The link graph of the Gaziantep file: typed links, masked values, evidence, hubs, co-travel."""

from __future__ import annotations

import pytest

from tests.network import scenario
from tests.network.builders import booking, leg, manifest, push, traveller
from waystation.exc import ConfigError, Locator
from waystation.model import Manifest, PnrPush, TravellerRole
from waystation.network import (
    Evidence,
    LinkConfig,
    LinkGraph,
    LinkKind,
    Purpose,
    Resolution,
    build_link_graph,
    collect_sightings,
    neighbourhood,
    resolve_persons,
    travel_groups,
)


def _build(
    messages: list[Manifest | PnrPush], config: LinkConfig | None = None
) -> tuple[LinkGraph, Resolution]:
    sightings = collect_sightings(messages)
    resolution = resolve_persons(sightings)
    return build_link_graph(sightings, resolution, config), resolution


@pytest.fixture(scope="module")
def gaziantep() -> tuple[LinkGraph, Resolution]:
    return _build(scenario.messages())


def test_karim_is_linked_to_abdullah_by_phone_and_to_the_group_by_card(
    gaziantep: tuple[LinkGraph, Resolution],
) -> None:
    graph, resolution = gaziantep
    name = {p: resolution.persons[p].label for p in resolution.persons}
    karim = scenario.person_named(resolution, "KARIM BENALI")
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    neighbours = graph.neighbours(karim)
    assert sorted(name[p] for p in neighbours) == [
        "ABDULLAH AL-TUNISI",
        "AHMET KAYA",
        "SELIN DEMIR",
        "YUSUF DEMIR",
    ]

    (phone,) = neighbours[abdullah]
    assert phone.kind is LinkKind.PHONE
    assert phone.shown == "+33*******78"
    assert phone.evidence_of(karim, abdullah) == (
        Evidence("PNR-TK1830-20260314-72H|KB7Q2X|1", Locator("PNR-TK1830-20260314-72H", 12, "IFT")),
        Evidence("PNR-TK2226-20260210-24H|ABU777|1", Locator("PNR-TK2226-20260210-24H", 12, "IFT")),
    )
    assert phone.sentence("KARIM BENALI", "ABDULLAH AL-TUNISI") == (
        "KARIM BENALI and ABDULLAH AL-TUNISI gave the same phone +33*******78"
    )
    cards = {neighbours[p][0] for p in neighbours if p != abdullah}
    (card,) = cards  # one link object serves the whole group
    assert (card.kind, card.shown) == (LinkKind.CARD, "VI …4821")
    assert card.evidence_of(karim)[0].locator == Locator("PNR-TK1830-20260314-72H", 20, "FOP")


def test_group_flew_together_and_leyla_shares_selins_email(gaziantep: tuple[LinkGraph, Resolution]) -> None:
    graph, resolution = gaziantep
    ahmet, yusuf, selin, leyla = (
        scenario.person_named(resolution, n)
        for n in ("AHMET KAYA", "YUSUF DEMIR", "SELIN DEMIR", "LEYLA AYDIN")
    )
    kinds = {link.kind for link in graph.links(ahmet, yusuf)}
    assert kinds == {LinkKind.CO_TRAVEL, LinkKind.CARD}
    (together,) = [lk for lk in graph.links(ahmet, selin) if lk.kind is LinkKind.CO_TRAVEL]
    assert together.shown == "TK2246 2026-03-14 IST-HTY in GRP4A1"
    assert together.occasions == 1
    (email,) = graph.links(selin, leyla)
    assert (email.kind, email.shown) == (LinkKind.EMAIL, "s**********@mail.example")
    assert graph.links(ahmet, leyla) == ()  # same flight, other booking, once: not a link


def test_reused_document_links_the_two_holders(gaziantep: tuple[LinkGraph, Resolution]) -> None:
    graph, resolution = gaziantep
    ayse = scenario.person_named(resolution, "AYSE YILMAZ")
    john = scenario.person_named(resolution, "JOHN SMITH")
    (document,) = graph.links(ayse, john)
    assert (document.kind, document.shown) == (LinkKind.DOCUMENT, "TUR:U*******7")


def test_agency_phone_is_a_hub_not_sixty_four_squared_links(gaziantep: tuple[LinkGraph, Resolution]) -> None:
    graph, resolution = gaziantep
    abdullah = scenario.person_named(resolution, "ABDULLAH AL-TUNISI")
    selin = scenario.person_named(resolution, "SELIN DEMIR")
    (hub,) = graph.hubs.values()
    assert (hub.kind, hub.shown, hub.persons) == (LinkKind.PHONE, "+90********01", 64)
    assert graph.hubs_of(abdullah) == (hub,)
    assert selin not in graph.neighbours(abdullah)
    through = graph.neighbours(abdullah, through_hubs=True)
    assert len(through) == 64  # 63 others on the hub, and Karim by his own phone
    assert [lk.kind for lk in through[selin]] == [LinkKind.PHONE]
    stats = graph.stats()
    assert (stats["hubs"], stats["groups"], stats["value_edges"], stats["links_phone"]) == (1, 0, 64, 1)


def test_hub_limit_and_link_kinds_filter(gaziantep: tuple[LinkGraph, Resolution]) -> None:
    graph, resolution = _build(scenario.messages(), LinkConfig(hub_limit=3, clique_limit=2))
    karim = scenario.person_named(resolution, "KARIM BENALI")
    card_hub = [h for h in graph.hubs.values() if h.kind is LinkKind.CARD]
    assert [h.persons for h in card_hub] == [4]
    assert [resolution.persons[p].label for p in graph.neighbours(karim)] == ["ABDULLAH AL-TUNISI"]
    full, _ = gaziantep
    only_phone = full.neighbours(karim, kinds={LinkKind.PHONE})
    assert [resolution.persons[p].label for p in only_phone] == ["ABDULLAH AL-TUNISI"]


def test_config_problems_are_reported_together() -> None:
    with pytest.raises(ConfigError) as error:
        LinkConfig(hub_limit=1, evidence_per_side=0)
    assert error.value.problems == (
        "hub_limit must be at least 2, not 1",
        "evidence_per_side must be at least 1, not 0",
        "clique_limit (8) must not exceed hub_limit or booking_hub_limit",
    )


def _trip(day: int, ref: str, person: str, locator: str) -> list[Manifest | PnrPush]:
    out = leg("TK1830", "CDG", "IST", f"2026-03-{day:02d}T07:10", f"2026-03-{day:02d}T11:45")
    return [
        push(f"PNR-{day}-{ref}", [booking(locator, [traveller("1", person, "X", dob="1990-01-01")], [out])])
    ]


def test_repeated_co_travel_on_three_days_in_separate_bookings() -> None:
    messages = [
        m
        for day in (3, 10, 17)
        for m in _trip(day, "A", "OMAR", f"A{day}") + _trip(day, "B", "FARUK", f"B{day}")
    ]
    graph, resolution = _build(messages)
    omar = scenario.person_named(resolution, "X OMAR")
    faruk = scenario.person_named(resolution, "X FARUK")
    (link,) = graph.links(omar, faruk)
    assert link.kind is LinkKind.REPEATED_CO_TRAVEL
    assert link.shown == "TK1830 2026-03-03, TK1830 2026-03-10, TK1830 2026-03-17"
    assert link.occasions == 3
    assert link.sentence("OMAR", "FARUK") == (
        "OMAR and FARUK were on the same flights "
        "TK1830 2026-03-03, TK1830 2026-03-10, TK1830 2026-03-17 (3 days)"
    )

    two_days = [
        m for day in (3, 10) for m in _trip(day, "A", "OMAR", f"A{day}") + _trip(day, "B", "FARUK", f"B{day}")
    ]
    graph, resolution = _build(two_days)
    assert graph.graph.number_of_edges() == 0  # default: three days
    graph, resolution = _build(two_days, LinkConfig(min_co_travel_days=2))
    assert graph.graph.number_of_edges() == 1


def test_crew_is_never_a_repeated_co_traveller() -> None:
    legs = [
        leg("TK1830", "CDG", "IST", f"2026-03-{d:02d}T07:10", f"2026-03-{d:02d}T11:45") for d in (3, 10, 17)
    ]
    messages: list[Manifest | PnrPush] = [
        manifest(
            f"API-{n}",
            [flight],
            [
                traveller("1", "PILOT", "ONE", dob="1970-01-01", role=TravellerRole.CREW),
                traveller("2", "PILOT", "TWO", dob="1971-01-01", role=TravellerRole.CREW),
            ],
        )
        for n, flight in enumerate(legs)
    ]
    graph, resolution = _build(messages)
    assert len(resolution.persons) == 2
    assert graph.graph.number_of_edges() == 0


def test_same_booking_on_different_flights_is_a_booking_link_not_co_travel() -> None:
    one = leg("TK1830", "CDG", "IST", "2026-03-14T07:10", "2026-03-14T11:45")
    other = leg("TK1832", "CDG", "IST", "2026-03-15T07:10", "2026-03-15T11:45")
    messages: list[Manifest | PnrPush] = [
        manifest("API-1", [one], [traveller("1", "KAYA", "AHMET", booking_ref="SPL1T9")]),
        manifest("API-2", [other], [traveller("1", "KAYA", "AYLIN", booking_ref="SPL1T9")]),
    ]
    graph, resolution = _build(messages)
    ahmet = scenario.person_named(resolution, "AHMET KAYA")
    aylin = scenario.person_named(resolution, "AYLIN KAYA")
    (link,) = graph.links(ahmet, aylin)
    assert (link.kind, link.shown) == (LinkKind.BOOKING, "SPL1T9")
    assert [e.sighting_id for e in link.evidence_of(ahmet, aylin)] == ["API-1|1", "API-2|1"]


def test_a_large_group_booking_is_one_group_node_not_a_clique() -> None:
    flight = leg("TK2246", "IST", "HTY", "2026-03-14T18:00", "2026-03-14T19:25")
    party = [traveller(str(i), "YOLCU", f"NUMARA{chr(65 + i)}", dob=f"19{70 + i}-01-01") for i in range(12)]
    graph, resolution = _build([push("PNR-G", [booking("GRP12X", party, [flight])])])
    ids = sorted(resolution.persons)
    (group,) = graph.values.values()
    assert (group.role.value, group.kind, group.persons) == ("group", LinkKind.CO_TRAVEL, 12)
    assert group.shown == "TK2246 2026-03-14 IST-HTY in GRP12X"
    assert graph.graph.number_of_edges() == 12  # a star, not 66 pairs
    assert sorted(graph.neighbours(ids[0])) == ids[1:]
    (link,) = graph.links(ids[0], ids[5])
    assert link.kind is LinkKind.CO_TRAVEL
    assert [e.sighting_id for e in link.evidence_of(ids[0])] == [resolution.persons[ids[0]].sighting_ids[0]]
    assert graph.hubs == {}
    stats = graph.stats()
    assert (stats["groups"], stats["value_edges"], stats["person_edges"]) == (1, 12, 0)
    assert travel_groups(graph) == [frozenset(ids)]
    exported = neighbourhood(graph, ids[0], Purpose("analyst.aydin"))
    assert sorted(data["kind"] for _, data in exported.graph.nodes(data=True)) == ["group"] + ["person"] * 12
    assert exported.audit.disclosed == tuple(ids)


def test_a_large_booking_without_itinerary_is_a_booking_group_node() -> None:
    party = [traveller(str(i), "YOLCU", f"NUMARA{chr(65 + i)}", dob=f"19{70 + i}-01-01") for i in range(10)]
    graph, _ = _build([push("PNR-NOLEGS", [booking("GRP10Z", party)])])
    (group,) = graph.values.values()
    assert (group.role.value, group.kind, group.shown, group.persons) == (
        "group",
        LinkKind.BOOKING,
        "GRP10Z",
        10,
    )
    assert graph.graph.number_of_edges() == 10
