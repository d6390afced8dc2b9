from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from wagtail.users.models import UserProfile

from portal.roles import ensure_school_editors
from programmes.models import SchoolPage, school_name_key


def find_school(reference):
    """The school named by ``reference``: its page id, its slug (in any
    language), its official Chinese name, its title or a former name."""
    reference = reference.strip()
    if reference.isdigit():
        school = SchoolPage.objects.filter(pk=int(reference)).first()
        if school:
            return school
    query = Q(official_name_zh=reference) | Q(title=reference) | Q(title_zh_hans=reference) | Q(title_en=reference)
    for field in ("slug", "slug_en", "slug_zh_hans"):
        query |= Q(**{field: reference})
    matches = list(SchoolPage.objects.filter(query).distinct()[:2])
    if not matches:
        # A former name, written with other spaces or full-width characters.
        key = school_name_key(reference)
        matches = [
            school
            for school in SchoolPage.objects.only("pk", "official_name_zh", "title_zh_hans", "former_names")
            if key in {school_name_key(name) for name in school.chinese_names()}
        ][:2]
    if not matches:
        raise CommandError(
            f"No school matches “{reference}”: give its page id, slug, official Chinese name or a former name."
        )
    if len(matches) > 1:
        raise CommandError(f"Several schools match “{reference}”: give the page id instead.")
    return matches[0]


class Command(BaseCommand):
    help = (
        "Create a school's editor: the school's editors' group (if missing, with its permissions) and the user "
        "(if missing), and put the user in the group. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("school", help="The school's page id, slug, official Chinese name or a former name.")
        parser.add_argument("username")
        parser.add_argument("--email", required=True, help="The editor's email address.")
        parser.add_argument("--password", help="Set this password (otherwise a new user gets none and must reset it).")
        parser.add_argument(
            "--language", default="zh-hans", help="The admin's language for this user (default: zh-hans)."
        )

    def handle(self, *args, school, username, email, password=None, language="zh-hans", **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Invalid email address: {email}") from error
        school = find_school(school)
        User = get_user_model()
        with transaction.atomic():
            group = ensure_school_editors(school)
            user, created = User.objects.get_or_create(username=username, defaults={"email": email})
            if not created and user.email != email:
                user.email = email
            if password:
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.is_active = True
            user.save()
            user.groups.add(group)
            profile = UserProfile.get_for_user(user)
            if not profile.preferred_language:
                profile.preferred_language = language
                profile.save()
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} user {user.username} in group “{group.name}” for {school.title} (id {school.pk}).")
        if created and not password:
            self.stdout.write("The user has no password yet: set one with --password or “Forgot password”.")
