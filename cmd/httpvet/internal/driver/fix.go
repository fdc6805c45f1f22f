package driver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// rerunNote is how multichecker's -fix says that some fixes conflicted
// with others and were left for another run, and skippedNote how -fix
// -diff says it. The child's exit status (1) is also that of a failure, so
// the note is what tells the two apart.
const (
	rerunNote   = "Re-run the command to apply more"
	skippedNote = "skipped (e.g. due to conflicts)"
)

// runFix applies the fixes by running this executable as plain
// multichecker (x/tools' fix application merges the edits of all the
// analyzers and refuses overlapping ones; it is not exported). While some
// fixes conflicted, it runs another pass on the fixed code, up to
// o.fixPasses passes: one conflict is typically two analyzers fixing the
// same expression, and the second fix applies cleanly to the first's
// result.
func runFix(o *options, patterns []string, stdout, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "httpvet: -fix: %v\n", err)
		return ExitError
	}
	var args []string
	for _, a := range o.explicit {
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		switch name {
		case "tags", "format", "links", "fix-passes", "json", "V":
			// The driver's own flags; -tags reaches the child through
			// GOFLAGS, which go/packages passes to go list.
			continue
		}
		args = append(args, a)
	}
	args = append(args, patterns...)
	env := append(os.Environ(), childEnv+"=multichecker")
	if o.tags != "" {
		env = append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -tags="+o.tags))
	}
	passes := max(o.fixPasses, 1)
	if o.diff {
		passes = 1 // nothing is written, so another pass would see the same code
	}
	for pass := 1; ; pass++ {
		cmd := exec.Command(exe, args...)
		cmd.Env = env
		var errBuf bytes.Buffer
		cmd.Stdout, cmd.Stderr = stdout, &errBuf
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			fmt.Fprintf(stderr, "httpvet: -fix: %v\n", err)
			return ExitError
		}
		conflicted := code == 1 && (strings.Contains(errBuf.String(), rerunNote) ||
			o.diff && strings.Contains(errBuf.String(), skippedNote))
		if !conflicted {
			stderr.Write(errBuf.Bytes())
			return code
		}
		if pass >= passes {
			stderr.Write(errBuf.Bytes())
			if o.diff {
				fmt.Fprintln(stderr, "httpvet: some fixes conflict with others and are not in the diff; apply it and run again")
			} else {
				fmt.Fprintf(stderr, "httpvet: some fixes still conflict after %d pass%s; run httpvet -fix again\n", passes, plural(passes))
			}
			return ExitFixConflict
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}
