// Command liveserver is the running program memprof-tui's fetch tests profile over
// HTTP: it serves net/http/pprof on 127.0.0.1 (a free port, printed on stdout as
// "PORT\n"), keeps allocating (a slowly growing retained list plus garbage) and burns
// some CPU, so every endpoint has samples. With -tls it serves HTTPS with a self-signed
// certificate made at start (for --insecure). It exits when stdin closes or after ten
// minutes, so a test that dies cannot leave it running for long.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"io"
	"math/big"
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
	retained [][]byte
	sink     []byte
)

// growRetained keeps a slowly growing list alive, so the heap profile has in-use space.
func growRetained() {
	for {
		mu.Lock()
		if len(retained) < 4096 {
			retained = append(retained, make([]byte, 16<<10))
		}
		mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

// makeGarbage allocates buffers that die at once, so allocs differ from in-use.
func makeGarbage() {
	for {
		for i := 0; i < 64; i++ {
			sink = make([]byte, 1<<10+i)
		}
		time.Sleep(time.Millisecond)
	}
}

// burnCPU spins on arithmetic in short bursts (about a fifth of one core, so tests
// running several servers leave the machine usable), so the CPU profile has samples.
func burnCPU() {
	x := uint64(1)
	for {
		end := time.Now().Add(2 * time.Millisecond)
		for time.Now().Before(end) {
			for i := 0; i < 10_000; i++ {
				x = x*6364136223846793005 + 1442695040888963407
			}
		}
		if x == 0 {
			fmt.Println(x)
		}
		time.Sleep(8 * time.Millisecond)
	}
}

// selfSigned makes a certificate for 127.0.0.1 signed by its own key, valid for a day.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "liveserver"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func main() {
	useTLS := flag.Bool("tls", false, "serve HTTPS with a self-signed certificate")
	flag.Parse()
	runtime.MemProfileRate = 4096
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "liveserver:", err)
		os.Exit(1)
	}
	if *useTLS {
		cert, err := selfSigned()
		if err != nil {
			fmt.Fprintln(os.Stderr, "liveserver:", err)
			os.Exit(1)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	go growRetained()
	go makeGarbage()
	go burnCPU()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	go func() {
		time.Sleep(10 * time.Minute)
		os.Exit(0)
	}()
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintln(os.Stderr, "liveserver:", err)
		os.Exit(1)
	}
}
