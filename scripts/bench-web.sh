#!/usr/bin/env bash
# Load test of RFC 8058 one-click unsubscribe: starts `cecop serve` on 127.0.0.1 with SUBSCRIBERS confirmed subscribers
# of the external newsletter and one finished mailing to them, signs one unsubscribe token per subscriber (the
# application's format: purpose, uuid, mailing id, 10 bytes of HMAC-SHA256, base64url), then runs wrk for DURATION
# POSTing `List-Unsubscribe=One-Click` with a different token on every request (a Lua script; no token is used twice).
# Prints requests per second and p99 latency, stops the server, and checks that every unsubscribe wrk completed was
# recorded: as many 'unsubscribe' events for the mailing and unsubscribed subscriptions as completed requests.
# Usage: scripts/bench-web.sh [DURATION=10s] [CONNECTIONS=32] [SUBSCRIBERS=60000]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
duration="${1:-10s}" connections="${2:-32}" subscribers="${3:-60000}" threads=2 warmup=3000
repo="$(pwd)"
work="$(mktemp -d /tmp/cecop-bench-web.XXXXXX)"
server=""
cleanup() { [ -n "$server" ] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/CecopComms/CecopComms.csproj -c Release -o "$work/bin" -v quiet -nologo
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
secret="$(/usr/bin/python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
cat > "$work/appsettings.json" <<JSON
{
  "Storage": { "Provider": "sqlite", "Path": "$work/data/cecop.db" },
  "Content": { "TemplatesPath": "$repo/templates" },
  "Delivery": { "Transport": "outbox", "OutboxPath": "$work/outbox", "PublicBaseUrl": "$base", "TokenSecret": "$secret" },
  "Web": { "Urls": "$base" }
}
JSON
cecop() { (cd "$work" && dotnet "$work/bin/cecop.dll" "$@"); }
db() { sqlite3 "$work/data/cecop.db" "$@"; }

echo "== $subscribers confirmed subscribers of the external newsletter, one finished mailing to them"
/usr/bin/python3 - "$subscribers" > "$work/subscribers.csv" <<'PY'
import sys
print("email,name,language,consent")
for i in range(int(sys.argv[1])):
    print(f"reader{i}@bench.example,Reader {i},en,yes")
PY
cecop subscribers import "$work/subscribers.csv" --list external-newsletter > /dev/null
mailing="$(db "INSERT INTO mailings (source_kind, source_id, title, audience, list_id, status, total, created_at, updated_at)
  SELECT 'edition', 1, 'CECOP Newsletter #1 - 2026', 'list:external-newsletter', id, 'finished', $subscribers, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM lists WHERE slug = 'external-newsletter' RETURNING id;")"
db "SELECT s.uuid FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id WHERE x.status = 'confirmed' ORDER BY s.id" > "$work/uuids.txt"

# One signed unsubscribe token per subscriber, the warm-up's first, then the measured run's.
/usr/bin/python3 - "$secret" "$mailing" "$work/uuids.txt" "$work/warmup.txt" "$work/tokens.txt" "$warmup" <<'PY'
import base64, hashlib, hmac, struct, sys, uuid
key, mailing = base64.b64decode(sys.argv[1]), int(sys.argv[2])
paths = []
for line in open(sys.argv[3]):
    payload = bytes([1]) + uuid.UUID(line.strip()).bytes + struct.pack(">q", mailing)
    token = base64.urlsafe_b64encode(payload + hmac.new(key, payload, hashlib.sha256).digest()[:10]).decode().rstrip("=")
    paths.append(f"/unsubscribe/{token}")
warm = int(sys.argv[6])
open(sys.argv[4], "w").write("\n".join(paths[:warm]) + "\n")
open(sys.argv[5], "w").write("\n".join(paths[warm:]) + "\n")
print(f"{len(paths)} tokens signed")
PY

cat > "$work/one-click.lua" <<'LUA'
-- Thread n of N takes the paths n, n+N, n+2N...: no two requests carry the same token until the list runs out.
local threads, paths, i = {}, {}, 0
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  local n, line_no = tonumber(wrk.thread:get("id")), 0
  for line in io.lines(args[1]) do
    if #line > 0 then
      if line_no % tonumber(args[2]) == n then paths[#paths + 1] = line end
      line_no = line_no + 1
    end
  end
  wrk.method = "POST"
  wrk.body = "List-Unsubscribe=One-Click"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  i = i + 1
  if i > #paths then i = 1; wrapped = true end
  return wrk.format(nil, paths[i])
end
LUA

(cd "$work" && exec dotnet "$work/bin/cecop.dll" serve > "$work/serve.log" 2>&1) &
server=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$base/subscribe" && break; sleep 0.2; done
curl -fs -o /dev/null "$base/subscribe" || { cat "$work/serve.log"; exit 2; }

events() { db "SELECT count(*) FROM events WHERE kind = 'unsubscribe' AND mailing_id = $mailing"; }
unsubscribed() { db "SELECT count(*) FROM subscriptions WHERE status = 'unsubscribed'"; }
run() { # name tokens duration -> prints the figures; the completed requests in $completed
  local name="$1" out
  out="$(wrk -t"$threads" -c"$connections" -d"$3" --latency -s "$work/one-click.lua" "$base" -- "$2" "$threads")"
  echo "$out" > "$work/wrk-$name.txt"
  if grep -q "Non-2xx or 3xx" <<<"$out"; then echo "$out"; echo "FAIL: $name had error responses"; exit 1; fi
  completed="$(grep -Eo '^ *[0-9]+ requests in' <<<"$out" | grep -Eo '[0-9]+')"
  printf '%-8s %10s requests/s   p50 %8s   p99 %8s   (%s requests, %s connections, %s)\n' "$name" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$completed" "$connections" "$3"
}
echo "== warm-up (2 s; JIT, connection pool, page cache) on its own $warmup tokens"
run warm-up "$work/warmup.txt" 2s
[ "$completed" -lt "$warmup" ] || echo "note: the warm-up used every one of its tokens; some of its requests were replays"
sleep 1
before_events="$(events)" before_unsubscribed="$(unsubscribed)"
echo "== wrk POST List-Unsubscribe=One-Click against $base/unsubscribe/TOKEN"
run one-click "$work/tokens.txt" "$duration"
measured=$completed
if [ "$measured" -ge $(( subscribers - warmup )) ]; then echo "FAIL: the run used every token; run again with more SUBSCRIBERS"; exit 1; fi

# A clean stop: Kestrel finishes the requests in flight before the process exits.
kill -INT "$server"; wait "$server" || true; server=""
recorded_events=$(( $(events) - before_events )) recorded_unsubscribed=$(( $(unsubscribed) - before_unsubscribed ))
echo "recorded: $recorded_events unsubscribe events and $recorded_unsubscribed unsubscribed subscriptions for $measured completed requests"
# wrk counts the responses it read before its time ran out; a request in flight at that moment was answered and
# recorded by the server but not counted, so the records may exceed the count by at most one per connection.
if [ "$recorded_events" -ne "$recorded_unsubscribed" ] || [ "$recorded_events" -lt "$measured" ] || [ "$recorded_events" -gt $(( measured + connections )) ]; then
  echo "FAIL: the records and the requests differ"; exit 1
fi
echo "OK: every completed one-click unsubscribe was recorded, each once"
