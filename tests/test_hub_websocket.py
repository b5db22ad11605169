"""The load test's kernel client survives a dropped websocket as JupyterLab does (tools/hub_loadtest.py).

A small Tornado websocket server stands in for the Jupyter server's kernel channel: it answers
``execute_request`` messages with an ``execute_reply`` and an idle status, and it can drop the
connection after a request arrives, keeping the replies for that ``session_id`` and sending them
when the client comes back (what jupyter_server does for a reconnecting session).
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application
from tornado.websocket import WebSocketHandler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub_loadtest as hubtool  # noqa: E402


class FakeKernel:
    """What the fake server saw and what it is told to do."""

    def __init__(self, drops: int, fail_code: str = "", refuse_reconnections: bool = False):
        self.drops = drops  # connections to drop right after a request arrives
        self.refuse_reconnections = refuse_reconnections  # close every later connection at once
        self.fail_code = fail_code  # a cell whose reply says it failed
        self.requests: list[str] = []  # the code of every execute_request received
        self.sessions: list[str] = []  # the session_id of every connection
        self.kept: dict[str, list[str]] = {}  # replies kept for a session while it was away

    def replies(self, message: dict) -> list[str]:
        parent = message["header"]
        status = "error" if message["content"]["code"] == self.fail_code else "ok"
        content = {"status": status, **({"ename": "NameError"} if status == "error" else {})}
        return [json.dumps({"msg_type": "execute_reply", "parent_header": parent,
                            "content": content}),
                json.dumps({"msg_type": "status", "parent_header": parent,
                            "content": {"execution_state": "idle"}})]


class Channel(WebSocketHandler):
    def initialize(self, kernel: FakeKernel):
        self.kernel = kernel

    def open(self):
        self.session = parse_qs(urlparse(self.request.uri).query).get("session_id", [""])[0]
        self.kernel.sessions.append(self.session)
        if self.kernel.refuse_reconnections and len(self.kernel.sessions) > 1:
            self.close()
            return
        for raw in self.kernel.kept.pop(self.session, []):
            self.write_message(raw)

    def on_message(self, raw):
        message = json.loads(raw)
        self.kernel.requests.append(message["content"]["code"])
        replies = self.kernel.replies(message)
        if self.kernel.drops > 0:  # the kernel ran the cell, the connection went away
            self.kernel.drops -= 1
            self.kernel.kept.setdefault(self.session, []).extend(replies)
            self.close()
            return
        for reply in replies:
            self.write_message(reply)


def _run(kernel: FakeKernel, cells: list[str], reconnects: int = hubtool.RECONNECTS):
    async def main():
        sockets = bind_sockets(0, "127.0.0.1")
        server = HTTPServer(Application([(r"/channels", Channel, {"kernel": kernel})]))
        server.add_sockets(sockets)
        port = sockets[0].getsockname()[1]
        try:
            return await hubtool._execute_cells(f"ws://127.0.0.1:{port}/channels", "token",
                                                cells, cell_timeout=10, reconnects=reconnects)
        finally:
            server.stop()
            await server.close_all_connections()

    return asyncio.run(main())


def test_every_cell_runs_once_on_an_unbroken_connection():
    kernel = FakeKernel(drops=0)
    assert _run(kernel, ["a = 1", "b = 2", "a + b"]) == []
    assert kernel.requests == ["a = 1", "b = 2", "a + b"]
    assert len(kernel.sessions) == 1 and kernel.sessions[0]


def test_a_dropped_connection_reconnects_to_the_same_session_and_runs_no_cell_twice():
    kernel = FakeKernel(drops=2)
    assert _run(kernel, ["a = 1", "b = 2", "a + b"]) == []
    assert kernel.requests == ["a = 1", "b = 2", "a + b"]  # the kept replies were used, no re-run
    assert len(kernel.sessions) == 3 and len(set(kernel.sessions)) == 1


def test_a_connection_that_keeps_dropping_is_an_error_after_the_allowed_reconnections():
    kernel = FakeKernel(drops=1, refuse_reconnections=True)
    with pytest.raises(RuntimeError, match="closed 3 times during cell 1"):
        _run(kernel, ["a = 1", "b = 2"], reconnects=2)
    assert kernel.requests == ["a = 1"] and len(kernel.sessions) == 3


def test_a_failing_cell_is_reported_and_stops_the_notebook_as_before():
    kernel = FakeKernel(drops=1, fail_code="undefined_name")
    assert _run(kernel, ["a = 1", "undefined_name", "a + 1"]) == ["cell 2: NameError"]
    assert kernel.requests == ["a = 1", "undefined_name"]
