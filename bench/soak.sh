#!/usr/bin/env bash
# Long-session soak test of the desktop app (not part of CI; docs/soak.md).
#
#   bench/soak.sh [DURATION_S]        (default 1800; or DURATION=... in the environment)
#
# Starts the Release app under Xvfb on MNIST with --health-log and drives it
# with real input events (xdotool, XTEST): clicks Play in the Training view
# (class set, the paper's 784-2048-16 x 10), switches views with Ctrl+1..7
# every few seconds, draws strokes on the glyph pad, and every SAVE_EVERY
# seconds saves the project with File > Save As (Ctrl+Shift+S, typing the
# path into the app's own file dialog) and opens it again with File > Open
# (Ctrl+O, same dialog), then presses Play again. Checks the app is alive
# throughout, takes screenshots, closes it with Ctrl+Q and prints a summary
# from the health log (RSS at warm-up and at the end, growth per hour after
# warm-up by a least-squares line, the longest event-loop stall and when).
#
# Environment: APP (default build/soak/app/latentset, else build/release),
# OUT (results folder, default a new /tmp/latentset-soak.XXXXXX), SAVE_EVERY
# (s, default 210), WARMUP (s, default 300), HEALTH_INTERVAL (s, default 5),
# MNIST_DIR (default the data folder's mnist/).
# Needs: xvfb-run, xdotool, imagemagick (tools/setup.sh --dev).
set -uo pipefail # no -e: one failed xdotool call must not end a 30-minute run

here=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${1:-${DURATION:-1800}}
SAVE_EVERY=${SAVE_EVERY:-210}
WARMUP=${WARMUP:-300}
HEALTH_INTERVAL=${HEALTH_INTERVAL:-5}

if [ -z "${SOAK_INSIDE_XVFB:-}" ]; then
  for tool in xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || { echo "soak.sh: $tool is missing (bash tools/setup.sh --dev)" >&2; exit 2; }
  done
  # One display for the app and for xdotool: run this script again inside it.
  exec env SOAK_INSIDE_XVFB=1 xvfb-run -a -s '-screen 0 1600x1000x24' bash "$0" "$DURATION"
fi

if [ -z "${APP:-}" ]; then
  APP=$here/build/soak/app/latentset
  [ -x "$APP" ] || APP=$here/build/release/app/latentset
fi
[ -x "$APP" ] || { echo "soak.sh: no app at $APP (build it first, or set APP)" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d /tmp/latentset-soak.XXXXXX)}
mkdir -p "$OUT/data" "$OUT/config" "$OUT/projects"
data_home=${LATENTSET_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/latentset}
MNIST_DIR=${MNIST_DIR:-$data_home/mnist}
[ -d "$MNIST_DIR" ] || { echo "soak.sh: no MNIST in $MNIST_DIR (bash tools/setup.sh)" >&2; exit 2; }
# The app's own data and settings folders: autosave, layout and recent files
# stay in $OUT, not in the user's; MNIST is the user's, linked.
ln -sfn "$MNIST_DIR" "$OUT/data/mnist"
export LATENTSET_DATA_DIR=$OUT/data XDG_CONFIG_HOME=$OUT/config
unset XDG_CURRENT_DESKTOP # Qt's own file dialog (no desktop portal), the one typed into below

csv=$OUT/health.csv
events=$OUT/events.log
log() { printf '%7.1f %s\n' "$(elapsed)" "$*" | tee -a "$events"; }
start_ns=$(date +%s%N)
elapsed() { awk -v n="$(date +%s%N)" -v s="$start_ns" 'BEGIN { printf "%.1f", (n - s) / 1e9 }'; }
now_s() { echo $((($(date +%s%N) - start_ns) / 1000000000)); }

# The display answers before the app connects (xvfb-run starts Xvfb; a
# display number just given back by another run may still be closing).
for _ in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
"$APP" --view training --size 1400x900 --health-log "$csv" --health-interval "$HEALTH_INTERVAL" \
  >"$OUT/app.stdout" 2>"$OUT/app.stderr" &
pid=$!
crashed=no
alive() { kill -0 "$pid" 2>/dev/null; }
die() {
  log "FAILED: $*"
  import -window root "$OUT/shot-failure.png" 2>/dev/null || true
  alive && kill "$pid"
  exit 1
}

# The last health line's columns (see ui/shell/HealthLog.h).
last_field() { tail -n 1 "$csv" | cut -d, -f"$1"; }
training_state() { last_field 7; }
busy() { last_field 8; }
fresh_line() { # waits for a health line written after now
  local n; n=$(wc -l <"$csv")
  for _ in $(seq 1 $((HEALTH_INTERVAL * 10 + 20))); do
    [ "$(wc -l <"$csv")" -gt "$n" ] && return 0
    alive || return 1
    sleep 0.2
  done
  return 1
}

