from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from dprk_kb.roles import EDITORS, ensure_editors_group


class Command(BaseCommand):
    help = (
        "Make a user an editor: staff (may log in to the admin) and in the Editors group (may view, add "
        "and change every entry and source, not delete), without making them a superuser. A new user is "
        "created without a password: set it with `manage.py changepassword <username>`."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The e-mail address of a new user.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be done, change nothing.")

    def handle(self, *args, username, email, dry_run, **options):
        User = get_user_model()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            created = user is None
            if created:
                user = User(username=username, email=email)
                user.set_unusable_password()
            user.is_staff = True
            if not dry_run:
                user.save()
                user.groups.add(ensure_editors_group(apps))
        done = "would be" if dry_run else "is now"
        superuser = "a superuser too" if user.is_superuser else "not a superuser"
        self.stdout.write(f"{username} {done} an editor: staff, in the {EDITORS} group, {superuser}.")
        if created:
            self.stdout.write(f"Set their password with: manage.py changepassword {username}")
