// Package reliability holds the tests that prove what RELIABILITY.md
// promises: soaks of many bookings under injected faults checked against
// the sandbox's ledger, the real binary in a pseudo-terminal (signals,
// kill -9 and resume, two instances on one state folder, hostile server
// text), and the figures those runs report. It has no code of its own.
package reliability
