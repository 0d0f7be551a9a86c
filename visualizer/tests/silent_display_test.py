"""kernsim-viz against an X server that accepts the connection and never answers.

SDL's own attempt to open the display then blocks for ever; kernsim-viz's watchdog must end
it with exit status 3 and say "no display".

    python3 silent_display_test.py KERNSIM-VIZ SCENARIO
"""
import os
import socket
import subprocess
import sys


def main():
    viz, scenario = sys.argv[1], sys.argv[2]
    server = socket.socket()
    display = None
    for number in range(4700, 4900):  # X display N listens on TCP port 6000 + N
        try:
            server.bind(("127.0.0.1", 6000 + number))
            display = number
            break
        except OSError:
            continue
    if display is None:
        print("no free port for a silent X server")
        return 1
    server.listen(4)  # connections are accepted by the kernel and never answered
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["DISPLAY"] = "127.0.0.1:%d" % display
    process = subprocess.Popen([viz, scenario], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        print("kernsim-viz hung on a display that never answers")
        return 1
    err = err.decode(errors="replace")
    print("status %d: %s" % (process.returncode, err.strip()))
    return 0 if process.returncode == 3 and "no display" in err else 1


if __name__ == "__main__":
    sys.exit(main())
