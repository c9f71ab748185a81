#!/usr/bin/env bash
# Makes FerretDB 1.24.2's SQLite backend find documents by _id through its _id index.
#
# The bug, measured here: a lookup by _id ran `WHERE _ferretdb_sjson->'$._id' = ?`, while the unique
# _id index is on the expression `_ferretdb_sjson->"_id"`. SQLite only uses an expression index for the
# same expression, written the same way, so every findOne / updateOne / deleteOne by _id scanned the
# whole table and parsed every document's JSON (EXPLAIN QUERY PLAN: "SCAN" instead of "SEARCH ... USING
# INDEX"). With 2,000 documents a findOne by _id took 9.4 ms and an updateOne 58 ms, and both grew with
# the collection; the saga collapsed at 10 orders/s after a few hundred orders.
#
# The fix writes the query's expression the way the index is written (both mean the top-level field
# "_id"); existing databases keep working, as their index already has that form.
#
# Usage: ferretdb-id-index.sh <writable copy of the FerretDB v1.24.2 module source>
set -euo pipefail
file="$1/internal/backends/sqlite/metadata/metadata.go"
before="IDColumn = DefaultColumn + \"->'\$._id'\""
after='IDColumn = DefaultColumn + `->"_id"`'
if ! grep -qF "$before" "$file"; then
  echo "ferretdb-id-index: '$before' not found in $file (another FerretDB version?)" >&2
  exit 1
fi
sed -i "s|$(printf '%s' "$before" | sed 's/[.[\*^$|]/\\&/g')|$after|" "$file"
grep -qF "$after" "$file" || { echo "ferretdb-id-index: patch did not apply" >&2; exit 1; }
