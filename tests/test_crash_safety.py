"""Never lose a note (issue 4): SIGKILL at random moments, and a disk that fails.

The kill test runs a *zygote*: one Python process that imports the store once
and forks a writer per round, so 60 rounds cost 60 forks rather than 60
interpreter start-ups. Each writer opens the store (the same store across
rounds, so crashes pile up on one another), then saves notes, edits and
deletes them, edits facts and checkpoints, in a random mix. Before each call
it writes an *intent* line to the pipe and after the call returns an *ack*
line: an acknowledged save is one the user was told about. The test reads N
acknowledgements (N random, from a seeded schedule) and SIGKILLs the writer,
wherever it is: opening, replaying, appending to the journal, checkpointing.
Then the store must pass ``check``, open, and hold exactly the acknowledged
state, give or take the one operation that was in flight.
"""

from __future__ import annotations

import errno
import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, snapshot_bytes, patch_os
from store import db
from store.check import check_store
from store.errors import WriteFailed
from store.models import FactStatus, Target
from store.repository import FactStore

# Shared by the writer and the test, so bodies need not travel through the pipe.
BODIES = textwrap.dedent('''
    import random as _random

    def body_for(seed, i):
        """The text of the i-th save of a round: hostile bits, and now and then a big one."""
        rng = _random.Random(f"{seed}/{i}")
        parts = [f"note {seed}/{i}", "[bold]", "\\x00", "\\r\\n", "\\u202e", "👩\\u200d👩\\u200d👧", "e\\u0301", "\\x1b[2J", "'\\"{}"]
        body = " ".join(rng.choice(parts) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.05:
            body += "x" * rng.randint(20_000, 60_000)  # a long write: a wider window to be killed in
        return body
''')

ZYGOTE = BODIES + textwrap.dedent('''
    import json, os, random, sys, traceback
    from store.models import FactStatus, Target
    from store.repository import FactStore

    def emit(obj):
        line = (json.dumps(obj) + "\\n").encode()
        assert len(line) < 4096  # one write to a pipe of at most PIPE_BUF bytes is atomic
        os.write(1, line)

    def writer(folder, seed):
        rng = random.Random(seed)
        emit({"pid": os.getpid()})
        store = FactStore.open(folder, create=False)
        if store.readonly:
            emit({"error": "read-only: " + store.readonly_reason})
            os._exit(3)
        emit({"opened": True})
        facts = sorted(store.facts)
        entities = sorted(store.entities)
        statuses = [s.value for s in FactStatus]
        for i in range(1, 100_000):
            notes = sorted(store.annotations)
            r = rng.random()
            if r < 0.45 or not notes:
                if rng.random() < 0.5:
                    target = Target(kind="fact", id=rng.choice(facts))
                else:
                    target = Target(kind="entity", id=rng.choice(entities))
                emit({"i": i, "op": "add"})
                note = store.add_note(target, body_for(seed, i))
                emit({"ack": i, "id": note.id})
            elif r < 0.65:
                note_id = rng.choice(notes)
                emit({"i": i, "op": "edit", "id": note_id})
                store.edit_note(note_id, body_for(seed, i))
                emit({"ack": i})
            elif r < 0.75:
                note_id = rng.choice(notes)
                emit({"i": i, "op": "delete", "id": note_id})
                store.delete_note(note_id)
                emit({"ack": i})
            elif r < 0.9:
                fact_id = rng.choice(facts)
                status = rng.choice(statuses)
                emit({"i": i, "op": "fact", "id": fact_id, "status": status})
                store.edit_fact(fact_id, status=status, qualifiers={"note": f"edit {seed}/{i}"})
                emit({"ack": i})
            else:
                emit({"i": i, "op": "checkpoint"})
                store.checkpoint()
                emit({"ack": i})

    for command in sys.stdin:
        folder, seed = command.split()
        pid = os.fork()
        if pid == 0:
            try:
                writer(folder, int(seed))
            except BaseException:
                emit({"error": traceback.format_exc()[-3000:]})
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        # A fresh line: a kill cannot cut a short line, but keep the protocol plain.
        os.write(1, ("\\n" + json.dumps({"reaped": pid, "status": status}) + "\\n").encode())
''')

namespace: dict[str, Any] = {}
exec(BODIES, namespace)
body_for = namespace["body_for"]