wid=""
for _ in $(seq 1 100); do
  wid=$(xdotool search --all --onlyvisible --pid "$pid" --name 'LatentSet' 2>/dev/null | head -n 1 || true)
  [ -n "$wid" ] && break
  alive || die "the app exited at start (see $OUT/app.stderr)"
  sleep 0.2
done
[ -n "$wid" ] || die "no window"
log "app pid $pid, window $wid, app $APP, results in $OUT"
# No window manager under Xvfb: give the window the keyboard focus ourselves.
focus() { xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid" || true; }
key() { focus; xdotool key --clearmodifiers "$@"; }
click() { xdotool mousemove --window "$wid" "$1" "$2" click 1; }
shot() { import -window root "$OUT/shot-$1.png" 2>/dev/null && log "screenshot shot-$1.png"; }

# Positions in the 1400x900 window with the default layout (fresh settings
# folder), measured on screenshots of this script's own run.
PLAY_X=${PLAY_X:-69} PLAY_Y=${PLAY_Y:-625} RESET_X=${RESET_X:-288} RESET_Y=${RESET_Y:-625}
EPOCHS_X=${EPOCHS_X:-219} EPOCHS_Y=${EPOCHS_Y:-527}
# 20 epochs (the default) end after ~10 minutes at ~2000 samples/s: the
# session asks for more so that it trains throughout.
EPOCHS=${EPOCHS:-200}
PAD_X0=${PAD_X0:-30} PAD_Y0=${PAD_Y0:-246} PAD_X1=${PAD_X1:-445} PAD_Y1=${PAD_Y1:-660}

press_play() {
  # Training view (Ctrl+3), then the Play button; a health line confirms.
  local tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    key ctrl+3
    # A fresh line: clicking on a stale "paused" would pause a running one.
    fresh_line || true
    [ "$(training_state)" = running ] && return 0
    click "$PLAY_X" "$PLAY_Y"
    fresh_line || true
    [ "$(training_state)" = running ] && return 0
    sleep 2
  done
  return 1
}

# Training view, the Epochs box to $EPOCHS, then Reset: a task of that many
# epochs is built (Reset of a trainer that never ran, or one that finished,
# does not wait for a mini-batch).
set_epochs_and_reset() {
  key ctrl+3
  sleep 0.5
  click "$EPOCHS_X" "$EPOCHS_Y"
  xdotool key --clearmodifiers ctrl+a
  xdotool type "$EPOCHS"
  xdotool key Return
  sleep 0.5
  click "$RESET_X" "$RESET_Y"
  sleep 1
}

stroke() { # x0 y0 x1 y1 ... in per mille of the pad; 6 moves per segment
  local w=$((PAD_X1 - PAD_X0)) h=$((PAD_Y1 - PAD_Y0)) px=$1 py=$2 k
  xdotool mousemove --window "$wid" $((PAD_X0 + w * px / 1000)) $((PAD_Y0 + h * py / 1000)) mousedown 1
  shift 2
  while [ $# -ge 2 ]; do
    for k in 1 2 3 4 5 6; do
      # Each move its own event, with time between: a drag, not a jump.
      xdotool mousemove --window "$wid" $((PAD_X0 + w * (px + ($1 - px) * k / 6) / 1000)) \
        $((PAD_Y0 + h * (py + ($2 - py) * k / 6) / 1000))
      sleep 0.015
    done
    px=$1 py=$2
    shift 2
  done
  xdotool mouseup 1
}

draw_on_pad() {
  key ctrl+6
  sleep 0.4
  case $((RANDOM % 4)) in
    0) stroke 300 200 400 400 500 800 600 400 700 200 ;;               # V
    1) stroke 500 150 500 350 500 550 500 850 ;;                       # 1
    2) stroke 300 300 500 150 700 300 600 550 300 850 700 850 ;;       # 2
    3) stroke 500 150 300 400 350 750 650 750 700 450 500 150 ;;       # 0
  esac
  sleep 0.3
  # Clear now and then (Delete), undo otherwise (Ctrl+Z): both paths run.
  if [ $((RANDOM % 3)) = 0 ]; then key Delete; else key ctrl+z; fi
}

