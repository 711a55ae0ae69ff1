// Command bench compares the embedded emulator with moto_server on the demo's calls.
//
// It builds mfa-demo (unless -binary is given), starts `mfa-demo emulator` and
// `moto_server` on free loopback ports, measures for each the time from exec to the
// first successful signed request, then times the same signed SDK calls
// (GetCallerIdentity, ListBuckets, GetSessionToken) against both and prints the
// median, the 90th percentile and the ratio. Both servers are stopped at the end.
//
//	go run ./bench            # from the repository root
//	go run ./bench -n 2000 -moto ""   # emulator only
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func main() {
	os.Exit(run())
}

// server is one endpoint under test.
type server struct {
	name    string
	cmd     *exec.Cmd
	url     string
	startup time.Duration
	sts     *sts.Client
	s3      *s3.Client
}

// call is one of the signed calls timed against every server.
type call struct {
	name string
	do   func(ctx context.Context, s *server) error
}

var calls = []call{
	{"GetCallerIdentity", func(ctx context.Context, s *server) error {
		_, err := s.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	}},
	{"ListBuckets", func(ctx context.Context, s *server) error {
		_, err := s.s3.ListBuckets(ctx, &s3.ListBucketsInput{})
		return err
	}},
	{"GetSessionToken", func(ctx context.Context, s *server) error {
		_, err := s.sts.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
		return err
	}},
}

func run() int {
	n := flag.Int("n", 500, "timed calls per operation and server")
	binary := flag.String("binary", "", "mfa-demo binary to run (default: go build one into a temporary directory)")
	moto := flag.String("moto", "moto_server", `moto_server command ("" to skip moto)`)
	flag.Parse()
	if *n < 1 || flag.NArg() > 0 {
		flag.Usage()
		return 2
	}
	ctx := context.Background()

	if *binary == "" {
		dir, err := os.MkdirTemp("", "mfa-demo-bench")
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		*binary = filepath.Join(dir, "mfa-demo")
		build := exec.Command("go", "build", "-o", *binary, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "bench: go build (run from the repository root):", err)
			return 1
		}
	}

	var servers []*server
	defer func() {
		for _, s := range servers {
			stop(s)
		}
	}()
	emu, err := launch(ctx, "emulator", func(port string) *exec.Cmd {
		return exec.Command(*binary, "emulator", "--listen", "127.0.0.1:"+port)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	servers = append(servers, emu)
	if *moto != "" {
		m, err := launch(ctx, "moto", func(port string) *exec.Cmd {
			return exec.Command(*moto, "-H", "127.0.0.1", "-p", port)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 1
		}
		servers = append(servers, m)
	}

	fmt.Printf("%-18s", "exec → first reply")
	for _, s := range servers {
		fmt.Printf("  %-8s %9s", s.name, ms(s.startup))
	}
	fmt.Println()
	fmt.Printf("\n%d calls each, sequential, through aws-sdk-go-v2 with SigV4\n", *n)
	fmt.Printf("%-18s %10s %10s", "call", "emu p50", "emu p90")
	if len(servers) > 1 {
		fmt.Printf(" %10s %10s %8s", "moto p50", "moto p90", "ratio")
	}
	fmt.Println()
	for _, c := range calls {
		var medians []time.Duration
		fmt.Printf("%-18s", c.name)
		for _, s := range servers {
			lat, err := measure(ctx, s, c, *n)
			if err != nil {
				fmt.Fprintf(os.Stderr, "\nbench: %s %s: %v\n", s.name, c.name, err)
				return 1
			}
			p50, p90 := percentile(lat, 50), percentile(lat, 90)
			medians = append(medians, p50)
			fmt.Printf(" %10s %10s", ms(p50), ms(p90))
		}
		if len(medians) > 1 {
			fmt.Printf(" %7.1f×", float64(medians[1])/float64(medians[0]))
		}
		fmt.Println()
	}
	return 0
}

// launch starts a server on a free loopback port and waits for its first successful
// signed GetCallerIdentity, timing that from just before exec.
func launch(ctx context.Context, name string, command func(port string) *exec.Cmd) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &server{name: name, url: "http://127.0.0.1:" + port}
	s.sts, s.s3 = clients(s.url)
	s.cmd = command(port)
	begin := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	deadline := begin.Add(30 * time.Second)
	for {
		attempt, cancel := context.WithTimeout(ctx, time.Second)
		_, err := s.sts.GetCallerIdentity(attempt, &sts.GetCallerIdentityInput{})
		cancel()
		if err == nil {
			s.startup = time.Since(begin)
			return s, nil
		}
		if time.Now().After(deadline) {
			stop(s)
			return nil, fmt.Errorf("%s did not answer within 30 s: %w", name, err)
		}
		time.Sleep(time.Millisecond)
	}
}

// stop ends a server this program started: SIGINT, then SIGKILL if it lingers.
func stop(s *server) {
	if s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port), nil
}

func clients(endpoint string) (*sts.Client, *s3.Client) {
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(endpoint),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
	return sts.NewFromConfig(cfg), s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// measure times n calls after a short warm-up.
func measure(ctx context.Context, s *server, c call, n int) ([]time.Duration, error) {
	for range 20 {
		if err := c.do(ctx, s); err != nil {
			return nil, err
		}
	}
	lat := make([]time.Duration, 0, n)
	for range n {
		begin := time.Now()
		if err := c.do(ctx, s); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(begin))
	}
	return lat, nil
}

// percentile of a non-empty sample (measure always returns n ≥ 1 samples).
func percentile(lat []time.Duration, p int) time.Duration {
	sorted := slices.Sorted(slices.Values(lat))
	return sorted[(len(sorted)-1)*p/100]
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
}
