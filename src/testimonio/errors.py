"""Error types a user can meet, each carrying a sentence and an exit code.

Every layer raises a subclass of :class:`TestimonioError`; the command line
prints ``str(error)`` and exits with ``error.exit_code``; the GUI shows the
sentence. Stack traces go to the log, never to the screen.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_SECURITY = 3


class TestimonioError(Exception):
    """Base of every error meant for a person: the message is a sentence."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInput(TestimonioError):
    """The user gave something we cannot use (usage, answers, files)."""

    exit_code = EXIT_BAD_INPUT


class SecurityRefusal(TestimonioError):
    """Refused for security: wrong passphrase, tampered data, wrong key."""

    exit_code = EXIT_SECURITY


# --- vault -----------------------------------------------------------------


class VaultError(TestimonioError):
    """Something went wrong with the vault itself."""


class VaultMissing(VaultError):
    """There is no vault at the given place (and none is created)."""


class VaultExists(VaultError):
    """A vault is already there; creating one would overwrite it."""


class WrongPassphrase(SecurityRefusal):
    """The passphrase (or recovery key) does not open this vault."""


class VaultDamaged(SecurityRefusal):
    """The vault's files are damaged or were altered."""


class VaultLocked(VaultError):
    """The vault was locked; unlock it again to go on."""


class StorageFull(VaultError):
    """The disk is full or a file-size limit was hit; nothing was saved."""


class NoPermission(VaultError):
    """The vault's folder or files may not be written (or read) by this user."""


class VaultBusy(VaultError):
    """Another program holds the vault (or its key file) for writing; try again later."""


# --- questionnaires ----------------------------------------------------------


class FormError(BadInput):
    """A questionnaire is malformed. Names the file, sheet, row and column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        where = []
        if file:
            where.append(file)
        if sheet:
            where.append(f"sheet '{sheet}'")
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column '{column}'")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.reason = message


class ExpressionError(FormError):
    """An expression cannot be parsed or evaluated."""


class AnswersInvalid(BadInput):
    """Answers break the questionnaire's rules; ``problems`` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"The answers have {len(problems)} problem(s):\n{lines}")


class NotFound(BadInput):
    """An interview, questionnaire or other record does not exist."""


# --- exchange ----------------------------------------------------------------


class BundleError(SecurityRefusal):
    """A bundle or team file was refused (damaged, tampered, not for us)."""


class NotForThisVault(BundleError):
    """The bundle is addressed to another team lead's key."""


class UnknownSigner(BundleError):
    """The bundle is signed by a key that is not on the roster."""


class BadSignature(BundleError):
    """A signature does not verify."""


class BundleDamaged(BundleError):
    """The file is damaged, truncated, extended or is not a bundle."""


class PrivacyRisk(BadInput):
    """An export would reveal groups smaller than k (k-anonymity)."""
