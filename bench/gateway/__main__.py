"""``python -m bench.gateway``."""

from bench.gateway.run import main

main()
