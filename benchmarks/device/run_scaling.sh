#!/bin/bash
# On the lent 16-core machine: unpack the carried packages (pack_site.sh), then run the scaling series.
# Writes its rows to $OUT (the device tool brings them back). The 3,000-document wire series takes
# about 8.5 minutes there; the pages rows need .devw/html (a copy of ../shared/data/extraction/html).
set -u
cd "$(dirname "$0")/../.."
export PYTHONUNBUFFERED=1
if [ ! -d /tmp/site/spacy ]; then
  mkdir -p /tmp/p /tmp/site && cp .devw/part.* /tmp/p/ 2>/dev/null
  cat /tmp/p/part.* | xz -d -T0 | tar x -C /tmp/site || { echo "unpack failed: are all parts there? $(ls /tmp/p)"; exit 3; }
fi
export PYTHONPATH=/tmp/site:$PWD/src
echo "cores $(nproc); $(python3 -V); load $(cat /proc/loadavg)"
python3 -c "import spacy, duckdb, ray, annales; print('spacy', spacy.__version__, 'duckdb', duckdb.__version__, 'ray', ray.__version__)"
python3 benchmarks/bench_scaling.py --corpus wire --docs 3000 --rows "$OUT/wire.jsonl" > "$OUT/wire.md" 2> "$OUT/wire.err"
echo "wire exit $?"; cat "$OUT/wire.md"
if [ -d .devw/html ]; then
  mkdir -p ../shared/data/extraction && ln -sfn "$PWD/.devw/html" ../shared/data/extraction/html
  python3 benchmarks/bench_scaling.py --corpus pages --docs 181 --workers 16 1 --executors local \
      --rows "$OUT/pages.jsonl" > "$OUT/pages.md" 2> "$OUT/pages.err"
  echo "pages exit $?"; cat "$OUT/pages.md"
fi
