#!/bin/bash
# Side by side with mdcat (SPEC §10, issue 5): render the same markdown at the same
# width with `aws-study show` and `mdcat`, alternating the two in one hyperfine run,
# and print the ratio. Installs what it needs: hyperfine (Debian) and mdcat 2.19
# (cargo install --locked, into ./target/mdcat). Run from the project root:
#   scripts/compare-mdcat.sh [WIDTH]
set -euo pipefail
cd "$(dirname "$0")/.."
width=${1:-100}
seeds=../shared/seeds
work=$(mktemp -d /tmp/compare-mdcat.XXXXXX)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { apt-get install -y hyperfine >/dev/null 2>&1 || sudo apt-get install -y hyperfine; }
mdcat=$(command -v mdcat || true)
if [ -z "$mdcat" ] || ! "$mdcat" --version | grep -q '2\.19'; then
  [ -x target/mdcat/bin/mdcat ] || cargo install mdcat --locked --version 2.19.0 --root target/mdcat
  mdcat=$PWD/target/mdcat/bin/mdcat
fi
cargo build --release --quiet
bin=$PWD/target/release/aws-study

# The 30 KB course notes, loaded as user content; and a generated 5 MB document.
# Each in its own content directory, so one case never reads the other's file.
mkdir -p "$work/seed/en" "$work/big/en"
seed=$(ls "$seeds"/002_*.txt | head -1)
cp "$seed" "$work/seed/en/50-seed.md"
cp "$seed" "$work/seed.md"
python3 - "$work" <<'PY'
import os, random, sys
r = random.Random(1); parts = ["# Big document {#big}\n"]
words = "lambda glue athena redshift kinesis bucket policy role stack template state machine choice parallel map".split()
i = 0
while sum(map(len, parts)) < 5_000_000:
    i += 1
    parts.append(f"\n## Section {i} {{#s{i}}}\n\n" + " ".join(r.choice(words) for _ in range(120)) + "\n\n")
    parts.append("- item one\n  - nested *two*\n- `code` and **bold**\n\n| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n\n```\nfn main() {}\n```\n")
text = "".join(parts)
open(os.path.join(sys.argv[1], "big", "en", "51-big.md"), "w").write(text)
open(os.path.join(sys.argv[1], "big.md"), "w").write(text)
PY

export AWS_STUDY_DATA_DIR="$work/data"
ratio() { # name, markdown file, topic id, content dir
  local json="$work/$1.json"
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$json" \
    -n mdcat "$mdcat --columns $width $2" \
    -n aws-study "$bin show $3 --width $width --plain --lang en --content $4" >/dev/null
  python3 - "$json" "$1" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m, a = r["mdcat"]["median"], r["aws-study"]["median"]
print(f"{sys.argv[2]:>12}: mdcat {m*1000:7.1f} ms   aws-study {a*1000:7.1f} ms   ratio {a/m:.2f} (median of each)")
PY
}
echo "width $width; $(nproc) cores; $("$mdcat" --version | head -1)"
ratio seed-30kb "$work/seed.md" seed "$work/seed"
ratio big-5mb "$work/big.md" big "$work/big"
