# SPDX-License-Identifier: MIT
"""The package's exceptions."""


class ParleyError(Exception):
    """A failure of libparley that is not about the input (code: its PL_E* status)."""

    def __init__(self, text, code=None):
        super().__init__(text)
        self.code = code


class ScenarioError(ParleyError, ValueError):
    """Bad input: str() is the CLI's "file:line:col: message"; file, line and col are None
    when the error is not about a position (a --set change, a missing file)."""

    def __init__(self, text, file=None, line=None, col=None, message=None, code=None):
        super().__init__(text, code=code)
        self.file, self.line, self.col = file, line, col
        self.message = message if message is not None else text
