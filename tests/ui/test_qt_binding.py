"""Guard against a Qt binding that breaks the app in ways no unit test sees at once.

PySide6 6.12.0 drops a reference on every signal emission to a Python slot; after a
few thousand emissions the interpreter aborts ("bool_dealloc"). Run many emissions in
a child process so such a release fails here, not in a secretary's meeting.
"""

import subprocess
import sys
import textwrap

PROGRAM = textwrap.dedent("""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication

    class Sender(QObject):
        changed = Signal(object)

    class Receiver(QObject):
        def __init__(self):
            super().__init__()
            self.count = 0

        def on_changed(self, value):
            self.count += 1

    app = QApplication([])
    sender, receiver = Sender(), Receiver()
    sender.changed.connect(receiver.on_changed)
    for i in range(50_000):
        sender.changed.emit(None if i % 2 else i)
    print(receiver.count)
""")


def test_signals_can_be_emitted_many_times():
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "50000"
