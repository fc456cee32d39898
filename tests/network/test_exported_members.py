"""The network stage's public surface is pinned: changing it is a decision, not an accident."""

from __future__ import annotations

import waystation.network


def test_network_exports() -> None:
    assert sorted(waystation.network.__all__) == sorted(
        [
            "TRAVEL_KINDS",
            "AlertResult",
            "Evidence",
            "ExplainedPath",
            "Itinerary",
            "Journey",
            "JourneyLeg",
            "Link",
            "LinkConfig",
            "LinkGraph",
            "LinkKind",
            "MatchBasis",
            "Neighbourhood",
            "NetworkAlertCandidate",
            "NetworkQueryAudit",
            "PathResult",
            "PathStep",
            "Person",
            "Purpose",
            "QueryKind",
            "Resolution",
            "ResolutionConflict",
            "Sighting",
            "SourceKind",
            "Stop",
            "StopKind",
            "SharedValue",
            "Subject",
            "SubjectStatus",
            "ValueRole",
            "build_itineraries",
            "build_link_graph",
            "collect_sightings",
            "communities",
            "itinerary_of",
            "network_alert_candidates",
            "neighbourhood",
            "paths_to_subjects",
            "resolve_persons",
            "to_cytoscape",
            "to_graphml",
            "travel_groups",
        ]
    )
    for name in waystation.network.__all__:
        assert hasattr(waystation.network, name), name
