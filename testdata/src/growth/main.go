// growth: writes two heap profiles of one run for memprof-tui's diff tests, a
// snapshot mid-run (growth-mid.prof) and one at the end (growth-end.prof).
// Between the two, an index keeps growing (growth), a scratch cache is
// dropped and half of the sessions close (shrinkage), and request handling
// allocates short-lived buffers (alloc growth with no in-use change).
// Usage: growth OUTDIR. Build and run it from /home/gopher/src/growth (see
// testdata/gen/regen-growth.sh) so its profiles record the same source path
// as the other test profiles.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
)

type entry struct {
	key     string
	payload []byte
	tags    []string
}

type session struct {
	id      int
	history [][]byte
}

var (
	index    = map[string]*entry{}
	scratch  [][]byte
	sessions []*session
	sink     int
)

//go:noinline
func addEntry(i int) {
	key := fmt.Sprintf("entry-%06d", i)
	e := &entry{key: key, payload: make([]byte, 256+i%512)}
	for t := 0; t < i%4; t++ {
		e.tags = append(e.tags, strings.Repeat("t", 8+t))
	}
	index[key] = e
}

//go:noinline
func growIndex(from, to int) {
	for i := from; i < to; i++ {
		addEntry(i)
	}
}

//go:noinline
func fillScratch(n int) {
	for i := 0; i < n; i++ {
		scratch = append(scratch, make([]byte, 4096))
	}
}

//go:noinline
func openSessions(n int) {
	for i := 0; i < n; i++ {
		s := &session{id: i}
		for h := 0; h < 8; h++ {
			s.history = append(s.history, make([]byte, 128*(h+1)))
		}
		sessions = append(sessions, s)
	}
}

//go:noinline
func closeHalf() {
	kept := sessions[:0]
	for _, s := range sessions {
		if s.id%2 == 0 {
			kept = append(kept, s)
		}
	}
	for i := len(kept); i < len(sessions); i++ {
		sessions[i] = nil
	}
	sessions = kept
}

//go:noinline
func handleRequests(n int) {
	for i := 0; i < n; i++ {
		buf := make([]byte, 1024+i%2048)
		sink += len(strings.ToUpper(string(buf[:64])))
	}
}

func writeHeap(path string) {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func main() {
	runtime.MemProfileRate = 512
	out := os.Args[1]

	growIndex(0, 20000)
	fillScratch(2000)
	openSessions(600)
	handleRequests(5000)
	writeHeap(filepath.Join(out, "growth-mid.prof"))

	scratch = nil
	closeHalf()
	growIndex(20000, 50000)
	handleRequests(20000)
	writeHeap(filepath.Join(out, "growth-end.prof"))
	runtime.KeepAlive(index)
	runtime.KeepAlive(sessions)
}