# Prints the id of the app's visible window titled exactly `title`, waiting
# up to `tries` x 0.2 s; fails if none came.
find_window() {
  local title=$1 tries=$2 wid=""
  for _ in $(seq 1 "$tries"); do
    wid=$(xdotool search --all --onlyvisible --pid "$pid" --name "^$title\$" 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && { echo "$wid"; return 0; }
    sleep 0.2
  done
  return 1
}

# If a box titled `title` comes up within 5 s, answers it with Return (its
# default button); true if there was one.
answer_unsaved() {
  local bwid
  bwid=$(find_window "$1" 25) || return 1
  xdotool windowfocus --sync "$bwid" 2>/dev/null || true
  sleep 0.3
  xdotool key --clearmodifiers Return
  return 0
}

# Types `path` into the file dialog titled `title` and accepts it (waits up
# to 10 s for the dialog).
use_dialog() {
  local title=$1 path=$2 dwid
  dwid=$(find_window "$title" 50) || return 1
  xdotool windowfocus --sync "$dwid" 2>/dev/null || true
  sleep 0.5
  [ "${want_dialog_shot:-0}" = 1 ] && shot "dialog-$title" && want_dialog_shot=0
  # The file name field has the focus: replace its text with the full path.
  xdotool key --clearmodifiers ctrl+a
  xdotool type --delay 15 "$path"
  sleep 0.3
  xdotool key Return
  for _ in $(seq 1 25); do
    xdotool search --all --onlyvisible --pid "$pid" --name "^$title\$" >/dev/null 2>&1 || return 0
    sleep 0.2
  done
  shot "stuck-dialog"
  xdotool windowfocus "$dwid" 2>/dev/null; xdotool key Escape # give up: cancel the dialog
  return 1
}

wait_not_busy() { # the save/open worker is done (health log), max $1 s
  local limit=$(($(now_s) + $1))
  sleep 1
  while [ "$(now_s)" -lt "$limit" ]; do
    fresh_line || return 1
    [ "$(busy)" = 0 ] && return 0
  done
  return 1
}

saves=0 reopens=0 save_failures=0
declare -a saved_files=()
save_and_reopen() {
  local n=$((saves + 1)) path
  path=$OUT/projects/soak-$n.lset
  # The resident size between cycles (training, no save or open running):
  # the summary fits these too, free of the transients of the cycles.
  echo "$(last_field 1),$(last_field 2)" >>"$OUT/rss-before-saves.csv"
  log "save $n: RSS $(last_field 2) MB; Ctrl+Shift+S -> $path"
  want_dialog_shot=$([ "$n" = 1 ] && echo 1 || echo 0)
  key ctrl+shift+s
  if ! use_dialog "Save project" "$path"; then
    save_failures=$((save_failures + 1)); log "save $n: the dialog did not take the path"; return
  fi
  wait_not_busy 120 || log "save $n: still busy after 120 s"
  for _ in $(seq 1 100); do [ -s "$path" ] && break; sleep 0.2; done
  if [ ! -s "$path" ] || ls "$OUT/projects/"*.tmp-* >/dev/null 2>&1; then
    save_failures=$((save_failures + 1)); log "save $n: no file (or a temporary file left)"; return
  fi
  saves=$n
  log "save $n: $(du -m "$path" | cut -f1) MB written"
  saved_files+=("$path")
  # Keep the disk bounded: only the last two saves stay.
  if [ ${#saved_files[@]} -gt 2 ]; then rm -f "${saved_files[0]}"; saved_files=("${saved_files[@]:1}"); fi
  sleep 2
  log "reopen $n: Ctrl+O -> $path"
  key ctrl+o
  if ! use_dialog "Open project or model" "$path"; then
    log "reopen $n: the dialog did not take the path"; return
  fi
  # Training went on after the save, so the app asks whether to save that
  # work before it opens the file ("Open project": Save, Discard, Cancel);
  # Return takes its default, Save, which writes the project to its file.
  answer_unsaved "Open project" && log "reopen $n: unsaved work since the save: Save (Return)"
  wait_not_busy 120 || log "reopen $n: still busy after 120 s"
  # The panel loads the project's dataset again and builds its task (the
  # trainer shows "idle" then); Play before that would resume the old one.
  local limit=$(($(now_s) + 90))
  while [ "$(training_state)" != idle ] && [ "$(now_s)" -lt "$limit" ]; do fresh_line || break; done
  reopens=$((reopens + 1))
  [ "$n" = 1 ] && shot reopened
  press_play || log "reopen $n: training did not start again"
}

# --- the session -----------------------------------------------------------
sleep 3
shot start
# MNIST loads and the task is built on workers (a few seconds).
sleep 10
set_epochs_and_reset
shot epochs
# Play is enabled once the task is built again.
for _ in $(seq 1 60); do
  press_play && break
  alive || die "the app exited (see $OUT/app.stderr)"
done
[ "$(training_state)" = running ] || die "training did not start"
log "training running"
sleep 20
shot training

views=(ctrl+1 ctrl+2 ctrl+3 ctrl+4 ctrl+5 ctrl+6 ctrl+7)
next_save=$SAVE_EVERY
i=0 strokes=0 switches=0
while [ "$(now_s)" -lt "$DURATION" ]; do
  alive || { crashed=yes; break; }
  if [ "$(now_s)" -ge "$next_save" ]; then
    save_and_reopen
    next_save=$(($(now_s) + SAVE_EVERY))
    continue
  fi
  if [ $((i % 5)) = 4 ]; then
    draw_on_pad; strokes=$((strokes + 1))
    [ "$strokes" = 3 ] && shot pad
  else
    key "${views[$((RANDOM % ${#views[@]}))]}"; switches=$((switches + 1))
  fi
  case $(training_state) in
    running) ;;
    finished | failed) log "training $(training_state): Reset, Play"; set_epochs_and_reset; press_play || true ;;
    *) log "training was $(training_state): Play"; press_play || true ;;
  esac
  i=$((i + 1))
  sleep 3
