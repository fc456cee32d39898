"""How long an analyst's network query takes on a large link graph (issue 5, item 6).

Builds the graph of ``--bookings`` synthetic bookings with ``bench/network_links.py``'s generator,
picks ``--subjects`` persons as listed subjects and ``--queries`` other linked persons at random
(fixed seed), and times what ``services.network_query`` runs per query: ``paths_to_subjects`` at
1 and 2 hops, the reach and ``travel_groups`` among the persons within 2 hops, and the 1-hop
``neighbourhood`` export to GraphML. Prints medians and 95th percentiles in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.network_links import SEED, generate
from waystation.network import (
    LinkConfig,
    Purpose,
    Subject,
    SubjectStatus,
    build_link_graph,
    collect_sightings,
    neighbourhood,
    paths_to_subjects,
    resolve_persons,
    to_graphml,
    travel_groups,
)
from waystation.network.graph import is_shared
from waystation.network.paths import reach


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=200_000)
    parser.add_argument("--subjects", type=int, default=200)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sightings = collect_sightings(generate(args.bookings, SEED))
    resolution = resolve_persons(sightings)
    graph = build_link_graph(sightings, resolution, LinkConfig())
    print(
        f"graph of {args.bookings:,} bookings built in {time.perf_counter() - started:.1f} s: {graph.stats()}"
    )
    rng = random.Random(SEED)
    linked = sorted(n for n in graph.graph.nodes if not is_shared(n))
    chosen = rng.sample(linked, args.subjects + args.queries)
    subjects = [Subject(p, SubjectStatus.LISTED, f"QDi.{i}") for i, p in enumerate(chosen[: args.subjects])]
    starts = chosen[args.subjects :]
    one = Purpose("bench")
    case = Purpose("bench", case_number="WS-2026-000001-8")
    timings: dict[str, list[float]] = {
        "paths 1 hop": [],
        "paths 2 hops": [],
        "groups within 2 hops": [],
        "export 1 hop": [],
    }
    found = {"paths 1 hop": 0, "paths 2 hops": 0}
    reached = []
    for person in starts:
        for label, purpose, hops in (("paths 1 hop", one, 1), ("paths 2 hops", case, 2)):
            t = time.perf_counter()
            result = paths_to_subjects(graph, person, subjects, purpose, max_hops=hops)
            timings[label].append(time.perf_counter() - t)
            found[label] += bool(result.paths)
        t = time.perf_counter()
        within = [n for n in reach(graph, person, 2).distance if not is_shared(n)]
        travel_groups(graph, persons=within)
        timings["groups within 2 hops"].append(time.perf_counter() - t)
        reached.append(len(within))
        t = time.perf_counter()
        to_graphml(neighbourhood(graph, person, one, subjects=subjects).graph)
        timings["export 1 hop"].append(time.perf_counter() - t)
    for label, samples in timings.items():
        print(f"{label}: {_ms(samples)}")
    print(
        f"queries with a path: 1 hop {found['paths 1 hop']}/{len(starts)},",
        f"2 hops {found['paths 2 hops']}/{len(starts)}",
    )
    print(f"persons within 2 hops: median {statistics.median(reached):.0f}, max {max(reached)}")


if __name__ == "__main__":
    main()
