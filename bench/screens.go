package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// benchLine is one `go test -bench` result.
type benchLine struct {
	pkg, name          string
	ns, bytes, allocs  float64
	maxNs, maxAllocs   float64 // from bench/targets.tsv; 0 = no target
	hasTarget, overRun bool
}

// measureScreens runs the screens' View and Update benchmarks and checks
// them against bench/targets.tsv, as bench/run does.
func (s *suite) measureScreens(r *results) error {
	s.logf("screens: go test -bench ./ui/...")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1", "./ui/...")
	cmd.Dir = s.cfg.module
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	targets, err := readTargets(filepath.Join(s.cfg.module, "bench", "targets.tsv"))
	if err != nil {
		return err
	}
	r.benches = parseBench(string(out), targets)
	return nil
}

func parseBench(out string, targets map[string][2]float64) []benchLine {
	var lines []benchLine
	pkg := ""
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == "pkg:" {
			pkg = strings.TrimPrefix(f[1], "github.com/zimun-app/zimun/")
			continue
		}
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		bl := benchLine{pkg: pkg, name: name}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				bl.ns = v
			case "B/op":
				bl.bytes = v
			case "allocs/op":
				bl.allocs = v
			}
		}
		if t, ok := targets[name]; ok {
			bl.hasTarget, bl.maxNs, bl.maxAllocs = true, t[0], t[1]
			bl.overRun = bl.ns > t[0] || bl.allocs > t[1]
		}
		lines = append(lines, bl)
	}
	return lines
}

func readTargets(path string) (map[string][2]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][2]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 3 || strings.HasPrefix(line, "#") {
			continue
		}
		ns, err1 := strconv.ParseFloat(f[1], 64)
		al, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		out[f[0]] = [2]float64{ns, al}
	}
	return out, nil
}
