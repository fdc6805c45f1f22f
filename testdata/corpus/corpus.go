// Package corpus pins the real-world modules that httpvet is measured on.
// Nothing here runs: the blank imports keep the modules in go.mod, and the
// corpus test in cmd/httpvet lints their packages from the module cache.
package corpus

import (
	_ "github.com/PagerDuty/go-pagerduty"
	_ "github.com/cloudflare/cloudflare-go"
	_ "github.com/cli/go-gh/v2/pkg/api"
	_ "github.com/digitalocean/godo"
	_ "github.com/google/go-github/v74/github"
	_ "github.com/hashicorp/consul/api"
	_ "github.com/hashicorp/go-retryablehttp"
	_ "github.com/hashicorp/vault/api"
	_ "github.com/openai/openai-go/v3"
	_ "github.com/sashabaranov/go-openai"
	_ "github.com/slack-go/slack"
	_ "github.com/stripe/stripe-go/v82"
	_ "golang.org/x/oauth2"
	_ "golang.org/x/oauth2/clientcredentials"
)
