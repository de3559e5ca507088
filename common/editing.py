"""Edits that cannot silently overwrite each other: optimistic locking for every form.

Every editable entry carries a version (``common.models.version_field``, django-
concurrency's ``AutoIncVersionField``): each save adds one, and the UPDATE only succeeds
while the row still has the version the editor's form was loaded with. The forms check
it first, with the row locked until the save commits (SELECT … FOR UPDATE on PostgreSQL;
on SQLite the admin's IMMEDIATE transaction already holds the write lock), so that a save
made from a stale form is refused with a form error that says who saved what meanwhile,
instead of overwriting it.

After a conflict the form is merged: it holds the other editor's changes where this
editor left a field as it was, this editor's own changes elsewhere, and the current
version. Having seen both versions side by side, saving again is a deliberate choice.
"""

import datetime
from dataclasses import dataclass, field

from concurrency.forms import VersionField as SignedVersionField
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.forms.models import InlineForeignKeyField
from django.utils import formats, timezone


class VersionField(SignedVersionField):
    """The signed version a form was loaded with, carried in a hidden input.

    It never counts as a change of its own: an inline form whose only difference is the
    version is not saved again.
    """

    def has_changed(self, initial, data):
        return False


@dataclass
class Change:
    label: str
    then: str
    now: str
    yours: str
    theirs_kept: bool = False  # you left the field as it was: the form now holds their value


@dataclass
class Conflict:
    """What happened to an entry between the version a form was loaded with and now."""

    entry: Model
    loaded_version: int
    current_version: int | None  # None: the entry was deleted meanwhile
    saved_by: str = ""
    saved_at: str = ""
    changes: list = field(default_factory=list)
    theirs: dict = field(default_factory=dict)  # form field name -> their value as form data

    @property
    def summary(self):
        name = f"{self.entry._meta.verbose_name} “{self.entry}”"
        if self.current_version is None:
            return f"The {name} was deleted since you opened this page. Nothing was saved."
        who = f" by {self.saved_by}" if self.saved_by else ""
        when = f" on {self.saved_at}" if self.saved_at else ""
        return (
            f"The {name} was saved{who}{when} since you opened this page, so nothing was saved: "
            "your changes would have overwritten theirs. Both versions are shown side by side. The form now "
            "holds their changes where you had left a field as it was, and yours elsewhere: check it, "
            "then save again."
        )

    @property
    def details(self):
        """The changes in one line each, for an inline form's error."""
        return [f"{c.label}: now “{c.now}”" + ("" if c.theirs_kept else f" (yours: “{c.yours}”)") for c in self.changes]


def display(value, model_field=None):
    """A value as an editor reads it: names of related entries, labels of choices."""
    if value is None or value == "":
        return "—"
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(sorted(display(item) for item in value)) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i T")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def locked_version(instance):
    """The version of ``instance``'s row now (None if it is gone), locked until commit."""
    model = type(instance)
    alias = router.db_for_write(model)
    rows = model._base_manager.using(alias).filter(pk=instance.pk)
    if connections[alias].in_atomic_block:
        rows = rows.select_for_update()
    version_name = model._concurrencymeta.field.attname
    return rows.values_list(version_name, flat=True).first()


