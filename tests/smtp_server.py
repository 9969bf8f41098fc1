"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, a free port, in a thread.

Tests get it from the ``SMTP_SERVER_FIXTURE`` layer (``self.layer["smtp"]``) or start one themselves::

    with SMTPTestServer() as smtp:
        ...send to smtp.host:smtp.port...
        message = smtp.wait_for(1)[0]

Every message received is kept as a parsed ``email.message.EmailMessage`` (``policy.default``: headers
decoded, ``get_content()`` gives the text), together with the SMTP envelope recipients.
"""

from aiosmtpd.controller import Controller
from dataclasses import dataclass
import email
from email import policy
from email.message import EmailMessage
import socket
import threading
import time


HOST = "127.0.0.1"


@dataclass
class ReceivedMail:
    """One message as the server received it."""

    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        """The text of the message (the plain-text part of a multipart message)."""
        part = self.message.get_body(preferencelist=("plain",)) or self.message
        return part.get_content()


class _CollectingHandler:
    def __init__(self, server):
        self._server = server

    async def handle_DATA(self, smtp, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self._server._receive(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class SMTPTestServer:
    """Start, collect, wait, stop. Thread-safe: the server runs in its own thread and event loop."""

    def __init__(self, host: str = HOST, port: int | None = None):
        self.host = host
        self.port = port or free_port(host)
        self._received: list[ReceivedMail] = []
        self._condition = threading.Condition()
        self._controller = Controller(_CollectingHandler(self), hostname=self.host, port=self.port)

    def start(self) -> "SMTPTestServer":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def _receive(self, mail: ReceivedMail) -> None:
        with self._condition:
            self._received.append(mail)
            self._condition.notify_all()

    @property
    def messages(self) -> list[ReceivedMail]:
        """Everything received since the last ``clear()``, oldest first."""
        with self._condition:
            return list(self._received)

    def clear(self) -> None:
        with self._condition:
            self._received.clear()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMail]:
        """Wait until at least ``count`` messages arrived; fail the test with what came if they do not."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while len(self._received) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"Expected {count} message(s) within {timeout} s, received {len(self._received)}: "
                        f"{[(m.envelope_to, m.subject) for m in self._received]}"
                    )
                self._condition.wait(remaining)
            return list(self._received)

    def settled_messages(self, settle: float = 0.3) -> list[ReceivedMail]:
        """Give late deliveries a moment, then return what arrived (to assert that nothing else came)."""
        time.sleep(settle)
        return self.messages

    def messages_to(self, address: str) -> list[ReceivedMail]:
        """Messages whose envelope names ``address`` as a recipient."""
        return [mail for mail in self.messages if address in mail.envelope_to]

    def recipients(self) -> set[str]:
        """Every envelope recipient of the messages received."""
        return {address for mail in self.messages for address in mail.envelope_to}
