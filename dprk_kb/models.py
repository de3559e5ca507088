"""The project has no models of its own. This module is here because Django tells only an
app with models that ``migrate`` is done (``post_migrate``), which the project listens to
(see apps.py): to grant the Editors group every kind of entry, and to make the tables
renew the data's stamp."""
