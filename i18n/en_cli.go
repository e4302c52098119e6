package i18n

// englishCLI is the command line's help, its parse errors and the
// configuration's errors, in English; the help's wording is cobra's own
// where cobra words it.
func englishCLI() map[Key]msg {
	return map[Key]msg{
		// Help: the layout.
		UsageUsage:             s("Usage:"),
		UsageCommand:           s("[command]"),
		UsageFlagsArg:          s("[flags]"),
		UsageAliases:           s("Aliases:"),
		UsageExamples:          s("Examples:"),
		UsageAvailableCommands: s("Available Commands:"),
		UsageFlags:             s("Flags:"),
		UsageGlobalFlags:       s("Global Flags:"),
		UsageMoreInfo:          s("Use \"%s [command] --help\" for more information about a command."),
		UsageDefault:           s("default"),
		FlagHelp:               s("help for %s"),
		FlagVersion:            s("version for %s"),
		CmdHelpShort:           s("Help about any command"),
		CmdHelpLong:            s("Help provides help for any command in the application.\nSimply type %s help [path to command] for full details."),
		CmdCompletionShort:     s("Generate the autocompletion script for the specified shell"),
		CmdCompletionLong:      s("Generate the autocompletion script for %s for the specified shell.\nSee each sub-command's help for details on how to use the generated script.\n"),
		// Help: zimun and its global flags.
		CmdRootShort: s("Book appointments with the Zimun API from the terminal"),
		CmdRootLong: s(`zimun books appointments through the Zimun API.

Without a command it opens the booking UI. With no credentials configured
(ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET, or the config file) or with --demo,
it runs against an embedded demo sandbox whose data is not kept.`),
		FlagConfig:      s("config `FILE` (default $ZIMUN_CONFIG, then the user config dir's zimun/config.toml)"),
		FlagBaseURL:     s("API host root `URL`, e.g. http://127.0.0.1:8080 (overrides ZIMUN_BASE_URL)"),
		FlagLog:         s("write a debug log to `FILE` (never to the terminal)"),
		FlagDemo:        s("use the embedded demo sandbox even if credentials are configured"),
		FlagLang:        s("language: en or fr (default ui.language, then LC_ALL, LC_MESSAGES, LANG)"),
		FlagUIService:   s("preselect the service (`ID or name`)"),
		FlagUILocation:  s("preselect the location (`ID or name`)"),
		FlagUIDate:      s("open the calendar on this day"),
		FlagNoColor:     s("no colours (also when NO_COLOR is set)"),
		FlagAccessible:  s("the accessible mode: plain numbered questions for screen readers (also ACCESSIBLE=1, ui.accessible, TERM=dumb)"),
		FlagTheme:       s("colour `THEME`: %s"),
		FlagUIHoldTTL:   s("hold lifetime in the demo sandbox, to try expiry (default sandbox.hold_ttl, 10m)"),
		CmdVersionShort: s("Print the version"),
		// Help: the scripting verbs.
		FlagJSON:             s("print JSON (stable, for scripts) instead of a table"),
		FlagCurl:             s("print the API calls as curl commands instead of making them (writes with their idempotency key)"),
		FlagService:          s("service `ID` or exact name (default booking.service)"),
		FlagLocation:         s("location `ID` or exact name; needed when the service is offered at several (default booking.location)"),
		CmdServicesShort:     s("List the bookable services"),
		CmdLocationsShort:    s("List the locations and their time zones"),
		CmdAvailabilityShort: s("List the free slots and closed days of a service, or free places a day of every service (--all)"),
		FlagDays:             s("`N` days ahead, 1..90 (default booking.days_ahead)"),
		FlagAll:              s("every service at every active location (or at --location): free places a day, as the UI's availability map shows"),
		CmdHoldShort:         s("Hold a slot for a few minutes, to confirm it with zimun confirm"),
		CmdHoldLong: s(`Hold a slot while the contact details are taken; confirm it with
'zimun confirm --hold ID ...' before it expires (10 minutes on Zimun).

TIME is RFC3339 (2025-12-01T10:00:00Z) or "YYYY-MM-DD HH:MM" in the
location's time zone.

Without credentials, the hold lives in an embedded sandbox that stops when
this command exits, so no later command can confirm it. For a sandbox that
outlives one command, run 'zimun sandbox' and paste its export line.`),
		FlagHoldAt:      s("slot start"),
		CmdReleaseShort: s("Give a held slot back before the hold expires"),
		FlagReleaseHold: s("hold `ID` from zimun hold (as zimun confirm takes it)"),
		CmdConfirmShort: s("Turn a hold into an appointment; the customer is emailed"),
		CmdConfirmLong: s(`Turn a hold into an appointment; the customer is emailed.

If the reply is lost (a network failure, a timeout, a server error), the
outcome is unknown: zimun says so and exits 3. Run the same command again
to find out: it sends the same request with the same idempotency key
(derived from the hold and the contact, or --idempotency-key), so it can
never book twice, and a booking the first run made is reported as made.`),
		FlagConfirmHold:    s("hold `ID` from zimun hold"),
		FlagConfirmKey:     s("the confirm's `KEY` (default: derived from the hold and the contact)"),
		FlagName:           s("customer's name"),
		FlagEmail:          s("customer's email, for the confirmation"),
		FlagPhone:          s("customer's phone"),
		FlagNotes:          s("notes for the appointment"),
		CmdRescheduleShort: s("Move an appointment to another free slot"),
		CmdRescheduleLong: s(`Move an appointment to another free slot; the customer is emailed.

TIME is RFC3339 (2025-12-01T10:00:00Z) or "YYYY-MM-DD HH:MM" in the
appointment location's time zone.`),
		FlagRescheduleAt:     s("new start"),
		CmdCancelShort:       s("Cancel an appointment; the slot is freed and the customer emailed"),
		FlagReason:           s("why, for the record (`TEXT`)"),
		CmdAppointmentShort:  s("Show one appointment"),
		CmdAppointmentsShort: s("List appointments, following every page"),
		CmdAppointmentsLong: s(`List appointments, following every page (up to --limit).

--today, --week, --upcoming and --past are the windows of the UI's
Appointments screen, in whole days of this computer's time zone: --upcoming
starts at midnight, so it keeps today's earlier appointments, as the screen
does. Without any of them or --from/--to, every appointment is listed.

--from and --to take YYYY-MM-DD, "YYYY-MM-DD HH:MM" (both in this computer's
time zone) or RFC3339; a --to date includes that whole day. They cannot be
combined with the named windows.

Each row's time is in its location's own zone, with the zone named. The
table groups rows by day, then location, then time, so times of two zones
never interleave; --json keeps the server's order (by time).`),
		FlagToday:        s("only today"),
		FlagWeek:         s("the next 7 days, today included"),
		FlagUpcoming:     s("from the start of today on"),
		FlagPast:         s("the 7 days before today"),
		FlagFrom:         s("starting at"),
		FlagTo:           s("ending at"),
		FlagStatus:       s("only this `STATUS`: held, scheduled, confirmed or cancelled"),
		FlagQuery:        s("search names, emails and ids for `TEXT`"),
		FlagApptLocation: s("only the appointments at this location `ID` or name"),
		FlagApptLimit:    s("at most `N` appointments (0 = all)"),
		// Help: the desk's commands.
		CmdICSShort: s("Export an appointment as an iCalendar (.ics) file"),
		CmdICSLong: s(`Export an appointment as an iCalendar (.ics) file, as the UI's export
does, for the customer's or the desk's calendar.

The file is written as zimun-ID.ics in the export folder (ui.export_dir,
else the XDG download folder, else ~/Downloads, else home) unless -o names
another file; -o - writes it to stdout. The path written is printed on
stdout, or as {"path": ...} with --json, so f=$(zimun ics ID) works.

When the server will not show the appointment (no such endpoint, or the
credentials lack the appointments:read scope), the copy in the desk history
is exported instead, if this desk booked or changed it.`),
		FlagOutput:      s("write to `FILE` (- = stdout; default zimun-ID.ics in the export folder)"),
		CmdHistoryShort: s("Show the desk history: what this desk booked, moved and cancelled"),
		CmdHistoryLong: s(`Show the desk history, newest first: every appointment this desk booked,
rescheduled or cancelled, from the UI or from zimun confirm, reschedule and
cancel. It is kept on this computer, apart for each API ($XDG_STATE_HOME/zimun/,
else ~/.local/state/zimun/, one folder per API), so it needs no
connection. The demo keeps none.`),
		FlagHistoryLimit: s("at most the `N` newest entries (0 = all)"),
		// Help: the developer's tools.
		CmdAPIShort: s("Make an authenticated call to any endpoint of the API, like gh api"),
		CmdAPILong: s(`Make an authenticated call to any endpoint of the configured API and
print the reply: indented JSON on a terminal, as received when piped.

PATH is under /api/v1 ("services", "/appointments/a_123"), or from the host
root when it starts with /api/ or /sandbox/ ("/api/v1/services",
"/sandbox/outbox"), or a URL on the configured API. The token is fetched and
sent for you; POST, PATCH and PUT carry an Idempotency-Key (a fresh one, or
--idempotency-key), so their retries are applied once.

The method is METHOD, else --method, else POST when there is a body, else
GET. -f key=value fields make a JSON object body: true, false, null and
numbers are sent as such, anything else as a string (--raw-field for a
string always). On a GET, and with --input, the fields go in the query
instead, as gh api does. -q key=value adds to the query.

Exit status: 0 on a 2xx reply; 1 when the API answered with an error (its
body is printed) or could not be reached; 2 on bad usage.`),
		FlagMethod:     s("HTTP `METHOD` (default GET, or POST with a body)"),
		FlagField:      s("a body field `key=value`, typed: true, false, null and numbers as JSON (repeatable)"),
		FlagTypedField: s("the same as -f, as gh spells it"),
		FlagRawField:   s("a body field `key=value` sent as a string (repeatable)"),
		FlagQueryField: s("a query field `key=value` (repeatable)"),
		FlagInput:      s("send the body read from `FILE` (- for stdin)"),
		FlagInclude:    s("print the status and the reply's headers first"),
		FlagPaginate:   s("follow next_page_token to the last page and print every item in one reply"),
		FlagAPIKey:     s("the write's `KEY` (default: a fresh one per run)"),
		FlagAPICurl:    s("print the call as a curl command instead of making it"),
		CmdTokenShort:  s("Print a bearer token for the configured credentials"),
		CmdTokenLong: s(`Print a bearer token for the configured credentials on stdout, and when
it expires on stderr, for calls of your own:

  curl -H "Authorization: Bearer $(zimun token)" "$ZIMUN_BASE_URL/api/v1/services"
  export ZIMUN_TOKEN=$(zimun token)   # what the inspector's and --curl's commands use

The client secret is never printed. The embedded demo sandbox stops when
this command ends, so this needs credentials: for a local sandbox, run
'zimun sandbox' and paste its export line.`),
		// Help: the servers.
		CmdKioskShort: s("Serve self-service booking over SSH, until Ctrl-C or SIGTERM"),
		CmdKioskLong: s(`Serve the booking UI over SSH, one session per customer:
ssh -p 2222 HOST. It runs until Ctrl-C or SIGTERM, then tells every session
it is closing, releases their holds and exits within --shutdown-grace.

A session with no key pressed for --idle-timeout shows a countdown of
--idle-warning, then starts over for the next customer. Keys listed in
--desk-keys (or kiosk.desk_keys) are front-desk staff; everyone else, with a
key or without, is a customer. Each flag is also a [kiosk] key in the config
file. Connects and disconnects are logged on stderr (or to --log).`),
		FlagKioskListen:       s("`ADDR` to listen on, host:port"),
		FlagHostKey:           s("SSH host key `FILE`, made (ed25519, mode 0600) if missing (default kiosk_host_ed25519 in the state dir)"),
		FlagMaxSessions:       s("most customers at once; the next is told all kiosks are busy"),
		FlagIdleTimeout:       s("no key for this long shows the idle warning; 0s never does"),
		FlagIdleWarning:       s("how long the idle warning counts down before the kiosk starts over"),
		FlagShowReference:     s("how long a booking's reference stays on screen before the next customer"),
		FlagMaxSession:        s("longest session, ended after a notice; 0s is no limit"),
		FlagShutdownGrace:     s("on SIGTERM or Ctrl-C, the time to tell sessions, release holds and exit"),
		FlagConnectsPerMinute: s("new connections a minute per client address; 0 is no limit (use 0 behind a load balancer)"),
		FlagDeskKeys:          s("a desk public key, or the absolute path of an authorized_keys file; repeat for more"),
		FlagDebugAddr:         s("serve pprof and /debug/stats on this loopback `ADDR`"),
		CmdSandboxShort:       s("Serve a local Zimun API sandbox with demo data, until Ctrl-C"),
		CmdSandboxLong: s(`Serve a local stand-in for the Zimun API, with demo data, until Ctrl-C.

It prints its base URL and the client id and secret it accepts, with an
export line that points zimun (or your own code) at it. Emails it "sends"
are kept in an outbox at /sandbox/outbox. Requests are logged on stderr.
With --data the data survives a restart; without, it lives in memory.

--faults makes it misbehave on purpose, reproducibly from --seed; the
faults it injected so far are counted at /sandbox/faults.`),
		FlagSandboxListen:  s("`ADDR` to listen on (port 0 picks a free one)"),
		FlagClientID:       s("client id the sandbox accepts"),
		FlagClientSecret:   s("client secret the sandbox accepts"),
		FlagSandboxHoldTTL: s("how long holds last (default sandbox.hold_ttl, 10m)"),
		FlagSeed:           s("seed of the demo data and of the faults (default sandbox.seed; 0 = the sandbox's default, 1)"),
		FlagData:           s("keep the data in `FILE` across restarts (default sandbox.data_file; none = in memory)"),
		FlagFaults:         s("inject faults per `SPEC`, e.g. error=0.1,drop=0.05 (default sandbox.faults; see above)"),
		FlagRateLimit:      s("`R` requests per second per token, 0 = no limit (default sandbox.rate_limit, 50)"),
		// Parse errors, worded as cobra and pflag word them.
		ErrUnknownFlag:       s("unknown flag: --%s"),
		ErrUnknownShorthand:  s("unknown shorthand flag: %[1]q in -%[2]s"),
		ErrFlagNeedsArg:      s("flag needs an argument: --%s"),
		ErrShorthandNeedsArg: s("flag needs an argument: %[1]q in -%[2]s"),
		ErrInvalidFlagValue:  s("invalid argument %[1]q for %[2]q flag: %[3]s"),
		ErrBadFlagSyntax:     s("bad flag syntax: %s"),
		ErrNotANumber:        s("not a number"),
		ErrNotADuration:      s("not a duration (like 90s, 10m or 1h30m)"),
		ErrUnknownCommand:    s("unknown command %[1]q for %[2]q"),
		ErrAcceptsArgs:       n(1, "accepts %[1]d arg(s), received %[2]d", "accepts %[1]d arg(s), received %[2]d"),
		ErrAtLeastArgs:       n(1, "requires at least %[1]d arg(s), only received %[2]d", "requires at least %[1]d arg(s), only received %[2]d"),
		ErrAtMostArgs:        n(1, "accepts at most %[1]d arg(s), received %[2]d", "accepts at most %[1]d arg(s), received %[2]d"),
		ErrBetweenArgs:       s("accepts between %[1]d and %[2]d arg(s), received %[3]d"),
		ErrRequiredFlags:     s("required flag(s) %s not set"),
		// The configuration's errors, each naming its key.
		NamedProblem:      s("%[1]s: %[2]s"),
		CfgUnknownKey:     s("config %[1]s: unknown key %[2]s"),
		CfgURL:            s("must be an http(s) URL like %[1]s, got %[2]q"),
		CfgURLUser:        s("must not hold a user name or password (they would be shown and logged); use api.client_id and api.client_secret"),
		CfgSecretMissing:  s("missing while api.client_id is set (or set ZIMUN_CLIENT_SECRET)"),
		CfgIDMissing:      s("missing while api.client_secret is set (or set ZIMUN_CLIENT_ID)"),
		CfgBetween:        s("must be between %[1]s and %[2]s, got %[3]s"),
		CfgRange:          s("must be %[1]s..%[2]s, got %[3]s"),
		CfgClock:          s(`must be "24h" or "12h", got %q`),
		CfgTheme:          s("must be one of %[1]s, got %[2]q"),
		CfgLanguage:       s(`must be "en" or "fr", got %q`),
		CfgIdleTimeout:    s("must be 0s (never) or between 10s and 24h, got %s"),
		CfgIdleWarning:    s("must be between 20s and 10m, so the countdown can be read, got %s"),
		CfgShowReference:  s("must be between 10s and 10m, long enough to note the reference, got %s"),
		CfgMaxSession:     s("must be 0s (no limit) or between 1m and 24h, got %s"),
		CfgConnects:       s("must be 0 (no limit) to 10000, got %s"),
		CfgRateLimit:      s("must be 0 (no limit) to %[1]s requests per second per token, got %[2]s"),
		CfgDeskKeyEmpty:   s(`empty; want a public key ("ssh-ed25519 AAAA…") or the absolute path of an authorized_keys file`),
		CfgDeskKeyInvalid: s("not a valid public key: %s"),
		CfgDeskKeyWant:    s("want a public key or an absolute path of an authorized_keys file, got %q"),
		CfgListen:         s("want host:port, got %q"),
		CfgPort:           s("port must be 0..65535, got %q"),
		CfgWeekday:        s(`must be a weekday like "monday" or "sunday", got %q`),
		// Dates and times on the command line.
		ErrWantDateOrTime: s(`want YYYY-MM-DD, "YYYY-MM-DD HH:MM" or RFC3339 like 2025-12-01T10:00:00Z`),
		ErrWantTime:       s(`want "YYYY-MM-DD HH:MM" (in the location's zone) or RFC3339 like 2025-12-01T10:00:00Z`),
		ErrSkippedTime:    s("%[1]s does not exist in %[2]s (the clocks skip it)"),
		ErrRepeatedTime:   s("%[1]s happens twice in %[2]s (the clocks go back); give an offset, e.g. %[3]s or %[4]s"),
		ProblemsSep:       s("; "),
		// The commands' usage errors and notes.
		ErrPaginateGET:           s("--paginate follows the pages of a GET, not a %s"),
		ErrMethodTwice:           s("the method is given twice: %[1]s and --method %[2]s"),
		ErrUnknownMethod:         s("unknown method %[1]q; use one of %[2]s"),
		ErrNoBody:                s("a %s has no body; drop --input or pick another method"),
		ErrWantKeyValue:          s("%[1]s %[2]q: want key=value"),
		ErrNoStdin:               s("--input -: no standard input"),
		ErrInputTooBig:           s("--input: more than %d MiB"),
		ErrTokenNeedsCredentials: s("zimun token needs credentials (ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET, or the config file): a token of the embedded demo sandbox dies with this command; run 'zimun sandbox' and paste its export line"),
		TokenExpires:             s("the token expires at %[1]s (in %[2]s)"),
		ErrNoAPICall:             s("this command makes no API call"),
		ErrCurlTooLong:           s("the body of %[1]s %[2]s is too long to print as a curl command"),
		CurlDemoNote:             s("these name the embedded demo sandbox, which stops with this command; run 'zimun sandbox' for one that stays"),
		CurlSetToken:             s("set ZIMUN_TOKEN first: export ZIMUN_TOKEN=$(zimun token)"),
		ErrDebugAddr:             s("--debug-addr: want a loopback host:port such as 127.0.0.1:6060, got %q"),
		ErrNeedsCredentials:      s("%s needs credentials: set ZIMUN_CLIENT_ID and ZIMUN_CLIENT_SECRET (or api.client_id and api.client_secret), or use --demo"),
		ErrDemoSandbox:           s("demo sandbox: %s"),
		ErrStoppedEarly:          s("stopped before it was ready"),
		ErrHoldTTLPositive:       s("--hold-ttl must be positive, got %s"),
		ErrRateLimitFlag:         s("--rate-limit must be 0 (no limit) or more requests per second, got %s"),
		ErrAllAndService:         s("--all is every service; drop --service or --all"),
		ErrHoldTwice:             s("give the hold once: as an argument or with --hold, not both"),
		ErrStatusOneOf:           s("--status must be one of %[1]s, got %[2]q"),
		ErrToBeforeFrom:          s("--to (%[1]s) must be after --from (%[2]s); swap them"),
		// zimun sandbox's banner.
		SandboxTitle:        s("Zimun sandbox"),
		SandboxOrgID:        s("organization id"),
		SandboxClientID:     s("client id"),
		SandboxClientSecret: s("client secret"),
		SandboxHoldsLast:    s("holds last"),
		SandboxData:         s("data"),
		SandboxInMemory:     s("in memory (lost on exit)"),
		SandboxRateLimit:    s("rate limit"),
		SandboxRate:         s("%s requests/s per token"),
		SandboxFaults:       s("faults"),
		SandboxFaultsPlan:   s("%[1]s (seed %[2]s; counts at %[3]s/sandbox/faults)"),
		SandboxNone:         s("none"),
		SandboxOutbox:       s("outbox"),
		SandboxOutboxURL:    s("%s/sandbox/outbox (the emails it sent)"),
		SandboxPointAt:      s("Point zimun (or your own code) at it:"),
		SandboxStop:         s("Press Ctrl-C to stop."),
		// cobra's completion scripts.
		CmdCompletionShellShort: s("Generate the autocompletion script for %s"),
		CmdCompletionBashLong: s(`Generate the autocompletion script for the bash shell.

This script depends on the 'bash-completion' package.
If it is not installed already, you can install it via your OS's package manager.

To load completions in your current shell session:

	source <(%[1]s completion bash)

To load completions for every new session, execute once:

#### Linux:

	%[1]s completion bash > /etc/bash_completion.d/%[1]s

#### macOS:

	%[1]s completion bash > $(brew --prefix)/etc/bash_completion.d/%[1]s

You will need to start a new shell for this setup to take effect.
`),
		CmdCompletionZshLong: s(`Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

	echo "autoload -U compinit; compinit" >> ~/.zshrc

To load completions in your current shell session:

	source <(%[1]s completion zsh)

To load completions for every new session, execute once:

#### Linux:

	%[1]s completion zsh > "%[2]s/_%[1]s"

#### macOS:

	%[1]s completion zsh > $(brew --prefix)/share/zsh/site-functions/_%[1]s

You will need to start a new shell for this setup to take effect.
`),
		CmdCompletionFishLong: s(`Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

	%[1]s completion fish | source

To load completions for every new session, execute once:

	%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish

You will need to start a new shell for this setup to take effect.
`),
		CmdCompletionPowerShellLong: s(`Generate the autocompletion script for powershell.

To load completions in your current shell session:

	%[1]s completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.
`),
		FlagNoDescriptions: s("disable completion descriptions"),
		// availability --all's table.
		SurveyTitle:  s("Free places a day, %[1]s to %[2]s (✕ closed, · not in the window)"),
		SurveyClosed: s("Closed:"),
	}
}
