#!/usr/bin/env bash
# Writes history.git beside this script: a bare repository with two tagged
# releases of the design examples, for diff.trycmd. v2 flips entry 2 of the
# crosswalk from 準対応 to 対応, rewords the base item kitei-3 and adds a
# glossary term. Run it again after changing the examples; the dates and
# names are fixed, so the same input gives the same commits.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
examples="$here/../../../../tests/fixtures/examples"
export GIT_AUTHOR_NAME=sc3 GIT_AUTHOR_EMAIL=sc3@example.com
export GIT_COMMITTER_NAME=sc3 GIT_COMMITTER_EMAIL=sc3@example.com
export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q -b main
cp -r "$examples/guidelines" "$examples/mappings" "$work/"
git -C "$work" add -A
git -C "$work" commit -q -m v1
git -C "$work" tag v1
cw="$work/mappings/example-assoc@2.0--example-base@1.0.toml"
python3 - "$cw" "$work/guidelines/example-base/1.0.toml" "$work/guidelines/glossary/common.toml" <<'PY'
import sys
cw, base, glossary = sys.argv[1:]
s = open(cw).read()
s = s.replace('relation = "partial"\ntargets = ["kitei-3"]\nstrm = "subset-of"', 'relation = "covered"\ntargets = ["kitei-3"]\nstrm = "superset-of"', 1)
open(cw, "w").write(s)
s = open(base).read()
s = s.replace('title = "情報資産を洗い出し、重要度に応じて管理する"', 'title = "情報資産を洗い出し、重要度と保管場所を記録する"', 1)
open(base, "w").write(s)
open(glossary, "a").write('\n[[term]]\npreferred = "ユーザー"\nvariants = ["ユーザ"]\n')
PY
GIT_AUTHOR_DATE=2026-02-01T00:00:00Z GIT_COMMITTER_DATE=2026-02-01T00:00:00Z git -C "$work" commit -q -am v2
git -C "$work" tag v2
rm -rf "$here/history.git"
git clone -q --bare "$work" "$here/history.git"
git -C "$here/history.git" repack -q -a -d
rm -rf "$here/history.git/hooks" "$here/history.git/info" "$here/history.git/description" "$here/history.git/logs"
