"""waystation: advance passenger screening for the way-station countries.

The package reads as the pipeline: ``ingest`` turns carrier messages and watchlists into the
domain objects of ``model``; ``matching``, ``rules`` and ``network`` produce hits; ``cases`` holds
the human review; ``store`` keeps everything; ``services`` owns the use cases; ``api``, ``web`` and
``cli`` are the edges.
"""

from waystation.compiled import guard

guard("core")  # Locator and Provenance: before anything imports them (waystation/compiled.py)

__version__ = "0.1.0"
__all__ = ["__version__"]
