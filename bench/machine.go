package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// machine is what the figures were measured on.
type machine struct {
	cpu, kernel, goVersion, revision string
	cores                            int
	versions                         map[string]string // subject -> version line
	loadBefore, loadAfter            string
}

func describeMachine(cfg config, subjects []subject) machine {
	m := machine{cores: runtime.NumCPU(), goVersion: runtime.Version(), versions: map[string]string{}}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	m.revision = "unknown"
	if cfg.module != "" {
		if out, err := exec.Command("git", "-C", cfg.module, "describe", "--always", "--dirty").Output(); err == nil {
			m.revision = strings.TrimSpace(string(out))
		}
	}
	for _, s := range subjects {
		switch {
		case s.peer != nil && s.peer.name == "calcurse":
			m.versions[s.name] = version("calcurse", "--version")
		case s.peer != nil:
			m.versions[s.name] = version("khal", "--version")
		}
	}
	m.loadBefore = loadavg()
	return m
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return fmt.Sprintf("%s %s %s", f[0], f[1], f[2])
}
