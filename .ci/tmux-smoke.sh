#!/bin/sh
# tmux smoke test of the TUI, the way a trainer uses it: build the binary, start it in an
# 80×24 tmux window on the embedded emulator, follow the demo with the built-in
# authenticator key, leave the summary, and check the teardown summary and the exit status.
# Then the same walk in each of SMOKE_LANGS (default: ja) with --lang, found by what every
# language shows alike (ARNs, the QR code, the policy, AccessDenied, the bucket names), and
# checked by the exit status: 0 is the lesson shown and nothing left.
#
# Usage: .ci/tmux-smoke.sh            (from the repository root; needs go and tmux)
#        MFA_DEMO_BIN=path .ci/tmux-smoke.sh   to test a binary built elsewhere
#        SMOKE_LANGS="ja pt-BR id" .ci/tmux-smoke.sh   to walk through more languages
set -eu

step_timeout=${SMOKE_STEP_TIMEOUT:-20} # seconds to wait for each screen
work=$(mktemp -d)
session="mfa-demo-smoke-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
langs=${SMOKE_LANGS:-ja}

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

# start ARGS: a new 80×24 session running the binary with ARGS; the state directory is the
# run's own, so the journal and the QR PNG land in $work.
start() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$work/state"
	tmux new-session -d -s "$session" -x 80 -y 24 \
		"env MFA_DEMO_STATE_DIR='$work/state' TERM=xterm-256color '$bin' $*; echo \"SMOKE-EXIT=\$?\"; sleep 30"
}

# png_saved: the QR PNG is in the state directory, readable by its owner only.
png_saved() {
	[ -n "$(find "$work/state" -name '*-qr.png' -perm 0600 2>/dev/null)" ] || fail "the QR PNG is not in the state directory with mode 0600"
}

# exited_clean: the program exited with status 0 and took the QR PNG with it.
exited_clean() {
	wait_for "SMOKE-EXIT="
	tmux capture-pane -p -t "$session" | grep -qF "SMOKE-EXIT=0" || fail "the program did not exit with status 0"
	[ -z "$(find "$work/state" -name '*-qr.png' 2>/dev/null)" ] || fail "the QR PNG is still there after teardown"
}

start
keys "Press enter to start." Enter
keys "Press enter when the app shows codes." p
wait_for "PNG saved"
png_saved
tmux send-keys -t "$session" Enter
keys "Built-in authenticator" a Enter
keys "Press enter to try it without MFA." l
keys "API log" Escape Enter
keys "AccessDenied - this is the expected outcome." Enter
keys "Sign in with MFA" a Enter
keys "Press enter to tear everything down." Enter
wait_for "Exit status"

summary=$(tmux capture-pane -p -t "$session")
echo "$summary" | grep -qF "Lesson shown" || fail "no lesson in the summary"
echo "$summary" | grep -qF "Teardown complete" || fail "teardown is not complete"
echo "$summary" | grep -qF "Exit status 0" || fail "the summary's exit status is not 0"

tmux send-keys -t "$session" q
exited_clean
echo "tmux-smoke: ok: lesson shown, teardown complete, exit 0"

for lang in $langs; do
	"$bin" --lang "$lang" --help >/dev/null 2>&1 || fail "mfa-demo does not speak --lang $lang"
	start --lang "$lang"
	keys "arn:aws:iam::000000000000:user/admin" Enter # the caller, on the welcome screen
	wait_for "▀"                                       # the QR code
	keys "▀" p
	wait_for "-qr.png"
	png_saved
	tmux send-keys -t "$session" Enter
	keys ":mfa/mfa-demo/" a Enter # the device serial, on the code screen
	keys "aws:MultiFactorAuthPresent" l
	keys "CreateAccessKey" Escape Enter # a call in the API log
	keys "AccessDenied" Enter
	keys ":mfa/mfa-demo/" a Enter
	keys "mfa-demo-backups" Enter # a bucket of the emulator's, listed with MFA
	# The teardown screen ignores q; the summary leaves on it.
	i=0
	until tmux capture-pane -p -t "$session" | grep -qF "SMOKE-EXIT="; do
		[ "$i" -lt "$step_timeout" ] || fail "--lang $lang: the summary did not leave on q within ${step_timeout}s"
		tmux send-keys -t "$session" q
		sleep 1
		i=$((i + 1))
	done
	exited_clean
	echo "tmux-smoke: ok: --lang $lang to the end, exit 0"
done
