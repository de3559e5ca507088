from django.core.management.base import BaseCommand, CommandError

from sources.attributes import allowed
from sources.kinds import kinds
from sources.models import Citation
from sources.quotes import in_text


class Command(BaseCommand):
    help = (
        "Check the knowledge base against its sources: every quote must be in its source's "
        "archived text (up to whitespace), a source without archived text leaves its quotes unchecked, "
        "every entry must cite at least one source, and every attribute must be in its kind's vocabulary."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-unchecked",
            action="store_true",
            help="List the quotes of sources without archived text, but do not count them as problems.",
        )

    def handle(self, *args, allow_unchecked, **options):
        problems = []
        for citation in Citation.objects.select_related("source").order_by("pk"):
            if not allowed(citation.target_field, citation.attribute):
                problems.append(
                    f"citation {citation.pk} ({citation.target_field}): {citation.attribute!r} is not "
                    f"in the vocabulary of {citation.target_field} attributes"
                )
            if not citation.source.text:
                line = (
                    f"citation {citation.pk} ({citation.target_field}): not checked: {citation.source.slug} has no text"
                )
                if allow_unchecked:
                    self.stdout.write(line)
                else:
                    problems.append(line)
                continue
            if not in_text(citation.quote, citation.source.text):
                problems.append(
                    f"citation {citation.pk} ({citation.target_field}): quote not in {citation.source.slug}: "
                    f"{citation.quote[:100]!r}"
                )
        for kind in kinds():  # every kind of entry must carry at least one citation
            for entry in kind.model.objects.filter(citations__isnull=True).order_by("pk"):
                problems.append(f"{kind.label} {entry.pk} ({entry}) has no citation")
        for problem in problems:
            self.stdout.write(problem)
        counts = {k.name: Citation.objects.filter(**{f"{k.name}__isnull": False}).count() for k in kinds()}
        self.stdout.write(f"citations per kind of entry: {counts}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s)")
        self.stdout.write(self.style.SUCCESS("Every quote is in its source and every entry is cited."))
