// Command mfa-demo walks a trainee through the AWS multi-factor-authentication demo:
// a user, a virtual MFA device, a policy that needs MFA, and the S3 listing that fails
// without MFA and succeeds with it — against an embedded emulator by default.
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches the subcommands and returns the process exit status.
func run(args []string) int {
	if len(args) > 0 && args[0] == "emulator" {
		return runEmulator(args[1:])
	}
	fmt.Fprintln(os.Stderr, "mfa-demo: the demo itself is not built yet; try `mfa-demo emulator`")
	return 2
}
