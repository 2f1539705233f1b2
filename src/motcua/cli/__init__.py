"""The ``motcua`` command: ``motcua day``, ``calendar``, ``due``, ``search``, ``procedure``.

Run ``motcua --help``; docs/interop.md has worked examples and the exit codes.
"""

from motcua.cli._app import EXIT_CODES, cli, main

__all__ = ["EXIT_CODES", "cli", "main"]
