"""The editor's side: publish, correct and withdraw items for the units of their subtree.

A document file is read with the library's own extraction, and a classified (mật) file is
refused here, before any byte leaves the computer (the server checks again). Files are sent
by hash: HEAD first, so a file the server has is never uploaded twice. Every publish carries
an `op_id`; calling again with the same op_id after a dropped line gives the same item.
"""

import mimetypes
from pathlib import Path

from handbook_desktop.core.attachments import sha256_of
from handbook_desktop.core.ids import new_id
from handbook_desktop.core.library import (MIME_TYPES, Channel, display_name, extract_bytes, read_document_file,
                                           recognise, refusal_message)
from handbook_desktop.core.workspace import Workspace
from handbook_desktop.i18n import _
from sync import errors
from sync.account import current_account, open_client
from sync.client import Client
from sync.protocol import (AttachmentRef, ItemFields, ItemKind, LoginRequest, PublishedItem, PublishRequest, Role,
                           UnitOut)


class Publisher:
    def __init__(self, client: Client, home_unit_id: str = "", log_out_on_close: bool = False):
        self.client = client
        self.home_unit_id = home_unit_id  # where the editor's grant is: the default audience
        self.log_out_on_close = log_out_on_close

    @classmethod
    def for_workspace(cls, workspace: Workspace, password: str | None = None) -> "Publisher":
        account = current_account(workspace)
        if account is None:
            raise errors.not_connected()
        editor_units = [unit for unit, role in account.grants if role == Role.EDITOR]
        return cls(open_client(account, password), editor_units[0] if editor_units else account.unit_id)

    @classmethod
    def log_in(cls, server_url: str, username: str, password: str) -> "Publisher":
        """For scripts (`main.py publish`): a login of its own, kept nowhere."""
        client = Client(server_url)
        try:
            client.login(LoginRequest(username=username, password=password, device_name="main.py publish"))
            profile = client.me()
        except BaseException:
            client.close()
            raise
        editor_units = [grant.unit_id for grant in profile.grants if grant.role == Role.EDITOR]
        return cls(client, editor_units[0] if editor_units else profile.unit_id, log_out_on_close=True)

    def close(self) -> None:
        try:
            if self.log_out_on_close:  # a script's login leaves no device behind on the server
                self.client.logout()
        except errors.SyncError:
            pass
        finally:
            self.client.close()

    def __enter__(self) -> "Publisher":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def audiences(self) -> list[UnitOut]:
        return self.client.audiences()

    def mine(self) -> list[PublishedItem]:
        return self.client.publications()

    @staticmethod
    def item_from_file(path: Path, channel: str = Channel.REFERENCE) -> ItemFields:
        """A document's fields read from its file, as the library's import reads them; a
        classified file raises `Classified`."""
        path = Path(path)
        data = read_document_file(path)
        extracted = extract_bytes(data, display_name(path))
        metadata = recognise(extracted.body, extracted.margin_text, extracted.page_edges)
        if metadata.classification:
            raise errors.Classified(refusal_message(path, metadata),
                                    _("Tài liệu mật không được phát hành qua Sổ tay đảng viên."))
        title = metadata.title or extracted.title_hint or path.stem
        return ItemFields(kind=ItemKind.DOCUMENT, channel=str(channel), title=title, body=extracted.body,
                          number=metadata.number, doc_type=str(metadata.doc_type), issuer=metadata.issuer,
                          issued_on=metadata.issued_on)

    def publish(self, fields: ItemFields, audience: list[str], files: list[Path] = (),
                op_id: str | None = None) -> PublishedItem:
        request = PublishRequest(op_id=op_id or new_id(), item=self._with_files(fields, files),
                                 audience=list(audience) or [self.home_unit_id])
        return self.client.publish(request)

    def correct(self, item_id: str, fields: ItemFields, audience: list[str], files: list[Path] = (),
                op_id: str | None = None) -> PublishedItem:
        request = PublishRequest(op_id=op_id or new_id(), item=self._with_files(fields, files),
                                 audience=list(audience) or [self.home_unit_id])
        return self.client.correct(item_id, request)

    def withdraw(self, item_id: str) -> None:
        self.client.withdraw(item_id)

    def _with_files(self, fields: ItemFields, files: list[Path]) -> ItemFields:
        refs = {ref.sha256: ref for ref in fields.attachments}
        for path in map(Path, files):
            ref = self.upload(path)
            refs.setdefault(ref.sha256, ref)
        return fields.model_copy(update={"attachments": list(refs.values())})

    def upload(self, path: Path) -> AttachmentRef:
        """Send a file unless the server has it already; its reference for an item."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise errors.SyncError(_("Không đọc được tệp {name} ({error}).").format(
                name=display_name(path), error=exc.strerror or exc)) from exc
        sha256 = sha256_of(data)
        if not self.client.has_attachment(sha256):
            self.client.upload_attachment(sha256, data)
        mime = MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return AttachmentRef(sha256=sha256, filename=display_name(path), mime_type=mime, size=len(data))
