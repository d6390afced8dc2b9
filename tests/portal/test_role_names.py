"""The portal's own group, workflow and task names read in the admin user's
language; what is stored (and looked up, and edited) stays as stored."""

from django.contrib.auth.models import Group
from django.forms import modelform_factory
from django.utils import translation

from wagtail.models import GroupApprovalTask, Task, Workflow

import pytest

from portal.roles import MINISTRY_APPROVAL, MINISTRY_EDITORS, ensure_ministry_editors

pytestmark = pytest.mark.django_db


def test_the_ministry_workflow_and_task_read_in_the_readers_language():
    ensure_ministry_editors()
    workflow = Workflow.objects.get(name=MINISTRY_APPROVAL)
    task = Task.objects.get(name=MINISTRY_APPROVAL).specific
    assert isinstance(task, GroupApprovalTask)
    with translation.override("zh-hans"):
        assert workflow.name == "教育部审核"
        assert task.name == "教育部审核"
        assert str(Group.objects.get(name=MINISTRY_EDITORS)) == "教育部编辑"
    with translation.override("fr"):
        assert workflow.name == "Validation par le ministère"
    with translation.override("en"):
        assert workflow.name == "Ministry approval"


def test_school_editors_groups_keep_the_schools_name():
    group = Group.objects.create(name="School editors: 深圳职业技术大学 (7)")
    with translation.override("zh-hans"):
        assert str(group) == "学校编辑：深圳职业技术大学 (7)"
    assert Group.objects.filter(name="School editors: 深圳职业技术大学 (7)").exists()


def test_a_name_an_editor_gave_reads_as_written_and_forms_keep_the_stored_name():
    ensure_ministry_editors()
    workflow = Workflow.objects.get(name=MINISTRY_APPROVAL)
    form_class = modelform_factory(Workflow, fields=["name"])
    with translation.override("zh-hans"):
        form = form_class(instance=workflow)
        # Saving the form unchanged in the Chinese admin does not rename the workflow in Chinese.
        assert form.initial["name"] == "Ministry approval"
        form = form_class({"name": "职教出海审核"}, instance=workflow)
        assert form.is_valid()
        form.save()
        assert Workflow.objects.get(pk=workflow.pk).name == "职教出海审核"
    with translation.override("en"):
        assert Workflow.objects.get(pk=workflow.pk).name == "职教出海审核"
    assert Workflow.objects.only("pk").get(pk=workflow.pk).name == "职教出海审核"
