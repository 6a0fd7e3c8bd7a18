"""Errors the CLI turns into one clear line and exit code 2."""

from __future__ import annotations


class AipolicyError(Exception):
    """A usage or input problem the user can fix; its message names the file and what to do."""


class InputError(AipolicyError):
    """An input file that cannot be read as what it claims to be."""


class PolicyError(AipolicyError):
    """A policy that is malformed, lacks metadata, or fails to compile."""


class EngineError(AipolicyError):
    """The engine could not evaluate: never to be read as "no findings"."""
