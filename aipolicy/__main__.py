"""`python -m aipolicy` runs the CLI."""

from aipolicy.cli import entrypoint

entrypoint()
