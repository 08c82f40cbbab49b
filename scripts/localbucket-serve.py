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

That still grew with the partition: a fetch lists every object of its partition, and at 10,000
calls a partition holds thousands (the broker-restart row of docs/RELIABILITY.md). So a folder
that holds only files (Tansu's `records/`) is also indexed in memory: its names sorted in S3's
byte order, each with its `<Contents>` element rendered once, kept in step by this server's own
writes and deletes (the only way objects change). A ListObjectsV2 page without a delimiter or
URL encoding is then a binary search and a join of at most 1,000 rendered entries, byte for
byte the response localbucket would have sent (Tests/Scripts/test_localbucket_serve.py).

Only localbucket 1.2.1 is patched (the version bootstrap.sh pins); another version is served
unchanged, with a warning, rather than patched blindly.
"""
import base64
import bisect
import importlib.util
import os
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from xml.sax.saxutils import escape

PATCHED_VERSION = "1.2.1"


def load(path):
    spec = importlib.util.spec_from_file_location("localbucket", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["localbucket"] = module
    spec.loader.exec_module(module)
    return module


def patch(localbucket):
    """Lists only the prefix's folder, and serves leaf folders' listings from an index."""
    patch_walk(localbucket)
    patch_index(localbucket)


def patch_walk(localbucket):
    original = localbucket.S3Handler._list_entries

    def list_entries(self, bucket_dir, prefix, delimiter, marker, marker_is_prefix, max_keys):
        folder = prefix.rpartition("/")[0]
        if not folder:
            return original(self, bucket_dir, prefix, delimiter, marker, marker_is_prefix, max_keys)
        root = Path(bucket_dir)
        start = (root / folder).resolve()
        if not start.is_relative_to(root.resolve()) or start.relative_to(root.resolve()).as_posix() != folder:
            # "..", ".", "//" or a link in the prefix: no key is that folder's name plus a file's
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


class FolderIndex:
    """The files of folders without subfolders, sorted by name as S3 sorts keys (UTF-8 bytes).

    `names[folder]` is the sorted list of a folder's file names (bytes) and `entries[folder]`
    each name's rendered `<Contents>` element, or None until it is first listed. A folder is
    indexed on its first listing and then changed only by `added` and `removed`, which the
    server calls after each write and delete it makes; the lock makes a listing see either the
    state before or after a change, never half of one.
    """

    def __init__(self, localbucket):
        self.localbucket = localbucket
        self.lock = threading.Lock()
        self.names = {}
        self.entries = {}

    def page(self, folder, bucket_dir, name_prefix, after, max_keys):
        """The rendered entries of up to max_keys names starting with name_prefix and sorting
        after `after` (bytes, or None), whether more follow, and the last name; None when the
        folder has subfolders (the caller then lists the slow way)."""
        with self.lock:
            names = self.names.get(folder)
            if names is None:
                names = self._scan(folder)
                if names is None:
                    return None
            start = bisect.bisect_left(names, name_prefix)
            if after is not None:
                start = max(start, bisect.bisect_right(names, after))
            entries = self.entries[folder]
            rendered, last, truncated = [], None, False
            for index in range(start, len(names)):
                name = names[index]
                if not name.startswith(name_prefix):
                    break
                if len(rendered) >= max_keys:
                    truncated = max_keys > 0
                    break
                entry = entries.get(name)
                if entry is None:
                    try:
                        entry = self._render(folder, bucket_dir, name)
                    except FileNotFoundError:
                        continue  # being deleted: its `removed` is on its way
                    entries[name] = entry
                rendered.append(entry)
                last = name
            return rendered, truncated, last

    def added(self, folder, name):
        """A file was written (or rewritten) in folder: index it; a folder above it that was
        indexed as a leaf now has a subfolder, so it is dropped."""
        with self.lock:
            names = self.names.get(folder)
            if names is not None:
                index = bisect.bisect_left(names, name)
                if index == len(names) or names[index] != name:
                    names.insert(index, name)
                self.entries[folder][name] = None
            parent = os.path.dirname(folder)
            while parent and parent != folder:
                if parent in self.names:
                    del self.names[parent]
                    del self.entries[parent]
                folder, parent = parent, os.path.dirname(parent)

    def removed(self, folder, name):
        """A file was deleted from folder."""
        with self.lock:
            names = self.names.get(folder)
            if names is None:
                return
            index = bisect.bisect_left(names, name)
            if index < len(names) and names[index] == name:
                del names[index]
            self.entries[folder].pop(name, None)

    def forget(self):
        """Drops every folder (a bucket was deleted)."""
        with self.lock:
            self.names.clear()
            self.entries.clear()

    def _scan(self, folder):
        names = []
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    if entry.is_dir(follow_symlinks=False):
                        return None
                    if not entry.name.startswith(self.localbucket.TEMP_PREFIX):
                        names.append(os.fsencode(entry.name))
        except FileNotFoundError:
            pass
        names.sort()
        self.names[folder] = names
        self.entries[folder] = {}
        return names

    def _render(self, folder, bucket_dir, name):
        localbucket = self.localbucket
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
        stat = path.stat()
        key = path.relative_to(bucket_dir).as_posix()
        return (
            f"<Contents><Key>{escape(key)}</Key>"
            f"<LastModified>{localbucket.iso_timestamp(stat.st_mtime)}</LastModified>"
            f"<ETag>\"{localbucket.object_etag(path)}\"</ETag><Size>{stat.st_size}</Size>"
            f"<StorageClass>STANDARD</StorageClass></Contents>"
        )


def patch_index(localbucket):
    handler = localbucket.S3Handler
    index = FolderIndex(localbucket)
    handler.folder_index = index
    list_v2, write_object, delete_object, delete_bucket = (
        handler._list_objects_v2, handler._write_object, handler._delete_object, handler._delete_bucket)

    def indexed_page(self, bucket):
        """The response body of a ListObjectsV2 served from the index, or None to list the
        slow way (a delimiter, URL encoding, the bucket's root, a folder with subfolders)."""
        query = self.query
        prefix = query.get("prefix", "")
        folder, _, name_prefix = prefix.rpartition("/")
        if not folder or query.get("delimiter") or query.get("encoding-type"):
            return None
        bucket_dir = self._bucket_dir(bucket).resolve()
        start = (bucket_dir / folder).resolve()
        if not start.is_relative_to(bucket_dir) or start.relative_to(bucket_dir).as_posix() != folder:
            return None  # "..", ".", "//" or a link in the prefix: the keys are not folder + name
        max_keys = self._max_keys()
        start_after = query.get("start-after", "")
        token = query.get("continuation-token")
        marker = start_after
        if token is not None:
            try:
                decoded = base64.urlsafe_b64decode(token.encode()).decode()
            except ValueError:
                decoded = ""
            if not decoded.startswith("K:"):
                return None  # localbucket answers a malformed token (and a prefix token)
            marker = decoded[2:]
        folder_key = (folder + "/").encode()
        after = None
        if marker:
            marker_bytes = marker.encode()
            if marker_bytes.startswith(folder_key):
                after = marker_bytes[len(folder_key):]
            elif marker_bytes > folder_key:
                after = b"\xff" * 1024  # after every key of the folder
        page = index.page(str(start), bucket_dir, name_prefix.encode(), after, max_keys)
        if page is None:
            return None
        rendered, truncated, last = page
        parts = [
            "<?xml version='1.0' encoding='UTF-8'?>\n",
            f'<ListBucketResult xmlns="{localbucket.S3_NAMESPACE}"><Name>{escape(bucket)}</Name>',
            f"<Prefix>{escape(prefix)}</Prefix><MaxKeys>{max_keys}</MaxKeys>",
            f"<KeyCount>{len(rendered)}</KeyCount><IsTruncated>{'true' if truncated else 'false'}</IsTruncated>",
        ]
        if token is not None:
            parts.append(f"<ContinuationToken>{escape(token)}</ContinuationToken>")
        if truncated:
            last_key = (folder_key + last).decode()
            parts.append("<NextContinuationToken>"
                         + base64.urlsafe_b64encode(("K:" + last_key).encode()).decode()
                         + "</NextContinuationToken>")
        if start_after:
            parts.append(f"<StartAfter>{escape(start_after)}</StartAfter>")
        parts.extend(rendered)
        parts.append("</ListBucketResult>")
        return "".join(parts).encode()

    def list_objects_v2(self, bucket):
        body = indexed_page(self, bucket)
        if body is None:
            return list_v2(self, bucket)
        self._send(HTTPStatus.OK, body, {"Content-Type": "application/xml"})

    def indexed_write(self, bucket, key, write):
        etag = write_object(self, bucket, key, write)
        target = self._object_path(bucket, key)
        index.added(str(target.parent), os.fsencode(target.name))
        return etag

    def indexed_delete(self, bucket, key):
        target = self._object_path(bucket, key)
        try:
            delete_object(self, bucket, key)
        finally:
            index.removed(str(target.parent), os.fsencode(target.name))

    def indexed_delete_bucket(self, bucket):
        try:
            delete_bucket(self, bucket)
        finally:
            index.forget()

    handler._list_objects_v2 = list_objects_v2
    handler._write_object = indexed_write
    handler._delete_object = indexed_delete
    handler._delete_bucket = indexed_delete_bucket


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
