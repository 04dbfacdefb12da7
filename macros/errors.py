"""One error type for everything an author can get wrong in the data."""

from __future__ import annotations


class DataError(Exception):
    """Bad author input. The message names the file and, where known, the key."""

    def __init__(self, source: str, message: str, key: str | None = None) -> None:
        self.source = source
        self.key = key
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {message}")
