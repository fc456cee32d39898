"""``python -m bench.matching``: see bench/matching/run.py."""

from bench.matching.run import main

main()
