"""Sync passwords in the operating system's keyring (the `keyring` package), never in the
profile: not in the database, a backup, a log or an error message."""

from __future__ import annotations

import contextlib

from chatplanner.errors import ChatplannerError

KEYRING_SERVICE = "chatplanner-sync"


class PasswordStoreError(ChatplannerError):
    """The keyring cannot be used; the message says what to do instead."""


def _key(server_url: str, username: str) -> str:
    return f"{username}@{server_url}"


def store_password(server_url: str, username: str, password: str) -> None:
    import keyring.errors  # imported when a password is needed: the keyring probes the system

    try:
        keyring.set_password(KEYRING_SERVICE, _key(server_url, username), password)
    except keyring.errors.NoKeyringError:
        raise PasswordStoreError(
            "This system has no keyring to keep the password in (on Linux: GNOME Keyring, "
            "KWallet or another Secret Service). Install one, or give the password with "
            "--password-env VAR each time you sync."
        ) from None
    except keyring.errors.KeyringError as error:
        raise PasswordStoreError(
            f"The keyring refused to keep the password ({type(error).__name__}). Unlock it "
            "and try again."
        ) from None


def load_password(server_url: str, username: str) -> str | None:
    import keyring.errors

    try:
        return keyring.get_password(KEYRING_SERVICE, _key(server_url, username))
    except keyring.errors.KeyringError:
        return None


def forget_password(server_url: str, username: str) -> None:
    import keyring.errors

    with contextlib.suppress(keyring.errors.KeyringError):  # nothing stored, or no keyring
        keyring.delete_password(KEYRING_SERVICE, _key(server_url, username))
