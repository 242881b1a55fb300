#!/usr/bin/env python3
"""A large WordPress export for the import benchmark: the theme unit test data's posts (with
their categories, tags, metadata and comments) multiplied with new ids until the file holds
POSTS posts and about COMMENTS comments. Written as a stream, line by line, never held whole.

Usage: synthetic_wxr.py THEME_TEST_DATA.xml POSTS COMMENTS OUT.xml
"""
import re
import sys

source, posts_wanted, comments_wanted, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
text = open(source, encoding="utf-8").read()
start = text.index("<item>")
end = text.rindex("</item>") + len("</item>")
header, footer = text[:start], text[end:]
items = re.findall(r"<item>.*?</item>", text[start:end], flags=re.S)
posts = [i for i in items if "<wp:post_type><![CDATA[post]]></wp:post_type>" in i and
         "<wp:status><![CDATA[publish]]></wp:status>" in i]
if not posts:
    sys.exit(f"{source}: no published post to multiply")

comment_re = re.compile(r"<wp:comment>.*?</wp:comment>", re.S)
template_comment = None
for p in posts:
    found = comment_re.search(p)
    if found:
        template_comment = found.group(0)
        break

def renumbered_comments(item, first_id, count):
    """The item's comments replaced by `count` comments with ids from first_id, threaded by twos."""
    item = comment_re.sub("", item)
    made = []
    for n in range(count):
        cid = first_id + n
        parent = cid - 1 if n % 2 else 0
        c = re.sub(r"<wp:comment_id>\d+</wp:comment_id>", f"<wp:comment_id>{cid}</wp:comment_id>", template_comment)
        c = re.sub(r"<wp:comment_parent>\d+</wp:comment_parent>", f"<wp:comment_parent>{parent}</wp:comment_parent>", c)
        c = re.sub(r"<wp:comment_approved>[^<]*</wp:comment_approved>", "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>", c)
        made.append(c)
    return item.replace("</item>", "".join(made) + "</item>")

per_post = comments_wanted / posts_wanted
with open(out_path, "w", encoding="utf-8") as out:
    out.write(header)
    next_comment = 1_000_000
    owed = 0.0
    for n in range(posts_wanted):
        item = posts[n % len(posts)]
        post_id = 100_000 + n
        item = re.sub(r"<wp:post_id>\d+</wp:post_id>", f"<wp:post_id>{post_id}</wp:post_id>", item)
        item = re.sub(r"<wp:post_name><!\[CDATA\[([^\]]*)\]\]></wp:post_name>",
                      lambda m: f"<wp:post_name><![CDATA[{m.group(1) or 'post'}-{post_id}]]></wp:post_name>", item)
        item = re.sub(r"<link>([^<]*?)/?</link>", lambda m: f"<link>{m.group(1)}-{post_id}/</link>", item, count=1)
        item = re.sub(r"<wp:is_sticky>1</wp:is_sticky>", "<wp:is_sticky>0</wp:is_sticky>", item)
        owed += per_post
        count = int(owed)
        owed -= count
        item = renumbered_comments(item, next_comment, count)
        next_comment += count
        out.write(item)
        out.write("\n")
    out.write(footer)
