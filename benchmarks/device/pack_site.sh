#!/bin/bash
# Pack Annales' dependencies for the lent 16-core machine (issue 13's scaling series).
#
# That machine runs CPython 3.12 with no package index. This builds, here, one folder of the
# packages its image lacks (for CPython 3.12, manylinux x86-64), strips debug symbols and the parts
# of Ray we never load, and writes it xz-packed in parts of at most 42 MB into .devw/ (ignored by
# git, see .gitignore), each small enough to travel with the working tree (64 MiB
# a call). Then, on the machine, one call per part but the last, each carrying that part:
# `mkdir -p /tmp/p && cp .devw/part.* /tmp/p/`; and a last call carrying the last part (and
# .devw/html for the pages rows): `bash benchmarks/device/run_scaling.sh`. The machine stays warm only
# 30 s after a call: make the calls back to back.
#
# Usage: bash benchmarks/device/pack_site.sh        (about 5 minutes; needs pip's network or cache)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
platforms=(--platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_24_x86_64
           --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform manylinux_2_5_x86_64
           --platform manylinux1_x86_64 --platform any)
python -m pip download -q --only-binary=:all: --python-version 3.12 --implementation cp "${platforms[@]}" \
    -d "$work/wheels" '.[ray]'
# what the machine's image already has (KINDS.md of the device tool), and Annales itself (carried as source)
present=" annales annotated_doc anyio attrs certifi charset_normalizer click filelock fsspec h11 hf_xet httpcore
 httpx huggingface_hub idna jinja2 lxml markdown_it_py markupsafe mdurl msgpack numpy packaging pandas protobuf
 pyarrow pygments python_dateutil pyyaml regex requests rich safetensors scipy setuptools shellingham six
 tokenizers tqdm typer typing_extensions urllib3 wrapt"
present=" $(echo $present) "  # one line, a space on each side of every name
for wheel in "$work"/wheels/*.whl; do
    base=$(basename "$wheel")
    name=$(echo "${base%%-*}" | tr 'A-Z.-' 'a-z__')
    if [[ "$present" == *" $name "* ]]; then rm -f "$wheel"; fi
done
python -m pip install -q --no-index --no-deps --no-compile --target "$work/site" --python-version 3.12 \
    --implementation cp --only-binary=:all: "${platforms[@]}" "$work"/wheels/*.whl
cd "$work/site"
rm -rf ray/jars ray/rllib ray/serve ray/llm ray/tune ray/train ray/dashboard/client/build  # never loaded by us
find babel/locale-data -type f ! -name 'en*' ! -name 'root*' -delete  # English news only
find . -name tests -type d -prune -exec rm -rf {} +
find . -type f \( -name "*.so" -o -name "*.so.*" -o -path "*/core/src/ray/*" \) -exec strip --strip-unneeded {} \; 2>/dev/null || true
cd - >/dev/null
mkdir -p .devw && rm -f .devw/part.*
tar cf - -C "$work/site" . | xz -9 -T0 | split -b 42000000 - .devw/part.
ls -la .devw/part.*
rm -rf "$work"
