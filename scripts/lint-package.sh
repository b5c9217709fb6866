#!/usr/bin/env bash
# publint and @arethetypeswrong/cli on the packed tarball (what users install).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tarball=$(npm pack --silent --pack-destination "$dir" | tail -n 1)
npx publint run "$dir/$tarball" --strict
# cli is a bin, not an importable entry; node10 resolution cannot see subpath exports by design.
npx attw "$dir/$tarball" --profile node16
