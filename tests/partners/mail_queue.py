"""The mail worker's queue in tests: a real huey queue in memory instead of
immediate mode, so a test sees what a request queued and runs the worker
itself, as ``manage.py run_huey`` would."""

import contextlib
import datetime
import socket
import threading

import pytest
from huey.contrib import djhuey
from huey.contrib.djhuey import HUEY


class MailQueue:
    def __init__(self, huey):
        self.huey = huey

    def queued(self):
        """Names of the tasks waiting to run now."""
        return [task.name for task in self.huey.pending()]

    def scheduled(self):
        """(name, eta) of the tasks waiting for a later time (retries)."""
        return [(task.name, task.eta) for task in self.huey.scheduled()]

    def run(self, include_scheduled=False):
        """Run what is queued (and, with include_scheduled, what waits for a
        later time, as if that time had come) until nothing is left; returns
        how many tasks ran."""
        ran = 0
        if include_scheduled:
            later = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(days=30)
            for task in self.huey.read_schedule(later):
                self.huey.execute(task, timestamp=later)
                ran += 1
        while (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            ran += 1
        return ran


@contextlib.contextmanager
def real_queue(monkeypatch):
    """The worker's queue in memory, not in immediate mode, for one test."""
    # A worker process closes its stale database connections around each task;
    # here the "worker" is the test itself, whose one connection holds the test's
    # transaction, so it must stay open.
    monkeypatch.setattr(djhuey, "close_old_connections", lambda: None)
    HUEY.immediate = False
    HUEY.flush()
    try:
        yield MailQueue(HUEY)
    finally:
        HUEY.flush()
        HUEY.immediate = True


@pytest.fixture
def mail_queue(monkeypatch):
    with real_queue(monkeypatch) as queue:
        yield queue


class StalledSMTPServer:
    """Accepts connections and never says a word, like a mail server that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def stalled_smtp(settings):
    server = StalledSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 1
    yield server
    server.close()
