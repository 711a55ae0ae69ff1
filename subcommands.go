package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/mfa-demo/mfa-demo/plain"
	"github.com/mfa-demo/mfa-demo/scenario"
)

// operatorPolicy prints the operator's least-privilege policy, or its help.
func (a *app) operatorPolicy(args []string) int {
	words := a.text()
	fs := flag.NewFlagSet("mfa-demo operator-policy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, words.Command.OperatorPolicyHelp)
			return 0
		}
		fmt.Fprintf(a.stderr, "mfa-demo operator-policy: %v\n\n%s", err, words.Command.OperatorPolicyHelp)
		return scenario.ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "mfa-demo: "+words.Command.UnexpectedArg+"\n", fs.Arg(0))
		return scenario.ExitUsage
	}
	fmt.Fprintln(a.stdout, scenario.OperatorPolicyJSON())
	return 0
}

// cleanup removes what interrupted runs left on a target.
func (a *app) cleanup(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("mfa-demo cleanup", flag.ContinueOnError)
	var tf targetFlags
	tf.register(fs)
	if code, ok := a.parse(fs, &tf, args); !ok {
		return code
	}
	conn, stateDir, err := a.connect(ctx, tf)
	if err != nil {
		fmt.Fprintf(a.stderr, "mfa-demo cleanup: %v\n", err)
		return scenario.ExitFailure
	}
	defer conn.Stop()
	c := &scenario.Cleanup{Clients: conn.Factory, StateDir: stateDir, Target: tf.kind()}
	return plain.Cleanup(ctx, c, a.plainOptions(tf, conn.Factory, plain.Options{}))
}
