#!/usr/bin/env python3
"""A game backend's receiver of Coinslot webhooks, in Python: the standard library plus `cryptography`.

It verifies each webhook exactly as the pay server signs it (Standard Webhooks headers; Ed25519 `v1a` by default,
HMAC-SHA256 `v1` with a secret), records the event once per `webhook-id` in SQLite, prints it as one JSON line on
stdout, and answers 204. A webhook that does not verify gets 400 and changes nothing.

    python3 receiver.py --public-key whpk_... [--port 8788] [--db events.sqlite3]
    COINSLOT_WEBHOOK_SECRET=whsec_... python3 receiver.py    # when the pay server signs with HMAC

The public key can also come from COINSLOT_WEBHOOK_PUBLIC_KEY. The HMAC secret comes only from the environment
(COINSLOT_WEBHOOK_SECRET): a command line is visible to every user of the machine (`ps`).
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import signal
import sqlite3
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PUBLIC_KEY_PREFIX = "whpk_"
SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300
MAX_BODY_BYTES = 1 << 20
EVENT_TYPES = {
    "bill.paid",
    "bill.failed",
    "bill.cancelled",
    "bill.expired",
    "bill.delivered",
    "bill.refunded",
    "bill.charged_back",
}


class Refused(Exception):
    """A webhook that is not the pay server's: answered 400, nothing recorded."""


def decode_base64(text):
    """Standard padded base64, strictly: one spelling per byte string, or None."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode("ascii") == text else None


def key_bytes(text, prefix):
    raw = decode_base64(text[len(prefix):]) if text.startswith(prefix) else None
    if raw is None:
        raise SystemExit(f"receiver: the key must be {prefix} followed by standard padded base64")
    return raw


class Verifier:
    """Checks a webhook's headers and raw body; returns the event, or raises Refused."""

    def __init__(self, public_key=None, secret=None, tolerance=TOLERANCE_SECONDS, clock=time.time):
        self.public_key = None
        if public_key:
            raw = key_bytes(public_key, PUBLIC_KEY_PREFIX)
            if len(raw) != 32:
                raise SystemExit("receiver: an Ed25519 public key has 32 bytes")
            self.public_key = Ed25519PublicKey.from_public_bytes(raw)
        self.secret = key_bytes(secret, SECRET_PREFIX) if secret else None
        if self.secret is not None and not 24 <= len(self.secret) <= 64:
            raise SystemExit("receiver: a webhook secret has 24 to 64 bytes")
        if self.public_key is None and self.secret is None:
            raise SystemExit("receiver: give --public-key whpk_... or COINSLOT_WEBHOOK_SECRET=whsec_...")
        self.tolerance = tolerance
        self.clock = clock

    def verify(self, headers, body):
        event_id = single_header(headers, "webhook-id")
        timestamp = single_header(headers, "webhook-timestamp")
        signatures = single_header(headers, "webhook-signature")
        if not re.fullmatch(r"[0-9]{1,15}", timestamp):
            raise Refused("webhook-timestamp is not integer seconds")
        if abs(self.clock() - int(timestamp)) > self.tolerance:
            raise Refused(f"webhook-timestamp is more than {self.tolerance} s from this clock")
        content = f"{event_id}.{timestamp}.".encode("utf-8") + body
        if not any(self.entry_signs(entry, content) for entry in signatures.split(" ")):
            raise Refused("no signature verifies with the configured key")
        return {"id": event_id, **read_event(body)}

    def entry_signs(self, entry, content):
        scheme, _, encoded = entry.partition(",")
        signature = decode_base64(encoded)
        if signature is None:
            return False
        if scheme == "v1a" and self.public_key is not None and len(signature) == 64:
            try:
                self.public_key.verify(signature, content)
                return True
            except InvalidSignature:
                return False
        if scheme == "v1" and self.secret is not None:
            expected = hmac.new(self.secret, content, hashlib.sha256).digest()
            return hmac.compare_digest(expected, signature)
        return False


def single_header(headers, name):
    values = headers.get_all(name) or []
    if len(values) != 1 or values[0] == "":
        raise Refused(f"no single {name} header")
    return values[0]


