package tui

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/mfa-demo/mfa-demo/scenario"
)

// bridge is the TUI's scenario.FrontEnd: it turns what Run reports and asks into tea.Msgs, in
// the order Run produced them. The model reads them one at a time with next; a question
// carries a reply channel that the model answers through a tea.Cmd, so Update does no I/O.
//
// Run never waits on the model: events queue without bound (a run reports a few hundred at
// most), and every question also returns when the run's context ends, which is how a quit or
// a signal reaches a run that waits on the trainee.
type bridge struct {
	mu     sync.Mutex
	queue  []tea.Msg
	wake   chan struct{} // signalled when the queue grows
	closed bool

	done    chan struct{} // closed when Run has returned
	summary scenario.Summary
}

func newBridge() *bridge {
	return &bridge{wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// The messages the bridge delivers.
type (
	// eventMsg is one scenario event.
	eventMsg struct{ ev scenario.Event }
	// beginAsked is Run's Begin question; the answer goes to reply.
	beginAsked struct {
		q     scenario.BeginQuestion
		reply chan scenario.BeginAnswer
	}
	// codesAsked is Run asking for MFA codes; req.Retry says why the last ones were refused.
	codesAsked struct {
		req   scenario.CodeRequest
		reply chan []string
	}
	// continueAsked is Run waiting until the trainee has read step's screen.
	continueAsked struct {
		step  scenario.StepID
		reply chan struct{}
	}
	// runDoneMsg is Run's return: the teardown is over and the summary is final.
	runDoneMsg struct{ summary scenario.Summary }
)

func (b *bridge) push(msg tea.Msg) {
	b.mu.Lock()
	b.queue = append(b.queue, msg)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// next delivers the next message; the model asks for it again after each one, so exactly
// one reader waits at any time. It returns nil once the run is over and the queue is empty.
func (b *bridge) next() tea.Msg {
	for {
		b.mu.Lock()
		if len(b.queue) > 0 {
			msg := b.queue[0]
			b.queue = b.queue[1:]
			b.mu.Unlock()
			return msg
		}
		closed := b.closed
		b.mu.Unlock()
		if closed {
			return nil
		}
		<-b.wake
	}
}

// start runs the scenario and queues its summary behind every event it reported.
func (b *bridge) start(ctx context.Context, d demo) tea.Cmd {
	return func() tea.Msg {
		s := d.Run(ctx, b)
		b.mu.Lock()
		b.summary = s
		b.mu.Unlock()
		b.push(runDoneMsg{summary: s})
		b.close()
		close(b.done)
		return nil
	}
}

// close ends the reader that waits on the bridge: next returns nil once the queue is empty.
func (b *bridge) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// result waits until Run has returned and gives its summary.
func (b *bridge) result() scenario.Summary {
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.summary
}

// Event queues ev for the model.
func (b *bridge) Event(ev scenario.Event) { b.push(eventMsg{ev: ev}) }

// Begin asks the welcome screen.
func (b *bridge) Begin(ctx context.Context, q scenario.BeginQuestion) (scenario.BeginAnswer, error) {
	reply := make(chan scenario.BeginAnswer, 1)
	b.push(beginAsked{q: q, reply: reply})
	select {
	case a := <-reply:
		return a, nil
	case <-ctx.Done():
		return scenario.BeginAnswer{}, ctx.Err()
	}
}

// Codes asks the code screen.
func (b *bridge) Codes(ctx context.Context, req scenario.CodeRequest) ([]string, error) {
	reply := make(chan []string, 1)
	b.push(codesAsked{req: req, reply: reply})
	select {
	case codes := <-reply:
		return codes, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Continue waits for the key that leaves step's screen.
func (b *bridge) Continue(ctx context.Context, step scenario.StepID) error {
	reply := make(chan struct{}, 1)
	b.push(continueAsked{step: step, reply: reply})
	select {
	case <-reply:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// answer returns the command that sends v on a question's reply channel. The channel has
// room for one answer; a second answer to the same question is dropped, never blocking.
func answer[T any](reply chan<- T, v T) tea.Cmd {
	return func() tea.Msg {
		select {
		case reply <- v:
		default:
		}
		return nil
	}
}
