#!/usr/bin/env bash
# A two-minute tour, and an end-to-end test: starts a throwaway PostgreSQL and the proxy in front of it with
# the policy beside this script (demo.rules), plays a psql session as the developer "alice" — masked emails
# (under an alias too), a blocked DROP, a DELETE held until the DBA "dana" approves it through the CLI — and
# prints the session's replay. Checks what each step must show and exits non-zero if anything differs.
# Everything lives in a temporary directory, removed at the end (DEMO_KEEP=1 keeps it).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
proxy="$repo/proxy"

if [[ -t 1 ]]; then
  say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  say() { printf '\n== %s\n' "$*"; }
fi
die() { echo "demo: $*" >&2; exit 1; }

pgbin=""
for dir in ${PROXY_TEST_PG_BINDIR:-} /usr/lib/postgresql/*/bin; do
  if [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/psql ]]; then pgbin="$dir"; fi
done
[[ -n $pgbin ]] || die "PostgreSQL is not installed: sudo apt-get install -y postgresql"

work="$(mktemp -d /tmp/proxy-demo.XXXXXX)"
chmod 755 "$work"
proxy_pid=""
cleanup() {
  if [[ -n $proxy_pid ]]; then
    kill "$proxy_pid" 2> /dev/null || true
    wait "$proxy_pid" 2> /dev/null || true
  fi
  [[ -d $work/pg ]] && as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop > /dev/null 2>&1 || true
  if [[ ${DEMO_KEEP:-} == 1 ]]; then echo "demo: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: when we are root, its files and processes belong to "postgres".
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A loopback port nobody listens on (a connect to it is refused), below the kernel's ephemeral range: a port
# in that range can be taken as the local end of any outgoing connection (psql's, the proxy's own upstream
# ones) between this check and the bind, which once stopped the demo with "address already in use".
free_port() {
  local port low=32768 high
  read -r low high < /proc/sys/net/ipv4/ip_local_port_range 2> /dev/null || true
  ((low > 11000)) || die "the ephemeral port range starts at $low; no room below it for the demo's ports"
  for _ in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free loopback port found"
}

wait_for_line() { # file pattern seconds
  for _ in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2> /dev/null && return 0
    sleep 0.1
  done
  cat "$1" >&2
  die "timed out waiting for '$2' in $1"
}

say "a throwaway PostgreSQL"
pg_port="$(free_port)"
mkdir -p "$work/pg" "$work/socket"
echo "postgres-secret" > "$work/pg-password"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$work/pg" "$work/socket" "$work/pg-password"; fi
as_postgres "$pgbin/initdb" -D "$work/pg" -U postgres --auth=scram-sha-256 --pwfile="$work/pg-password" > "$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; die "initdb failed"; }
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work/socket" start > /dev/null ||
  { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
PGPASSWORD=postgres-secret "$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 > /dev/null <<'SQL'
CREATE ROLE app LOGIN PASSWORD 'app-secret';
CREATE DATABASE shop OWNER app;
SQL
PGPASSWORD=app-secret "$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U app -d shop -v ON_ERROR_STOP=1 > /dev/null <<'SQL'
CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL);
INSERT INTO customers VALUES (1, 'Ada Lovelace', 'ada@analytical.example'), (2, 'Alan Turing', 'alan@bletchley.example');
CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers, total numeric(10, 2));
INSERT INTO orders VALUES (1, 1, 12.50), (2, 2, 99.00), (3, 2, 5.25);
SQL
echo "PostgreSQL on 127.0.0.1:$pg_port, database shop (tables customers, orders), owner app"

say "the proxy: held credentials, the demo policy, the admin API"
# alice and dana log in to the proxy; only the proxy knows app's password.
alice="$(printf 'alice-secret\n' | "$proxy" identity add alice --groups developers --iterations 4096)"
dana="$(printf 'dana-secret\n' | "$proxy" identity add dana --groups dba --iterations 4096)"
token_lines="$("$proxy" admin token add dana 2> /dev/null)"
dana_token="$(sed -n 1p <<< "$token_lines")"
token_entry="$(sed -n 2p <<< "$token_lines")"
proxy_port="$(free_port)"
admin_port="$(free_port)"
cat > "$work/proxy.json" << JSON
{
  "DataDirectory": "$work/data",
  "Policies": "$repo/scripts/demo.rules",
  "Identities": { $alice, $dana },
  "Admin": { "Listen": "127.0.0.1:$admin_port", "Tokens": [ $token_entry ] },
  "Listeners": [
    {
      "Name": "shop", "Protocol": "postgres", "Listen": "127.0.0.1:$proxy_port", "Upstream": "127.0.0.1:$pg_port",
      "Auth": "held", "UpstreamUser": "app", "UpstreamPasswordEnv": "DEMO_APP_PASSWORD"
    }
  ]
}
JSON
DEMO_APP_PASSWORD=app-secret "$proxy" run --config "$work/proxy.json" > "$work/proxy.log" 2>&1 &
proxy_pid=$!
wait_for_line "$work/proxy.log" "Ready\." 120
grep -E "Policy loaded|Listener |Admin API" "$work/proxy.log" | sed -E 's/^.*(info|warn): [^ ]+ //'

say "alice's psql session (the DELETE waits for an approver)"
PGPASSWORD=alice-secret "$pgbin/psql" -h 127.0.0.1 -p "$proxy_port" -U alice -d shop -e -v ON_ERROR_STOP=0 \
  > "$work/psql.out" 2>&1 <<'SQL' &
SELECT id, name, email FROM customers ORDER BY id;
SELECT name, email AS contact, upper(email) AS shout FROM customers WHERE id = 1;
DROP TABLE orders;
DELETE FROM orders WHERE id = 3;
SELECT count(*) AS orders_left FROM orders;
SQL
psql_pid=$!

export PROXY_ADMIN_TOKEN="$dana_token"
admin=(--url "http://127.0.0.1:$admin_port")
request=""
for _ in $(seq 1 300); do
  request="$("$proxy" approvals list "${admin[@]}" 2> /dev/null | grep -o 'apr_[a-z0-9]*' | head -n 1 || true)"
  [[ -n $request ]] && break
  sleep 0.1
done
[[ -n $request ]] || { cat "$work/psql.out" >&2; die "no approval request appeared"; }

say "dana, a DBA, sees the request and approves it"
echo "\$ proxy approvals list"
"$proxy" approvals list "${admin[@]}"
echo "\$ proxy approvals approve $request --reason \"duplicate order, ticket 4711\""
"$proxy" approvals approve "$request" --reason "duplicate order, ticket 4711" "${admin[@]}"
wait "$psql_pid" || true

say "what alice saw"
cat "$work/psql.out"

say "the session's replay"
session="$("$proxy" sessions export --format jsonl --data "$work/data" |
  grep '"kind":"statement"' | grep 'DELETE FROM orders' | head -n 1 |
  sed -n 's/.*"session_id":"\([^"]*\)".*/\1/p')"
