"""The editors' workplace where it spans apps.

Each app registers the admins of its own models. An event's pictures are equipment's
Image entries (a picture shows equipment, an event, or both), and events does not import
equipment: so the project, which sees every app, gives the event admin its picture
inline here. The project also names the workplace: every admin page, the login page
included, carries the site's name rather than "Django administration".
"""

from django.contrib import admin

from equipment.admin import ImageInline
from events.admin import EventAdmin
from events.models import Event

SITE_NAME = "DPRK Military History"
admin.site.site_header = f"{SITE_NAME} — editors’ workplace"
admin.site.site_title = f"{SITE_NAME} editors’ workplace"
admin.site.index_title = "Entries and their sources"


class EventWithPicturesAdmin(EventAdmin):
    inlines = [*EventAdmin.inlines, ImageInline]


admin.site.unregister(Event)
admin.site.register(Event, EventWithPicturesAdmin)
