#!/usr/bin/env bash
# Refresh the PaddleX import from an upstream checkout (.github/workflows/paddlex.yml runs it weekly).
#
# usage: tools/refresh_paddlex.sh UPSTREAM [BODY_FILE]
#
# Runs tools/import_paddlex.py on UPSTREAM, a git checkout of PaddlePaddle/PaddleX. When data/ changed, it
# commits the change on a new branch, paddlex/<first 10 digits of the lists' last upstream commit>, writes the pull
# request's body to BODY_FILE (default paddlex-pr-body.md): the upstream commit and `make diff` against the
# commit it started from, cut to the length GitHub accepts. It prints branch=<name>, or "unchanged" when the
# import changed nothing. A failed import (a new upstream defect, say) fails the script with its messages.
# PYTHON names the interpreter (default .venv/bin/python, which `make check` sets up).
set -euo pipefail

upstream=$1
body=${2:-paddlex-pr-body.md}
python=${PYTHON:-.venv/bin/python}
# A pull request body holds at most 65536 characters; the rest of the summary is left to `make diff`.
limit=60000

start=$(git rev-parse HEAD)
"$python" tools/import_paddlex.py "$upstream"
if git diff --quiet -- data && [ -z "$(git ls-files --others --exclude-standard -- data)" ]; then
  echo "unchanged"
  exit 0
fi

# The commit the import credits: the last one that changed the lists.
commit=$(git -C "$upstream" log -1 --format=%H -- docs/support_list)
branch="paddlex/${commit:0:10}"
git checkout -q -b "$branch"
git add -- data
git commit -q -m "Import PaddleX's model lists at PaddlePaddle/PaddleX@${commit:0:10}"

summary=$("$python" tools/diff.py "$start")
{
  echo "Imported PaddleX's model lists (docs/support_list) at PaddlePaddle/PaddleX@${commit} by tools/refresh_paddlex.sh."
  echo
  echo "$summary"
} > "$body"
size=$(wc -c < "$body")
if [ "$size" -gt "$limit" ]; then
  # Cut at a line end, and say where the rest is.
  head -c "$limit" "$body" | sed '$d' > "$body.cut"
  printf '\n…the summary goes on (%s bytes in all): run `make diff BASE=%s` on this branch to read all of it.\n' \
    "$size" "${start:0:10}" >> "$body.cut"
  mv "$body.cut" "$body"
fi
echo "branch=$branch"
