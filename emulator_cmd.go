package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/go-jose/go-jose/v4"

	"github.com/mfa-demo/mfa-demo/aws"
	"github.com/mfa-demo/mfa-demo/aws/emulator"
	"github.com/mfa-demo/mfa-demo/text"
)

// emulatorBanner is what the emulator prints when it listens: where, as whom, and a block to
// paste into another terminal's bash, with the real values, quoted where they need it. An
// address that listens on every interface (0.0.0.0, [::]) is no address to call: the block
// uses loopback, and says that other machines use this one's address.
func emulatorBanner(words text.Text, url, listen, account, accessKey, secretKey, region string) string {
	c := words.Command
	endpoint, everywhere := callableURL(url)
	var b strings.Builder
	fmt.Fprintf(&b, c.EmulatorListening+"\n", endpoint, account, "arn:aws:iam::"+account+":user/"+emulator.AdminUserName)
	if everywhere {
		fmt.Fprintf(&b, c.EmulatorEverywhere+"\n", listen)
	}
	q := aws.ShellQuote
	fmt.Fprintf(&b, "\n%s\n", c.EmulatorUse)
	fmt.Fprintf(&b, "  export AWS_ENDPOINT_URL=%s\n", q(endpoint))
	fmt.Fprintf(&b, "  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s\n", q(accessKey), q(secretKey))
	fmt.Fprintf(&b, "  export AWS_REGION=%s AWS_DEFAULT_REGION=%s\n", q(region), q(region))
	fmt.Fprintf(&b, "  aws sts get-caller-identity\n")
	fmt.Fprintf(&b, "  aws s3 ls   # %s\n", c.EmulatorPathStyle)
	fmt.Fprintf(&b, "\n%s\n  mfa-demo --endpoint-url %s\n", c.EmulatorDemo, q(endpoint))
	fmt.Fprintf(&b, "\n%s\n", c.EmulatorStop)
	return b.String()
}

// callableURL turns the URL of a listener on every interface into one on loopback, which
// this machine can call; everywhere says it was one.
func callableURL(u string) (string, bool) {
	host, port, err := net.SplitHostPort(strings.TrimPrefix(u, "http://"))
	if err != nil {
		return u, false
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return "http://" + net.JoinHostPort("127.0.0.1", port), true
	}
	return u, false
}

// runEmulator serves the embedded AWS emulator until SIGINT or SIGTERM; words are the
// language it speaks.
func runEmulator(args []string, words text.Text) int {
	fs := flag.NewFlagSet("mfa-demo emulator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", "127.0.0.1:4566", "address to listen on (loopback unless you say otherwise)")
	account := fs.String("account-id", "000000000000", "AWS account ID the emulator pretends to be")
	accessKey := fs.String("access-key", "test", "admin access key ID")
	secretKey := fs.String("secret-key", "test", "admin secret access key")
	region := fs.String("region", "us-east-1", "region reported to clients")
	noBuckets := fs.Bool("no-sample-buckets", false, "start without the sample S3 buckets ("+strings.Join(emulator.DefaultBuckets, ", ")+")")
	delay := fs.Duration("propagation-delay", 0, "how long a new access key stays unknown and a policy change takes to apply, like IAM's eventual consistency (e.g. 8s)")
	offset := fs.Duration("clock-offset", 0, "run the emulator's clock this far ahead (negative: behind) of this machine's, to rehearse a wrong clock (e.g. 20m)")
	webKeys := webIdentityKeys{}
	fs.Var(webKeys, "web-identity-jwks", "ISSUER=FILE: the JSON Web Key Set of an OpenID Connect issuer, for AssumeRoleWithWebIdentity (repeatable; the emulator fetches nothing)")
	usage := func() {
		fmt.Fprintln(os.Stderr, "usage: mfa-demo emulator [flags]\n\nServes IAM, STS and S3 on one endpoint, in memory, until Ctrl-C.\n\nFlags:")
		fs.SetOutput(os.Stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return 0
		}
		fmt.Fprintf(os.Stderr, "mfa-demo emulator: %v\n", err)
		usage()
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "mfa-demo emulator: unexpected argument %q\n", fs.Arg(0))
		usage()
		return 2
	}

	srv, err := emulator.Start(*listen, emulator.Options{
		AccountID:        *account,
		AccessKeyID:      *accessKey,
		SecretAccessKey:  *secretKey,
		Region:           *region,
		NoSampleBuckets:  *noBuckets,
		PropagationDelay: *delay,
		ClockOffset:      *offset,
		WebIdentityKeys:  webKeys,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "mfa-demo emulator: %v\n", err)
		return 1
	}
	fmt.Print(emulatorBanner(words, srv.URL, *listen, *account, *accessKey, *secretKey, *region))
	if *delay > 0 {
		fmt.Printf(words.Command.EmulatorDelay+"\n", *delay)
	}
	if *offset != 0 {
		fmt.Printf(words.Command.EmulatorOffset+"\n", *offset)
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	signal.Stop(stop)
	if err := srv.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "mfa-demo emulator: %v\n", err)
		return 1
	}
	return 0
}

// webIdentityKeys is the repeatable --web-identity-jwks flag: issuer URL → JWKS document.
type webIdentityKeys map[string]string

func (w webIdentityKeys) String() string { return fmt.Sprint(len(w), " issuers") }

// Set reads ISSUER=FILE: the file must hold a JSON Web Key Set, checked here so that a typo
// is said at start rather than as InvalidIdentityToken at the first call.
func (w webIdentityKeys) Set(v string) error {
	issuer, file, ok := strings.Cut(v, "=")
	if !ok || issuer == "" || file == "" {
		return fmt.Errorf("want ISSUER=FILE, e.g. https://idp.example.com=jwks.json; got %q", v)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(data, &set); err != nil {
		return fmt.Errorf("%s is not a JSON Web Key Set: %w", file, err)
	}
	if len(set.Keys) == 0 {
		return fmt.Errorf("%s holds no keys (want a {\"keys\": [...]} document)", file)
	}
	w[issuer] = string(data)
	return nil
}
