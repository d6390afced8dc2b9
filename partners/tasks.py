"""The mail worker's tasks (huey; run by ``manage.py run_huey``, which
``make run`` starts beside the development server).

A queued task only says "send this row now": the row itself records whether
its mail went (``partners.mail``). So a task lost with a queue, or a worker
killed mid-way, costs a delay and never a mail: the sweep below sends whatever
is due every minute.
"""

import datetime
import logging

from django.db import transaction

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from huey.exceptions import RetryTask

from partners import mail
from partners.models import Enquiry, EnquiryReply
from partners.throttling import delete_expired_counters

logger = logging.getLogger(__name__)


def _retry_if_failed(model, pk):
    delay = mail.seconds_until_retry(model, pk)
    if delay is not None:
        raise RetryTask(delay=delay)


@db_task()
def send_enquiry_mail_task(enquiry_id):
    mail.send_enquiry_mail(enquiry_id)
    _retry_if_failed(Enquiry, enquiry_id)


@db_task()
def send_reply_mail_task(reply_id):
    mail.send_reply_mail(reply_id)
    _retry_if_failed(EnquiryReply, reply_id)


@db_periodic_task(crontab(minute="*"))
def send_due_mail_task():
    """What no task is waiting for: queued while the queue was down, or held by a
    worker that died. Rows just stored are left a minute to their own task."""
    mail.send_due_mail(pending_after=datetime.timedelta(minutes=1))


@db_periodic_task(crontab(minute="7"))
def delete_expired_rate_counters_task():
    delete_expired_counters()


def _queue(task, pk):
    try:
        task(pk)
    except Exception:  # noqa: BLE001 - the row is stored; the sweep sends it when the queue is back
        logger.exception("Could not queue %s for %s; the next sweep sends it.", task.name, pk)


def queue_enquiry_mail(enquiry):
    """Have the worker mail a stored enquiry once the transaction commits."""
    transaction.on_commit(lambda: _queue(send_enquiry_mail_task, enquiry.pk))


def queue_reply_mail(reply):
    """Have the worker mail a stored answer once the transaction commits."""
    transaction.on_commit(lambda: _queue(send_reply_mail_task, reply.pk))
