"""The demo accounts as the console side knows them.

``c4central serve --demo`` seeds them (see c4console/central/bootstrap.py, which
the console side may not import). DEMO ONLY: anyone who reads this file can log
in, which is why ``--demo`` must never run on a central with real data.
"""

DEMO_PASSWORD = "demo-c4"
DEMO_OPERATOR = "operadora1"  # the account `c4console --demo` logs in with
DEMO_SIMULATOR = "simulador"  # the account the simulator uses
DEMO_AUDIO_GATEWAY = "pasarela"  # the gateway's service account: the demo audio's sessions
# The specialist desk (issue 12): their consoles open on the desk (gui/specialists).
DEMO_PSYCHOLOGIST = "psicologa1"
DEMO_LAWYER = "abogada1"
DEMO_SPECIALIST = "especialista1"  # both desks


def read_password_file(path) -> str:
    """The first line of ``path`` (a password file: no newline kept, blanks kept)."""
    with open(path, encoding="utf-8") as f:
        return f.readline().rstrip("\r\n")
