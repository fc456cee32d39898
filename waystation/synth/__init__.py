"""``waystation synth``: the project's own generator of realistic flights with planted listed people.

Deterministic for a seed; renders the same day as PAXLST, PNRGOV and the CSV manifest, with a
truth file saying who is who, so the demo, tests and benchmarks share one source of traffic.
"""

from waystation.synth.day import FlightManifest, SynthDay, TruthRow, generate_day

__all__ = ["FlightManifest", "SynthDay", "TruthRow", "generate_day"]
