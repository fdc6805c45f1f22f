// Package tagged has a finding only in a file built with the integration
// tag: the command must honour -tags.
package tagged

// Name is built without tags, so that the package exists either way.
const Name = "tagged"