[[ -n $session ]] || die "the DELETE was not recorded"
"$proxy" sessions replay "$session" --data "$work/data" | tee "$work/replay.out"

# What the tour must have shown; any difference fails the demo (and ./test.sh, which runs it).
check() { # file pattern what
  grep -qE -- "$2" "$1" || { echo "demo: FAILED: $3 (no /$2/ in $(basename "$1"))" >&2; exit 1; }
}
check "$work/psql.out" '\*\*\*@analytical\.example' "alice's email column is masked"
check "$work/psql.out" '\*\*\*@bletchley\.example' "the second row is masked"
check "$work/psql.out" '\[redacted\]' "an expression over the email is masked whole"
! grep -q 'ada@analytical' "$work/psql.out" || die "FAILED: an unmasked email reached the client"
check "$work/psql.out" 'blocked by policy rule no_drop' "DROP is blocked"
check "$work/psql.out" "$request" "the waiting session is told the request id"
check "$work/psql.out" '^DELETE 1' "the approved DELETE ran"
check "$work/psql.out" '^ +2$' "two orders are left"
check "$work/replay.out" 'no_drop' "the replay shows the blocked DROP"
check "$work/replay.out" 'DELETE FROM orders' "the replay shows the DELETE"
check "$work/replay.out" 'masked: column public\.customers\.email with email \(2 values\)' "the replay says what was masked"
! grep -q 'ada@analytical' "$work/replay.out" || die "FAILED: an unmasked email reached the session log"

say "demo passed"
