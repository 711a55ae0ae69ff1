#!/usr/bin/env python3
"""Times the TUI the way a person meets it: in a pseudo-terminal of 80x24.

  python3 bench/tui.py BINARY [N]

For N runs (default 10) of BINARY --auto-mfa on the embedded emulator it reports:
  - exec -> first frame: from fork to the welcome screen's heading on the terminal;
  - a whole dry run: enter pressed every 50 ms (as a trainer would, only faster) until the
    summary, then q; its wall time, peak RSS (of the process, from wait4) and exit status.
Each run gets its own MFA_DEMO_STATE_DIR. Only the standard library is used. Like a terminal
emulator, it answers the cursor position request mfa-demo sends at start to measure how wide
the terminal draws East Asian ambiguous characters (narrow here: the cursor is at column 2).
"""
import fcntl
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time

FIRST_FRAME = b"Multi-factor"  # the welcome screen's heading
CURSOR_REQUEST, CURSOR_NARROW = b"\x1b[6n", b"\x1b[1;2R"
SUMMARY = b"Exit status"


def run_once(binary):
    state = tempfile.mkdtemp(prefix="mfa-demo-bench-")
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["MFA_DEMO_STATE_DIR"] = state
        os.execv(binary, [binary, "--auto-mfa"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, first, last_key, deadline = b"", None, 0.0, start + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            if CURSOR_REQUEST in data:
                os.write(fd, CURSOR_NARROW)
            seen = (seen + data)[-200000:]
            if first is None and FIRST_FRAME in seen:
                first = time.monotonic() - start
        key = b"q" if SUMMARY in seen else b"\r"
        if first is not None and time.monotonic() - last_key > 0.05:
            try:
                os.write(fd, key)
            except OSError:
                break
            last_key = time.monotonic()
    _, status, usage = os.wait4(pid, 0)
    return first, time.monotonic() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    runs = [run_once(binary) for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 10)]
    firsts = [r[0] * 1000 for r in runs if r[0] is not None]
    if len(firsts) != len(runs):
        sys.exit("some runs never drew the welcome screen")
    print("exec -> first frame (80x24): median %.0f ms, min %.0f, max %.0f"
          % (median(firsts), min(firsts), max(firsts)))
    print("whole dry run: median %.2f s wall, peak RSS %.1f MB, exit statuses %s"
          % (median(r[1] for r in runs), max(r[2] for r in runs) / 1024, sorted({r[3] for r in runs})))
    if any(r[3] != 0 for r in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
