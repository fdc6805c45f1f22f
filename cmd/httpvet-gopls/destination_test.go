package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDestinationCreatesFolder: the documented -o ~/bin/gopls-httpvet
// works when the folder does not exist yet, and a path ending in a
// separator is a folder that gets a binary named gopls.
func TestDestinationCreatesFolder(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "no", "such", "bin", "gopls-httpvet")
	got, err := destination(file)
	if err != nil {
		t.Fatalf("destination(%s): %v", file, err)
	}
	if got != file {
		t.Errorf("destination(%s) = %s, want the path itself", file, got)
	}
	if fi, err := os.Stat(filepath.Dir(file)); err != nil || !fi.IsDir() {
		t.Errorf("the folder %s was not created: %v", filepath.Dir(file), err)
	}

	dir := filepath.Join(root, "tools") + string(filepath.Separator)
	got, err = destination(dir)
	if err != nil {
		t.Fatalf("destination(%s): %v", dir, err)
	}
	if filepath.Dir(got) != filepath.Clean(dir) || filepath.Base(got)[:5] != "gopls" {
		t.Errorf("destination(%s) = %s, want %sgopls", dir, got, dir)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("the folder %s was not created: %v", dir, err)
	}
}
