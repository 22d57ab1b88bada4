"""A cell member's first sync: 5,000 documents and articles, 500 of them with a 100 KB file.

    uv run python benchmarks/sync_first_pull.py [--items 5000] [--files 500] [--file-kb 100]
                                                [--database-url postgresql+psycopg://…]

A real server (create_app under uvicorn, in a thread, on loopback; SQLite in a temp folder
unless --database-url names a PostgreSQL server, where a scratch database is made and
dropped) is seeded through its own services, no HTTP: the demo organisation, then the items
published by the demo editor to Thành ủy Sông Công (bodies from benchmarks/corpus.py). Files
are PDF-like: a "%PDF-1.7" header and random, incompressible bytes, as the deflated streams of
a real PDF are. A blank desktop workspace then connects as dangvien.demo (in-memory keyring)
and runs sync.engine.sync_once through a relay that counts the bytes on the socket.

Reports the first sync (seconds, requests, bytes each way) against the gzip size of the same
data (the items' JSON gzipped at level 9, plus each file gzipped), then a no-change sync.
Targets (issue 13): first sync ≤ 30 s, wire ≤ 1.2 × gzip; no-change: 1 request, ≤ 2 KB.
"""

import argparse
import gzip
import hashlib
import json
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import keyring
import keyring.backend

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import CHANNELS, make_articles, make_documents  # noqa: E402
from benchmarks.sync_server import ByteCounter, RequestCounter, ThreadServer, scratch_database  # noqa: E402
from handbook_desktop.core.workspace import open_workspace  # noqa: E402
from sync.account import connect  # noqa: E402
from sync.engine import sync_once  # noqa: E402
from sync.protocol import AttachmentRef, ItemFields, ItemKind, PublishRequest  # noqa: E402
from sync.server.app import create_app  # noqa: E402
from sync.server.models import Item  # noqa: E402
from sync.server.services import accounts, admin, attachments, publishing  # noqa: E402
from sync.server.settings import ServerSettings  # noqa: E402

