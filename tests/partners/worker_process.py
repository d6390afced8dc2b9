"""One mail worker as a process of its own: sends whatever mail is due, as the
worker's periodic sweep does. tests/partners/test_mail_worker.py starts two
at once against one PostgreSQL database."""

import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    """Writes each message to a file, a little slowly, like a distant server."""

    def write_message(self, message):
        time.sleep(0.05)
        super().write_message(message)


def main():
    import django

    django.setup()
    from partners.mail import send_due_mail

    print(len(send_due_mail()))


if __name__ == "__main__":
    main()
