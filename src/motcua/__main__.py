"""``python -m motcua``: the same as the ``motcua`` command."""

from motcua.cli import main

main()
