"""``python -m bench``: the benchmarks (today: matching)."""

from bench.matching.run import main

main()