class Lines:
    """Lines from a pipe, with a deadline: a hung writer fails the test instead of hanging it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def next(self, timeout: float = 30.0) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise AssertionError(f"no line from the writer in {timeout} s")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise AssertionError("the writer's pipe closed")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line) if line.strip() else None


class Model:
    """What the acknowledged saves say the store holds."""

    def __init__(self, store: FactStore) -> None:
        self.notes = {n.id: n.body for n in store.annotations.values()}
        self.facts = {f.id: (f.status.value, dict(f.qualifiers)) for f in store.facts.values()}

    def applied(self, seed: int, intent: dict[str, Any], note_id: str | None = None) -> tuple[dict, dict]:
        notes, facts = dict(self.notes), dict(self.facts)
        op = intent["op"]
        if op == "add":
            if note_id is not None:
                notes[note_id] = body_for(seed, intent["i"])
        elif op == "edit":
            notes[intent["id"]] = body_for(seed, intent["i"])
        elif op == "delete":
            notes.pop(intent["id"])
        elif op == "fact":
            facts[intent["id"]] = (intent["status"], {"note": f"edit {seed}/{intent['i']}"})
        return notes, facts


def actual_state(folder: Path) -> tuple[dict[str, str], dict[str, tuple[str, dict]]]:
    with FactStore.open(folder, readonly=True, create=False) as store:
        return (
            {n.id: n.body for n in store.annotations.values()},
            {f.id: (f.status.value, dict(f.qualifiers)) for f in store.facts.values()},
        )


def verify(folder: Path, model: Model, seed: int, pending: dict[str, Any] | None) -> tuple[int, str]:
    """Check the store against the model; fold the in-flight operation in as the store resolved it."""
    problems = check_store(folder)
    assert problems == [], problems
    notes, facts = actual_state(folder)
    if (notes, facts) == (model.notes, model.facts):
        model.notes, model.facts = notes, facts
        return 0, "not applied"
    assert pending is not None, "the store differs from what was acknowledged"
    if pending["op"] == "add":
        new = set(notes) - set(model.notes)
        assert len(new) == 1, f"acknowledged notes lost or changed: {set(model.notes) - set(notes)}"
        expected = model.applied(seed, pending, new.pop())
    else:
        expected = model.applied(seed, pending)
    assert (notes, facts) == expected, f"neither before nor after the in-flight {pending['op']}"
    model.notes, model.facts = notes, facts
    return 1, f"{pending['op']} applied"


def test_sigkill_at_random_moments_loses_no_acknowledged_change(starter_store: Path) -> None:
    schedule = random.Random(20240401)
    kills = 60
    folder = starter_store
    with FactStore.open(folder, create=False) as store:
        model = Model(store)

    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    lines = Lines(zygote.stdout.fileno())
    started = time.monotonic()
    stats = {"acks": 0, "in flight applied": 0, "killed while opening": 0}
    try:
        for round_no in range(kills):
            seed = schedule.randrange(1 << 30)
            # Lines (intents and acks) to read before the kill: after an intent
            # the kill lands inside that operation, after an ack between two.
            want = schedule.choice([0, 1, 2, 3, 5, 8, 13, 21, 34, 55])
            zygote.stdin.write(f"{folder} {seed}\n".encode())
            zygote.stdin.flush()
            first = lines.next()
            assert first is not None and "pid" in first, first
            child = first["pid"]
            pending: dict[str, Any] | None = None
            acked = 0
            opened = False
            events: list[dict[str, Any]] = []

            def take(message: dict[str, Any] | None) -> bool:
                """Fold one line into the model; True when the writer has been reaped."""
                nonlocal pending, acked, opened
                if message is None:
                    return False
                assert "error" not in message, message["error"]
                if "reaped" in message:
                    return True
                events.append(message)
                if "opened" in message:
                    opened = True
                elif "op" in message:
                    pending = message
                elif "ack" in message:
                    assert pending is not None and pending["i"] == message["ack"]
                    model.notes, model.facts = model.applied(seed, pending, message.get("id"))
                    pending = None
                    acked += 1
                return False

            while len(events) < want:
                assert not take(lines.next()), "the writer stopped by itself"
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
            while not take(lines.next()):
                pass  # what the writer acknowledged before it died still counts
            stats["acks"] += acked
            stats["killed while opening"] += not opened
            applied, _ = verify(folder, model, seed, pending)
            stats["in flight applied"] += applied
    finally:
        zygote.kill()
        zygote.wait(timeout=30)
    elapsed = time.monotonic() - started
    print(f"{kills} kills in {elapsed:.1f} s: {stats}")  # shown with pytest -s

    # After all the kills, a normal session: open for writing, close, reopen.
    with FactStore.open(folder, create=False) as store:
        assert {n.id: n.body for n in store.annotations.values()} == model.notes
        note = store.add_note(Target(kind="entity", id="country:KOR"), "after 60 kills")
        seqs = [c.seq for c in store.history()]
        assert seqs == list(range(1, len(seqs) + 1))  # no seq lost or reused
    with FactStore.open(folder, create=False) as store:
        assert store.note(note.id).body == "after 60 kills"
    assert check_store(folder) == []
    assert stats["acks"] >= 100, stats
    assert elapsed < 120, f"{elapsed:.1f} s for {kills} kills"


# --- a failing disk ----------------------------------------------------------------------

class PatchedOS:
    """store.db's view of ``os``, with some calls replaced."""

    def __init__(self, **replacements: Any) -> None:
        self.__dict__.update(replacements)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


