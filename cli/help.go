package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/zimun-app/zimun/config"
	"github.com/zimun-app/zimun/i18n"
	"github.com/zimun-app/zimun/model"
)

// helpWords is the language of the help and of cobra's errors, chosen
// before cobra parses anything: --lang as the arguments have it, else the
// config's ui.language (of --config as the arguments have it), else the
// locale.
func (a *app) helpWords(args []string) *i18n.Printer {
	lang := flagValue(args, "lang")
	ch, err := i18n.Choose(lang, "", a.Getenv)
	if lang == "" {
		// A configuration that does not load speaks no language; its
		// error comes when the command reads it.
		if cfg, _, cerr := config.Load(config.Options{Path: flagValue(args, "config"), Getenv: a.Getenv}); cerr == nil {
			ch, err = i18n.Choose("", cfg.UI.Language, a.Getenv)
		}
	}
	if err != nil {
		ch, _ = i18n.Choose("", "", a.Getenv)
	}
	return a.catalogue().Printer(ch.Locale, model.Clock{H24: true})
}

// flagValue is the last value of --name in args, as pflag reads it
// ("--name v" or "--name=v"), up to a "--".
func flagValue(args []string, name string) string {
	var v string
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--":
			return v
		case arg == "--"+name && i+1 < len(args):
			v = args[i+1]
			i++
		case strings.HasPrefix(arg, "--"+name+"="):
			v = strings.TrimPrefix(arg, "--"+name+"=")
		}
	}
	return v
}

// h is the help text k in the help's language.
func (a *app) h(k i18n.Key, args ...any) string { return a.helpPrinter().T(k, args...) }

func (a *app) helpPrinter() *i18n.Printer {
	if a.early == nil {
		a.early = a.helpWords(nil)
	}
	return a.early
}

// localiseHelp words what cobra adds on its own (the help and completion
// commands, -h and -v) and its usage layout in the help's language.
func (a *app) localiseHelp(root *cobra.Command) {
	p := a.helpPrinter()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short, c.Long = p.T(i18n.CmdHelpShort), p.T(i18n.CmdHelpLong, root.DisplayName())
		case "completion":
			c.Short, c.Long = p.T(i18n.CmdCompletionShort), p.T(i18n.CmdCompletionLong, root.DisplayName())
			localiseCompletion(c, p)
		}
	}
	if root.Version != "" && root.Flags().Lookup("version") == nil {
		root.Flags().BoolP("version", "v", false, p.T(i18n.FlagVersion, root.DisplayName()))
		_ = root.Flags().SetAnnotation("version", cobra.FlagSetByCobraAnnotation, []string{"true"})
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, p.T(i18n.FlagHelp, c.DisplayName()))
			_ = c.Flags().SetAnnotation("help", cobra.FlagSetByCobraAnnotation, []string{"true"})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	root.SetUsageFunc(func(c *cobra.Command) error { return writeUsage(c.OutOrStderr(), c, p) })
}

// localiseCompletion words the completion command's shells, as cobra
// made them in InitDefaultCompletionCmd.
func localiseCompletion(c *cobra.Command, p *i18n.Printer) {
	name := c.Root().Name()
	long := map[string]string{
		"bash":       p.T(i18n.CmdCompletionBashLong, name),
		"zsh":        p.T(i18n.CmdCompletionZshLong, name, "${fpath[1]}"),
		"fish":       p.T(i18n.CmdCompletionFishLong, name),
		"powershell": p.T(i18n.CmdCompletionPowerShellLong, name),
	}
	for _, shell := range c.Commands() {
		shell.Short = p.T(i18n.CmdCompletionShellShort, shell.Name())
		if l, ok := long[shell.Name()]; ok {
			shell.Long = l
		}
		if f := shell.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = p.T(i18n.FlagNoDescriptions)
		}
	}
}

