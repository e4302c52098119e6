//go:build race

package reliability

// raceBuild: the tests run with the race detector, and so does the binary
// they build.
const raceBuild = true
