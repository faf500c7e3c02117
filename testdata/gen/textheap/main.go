// Writes Go's debug=1 text profiles for testdata/profiles/legacy/: the heap profile at
// two sampling rates and the goroutine profile.
//
//	go run . OUTDIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
)

var keep [][]byte

func grow(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 64+i%4096))
	}
}

func words(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "w%d ", i)
	}
	return b.String()
}

func write(dir, name, profile string) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup(profile).WriteTo(f, 1); err != nil {
		panic(err)
	}
}

func main() {
	dir := os.Args[1]
	for _, rate := range []int{4096, 512 * 1024} {
		runtime.MemProfileRate = rate
		keep = nil
		grow(20000)
		_ = words(50000)
		keep = keep[:len(keep)/3]
		runtime.GC()
		write(dir, fmt.Sprintf("go-text-heap-rate%d.txt", rate), "heap")
	}
	var wg sync.WaitGroup
	block := make(chan struct{})
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); <-block }()
	}
	write(dir, "go-text-goroutine.txt", "goroutine")
	close(block)
	wg.Wait()
}
