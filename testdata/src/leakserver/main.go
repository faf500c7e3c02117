// Command leakserver is the service memprof-tui's leak-hunting tests watch: it serves
// net/http/pprof on 127.0.0.1 (a free port, printed on stdout as "PORT\n") and its heap
// changes in four ways a leak hunter must tell apart:
//
//   - main.recordSession leaks: every 100 ms it keeps a 32 KiB record forever
//     (about 19 MB a minute, steadily);
//   - main.warmCache fills a 24 MB cache during the first four seconds, then never
//     allocates again (a one-time warm-up that levels off);
//   - main.churnBuffers allocates a 1 MiB buffer every 10 ms and drops it at once
//     (large, short-lived: much allocated, nothing kept);
//   - main.batchBuffer grows a buffer by 512 KiB every 100 ms for 2.5 s, then releases
//     it, and starts again (memory that grows and is given back).
//
// MemProfileRate is 4096 bytes, so nearly every allocation of these sizes is sampled
// and the profile's numbers are close to the truth. The heap profile describes the
// heap as of the last GC: fetch it with ?gc=1 for a current picture. The program exits
// when stdin closes or after -life (ten minutes by default), so a test that dies cannot
// leave it running.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	sessions [][]byte
	cache    [][]byte
	batch    [][]byte
	sink     []byte
)

// recordSession keeps one 32 KiB record every 100 ms and never lets go: the leak.
func recordSession() {
	for {
		rec := make([]byte, 32<<10)
		rec[0] = 1
		mu.Lock()
		sessions = append(sessions, rec)
		mu.Unlock()
		time.Sleep(100 * time.Millisecond)
	}
}

// warmCache fills a 24 MB cache in 96 entries of 256 KiB over four seconds, then stops.
func warmCache() {
	for i := 0; i < 96; i++ {
		entry := make([]byte, 256<<10)
		entry[0] = 1
		mu.Lock()
		cache = append(cache, entry)
		mu.Unlock()
		time.Sleep(4 * time.Second / 96)
	}
}

// churnBuffers allocates a 1 MiB buffer every 10 ms and drops it.
func churnBuffers() {
	for {
		buf := make([]byte, 1<<20)
		buf[len(buf)-1] = 1
		sink = buf
		sink = nil
		time.Sleep(10 * time.Millisecond)
	}
}

// batchBuffer grows a batch by 512 KiB every 100 ms for 2.5 s, then releases it.
func batchBuffer() {
	for {
		for i := 0; i < 25; i++ {
			part := make([]byte, 512<<10)
			part[0] = 1
			mu.Lock()
			batch = append(batch, part)
			mu.Unlock()
			time.Sleep(100 * time.Millisecond)
		}
		mu.Lock()
		batch = nil
		mu.Unlock()
	}
}

func main() {
	life := flag.Duration("life", 10*time.Minute, "exit after this long")
	flag.Parse()
	runtime.MemProfileRate = 4096
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "leakserver:", err)
		os.Exit(1)
	}
	go recordSession()
	go warmCache()
	go churnBuffers()
	go batchBuffer()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	go func() {
		time.Sleep(*life)
		os.Exit(0)
	}()
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintln(os.Stderr, "leakserver:", err)
		os.Exit(1)
	}
}
