"""The exceptions decentwork raises, with the messages of the ``decentwork`` command.

Every error is a :class:`DecentworkError`; each kind also derives from the
built-in exception a Python user would catch for it.
"""


class DecentworkError(Exception):
    """Anything decentwork refuses or cannot do."""


class DataError(DecentworkError, ValueError):
    """Invalid data: a bad row in a strict read, a missing column, JSON that
    is not an assessment. (The command's exit code 1.)"""


class UsageError(DecentworkError, ValueError):
    """A bad argument: an unknown population or grouping, a month that is
    not ``YYYY-MM``, a window that ends before it starts. (Exit code 2.)"""


class ReadError(DecentworkError, OSError):
    """Input that cannot be read: a missing file, a directory, a read that
    failed part of the way through. (Exit code 3.)"""


__all__ = ["DecentworkError", "DataError", "UsageError", "ReadError"]
