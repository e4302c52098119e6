package cli_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zimun sandbox --faults makes a fault reproducible from a shell: the
// banner names it, requests meet it, /sandbox/faults counts it.
func TestSandboxFaultsFlag(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": home}
	base, out, _ := serveSandbox(t, env, "--faults", "token:error=1", "--seed", "7", "--rate-limit", "0")
	for _, want := range []string{"token:error=100% (seed 7; counts at " + base + "/sandbox/faults)", "rate limit       none"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	req, _ := http.NewRequest("POST", base+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.SetBasicAuth("demo-client", "demo-secret")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 500 {
		t.Errorf("token under token:error=1: %s", resp.Status)
	}
	resp, err = http.Get(base + "/sandbox/faults")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Injected struct {
			ByKind map[string]int `json:"by_kind"`
		} `json:"injected"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got.Injected.ByKind["error"] != 1 {
		t.Errorf("/sandbox/faults: %+v %v", got, err)
	}
}

func TestSandboxBadFaults(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"sandbox", "--faults", "hold:eror=0.3"}, `--faults: fault "hold:eror=0.3": unknown kind "eror"`},
		{[]string{"sandbox", "--faults", "hld:error=0.3"}, `unknown endpoint "hld"; endpoints: token,`},
		{[]string{"sandbox", "--rate-limit", "-1"}, `--rate-limit must be 0 (no limit) or more`},
	} {
		code, _, errs := f.run(tt.args...)
		if code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[sandbox]\nfaults = \"error=2\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := f.run("services", "--config", path); code != 2 || !strings.Contains(errs, `sandbox.faults: fault "error=2"`) {
		t.Errorf("bad sandbox.faults: exit %d, stderr %q", code, errs)
	}
}

// sandbox.faults applies to the embedded demo sandbox too.
func TestDemoSandboxTakesFaultsFromConfig(t *testing.T) {
	f := newFixture(t)
	for _, k := range []string{"ZIMUN_BASE_URL", "ZIMUN_CLIENT_ID", "ZIMUN_CLIENT_SECRET"} {
		delete(f.env, k)
	}
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte("[sandbox]\nfaults = \"services:429=1@0s\"\nrate_limit = 0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := f.run("services", "--config", path)
	if code != 1 || !strings.Contains(errs, "429") {
		t.Fatalf("services under services:429=1: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, _ := f.run("locations", "--config", path); code != 0 {
		t.Errorf("locations, which has no fault: exit %d", code)
	}
}
