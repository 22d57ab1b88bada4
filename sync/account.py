"""The account this workspace syncs with: login, the tokens in the OS keyring, the facts.

Tokens live in the OS keyring under SERVICE and "<server_url>|<username>", never in a file.
Where the OS has none (a bare Linux: the `fail` or `null` backend), they live in this
process's memory only, so a new program start needs the password again (`PasswordNeeded`).
What is not secret — server, user, device, grants, unit — is kept as workspace facts, so
`current_account` needs neither the network nor the keyring.
"""

import json
import logging
import platform
from dataclasses import replace

from sqlalchemy import delete, select

from handbook_desktop.core.clock import vietnam_today
from handbook_desktop.core.models import SyncCursor, WorkspaceFact
from handbook_desktop.core.org import OrgUnit, default_term
from handbook_desktop.core.workspace import HOME_UNIT, SYNC, TERM, UnitOfWork, Workspace
from handbook_desktop.i18n import _
from sync import errors
from sync.account_facts import (ACCOUNT_FACTS, DEVICE_ID, FULL_NAME, GRANTS, SERVER, UNIT_ID,  # noqa: F401
                                UNIT_NAME, USER_ID, USERNAME, Account, account_from_facts, read_account_facts)
from sync.apply import upsert_unit
from sync.client import Client, Tokens, normalise_url
from sync.protocol import LoginRequest, Profile

log = logging.getLogger(__name__)

SERVICE = "so-tay-dang-vien"
_memory: dict[str, Tokens] = {}  # tokens where there is no keyring, for this process only


def current_account(workspace: Workspace) -> Account | None:
    """The account from the workspace's facts (no network); None when not connected."""
    return workspace.perform(account_of, read_only=True)


def account_of(uow: UnitOfWork) -> Account | None:
    return account_from_facts(read_account_facts(uow))


def connect(workspace: Workspace, server_url: str, username: str, password: str, device_name: str = "") -> Account:
    """Log in, keep the tokens, and make the workspace the account's: a blank workspace
    becomes the account's cell (its chain of units and the facts); a demo one is refused."""
    server_url, username = normalise_url(server_url), username.strip()
    if workspace.perform(lambda uow: uow.cell.is_demo, read_only=True):
        raise errors.demo_never_syncs()
    previous = current_account(workspace)
    device_id = previous.device_id if previous and previous.key == f"{server_url}|{username}" else None
    client = Client(server_url)
    try:
        client.login(LoginRequest(username=username, password=password,
                                  device_name=device_name or platform.node(), device_id=device_id))
        profile = client.me()
        tokens = client.tokens  # a refresh in between replaced the refresh token
    finally:
        client.close()
    account, kept = workspace.perform(lambda uow: _adopt(uow, server_url, profile, tokens, previous),
                                      origin=SYNC, record_outbox=False)
    save_tokens(account, tokens)
    if previous and previous.key != account.key:
        forget_tokens(previous)
    if kept:
        return replace(account, notice=_(
            "Dữ liệu này đã có chi bộ “{cell}”: máy vẫn giữ chi bộ đó và nhận các tài liệu được phát hành cho "
            "tài khoản {user}. Muốn chuyển dữ liệu sang chi bộ của tài khoản ({unit}), hãy bấm “Chuyển dữ liệu…” "
            "trên trang Đồng bộ hoặc chạy lệnh 'main.py sync --adopt'.")
            .format(cell=kept, user=account.username, unit=account.unit_name))
    return account


