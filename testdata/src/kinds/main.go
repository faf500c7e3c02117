// kinds: writes one profile of each remaining runtime/pprof kind for the
// memprof-tui test data: goroutine, allocs, heap, mutex and block.
// Usage: kinds OUTDIR. Build and run it from /home/gopher/src/kinds (see
// testdata/gen/regen-profiles.sh) so its profiles record the same source
// path as the other test profiles. Lines 18-43 match the committed
// kinds-goroutine.prof (main.worker :20 :23, main.parked :26, main.main :43).
package main

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

func worker(i int, ch chan int) {
	if ready.Done(); i == 0 {
		time.Sleep(time.Hour)
	}
	// the other seven wait on ch forever
	<-ch
}

func parked(ch chan int) { ready.Done(); <-ch }

var ready sync.WaitGroup

func main() {
	out := os.Args[1]
	ch := make(chan int)
	ready.Add(8 + 5)
	for i := 0; i < 8; i++ {
		go worker(i, ch)
	}
	for i := 0; i < 5; i++ {
		go parked(ch)
	}
	ready.Wait()
	time.Sleep(200 * time.Millisecond) // let them all park
	f := create(out, "kinds-goroutine.prof")
	check(pprof.Lookup("goroutine").WriteTo(f, 0))
	check(f.Close())

	runtime.SetMutexProfileFraction(1) // every contention event
	runtime.SetBlockProfileRate(1)     // every blocking event
	contendMutex()
	contendRWMutex()
	pingPong()
	selectLoop()
	condWait()
	bank()
	forest = grow(16)  // kept: in use when the heap profile is written
	_ = grow(12)       // garbage: alloc_* only
	forest.right = nil // part of the kept tree becomes garbage
	chain = countdown(200, nil)
	runtime.GC()
	write(out, "kinds-allocs.prof", "allocs")
	write(out, "kinds-heap.prof", "heap")
	write(out, "kinds-mutex.prof", "mutex")
	write(out, "kinds-block.prof", "block")
}

// Record every allocation (exact values), from before main starts.
func init() { runtime.MemProfileRate = 1 }

// --- heap: recursion and inlining -------------------------------------------

type node struct {
	left, right *node
	payload     []byte
}

var (
	forest *node
	chain  *link
)

// newNode is small enough to be inlined into grow: its allocations are
// recorded at frames "main.newNode (inline)" inside main.grow.
func newNode(depth int) *node {
	return &node{payload: make([]byte, 512*(depth+1))}
}

// grow builds a tree that branches at every fourth level. Every level
// allocates, so a sample's stack holds main.grow up to depth+1 times (cum
// must count it once), and the two recursive calls are on different lines.
// (Branching everywhere would give every node its own stack, and with
// MemProfileRate=1 a profile bucket each.)
func grow(depth int) *node {
	n := newNode(depth)
	if depth > 0 {
		n.left = grow(depth - 1)
	}
	if depth > 0 && depth%4 == 0 {
		n.right = grow(depth - 1)
	}
	return n
}

type link struct {
	next *link
	name []byte
}

// countdown and label are mutually recursive and both allocate.
func countdown(n int, l *link) *link {
	if n == 0 {
		return l
	}
	return label(n-1, &link{next: l})
}

func label(n int, l *link) *link {
	l.name = make([]byte, 8+n%4*8)
	return countdown(n, l)
}

// --- mutex and block: real contention ----------------------------------------

// contendMutex: 8 goroutines take turns on one sync.Mutex and sleep while
// holding it, so the others queue (mutex profile: sync.(*Mutex).Unlock;
// block profile: sync.(*Mutex).Lock).
func contendMutex() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				mu.Lock()
				counter++
				time.Sleep(20 * time.Microsecond)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// contendRWMutex: one writer holds the lock while readers wait for it.
func contendRWMutex() {
	var rw sync.RWMutex
	var wg sync.WaitGroup
	shared := map[int]int{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 50; i++ {
			rw.Lock()
			shared[i%10] = i
			time.Sleep(50 * time.Microsecond)
			rw.Unlock()
		}
	}()
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				rw.RLock()
				_ = shared[i%10]
				rw.RUnlock()
				time.Sleep(10 * time.Microsecond)
			}
		}()
	}
	wg.Wait()
}

// pingPong: an unbuffered channel between a fast producer and a slow
// consumer (block profile: runtime.chansend1 and runtime.chanrecv1).
func pingPong() {
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		for v := range ch {
			_ = v
			time.Sleep(20 * time.Microsecond)
		}
		close(done)
	}()
	for i := 0; i < 200; i++ {
		ch <- i
	}
	close(ch)
	<-done
}

// selectLoop: a select over two channels that are fed slowly
// (block profile: runtime.selectgo).
func selectLoop() {
	a, b := make(chan int), make(chan int)
	go func() {
		for i := 0; i < 100; i++ {
			time.Sleep(20 * time.Microsecond)
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
		}
	}()
	for i := 0; i < 100; i++ {
		select {
		case <-a:
		case <-b:
		}
	}
}

// condWait: goroutines wait on a sync.Cond until broadcast
// (block profile: sync.(*Cond).Wait).
func condWait() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var wg sync.WaitGroup
	turn := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 10; round++ {
				mu.Lock()
				for turn%4 != g {
					cond.Wait()
				}
				turn++
				cond.Broadcast()
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
}

// bank: goroutines move money between accounts, each guarded by its own
// mutex, through methods and a call chain, and deposit directly: the same
// Unlock/Lock sites are reached by several stacks.
type account struct {
	mu      sync.Mutex
	balance int
}

func (a *account) deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	time.Sleep(5 * time.Microsecond)
}

func (a *account) withdraw(n int) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.balance < n {
		return false
	}
	a.balance -= n
	time.Sleep(5 * time.Microsecond)
	return true
}

func transfer(from, to *account, n int) {
	if from.withdraw(n) {
		to.deposit(n)
	}
}

func bank() {
	accts := []*account{{balance: 1000}, {balance: 1000}, {balance: 1000}}
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(2)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				transfer(accts[(g+i)%3], accts[(g+i+1)%3], 1)
			}
		}(g)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				accts[(g+i)%3].deposit(1)
			}
		}(g)
	}
	wg.Wait()
}

// --- output --------------------------------------------------------------

func create(dir, name string) *os.File {
	f, err := os.Create(filepath.Join(dir, name))
	check(err)
	return f
}

func write(dir, name, profile string) {
	f := create(dir, name)
	check(pprof.Lookup(profile).WriteTo(f, 0))
	check(f.Close())
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
