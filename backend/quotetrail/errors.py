"""The error types a client sees: a code it can branch on and a message a person can read."""


class InputError(ValueError):
    """Raised for any input we refuse; the API answers it with 4xx JSON, the CLI with exit 2."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


class Unavailable(InputError):
    """The server cannot do this work now (busy, or the work ran out of time): 503, Retry-After."""

    def __init__(self, code: str, message: str, retry_after: int = 5):
        super().__init__(code, message, 503)
        self.retry_after = retry_after
