package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mfa-demo/mfa-demo/scenario"
	"github.com/mfa-demo/mfa-demo/tui"
)

// runTUI runs the demo in the Bubble Tea walkthrough and returns the exit status of the
// scenario's summary: the TUI tears down before it returns, whatever ended the run.
func runTUI(ctx context.Context, demo *scenario.Demo, opts tui.Options) int {
	summary, err := tui.Run(ctx, demo, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mfa-demo: %v\n", err)
		if code := summary.ExitCode(); code != 0 {
			return code
		}
		return 1
	}
	return summary.ExitCode()
}