done

shot end
if alive; then
  log "closing with Ctrl+Q"
  key ctrl+q
  # Unsaved training progress: the app asks Save / Discard / Cancel; Return
  # takes the default, Save, and the window closes once the file is written.
  answered=0
  for _ in $(seq 1 300); do
    alive || break
    if [ $answered = 0 ]; then
      bwid=$(xdotool search --all --onlyvisible --pid "$pid" --name '^Close LatentSet$' 2>/dev/null | head -n 1)
      if [ -n "$bwid" ]; then
        answered=1; shot close-box; log "close: unsaved work, answered Save"
        xdotool windowfocus "$bwid" 2>/dev/null; xdotool key Return
      fi
    fi
    sleep 0.2
  done
  alive && { log "still running 60 s after Ctrl+Q: killed"; kill "$pid"; }
fi

wait "$pid"
rc=$?

[ "$crashed" = yes ] && log "the app died during the session (exit status $rc)"
[ "$rc" = 0 ] || crashed=yes

# --- the summary -------------------------------------------------------------
awk -F, -v warm="$WARMUP" -v dur="$DURATION" -v crashed="$crashed" -v rc="$rc" \
    -v saves="$saves" -v reopens="$reopens" -v fails="$save_failures" -v sw="$switches" -v st="$strokes" '
NR == 1 { next }
{ t = $1; r = $2; s = $4; c = $5
  if (t >= warm && !haveWarm) { haveWarm = 1; warmT = t; warmR = r }
  if (t >= warm) { n++; sx += t; sy += r; sxx += t * t; sxy += t * r }
  if (s > worst) { worst = s; worstT = t; worstBusy = $8 }
  if (c > worstCpu) { worstCpu = c; worstCpuT = t }
  if (r > maxR) maxR = r
  endT = t; endR = r; peak = $3; samples = $6 }
END {
  printf "soak: %.0f s asked, %.0f s recorded (%d health lines)\n", dur, endT, NR - 1
  printf "crash: %s (exit status %d)\n", crashed, rc
  if (haveWarm) printf "RSS at warm-up (%.0f s): %.0f MB; at the end (%.0f s): %.0f MB; max %.0f MB; peak (getrusage) %.0f MB\n", warmT, warmR, endT, endR, maxR, peak
  if (n > 2) { slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    printf "RSS growth after warm-up: %+.1f MB/hour (least squares over %d lines)\n", slope * 3600, n }
  printf "longest event-loop stall: %.0f ms wall at %.0f s (window busy: %s); longest GUI-thread CPU in one gap: %.0f ms at %.0f s\n", worst, worstT, worstBusy ? "yes" : "no", worstCpu, worstCpuT
  printf "saves: %d, reopens: %d, failed saves: %d; view switches: %d, pad drawings: %d; class-set samples trained: %d\n", saves, reopens, fails, sw, st, samples
}' "$csv" | tee "$OUT/summary.txt"
# The same fit over the RSS just before each save (after warm-up).
[ -s "$OUT/rss-before-saves.csv" ] && awk -F, -v warm="$WARMUP" '
$1 >= warm { n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2; list = list sprintf(" %.0f", $2) }
END { if (n > 1) printf "RSS just before each save after warm-up (MB):%s; growth %+.1f MB/hour (least squares over %d)\n", list, (n * sxy - sx * sy) / (n * sxx - sx * sx) * 3600, n
      else if (n == 1) printf "RSS just before each save after warm-up (MB):%s\n", list }' \
  "$OUT/rss-before-saves.csv" | tee -a "$OUT/summary.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); health log: $csv; screenshots and events: $OUT" | tee -a "$OUT/summary.txt"
[ "$crashed" = no ]
