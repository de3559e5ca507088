"""Honest history for databases loaded before ``load_fixtures`` paused history.

``loaddata`` sets each loaded entry's many-to-many links after saving it raw, and
django-simple-history recorded each such setting as a change by nobody, with no reason;
the entry's first record was then not "Loaded from the curated fixtures" but one or more
"Changed" rows. Those rows are the ones an entry's history starts with that have no user
and no reason: no edit in the admin makes them (an addition there is "Created", by its
editor). The first of them becomes the entry's creation by the fixture load, and the
others (the same load setting its other links) say that they were part of it.
"""

from itertools import groupby

from django.db import migrations

from common.history import FIXTURE_REASON

BATCH = 500
HISTORICAL = [
    ("sources", "HistoricalSource"),
    ("sources", "HistoricalCitation"),
    ("events", "HistoricalEra"),
    ("events", "HistoricalPlace"),
    ("events", "HistoricalActor"),
    ("events", "HistoricalEvent"),
    ("equipment", "HistoricalEquipment"),
    ("equipment", "HistoricalDesignation"),
    ("equipment", "HistoricalTransfer"),
    ("equipment", "HistoricalImage"),
]


def relabel(apps, schema_editor):
    for app_label, name in HISTORICAL:
        history = apps.get_model(app_label, name)
        rows = history.objects.order_by("id", "history_date", "history_id").values_list(
            "id", "history_id", "history_type", "history_user_id", "history_change_reason"
        )
        first, part_of_load = [], []
        for _entry, records in groupby(rows, key=lambda row: row[0]):
            leading = []
            for _id, history_id, kind, user, reason in records:
                if kind != "~" or user is not None or reason:
                    break
                leading.append(history_id)
            if leading:
                first.append(leading[0])
                part_of_load.extend(leading[1:])
        for start in range(0, len(first), BATCH):
            history.objects.filter(history_id__in=first[start : start + BATCH]).update(
                history_type="+", history_change_reason=FIXTURE_REASON
            )
        for start in range(0, len(part_of_load), BATCH):
            history.objects.filter(history_id__in=part_of_load[start : start + BATCH]).update(
                history_change_reason=FIXTURE_REASON
            )


class Migration(migrations.Migration):
    dependencies = [
        ("dprk_kb", "0006_name_fold_function"),
        ("sources", "0006_provenance_fields"),
        ("events", "0008_timeline_order_and_periods"),
        ("equipment", "0007_provenance_fields"),
    ]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
