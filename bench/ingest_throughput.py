"""Message ingest throughput on the real PAXLST and PNRGOV samples (run by hand; not part of the tests).

Recorded results: bench/results/ingest_throughput.txt.
"""

import glob
import os
import time
from datetime import date

from waystation.ingest.message import ParseContext
from waystation.ingest.registry import parse_message

SAMPLES = os.environ.get("WAYSTATION_SAMPLES", "../shared/data/api-samples")
CONTEXT = ParseContext(today=date(2026, 1, 15))
ROUNDS = 20


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def main() -> None:
    paths = sorted(
        glob.glob(os.path.join(SAMPLES, "paxlst-*.edi")) + glob.glob(os.path.join(SAMPLES, "pnrgov-*.edi"))
    )
    files = [(os.path.basename(p), _read(p)) for p in paths]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for name, data in files:
            parse_message(data, name, context=CONTEXT)
    elapsed = time.perf_counter() - start
    print(
        f"{ROUNDS * len(files)} messages in {elapsed:.2f} s = {ROUNDS * len(files) / elapsed:.0f} messages/s"
    )
    big = dict(files)["paxlst-gtas-4.edi"]
    cut = big.index(b"CNT+41")
    head = big[: big.index(b"NAD+FL")]
    for factor in (1, 10):
        data = head + big[len(head) : cut] * factor + big[cut:]
        start = time.perf_counter()
        message = parse_message(data, "big.edi", context=CONTEXT)
        took = (time.perf_counter() - start) * 1000
        print(f"paxlst-gtas-4 x{factor}: {len(message.manifests[0].travellers)} persons in {took:.0f} ms")


if __name__ == "__main__":
    main()
