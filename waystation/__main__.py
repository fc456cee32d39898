"""``python -m waystation`` is the ``waystation`` command."""

from waystation.cli import run

run()
