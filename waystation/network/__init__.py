"""The link graph between travellers, and the paths from them to listed or confirmed subjects.

The stages, each a module::

    sightings   one traveller in one message (API manifest or PNR push)
    resolve     sightings → persons (document; name + birth date; name in the same booking)
    journeys    a person's legs → journeys with transits and breaks
    build       persons → link graph, by hash joins on booking, phone, e-mail, address, card,
                document and co-travel keys; large groups and hubs become nodes (graph)
    paths       shortest explained paths to subjects      ┐ purpose-limited: beyond one hop
    alerts      network alert candidates for a flight     │ needs a case number; each query
    export      a neighbourhood as GraphML / Cytoscape    ┘ returns its audit record
    groups      groups travelling together (components, communities)

Pure: model objects in, result objects out; the service stores, audits and shows them.
"""

from waystation.network.alerts import AlertResult, NetworkAlertCandidate, network_alert_candidates
from waystation.network.build import LinkConfig, build_link_graph
from waystation.network.export import Neighbourhood, neighbourhood, to_cytoscape, to_graphml
from waystation.network.graph import LinkGraph, SharedValue, ValueRole
from waystation.network.groups import TRAVEL_KINDS, communities, travel_groups
from waystation.network.journeys import (
    Itinerary,
    Journey,
    JourneyLeg,
    Stop,
    StopKind,
    build_itineraries,
    itinerary_of,
)
from waystation.network.links import Evidence, Link, LinkKind
from waystation.network.paths import ExplainedPath, PathResult, PathStep, paths_to_subjects
from waystation.network.purpose import NetworkQueryAudit, Purpose, QueryKind, Subject, SubjectStatus
from waystation.network.resolve import MatchBasis, Person, Resolution, ResolutionConflict, resolve_persons
from waystation.network.sightings import Sighting, SourceKind, collect_sightings

__all__ = [
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
    "SharedValue",
    "Sighting",
    "SourceKind",
    "Stop",
    "StopKind",
    "Subject",
    "SubjectStatus",
    "ValueRole",
    "build_itineraries",
    "build_link_graph",
    "collect_sightings",
    "communities",
    "itinerary_of",
    "neighbourhood",
    "network_alert_candidates",
    "paths_to_subjects",
    "resolve_persons",
    "to_cytoscape",
    "to_graphml",
    "travel_groups",
]
