#!/usr/bin/env python3
"""Serves the durable broker's bucket with localbucket, listing only the folder a prefix names.

    python3 scripts/localbucket-serve.py LOCALBUCKET_PY DATA_ROOT --host 127.0.0.1 --port N

localbucket (the pinned wheel in .deps/bin/localbucket.py) answers every ListObjectsV2 by
walking the whole bucket with os.walk, then filtering by prefix. Tansu's S3 storage engine
lists a partition's `records/` prefix on every fetch, so each fetch cost grew with every object
of every topic and consumer group the broker ever stored: the root of the durable broker's
slow fetches (docs/BENCHMARKS.md, issue 13). Keys are paths under the bucket folder, so every
key starting with `a/b/c` lies under the folder `a/b`: walking only that folder gives the same
listing (same keys, same order, same paging) at a cost that grows with that folder alone.

Only localbucket 1.2.1 is patched (the version bootstrap.sh pins); another version is served
unchanged, with a warning, rather than patched blindly.
"""
import importlib.util
import os
import sys
from pathlib import Path

PATCHED_VERSION = "1.2.1"


def load(path):
    spec = importlib.util.spec_from_file_location("localbucket", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["localbucket"] = module
    spec.loader.exec_module(module)
    return module


def patch(localbucket):
    original = localbucket.S3Handler._list_entries

    def list_entries(self, bucket_dir, prefix, delimiter, marker, marker_is_prefix, max_keys):
        folder = prefix.rpartition("/")[0]
        if not folder:
            return original(self, bucket_dir, prefix, delimiter, marker, marker_is_prefix, max_keys)
        root = Path(bucket_dir)
        start = (root / folder).resolve()
        if not start.is_relative_to(root.resolve()):
            return original(self, bucket_dir, prefix, delimiter, marker, marker_is_prefix, max_keys)
        if not start.is_dir():
            return [], [], False, ""
        # The original's loop, over the prefix's folder instead of the whole bucket: the same
        # key filter, byte order, delimiter grouping and max-keys paging.
        keys = []
        for directory, _, files in os.walk(root / folder):
            for name in files:
                if name.startswith(localbucket.TEMP_PREFIX):
                    continue
                path = Path(directory, name)
                keys.append((path.relative_to(root).as_posix(), path))
        keys.sort(key=lambda item: item[0].encode())
        contents, common_prefixes, truncated, last_entry = [], [], False, ""
        for key, path in keys:
            if not key.startswith(prefix):
                continue
            if marker and (key.encode() <= marker.encode() or (marker_is_prefix and key.startswith(marker))):
                continue
            common = ""
            if delimiter:
                index = key.find(delimiter, len(prefix))
                if index >= 0:
                    common = key[: index + len(delimiter)]
            if common and common_prefixes and common_prefixes[-1] == common:
                continue
            if len(contents) + len(common_prefixes) >= max_keys:
                truncated = max_keys > 0
                break
            if common:
                common_prefixes.append(common)
                last_entry = "P:" + common
            else:
                contents.append((key, path))
                last_entry = "K:" + key
        return contents, common_prefixes, truncated, last_entry

    localbucket.S3Handler._list_entries = list_entries


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: localbucket-serve.py LOCALBUCKET_PY DATA_ROOT [localbucket options]")
    localbucket = load(sys.argv[1])
    if getattr(localbucket, "__version__", None) == PATCHED_VERSION:
        patch(localbucket)
    else:
        print(f"localbucket-serve: localbucket {getattr(localbucket, '__version__', '?')} is not "
              f"{PATCHED_VERSION}; listing the whole bucket on every request (slow fetches)", file=sys.stderr)
    sys.argv = [sys.argv[1]] + sys.argv[2:]
    localbucket.main()


if __name__ == "__main__":
    main()
