package linear

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"golang.org/x/term"
)

// console reads answers a line at a time and writes lines; Write is safe
// while a ReadLine waits, and keeps the prompt and what was typed after
// the line it writes.
type console interface {
	ReadLine() (string, error)
	SetPrompt(prompt string)
	Write(p []byte) (int, error)
	SetSize(width, height int)
	// Last writes the session's last line under whatever is on screen,
	// once nothing else writes.
	Last(line string)
}

// editor is x/term's line editor, on a terminal in raw mode or an SSH
// session (which has no line discipline): it takes \r for Enter, echoes,
// handles backspace, and redraws the prompt around an announcement.
type editor struct {
	t *term.Terminal
	w io.Writer
}

func newEditor(rw io.ReadWriter) *editor { return &editor{t: term.NewTerminal(rw, ""), w: rw} }

// Last goes around the editor, which would draw its prompt again after
// the line (Ctrl-C leaves it on screen).
func (e *editor) Last(line string) { _, _ = io.WriteString(e.w, "\r\n"+line+"\r\n") }

func (e *editor) ReadLine() (string, error) {
	line, err := e.t.ReadLine()
	if errors.Is(err, term.ErrPasteIndicator) {
		err = nil // pasted: the same answer
	}
	return line, err
}

func (e *editor) SetPrompt(p string)          { e.t.SetPrompt(p) }
func (e *editor) Write(p []byte) (int, error) { return e.t.Write(p) }
func (e *editor) SetSize(w, h int) {
	if w > 0 && h > 0 {
		_ = e.t.SetSize(w, h)
	}
}

// plain is for a terminal that edits lines itself (cooked mode, as with
// TERM=dumb) or for pipes: the prompt is written, the line read as typed;
// nothing is echoed and no escape sequence is ever written.
type plain struct {
	r    *bufio.Reader
	w    io.Writer
	echo bool // write the answer back: the input is not a terminal

	mu        sync.Mutex
	prompt    string
	prompting bool // the prompt is on screen, its line unanswered
}

func newPlain(r io.Reader, w io.Writer, echo bool) *plain {
	return &plain{r: bufio.NewReader(r), w: w, echo: echo}
}

func (c *plain) ReadLine() (string, error) {
	c.mu.Lock()
	_, err := io.WriteString(c.w, c.prompt)
	c.prompting = true
	c.mu.Unlock()
	if err != nil {
		return "", err
	}
	line, err := c.r.ReadString('\n')
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prompting = false
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if c.echo {
		_, err = io.WriteString(c.w, line+"\n")
	}
	return line, err
}

func (c *plain) SetPrompt(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prompt = p
}

// Write puts an announcement made while a prompt waits on its own line,
// then the prompt again.
func (c *plain) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.prompting {
		return c.w.Write(p)
	}
	if _, err := io.WriteString(c.w, "\n"); err != nil {
		return 0, err
	}
	n, err := c.w.Write(p)
	if err == nil {
		_, err = io.WriteString(c.w, c.prompt)
	}
	return n, err
}

func (c *plain) SetSize(int, int) {}

func (c *plain) Last(line string) { _, _ = io.WriteString(c.w, "\n"+line+"\n") }

// ctxReader reads r until ctx ends, then reports io.EOF, so a line editor
// waiting for a key gives up when the session ends. The goroutine reading
// r stays until r returns (the process or the SSH session ends).
type ctxReader struct {
	ctx    context.Context
	chunks chan []byte
	rest   []byte
}

func newCtxReader(ctx context.Context, r io.Reader) *ctxReader {
	c := &ctxReader{ctx: ctx, chunks: make(chan []byte)}
	go func() {
		defer close(c.chunks)
		for {
			buf := make([]byte, 256)
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case c.chunks <- buf[:n]:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		select {
		case chunk, ok := <-c.chunks:
			if !ok {
				return 0, io.EOF
			}
			c.rest = chunk
		case <-c.ctx.Done():
			return 0, io.EOF
		}
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}

// readWriter joins a reader and a writer.
type readWriter struct {
	io.Reader
	io.Writer
}
