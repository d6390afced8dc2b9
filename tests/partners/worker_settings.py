"""Settings of the worker processes that tests/partners/test_mail_worker.py
starts side by side: the test settings, with mail written to files (one
folder for both processes, so the test counts what an SMTP server would
have received) a little slowly, so that the two processes overlap."""

import os

from portal.settings.test import *  # noqa: F403

EMAIL_BACKEND = "tests.partners.worker_process.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["WORKER_MAIL_DIR"]
