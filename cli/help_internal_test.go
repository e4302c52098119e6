package cli

import (
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpTexts are every command's Short and Long and every flag's usage,
// by where they are, cobra's completion shells included.
func helpTexts(lang string) map[string]string {
	a := &app{Env: Env{Getenv: func(string) string { return "" }}}
	a.early = a.helpWords([]string{"--lang", lang})
	root := a.rootCmd()
	a.localiseHelp(root)
	out := map[string]string{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		path := c.CommandPath()
		out[path+" Short"] = c.Short
		out[path+" Long"] = c.Long
		c.LocalFlags().VisitAll(func(f *pflag.Flag) { out[path+" --"+f.Name] = f.Usage })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// Every word of the help has its French: nothing the French help shows
// is left as the English says it.
func TestEveryHelpTextHasFrench(t *testing.T) {
	en, fr := helpTexts("en"), helpTexts("fr")
	if len(en) < 100 || len(en) != len(fr) {
		t.Fatalf("%d English texts, %d French", len(en), len(fr))
	}
	for where, e := range en {
		f, ok := fr[where]
		switch {
		case !ok:
			t.Errorf("%s: in English only", where)
		case e != "" && f == e:
			t.Errorf("%s: still English in French: %q", where, f)
		}
	}
}
