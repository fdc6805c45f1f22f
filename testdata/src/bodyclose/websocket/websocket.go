// Package websocket is a stub of a websocket library: its dial functions
// return the handshake response, whose body belongs to the connection.
package websocket

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
)

// Conn is an upgraded connection.
type Conn struct{ rwc io.ReadWriteCloser }

// Dialer dials over a raw connection and reads the handshake response.
type Dialer struct{}

func (d *Dialer) Dial(u string, h http.Header) (*Conn, *http.Response, error) {
	conn, err := net.Dial("tcp", u)
	if err != nil {
		return nil, nil, err
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+u+"/", nil)
	req.Header = h
	if err := req.Write(conn); err != nil {
		return nil, nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return nil, resp, fmt.Errorf("handshake: %s", resp.Status)
	}
	return &Conn{rwc: conn}, resp, nil
}

// Dial upgrades through an http.Client: the 101 response's body is the connection.
func Dial(ctx context.Context, u string, hc *http.Client) (*Conn, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Upgrade", "websocket")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return nil, resp, fmt.Errorf("handshake: %s", resp.Status)
	}
	rwc, _ := resp.Body.(io.ReadWriteCloser)
	return &Conn{rwc: rwc}, resp, nil
}
