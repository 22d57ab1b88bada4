"""Autogenerate the next local-database migration from the models.

    uv run python tools/new_migration.py 0003 "what changed"

Review the file it writes: autogenerate misses renames and data moves.
"""

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from handbook_desktop.core import migrations  # noqa: E402
from handbook_desktop.core.db import make_engine  # noqa: E402


def main(rev_id: str, message: str) -> None:
    engine = make_engine(Path(tempfile.mkdtemp()) / "scratch.db")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(migrations.MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        script = command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
    path = Path(script.path)
    text = path.read_text(encoding="utf-8")
    # Migrations must not depend on model code that may change later: plain types only.
    text = text.replace("handbook_desktop.core.models.base.UtcDateTime()", "sa.DateTime()")
    text = re.sub(r"^import handbook_desktop\.core\.models\.base\n|^\s*# ### .*\n", "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
