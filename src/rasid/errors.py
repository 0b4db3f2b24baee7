"""Errors that rasid reports to a user as one clear line."""


class RasidError(Exception):
    """A problem with the user's input or settings; its message is one line."""


class InputError(RasidError):
    """Input that cannot be read as an Arabic article (empty, binary, ...)."""


class StoreError(RasidError):
    """The store cannot be opened or written."""
