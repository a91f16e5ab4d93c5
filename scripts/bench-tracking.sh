#!/usr/bin/env bash
# Load test of the tracking endpoints: starts `cecop serve` on 127.0.0.1 with tracking on, sends the CECOP Newsletter
# to RECIPIENTS generated subscribers through the outbox (each message carries an open pixel and numbered click
# redirects with signed tokens), then runs wrk for DURATION against the pixel and against the click redirect, cycling
# through every token of the mailing (a Lua script). Prints requests per second and p99 latency, stops the server
# cleanly (the event writer drains) and checks the events recorded against the requests wrk completed.
# Usage: scripts/bench-tracking.sh [DURATION=10s] [CONNECTIONS=32] [RECIPIENTS=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
duration="${1:-10s}" connections="${2:-32}" recipients="${3:-1000}" threads=2
repo="$(pwd)"
work="$(mktemp -d /tmp/cecop-bench-tracking.XXXXXX)"
server=""
cleanup() { [ -n "$server" ] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/CecopComms/CecopComms.csproj -c Release -o "$work/bin" -v quiet -nologo
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
cat > "$work/appsettings.json" <<JSON
{
  "Storage": { "Provider": "sqlite", "Path": "$work/data/cecop.db" },
  "Content": { "TemplatesPath": "$repo/templates" },
  "Delivery": { "Transport": "outbox", "OutboxPath": "$work/outbox", "PublicBaseUrl": "$base" },
  "Web": { "Urls": "$base" },
  "Tracking": { "Enabled": true }
}
JSON
cecop() { (cd "$work" && dotnet "$work/bin/cecop.dll" "$@"); }

echo "== $recipients subscribers of the external newsletter, one mailing with tracking on"
/usr/bin/python3 - "$recipients" > "$work/subscribers.csv" <<'PY'
import sys
print("email,name,language,consent")
langs = ["en", "fr", "it", "es"]
for i in range(int(sys.argv[1])):
    print(f"reader{i}@bench.example,Reader {i},{langs[i % 4]},yes")
PY
cecop subscribers import "$work/subscribers.csv" --list external-newsletter > /dev/null
cecop editions load "$repo/editions/cecop-newsletter-2021-06.yaml" > /dev/null 2>&1
cecop send edition:1 --now > /dev/null

# Every pixel and click path of every message, decoded from the .eml files by Python's e-mail parser.
/usr/bin/python3 - "$work/outbox" "$work/opens.txt" "$work/clicks.txt" <<'PY'
import email, email.policy, pathlib, re, sys
opens, clicks = set(), set()
for path in pathlib.Path(sys.argv[1]).rglob("*.eml"):
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    opens.update(re.findall(r'src="https?://[^/"]+(/t/o/[A-Za-z0-9_-]+\.gif)"', html))
    clicks.update(re.findall(r'href="https?://[^/"]+(/t/c/[A-Za-z0-9_-]+/\d+)"', html))
pathlib.Path(sys.argv[2]).write_text("\n".join(sorted(opens)) + "\n")
pathlib.Path(sys.argv[3]).write_text("\n".join(sorted(clicks)) + "\n")
print(f"{len(opens)} pixel paths, {len(clicks)} click paths")
PY

cat > "$work/cycle.lua" <<'LUA'
-- Each wrk thread reads the paths and cycles through them from its own offset.
local paths, i = {}, 0
function init(args)
  for line in io.lines(args[1]) do if #line > 0 then paths[#paths + 1] = line end end
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

(cd "$work" && exec dotnet "$work/bin/cecop.dll" serve > "$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$base/archive" && break; sleep 0.2; done
curl -fs -o /dev/null "$base/archive" || { cat "$work/serve.log"; exit 2; }

count() { sqlite3 "$work/data/cecop.db" "SELECT count(*) FROM events WHERE kind = '$1'"; }
settled() { # the count once the event writer has written what was waiting (two equal reads 0.3 s apart)
  local last=-1 now
  while now="$(count "$1")"; [ "$now" != "$last" ]; do last="$now"; sleep 0.3; done
  echo "$now"
}
run() { # name paths [duration] -> prints the figures, returns the completed requests in $completed
  local name="$1" paths="$2" out
  out="$(wrk -t"$threads" -c"$connections" -d"${3:-$duration}" --latency -s "$work/cycle.lua" "$base" -- "$paths")"
  echo "$out" > "$work/wrk-$name.txt"
  if grep -q "Non-2xx or 3xx" <<<"$out"; then echo "$out"; echo "FAIL: $name had error responses"; exit 1; fi
  completed="$(grep -Eo '^ *[0-9]+ requests in' <<<"$out" | grep -Eo '[0-9]+')"
  printf '%-6s %10s requests/s   p99 %8s   (%s requests, %s connections, %s)\n' "$name" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$completed" "$connections" "${3:-$duration}"
}
echo "== warm-up (3 s each; JIT, connection pools, page cache)"
run pixel "$work/opens.txt" 3s; run click "$work/clicks.txt" 3s
before_opens="$(settled open)" before_clicks="$(settled click)"
echo "== wrk against $base"
run pixel "$work/opens.txt"; opens=$completed
run click "$work/clicks.txt"; clicks=$completed

# A clean stop: Kestrel drains, then the event writer writes what is waiting.
kill -INT "$server"; wait "$server" || true; server=""
recorded_opens=$(( $(count open) - before_opens )) recorded_clicks=$(( $(count click) - before_clicks ))
echo "events recorded: $recorded_opens opens for $opens pixel requests, $recorded_clicks clicks for $clicks click requests"
# wrk counts the responses it read before its time ran out; a request still in flight at that moment was answered
# and recorded by the server but not counted by wrk, so the events may exceed the count by at most one per connection.
ok=1
for pair in "$recorded_opens $opens" "$recorded_clicks $clicks"; do
  set -- $pair
  if [ "$1" -lt "$2" ] || [ "$1" -gt $(( $2 + connections )) ]; then ok=0; fi
done
if [ "$ok" = 1 ]; then echo "OK: every completed request was recorded, none lost"; else echo "FAIL: events and requests differ"; exit 1; fi
