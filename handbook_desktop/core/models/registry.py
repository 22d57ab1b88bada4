"""The whole schema: every feature's models on `Base.metadata`.

A session orders the rows of a flush by the foreign keys of *all* mapped tables, so the
workspace loads every model before its first write; Alembic's autogenerate needs them too.
The library's search index hook comes with them: no document is written without its index rows.
This is the one place infrastructure reaches up into the features.
"""

from sqlalchemy import MetaData

from handbook_desktop.core.models.base import Base


def load_all() -> MetaData:
    # Features sit above this infrastructure; only the schema as a whole needs them all.
    from handbook_desktop.core.library import models, reading_models, search_index  # noqa: F401 - its flush hook
    from handbook_desktop.core.meetings import models, models_extra  # noqa: F401, F811
    from handbook_desktop.core.members import models  # noqa: F401, F811
    from handbook_desktop.core.org import models  # noqa: F401, F811

    return Base.metadata
