"""A Streamlit session without a browser: Streamlit's own protobuf messages over its websocket.

The browser sends a BackMsg `rerun_script` (query string, widget values, page) and receives ForwardMsgs: the
page's elements as `delta`s, then `script_finished`. This client does the same, so one Python process can hold
hundreds of sessions and a load test measures the server rather than a few hundred Chromium tabs.

    async with protocol.Session("http://127.0.0.1:8501") as session:
        home = await session.rerun()                      # the home page as a person first opens it
        scope = session.widget_id("home_scope")
        one = await session.rerun(widgets={scope: "ABADI — Asosiasi Bisnis Alih Daya Indonesia"})
        one.metrics[0]                                     # ("Peserta aktif", "233.104")
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import urllib.parse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM_PATH = "/_stcore/stream"
RERUN_TIMEOUT_S = 300.0
# elements whose presence means the script went wrong
ERROR_ELEMENTS = ("exception",)
ERROR_ALERT_FORMAT = 1  # Alert.Format.ERROR in streamlit/proto/Alert.proto


@dataclasses.dataclass
class Rerun:
    """What one script run sent back: its time, the numbers on its cards, its charts, its errors."""
    seconds: float                               # rerun BackMsg sent → script_finished received
    metrics: list[tuple[str, str]]               # (card label, card value) in page order
    charts: int                                  # Plotly charts drawn
    errors: list[str]                            # exceptions and error alerts, or a run that did not finish
    widgets: dict[str, str]                      # widget key → its id, for the next rerun's values


class ProtocolError(RuntimeError):
    """The server closed the session or never finished the script."""


def websocket_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urllib.parse.urlunsplit((scheme, parts.netloc, parts.path.rstrip("/") + STREAM_PATH, "", ""))


def widget_key(widget_id: str) -> str:
    """The key the page gave a widget: Streamlit's ids read `$$ID-<hash>-<key>`."""
    return widget_id.split("-", 2)[2] if widget_id.startswith("$$ID-") else widget_id


def rerun_message(query_string: str, page_script_hash: str, widgets: dict[str, str | int | bool]) -> bytes:
    """The BackMsg a browser sends to run the page with these widget values."""
    message = BackMsg()
    message.rerun_script.query_string = query_string
    message.rerun_script.page_script_hash = page_script_hash
    for widget_id, value in widgets.items():
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        if isinstance(value, bool):
            state.bool_value = value
        elif isinstance(value, int):
            state.int_value = value
        else:
            state.string_value = value
    return message.SerializeToString()


def read_element(element, rerun: Rerun) -> None:
    """Note what a person would read from one element of the page."""
    kind = element.WhichOneof("type")
    if kind == "metric":
        rerun.metrics.append((element.metric.label, element.metric.body))
    elif kind == "plotly_chart":
        rerun.charts += 1
    elif kind in ERROR_ELEMENTS:
        rerun.errors.append(f"{kind}: {element.exception.type}: {element.exception.message[:200]}")
    elif kind == "alert" and element.alert.format == ERROR_ALERT_FORMAT:
        rerun.errors.append(f"error alert: {element.alert.body[:200]}")
    widget = getattr(element, kind, None) if kind else None
    widget_id = getattr(widget, "id", "") if widget is not None else ""
    if widget_id.startswith("$$ID-"):
        rerun.widgets[widget_key(widget_id)] = widget_id


class Session:
    """One Streamlit session on one websocket (one browser tab's worth), rerun on demand."""

    def __init__(self, url: str, query_string: str = "lang=id", timeout_s: float = RERUN_TIMEOUT_S,
                 cookies: dict[str, str] | None = None):
        self.url = url
        self.cookies = cookies or {}  # e.g. nginx's sticky cookie, as a browser would send it
        self.query_string = query_string
        self.timeout_s = timeout_s
        self.pages: dict[str, str] = {}          # url path of a page ("" for home) → its page_script_hash
        self.widgets: dict[str, str] = {}        # widget key → id, as last seen
        self.connection = None
        self.process = ""                        # behind nginx: the process that holds this session

    async def __aenter__(self) -> "Session":
        # no keepalive pings of our own, as a browser sends none: a busy server answers them late, and the client
        # would close a session the server still serves (Streamlit's server pings the client; that is answered)
        self.connection = await websockets.connect(websocket_url(self.url), subprotocols=["streamlit"],
                                                   max_size=None, open_timeout=self.timeout_s, ping_interval=None,
                                                   additional_headers=self.cookie_header())
        self.process = self.connection.response.headers.get("X-Cakupan-Process", "")
        return self

    async def __aexit__(self, *exc) -> None:
        await self.connection.close()

    def cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())} if self.cookies else {}

    def widget_id(self, key: str) -> str:
        return self.widgets[key]

    async def rerun(self, page: str = "", widgets: dict[str, str | int | bool] | None = None) -> Rerun:
        """Run page `page` (its url path, "" for home) with these widget values (by id); what it sent back."""
        page_hash = self.pages.get(page, "")
        if page and not page_hash:
            raise KeyError(f"no page {page!r} in this app: {sorted(self.pages)}")
        started = time.perf_counter()
        await self.connection.send(rerun_message(self.query_string, page_hash, widgets or {}))
        rerun = Rerun(0.0, [], 0, [], {})
        try:
            async with asyncio.timeout(self.timeout_s):
                while not await self.receive(rerun):
                    pass
        except TimeoutError as late:
            raise ProtocolError(f"no script_finished within {self.timeout_s:g} s") from late
        rerun.seconds = time.perf_counter() - started
        self.widgets.update(rerun.widgets)
        return rerun

    async def receive(self, rerun: Rerun) -> bool:
        """Read one ForwardMsg into `rerun`; True once the script has finished."""
        try:
            data = await self.connection.recv()
        except websockets.ConnectionClosed as closed:
            raise ProtocolError(f"the server closed the session: {closed}") from closed
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            read_element(message.delta.new_element, rerun)
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
            if status != "FINISHED_SUCCESSFULLY":
                rerun.errors.append(f"script finished as {status}")
            return True
        return False