def read_event(body):
    try:
        event = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("the signed body is not UTF-8 JSON") from None
    data = event.get("data") if isinstance(event, dict) else None
    if isinstance(event, dict) and event.get("type") == "reconciliation.mismatch":
        # A reconciliation found mismatches (docs/reconciliation.md): no bill, data.reconciliation instead.
        run = data.get("reconciliation") if isinstance(data, dict) else None
        if not isinstance(run, dict) or not isinstance(run.get("id"), str):
            raise Refused("the signed body is not a reconciliation.mismatch event")
        return event
    bill = data.get("bill") if isinstance(data, dict) else None
    if (
        not isinstance(bill, dict)  # also when the body is not an object
        or not isinstance(bill.get("id"), str)
        or event.get("type") not in EVENT_TYPES
        or not isinstance(event.get("timestamp"), str)
    ):
        raise Refused("the signed body is not an event ({ type, timestamp, data: { bill } })")
    return event


class EventLog:
    """Events by id in SQLite. A real backend grants the item in the same transaction as this insert."""

    def __init__(self, path):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, bill_id TEXT NOT NULL,"
            " body TEXT NOT NULL, received_at REAL NOT NULL)"
        )
        self.db.commit()
        self.lock = threading.Lock()

    def record(self, event, body):
        """True for a new event, False for one recorded before (a retry: answer 2xx, grant nothing)."""
        with self.lock, self.db:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO events (id, type, bill_id, body, received_at) VALUES (?, ?, ?, ?, ?)",
                (event["id"], event["type"], event["data"]["bill"]["id"], body.decode("utf-8"), time.time()),
            )
            # Grant here, with the same connection, when event["type"] == "bill.paid" and this is a new event.
            return cursor.rowcount == 1


def handler_for(verifier, log, path):
    class WebhookHandler(BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path != path:
                return self.answer(404, "no such path")
            length = self.headers.get("content-length", "")
            if not length.isdigit() or int(length) > MAX_BODY_BYTES:
                return self.answer(400, "a body with a content-length of at most 1 MiB")
            body = self.rfile.read(int(length))
            try:
                event = verifier.verify(self.headers, body)
            except Refused as refused:
                emit({"refused": str(refused), "webhookId": self.headers.get("webhook-id")})
                return self.answer(400, str(refused))
            if event["type"] == "reconciliation.mismatch":
                run = event["data"]["reconciliation"]
                emit({"id": event["id"], "type": event["type"], "reconciliation": run["id"],
                      "mismatches": run.get("mismatches")})
                return self.answer(204)
            new = log.record(event, body)
            bill = event["data"]["bill"]
            emit({"id": event["id"], "type": event["type"], "billId": bill["id"], "state": bill.get("state"),
                  "duplicate": not new})
            self.answer(204)

        def do_GET(self):
            self.answer(405, "webhooks are POSTed")

        def answer(self, status, message=None):
            body = json.dumps({"error": message}).encode("utf-8") if message else b""
            self.send_response(status)
            if body:
                self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            sys.stderr.write("receiver: " + (format % args) + "\n")

    return WebhookHandler


def emit(record):
    print(json.dumps(record), flush=True)


def main():
    parser = argparse.ArgumentParser(description="Receive Coinslot webhooks.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8788, help="0 picks a free port (printed at start)")
    parser.add_argument("--path", default="/coinslot/events")
    parser.add_argument("--public-key", default=os.environ.get("COINSLOT_WEBHOOK_PUBLIC_KEY"))
    parser.add_argument("--db", default="events.sqlite3", help="the SQLite file of received events")
    parser.add_argument("--tolerance", type=int, default=TOLERANCE_SECONDS, help="seconds (default 300)")
    args = parser.parse_args()

    verifier = Verifier(args.public_key, os.environ.get("COINSLOT_WEBHOOK_SECRET"), args.tolerance)
    server = ThreadingHTTPServer((args.host, args.port), handler_for(verifier, EventLog(args.db), args.path))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    host, port = server.server_address[:2]
    emit({"listening": f"http://{host}:{port}{args.path}"})
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
