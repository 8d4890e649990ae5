"""Errors a user can fix (a missing file, an unknown skill, a busy store): one line, no traceback."""


class KgError(Exception):
    """Base of the errors the CLI reports as a one-line message with the exit code 1."""
