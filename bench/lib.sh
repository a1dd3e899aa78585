# Shared by bench/compare, bench/repeat-audit and bench/scale (sourced, not run): locating the
# sightline binary, generating a site, serving it with a private nginx on 127.0.0.1 (own
# config, temp prefix, stopped on exit) and measuring a command with /usr/bin/time.
# Callers set `root` (the repository) and call bench_setup before anything else.

# bench_setup: makes $work (a temp dir removed on exit) and finds $sightline.
# SIGHTLINE_BUILD_DIR picks the build directory (default build/release, built if missing);
# bench_without_sightline=1 skips the binary (a run comparing only the other tools).
bench_setup() {
  work=$(mktemp -d /tmp/sightline-bench.XXXXXX)
  # nginx workers drop root privileges to nobody: they must be able to read the site.
  chmod 755 "$work"
  nginx_pid=""
  trap bench_cleanup EXIT
  local build_dir=${SIGHTLINE_BUILD_DIR:-$root/build/release}
  [[ "$build_dir" == /* ]] || build_dir="$root/$build_dir"  # relative to the repository
  sightline="$build_dir/sightline"
  [[ "${bench_without_sightline:-0}" == "1" ]] && return 0
  if [[ "${SIGHTLINE_NO_BUILD:-0}" != "1" ]]; then
    if [[ ! -f "$build_dir/build.ninja" ]]; then
      cmake --preset release -B "$build_dir" >&2
    fi
    cmake --build "$build_dir" --target sightline --parallel "${SIGHTLINE_JOBS:-$(nproc)}" >&2
  fi
  [[ -x "$sightline" ]] || { echo "bench: no sightline binary at $sightline" >&2; exit 2; }
}

bench_cleanup() {
  # A server that failed requests makes every tool's numbers meaningless: say so loudly.
  local log="$work/nginx/logs/error.log"
  if [[ -f "$log" ]] && grep -qE '\[(crit|alert|emerg)\]' "$log"; then
    echo "bench: nginx failed requests during the run; the numbers above are not valid:" >&2
    grep -E '\[(crit|alert|emerg)\]' "$log" | head -n 3 >&2
  fi
  if [[ -n "${nginx_pid:-}" ]]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [[ "${SIGHTLINE_BENCH_KEEP:-0}" == "1" ]]; then
    echo "bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
}

# bench_need TOOL...: exits with a hint when a tool is not installed.
bench_need() {
  local missing=()
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
  if ((${#missing[@]})); then
    echo "bench: missing ${missing[*]}: run scripts/install-deps --bench" >&2
    exit 2
  fi
}

# bench_site PAGES [GEN_SITE_OPTION...]: generates $work/site (fixed seed) and serves it; sets
# $port, $base and $expected (HTML pages reachable from /: the posts plus index, contact and
# about).
bench_site() {
  local pages=$1
  shift
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$root/bench/gen-site" "$work/site" --pages "$pages" --port "$port" "$@" >&2
  expected=$((pages + 3))
  mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
  local nofile file_cache
  nofile=$(ulimit -n)
  [[ "$nofile" == unlimited ]] && nofile=200000
  file_cache=$((nofile / 2))
  cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  types { text/html html; application/xml xml; text/plain txt; image/jpeg jpg; }
  default_type application/octet-stream;
  sendfile on;
  keepalive_requests 100000;
  # Bounded by half the descriptor limit: keep-alive connections can all land on one worker,
  # and a 100,000-page site crawled at ~500 pages/s would otherwise keep every file of the
  # last minute open and fail requests with EMFILE (500s that the crawlers retry slowly).
  open_file_cache max=$file_cache inactive=20s;
  server {
    listen 127.0.0.1:$port;
    root $work/site;
    etag on;
  }
}
CONF
  nginx -e "$work/nginx/logs/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
  local up=0
  for _ in $(seq 100); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/"; then up=1; break; fi
    sleep 0.1
  done
  if ((!up)); then
    echo "bench: nginx did not start:" >&2
    cat "$work/nginx/logs/error.log" >&2
    exit 2
  fi
  base="http://127.0.0.1:$port/"
}

# bench_measure OUT COMMAND...: runs the command under /usr/bin/time; prints
# "wall_s cpu_s peak_rss_kb exit_code". The command's output goes to OUT.stdout/OUT.stderr.
bench_measure() {
  local out=$1
  shift
  local rc=0
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" >"$out.stdout" 2>"$out.stderr" || rc=$?
  # time(1) puts "Command exited with non-zero status N" before its line on failure.
  tail -n 1 "$out.time" | awk -v rc="$rc" '{printf "%s %.2f %s %s\n", $1, $2 + $3, $4, rc}'
}

# bench_json FILE EXPR: prints a value from a JSON file (python expression on `d`).
bench_json() {
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
