package basic

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// subscribe signs an address up to a mailing list; it takes no context.
func subscribe(email string) error {
	resp, err := http.PostForm("http://lists.internal/join", url.Values{"email": {email}})
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Register finishes whatever the sign-up does: its failure is only
// logged, the answer is the same either way, so the dropped context
// changes nothing the client sees.
func Register(w http.ResponseWriter, r *http.Request) {
	if err := subscribe(r.FormValue("email")); err != nil { // error only noted: not reported
		log.Printf("newsletter: %v", err)
	}
	fmt.Fprintln(w, "welcome")
}

// RegisterStrict answers with the sign-up's failure: the client waits on
// it, and its disconnect should end it.
func RegisterStrict(w http.ResponseWriter, r *http.Request) {
	if err := subscribe(r.FormValue("email")); err != nil { // want `subscribe sends a request without a context, dropping r.Context\(\)`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
	fmt.Fprintln(w, "welcome")
}

// endSession forwards a sign-out to the identity provider. Its outcome is
// only logged and nothing after it answers the client, who gets the same
// page either way: the dropped context is not reported.
func endSession(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://idp.internal/logout?user=" + url.QueryEscape(r.FormValue("user"))) // outcome only noted: not reported
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		log.Printf("idp logout: %s", resp.Status)
	}
}

// endSessionAnswering tells the client after the check: returning early on
// the failure changes what it says.
func endSessionAnswering(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	resp.Body.Close()
	fmt.Fprintln(w, "signed out")
}

// endSessionStatus answers a failing status with an error page.
func endSessionStatus(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		http.Error(w, resp.Status, http.StatusBadGateway)
	}
}

// endSessionResult hands its outcome to the caller.
func endSessionResult(w http.ResponseWriter, r *http.Request) error {
	resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
	if err != nil {
		log.Printf("idp logout: %v", err)
		return err
	}
	return resp.Body.Close()
}

// endSessionBody uses the body: the answer may depend on it.
func endSessionBody(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	defer resp.Body.Close()
	var buf [64]byte
	n, _ := resp.Body.Read(buf[:])
	log.Printf("idp said %q", buf[:n])
}

// endSessionLookup reuses the err of an earlier lookup, as handlers often
// do: the request's outcome is still only noted.
func endSessionLookup(w http.ResponseWriter, r *http.Request) {
	user, err := url.QueryUnescape(r.FormValue("user"))
	if err != nil {
		log.Printf("bad user: %v", err)
		return
	}
	resp, err := http.Get("http://idp.internal/logout?user=" + url.QueryEscape(user)) // outcome only noted: not reported
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		log.Printf("idp logout: %s", resp.Status)
	}
}

// enlist tells a directory where to find this service; it takes no context.
func enlist(addr string) error {
	resp, err := http.Post("http://directory.internal/enlist", "text/plain", strings.NewReader(addr))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// announce registers with a directory once the listener is up, from a
// timer's goroutine: background work the caller does not wait for, so its
// context is not the request's to take.
func announce(ctx context.Context, addr string) {
	time.AfterFunc(50*time.Millisecond, func() {
		if err := enlist(addr); err != nil { // runs apart: not reported
			log.Printf("announce: %v", err)
		}
	})
	<-ctx.Done()
}

// announceNow does it at once, in the caller's time: reported.
func announceNow(ctx context.Context, addr string) error {
	return enlist(addr) // want `enlist sends a request without a context, dropping ctx`
}

// serveListed enlists, serves until ctx ends, and delists on the way out:
// the deferred delisting runs after the cancellation and must not use ctx.
func serveListed(ctx context.Context, addr string) error {
	if err := enlistCtx(ctx, addr); err != nil {
		return err
	}
	defer func() {
		if err := delist(addr); err != nil { // deferred cleanup: not reported
			log.Printf("delist: %v", err)
		}
	}()
	defer delist(addr) // deferred cleanup: not reported
	<-ctx.Done()
	return nil
}

func enlistCtx(ctx context.Context, addr string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://directory.internal/enlist", strings.NewReader(addr))
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// delist takes no context.
func delist(addr string) error {
	resp, err := http.Post("http://directory.internal/delist", "text/plain", strings.NewReader(addr))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// delistNow calls it in the caller's time: reported.
func delistNow(ctx context.Context, addr string) error {
	return delist(addr) // want `delist sends a request without a context, dropping ctx`
}

// ping tells a monitor the handler ran; it takes no context.
func ping(addr string) error {
	resp, err := http.Get("http://monitor.internal/ping?from=" + url.QueryEscape(addr))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// pingAnsweringInClosure answers the failure from inside a closure: the
// answer depends on the call.
func pingAnsweringInClosure(w http.ResponseWriter, r *http.Request) {
	var once sync.Once
	if err := ping(r.RemoteAddr); err != nil { // want `ping sends a request without a context, dropping r.Context\(\)`
		once.Do(func() { http.Error(w, err.Error(), http.StatusBadGateway) })
	}
}

// endSessionEncoder answers after the check through an encoder made on w
// before the call.
func endSessionEncoder(w http.ResponseWriter, r *http.Request) {
	enc := json.NewEncoder(w)
	resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
	if err != nil {
		log.Printf("idp logout: %v", err)
		return
	}
	resp.Body.Close()
	enc.Encode(map[string]bool{"signed_out": true})
}

// endSessionInClosure returns early from a closure, not from the handler,
// which answers afterwards.
func endSessionInClosure(w http.ResponseWriter, r *http.Request) {
	func() {
		resp, err := http.Get("http://idp.internal/logout") // want `http.Get sends a request without a context, dropping r.Context\(\)`
		if err != nil {
			log.Printf("idp logout: %v", err)
			return
		}
		resp.Body.Close()
	}()
	fmt.Fprintln(w, "signed out")
}

func closeQuietly(resp *http.Response, err error) {
	if err == nil {
		resp.Body.Close()
	}
}

// deferredArgument: the arguments of a deferred call are evaluated at the
// defer statement, so this request is sent at once, in the caller's time.
func deferredArgument(ctx context.Context, u string) {
	defer closeQuietly(http.Get(u)) // want `http.Get sends a request without a context, dropping ctx`
	<-ctx.Done()
}

// warmThumbnail fetches an image so that a cache holds it; it returns
// nothing and logs its own failures.
func warmThumbnail(u string) {
	resp, err := http.Get(u)
	if err != nil {
		log.Printf("thumbnail: %v", err)
		return
	}
	resp.Body.Close()
}

// publishPost answers the same whether the thumbnail was warmed or not:
// a call statement of a function with no results, given none of the
// handler's parameters, cannot tell it anything or write the answer.
func publishPost(w http.ResponseWriter, r *http.Request) {
	thumb := "http://img.internal/" + url.PathEscape(r.FormValue("slug"))
	warmThumbnail(thumb) // nothing comes back: not reported
	fmt.Fprintln(w, "published")
}

// warmFor writes what it fetched to the answer it is given.
func warmFor(w http.ResponseWriter, u string) {
	resp, err := http.Get(u)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	fmt.Fprintln(w, "warm")
}

// publishPostAnswering hands the ResponseWriter to the helper: the answer
// is the helper's, and waits on its request.
func publishPostAnswering(w http.ResponseWriter, r *http.Request) {
	warmFor(w, "http://img.internal/"+url.PathEscape(r.FormValue("slug"))) // want `warmFor sends a request without a context, dropping r.Context\(\)`
}
