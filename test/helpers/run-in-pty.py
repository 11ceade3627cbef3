"""Runs a command in a pseudo-terminal and prints what it wrote, then exits with its exit code.

    python3 run-in-pty.py <columns> <stdout-file or -> <command> [args...]

With a file, only stderr (and stdin) are the terminal and stdout goes to the file; with -, all three are the
terminal. Uses only the standard library (pty), so it runs on a fresh Debian with python3.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

cols = int(sys.argv[1])
outfile = sys.argv[2]
argv = sys.argv[3:]

pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    if outfile != "-":
        f = os.open(outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(f, 1)
        os.close(f)
    os.execvp(argv[0], argv)

chunks = []
while True:
    try:
        ready, _, _ = select.select([fd], [], [], 60)
    except InterruptedError:
        continue
    if not ready:
        break
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    chunks.append(data)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(b"".join(chunks))
sys.stdout.flush()
if os.WIFSIGNALED(status):
    sys.exit(128 + os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
