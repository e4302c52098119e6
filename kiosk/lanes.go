package kiosk

// lanes run the apps' Update and View for every session on a few shared
// goroutines. Their call stacks are deep (styles, layout), and a goroutine
// keeps the stack it once needed until a garbage collection halves it:
// run on each session's own goroutine they cost tens of KiB a session.
// When no lane is free the caller runs the work itself, so a session
// never waits on another.
type lanes struct {
	jobs chan func()
}

func newLanes() *lanes { return &lanes{jobs: make(chan func())} }

// serve runs n lanes until stop is closed.
func (l *lanes) serve(n int, stop <-chan struct{}) {
	for range n {
		go func() {
			for {
				select {
				case <-stop:
					return
				case job := <-l.jobs:
					job()
				}
			}
		}()
	}
}

// run runs f on a free lane, or here when none is, and returns when f
// has; a panic in f is raised again here.
func (l *lanes) run(f func()) {
	done := make(chan any, 1)
	job := func() {
		defer func() { done <- recover() }()
		f()
	}
	select {
	case l.jobs <- job:
		if p := <-done; p != nil {
			panic(p)
		}
	default:
		f()
	}
}