def find_conflict(form):
    """The Conflict of a bound model form whose entry changed since it was loaded, or None."""
    instance = form.instance
    if instance.pk is None or "version" not in form.cleaned_data:
        return None
    loaded = form.cleaned_data["version"]
    current = locked_version(instance)
    if current == loaded:
        return None
    model = type(instance)
    conflict = Conflict(entry=instance, loaded_version=loaded, current_version=current)
    if current is None:
        return conflict
    saved = model._base_manager.get(pk=instance.pk)
    history = getattr(saved, "history", None)
    latest = (
        history.select_related("history_user").order_by("-history_date", "-history_id").first() if history else None
    )
    then = history.filter(version=loaded).order_by("-history_date", "-history_id").first() if history else None
    if latest is not None:
        conflict.saved_by = str(latest.history_user or "")
        conflict.saved_at = display(latest.history_date)
    for name, form_field in form.fields.items():
        if name == "version" or name not in form.cleaned_data or isinstance(form_field, InlineForeignKeyField):
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (a designation's citation)
            continue
        if model_field.primary_key:
            continue
        now = display(_value(saved, model_field), model_field)
        yours = display(form.cleaned_data[name], model_field)
        was = display(_value(then, model_field), model_field) if then is not None else "unknown"
        theirs_kept = then is not None and yours == was and now != was
        if theirs_kept:
            conflict.theirs[name] = as_form_data(form_field, model_field, saved)
        if now != yours:
            conflict.changes.append(Change(str(form_field.label or name), was, now, yours, theirs_kept))
    return conflict


def as_form_data(form_field, model_field, entry):
    """The values a browser would post for ``entry``'s ``model_field`` in ``form_field``."""
    value = model_field.value_from_object(entry)
    if model_field.many_to_many:
        return [str(item.pk) for item in value]
    if isinstance(form_field, forms.BooleanField):
        return ["on"] if value else []
    return ["" if value is None else str(value)]


def _value(entry, model_field):
    if model_field.many_to_many:
        related = getattr(entry, model_field.name).all()
        if getattr(entry, "history_id", None):  # a historical record: rows of its m2m table
            return [getattr(row, model_field.m2m_reverse_field_name()) for row in related]
        return list(related)
    if model_field.is_relation:
        return getattr(entry, model_field.name)
    return getattr(entry, model_field.attname)


def offer_current_version(form, conflict):
    """Let the editor save again, knowingly: the form now carries the current version and
    the other editor's changes to the fields this editor left as they were."""
    if conflict.current_version is None:
        return
    data = form.data.copy()
    data[form.add_prefix("version")] = form.fields["version"].prepare_value(conflict.current_version)
    for name, values in conflict.theirs.items():
        data.setlist(form.add_prefix(name), values)
    form.data = data


class VersionedForm(forms.ModelForm):
    """A model form refusing a save made from an older version of its entry.

    In an inline formset the formset does the check (``VersionedInlineFormSet``), and
    only for the rows it will change or delete.
    """

    version = VersionField()
    conflict = None
    in_formset = False

    def clean(self):
        cleaned = super().clean()
        if self.in_formset:
            return cleaned
        self.conflict = find_conflict(self)
        if self.conflict is not None:
            self.add_error(None, "Edit conflict: nothing was saved. See what changed meanwhile above.")
            offer_current_version(self, self.conflict)
        return cleaned


class VersionedInlineFormSet(forms.BaseInlineFormSet):
    """Inline forms refusing to change or delete a row changed since the page was loaded."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.in_formset = True
        return form

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            deleting = self.can_delete and self._should_delete_form(form)
            if not (deleting or form.has_changed()) or not hasattr(form, "cleaned_data"):
                continue
            conflict = find_conflict(form)
            if conflict is None:
                continue
            form.conflict = conflict
            offer_current_version(form, conflict)
            message = " ".join([conflict.summary, *conflict.details])
            if deleting:
                raise forms.ValidationError(f"Not deleted: {message}")
            form.add_error(None, message)


def loaded_rows_overwrite(sender, instance, raw=False, **kwargs):
    """A pre_save receiver: rows that ``loaddata`` writes replace what is stored.

    Loading fixtures is a deliberate import of the curated files (they carry no edit
    version), not an edit made from a form, so it is not version-checked. A loaded row
    starts at version 1, as a row saved through a form does, so that the history records
    made while loading (of its many-to-many relations) name the version the row holds.
    """
    if raw and hasattr(sender, "_concurrencymeta"):
        instance._concurrency_disabled = True
        version = sender._concurrencymeta.field.attname
        setattr(instance, version, getattr(instance, version) or 1)