MEMBER, EDITOR, PASSWORD = "dangvien.demo", "bientap.demo", "demo"
AUDIENCE = ["TN-SC"]  # Thành ủy Sông Công: both cells below it receive everything


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def item_fields(count: int) -> list[ItemFields]:
    """Half documents, half articles, with the corpus's realistic Vietnamese bodies."""
    rng = random.Random(5)
    fields = [ItemFields(kind=ItemKind.DOCUMENT, channel=rng.choice(CHANNELS), number=row["number"],
                         doc_type=row["doc_type"], issuer=row["issuer"], issued_on=row["issued_on"],
                         title=row["title"], summary=row["summary"], body=row["body"])
              for row in make_documents(count // 2, unit_id="")]
    fields += [ItemFields(kind=ItemKind.ARTICLE, channel=row["channel"], title=row["title"], summary=row["summary"],
                          body=row["body"], author="Ban Tuyên giáo Thành ủy", source="Bản tin Thành ủy Sông Công")
               for row in make_articles(count - count // 2, unit_id="")]
    rng.shuffle(fields)
    return fields


def seed(app, items: int, files: int, file_size: int) -> list[bytes]:
    """Publish `items` items as the demo editor, every (items // files)-th with one file; the files' bytes."""
    store, rng = app.state.store, random.Random(9)
    blobs: list[bytes] = []
    with app.state.sessions() as session:
        editor = accounts.caller_for(session, admin.find_user(session, EDITOR), device_id="")
        refs = []
        for number in range(files):
            data = b"%PDF-1.7\n" + rng.randbytes(file_size - 9)
            sha256 = hashlib.sha256(data).hexdigest()
            path = store.path(sha256)
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            attachments.record_upload(session, editor, sha256, len(data))
            refs.append(AttachmentRef(sha256=sha256, filename=f"tai-lieu-{number + 1:03d}.pdf",
                                      mime_type="application/pdf", size=len(data)))
            blobs.append(data)
        step = max(1, items // max(files, 1))
        for number, fields in enumerate(item_fields(items)):
            if number % step == 0 and number // step < len(refs):
                fields = fields.model_copy(update={"attachments": [refs[number // step]]})
            publishing.publish(session, store, editor, PublishRequest(op_id=f"bench-{number}", item=fields,
                                                                      audience=AUDIENCE))
    return blobs


def gzip_reference(app, blobs: list[bytes]) -> tuple[int, int]:
    """(gzip of all items' JSON, gzip of the files): what "the data, gzipped" weighs."""
    with app.state.sessions() as session:
        items = publishing.items_out(session, list(session.query(Item).order_by(Item.published_at)))
    text = json.dumps([item.model_dump(mode="json") for item in items], ensure_ascii=False).encode()
    return len(gzip.compress(text, 9)), sum(len(gzip.compress(blob, 9)) for blob in blobs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--file-kb", type=int, default=100, help="size of each file, in units of 1,000 bytes")
    parser.add_argument("--database-url", default="",
                        help="a PostgreSQL server (admin URL); a scratch database handbook_bench_pull is used")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        url = stack.enter_context(scratch_database(args.database_url, "handbook_bench_pull")) \
            if args.database_url else ""
        app = create_app(ServerSettings(data_dir=Path(tmp) / "server", database_url=url), demo=True)
        clock = time.perf_counter()
        blobs = seed(app, args.items, args.files, args.file_kb * 1000)
        print(f"seeded {args.items:,} items and {len(blobs)} files "
              f"({sum(map(len, blobs)) / 1e6:.1f} MB) in {time.perf_counter() - clock:.1f} s "
              f"on {'PostgreSQL' if url else 'SQLite'}")
        items_gz, files_gz = gzip_reference(app, blobs)
        counter = RequestCounter(app)
        server = ThreadServer(counter).start()
        relay = ByteCounter(server.port).start()

        workspace = open_workspace(Path(tmp) / "desktop")
        clock = time.perf_counter()
        connect(workspace, relay.url, MEMBER, PASSWORD)
        connected = time.perf_counter() - clock
        relay.reset()
        counter.requests = 0
        report = sync_once(workspace)
        first = (report, counter.requests, relay.sent, relay.received)
        relay.reset()
        counter.requests = 0
        again = sync_once(workspace)
        second = (again, counter.requests, relay.sent, relay.received)
        relay.stop()
        server.stop()
        workspace.close()

    report, requests, sent, received = first
    reference = items_gz + files_gz
    print(f"connect (login + profile, argon2 included): {connected:.2f} s\n")
    print(f"{'':24s}{'first sync':>14s}{'no-change':>14s}{'target':>22s}")
    print(f"{'seconds':24s}{report.seconds:14.2f}{second[0].seconds:14.3f}{'≤ 30 s (first)':>22s}")
    print(f"{'items pulled':24s}{report.pulled:14,d}{second[0].pulled:14,d}")
    print(f"{'files fetched':24s}{report.attachments:14,d}{second[0].attachments:14,d}")
    print(f"{'requests':24s}{requests:14,d}{second[1]:14,d}{'1 (no-change)':>22s}")
    print(f"{'bytes sent (request)':24s}{sent:14,d}{second[2]:14,d}")
    print(f"{'bytes received':24s}{received:14,d}{second[3]:14,d}")
    print(f"{'bytes both ways':24s}{sent + received:14,d}{second[2] + second[3]:14,d}{'≤ 2,048 (no-change)':>22s}")
    print(f"\ngzip of the data: items JSON {items_gz:,} + files {files_gz:,} = {reference:,} bytes")
    print(f"wire / gzip: {(sent + received) / reference:.3f} both ways, {received / reference:.3f} received "
          f"(target ≤ 1.2)")


if __name__ == "__main__":
    main()
