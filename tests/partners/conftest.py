from tests.partners.mail_queue import mail_queue, stalled_smtp  # noqa: F401 - fixtures for this folder
