#!/usr/bin/env python3
"""Publish-to-visible across nodes: signs in to the admin of one node, publishes COUNT articles
one after another, and after each acknowledged publish polls every node's home page until it
shows the new title. Prints one JSON object: the delays (ms) until the last node showed it.

usage: publish_to_visible.py EDITOR_PORT NODE_PORT,NODE_PORT,... EMAIL PASSWORD COUNT [PREFIX]
"""
import http.client
import json
import re
import sys
import time
import urllib.parse

editor_port, node_ports, email, password, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
prefix = sys.argv[6] if len(sys.argv) > 6 else "visible"
nodes = [int(p) for p in node_ports.split(",")]
cookies = {}


def request(port, method, path, fields=None, conn_cache={}):
    conn = conn_cache.get(port) or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn_cache[port] = conn
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if port == int(editor_port) else {}
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
    except (http.client.HTTPException, OSError):
        conn.close()
        conn_cache.pop(port, None)
        raise
    data = res.read().decode("utf-8", "replace")
    for value in res.headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return res.status, res.headers, data


def csrf(page):
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    return found.group(1) if found else ""


port = int(editor_port)
_, _, page = request(port, "GET", "/admin/login")
status, _, _ = request(port, "POST", "/admin/login", [("email", email), ("password", password), ("csrf", csrf(page))])
if status != 303:
    sys.exit(f"publish_to_visible: sign-in answered {status}")

delays = []
run = int(time.time())
for i in range(count):
    slug = f"{prefix}-{run}-{i}"
    title = f"Mesure {run} numero {i}"
    _, _, page = request(port, "GET", "/admin/articles/new")
    status, headers, _ = request(port, "POST", "/admin/articles",
                                 [("csrf", csrf(page)), ("title", title), ("slug", slug), ("body", "Texte.")])
    editor = headers.get("Location")
    _, _, page = request(port, "GET", editor)
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    status, _, _ = request(port, "POST", editor, [("csrf", csrf(page)), ("revision", revision), ("title", title),
                                                  ("slug", slug), ("body", "Texte."), ("action", "publish")])
    if status != 303:
        sys.exit(f"publish_to_visible: publishing answered {status}")
    acknowledged = time.monotonic()
    waiting = set(nodes)
    while waiting:
        for node in list(waiting):
            _, _, home = request(node, "GET", "/")
            if title in home:
                waiting.discard(node)
        if time.monotonic() - acknowledged > 30:
            sys.exit(f"publish_to_visible: {slug} not shown on {sorted(waiting)} after 30 s")
    delays.append((time.monotonic() - acknowledged) * 1000)

delays.sort()
pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(json.dumps({"publishes": len(delays), "p50_ms": round(pick(0.5), 1), "p99_ms": round(pick(0.99), 1),
                  "max_ms": round(delays[-1], 1)}))
