#!/usr/bin/env python3
"""Prints a JSON or JSON Lines report without its `reason_details` fields, in
the layout Veracity writes (pretty JSON, or one compact object a line), so that
a report of schema version 1 from before `reason_details` existed can be
compared byte for byte: scripts/without-reason-details.py new.json | cmp - old.json"""
import json
import sys


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k != "reason_details"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


text = open(sys.argv[1], encoding="utf-8").read()
try:
    whole = json.loads(text)
    sys.stdout.write(json.dumps(strip(whole), indent=2, ensure_ascii=False) + "\n")
except json.JSONDecodeError:
    for line in text.splitlines():
        sys.stdout.write(json.dumps(strip(json.loads(line)), ensure_ascii=False, separators=(",", ":")) + "\n")
