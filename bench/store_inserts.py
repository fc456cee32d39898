"""Store benchmark: a 300-passenger manifest, 10,000 travellers, durable receipt, the UN list.

Run: ``.venv/bin/python bench/store_inserts.py [--postgres URL]`` (PostgreSQL runs in a schema of
its own, dropped afterwards). Prints a Markdown table; results are recorded in
bench/store-results.md. Timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import make_url, text

from waystation.ingest.lists.un_xml import read_un_xml
from waystation.ingest.message import ParsedMessage
from waystation.model import (
    Contact,
    ContactKind,
    Leg,
    Manifest,
    ManifestKind,
    Name,
    PartialDate,
    Provenance,
    Sex,
    TravelDocument,
    Traveller,
)
from waystation.store import (
    import_list_version,
    load_watchlist,
    make_engine,
    make_sessions,
    receive_message,
    store_parsed_message,
    upgrade,
)

UN = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "watchlists" / "un-consolidated.xml"
GIVEN = ["MOHAMMED", "AHMAD", "OMAR", "FATIMA", "AISHA", "JOHN", "MARIA", "LI", "ANNA", "YUSUF", "IVAN"]
FAMILY = ["AL-HASSAN", "SMITH", "NGUYEN", "KHAN", "IVANOVA", "GARCIA", "OKAFOR", "YILMAZ", "MÜLLER"]
COUNTRIES = ["SYR", "IRQ", "TUR", "FRA", "GBR", "VNM", "PAK", "RUS", "NGA", "DEU"]


def traveller(rng: random.Random, n: int, source: str) -> Traveller:
    where = Provenance.at(source, 10 + 7 * n, "NAD")
    return Traveller(
        ref=str(n + 1),
        name=Name.from_parts(rng.choice(FAMILY), [rng.choice(GIVEN), rng.choice(GIVEN)]),
        birth_date=PartialDate(rng.randint(1940, 2020), rng.randint(1, 12), rng.randint(1, 28)),
        sex=rng.choice([Sex.MALE, Sex.FEMALE]),
        nationalities=(rng.choice(COUNTRIES),),
        documents=(
            TravelDocument(
                "P",
                f"{rng.randint(0, 10**9):09d}",
                rng.choice(COUNTRIES),
                PartialDate(2030, 1, 1),
                None,
                where,
            ),
        ),
        contacts=(Contact(ContactKind.EMAIL, f"p{n}@example.com", where),) if n % 3 == 0 else (),
        references={"AVF": f"B{n // 2:05d}", "SEA": f"{n % 40}A"},
        provenance=where,
        fields={"birth_date": Provenance.at(source, 12 + 7 * n, "DTM"), "name": where},
    )


def manifest(rng: random.Random, size: int, flight: int, source: str) -> ParsedMessage:
    leg = Leg("WS", str(flight), "IST", "BGW", date(2026, 6, 1))
    travellers = tuple(traveller(rng, n, source) for n in range(size))
    return ParsedMessage(
        source, "paxlst", (Manifest(f"M{flight}", ManifestKind.PASSENGERS, (leg,), travellers, "paxlst"),)
    )


CPU: list[float] = []  # this process's CPU seconds per run of the last timed action


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds per run; this process's CPU seconds per run are left in ``CPU``."""
    times = []
    CPU.clear()
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        CPU.append(time.process_time() - cpu)
    return times


def run(url: str, label: str) -> list[str]:
    upgrade(url)
    engine = make_engine(url)
    sessions = make_sessions(engine)
    rng = random.Random(7)
    rows: list[str] = []
    flights = iter(range(100, 100_000))

    def store(size: int) -> None:
        parsed = manifest(rng, size, next(flights), "bench.edi")
        received = receive_message(sessions, b"x" * 40_000, source="bench.edi")
        with sessions.begin() as session:
            store_parsed_message(session, received.id, parsed)

    def receive() -> None:
        receive_message(sessions, b"UNA:+.? 'UNB+UNOA:4+X+Y'" * 1000, source="r.edi")

    store(300)  # warm up
    one = timed(lambda: store(300), 20)
    rows.append(
        f"| {label} | store one 300-passenger manifest (receive + store, 20 runs) | "
        f"p50 {statistics.median(one) * 1000:.0f} ms, max {max(one) * 1000:.0f} ms "
        f"(client CPU p50 {statistics.median(CPU) * 1000:.0f} ms) |"
    )
    (big,) = timed(lambda: store(10_000), 1)
    rows.append(
        f"| {label} | store 10,000 travellers in one message | {big:.2f} s "
        f"({10_000 / big:,.0f} travellers/s; client CPU {CPU[0]:.2f} s) |"
    )
    got = sorted(timed(receive, 50))
    rows.append(
        f"| {label} | durable receipt of a 25 kB message (commit, 50 runs) | "
        f"p50 {statistics.median(got) * 1000:.1f} ms, p98 {got[48] * 1000:.1f} ms |"
    )
    if UN.is_file():
        data = UN.read_bytes()
        watchlist = read_un_xml(data, UN.name)
        with sessions.begin() as session:
            start = time.perf_counter()
            version = import_list_version(session, watchlist, sha256=hashlib.sha256(data).hexdigest())
            imported = time.perf_counter() - start
        loads = []
        for _ in range(5):
            with sessions() as session:
                start = time.perf_counter()
                loaded = load_watchlist(session, version.version.id)
                loads.append(time.perf_counter() - start)
        assert loaded.entries == watchlist.entries
        rows.append(f"| {label} | import the UN list ({len(watchlist.entries)} entries) | {imported:.2f} s |")
        rows.append(
            f"| {label} | load the UN list back as model objects (5 runs) | "
            f"p50 {statistics.median(loads) * 1000:.0f} ms |"
        )
    engine.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="postgresql+psycopg://… (a schema is created and dropped)")
    args = parser.parse_args()
    rows = ["| backend | what | result |", "|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        rows += run(f"sqlite:///{folder}/bench.sqlite3", "SQLite")
    if args.postgres:
        base = make_url(args.postgres)
        schema = f"ws_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(base)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = base.update_query_dict({"options": f"-csearch_path={schema}"})
            rows += run(url.render_as_string(hide_password=False), "PostgreSQL")
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
