package driver

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// version returns the command's version from its build information: the
// module version when it was installed with go install ...@version, else
// "devel" with the VCS revision and time of a build from a clone (when the
// go command recorded them), marked "modified" for uncommitted changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel " + rev
	if t := settings["vcs.time"]; t != "" {
		v += " " + t
	}
	if settings["vcs.modified"] == "true" {
		v += " modified"
	}
	return v
}

// versionLine is what -V and the version command print. With full (-V=full,
// which go vet runs to key its cache of results) it ends with a buildID
// field holding a hash of the executable, so that the line changes with
// every rebuild even when the version does not (a clone with uncommitted
// changes); the go command reads the line as "NAME version VERSION ...
// buildID=ID".
func versionLine(full bool) string {
	line := fmt.Sprintf("httpvet version %s %s/%s %s", version(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if !full {
		return line
	}
	return line + " buildID=" + executableHash()
}

// executableHash returns the SHA-256 of the running executable, or
// "unknown" if it cannot be read.
func executableHash() string {
	path, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return strings.ToLower(fmt.Sprintf("%x", h.Sum(nil)))
}