// writeUsage is cobra's usage layout (its defaultUsageFunc, less the
// command groups and help topics zimun does not use), worded by p.
func writeUsage(w io.Writer, c *cobra.Command, p *i18n.Printer) error {
	var b strings.Builder
	b.WriteString(p.T(i18n.UsageUsage))
	if c.Runnable() {
		line := c.UseLine()
		if rest, ok := strings.CutSuffix(line, " [flags]"); ok {
			line = rest + " " + p.T(i18n.UsageFlagsArg)
		}
		fmt.Fprintf(&b, "\n  %s", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n  %s %s", c.CommandPath(), p.T(i18n.UsageCommand))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\n\n%s\n  %s", p.T(i18n.UsageAliases), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.T(i18n.UsageExamples), c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + p.T(i18n.UsageAvailableCommands))
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.T(i18n.UsageFlags), flagUsages(c.LocalFlags(), p))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(&b, "\n\n%s\n%s", p.T(i18n.UsageGlobalFlags), flagUsages(c.InheritedFlags(), p))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + p.T(i18n.UsageMoreInfo, c.CommandPath()))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// flagUsages is pflag's table of flags with its "(default …)" worded by p.
func flagUsages(fs *pflag.FlagSet, p *i18n.Printer) string {
	s := strings.TrimRight(fs.FlagUsages(), " \t\n")
	if p.Lang() != i18n.English {
		s = strings.ReplaceAll(s, " (default ", " ("+p.T(i18n.UsageDefault)+" ")
	}
	return s
}

// cobra words its argument checks with fmt.Errorf; these read them back.
var (
	unknownCommand = regexp.MustCompile(`^unknown command ("(?:[^"\\]|\\.)*") for ("(?:[^"\\]|\\.)*")$`)
	argCount       = regexp.MustCompile(`^(accepts|requires at least|accepts at most|accepts between) (\d+)(?: and (\d+))? arg\(s\), (?:only )?received (\d+)$`)
	requiredFlags  = regexp.MustCompile(`^required flag\(s\) (.+) not set$`)
)

// parseError words cobra's and pflag's parse errors in p's language;
// anything else as it says itself.
func parseError(p *i18n.Printer, err error) string {
	var (
		notExist *pflag.NotExistError
		needsArg *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if short := notExist.GetSpecifiedShortnames(); short != "" {
			return p.T(i18n.ErrUnknownShorthand, []rune(notExist.GetSpecifiedName())[0], short)
		}
		return p.T(i18n.ErrUnknownFlag, notExist.GetSpecifiedName())
	case errors.As(err, &needsArg):
		if short := needsArg.GetSpecifiedShortnames(); short != "" {
			return p.T(i18n.ErrShorthandNeedsArg, []rune(needsArg.GetSpecifiedName())[0], short)
		}
		return p.T(i18n.ErrFlagNeedsArg, needsArg.GetSpecifiedName())
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		name := "--" + f.Name
		if f.Shorthand != "" {
			name = "-" + f.Shorthand + ", " + name
		}
		return p.T(i18n.ErrInvalidFlagValue, invalid.GetValue(), name, valueError(p, f, errors.Unwrap(invalid)))
	case errors.As(err, &syntax):
		return p.T(i18n.ErrBadFlagSyntax, syntax.GetSpecifiedFlag())
	}
	msg := err.Error()
	if m := unknownCommand.FindStringSubmatch(msg); m != nil {
		name, err1 := strconv.Unquote(m[1])
		path, err2 := strconv.Unquote(m[2])
		if err1 == nil && err2 == nil {
			return p.T(i18n.ErrUnknownCommand, name, path)
		}
	}
	if m := argCount.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[2])
		got, _ := strconv.Atoi(m[4])
		switch m[1] {
		case "accepts":
			return p.T(i18n.ErrAcceptsArgs, n, got)
		case "requires at least":
			return p.T(i18n.ErrAtLeastArgs, n, got)
		case "accepts at most":
			return p.T(i18n.ErrAtMostArgs, n, got)
		default:
			most, _ := strconv.Atoi(m[3])
			return p.T(i18n.ErrBetweenArgs, n, most, got)
		}
	}
	if m := requiredFlags.FindStringSubmatch(msg); m != nil {
		return p.T(i18n.ErrRequiredFlags, m[1])
	}
	return p.Err(err)
}

// valueError words why a flag's value was refused: zimun's own reasons in
// p's language; the standard library's (numbers, durations) as they say
// themselves in English, in plain words otherwise.
func valueError(p *i18n.Printer, f *pflag.Flag, err error) string {
	var num *strconv.NumError
	switch {
	case err == nil:
		return ""
	case p.Lang() == i18n.English:
		return p.Err(err)
	case errors.As(err, &num):
		return p.T(i18n.ErrNotANumber)
	case f.Value.Type() == "duration":
		return p.T(i18n.ErrNotADuration)
	}
	return p.Err(err)
}
