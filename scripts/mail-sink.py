#!/usr/bin/env python3
"""A local SMTP server for `make run` and the notification tests (Debian python3-aiosmtpd).

Stores every accepted message as <folder>/<time>-<n>.eml (written to a hidden temporary file,
then renamed, so a reader never sees half a message), with the envelope prepended as
X-Envelope-From / X-Envelope-To headers and the client's address and port as X-Peer (one port per
connection, so a test can see that a sender reuses its connections) and when the end of its data
began (X-Data-Started, ns since the epoch, so a test can see messages overlapping). Listens on 127.0.0.1 only.

It can be told to refuse: each line of <folder>/.answers (e.g. "451 4.3.0 try again later" or
"554 5.7.1 rejected") is the reply to the next message's end of data, consumed one line per
message; an empty or missing file means "250 accept". Two more files change it while it runs
(scripts/chaos.sh's slow-consumer row): <folder>/.delay-ms holds a number of milliseconds to
wait before answering each message (instead of --delay-ms), and <folder>/.tempfail-until a Unix
time in seconds before which every message is answered "451 4.3.2 try again later". On start it prints
"listening 127.0.0.1:<port>" (useful with --port 0). SIGTERM or SIGINT stops it.

With --auth-user and --auth-password it demands SMTP AUTH (PLAIN or LOGIN) before MAIL, also on a
plain connection (it listens on 127.0.0.1 only), and answers a wrong password with
"535 5.7.8 Authentication credentials invalid".
"""
import argparse
import asyncio
import itertools
import os
import signal
import ssl
import sys
import time
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    """aiosmtpd handler: answers from the .answers file, or stores the message."""

    def __init__(self, folder, delay=0.0):
        self.folder = folder
        self.delay = delay
        self.answers = os.path.join(folder, ".answers")
        self.counter = itertools.count(1)

    def next_answer(self):
        try:
            with open(self.answers, encoding="utf-8") as handle:
                lines = [line.rstrip("\r\n") for line in handle if line.strip()]
        except FileNotFoundError:
            return None
        if not lines:
            return None
        with open(self.answers + ".tmp", "w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines[1:])
        os.replace(self.answers + ".tmp", self.answers)
        return lines[0]

    def setting(self, name):
        """The number in <folder>/<name>, or None when the file is missing or not a number."""
        try:
            with open(os.path.join(self.folder, name), encoding="utf-8") as handle:
                return float(handle.read().strip())
        except (FileNotFoundError, ValueError):
            return None

    async def handle_DATA(self, server, session, envelope):
        started = time.time_ns()
        delay_ms = self.setting(".delay-ms")
        delay = self.delay if delay_ms is None else delay_ms / 1000
        if delay:
            await asyncio.sleep(delay)  # a slow server: tests kill a sender mid-burst with it
        until = self.setting(".tempfail-until")
        if until is not None and time.time() < until:
            return "451 4.3.2 try again later"
        answer = self.next_answer()
        if answer is not None:
            return answer
        peer = session.peer if isinstance(session.peer, tuple) else (str(session.peer), 0)
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\nX-Peer: %s:%s\r\nX-Data-Started: %d\r\n" % (
            envelope.mail_from, ", ".join(envelope.rcpt_tos), peer[0], peer[1], started)
        name = "%d-%06d.eml" % (time.time_ns(), next(self.counter))
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as handle:
            handle.write(head.encode("ascii", "replace"))
            handle.write(envelope.original_content or envelope.content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, os.path.join(self.folder, name))
        return "250 2.0.0 OK stored as " + name


def password_check(user, password):
    """aiosmtpd authenticator: accepts exactly `user` with `password`."""
    def authenticator(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode("utf-8")
                and auth_data.password == password.encode("utf-8")):
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)
    return authenticator


async def serve(folder, port, security="none", cert=None, key=None, delay=0.0, auth=None):
    os.makedirs(folder, exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = Sink(folder, delay)
    context = None
    if security != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
    starttls = context if security == "starttls" else None
    login = {}
    if auth:
        # Deliberate: the sink listens on 127.0.0.1 only, where a login without TLS is what the tests want.
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        login = {"authenticator": password_check(*auth), "auth_required": True, "auth_require_tls": False}
    server = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True, decode_data=False, hostname="mail-sink.local",
                     tls_context=starttls, require_starttls=starttls is not None, **login),
        host="127.0.0.1", port=port, reuse_address=True, ssl=context if security == "tls" else None)
    print("listening 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", required=True, help="where messages are stored")
    parser.add_argument("--port", type=int, default=2525, help="port on 127.0.0.1 (0 = any free one)")
    parser.add_argument("--security", choices=["none", "starttls", "tls"], default="none",
                        help="starttls: STARTTLS required before MAIL; tls: implicit TLS from the first byte")
    parser.add_argument("--cert", help="PEM certificate for starttls/tls")
    parser.add_argument("--key", help="PEM private key for starttls/tls")
    parser.add_argument("--delay-ms", type=int, default=0, help="wait this long before answering each message")
    parser.add_argument("--auth-user", help="demand SMTP AUTH with this user (with --auth-password)")
    parser.add_argument("--auth-password", help="the password --auth-user must give")
    arguments = parser.parse_args()
    if (arguments.auth_user is None) != (arguments.auth_password is None):
        parser.error("--auth-user and --auth-password go together")
    auth = (arguments.auth_user, arguments.auth_password) if arguments.auth_user is not None else None
    asyncio.run(serve(arguments.folder, arguments.port, arguments.security, arguments.cert, arguments.key,
                      arguments.delay_ms / 1000, auth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
