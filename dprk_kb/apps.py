from django.apps import AppConfig


class DprkKbConfig(AppConfig):
    """The project: settings, URLs, the pages and commands that span every app.

    It may import every app; no app imports it (see docs/architecture.md).
    """

    name = "dprk_kb"
    verbose_name = "Knowledge base"
