"""Named errors for expected rejections. Anything else is a bug and propagates."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of eventwire's expected errors."""


class Rejected(EventwireError):
    """An input that cannot be used, with the file and the reason (the batch goes on)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ResourceError(EventwireError):
    """A data file of eventwire's (or a user's dictionary) is malformed: names file and line."""


class ModelError(EventwireError):
    """The spaCy model named in the settings cannot be loaded."""
