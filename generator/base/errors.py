"""The errors a user can cause; anything else is a bug and keeps its traceback."""

from __future__ import annotations


class BriefbookError(Exception):
    """A mistake in the user's book: printed as one line, exit status 2.

    ``problems`` holds every problem found, each a complete line, so that a
    config with five mistakes is reported once, not fixed one run at a time.
    """

    def __init__(self, *problems: str) -> None:
        if not problems:
            raise ValueError("a BriefbookError needs at least one problem")
        super().__init__(problems[0] if len(problems) == 1 else "\n".join(problems))
        self.problems: tuple[str, ...] = problems


class ConfigError(BriefbookError):
    """book.yml is missing, unreadable or invalid."""


class SourceError(BriefbookError):
    """A source text cannot be read as a source."""


class OutputError(BriefbookError):
    """The generated pages cannot be written where they belong."""


class TemplateError(BriefbookError):
    """A template of the book (its own ``templates/``) cannot be loaded or rendered."""
