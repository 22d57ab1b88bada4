"""Real playback through QAudioSink: a private PulseAudio server with a null sink (it consumes
audio in real time, like a sound card) plays a two-sentence reading end to end."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="eSpeak NG is not installed")


@pytest.fixture
def pulse_server(tmp_path):
    """The address of a PulseAudio daemon of this test only, with one null output."""
    program = shutil.which("pulseaudio")
    if program is None:
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio); CI installs it")
    home = tmp_path / "pulse"
    home.mkdir()
    socket = home / "native"
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(home), "XDG_CONFIG_HOME": str(home)}
    daemon = subprocess.Popen(
        [program, "--daemonize=no", "--system=false", "-n", "--exit-idle-time=-1", "--disallow-exit",
         "--use-pid-file=no", "--log-target=stderr", "--load=module-null-sink sink_name=speech",
         f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                daemon.kill()
                pytest.fail(f"PulseAudio did not start: {daemon.communicate()[1].decode(errors='replace')[-2000:]}")
            time.sleep(0.05)
        yield f"unix:{socket}", env
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        daemon.stderr.close()


def test_a_reading_plays_through_the_sink_and_advances_when_it_drains(pulse_server):
    server, env = pulse_server
    run = subprocess.run([sys.executable, str(Path(__file__).with_name("play_session.py"))],
                         env={**env, "PULSE_SERVER": server, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["outputs"] and report["errors"] == []
    first, second = report["started"]
    assert (first["index"], second["index"]) == (0, 1)
    assert report["states"] == ["loading", "playing", "paused", "playing", "stopped"]

    paused = report["paused"]  # the sink itself holds still, nothing paces on
    assert paused["sink"] == "SuspendedState" and not paused["pace_timer"]
    assert paused["processed_after"] == paused["processed_before"] > 0 and paused["sentences"] == 1
    assert report["resumed"]["sink"] == "ActiveState"

    # the second sentence began when the first clip's sink went idle, all of it played in real time
    # (never sooner); the upper bounds only say it did move on: the null sink hands a stream's end
    # back about 2 s late, and a busy machine synthesizes the next sentence slower
    assert second["previous_sink"] == "IdleState"
    first_clip_s = second["previous_processed"] / 1e6
    assert first_clip_s > 1.0
    playing_s = second["at"] - first["at"] - 0.8  # minus the pause (PAUSE_MS)
    assert 0.9 * first_clip_s < playing_s < first_clip_s + 15
    ended = report["ended"]  # the reading ended when the second clip drained
    second_clip_s = ended["processed"] / 1e6
    assert second_clip_s > 0.5 and 0.9 * second_clip_s < ended["at"] - second["at"] < second_clip_s + 15
