"""Domain errors. Domain functions raise them; views, the API and commands turn them into messages."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain refused the change. The message is translated and shown to the user."""

    def __init__(self, message: str | Promise, *, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class NotPermitted(DomainError):
    """The actor's role does not allow this change."""

    def __init__(self, message: str | Promise, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)
