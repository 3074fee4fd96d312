"""``python -m skyledger``: the same as the ``skyledger`` command."""

from skyledger.cli import main

main()
