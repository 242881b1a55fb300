#!/usr/bin/env python3
"""An independent count of what a WordPress export holds, with Python's own XML parser: the
figures `kpress import --format wxr --dry-run` must report. Usage: wxr_census.py EXPORT.xml"""
import json
import sys
import xml.etree.ElementTree as ET

def local(tag):
    return tag.rsplit("}", 1)[-1]

def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""

def is_wp(tag):
    ns = namespace(tag)
    return (ns.startswith("http://wordpress.org/export/") or ns.startswith("https://wordpress.org/export/")) \
        and not ns.endswith("/excerpt/")

def child_text(element, name):
    for child in element:
        if is_wp(child.tag) and local(child.tag) == name:
            return child.text or ""
    return ""

census = {"authors": 0, "terms": {}, "items": {}, "comments": {}, "protected": 0, "sticky": 0}
root = ET.parse(sys.argv[1]).getroot()
channel = next(c for c in root if local(c.tag) == "channel")
for element in channel:
    name = local(element.tag)
    if is_wp(element.tag) and name == "author":
        census["authors"] += 1
    elif is_wp(element.tag) and name in ("category", "tag", "term"):
        taxonomy = {"category": "category", "tag": "post_tag"}.get(name) or child_text(element, "term_taxonomy")
        census["terms"][taxonomy] = census["terms"].get(taxonomy, 0) + 1
    elif name == "item":
        kind, status = child_text(element, "post_type"), child_text(element, "status")
        census["items"].setdefault(kind, {})
        census["items"][kind][status] = census["items"][kind].get(status, 0) + 1
        if child_text(element, "post_password"):
            census["protected"] += 1
        if child_text(element, "is_sticky").strip() not in ("", "0"):
            census["sticky"] += 1
        for comment in element:
            if is_wp(comment.tag) and local(comment.tag) == "comment":
                ctype = child_text(comment, "comment_type") or "comment"
                approved = child_text(comment, "comment_approved")
                census["comments"].setdefault(ctype, {})
                census["comments"][ctype][approved] = census["comments"][ctype].get(approved, 0) + 1
print(json.dumps(census, sort_keys=True))
