"""`python -m reportedly.cli`: the `reportedly` command without the installed script."""

from reportedly.cli import main

main()
