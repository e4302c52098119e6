package kiosk

import "testing"

func TestLanesRunAndRaisePanics(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	l := newLanes()
	l.serve(1, stop)

	ran := false
	l.run(func() { ran = true })
	if !ran {
		t.Fatal("run returned before f had run")
	}
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want the lane's panic", r)
		}
	}()
	l.run(func() { panic("boom") })
}

// A session never waits for another: with every lane busy, run runs f in
// the caller.
func TestLanesBusyRunInTheCaller(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	l := newLanes()
	l.serve(1, stop)
	taken, release := make(chan struct{}), make(chan struct{})
	go l.run(func() {
		close(taken)
		<-release
	})
	<-taken
	ran := false
	l.run(func() { ran = true })
	close(release)
	if !ran {
		t.Fatal("f did not run while the only lane was busy")
	}

	unserved := newLanes()
	unserved.run(func() { ran = false })
	if ran {
		t.Fatal("f did not run without lanes")
	}
}
