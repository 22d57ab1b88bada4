import json

import pytest

from handbook_desktop.core import settings as s
from handbook_desktop.core.errors import ValidationError


def test_defaults_when_no_file(tmp_path):
    settings = s.Settings(tmp_path / "settings.json")
    assert settings.get(s.FONT_SCALE) == 1.0
    assert settings.get(s.LANGUAGE) == "vi"
    assert settings.get(s.SERVER_URL) == ""


def test_values_survive_a_restart(tmp_path):
    path = tmp_path / "settings.json"
    settings = s.Settings(path)
    settings.set(s.FONT_SCALE, 1.5)
    settings.set(s.LANGUAGE, "en")
    settings.save()
    again = s.Settings(path)
    assert again.get(s.FONT_SCALE) == 1.5
    assert again.get(s.LANGUAGE) == "en"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == s.VERSION


def test_invalid_values_are_refused_and_read_as_default(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "values": {"ui/font_scale": 7, "ui/language": "fr"}}))
    settings = s.Settings(path)
    assert settings.get(s.FONT_SCALE) == 1.0
    assert settings.get(s.LANGUAGE) == "vi"
    with pytest.raises(ValueError):
        settings.set(s.FONT_SCALE, 3.0)


def test_integer_scale_is_accepted_as_float(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "values": {"ui/font_scale": 2}}))
    assert s.Settings(path).get(s.FONT_SCALE) == 2.0


def test_broken_file_is_kept_aside_not_lost(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    settings = s.Settings(path)
    assert settings.get(s.FONT_SCALE) == 1.0
    assert (tmp_path / "settings.broken.json").read_text() == "{not json"


def test_older_versions_are_upgraded(tmp_path, monkeypatch):
    def rename_url(values):
        values["sync/server_url"] = values.pop("sync/url")

    monkeypatch.setattr(s, "VERSION", 2)
    monkeypatch.setitem(s.UPGRADES, 2, rename_url)
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "values": {"sync/url": "https://a.vn"}}))
    assert s.Settings(path).get(s.SERVER_URL) == "https://a.vn"


@pytest.mark.parametrize("text, expected", [
    ("", ""),
    ("  https://sotay.example.vn/ ", "https://sotay.example.vn"),
    ("http://192.168.1.10:8000", "http://192.168.1.10:8000"),
])
def test_server_url_accepted(text, expected):
    assert s.normalize_server_url(text) == expected


@pytest.mark.parametrize("text", ["sotay.vn", "ftp://a.vn", "http://", "http://a.vn:99999", "https://:80"])
def test_server_url_refused_with_a_clear_message(text):
    with pytest.raises(ValidationError, match="không hợp lệ"):
        s.normalize_server_url(text)
