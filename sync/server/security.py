"""Password hashes (argon2) and tokens.

An access token is "<payload>.<signature>": the payload names user, device and expiry,
the signature is an HMAC-SHA256 with the database's secret, so any worker can check it
without a lookup (the device is still checked against revocation). A refresh token is
"<device id>.<random>", stored only as its SHA-256 and replaced at each use.
"""

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Compared against when the user does not exist, so a wrong name costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    device_id: str
    expires: int


def make_access_token(secret: str, user_id: str, device_id: str, ttl: int) -> str:
    payload = _b64(json.dumps({"u": user_id, "d": device_id, "e": int(time.time()) + ttl}).encode())
    return f"{payload}.{_sign(secret, payload)}"


def read_access_token(secret: str, token: str) -> AccessClaims:
    payload, _, signature = token.partition(".")
    if not signature or not hmac.compare_digest(signature, _sign(secret, payload)):
        raise TokenInvalid
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims = AccessClaims(str(data["u"]), str(data["d"]), int(data["e"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise TokenInvalid from exc
    if claims.expires < time.time():
        raise TokenExpired
    return claims


def new_refresh_token(device_id: str) -> str:
    return f"{device_id}.{secrets.token_urlsafe(32)}"


def refresh_device_id(token: str) -> str:
    return token.partition(".")[0]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sign(secret: str, payload: str) -> str:
    return _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
