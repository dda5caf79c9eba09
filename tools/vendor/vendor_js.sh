#!/usr/bin/env bash
# Re-vendor the explorer's JavaScript libraries from npm into src/annales/web/static/vendor/.
#
# Pinned versions (change them here, run this script, look at the pages, commit the result):
#   echarts 6.1.0 (Apache-2.0; bundles zrender, BSD-3-Clause, and tslib, 0BSD): a custom build of
#     the charts and components we use (tools/vendor/echarts-entry.js), made with esbuild 0.28.2 (MIT)
#   leaflet 1.9.4 (BSD-2-Clause) and leaflet.markercluster 1.5.3 (MIT): copied from their dist/
# Needs node and npm, and the network once; the explorer itself never downloads anything.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=src/annales/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cp tools/vendor/echarts-entry.js "$WORK/entry.js"
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
    echarts@6.1.0 zrender@6.1.0 tslib@2.3.0 leaflet@1.9.4 leaflet.markercluster@1.5.3 esbuild@0.28.2)
M="$WORK/node_modules"

mkdir -p "$OUT/echarts" "$OUT/leaflet" "$OUT/leaflet.markercluster"
"$M/.bin/esbuild" "$WORK/entry.js" --bundle --minify --format=iife --target=es2019 \
    --legal-comments=eof --outfile="$OUT/echarts/echarts.min.js"
cp "$M/echarts/LICENSE" "$OUT/echarts/LICENSE"
cp "$M/echarts/NOTICE" "$OUT/echarts/NOTICE"
cp "$M/echarts/licenses/LICENSE-d3" "$OUT/echarts/LICENSE-d3"
cp "$M/zrender/LICENSE" "$OUT/echarts/LICENSE-zrender"
cp "$M/tslib/LICENSE.txt" "$OUT/echarts/LICENSE-tslib"

cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$M/leaflet/LICENSE" "$OUT/leaflet/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" "$M/leaflet.markercluster/dist/MarkerCluster.css" \
    "$OUT/leaflet.markercluster/"
cp "$M/leaflet.markercluster/MIT-LICENCE.txt" "$OUT/leaflet.markercluster/LICENSE"
# Source maps would point at files we do not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$OUT/leaflet/leaflet.js" "$OUT/leaflet.markercluster/leaflet.markercluster.js"
ls -l "$OUT"/*/
