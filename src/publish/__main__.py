"""`python -m publish` runs the command line."""

from .cli import run

run()