def _adopt(uow: UnitOfWork, server_url: str, profile: Profile, tokens: Tokens,
           previous: Account | None) -> tuple[Account, str]:
    """Units and facts of the account; returns it and the name of a cell kept that is not
    the account's ("" when the workspace is the account's cell)."""
    for unit in profile.units:
        upsert_unit(uow.session, unit)
    home = uow.cell.unit_id
    kept = ""
    if home is None:
        set_fact(uow, HOME_UNIT, profile.unit_id)
        if uow.cell.term is None:
            set_fact(uow, TERM, default_term(vietnam_today()))
    elif home != profile.unit_id:
        kept = uow.session.scalar(select(OrgUnit.name).where(OrgUnit.id == home)) or ""
    unit_name = next((unit.name for unit in profile.units if unit.id == profile.unit_id), "")
    account = Account(server_url, profile.username, profile.user_id, tokens.device_id, profile.unit_id, unit_name,
                      tuple((grant.unit_id, grant.role.value) for grant in profile.grants), profile.full_name)
    if previous is None or previous.key != account.key:
        # Another user may see other items: what was pulled for the last one is no guide.
        uow.session.execute(delete(SyncCursor).where(SyncCursor.server_url == server_url))
    for key, value in ((SERVER, account.server_url), (USERNAME, account.username), (USER_ID, account.user_id),
                       (DEVICE_ID, account.device_id), (UNIT_ID, account.unit_id), (UNIT_NAME, unit_name),
                       (GRANTS, json.dumps(account.grants)), (FULL_NAME, account.full_name)):
        set_fact(uow, key, value)
    uow.__dict__.pop("cell", None)
    return account, kept


def disconnect(workspace: Workspace) -> None:
    """Log out: the server forgets this device (best effort: offline, it is forgotten here
    anyway), the tokens leave the keyring, the account leaves the workspace."""
    account = current_account(workspace)
    if account is None:
        return
    tokens = load_tokens(account)
    if tokens is not None:
        client = Client(account.server_url, tokens)
        try:
            client.logout()
        except errors.SyncError as exc:
            log.info("logout on the server failed: %s", exc.message)
        finally:
            client.close()
    forget_tokens(account)

    def forget(uow: UnitOfWork) -> None:
        uow.session.execute(delete(WorkspaceFact).where(WorkspaceFact.key.in_(ACCOUNT_FACTS)))
        uow.session.execute(delete(SyncCursor).where(SyncCursor.server_url == account.server_url))

    workspace.perform(forget, origin=SYNC, record_outbox=False)


def open_client(account: Account, password: str | None = None) -> Client:
    """A client holding this device's login: the stored tokens, or a fresh login with
    `password`. Neither: PasswordNeeded where there is no keyring, else SessionEnded."""
    tokens = load_tokens(account)
    client = Client(account.server_url, tokens, on_tokens=lambda fresh: save_tokens(account, fresh))
    if tokens is None:
        if password is None:
            client.close()
            raise errors.session_ended() if keyring_available() else errors.password_needed()
        try:
            client.login(LoginRequest(username=account.username, password=password,
                                      device_id=account.device_id or None))
        except BaseException:
            client.close()
            raise
    return client


def set_fact(uow: UnitOfWork, key: str, value: str) -> None:
    fact = uow.session.get(WorkspaceFact, key)
    if fact is None:
        uow.session.add(WorkspaceFact(key=key, value=value))
    elif fact.value != value:
        fact.value = value


# ---- tokens -------------------------------------------------------------------------------

def keyring_available() -> bool:
    """False where the OS keeps no secrets for us (the `fail` or `null` backend, or none)."""
    import keyring
    from keyring.backends import chainer, fail, null

    backend = keyring.get_keyring()
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    return not isinstance(backend, chainer.ChainerBackend) or bool(backend.backends)


def load_tokens(account: Account) -> Tokens | None:
    if account.key in _memory:
        return _memory[account.key]
    if not keyring_available():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, account.key)
        return Tokens(**json.loads(stored)) if stored else None
    except (KeyringError, ValueError, TypeError) as exc:
        log.warning("tokens could not be read from the keyring: %s", exc)
        return None


def save_tokens(account: Account, tokens: Tokens) -> None:
    if keyring_available():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, account.key, json.dumps(tokens.__dict__))
            _memory.pop(account.key, None)
            return
        except KeyringError as exc:  # a locked or broken keyring: as if there were none
            log.warning("tokens could not be kept in the keyring: %s", exc)
    _memory[account.key] = tokens


def forget_tokens(account: Account) -> None:
    _memory.pop(account.key, None)
    if keyring_available():
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.delete_password(SERVICE, account.key)
        except KeyringError:  # nothing stored (PasswordDeleteError) or no keyring
            pass


def tokens_in_memory_only(account: Account) -> bool:
    """True when this login lasts only as long as the program (no keyring)."""
    return account.key in _memory
