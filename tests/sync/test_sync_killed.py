"""A sync killed with SIGKILL leaves both sides consistent; the next one finishes without
duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chatplanner.db.models import Contact, SyncCard
from chatplanner.interop.sync_card import read_card
from chatplanner.services.workspace import Workspace

from .radicale_server import PASSWORD, Phone, card

APP_CONTACTS = 60
PHONE_CARDS = 20

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    """This checkout first on the path; no keyring needed (the password comes in a variable)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def _prepare(tmp_path: Path, phone: Phone) -> Path:
    book = phone.collection_url("people")
    for number in range(PHONE_CARDS):
        phone.put_card(
            book, card(f"phone-{number}", "Phone", f"Person{number:03}", f"p{number}@x.org")
        )
    profile = tmp_path / "profile"
    with Workspace.open(profile) as ws:
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        with ws.context.sessions.begin() as session:
            for number in range(APP_CONTACTS):
                session.add(
                    Contact(
                        first_name="App",
                        last_name=f"Person{number:03}",
                        email=f"a{number}@x.org",
                        created_at=ws.context.now(),
                        updated_at=ws.context.now(),
                    )
                )
    return profile


def _cards(phone: Phone) -> list[str]:
    return [h for h in phone.list(phone.collection_url("people")) if h.endswith(".vcf")]


def _start_sync(profile: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chatplanner",
            "sync",
            "now",
            "--password-env",
            "DAV_PW",
            "--data-dir",
            str(profile),
        ],
        cwd=ROOT,
        env=child_env(DAV_PW=PASSWORD),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check_consistent_after_another_sync(profile: Path, phone: Phone) -> None:
    with Workspace.open(profile) as ws:
        ws.syncing.sync.run()
        report = ws.syncing.sync.run()
        assert report.contacts is not None
        assert report.contacts.summary() == "Contacts: no changes."
        people = ws.people.contacts.list_summaries(True)
        with ws.context.sessions() as session:
            links = session.query(SyncCard).all()
    names = sorted(f"{p.first_name} {p.last_name}" for p in people)
    assert len(names) == APP_CONTACTS + PHONE_CARDS
    assert len(set(names)) == len(names), "a contact was duplicated in the app"
    cards = phone.cards(phone.collection_url("people"))
    server_names = sorted(
        f"{read_card(text).fields['first_name']} {read_card(text).fields['last_name']}"
        for text in cards.values()
    )
    assert server_names == names, "the server and the app do not hold the same people"
    uids = [read_card(text).uid for text in cards.values()]
    assert len(set(uids)) == len(uids)
    assert len(links) == len(names)
    assert {link.state for link in links} == {"synced"}
    assert len({link.contact_id for link in links}) == len(links)


def test_a_sync_killed_while_sending_contacts_is_finished_by_the_next(
    tmp_path: Path, phone: Phone
) -> None:
    profile = _prepare(tmp_path, phone)
    process = _start_sync(profile)
    deadline = time.monotonic() + 240
    # Killed once some, not all, of the app's contacts have reached the server.
    while len(_cards(phone)) < PHONE_CARDS + 10:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert PHONE_CARDS + 10 <= len(_cards(phone)) < PHONE_CARDS + APP_CONTACTS

    _check_consistent_after_another_sync(profile, phone)


@pytest.mark.parametrize("after_seconds", [2.0])
def test_a_sync_killed_early_is_finished_by_the_next(
    tmp_path: Path, phone: Phone, after_seconds: float
) -> None:
    profile = _prepare(tmp_path, phone)
    process = _start_sync(profile)
    time.sleep(after_seconds)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    _check_consistent_after_another_sync(profile, phone)
