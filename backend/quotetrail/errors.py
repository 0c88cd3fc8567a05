"""The one error type for bad input: a code the client can branch on and a message a person can read."""


class InputError(ValueError):
    """Raised for any input we refuse; the API answers it with 4xx JSON, the CLI with exit 2."""

    def __init__(self, code: str, message: str, status: int = 400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}