def enospc(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


def half_then_enospc() -> Any:
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return os.write(fd, bytes(data[: max(1, len(data) // 2)]))
        raise OSError(errno.ENOSPC, "No space left on device")

    return write


@pytest.mark.parametrize("failure", ["write", "partial-write", "fsync"])
def test_a_failing_disk_saves_nothing_and_changes_nothing(
    starter: FactStore, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    kor = Target(kind="entity", id="country:KOR")
    kept = starter.add_note(kor, "saved before the disk filled up")  # also makes the day's backup
    fact_id = next(iter(starter.facts))
    files = snapshot_bytes(starter.folder)
    memory = (dict(starter.annotations), dict(starter.facts), starter.history(), starter.can_undo, starter.can_redo)

    writes = {
        "add_note": lambda: starter.add_note(kor, "lost to a full disk"),
        "edit_note": lambda: starter.edit_note(kept.id, "an edit lost to a full disk"),
        "set_note_tags": lambda: starter.set_note_tags(kept.id, ["lost"]),
        "delete_note": lambda: starter.delete_note(kept.id),
        "edit_fact": lambda: starter.edit_fact(fact_id, status=FactStatus.DISPUTED),
        "undo": starter.undo,
    }
    for name, write in writes.items():
        replacement = {"write": {"write": enospc}, "partial-write": {"write": half_then_enospc()},
                       "fsync": {"fsync": enospc}}[failure]
        patch_os(monkeypatch, PatchedOS(**replacement))
        with pytest.raises(WriteFailed) as info:
            write()
        monkeypatch.undo()
        message = str(info.value)
        assert "No space left on device" in message and str(starter.folder / db.JOURNAL) in message, name
        assert "\n" not in message
        assert snapshot_bytes(starter.folder) == files, name
        assert (dict(starter.annotations), dict(starter.facts), starter.history(), starter.can_undo, starter.can_redo) == memory, name

    # The disk has room again: saving works and nothing of the failures shows.
    later = starter.add_note(kor, "saved after")
    starter.close()
    with FactStore.open(starter.folder) as again:
        assert {n.id: n.body for n in again.annotations.values()} == {kept.id: kept.body, later.id: "saved after"}
        assert [c.seq for c in again.history()] == [1, 2]
    assert check_store(starter.folder) == []


def test_a_failing_checkpoint_loses_nothing(starter: FactStore, monkeypatch: pytest.MonkeyPatch) -> None:
    note = starter.add_note(Target(kind="entity", id="country:KOR"), "in the journal only")
    files = snapshot_bytes(starter.folder)
    patch_os(monkeypatch, PatchedOS(fsync=enospc))
    with pytest.raises(WriteFailed):
        starter.checkpoint()
    with pytest.raises(WriteFailed):
        starter.close()  # the lock is released all the same
    monkeypatch.undo()
    assert snapshot_bytes(starter.folder) == files
    assert not list(starter.folder.glob(".*.tmp"))
    with FactStore.open(starter.folder) as again:
        assert not again.readonly
        assert again.note(note.id).body == "in the journal only"


def test_a_text_that_cannot_be_encoded_is_refused_cleanly(starter: FactStore) -> None:
    """A lone surrogate (from a broken clipboard) cannot be UTF-8: a clear error, nothing written."""
    files = snapshot_bytes(starter.folder)
    with pytest.raises(WriteFailed) as info:
        starter.add_note(Target(kind="entity", id="country:KOR"), "broken \ud800 text")
    assert "not saved" in str(info.value)
    assert snapshot_bytes(starter.folder) == files
    assert starter.annotations == {} and starter.history() == []
    assert starter.add_note(Target(kind="entity", id="country:KOR"), "fine").body == "fine"
