#!/bin/sh
# tmux smoke test of the TUI, the way a trainer uses it: build the binary, start it in an
# 80×24 tmux window on the embedded emulator, follow the demo with the built-in
# authenticator key, leave the summary, and check the teardown summary and the exit status.
#
# Usage: .ci/tmux-smoke.sh            (from the repository root; needs go and tmux)
#        MFA_DEMO_BIN=path .ci/tmux-smoke.sh   to test a binary built elsewhere
set -eu

step_timeout=${SMOKE_STEP_TIMEOUT:-20} # seconds to wait for each screen
work=$(mktemp -d)
session="mfa-demo-smoke-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM

bin=${MFA_DEMO_BIN:-}
if [ -z "$bin" ]; then
	bin="$work/mfa-demo"
	go build -o "$bin" .
fi

fail() {
	echo "tmux-smoke: FAIL: $*" >&2
	echo "--- last screen ---" >&2
	tmux capture-pane -p -t "$session" >&2 2>/dev/null || true
	exit 1
}

# wait_for TEXT: poll the screen until TEXT shows, or fail after step_timeout seconds.
wait_for() {
	i=0
	while [ "$i" -lt $((step_timeout * 10)) ]; do
		if tmux capture-pane -p -t "$session" 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "waited ${step_timeout}s for \"$1\""
}

# keys TEXT KEY...: wait for TEXT, then press the keys, one at a time, as a person would.
keys() {
	wait_for "$1"
	shift
	for k in "$@"; do
		tmux send-keys -t "$session" "$k"
		sleep 0.2
	done
}

# The state directory is the run's own, so the journal and the QR PNG land in $work.
tmux new-session -d -s "$session" -x 80 -y 24 \
	"env MFA_DEMO_STATE_DIR='$work/state' TERM=xterm-256color '$bin'; echo \"SMOKE-EXIT=\$?\"; sleep 30"

keys "Press enter to start." Enter
keys "Press enter when the app shows codes." p
wait_for "PNG saved"
[ -n "$(find "$work/state" -name '*-qr.png' -perm 0600 2>/dev/null)" ] || fail "the QR PNG is not in the state directory with mode 0600"
tmux send-keys -t "$session" Enter
keys "Built-in authenticator" a Enter
keys "Press enter to try it without MFA." l
keys "API log" Escape Enter
keys "AccessDenied — this is the expected outcome." Enter
keys "Sign in with MFA" a Enter
keys "Press enter to tear everything down." Enter
wait_for "Exit status"

summary=$(tmux capture-pane -p -t "$session")
echo "$summary" | grep -qF "Lesson shown" || fail "no lesson in the summary"
echo "$summary" | grep -qF "Teardown complete" || fail "teardown is not complete"
echo "$summary" | grep -qF "Exit status 0" || fail "the summary's exit status is not 0"

tmux send-keys -t "$session" q
wait_for "SMOKE-EXIT="
tmux capture-pane -p -t "$session" | grep -qF "SMOKE-EXIT=0" || fail "the program did not exit with status 0"
[ -z "$(find "$work/state" -name '*-qr.png' 2>/dev/null)" ] || fail "the QR PNG is still there after teardown"
echo "tmux-smoke: ok — lesson shown, teardown complete, exit 0"
