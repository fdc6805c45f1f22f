package httpmodel

import "fmt"

// FuncFact describes a function that sends or builds an HTTP request, in
// terms of its own parameters, so that a caller in any package can work out
// the method and context of the request a call of it sends. Real SDKs split
// the work: Users.Get calls the SDK's NewRequest("GET", ...) and then its
// Do(ctx, req, &v); the first is a builder (Builds, MethodParam 0), the
// second a sender of its parameter (Sends, Sent.FromParam 1, context from
// parameter 0), and from both Users.Get is known to send a GET with its ctx.
//
// Facts are gob-encoded by go vet's unitchecker: keep the fields exported,
// small and of basic types.
type FuncFact struct {
	// Sends reports that calling the function sends an HTTP request.
	Sends bool
	// Sent describes the request it sends, when Sends.
	Sent ReqDesc
	// Builds reports that the function returns an *http.Request (at result
	// BuiltResult) that it builds or passes through.
	Builds      bool
	Built       ReqDesc
	BuiltResult int
	// Lazy reports that every request the function sends initialises state
	// its receiver keeps, at most once: the send is guarded by a field of
	// the receiver that the guarded code sets (a negotiated version, a
	// fetched token), or runs in a sync.Once. Calls of it are not
	// independent reads: later calls read what the first one stored.
	Lazy bool
	// Sealed reports that the function sends without a context only
	// through calls nothing in its module can change: functions of
	// another module that offer no context-taking variant (see
	// ContextSibling), or functions of its own module that are sealed in
	// turn. Giving the function a context parameter would not reach the
	// request, so its callers are not asked to.
	Sealed bool
}

// AFact marks FuncFact as an analysis fact.
func (*FuncFact) AFact() {}

func (f *FuncFact) String() string {
	s := ""
	if f.Sends {
		s += "sends(" + f.Sent.String() + ")"
	}
	if f.Builds {
		if s != "" {
			s += " "
		}
		s += fmt.Sprintf("builds#%d(%s)", f.BuiltResult, f.Built.String())
	}
	if f.Lazy {
		s += " lazy"
	}
	if f.Sealed {
		s += " sealed"
	}
	return s
}

// ReqDesc describes a request in terms of a function's parameters.
// Parameter indexes count from 0 and exclude the receiver; -1 means none.
type ReqDesc struct {
	// FromParam is the parameter whose *http.Request this is; its method and
	// context are the caller's, unless Method or Context say otherwise.
	FromParam int
	// Method is the constant method, or "".
	Method string
	// MethodParam is the parameter whose value is the method.
	MethodParam int
	// Context is what is known of the request's context.
	Context CtxKind
	// ContextParam is the parameter that is the context, when Context is CtxParam.
	ContextParam int
	// InheritContext reports that the context is the one of the FromParam request.
	InheritContext bool
}

func noDesc() ReqDesc { return ReqDesc{FromParam: -1, MethodParam: -1, ContextParam: -1} }

func (d ReqDesc) String() string {
	s := "method="
	switch {
	case d.Method != "":
		s += d.Method
	case d.MethodParam >= 0:
		s += fmt.Sprintf("param%d", d.MethodParam)
	case d.FromParam >= 0:
		s += fmt.Sprintf("fromparam%d", d.FromParam)
	default:
		s += "?"
	}
	s += " ctx=" + d.Context.String()
	if d.InheritContext {
		s += fmt.Sprintf("(fromparam%d)", d.FromParam)
	}
	if d.Context == CtxParam {
		s += fmt.Sprint(d.ContextParam)
	}
	return s
}

// merge combines the descriptions of two requests a function sends: what
// they agree on is kept, the rest becomes unknown.
func (d ReqDesc) merge(o ReqDesc) ReqDesc {
	if d.FromParam != o.FromParam {
		d.FromParam = -1
	}
	if d.Method != o.Method {
		d.Method = ""
	}
	if d.MethodParam != o.MethodParam {
		d.MethodParam = -1
	}
	if d.Context != o.Context || d.ContextParam != o.ContextParam || d.InheritContext != o.InheritContext {
		d.Context, d.ContextParam, d.InheritContext = CtxUnknown, -1, false
	}
	return d
}
