"""The stallable mail server of `make production-faults` counts a message only
when it said "accepted" to a client still listening: a message sent into a
stall times out at the client, is refused afterwards, and counts once when it
is sent again."""

import smtplib
import socket
import time
from email.message import EmailMessage

import pytest

from deploy.mail_sink import MailSink
from deploy.production_check import free_port


def message(reply_to=None, to="fault-1-1@example.org"):
    mail = EmailMessage()
    mail["From"] = "portal@example.org"
    mail["To"] = to
    if reply_to:
        mail["Reply-To"] = reply_to
    mail["Subject"] = "Enquiry"
    mail.set_content("Hello")
    return mail


def send(sink, mail, timeout=5):
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=timeout) as client:
        client.send_message(mail)


def test_messages_are_counted_by_what_they_are_about():
    with MailSink(free_port()) as sink:
        send(sink, message(reply_to="Fault-1-1@example.org", to="school@example.org"))
        send(sink, message())
    assert sink.delivered() == {("school", "fault-1-1@example.org"): 1, ("person", "fault-1-1@example.org"): 1}


def test_a_message_sent_into_a_stall_is_not_delivered_until_sent_again():
    with MailSink(free_port()) as sink:
        sink.stall()
        with pytest.raises((socket.timeout, smtplib.SMTPException, OSError)):
            send(sink, message(), timeout=1)
        sink.resume()
        deadline = time.monotonic() + 5
        while sink.events()["refused after the stall"] == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sink.delivered() == {}
        send(sink, message())
    assert sink.delivered() == {("person", "fault-1-1@example.org"): 1}
    assert sink.events()["held"] == 1
