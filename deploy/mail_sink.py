"""A mail server on a loopback port that can stall, for `make production-faults`.

The recipe's mail worker sends through it like through any SMTP server. It
keeps every message it accepted. Stalled, it reads a whole message and then
answers nothing until the stall ends (the worst moment: the message has been
sent, its acceptance never comes), and then refuses it with a 421, so a
message counts as delivered only when the server said so to a client that was
still listening. A worker that waited past ``EMAIL_TIMEOUT`` has given up on
that message by then and must send it again, once.

    with MailSink() as sink:
        ... EMAIL_HOST=127.0.0.1 EMAIL_PORT=sink.port ...
        sink.stall(); ...; sink.resume()
        sink.delivered()  # Counter of (kind, address)
"""

import asyncio
import collections
import email
import email.utils
import threading

from aiosmtpd.controller import Controller

# Seconds between looks at whether a stall has ended.
POLL = 0.2


def message_key(content, recipients):
    """What a message of the portal is about: ("school", sender's address) for
    an enquiry forwarded to a school (its Reply-To is the sender), else
    ("person", recipient) for mail to one person (confirmation, answer)."""
    message = email.message_from_bytes(content)
    reply_to = email.utils.parseaddr(message.get("Reply-To", ""))[1]
    if reply_to:
        return ("school", reply_to.lower())
    return ("person", ",".join(sorted(address.lower() for address in recipients)))


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.stalled.is_set():
            self.sink.count("held")
            while self.sink.stalled.is_set():
                await asyncio.sleep(POLL)
            self.sink.count("refused after the stall")
            return "421 4.3.0 The server stalled; send it again"
        self.sink.accept(message_key(envelope.original_content or envelope.content, envelope.rcpt_tos))
        return "250 OK"


class MailSink:
    def __init__(self, port):
        self.port = port
        self.stalled = threading.Event()
        self._lock = threading.Lock()
        self._delivered = collections.Counter()
        self._events = collections.Counter()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=port)

    def accept(self, key):
        with self._lock:
            self._delivered[key] += 1
        self.count("accepted")

    def count(self, event):
        with self._lock:
            self._events[event] += 1

    def stall(self):
        self.stalled.set()

    def resume(self):
        self.stalled.clear()

    def delivered(self):
        with self._lock:
            return collections.Counter(self._delivered)

    def events(self):
        with self._lock:
            return collections.Counter(self._events)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *_):
        self.resume()
        self.controller.stop()
